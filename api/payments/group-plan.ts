import type { CustomerRow, PaycodeRow, PaymentRow } from '../db/schema.js';
import type { TransferRow } from '../ledger/transfers.js';
import { newId } from '../ids.js';
import type { CouponFacts } from '../coupons/verify.js';
import type { CouponRule } from '../coupons/rules.js';
import { nextCouponState } from '../coupons/states.js';
import { floorRefusal, judgeOrder, judgeTiming, type Decline } from './decide.js';
import { SCAN_CLOCK_SKEW_MS } from './scan-time.js';
import type { MerchantFacts } from '../shop/facts.js';
import { declinedRow, paymentBase, succeededRow, type PaymentRequest } from './settle.js';

/**
 * The decisions of a group of payments, made in memory from facts read once for the whole group
 * (settle-group.ts). Pure: each payment is decided by the rules settlePayment asks one statement at a time
 * (decide.ts, for both; settle.ts is the reference the tests compare this with), applied to the group's payments
 * one after another, each seeing what the earlier ones did to the balances and budgets. Only the floors are
 * checked here, against the group's running balances, where settle.ts leaves them to the ledger.
 *
 * A group that meets what only the step-by-step path handles gets `{ steps: reason }` instead of a plan, before
 * anything is written: an unknown code (its guess counter is a write of its own), a scan time in the future (an
 * error answer), the same key, code or coupon twice in the group, an account missing or in another currency.
 */

/** A code as settlement reads it (settle.ts codeWithPayer): the code's row and its customer's account and handle. */
export type CodeFacts = Pick<PaycodeRow, 'code_hash' | 'customer_id' | 'coupon_id' | 'created_at' | 'expires_at' | 'state' | 'ended_at'> &
  Pick<CustomerRow, 'account_id' | 'handle'>;

/** A coupon with its campaign, as stored; whether it is reserved for the paying code is decided per payment. */
export type StoredCoupon = Omit<CouponFacts, 'reservedForThisCode'> & {
  id: string;
  reservedCodeHash: string | null;
  campaignId: string;
  funding: 'merchant' | 'platform';
  title: string;
};

/**
 * The coupon as verification sees it for one payment: the campaign's budget as the group's earlier payments left it
 * (`spentInGroup` added), and whether its reservation is this code's. Written out field by field, not as a spread
 * copy with a property added: on Node 20's V8 that addition takes a slow path, on every coupon payment (2.75 against
 * 0.09 µs measured apart, session 49).
 */
function couponAsVerified(coupon: StoredCoupon, spentInGroup: number, codeHash: string): CouponFacts & { funding: StoredCoupon['funding'] } {
  return {
    ownerId: coupon.ownerId,
    state: coupon.state,
    reservedForThisCode: coupon.reservedCodeHash === codeHash,
    reservedUntil: coupon.reservedUntil,
    rule: coupon.rule,
    validFrom: coupon.validFrom,
    validUntil: coupon.validUntil,
    allMerchants: coupon.allMerchants,
    merchantIds: coupon.merchantIds,
    minimumSpend: coupon.minimumSpend,
    budget: coupon.budget,
    spent: coupon.spent + spentInGroup,
    funding: coupon.funding,
  };
}

export interface AccountFacts {
  id: string;
  currency: string;
  min_balance: number | null;
  balance: number;
}

export interface GroupFacts {
  now: number;
  offlineWindowMs: number;
  /** Keyed by code hash: the group's codes that exist. */
  codes: ReadonlyMap<string, CodeFacts>;
  /** Keyed by coupon id. */
  coupons: ReadonlyMap<string, StoredCoupon>;
  /** The customers' and the platform's accounts the group may debit. */
  accounts: ReadonlyMap<string, AccountFacts>;
  /** Each merchant's account (credits to it are deferred to the end of the group: ledger/deferred.ts) and offline cap. */
  merchants: ReadonlyMap<string, MerchantFacts>;
  /** The hashes of the group's used codes that were used up at the shop of their request (settle.ts codeUsedUpHere). */
  codesUsedHere: ReadonlySet<string>;
}

export interface PlannedPayment {
  row: PaymentRow;
  customerHandle: string | null;
  couponTitle: string | null;
  couponRule: CouponRule | null;
}

export interface GroupPlan {
  payments: PlannedPayment[];
  transfers: TransferRow[];
  /** Net change of each debited account (customers, the platform); never a merchant's. */
  balanceChanges: Map<string, number>;
  merchantCredits: Map<string, number>;
  redemptions: { couponId: string; paymentId: string }[];
  /** What budgeted campaigns spent in this group. */
  campaignSpending: Map<string, number>;
  /** Codes that become `used`: every success, and every decline of a code that was live. */
  codesUsed: string[];
  /** Codes whose reserved coupons go back (their payment was declined). */
  codesReleased: string[];
}

export type PlanOutcome = { plan: GroupPlan } | { steps: string };

