import { describe, expect, it } from 'vitest';
import { newEntry } from '../../../src/lib/offline/entry';
import type { OutboxEntry } from '../../../src/lib/offline/types';
import { stillWaiting, todayRows, waitingTotal, withAnswered } from '../../../src/routes/cashier/payments/rows';
import { cny, payment } from '../offline/fixtures';

/** Today's list with the sales that wait on the tablet to be sent: where they go, and that each shows once. */
describe("today's rows with the sales waiting on the tablet", () => {
	const at = (hhmm: string) => `2026-12-02T${hhmm}:00.000Z`;
	const waitingSale = (sequence: number, scannedAt: string, amount = 1_000): OutboxEntry =>
		newEntry({
			idempotencyKey: `key-${sequence}`,
			terminalId: 't1',
			sequence,
			merchantId: 'm1',
			cashierId: 'c1',
			code: `88000000000000000${sequence}`,
			amount: cny(amount),
			scannedAt,
			now: Date.parse(scannedAt)
		});
	// As the server lists them: newest first (its ids follow the settle time).
	const paid = (id: string, settledAt: string, amount = 500) => payment({ id, settledAt, scannedAt: settledAt, amount: cny(amount), charged: cny(amount) });

	it('places each waiting sale by the time it was taken, among the payments, newest first', () => {
		const list = [paid('pay_3', at('10:30')), paid('pay_2', at('10:10')), paid('pay_1', at('09:00'))];
		const rows = todayRows(list, [waitingSale(1, at('09:30')), waitingSale(2, at('10:20')), waitingSale(3, at('10:40'))]);
		expect(rows.map((r) => r.key)).toEqual(['key-3', 'pay_3', 'key-2', 'pay_2', 'key-1', 'pay_1']);
		expect(rows.filter((r) => r.kind === 'waiting')).toHaveLength(3);
	});

	it('lists only waiting sales when the day could not be read (offline)', () => {
		expect(todayRows([], [waitingSale(1, at('09:30')), waitingSale(2, at('09:30'))]).map((r) => r.key)).toEqual(['key-2', 'key-1']);
	});

	it('shows a sale once when its payment reaches the list before the tablet has its answer', () => {
		const sale = waitingSale(1, at('09:30'), 1_234);
		const other = waitingSale(2, at('09:31'), 1_234);
		const itsPayment = payment({ id: 'pay_9', amount: cny(1_234), cashierId: 'c1', scannedAt: at('09:30'), settledAt: at('11:00') });
		expect(stillWaiting([sale, other], [itsPayment])).toEqual([other]);
		// Another cashier's sale of the same amount at the same second is not it.
		expect(stillWaiting([sale], [{ ...itsPayment, cashierId: 'c2' }])).toEqual([sale]);
	});

	it("adds the payments the outbox was answered with that the list has not read, keeping the list's own copy", () => {
		const listed = [paid('pay_2', at('10:10'))];
		const refunded = { ...paid('pay_2', at('10:10')), status: 'refunded' as const };
		const justPaid = paid('pay_5', at('11:00'));
		const yesterdays = paid('pay_0', '2026-12-01T23:00:00.000Z');
		const ofToday = (p: { settledAt: string | null }) => (p.settledAt ?? '').startsWith('2026-12-02');
		const result = withAnswered([refunded], [listed[0], justPaid, justPaid, yesterdays], ofToday);
		expect(result.map((p) => [p.id, p.status])).toEqual([
			['pay_5', 'succeeded'],
			['pay_2', 'refunded']
		]);
		expect(withAnswered(listed, [], ofToday)).toBe(listed);
	});

	it('sums what the waiting sales ask, apart from the day', () => {
		expect(waitingTotal([waitingSale(1, at('09:30'), 700), waitingSale(2, at('09:31'), 850)], 'CNY')).toEqual(cny(1_550));
		expect(waitingTotal([], 'CNY')).toEqual(cny(0));
	});
});
