/**
 * The QR encoder (qrcode, ~9 KB gzipped) is not in the customer's first load: it is fetched when
 * the customer screen opens (preloadQrEncoder) and drawn by QrCode.svelte once it is there. The
 * service worker precaches the chunk, so the code screen works offline all the same.
 */
import type { create } from 'qrcode';
import { fetchOnce } from './fetch-once';

export type QrCreate = typeof create;

/** The encoder's `create`, fetched once (again on the next call if the fetch failed). */
export const loadQrEncoder: () => Promise<QrCreate> = fetchOnce(async () => {
	const m = await import('qrcode');
	return (m.default ?? m).create;
});

/** Starts the fetch early (the customer screen), so the code screen draws the QR at once. */
export function preloadQrEncoder(): void {
	loadQrEncoder().catch(() => undefined);
}
