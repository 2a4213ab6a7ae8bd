/**
 * The server's window for a sale taken offline: how old it may be when it syncs (24 hours by default). Said in the
 * sign-out question, and, kept on the tablet, by when the sales waiting for a sign-in must go out. Pure, but for the
 * tablet's storage, which is given.
 */
import type { I18n } from '$lib/i18n/i18n.svelte';

const HOUR_MS = 3_600_000;
/** The server's window when it does not say (servers before the field), and on a tablet never told one. */
export const DEFAULT_OFFLINE_WINDOW_MS = 24 * HOUR_MS;
/** Where the tablet keeps the window the last sign-in here was told, for when the session is gone. */
export const OFFLINE_WINDOW_KEY = 'pos.cashier.offline-window-ms';

/** The tablet's localStorage, or null where it is blocked (the line then says 24 hours). */
export function tabletStorage(): Storage | null {
	try {
		return localStorage;
	} catch {
		return null;
	}
}

/** How old a queued sale may be when it syncs, in the server's words (24 hours by default; servers before this field). */
export function offlineWindowText(i18n: Pick<I18n, 't'>, windowMs: number | undefined): string {
	const ms = windowMs ?? DEFAULT_OFFLINE_WINDOW_MS;
	return ms % HOUR_MS === 0 ? i18n.t('duration.hours', { count: ms / HOUR_MS }) : i18n.t('duration.minutes', { count: Math.floor(ms / 60_000) });
}

/**
 * By when the sales waiting for a sign-in must go out: the first sale's scan plus the server's window, as the last
 * sign-in here was told it (`storedWindow`, as kept on the tablet: the session is gone by now; 24 hours, the default,
 * on a tablet that was never told). Null when no sale waits.
 */
export function waitingDeadline(firstScannedAt: string | null, storedWindow: string | null | undefined): string | null {
	const windowMs = Number(storedWindow) || DEFAULT_OFFLINE_WINDOW_MS;
	return firstScannedAt ? new Date(Date.parse(firstScannedAt) + windowMs).toISOString() : null;
}
