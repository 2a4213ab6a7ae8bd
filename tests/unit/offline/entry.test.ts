import { describe, expect, it } from 'vitest';
import { claimEntry, isQueued, newEntry, readDeclined, releaseEntry, reopenEntry, resolveDeclined, resolveEntry, settleEntry } from '../../../src/lib/offline/entry';
import type { Resolution } from '../../../src/lib/offline/types';
import { IllegalTransitionError } from '../../../src/lib/offline/transitions';
import { cny, code, payment } from './fixtures';

const T0 = Date.parse('2025-01-01T10:00:00Z');
const fresh = () =>
	newEntry({
		idempotencyKey: 'key-1',
		terminalId: 't1',
		sequence: 7,
		merchantId: 'm1',
		cashierId: 'c1',
		code: code(1),
		amount: cny(1_250),
		scannedAt: new Date(T0).toISOString(),
		now: T0
	});

describe('one outbox entry through its life', () => {
	it('starts queued, due at once, never sent', () => {
		expect(fresh()).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: T0, sequence: 7 });
	});

	it('says whether the cashier typed its code (a code typed and naming no one was likely mistyped), and only then', () => {
		expect(fresh()).not.toHaveProperty('typed');
		const typed = newEntry({ ...fresh(), scannedAt: new Date(T0).toISOString(), now: T0, typed: true });
		expect(typed.typed).toBe(true);
		// Kept through its moves, for the declined list to read once the server has answered.
		expect(claimEntry(typed, T0, 90_000).typed).toBe(true);
	});

	it('counts each send and holds a lease while in flight', () => {
		const e = claimEntry(fresh(), T0, 90_000);
		expect(e).toMatchObject({ state: 'syncing', attempts: 1, leaseUntil: T0 + 90_000 });
	});

	it('a sale sent at once at the counter is not counted as queued; left mid-send (a reload) or failed, it is', () => {
		const nothing = { codes: new Set<string>(), answeredKeys: new Set<string>() };
		const atCounter = { codes: new Set([code(1)]), answeredKeys: new Set<string>() };
		const sending = claimEntry(fresh(), T0, 10_000);
		expect(isQueued(sending, atCounter)).toBe(false);
		// After a reload nothing is being sent at the counter: the entry left in flight counts as queued.
		expect(isQueued(sending, nothing)).toBe(true);
		// Answered, while the outbox's live query still shows it in flight: not queued either.
		expect(isQueued(sending, { codes: new Set(), answeredKeys: new Set(['key-1']) })).toBe(false);
		// The send failed: it waits in the queue, counted even while the charge is still finishing.
		const released = settleEntry(sending, { kind: 'retry', error: 'network: down' }, T0 + 5, 3_000)!;
		expect(isQueued(released, atCounter)).toBe(true);
		expect(isQueued(fresh(), nothing)).toBe(true);
		expect(isQueued(settleEntry(sending, { kind: 'succeeded', payment: payment() }, T0, 0)!, nothing)).toBe(false);
	});

	it('goes back to the queue after a network failure with the same key and a later retry time', () => {
		const e = settleEntry(claimEntry(fresh(), T0, 1), { kind: 'retry', error: 'network: down' }, T0 + 5, 3_000)!;
		expect(e).toMatchObject({ state: 'queued', idempotencyKey: 'key-1', nextAttemptAt: T0 + 3_005, lastError: 'network: down' });
	});

	it('records the payment on success and the reason on decline', () => {
		const ok = settleEntry(claimEntry(fresh(), T0, 1), { kind: 'succeeded', payment: payment() }, T0, 0)!;
		expect(ok).toMatchObject({ state: 'succeeded', payment: { id: 'pay_1' }, lastError: null });
		const declined = payment({ status: 'declined', reason: 'INSUFFICIENT_FUNDS' });
		const no = settleEntry(claimEntry(fresh(), T0, 1), { kind: 'declined', payment: declined, error: null }, T0, 0)!;
		expect(no).toMatchObject({ state: 'declined', payment: { reason: 'INSUFFICIENT_FUNDS' } });
	});

	it('keeps a request error as declined with the error (never dropped)', () => {
		const e = settleEntry(
			claimEntry(fresh(), T0, 1),
			{ kind: 'rejected', error: { code: 'INVALID_REQUEST', message: 'bad', status: 400 } },
			T0,
			0
		)!;
		expect(e).toMatchObject({ state: 'declined', error: { code: 'INVALID_REQUEST' } });
	});

	it('takes a late verdict for an entry whose lease ran out and was re-queued', () => {
		const requeued = releaseEntry(claimEntry(fresh(), T0, 1), T0, 'answer lost');
		const e = settleEntry(requeued, { kind: 'succeeded', payment: payment() }, T0, 0)!;
		expect(e.state).toBe('succeeded');
	});

	it('ignores a second answer for an entry that already has its verdict', () => {
		const paid = settleEntry(claimEntry(fresh(), T0, 1), { kind: 'succeeded', payment: payment() }, T0, 0)!;
		expect(settleEntry(paid, { kind: 'succeeded', payment: payment({ id: 'pay_2' }) }, T0, 0)).toBeNull();
		expect(settleEntry(paid, { kind: 'retry', error: 'x' }, T0, 0)).toBeNull();
	});

	it('resolves a declined entry by a new charge or by cash with a note, and only a declined one', () => {
		const declined = settleEntry(
			claimEntry(fresh(), T0, 1),
			{ kind: 'declined', payment: payment({ status: 'declined', reason: 'CODE_EXPIRED' }), error: null },
			T0,
			0
		)!;
		const cash = resolveEntry(declined, { kind: 'settled_in_cash', note: 'paid 12.50 in cash', resolvedAt: 'now' });
		expect(cash).toMatchObject({ state: 'resolved', resolution: { kind: 'settled_in_cash' } });
		expect(() => resolveEntry(declined, { kind: 'settled_in_cash', note: '  ', resolvedAt: 'now' })).toThrow(/note/);
		expect(() => resolveEntry(fresh(), { kind: 'charged_again', idempotencyKey: 'k2', resolvedAt: 'now' })).toThrow(
			IllegalTransitionError
		);
	});

	it('resolves as already paid only a sale declined as a code already used up at this shop', () => {
		const declinedAs = (reasonDetail: 'USED_HERE' | 'USED_AFTER_SCAN' | null) =>
			settleEntry(
				claimEntry(fresh(), T0, 1),
				{ kind: 'declined', payment: payment({ status: 'declined', reason: 'CODE_USED', reasonDetail }), error: null },
				T0,
				0
			)!;
		const paid = resolveEntry(declinedAs('USED_HERE'), { kind: 'already_paid', paidBy: 'pay_1', resolvedAt: 'now' });
		expect(paid).toMatchObject({ state: 'resolved', resolution: { kind: 'already_paid', paidBy: 'pay_1' } });
		// Used up elsewhere, or before the scan: nothing says this sale was paid.
		for (const detail of ['USED_AFTER_SCAN', null] as const) {
			expect(() => resolveEntry(declinedAs(detail), { kind: 'already_paid', paidBy: null, resolvedAt: 'now' })).toThrow(/already used at this shop/);
		}
		expect(() => resolveEntry(paid, { kind: 'already_paid', paidBy: 'pay_1', resolvedAt: 'now' })).toThrow(IllegalTransitionError);
	});

	it('a declined entry settled on another screen (resolved, or gone from the outbox) is said so, not settled twice', () => {
		const declined = settleEntry(
			claimEntry(fresh(), T0, 1),
			{ kind: 'declined', payment: payment({ status: 'declined', reason: 'CODE_EXPIRED' }), error: null },
			T0,
			0
		)!;
		const cash: Resolution = { kind: 'settled_in_cash', note: 'cash', resolvedAt: 'then' };
		const settled = resolveDeclined(declined, cash);
		expect(settled).toEqual({ kind: 'resolved', entry: resolveEntry(declined, cash), before: declined });
		if (settled.kind !== 'resolved') throw new Error('resolved above');
		// The other tab charged it again first: this tab's "Paid in cash" finds it resolved, and changes nothing.
		expect(resolveDeclined(settled.entry, { kind: 'charged_again', idempotencyKey: 'k2', resolvedAt: 'now' })).toEqual({ kind: 'sorted_elsewhere' });
		expect(resolveDeclined(undefined, cash)).toEqual({ kind: 'sorted_elsewhere' });
		expect(readDeclined(settled.entry)).toEqual({ kind: 'sorted_elsewhere' });
		expect(readDeclined(declined)).toEqual({ kind: 'declined', entry: declined });
		// Never on the declined list: queued, or paid, is an impossible state there, not "sorted elsewhere".
		expect(() => readDeclined(fresh())).toThrow(IllegalTransitionError);
		expect(() => resolveDeclined(settleEntry(claimEntry(fresh(), T0, 1), { kind: 'succeeded', payment: payment() }, T0, 0)!, cash)).toThrow(
			IllegalTransitionError
		);
	});

	it('Undo of "Already paid — remove" puts the entry back exactly as it was, once; no other settlement is undone', () => {
		const declined = settleEntry(
			claimEntry(fresh(), T0, 1),
			{ kind: 'declined', payment: payment({ status: 'declined', reason: 'CODE_USED', reasonDetail: 'USED_HERE' }), error: null },
			T0,
			0
		)!;
		const removal: Resolution = { kind: 'already_paid', paidBy: 'pay_1', resolvedAt: '2025-01-01T10:05:00.000Z' };
		const removed = resolveEntry(declined, removal);
		expect(reopenEntry(removed, declined, removal)).toEqual({ kind: 'reopened', entry: declined });
		// Pruned meanwhile: put back all the same.
		expect(reopenEntry(undefined, declined, removal)).toEqual({ kind: 'reopened', entry: declined });
		// Put back already (a second tap on Undo, another tab's): nothing to do.
		expect(reopenEntry(declined, declined, removal)).toEqual({ kind: 'sorted_elsewhere' });
		// Another removal than the one this Undo is for.
		expect(reopenEntry(resolveEntry(declined, { ...removal, resolvedAt: '2025-01-01T10:06:00.000Z' }), declined, removal)).toEqual({
			kind: 'sorted_elsewhere'
		});
		// Charged again or paid in cash: money moved, or cash was recorded: no Undo.
		const cash: Resolution = { kind: 'settled_in_cash', note: 'cash', resolvedAt: 'then' };
		expect(() => reopenEntry(resolveEntry(declined, cash), declined, cash)).toThrow(/only "Already paid — remove"/);
		expect(() => reopenEntry(removed, removed, removal)).toThrow(/declined entry/);
	});
});
