/**
 * The html5-qrcode implementation of CameraScanner. Only camera.ts imports this file, and only
 * dynamically, so the decoder is a chunk of its own.
 *
 * html5-qrcode never decodes when the code in the frame is larger than its `qrbox` (STACK.md), and
 * a phone held close to a tablet fills the frame: the box is therefore most of the picture.
 */
import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { classifyCameraError, type CameraBackend, type CameraScanner } from './camera';
import { decodeInTurns, type CanvasDecoder } from './decode-in-turns';

/** Share of the smaller side of the picture that is searched for a code. */
const QRBOX_SHARE = 0.8;
/** Frames decoded per second: enough to read a code in under a second without heating the tablet. */
const SCAN_FPS = 12;

let nextId = 0;

export const html5QrcodeBackend: CameraBackend = (container, opts) => {
	// html5-qrcode finds its element by id; give the container one of our own.
	const el = document.createElement('div');
	el.id = `camera-scanner-${++nextId}`;
	el.className = 'camera-scanner-surface';
	container.replaceChildren(el);

	const reader = new Html5Qrcode(el.id, {
		verbose: false,
		formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE, Html5QrcodeSupportedFormats.CODE_128],
		useBarCodeDetectorIfSupported: true
	});
	// html5-qrcode takes no decoder of ours, so its own (the private `qrcode`, as in 2.3.8, pinned) is wrapped; were
	// it gone in another version, scanning goes on as filmed only (and the pay-by-camera test's code stalls).
	const decoder = (reader as unknown as { qrcode?: CanvasDecoder }).qrcode;
	if (typeof decoder?.decodeAsync === 'function') decodeInTurns(decoder);
	const listeners: ((text: string) => void)[] = [];
	let torchSupported = false;
	let running = false;

	const scanner: CameraScanner = {
		async start() {
			try {
				await reader.start(
					{ facingMode: opts.facingMode ?? 'environment' },
					{
						fps: SCAN_FPS,
						qrbox: (w: number, h: number) => {
							const side = Math.max(50, Math.floor(Math.min(w, h) * QRBOX_SHARE));
							return { width: side, height: side };
						},
						// A phone's screen is never mirrored; the mirrored try decoded every frame a second time.
						disableFlip: true
					},
					(text) => listeners.forEach((l) => l(text)),
					() => {
						// Called for every frame without a code: normal, nothing to say.
					}
				);
				running = true;
			} catch (e) {
				throw classifyCameraError(e);
			}
			try {
				torchSupported = reader.getRunningTrackCameraCapabilities().torchFeature().isSupported();
			} catch {
				torchSupported = false;
			}
		},
		async stop() {
			if (!running) return;
			running = false;
			try {
				await reader.stop();
				reader.clear();
			} catch {
				// Already stopped (the page was hidden, the track ended): nothing left to release.
			}
		},
		onCode(listener) {
			listeners.push(listener);
		},
		get torchSupported() {
			return torchSupported;
		},
		async setTorch(on) {
			if (!torchSupported) return;
			await reader.getRunningTrackCameraCapabilities().torchFeature().apply(on);
		}
	};
	return scanner;
};
