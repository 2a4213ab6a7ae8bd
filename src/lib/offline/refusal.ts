// Why the tablet would not take a payment, as a message key of the app's dictionaries and its
// values; the screens turn it into words with i18n.t (the decline reasons of the server are in
// $lib/i18n/phrases.ts).
import { timeOnDay } from '$lib/i18n/dates';
import type { I18n } from '$lib/i18n/i18n.svelte';
import type { MessageText } from '$lib/i18n/message-text';
import type { ChargeResult } from './engine';
import type { Money } from './types';

type Refusal = Extract<ChargeResult, { kind: 'refused' }>['refusal'];

export function refusalMessage(refusal: Refusal, i18n: Pick<I18n, 'money' | 'time' | 'date' | 'dateTime'>, now = new Date()): MessageText {
	const money = (m: Money) => i18n.money(m);
	switch (refusal.reason) {
		case 'OFFLINE_PAYMENT_CAP':
			return ['offline.capPayment', { limit: money(refusal.limit) }];
		case 'OFFLINE_TOTAL_CAP':
			return ['offline.capTotal', { limit: money(refusal.limit), pending: money(refusal.pending) }];
		case 'OFFLINE_COUNT_CAP':
			return ['offline.capCount', { limit: refusal.limit }];
		case 'INVALID_CODE':
			return ['entry.codeInvalid'];
		case 'CODE_ALREADY_QUEUED':
			return ['offline.codeQueued', { amount: money(refusal.amount), time: timeOnDay(i18n, refusal.at, now) }];
		case 'CODE_ALREADY_USED':
			return [refusal.paid ? 'offline.codeUsedPaid' : 'offline.codeUsedDeclined', { amount: money(refusal.amount), time: timeOnDay(i18n, refusal.at, now) }];
		case 'INVALID_AMOUNT':
			return ['offline.amountInvalid'];
		case 'SIGNED_OUT':
			return ['charge.signedOut'];
	}
}