export function planGroup(requests: readonly PaymentRequest[], codeHashes: readonly string[], facts: GroupFacts): PlanOutcome {
  const keys = new Set<string>();
  const hashes = new Set<string>();
  const couponIds = new Set<string>();
  for (const [i, req] of requests.entries()) {
    const key = `${req.merchantId}\u0000${req.idempotencyKey}`;
    const hash = codeHashes[i]!;
    if (keys.has(key) || hashes.has(hash)) return { steps: 'a key or a code twice in the group' };
    keys.add(key);
    hashes.add(hash);
    if (req.scannedAt !== null && req.scannedAt > facts.now + SCAN_CLOCK_SKEW_MS) return { steps: 'a scan time in the future' };
    const code = facts.codes.get(hash);
    if (!code) return { steps: 'an unknown code' };
    if (!facts.merchants.has(req.merchantId)) return { steps: 'an unknown merchant' };
    if (code.coupon_id) {
      if (couponIds.has(code.coupon_id)) return { steps: 'a coupon twice in the group' };
      couponIds.add(code.coupon_id);
    }
  }
  // A coupon reserved by another code of this group could be released by that code's decline before its own
  // payment is judged: rare enough to leave to the step-by-step path.
  for (const coupon of facts.coupons.values()) {
    if (coupon.reservedCodeHash !== null && hashes.has(coupon.reservedCodeHash) && facts.codes.get(coupon.reservedCodeHash)?.coupon_id !== coupon.id) {
      return { steps: 'a coupon held by another code of the group' };
    }
  }

  const { now } = facts;
  const balances = new Map([...facts.accounts].map(([id, a]) => [id, a.balance]));
  const spent = new Map<string, number>();
  const plan: GroupPlan = {
    payments: [],
    transfers: [],
    balanceChanges: new Map(),
    merchantCredits: new Map(),
    redemptions: [],
    campaignSpending: new Map(),
    codesUsed: [],
    codesReleased: [],
  };

  for (const [i, req] of requests.entries()) {
    const codeHash = codeHashes[i]!;
    const code = facts.codes.get(codeHash)!;
    const scannedAt = Math.min(req.scannedAt ?? now, now);
    const paymentId = newId('pay', now);
    const base = paymentBase(req, paymentId, scannedAt, now, { customer_id: code.customer_id, code_hash: codeHash, coupon_id: code.coupon_id });
    let coupon: StoredCoupon | undefined;
    const decline = (decision: Decline) => {
      if (code.state === 'live') plan.codesUsed.push(codeHash);
      plan.codesReleased.push(codeHash);
      const row = declinedRow(base, decision, coupon);
      plan.payments.push({ row, customerHandle: code.handle, couponTitle: row.campaign_id ? coupon!.title : null, couponRule: row.campaign_id ? coupon!.rule : null });
    };

    const merchant = facts.merchants.get(req.merchantId)!;
    const timing = judgeTiming(
      code,
      { scannedAt, now, amount: req.amount, codeUsedHere: facts.codesUsedHere.has(codeHash) },
      { offlineWindowMs: facts.offlineWindowMs, offlinePaymentMax: merchant.offlinePaymentMax },
    );
    if (!timing.ok) {
      decline(timing);
      continue;
    }
    if (code.coupon_id) coupon = facts.coupons.get(code.coupon_id);
    // The campaign's budget as the group's earlier payments left it.
    const asVerified = coupon && couponAsVerified(coupon, spent.get(coupon.campaignId) ?? 0, codeHash);
    const order = judgeOrder(
      { payer: { customerId: code.customer_id, accountId: code.account_id }, merchantId: req.merchantId, amount: req.amount, currency: req.currency, at: timing.at },
      code.coupon_id ? (asVerified ?? null) : undefined,
    );
    if (!order.ok) {
      decline(order);
      continue;
    }
    const { money } = order;
    const merchantAccount = merchant.accountId;
    const debits = new Map<string, number>();
    const transfers: TransferRow[] = order.debits.map((d) => {
      debits.set(d.account, (debits.get(d.account) ?? 0) + d.amount);
      return {
        id: newId('trf', now),
        debit_account_id: d.account,
        credit_account_id: merchantAccount,
        amount: d.amount,
        currency: req.currency,
        kind: d.kind,
        payment_id: paymentId,
        refund_id: null,
        created_at: now,
      };
    });

    // The floors, in account-id order as the ledger checks them (the first refusal names the reason).
    let refused: string | undefined;
    let short = 0;
    for (const id of [...debits.keys()].sort()) {
      const account = facts.accounts.get(id);
      if (!account || account.currency !== req.currency) return { steps: 'an account missing or in another currency' };
      const after = balances.get(id)! - debits.get(id)!;
      if (account.min_balance !== null && after < account.min_balance) {
        refused = id;
        short = account.min_balance - after;
        break;
      }
    }
    if (refused !== undefined) {
      decline(floorRefusal(refused, code.account_id, short));
      continue;
    }
    for (const [id, amount] of debits) {
      balances.set(id, balances.get(id)! - amount);
      plan.balanceChanges.set(id, (plan.balanceChanges.get(id) ?? 0) - amount);
    }
    if (money.settlement > 0) plan.merchantCredits.set(merchantAccount, (plan.merchantCredits.get(merchantAccount) ?? 0) + money.settlement);
    plan.transfers.push(...transfers);

    if (coupon && code.coupon_id) {
      // The transition is checked here, as redeemCoupon does (an impossible one is a bug and throws).
      nextCouponState(coupon.state === 'reserved' && coupon.reservedCodeHash === codeHash ? 'reserved' : 'available', 'redeem');
      plan.redemptions.push({ couponId: code.coupon_id, paymentId });
      if (coupon.budget !== null && money.deduction > 0) {
        spent.set(coupon.campaignId, (spent.get(coupon.campaignId) ?? 0) + money.deduction);
        plan.campaignSpending.set(coupon.campaignId, (plan.campaignSpending.get(coupon.campaignId) ?? 0) + money.deduction);
      }
    }
    plan.codesUsed.push(codeHash);
    const row = succeededRow(base, order, coupon);
    plan.payments.push({ row, customerHandle: code.handle, couponTitle: coupon?.title ?? null, couponRule: coupon?.rule ?? null });
  }
  return { plan };
}
