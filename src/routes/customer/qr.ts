/**
 * The code's drawers are not in the customer's first load: the QR encoder (qrcode, ~9 KB gzipped) and the Code 128
 * barcode's (code128.ts, ~0.7 KB) are fetched when the customer screen opens (preloadCodeDrawers) and drawn by
 * QrCode.svelte and Barcode.svelte once they are there. The service worker precaches the chunks, so the code screen
 * works offline all the same.
 */
import type { create } from 'qrcode';
import type { code128cBars } from '$lib/ui/barcode/code128';
import { fetchOnce } from './fetch-once';

export type QrCreate = typeof create;
export type BarcodeBars = typeof code128cBars;

/** The encoder's `create`, fetched once (again on the next call if the fetch failed). */
export const loadQrEncoder: () => Promise<QrCreate> = fetchOnce(async () => {
	const m = await import('qrcode');
	return (m.default ?? m).create;
});

/** The barcode's bars, fetched once (again on the next call if the fetch failed). */
export const loadBarcodeBars: () => Promise<BarcodeBars> = fetchOnce(async () => (await import('$lib/ui/barcode/code128')).code128cBars);

/** Starts the fetches early (the customer screen), so the code screen draws the QR and the barcode at once. */
export function preloadCodeDrawers(): void {
	loadQrEncoder().catch(() => undefined);
	loadBarcodeBars().catch(() => undefined);
}
