import { describe, expect, it } from 'vitest';
import type { Payment, WalletRefund } from '$lib/api/types';
import { historyEntries, historyToKeep, uniqueById, withLivePayment, withLivePayments, type TopUp } from '$lib/customer/history';

const payment = (id: string, at: string) => ({ id, settledAt: at, scannedAt: at }) as unknown as Payment;
const topUp = (id: string, at: string): TopUp => ({ id, at, amount: { amount: 5_000, currency: 'CNY' } });
const refund = (id: string, at: string, paymentId: string, paymentAt: string): WalletRefund => ({
	id,
	paymentId,
	amount: { amount: 500, currency: 'CNY' },
	cash: { amount: 450, currency: 'CNY' },
	subsidy: { amount: 50, currency: 'CNY' },
	createdAt: at,
	couponReturned: false,
	merchantName: 'Demo Café',
	paymentSettledAt: paymentAt,
	paymentCharged: { amount: 3_000, currency: 'CNY' }
});

describe('the wallet history: payments and top-ups in one list', () => {
	const payments = [payment('pay_3', '2026-12-01T12:00:00Z'), payment('pay_2', '2026-12-01T10:00:00Z')];
	const topUps = [topUp('trf_2', '2026-12-01T11:00:00Z'), topUp('trf_1', '2026-12-01T09:00:00Z')];
	const ids = (lists: Partial<Parameters<typeof historyEntries>[0]>) =>
		historyEntries({ payments: [], topUps: [], refunds: [], morePayments: false, ...lists }).map((e) => e.id);

	it('newest first, each top-up between the payments made around it', () => {
		expect(ids({ payments, topUps })).toEqual(['pay_3', 'trf_2', 'pay_2', 'trf_1']);
	});

	it('while older payments are still to load, a top-up older than all shown waits for them', () => {
		expect(ids({ payments, topUps, morePayments: true })).toEqual(['pay_3', 'trf_2', 'pay_2']);
	});

	it('only top-ups, or nothing at all', () => {
		expect(ids({ topUps })).toEqual(['trf_2', 'trf_1']);
		expect(ids({})).toEqual([]);
	});
});

describe('the wallet history: a refund is a line of its own, on the day it was made', () => {
	// Paid on 24 Nov; refunded in part on 1 Dec, after a coffee that morning and a top-up.
	const lastWeek = payment('pay_1', '2026-11-24T09:00:00Z');
	const today = payment('pay_2', '2026-12-01T08:00:00Z');
	const back = refund('ref_1', '2026-12-01T10:00:00Z', 'pay_1', '2026-11-24T09:00:00Z');
	const topUps = [topUp('trf_1', '2026-12-01T09:00:00Z')];

	it('sits among the day’s lines by its own time, and its payment stays on the day it was made', () => {
		const entries = historyEntries({ payments: [today, lastWeek], topUps, refunds: [back], morePayments: false });
		expect(entries.map((e) => [e.kind, e.id])).toEqual([
			['refund', 'ref_1'],
			['topup', 'trf_1'],
			['payment', 'pay_2'],
			['payment', 'pay_1']
		]);
		// One line each: the refund is not counted again on its payment's line, nor the payment twice.
		expect(entries.filter((e) => e.kind === 'refund')).toHaveLength(1);
		expect(entries.filter((e) => e.kind === 'payment' && e.id === 'pay_1')).toHaveLength(1);
		expect(entries[0]).toMatchObject({ kind: 'refund', paymentShown: true, refund: back });
	});

	it('is listed today even while the payment it refunds is on a page not yet loaded, and says so', () => {
		const entries = historyEntries({ payments: [today], topUps: [], refunds: [back], morePayments: true });
		expect(entries.map((e) => e.id)).toEqual(['ref_1', 'pay_2']);
		expect(entries[0]).toMatchObject({ kind: 'refund', paymentShown: false });
	});

	it('older than every payment shown, it waits for the older payments, as a top-up does', () => {
		const early = refund('ref_0', '2026-11-30T10:00:00Z', 'pay_0', '2026-11-20T10:00:00Z');
		expect(historyEntries({ payments: [today], topUps: [], refunds: [back, early], morePayments: true }).map((e) => e.id)).toEqual(['ref_1', 'pay_2']);
		expect(historyEntries({ payments: [today], topUps: [], refunds: [back, early], morePayments: false }).map((e) => e.id)).toEqual(['ref_1', 'pay_2', 'ref_0']);
	});

	it('two refunds of one payment are two lines, each at its own time', () => {
		const rest = refund('ref_2', '2026-12-02T10:00:00Z', 'pay_1', '2026-11-24T09:00:00Z');
		const entries = historyEntries({ payments: [lastWeek], topUps: [], refunds: [rest, back], morePayments: false });
		expect(entries.map((e) => e.id)).toEqual(['ref_2', 'ref_1', 'pay_1']);
	});
});

