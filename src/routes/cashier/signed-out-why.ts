/** The cashier's sign-in screen, signed out by the server: why, in its words. Pure. */
import type { MessageKey } from '$lib/i18n/en';
import type { I18n } from '$lib/i18n/i18n.svelte';
import type { Ended } from '$lib/session/session.svelte';

/**
 * The sign-in screen's lead after the server ended this tablet's sign-in: why, as its 401 said (a new PIN, a manager's
 * sign-out from Staff, the cashier removed, run out), naming the cashier. A server that did not say (older than the
 * reason), or a reason the tablet has no words of its own for: every reason there could be, as before.
 */
export function signedOutWhyText(i18n: Pick<I18n, 't'>, ended: Pick<Ended, 'handle' | 'reason'>): string {
	const keys: Partial<Record<NonNullable<Ended['reason']>, MessageKey>> = {
		pin_changed: 'cashier.signin.endedPin',
		signed_out_by_manager: 'cashier.signin.endedByManager',
		removed: 'cashier.signin.endedRemoved',
		expired: 'cashier.signin.endedRanOut'
	};
	const key = ended.reason && Object.hasOwn(keys, ended.reason) ? keys[ended.reason] : undefined;
	// Without a handle the specific words would name no one: the general ones.
	return key && (ended.handle || ended.reason === 'expired') ? i18n.t(key, { handle: ended.handle }) : i18n.t('cashier.signin.ended');
}
