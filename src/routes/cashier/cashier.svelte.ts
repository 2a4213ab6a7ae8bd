/** The cashier's session, created by the cashier layout and handed down by context. */
import { getContext, setContext } from 'svelte';
import type { CashierSession } from '$lib/api/types';
import type { SessionStore } from '$lib/session/session.svelte';

export type CashierSessionStore = SessionStore<CashierSession>;

const KEY = Symbol('cashier');
export const setCashier = (s: CashierSessionStore) => setContext(KEY, s);
export const getCashier = () => getContext<CashierSessionStore>(KEY);

/**
 * Today's date in the shop's time zone, as the API's `date` parameter (YYYY-MM-DD). The shop's day is the
 * server's (TIME_ZONE: its reports and Z closes start at that midnight), which need not be the tablet's own
 * zone; without one from the server, the tablet's zone.
 */
export function today(timeZone?: string, now = new Date()): string {
	if (timeZone) {
		try {
			const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
			const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
			return `${part('year')}-${part('month')}-${part('day')}`;
		} catch {
			// An unknown zone name: fall back to the tablet's own day below.
		}
	}
	const y = now.getFullYear();
	const m = String(now.getMonth() + 1).padStart(2, '0');
	const d = String(now.getDate()).padStart(2, '0');
	return `${y}-${m}-${d}`;
}
