import { AMOUNT_MAX_MINOR } from '../money.js';
import { COUNTER_SALE_MS, type CodeTimes } from '../payments/scan-time.js';

/**
 * What a top-up at the counter decides, from facts already read: pure, so it is tested without a database
 * (tests/unit/api/counter-topup.test.ts) and counter.ts only reads and writes.
 *
 * The payment code only names the customer here: the top-up neither uses it up nor touches its coupon, so the
 * customer pays with it right after. It must be a code the customer shows now: issued, not used, and neither expired
 * nor replaced by a newer one at the moment the cashier took it (`scannedAt`). That moment may lie a little in the
 * past, as a sale's may (COUNTER_SALE_MS): the cashier reads the name back and the customer says yes, and meanwhile
 * the minute-long code runs out or the phone shows its next one. Nothing older: a top-up is never queued offline.
 */
export type TopUpCodeRefusal = 'CODE_UNKNOWN' | 'CODE_EXPIRED' | 'CODE_USED';
export type TopUpCodeVerdict = { ok: true } | { ok: false; reason: TopUpCodeRefusal };

/** The oldest scan a top-up is taken for, in ms before the request: a sale at the counter's (payments/scan-time.ts). */
export const TOPUP_SCAN_AGE_MAX_MS = COUNTER_SALE_MS;

export function judgeTopUpCode(code: CodeTimes | undefined, scannedAt: number, now: number): TopUpCodeVerdict {
  if (!code) return { ok: false, reason: 'CODE_UNKNOWN' };
  if (code.state === 'used') return { ok: false, reason: 'CODE_USED' };
  if (now - scannedAt > TOPUP_SCAN_AGE_MAX_MS) return { ok: false, reason: 'CODE_EXPIRED' };
  // A till's clock may run a little early: a scan "before" the code was made is taken as made then. (Within the
  // window above, it can be no earlier than two minutes before now, and the code was made before now.)
  const at = Math.max(scannedAt, code.created_at);
  if (at >= code.expires_at) return { ok: false, reason: 'CODE_EXPIRED' };
  if (code.state === 'retired' && (code.ended_at ?? 0) <= at) return { ok: false, reason: 'CODE_EXPIRED' };
  return { ok: true };
}

/** The words of a refused code, for the API's error message (the app says it in the cashier's language). */
export const CODE_REFUSAL_MESSAGES: Record<TopUpCodeRefusal, string> = {
  CODE_UNKNOWN: 'No customer shows this payment code: check the digits, or ask for the code on their phone now.',
  CODE_EXPIRED: 'This payment code was put away, replaced or expired on the customer’s phone: ask the customer to show a payment code now.',
  CODE_USED: 'This payment code was used for a payment: ask the customer for the code their phone shows now.',
};

export type TopUpAmountVerdict = { ok: true } | { ok: false; reason: 'CURRENCY_MISMATCH' | 'AMOUNT_OUT_OF_RANGE' };

/** A top-up is 1 to AMOUNT_MAX_MINOR minor units of the ledger's currency, as the customer's own (DESIGN.md "API"). */
export function judgeTopUpAmount(amount: { amount: number; currency: string }, ledgerCurrency: string): TopUpAmountVerdict {
  if (amount.currency !== ledgerCurrency) return { ok: false, reason: 'CURRENCY_MISMATCH' };
  if (!Number.isSafeInteger(amount.amount) || amount.amount < 1 || amount.amount > AMOUNT_MAX_MINOR) return { ok: false, reason: 'AMOUNT_OUT_OF_RANGE' };
  return { ok: true };
}

/**
 * Whether a counter top-up may be reversed by this shop, from its row and its reversal if any: a top-up another shop
 * took is as unknown to this one as one never made (no hint that it exists), and one is reversed once, whole.
 * Whether the wallet still holds the amount is the ledger's answer (postTransfers' floor), not decided here.
 */
export type TopUpReversalRefusal = 'NOT_FOUND' | 'ALREADY_REVERSED';
export type TopUpReversalVerdict = { ok: true } | { ok: false; reason: TopUpReversalRefusal };

export function judgeTopUpReversal(topUp: { merchant_id: string } | undefined, reversed: boolean, merchantId: string): TopUpReversalVerdict {
  if (!topUp) return { ok: false, reason: 'NOT_FOUND' };
  if (topUp.merchant_id !== merchantId) return { ok: false, reason: 'NOT_FOUND' };
  if (reversed) return { ok: false, reason: 'ALREADY_REVERSED' };
  return { ok: true };
}