describe('uniqueById', () => {
	it('keeps the first of each id, in order: a row added live is not listed again when its page loads', () => {
		const a = payment('pay_2', '2026-12-01T10:00:00Z');
		const b = payment('pay_1', '2026-12-01T09:00:00Z');
		const again = payment('pay_2', '2026-12-01T10:00:00Z');
		expect(uniqueById([a, b, again])).toEqual([a, b]);
		expect(uniqueById([])).toEqual([]);
	});
});

describe('withLivePayment: a payment arriving live', () => {
	const shown = [payment('pay_3', '2026-12-01T12:00:00Z'), payment('pay_2', '2026-12-01T10:00:00Z')];

	it('replaces its line when shown (a refund of it), or goes on top (a new payment)', () => {
		const refunded = { ...shown[1]!, status: 'partially_refunded' } as Payment;
		expect(withLivePayment(shown, refunded, true)).toEqual([shown[0], refunded]);
		const fresh = payment('pay_4', '2026-12-01T13:00:00Z');
		expect(withLivePayment(shown, fresh, true)).toEqual([fresh, ...shown]);
	});

	it('refunded from a page not yet loaded, it waits for that page; with every page loaded, it is listed', () => {
		const old = payment('pay_1', '2026-11-24T09:00:00Z');
		expect(withLivePayment(shown, old, true)).toEqual(shown);
		expect(withLivePayment(shown, old, false)).toEqual([old, ...shown]);
		expect(withLivePayment([], old, false)).toEqual([old]);
	});
});

describe('the wallet history kept on the phone for reading offline', () => {
	const payments = [payment('pay_3', '2026-12-01T12:00:00Z'), payment('pay_2', '2026-12-01T10:00:00Z')];
	const topUps = [topUp('trf_2', '2026-12-01T11:00:00Z'), topUp('trf_1', '2026-12-01T09:00:00Z')];
	const refunds = [refund('ref_1', '2026-12-01T11:30:00Z', 'pay_2', '2026-12-01T10:00:00Z')];
	const shown = (lists: Parameters<typeof historyEntries>[0]) => historyEntries(lists).map((e) => e.id);

	it('within its limit, keeps every line shown, and offline they list exactly as they did', () => {
		const lists = { payments, topUps, refunds, morePayments: false };
		const kept = historyToKeep(lists, 10);
		expect(kept).toEqual(lists);
		expect(shown(kept)).toEqual(['pay_3', 'ref_1', 'trf_2', 'pay_2', 'trf_1']);
	});

	it('over its limit, keeps the newest payments with the lines among them, and says older payments exist', () => {
		const kept = historyToKeep({ payments, topUps, refunds, morePayments: false }, 1);
		expect(kept.payments.map((p) => p.id)).toEqual(['pay_3']);
		expect(kept.morePayments).toBe(true);
		// Older than every payment kept, the rest would wait for "Show more", which needs the network: not kept.
		expect(shown(kept)).toEqual(['pay_3']);
		expect([...kept.topUps, ...kept.refunds]).toEqual([]);
	});

	it('keeps the newest payments, whatever order the screen had them in (one arrived live on top)', () => {
		const kept = historyToKeep({ payments: [payments[1]!, payments[0]!], topUps, refunds, morePayments: false }, 1);
		expect(kept.payments.map((p) => p.id)).toEqual(['pay_3']);
	});

	it('keeps no top-up the screen was holding back for older payments', () => {
		const kept = historyToKeep({ payments, topUps, refunds: [], morePayments: true }, 10);
		expect(kept.topUps.map((t) => t.id)).toEqual(['trf_2']);
		expect(kept.morePayments).toBe(true);
	});
});

