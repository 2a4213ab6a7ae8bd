/**
 * The shapes of the public HTTP API (team brief, "The HTTP API"). Written by hand, since the front end
 * never imports api/ (client.ts is a small fetch wrapper); tests/contract/client-types.ts holds them to
 * the API's own schemas when the types are checked (`npm run check`), so a drift on either side fails it.
 */
import type { Money } from '$lib/money/money';

export type { Money };

export interface CustomerSession {
	role: 'customer';
	customerId: string;
	handle: string;
	expiresAt: string;
}

export interface CashierSession {
	role: 'cashier';
	merchantId: string;
	merchantName: string;
	cashierId: string;
	handle: string;
	canManage: boolean;
	currency: string;
	expiresAt: string;
	/** The shop's time zone (IANA), where its day starts (absent from servers older than this field). */
	timeZone?: string;
	/** What the shop accepts while a tablet is offline (absent from servers older than this field). */
	offlineLimits?: { paymentMax: Money; totalMax: Money; countMax: number };
	/** How old a queued offline scan may be when it syncs, in ms (absent from servers older than this field). */
	offlineWindowMs?: number;
}

export type Session = CustomerSession | CashierSession;
export type WithToken<S> = S & { token: string };

export interface Wallet {
	accountId: string;
	balance: Money;
	/** Whether the server takes top-ups (absent from a wallet kept from before the API said: taken as yes). */
	topUps?: boolean;
}

export type CouponRule =
	| { kind: 'fixed'; off: number }
	| { kind: 'percent'; percent: number; cap: number | null }
	| { kind: 'threshold'; minimum: number; off: number };

/** `shared`: offered to a friend through a share link and not yet claimed (it can be taken back). */
export type CouponState = 'available' | 'reserved' | 'redeemed' | 'expired' | 'shared';

export interface Coupon {
	id: string;
	campaignId: string;
	title: string;
	state: CouponState;
	rule: CouponRule;
	funding: 'merchant' | 'platform';
	merchants: 'all' | { id: string; name: string }[];
	minimumSpend: Money | null;
	validFrom: string;
	validUntil: string;
	reservedUntil: string | null;
	/** Whether the owner may pass it to a friend (the campaign allows sharing). */
	shareable?: boolean;
	/** The open share link's token while the coupon is offered to a friend. */
	shareToken?: string | null;
}

export interface PayCode {
	code: string;
	expiresAt: string;
	expiresInMs: number;
	couponId: string | null;
}

export type PaymentStatus = 'succeeded' | 'declined' | 'partially_refunded' | 'refunded';

export type DeclineReason =
	| 'CODE_UNKNOWN'
	| 'CODE_EXPIRED'
	| 'CODE_USED'
	| 'COUPON_NOT_APPLICABLE'
	| 'INSUFFICIENT_FUNDS'
	| 'OFFLINE_WINDOW_PASSED'
	| 'OFFLINE_PAYMENT_CAP';

export type CouponDetail =
	| 'BELOW_MINIMUM'
	| 'NO_DEDUCTION'
	| 'WRONG_MERCHANT'
	| 'NOT_YET_VALID'
	| 'EXPIRED'
	| 'BUDGET_EXHAUSTED'
	| 'NOT_OWNER'
	| 'NOT_AVAILABLE';

