/**
 * A fake-camera video of a QR code (STACK.md): YUV4MPEG2 640x480, 4:2:0, ten identical frames
 * (Chromium loops the file). Dark modules are Y=0, light Y=255, chroma neutral (128).
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const W = 640;
const H = 480;
const FRAMES = 10;
const QUIET_ZONE = 4;

export function writeQrVideo(file: string, text: string, moduleSizePx = 10): void {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = modules.size + 2 * QUIET_ZONE;
	const side = n * moduleSizePx;
	if (side > H) throw new Error('QR does not fit the frame; use smaller modules');
	const x0 = Math.floor((W - side) / 2);
	const y0 = Math.floor((H - side) / 2);

	const y = Buffer.alloc(W * H, 255); // a white scene, like a phone screen at full brightness
	for (let r = 0; r < modules.size; r++) {
		for (let c = 0; c < modules.size; c++) {
			if (!modules.get(r, c)) continue;
			const px = x0 + (c + QUIET_ZONE) * moduleSizePx;
			const py = y0 + (r + QUIET_ZONE) * moduleSizePx;
			for (let dy = 0; dy < moduleSizePx; dy++) y.fill(0, (py + dy) * W + px, (py + dy) * W + px + moduleSizePx);
		}
	}
	const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
	const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
	const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
	writeFileSync(file, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}