describe('withLivePayments: payments told by the event stream, folded into the kept history without reading it again', () => {
	const money = (amount: number) => ({ amount, currency: 'CNY' });
	const paid = (id: string, at: string, charged: number, status: Payment['status'] = 'succeeded', refunded = 0) =>
		({ ...payment(id, at), status, charged: money(charged), refunded: money(refunded) }) as Payment;
	const kept = { payments: [paid('pay_2', '2026-12-01T10:00:00Z', 1_250)], topUps: [topUp('trf_1', '2026-12-01T09:00:00Z')], refunds: [], morePayments: false };

	it('a new payment goes on top, and the balance moved by what it charged (not the coupon’s part)', () => {
		const coffee = paid('pay_3', '2026-12-01T12:00:00Z', 1_799);
		const folded = withLivePayments(kept, [coffee]);
		expect(folded?.balanceChangeMinor).toBe(-1_799);
		expect(historyEntries(folded!.lists).map((e) => e.id)).toEqual(['pay_3', 'pay_2', 'trf_1']);
		expect(folded!.lists.topUps).toEqual(kept.topUps);
	});

	it('a declined payment is listed and took nothing; several in a row add up, to the fen', () => {
		const declined = paid('pay_3', '2026-12-01T12:00:00Z', 0, 'declined');
		const one = paid('pay_4', '2026-12-01T12:01:00Z', 1);
		const two = paid('pay_5', '2026-12-01T12:02:00Z', 99_999_999);
		const folded = withLivePayments(kept, [declined, one, two]);
		expect(folded?.balanceChangeMinor).toBe(-100_000_000);
		expect(historyEntries(folded!.lists).map((e) => e.id)).toEqual(['pay_5', 'pay_4', 'pay_3', 'pay_2', 'trf_1']);
	});

	it('the same payment told twice, or one the last read already had, moves nothing and is listed once', () => {
		const again = paid('pay_2', '2026-12-01T10:00:00Z', 1_250);
		const folded = withLivePayments(kept, [again, again]);
		expect(folded?.balanceChangeMinor).toBe(0);
		expect(folded!.lists.payments).toEqual([again]);
	});

	it('a refund is not folded: its own line (id, date, cash back) is not in the event', () => {
		expect(withLivePayments(kept, [paid('pay_2', '2026-12-01T10:00:00Z', 1_250, 'partially_refunded', 500)])).toBeNull();
		// Refunded from a page not kept, too.
		expect(withLivePayments(kept, [paid('pay_0', '2026-11-01T10:00:00Z', 800, 'refunded', 800)])).toBeNull();
	});

	it('a payment older than every kept one while older ones exist is not folded: its place among them is not known', () => {
		const late = paid('pay_1', '2026-11-30T10:00:00Z', 300);
		expect(withLivePayments({ ...kept, morePayments: true }, [late])).toBeNull();
		expect(withLivePayments(kept, [late])?.balanceChangeMinor).toBe(-300);
	});

	it('nothing told, nothing changed', () => {
		expect(withLivePayments(kept, [])).toEqual({ lists: kept, balanceChangeMinor: 0 });
	});
});
