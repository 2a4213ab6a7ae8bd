/**
 * The day's top-up list's calls (GET /topups, POST /topups/{id}/reversal), beside the list (TopUpsOfDay.svelte), which
 * alone imports them: in $lib/api/cashier.ts they went into a chunk the customer's first load shares, which has no
 * room for them.
 */
import type { ApiClient } from '$lib/api/client';
import type { Money } from '$lib/api/types';

/** One of the shop's counter top-ups of a day, as its tills list them (GET /topups). */
export interface ShopTopUp {
	id: string;
	amount: Money;
	customer: { handle: string };
	/** The handle of the cashier who took the cash. */
	cashier: string;
	at: string;
	/** A manager took it back: when, and who. */
	reversal: { id: string; at: string; by: string } | null;
}

/**
 * A shop's counter top-ups of a day (YYYY-MM-DD, the shop's), newest first, a page at a time (`limit` of them, the
 * server's default when absent); with the first page, the top-ups of earlier days reversed that day (absent from a
 * server older than them).
 */
export const getTopUpsOfDay = (api: ApiClient, date: string, before: string | null = null, limit?: number) =>
	api.get<{ date: string; topUps: ShopTopUp[]; next: string | null; earlierReversed?: ShopTopUp[] }>(
		`/topups?date=${date}${before ? `&before=${encodeURIComponent(before)}` : ''}${limit ? `&limit=${limit}` : ''}`
	);

/**
 * A manager takes a counter top-up back, whole. A wallet that holds less is answered (409 WALLET_SPENT) with what it
 * holds, so the manager can say so; other refusals are thrown. One key per confirmed reversal, reused for its retries.
 */
export const reverseTopUp = (api: ApiClient, id: string, idempotencyKey: string) =>
	api.request<{ topUp: ShopTopUp } | { error: { code: string; message: string }; balance?: Money }>('POST', `/topups/${encodeURIComponent(id)}/reversal`, {
		body: {},
		idempotencyKey,
		accept: [409]
	});
