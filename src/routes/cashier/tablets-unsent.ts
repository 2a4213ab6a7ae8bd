/**
 * What the shop's tablets last said they hold unsent, those still signed in but silent, and those whose sign-in ran out
 * (GET /api/tablets/unsent, managers), less this tablet's own,
 * which the screens already show from its outbox (Today's waiting line, the close's "queued on this tablet").
 */
import type { ApiClient } from '$lib/api/client';
import type { TabletUnsent } from '$lib/api/reports';
import type { LazyCashierOffline } from '$lib/offline/context.svelte';

export type { TabletUnsent };

/** This tablet's terminal id (its outbox's), or null where it has none yet or IndexedDB cannot be read. */
async function ownTerminalId(offline: LazyCashierOffline): Promise<string | null> {
	try {
		const row = await (await offline.ready).engine.db.meta.get('terminal');
		return row?.key === 'terminal' ? row.terminalId : null;
	} catch {
		return null;
	}
}

export async function otherTabletsUnsent(api: ApiClient, offline: LazyCashierOffline): Promise<TabletUnsent[]> {
	const [{ tablets }, own] = await Promise.all([api.get<{ tablets: TabletUnsent[] }>('/tablets/unsent'), ownTerminalId(offline)]);
	// A server older than the sign-in that ran out sends no `signInRanOutAt`.
	return tablets.filter((t) => t.terminalId !== own && (t.count > 0 || t.silent || Boolean(t.signInRanOutAt)));
}

/**
 * A manager says another tablet is gone (broken, lost, wiped): the server names it no more until it reports again.
 * One key per confirmed forget, reused for its retries; a refusal is thrown (ApiError).
 */
export const forgetTablet = (api: ApiClient, terminalId: string, idempotencyKey: string) =>
	api.request<{ terminalId: string; forgottenAt: string }>('DELETE', `/tablets/${encodeURIComponent(terminalId)}/unsent`, { idempotencyKey });
