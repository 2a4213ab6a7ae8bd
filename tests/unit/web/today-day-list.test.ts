import { describe, expect, it } from 'vitest';
import { mergeRead, placePayment } from '../../../src/routes/cashier/payments/day-list';
import { cny, payment } from '../offline/fixtures';

/** Today's payments as they are read page by page and as they arrive live: each once, newest first. */
describe("today's list as it is read and as payments arrive", () => {
	const paid = (id: string, overrides = {}) => payment({ id, ...overrides });
	const ids = (list: readonly { id: string }[] | null) => list?.map((p) => p.id);

	it('keeps a payment that arrived while a page was read once, as the page has it, newest first', () => {
		const live = paid('pay_3', { refunded: cny(100) });
		const read = [paid('pay_4'), paid('pay_3'), paid('pay_2')];
		const merged = mergeRead([live, paid('pay_1')], read);
		expect(ids(merged)).toEqual(['pay_4', 'pay_3', 'pay_2', 'pay_1']);
		expect(merged.find((p) => p.id === 'pay_3')?.refunded).toEqual(cny(0));
	});

	it('puts a payment already listed in its place (a refund made), not first', () => {
		const list = [paid('pay_2'), paid('pay_1')];
		const placed = placePayment(list, paid('pay_1', { refunded: cny(500) }), () => false);
		expect(ids(placed.list)).toEqual(['pay_2', 'pay_1']);
		expect(placed.list?.[1]?.refunded).toEqual(cny(500));
		expect(placed.readNotes).toBe(false);
		expect(list[1]?.refunded, 'the list given is not changed').toEqual(cny(0));
	});

	it("puts a new payment of the day first, and leaves another day's out", () => {
		const list = [paid('pay_1')];
		expect(ids(placePayment(list, paid('pay_2'), () => true).list)).toEqual(['pay_2', 'pay_1']);
		expect(placePayment(list, paid('pay_2'), () => false)).toEqual({ list: null, readNotes: false });
		// Not settled yet: not on the day's list, whatever its day.
		expect(placePayment(list, paid('pay_2', { settledAt: null }), () => true)).toEqual({ list: null, readNotes: false });
	});

	it("reads the Day report's notes again for another day's sale refunded or paid in cash now", () => {
		expect(placePayment([], paid('pay_0', { refunded: cny(100) }), () => false)).toEqual({ list: null, readNotes: true });
		const cash = { at: '2025-01-02T09:00:00.000Z', note: '', cashierId: 'c1' };
		expect(placePayment([], paid('pay_0', { status: 'declined', paidInCash: cash }), () => false)).toEqual({ list: null, readNotes: true });
	});
});