export interface Payment {
	id: string;
	status: PaymentStatus;
	reason: DeclineReason | null;
	/**
	 * Why a coupon was refused; or, on CODE_USED, that the code was live when this till scanned it and was used after
	 * (USED_AFTER_SCAN), or that it was used up at this shop (USED_HERE): both name the customer to the shop.
	 */
	reasonDetail: CouponDetail | 'USED_AFTER_SCAN' | 'USED_HERE' | null;
	amount: Money;
	deduction: Money;
	charged: Money;
	settlement: Money;
	refunded: Money;
	/** Of the refunds so far: cash back to the wallet, and the platform's subsidy reversed. */
	refundedCash: Money;
	refundedSubsidy: Money;
	couponId: string | null;
	couponTitle: string | null;
	/** The coupon's rule, to name it in the reader's language (absent from answers kept from before the API gave it). */
	couponRule?: CouponRule | null;
	/** Where the coupon can be used, by shop name, when it was refused as not for this shop (WRONG_MERCHANT); else null or absent. */
	couponShops?: string[] | null;
	/** The least order the coupon is for, when it was refused as below it (BELOW_MINIMUM); else null or absent. */
	couponMinimum?: Money | null;
	campaignId: string | null;
	funding: 'merchant' | 'platform' | null;
	merchantId: string;
	merchantName: string;
	cashierId: string;
	/** Who took the sale (absent from answers kept from before the API gave it). */
	cashierHandle?: string | null;
	customerId: string | null;
	customerHandle: string | null;
	scannedAt: string | null;
	settledAt: string | null;
	/** A declined payment the customer then paid in cash at the counter, with the cashier's note. */
	paidInCash?: { at: string; note: string; cashierId: string } | null;
	/**
	 * A declined payment the customer left without paying, noted so at the counter: when, the note ('' for none) and
	 * who. Absent from answers kept from before the API gave it.
	 */
	notPaid?: { at: string; note: string; cashierId: string; cashierHandle: string | null; zNumber: number | null } | null;
	/**
	 * Its "not paid" notes a manager took back, oldest first: when each was noted, by whom, with what note, and who
	 * took it back when. Absent from answers kept from before the API gave it.
	 */
	notPaidTakenBack?: {
		at: string;
		note: string;
		cashierId: string;
		cashierHandle: string | null;
		takenBackAt: string;
		takenBackBy: string;
		takenBackByHandle: string | null;
	}[];
	/**
	 * On a decline of a code used up at this shop (USED_HERE): the shop's payment that used it up. Absent from
	 * answers kept from before the API gave it.
	 */
	codeUsedBy?: { paymentId: string; status: PaymentStatus; amount: Money; settledAt: string; paidInCash: boolean } | null;
	/**
	 * On a decline for a balance too low: how much more the wallet needed for the charge when it was declined. Absent
	 * from answers kept from before the API gave it.
	 */
	shortBy?: Money | null;
}

export interface Refund {
	id: string;
	paymentId: string;
	amount: Money;
	cash: Money;
	subsidy: Money;
	createdAt: string;
	/** This refund gave the payment's coupon back (a full refund while the coupon was valid). */
	couponReturned: boolean;
	/** Who gave it, in the shop's answer to GET /payments/{id} only (null: a cashier not on file). */
	cashierHandle?: string | null;
}

/** A refund in the wallet's history (GET /wallet/refunds): with its shop and the payment it refunds. */
export interface WalletRefund extends Refund {
	merchantName: string;
	paymentSettledAt: string;
	/**
	 * The refunded payment's order amount: named on the refund's line when the coupon paid all of it (charged ¥0.00).
	 * Absent from answers kept on the phone from before the API gave it.
	 */
	paymentAmount?: Money;
	/** What the refunded payment took from the wallet. */
	paymentCharged: Money;
}

export interface PaymentPage {
	payments: Payment[];
	next: string | null;
}

export interface NewCampaign {
	title: string;
	rule: CouponRule;
	validFrom?: string;
	validUntil: string;
	minimumSpend?: Money;
	stock?: number;
	perCustomerLimit?: number;
	budget?: Money;
	/** Customers may pass its coupons on to a friend. */
	shareable?: boolean;
}

/** What GET /api/campaigns lists; only the fields the UI shows are relied on. */
export interface Campaign {
	id: string;
	title: string;
	rule: CouponRule;
	validFrom?: string;
	validUntil?: string;
	stock?: number | null;
	issued?: number;
	[key: string]: unknown;
}

/**
 * Why the server refused a session (a 401's `reason`, api/auth/sessions.ts): it ran out, or was ended by its own
 * sign-out, by a manager signing the cashier out on every tablet, by a new PIN, or by the cashier's removal. Absent
 * from a server older than it, and for a token it never gave.
 */
export type SessionRefusedReason = 'expired' | 'signed_out' | 'signed_out_by_manager' | 'pin_changed' | 'removed';
export const SESSION_REFUSED_REASONS: readonly SessionRefusedReason[] = ['expired', 'signed_out', 'signed_out_by_manager', 'pin_changed', 'removed'];
export const isSessionRefusedReason = (value: unknown): value is SessionRefusedReason =>
	typeof value === 'string' && (SESSION_REFUSED_REASONS as readonly string[]).includes(value);

export interface ApiErrorBody {
	error: { code: string; message: string; field?: string; limit?: 'handle' | 'address'; triesLeft?: number; reason?: SessionRefusedReason };
}
