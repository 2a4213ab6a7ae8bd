/** The cashier's session, created by the cashier layout and handed down by context. */
import { getContext, setContext } from 'svelte';
import type { CashierSession } from '$lib/api/types';
import type { SessionStore } from '$lib/session/session.svelte';

export type CashierSessionStore = SessionStore<CashierSession>;

const KEY = Symbol('cashier');
export const setCashier = (s: CashierSessionStore) => setContext(KEY, s);
export const getCashier = () => getContext<CashierSessionStore>(KEY);

/** Today's date in the tablet's time zone, as the API's `date` parameter (YYYY-MM-DD). */
export function today(now = new Date()): string {
	const y = now.getFullYear();
	const m = String(now.getMonth() + 1).padStart(2, '0');
	const d = String(now.getDate()).padStart(2, '0');
	return `${y}-${m}-${d}`;
}
