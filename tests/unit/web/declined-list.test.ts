import { describe, expect, it } from 'vitest';
import { counterEnglish } from './support/counter-english';
import type { Payment } from '../../../src/lib/api/types';
import {
	chargeAgainIntent,
	chargeAgainStartCode,
	chargedAgainText,
	codeDigits,
	declinedAgainText,
	doneTestId,
	doneText,
	mistyped,
	paidHere,
	reasonOf,
	type Done
} from '../../../src/lib/offline/declined-list';
import type { OutboxEntry } from '../../../src/lib/offline/types';

const english = counterEnglish;

const CODE = '881234567890123456';
const cny = (amount: number) => ({ amount, currency: 'CNY' });
/** The server's declined payment, with only what the list reads of it. */
const declinedPayment = (fields: Partial<Payment>) => ({ reason: null, reasonDetail: null, codeUsedBy: null, customerHandle: null, ...fields }) as Payment;
/** A sale taken offline and declined when it was sent. */
const entry = (fields: Partial<OutboxEntry> = {}) =>
	({
		idempotencyKey: 'key-1',
		code: CODE,
		amount: cny(600),
		scannedAt: '2026-12-05T10:00:00.000Z',
		state: 'declined',
		...fields
	}) as OutboxEntry;
const mistypedEntry = () => entry({ typed: true, payment: declinedPayment({ reason: 'CODE_UNKNOWN' }) });
const usedHere = declinedPayment({
	reason: 'CODE_USED',
	reasonDetail: 'USED_HERE',
	codeUsedBy: { paymentId: 'pay_1', status: 'succeeded', amount: cny(600), settledAt: '2026-12-05T10:02:00.000Z', paidInCash: false }
});

describe('a sale on the declined list', () => {
	it('is taken for a mistyped code only when the cashier typed it and it names no customer', () => {
		expect(mistyped(mistypedEntry())).toBe(true);
		// Scanned: the scanner read what the phone showed.
		expect(mistyped(entry({ payment: declinedPayment({ reason: 'CODE_UNKNOWN' }) }))).toBe(false);
		expect(mistyped(entry({ typed: true, payment: declinedPayment({ reason: 'CODE_EXPIRED' }) }))).toBe(false);
		expect(mistyped(entry({ typed: true }))).toBe(false);
	});

	it('says why it was declined: the digits mistyped, the code already paid here, the decline, or the server refusal', () => {
		expect(reasonOf(english, mistypedEntry())).toBe('The code typed, 881 234 567 890 123 456, is no customer’s code: most likely a digit was mistyped.');
		expect(reasonOf(english, entry({ payment: usedHere }))).toMatch(/^This code already paid ¥6\.00 at this shop, at /);
		expect(reasonOf(english, entry({ payment: declinedPayment({ reason: 'INSUFFICIENT_FUNDS' }) }))).toMatch(/^Balance too low/);
		expect(reasonOf(english, entry({ error: { code: 'INVALID_REQUEST', message: 'amount too large' } }))).toBe('The server refused it: amount too large');
	});

	it('leads with "Already paid — remove" only for a code that had already paid at this shop', () => {
		expect(paidHere(english, entry({ payment: usedHere }))).toBe(true);
		expect(paidHere(english, entry({ payment: declinedPayment({ reason: 'CODE_USED' }) }))).toBe(false);
		expect(paidHere(english, entry({ error: { code: 'INVALID_REQUEST', message: '' } }))).toBe(false);
	});

	it('opens Charge again with the mistyped digits to correct, in groups of three, else empty', () => {
		expect(chargeAgainStartCode(mistypedEntry())).toBe('881 234 567 890 123 456');
		expect(chargeAgainStartCode(entry({ payment: usedHere }))).toBe('');
	});
});

