/**
 * The coupon chosen on the home screen, kept for this tab (sessionStorage) so that a reload keeps it. Stored
 * with the customer it was chosen by: another customer signing in on the phone starts with no coupon. Pure but
 * for the storage handed in; storage that is blocked or full is no choice kept.
 */
const KEY = 'pos.customer.couponChoice';

type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** This tab's sessionStorage, or null where reading it throws (blocked in private modes). */
export function sessionStorageOrNull(): ChoiceStorage | null {
	try {
		return globalThis.sessionStorage ?? null;
	} catch {
		return null;
	}
}

/** The coupon id chosen last by `customerId` in this tab; '' ("no coupon") when none was. */
export function readChoice(storage: ChoiceStorage | null, customerId: string): string {
	try {
		const kept = JSON.parse(storage?.getItem(KEY) ?? 'null') as { customerId?: unknown; couponId?: unknown } | null;
		return kept && kept.customerId === customerId && typeof kept.couponId === 'string' ? kept.couponId : '';
	} catch {
		return '';
	}
}

/** Keeps `couponId` as `customerId`'s choice; '' or null forgets it. */
export function saveChoice(storage: ChoiceStorage | null, customerId: string, couponId: string | null): void {
	try {
		if (couponId) storage?.setItem(KEY, JSON.stringify({ customerId, couponId }));
		else storage?.removeItem(KEY);
	} catch {
		// Full or blocked: the choice lasts as long as the page.
	}
}
