// Why the tablet would not take a payment, as a message key of the app's dictionaries and its
// values; the screens turn it into words with i18n.t (the decline reasons of the server are in
// $lib/i18n/phrases.ts).
import type { MessageText } from '$lib/i18n/message-text';
import type { ChargeResult } from './engine';
import type { Money } from './types';

type Refusal = Extract<ChargeResult, { kind: 'refused' }>['refusal'];

export function refusalMessage(
	refusal: Refusal,
	money: (m: Money) => string
): MessageText {
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
			return ['offline.codeQueued'];
		case 'INVALID_AMOUNT':
			return ['offline.amountInvalid'];
		case 'SIGNED_OUT':
			return ['charge.signedOut'];
	}
}
