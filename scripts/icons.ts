/**
 * Renders the app icons (static/icons/*.png, static/favicon.png) from one SVG drawing with the
 * Chromium the tests use, so the icons need no image tools. Run after changing the drawing:
 *   npx tsx scripts/icons.ts
 * The maskable icon keeps its mark inside the central 80% "safe zone" that launchers may crop to.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const BRAND = '#0f766e';

/** A QR-like mark: three finder squares and two modules, on the brand colour. `inset` is the share of padding. */
function drawing(size: number, inset: number, rounded: boolean): string {
	const pad = size * inset;
	const s = (size - 2 * pad) / 64; // the mark is drawn on a 64-unit grid
	const r = rounded ? size * 0.22 : 0;
	const sq = (x: number, y: number, w: number, fill: string, rx = 0) =>
		`<rect x="${pad + x * s}" y="${pad + y * s}" width="${w * s}" height="${w * s}" rx="${rx * s}" fill="${fill}"/>`;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
<rect width="${size}" height="${size}" rx="${r}" fill="${BRAND}"/>
${sq(8, 8, 20, '#fff', 4)}${sq(36, 8, 20, '#fff', 4)}${sq(8, 36, 20, '#fff', 4)}
${sq(14, 14, 8, BRAND)}${sq(42, 14, 8, BRAND)}${sq(14, 42, 8, BRAND)}
${sq(36, 36, 9, '#fff')}${sq(47, 47, 9, '#fff')}
</svg>`;
}

const targets: { file: string; size: number; inset: number; rounded: boolean }[] = [
	{ file: 'static/icons/icon-192.png', size: 192, inset: 0.08, rounded: true },
	{ file: 'static/icons/icon-512.png', size: 512, inset: 0.08, rounded: true },
	{ file: 'static/icons/maskable-512.png', size: 512, inset: 0.2, rounded: false },
	{ file: 'static/icons/apple-touch-icon.png', size: 180, inset: 0.12, rounded: false },
	{ file: 'static/favicon.png', size: 48, inset: 0.06, rounded: true }
];

const browser = await chromium.launch({
	executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
	args: ['--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage();
for (const t of targets) {
	await page.setViewportSize({ width: t.size, height: t.size });
	await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${drawing(t.size, t.inset, t.rounded)}`);
	await page.locator('svg').screenshot({ path: t.file, omitBackground: true });
	console.log('wrote', t.file);
}
await browser.close();
