/**
 * What the sign-out question says and offers: the sales unsent, those declined while it was open, the sale begun at
 * the counter and not charged. Pure: the question (sign-out-question.svelte.ts) gives it the counts it has.
 */
import type { I18n } from '$lib/i18n/i18n.svelte';
import { toMinor } from '$lib/money/entry';
import { fractionDigits } from '$lib/money/money';
import type { CounterDraft } from './counter.svelte';
import { offlineWindowText } from './offline-window';
import type { SaleBegun } from './sign-in-notice.svelte';

/** Where the question stands: the sales unsent, those of them declined since it was asked, the sale left unfinished. */
export interface SignOutState {
	unsent: number;
	declinedWhileAsked: number;
	unfinishedSale: SaleBegun | null;
	/** The server's window for a sale taken offline (offline-window.ts); undefined from servers before the field. */
	offlineWindowMs: number | undefined;
}

/**
 * The sale begun and not charged (an amount keyed, a customer's code taken), on the counter or kept for it, in the
 * shop's currency; null when there is none (or no session to say the currency).
 */
export function saleBegun(draft: Pick<CounterDraft, 'amountText' | 'pending'> | null, currency: string | undefined): SaleBegun | null {
	if (!draft || !currency) return null;
	const minor = toMinor(draft.amountText, fractionDigits(currency));
	const amount = minor > 0 ? { amount: minor, currency } : null;
	const last4 = draft.pending?.code.slice(-4) ?? null;
	return amount || last4 ? { amount, last4 } : null;
}

/** The question's title and text: the sales unsent first, then those declined, then the sale unfinished; else all sent. */
export function signOutWords(i18n: Pick<I18n, 't'>, state: SignOutState): { title: string; text: string } {
	const { unsent, declinedWhileAsked, unfinishedSale } = state;
	return unsent > 0
		? { title: i18n.t('signout.queuedTitle'), text: i18n.t('signout.queuedText', { count: unsent, window: offlineWindowText(i18n, state.offlineWindowMs) }) }
		: declinedWhileAsked > 0
			? {
					title: i18n.t('signout.declinedTitle', { count: declinedWhileAsked }),
					text: i18n.t('signout.declinedText', { count: declinedWhileAsked })
				}
			: unfinishedSale
				? { title: i18n.t('signout.saleTitle'), text: '' }
				: { title: i18n.t('signout.allSentTitle'), text: i18n.t('signout.allSentText') };
}

/** What the unfinished sale is, under the question's other words (or as its only words). */
export function unfinishedSaleText(i18n: Pick<I18n, 't' | 'money'>, sale: SaleBegun | null): string {
	if (!sale) return '';
	if (sale.amount && sale.last4) return i18n.t('signout.saleBoth', { amount: i18n.money(sale.amount), last4: sale.last4 });
	if (sale.amount) return i18n.t('signout.saleAmount', { amount: i18n.money(sale.amount) });
	return i18n.t('signout.saleCode', { last4: sale.last4 ?? '' });
}

/** The question warns (danger) while signing out would lose something: a sale unsent, declined, or unfinished. */
export function signOutLoses(state: SignOutState): boolean {
	return state.unsent > 0 || state.declinedWhileAsked > 0 || state.unfinishedSale !== null;
}

/**
 * The question's two buttons: the first stays signed in (or, once the queue has gone and one was declined, leads to
 * where it waits); the second signs out, "anyway" while a sale unsent or unfinished would go with the sign-in.
 */
export function signOutButtons(state: SignOutState): {
	stay: { variant: 'primary' | 'secondary'; seeDeclined: boolean };
	leave: { variant: 'danger' | 'secondary' | 'primary'; anyway: boolean };
} {
	const { unsent, declinedWhileAsked, unfinishedSale } = state;
	const anyway = unsent > 0 || unfinishedSale !== null;
	return {
		stay: { variant: signOutLoses(state) ? 'primary' : 'secondary', seeDeclined: unsent === 0 && declinedWhileAsked > 0 },
		leave: { variant: anyway ? 'danger' : declinedWhileAsked > 0 ? 'secondary' : 'primary', anyway }
	};
}
