/**
 * Our camera scanner interface. The cashier screens only know this file; the decoder behind it
 * (html5-qrcode today, in html5-qrcode.ts) is loaded on demand when the scan screen opens, because
 * it is ~110 KB gzipped and the counter must open fast. Another decoder (a BarcodeDetector
 * polyfill on zxing-wasm, say) replaces it by providing another `CameraBackend`.
 */

export type CameraErrorKind = 'denied' | 'no-camera' | 'insecure' | 'in-use' | 'failed';

export class CameraError extends Error {
	constructor(
		readonly kind: CameraErrorKind,
		message: string
	) {
		super(message);
		this.name = 'CameraError';
	}
}

export interface CameraScanner {
	/** Opens the camera (back camera by default) inside the container and starts decoding. */
	start(): Promise<void>;
	/** Stops decoding and releases the camera; safe to call twice. */
	stop(): Promise<void>;
	/** Called with the decoded text (not yet checked to be a payment code) for each read. */
	onCode(listener: (text: string) => void): void;
	/** Whether the running camera track has a torch we can switch; known after start(). */
	readonly torchSupported: boolean;
	setTorch(on: boolean): Promise<void>;
}

export interface CameraOptions {
	/** 'environment' is the back camera, the one that faces the customer's phone. */
	facingMode?: 'environment' | 'user';
}

export type CameraBackend = (container: HTMLElement, opts: CameraOptions) => CameraScanner;

/** Maps the ways browsers refuse a camera to the few cases the cashier is told about. */
export function classifyCameraError(err: unknown): CameraError {
	if (err instanceof CameraError) return err;
	const name = (err as { name?: string } | null)?.name ?? '';
	const text = `${name} ${err instanceof Error ? err.message : String(err)}`;
	if (/NotAllowed|Permission|denied|SecurityError/i.test(text)) return new CameraError('denied', text);
	if (/NotFound|DevicesNotFound|Requested device not found|Overconstrained|no camera/i.test(text))
		return new CameraError('no-camera', text);
	if (/NotReadable|TrackStart|in use|Could not start video source/i.test(text)) return new CameraError('in-use', text);
	return new CameraError('failed', text);
}

/**
 * Creates a scanner in `container` (which must be in the document and have a size). Fails early
 * with 'insecure' / 'no-camera' when the browser cannot offer a camera at all, before loading
 * the decoder.
 */
export async function createCameraScanner(container: HTMLElement, opts: CameraOptions = {}): Promise<CameraScanner> {
	if (!window.isSecureContext) throw new CameraError('insecure', 'camera needs https or localhost');
	if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('no-camera', 'no mediaDevices');
	const { html5QrcodeBackend } = await import('./html5-qrcode');
	return html5QrcodeBackend(container, { facingMode: 'environment', ...opts });
}