describe('Charge again', () => {
	it('takes the digits typed, full-width or grouped, and nothing that is not a payment code', () => {
		expect(codeDigits('881 234 567 890 123 456')).toBe(CODE);
		expect(codeDigits('８８１２３４５６７８９０１２３４５６')).toBe(CODE);
		expect(codeDigits('881 234')).toBeNull();
		expect(codeDigits('')).toBeNull();
	});

	it('judges the mistyped digits corrected as of the sale, typed, and a fresh code as of when its typing began', () => {
		const typedAt = new Date('2026-12-05T11:00:00.000Z');
		const corrected = '881234567890123465'; // the last two digits swapped back
		expect(chargeAgainIntent(mistypedEntry(), corrected, typedAt)).toEqual({
			code: corrected,
			amount: cny(600),
			scannedAt: new Date('2026-12-05T10:00:00.000Z'),
			typed: true
		});
		const fresh = '770000000000000001';
		expect(chargeAgainIntent(mistypedEntry(), fresh, typedAt)).toEqual({ code: fresh, amount: cny(600), scannedAt: typedAt });
		// A sale that was not mistyped: whatever the digits, a fresh code.
		expect(chargeAgainIntent(entry({ payment: usedHere }), corrected, typedAt)).toEqual({ code: corrected, amount: cny(600), scannedAt: typedAt });
	});

	it('says whose code paid, and what, or that the charge was queued', () => {
		const paid = (customerHandle: string | null, deduction = 0) =>
			({
				kind: 'succeeded',
				entry: entry(),
				payment: declinedPayment({ customerHandle, amount: cny(550 + deduction), deduction: cny(deduction), charged: cny(550) })
			}) as const;
		expect(chargedAgainText(english, paid('carol'))).toBe('Charged carol again: Paid ¥5.50');
		expect(chargedAgainText(english, paid(null))).toBe('Charged again: Paid ¥5.50');
		// With a coupon, the sale's amount and the saving too, as the customer's phone shows them.
		expect(chargedAgainText(english, paid('carol', 333))).toBe('Charged carol again: Paid ¥5.50 (¥8.83 less a coupon saving of ¥3.33)');
		expect(chargedAgainText(english, { kind: 'queued', entry: entry(), cause: 'no-answer' })).toBe('Charged again: Queued — not yet paid');
	});

	it('says why it was declined again, or why its request was refused', () => {
		expect(declinedAgainText(english, { kind: 'declined', entry: entry(), payment: declinedPayment({ reason: 'INSUFFICIENT_FUNDS' }) })).toMatch(/^Balance too low/);
		expect(declinedAgainText(english, { kind: 'rejected', entry: entry(), error: { code: 'INVALID_REQUEST', message: '' } })).toBe(
			'A payment code has exactly 18 digits.'
		);
	});
});

describe('the line of the last action', () => {
	const removed: Done = { kind: 'removed', before: entry(), removal: { kind: 'already_paid', paidBy: 'pay_1', resolvedAt: '2026-12-05T10:05:00.000Z' } };

	it('says each outcome in the words on screen now', () => {
		expect(doneText(english, { kind: 'charged', text: 'Charged again: Paid ¥6.00' })).toBe('Charged again: Paid ¥6.00');
		expect(doneText(english, removed)).toBe('Removed ¥6.00 from the list: already paid.');
		expect(doneText(english, { kind: 'not_paid', line: () => 'Not paid: the customer left.' })).toBe('Not paid: the customer left.');
		expect(doneText(english, { kind: 'elsewhere' })).toBe('This sale was already sorted on another screen.');
	});

	it('is found by the same test id for a charge made again and a removal', () => {
		expect(doneTestId({ kind: 'charged', text: '' })).toBe('charged-again');
		expect(doneTestId(removed)).toBe('charged-again');
		expect(doneTestId({ kind: 'not_paid', line: () => '' })).toBe('not-paid-done');
		expect(doneTestId({ kind: 'elsewhere' })).toBe('sorted-elsewhere');
	});
});
