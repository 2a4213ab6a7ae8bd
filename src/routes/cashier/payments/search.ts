/** Search over today's payments: customer, amounts as shown or typed, coupon, status, its short reference or whole id. Pure. */
import type { Payment } from '$lib/api/types';
import { referenceMatches } from '$lib/payments/reference';
import type { I18n } from '$lib/i18n/i18n.svelte';
import { describeRule } from '$lib/i18n/phrases';
import { fromMinor } from '$lib/money/entry';
import { fractionDigits } from '$lib/money/money';
import type { OutboxEntry } from '$lib/offline/types';

export function matchesSearch(p: Payment, query: string, i18n: Pick<I18n, 'money' | 't'>): boolean {
	const q = query.trim().toLowerCase();
	if (!q) return true;
	// Neither the id nor its reference is in the text searched: the id's time part (the same in every sale of the day) and
	// random characters hold pairs of digits, and an amount typed ("25") listed sales of other amounts. The reference
	// the customer's phone shows is matched on its own below, from REFERENCE_MATCH_MIN_CHARS characters on.
	const haystack = [
		p.customerHandle ?? '',
		p.couponTitle ?? '',
		// The coupon as the screen may name it (满¥50减¥10 for "¥10 off orders of ¥50 or more"), found by those words too.
		p.couponRule ? (describeRule(i18n, p.couponRule, p.amount.currency) ?? '') : '',
		p.status,
		i18n.t(`status.${p.status}`),
		i18n.money(p.amount),
		i18n.money(p.charged),
		fromMinor(p.amount.amount, fractionDigits(p.amount.currency)),
		fromMinor(p.charged.amount, fractionDigits(p.charged.currency))
	]
		.join(' ')
		.toLowerCase();
	// A whole id, pasted (from a support message, the API), is that payment's.
	const id = p.id.toLowerCase();
	// A reference read out and typed may have O for 0, I for 1, a "#" or a space in it: matched forgivingly, word by
	// word and as a whole ("W1B0 RNEJ"); the rest of the search (names, amounts) is matched as typed.
	return q.split(/\s+/).every((word) => word === id || haystack.includes(word) || referenceMatches(p.id, word)) || referenceMatches(p.id, q);
}

/** The same search over a sale waiting in the tablet's outbox: its amount, its state, its code's last four digits. */
export function matchesWaiting(e: OutboxEntry, query: string, i18n: Pick<I18n, 'money' | 't'>): boolean {
	const q = query.trim().toLowerCase();
	if (!q) return true;
	const haystack = [e.state, i18n.t(`status.${e.state === 'syncing' ? 'syncing' : 'queued'}`), i18n.t('payments.waiting'), i18n.money(e.amount), fromMinor(e.amount.amount, fractionDigits(e.amount.currency)), e.code.slice(-4)]
		.join(' ')
		.toLowerCase();
	return q.split(/\s+/).every((word) => haystack.includes(word));
}
