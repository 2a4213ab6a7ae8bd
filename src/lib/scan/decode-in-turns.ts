/**
 * Makes html5-qrcode's decoder look at each camera frame in one of three views in turn: as filmed, turned a
 * quarter, and at half size.
 *
 * Why: its decoder (ZXing) never finds some QR codes at some sizes, however sharp and still the picture is. About
 * 1 payment code in 40, filmed still at 10 px a module, was missed on every frame, so the scan screen said "Hold
 * the phone's code inside the frame" until the cashier gave up (a phone resting on a stand, and the fake camera
 * of the browser tests, never move). Turned or halved, the finder patterns are searched along other rows of
 * pixels, and such a code is read: of 1,800 codes, each view alone missed 0.5–2.3% and all three missed none.
 * Each frame is decoded once, in one view, so a code is read within three frames (a quarter of a second at 12
 * frames a second), at less work than before (html5-qrcode's own mirrored try decoded every frame twice).
 */

/** The part of html5-qrcode's decoder we wrap: it reads the canvas the frame was drawn on. */
export interface CanvasDecoder {
	decodeAsync(canvas: HTMLCanvasElement): Promise<unknown>;
}

export type FrameView = 'as-filmed' | 'quarter-turn' | 'half-size';
export const FRAME_VIEWS: readonly FrameView[] = ['as-filmed', 'quarter-turn', 'half-size'];

export function decodeInTurns(decoder: CanvasDecoder): void {
	const decode = decoder.decodeAsync.bind(decoder);
	const scratch = document.createElement('canvas');
	let turn = 0;
	decoder.decodeAsync = (canvas) => {
		const view = FRAME_VIEWS[turn];
		turn = (turn + 1) % FRAME_VIEWS.length;
		return decode(view === 'as-filmed' ? canvas : drawView(scratch, canvas, view));
	};
}

/** Draws `canvas` into `scratch` as `view`. Setting the size clears the scratch canvas and its transform. */
function drawView(scratch: HTMLCanvasElement, canvas: HTMLCanvasElement, view: Exclude<FrameView, 'as-filmed'>): HTMLCanvasElement {
	const { width, height } = canvas;
	if (view === 'half-size') {
		scratch.width = Math.max(1, Math.round(width / 2));
		scratch.height = Math.max(1, Math.round(height / 2));
	} else {
		scratch.width = height;
		scratch.height = width;
	}
	// The decoder reads the pixels back on every frame; willReadFrequently keeps them in memory, not on the GPU.
	const ctx = scratch.getContext('2d', { willReadFrequently: true });
	if (!ctx) return canvas;
	if (view === 'half-size') {
		ctx.drawImage(canvas, 0, 0, scratch.width, scratch.height);
	} else {
		ctx.translate(height, 0);
		ctx.rotate(Math.PI / 2);
		ctx.drawImage(canvas, 0, 0);
	}
	return scratch;
}
