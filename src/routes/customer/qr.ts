/**
 * The QR encoder (qrcode, ~9 KB gzipped) is not in the customer's first load: it is fetched when
 * the customer screen opens (preloadQrEncoder) and drawn by QrCode.svelte once it is there. The
 * service worker precaches the chunk, so the code screen works offline all the same.
 */
import type { create } from 'qrcode';

export type QrCreate = typeof create;

let loading: Promise<QrCreate> | null = null;

/** The encoder's `create`, fetched once (again on the next call if the fetch failed). */
export function loadQrEncoder(): Promise<QrCreate> {
	loading ??= import('qrcode').then(
		(m) => (m.default ?? m).create,
		(err: unknown) => {
			loading = null;
			throw err;
		}
	);
	return loading;
}

/** Starts the fetch early (the customer screen), so the code screen draws the QR at once. */
export function preloadQrEncoder(): void {
	loadQrEncoder().catch(() => undefined);
}
