/**
 * The model: what the API should say, kept in plain memory and written from DESIGN.md and the team brief, not
 * from api/. Small on purpose: two customers, the café's own campaigns (merchant-funded, valid at the café only),
 * their coupons, payment codes, payments, refunds, top-ups and the idempotency keys behind them. Each command
 * in commands.ts asks the model what should happen, asks the API, and compares every figure.
 */
import type { CouponRule } from '../../../api/coupons/rules.js';

export type CashierName = 'cafe' | 'books' | 'owner';
export type MerchantName = 'cafe' | 'books';
/** `owner` is the café's manager: a cashier of the café who may also manage campaigns. */
export const MERCHANT_OF: Record<CashierName, MerchantName> = { cafe: 'cafe', books: 'books', owner: 'cafe' };

export type Rule = { kind: 'fixed'; off: number } | { kind: 'percent'; percent: number; cap: number | null } | { kind: 'threshold'; minimum: number; off: number };

/**
 * The model's kinds of rule are the API's, checked when the types are: the model writes its rules from DESIGN.md,
 * not from api/, but a kind the API has and the model lacks would never be tried (and its `deduction` would be
 * anyone's guess). Only the kinds are compared: the rules' fields are the model's own reading.
 */
type SameKinds<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const RULE_KINDS_ARE_THE_APIS: SameKinds<Rule['kind'], CouponRule['kind']> = true;

/** DESIGN.md "Payment codes": a code lives 60 s by default; a scan time this far ahead of a code's issue is tolerated. */
export const SCAN_SKEW_MS = 5 * 60_000;
/** The unknown-code throttle of DESIGN.md: per cashier and per merchant, in fixed windows. */
export const UNKNOWN_CODE_LIMITS = { cashier: { max: 20, windowMs: 5 * 60_000 }, merchant: { max: 60, windowMs: 5 * 60_000 } };

export interface Staff {
  token: string;
  cashierId: string;
  handle: string;
  merchantId: string;
  merchantName: string;
}

export interface ModelCustomer {
  handle: string;
  token: string;
  id: string;
  balance: number;
}

export interface ModelCampaign {
  id: string;
  title: string;
  rule: Rule;
  validFrom: number;
  validUntil: number;
  minimumSpend: number | null;
  stock: number | null;
  perCustomerLimit: number | null;
  budget: number | null;
  spent: number;
  issued: number;
}

/** `stored` is what the coupon row says; what a reader sees also depends on the time (effectiveState). */
export interface ModelCoupon {
  id: string;
  campaignId: string;
  owner: number;
  stored: 'available' | 'reserved' | 'redeemed';
  reservedBy: string | null;
  reservedUntil: number | null;
}

export interface ModelCode {
  code: string;
  owner: number;
  couponId: string | null;
  createdAt: number;
  expiresAt: number;
  state: 'live' | 'retired' | 'used';
  endedAt: number | null;
  /** The shop whose payment used the code up, when that payment named its customer to it (not a stale code's decline). */
  usedUpAt?: string;
  /** That payment (its id filled in once the API answered it). */
  usedUpBy?: ModelPayment;
}

export interface ModelRefund {
  id: string;
  key: string;
  cashier: CashierName;
  paymentId: string;
  body: Record<string, unknown>;
  amount: number;
  cash: number;
  createdAt: number;
  /** This refund gave the payment's coupon back (a full refund while its campaign still ran). */
  couponReturned: boolean;
  /** The 201 answer, which a retry with the same key must get again. */
  answer: unknown;
}

export interface ModelPayment {
  id: string;
  key: string;
  cashier: CashierName;
  body: Record<string, unknown>;
  status: 'succeeded' | 'declined' | 'partially_refunded' | 'refunded';
  firstStatus: 'succeeded' | 'declined';
  reason: string | null;
  reasonDetail: string | null;
  amount: number;
  deduction: number;
  charged: number;
  refunded: number;
  refundedCash: number;
  couponId: string | null;
  campaignId: string | null;
  customer: number | null;
  scannedAt: number;
  settledAt: number;
  /** A decline of a code used up at this shop (USED_HERE): the payment that used it up. */
  codeUsedBy?: ModelPayment;
  /** A decline for a balance too low: what more the wallet needed for the charge. */
  shortBy?: number;
}

export interface ModelTopup {
  key: string;
  customer: number;
  amount: number;
  answer: unknown;
}

export interface ModelGrant {
  key: string;
  campaignId: string;
  customer: number;
  answer: unknown;
}

export interface Model {
  run: number;
  ttlMs: number;
  offlineWindowMs: number;
  staff: Record<CashierName, Staff>;
  customers: ModelCustomer[];
  campaigns: ModelCampaign[];
  coupons: ModelCoupon[];
  codes: ModelCode[];
  payments: ModelPayment[];
  refunds: ModelRefund[];
  topups: ModelTopup[];
  grants: ModelGrant[];
  throttle: Map<string, { start: number; failures: number }>;
  keys: number;
}

export const cny = (amount: number) => ({ amount, currency: 'CNY' });
export const iso = (ms: number) => new Date(ms).toISOString();

export function newModelKey(m: Model, kind: string): string {
  return `model-${process.pid}-${m.run}-${kind}-${++m.keys}`;
}

/*
 * The model's reading of a rule, one switch each: a new kind must say (the compiler refuses one left out), where a
 * `kind === 'threshold'` test compiled and read a new kind as having no minimum.
 */

/** The rule's own minimum spend (a threshold's "orders of ¥50 or more"), or null when it has none. */
export function ownMinimum(rule: Rule): number | null {
  switch (rule.kind) {
    case 'threshold':
      return rule.minimum;
    case 'fixed':
    case 'percent':
      return null;
  }
}

/** The saving at the least order the rule applies to when it is a set amount; null when it depends on the order. */
export function smallestSaving(rule: Rule): number | null {
  switch (rule.kind) {
    case 'fixed':
    case 'threshold':
      return rule.off;
    case 'percent':
      return null;
  }
}

/** The least an order must reach for a coupon to apply: its campaign's minimum spend, or its rule's own minimum. */
export function minimumFor(c: ModelCampaign): number {
  return Math.max(c.minimumSpend ?? 0, ownMinimum(c.rule) ?? 0);
}

/** D for an amount A (DESIGN.md "Money"): percent rounds down, a cap bounds it, and D never exceeds A. */
export function deduction(rule: Rule, amount: number): number {
  let off: number;
  switch (rule.kind) {
    case 'fixed':
      off = rule.off;
      break;
    case 'threshold':
      off = amount >= rule.minimum ? rule.off : 0;
      break;
    case 'percent':
      off = Number((BigInt(amount) * BigInt(rule.percent)) / 100n);
      if (rule.cap !== null) off = Math.min(off, rule.cap);
      break;
  }
  return Math.min(off, amount);
}

/** The coupon's state as a reader sees it now: a lapsed reservation is over, an unused coupon past validity is expired. */
export function effectiveState(coupon: ModelCoupon, campaign: ModelCampaign, now: number): 'available' | 'reserved' | 'redeemed' | 'expired' {
  let state: 'available' | 'reserved' | 'redeemed' | 'expired' = coupon.stored;
  if (state === 'reserved' && (coupon.reservedUntil ?? 0) <= now) state = 'available';
  if (state === 'available' && campaign.validUntil <= now) state = 'expired';
  return state;
}

export function campaignOf(m: Model, id: string): ModelCampaign {
  const campaign = m.campaigns.find((c) => c.id === id);
  if (!campaign) throw new Error(`model: no campaign ${id}`);
  return campaign;
}

/** Gives back every coupon a code holds (a code retired or declined). */
export function releaseCouponsOf(m: Model, code: string): void {
  for (const coupon of m.coupons) {
    if (coupon.stored === 'reserved' && coupon.reservedBy === code) {
      coupon.stored = 'available';
      coupon.reservedBy = null;
      coupon.reservedUntil = null;
    }
  }
}

/**
 * The public `payment` object the model expects; `first` gives the first answer (as settled, before refunds). The
 * shop is not told whose a code was that was no longer live when its till scanned it (payments/view.ts forShop),
 * unless that code was used up at this shop by a payment that named its customer (USED_HERE).
 */
export function expectedPaymentView(m: Model, p: ModelPayment, first: boolean, viewer: 'shop' | 'customer' = 'shop') {
  const staff = m.staff[p.cashier];
  const campaign = p.campaignId ? campaignOf(m, p.campaignId) : null;
  const declined = p.firstStatus === 'declined';
  const stale = p.reason === 'CODE_EXPIRED' || p.reason === 'CODE_UNKNOWN' || (p.reason === 'CODE_USED' && p.reasonDetail !== 'USED_AFTER_SCAN' && p.reasonDetail !== 'USED_HERE');
  const customer = viewer === 'shop' && declined && stale ? null : p.customer;
  return {
    id: p.id,
    status: first ? p.firstStatus : p.status,
    reason: p.reason,
    reasonDetail: p.reasonDetail,
    amount: cny(p.amount),
    deduction: cny(p.deduction),
    charged: cny(p.charged),
    // Every model campaign is merchant-funded: the shop receives what left the wallet.
    settlement: cny(declined ? 0 : p.charged),
    refunded: cny(first ? 0 : p.refunded),
    refundedCash: cny(first ? 0 : p.refundedCash),
    // No subsidy to reverse: every model campaign is merchant-funded.
    refundedSubsidy: cny(0),
    couponId: customer === null ? null : p.couponId,
    couponTitle: campaign ? campaign.title : null,
    couponRule: campaign ? campaign.rule : null,
    // Every model campaign is the café's alone: a coupon refused elsewhere names the café as where it works.
    couponShops: p.reasonDetail === 'WRONG_MERCHANT' ? [m.staff.cafe.merchantName] : null,
    // A coupon refused as below its minimum says the least order it is for: the campaign's minimum spend or its rule's.
    couponMinimum: p.reasonDetail === 'BELOW_MINIMUM' && campaign ? cny(minimumFor(campaign)) : null,
    campaignId: p.campaignId,
    funding: campaign ? 'merchant' : null,
    merchantId: staff.merchantId,
    merchantName: staff.merchantName,
    cashierId: staff.cashierId,
    cashierHandle: staff.handle,
    customerId: customer === null ? null : m.customers[customer]!.id,
    customerHandle: customer === null ? null : m.customers[customer]!.handle,
    // The till's own answer to the charge (first) and the customer's views say it; the shop's records do not.
    shortBy: p.shortBy === undefined || (viewer === 'shop' && !first) ? null : cny(p.shortBy),
    scannedAt: iso(p.scannedAt),
    settledAt: iso(p.settledAt),
    // The model's runs never note a declined payment as paid in cash (tests/api/paid-in-cash.test.ts does).
    paidInCash: null,
    // Nor as not paid (tests/api/not-paid.test.ts does), so none is taken back.
    notPaid: null,
    notPaidTakenBack: [],
    // The payment that used the code up, as it stands now (refunded since, say).
    codeUsedBy: p.codeUsedBy
      ? { paymentId: p.codeUsedBy.id, status: p.codeUsedBy.status, amount: cny(p.codeUsedBy.amount), settledAt: iso(p.codeUsedBy.settledAt), paidInCash: false }
      : null,
  };
}

export function expectedRefundView(r: ModelRefund) {
  return { id: r.id, paymentId: r.paymentId, amount: cny(r.amount), cash: cny(r.cash), subsidy: cny(0), createdAt: iso(r.createdAt), couponReturned: r.couponReturned };
}

export function expectedCouponView(m: Model, coupon: ModelCoupon, now: number) {
  const campaign = campaignOf(m, coupon.campaignId);
  const state = effectiveState(coupon, campaign, now);
  return {
    id: coupon.id,
    campaignId: campaign.id,
    title: campaign.title,
    state,
    rule: campaign.rule,
    funding: 'merchant',
    merchants: [{ id: m.staff.cafe.merchantId, name: m.staff.cafe.merchantName }],
    minimumSpend: campaign.minimumSpend === null ? null : cny(campaign.minimumSpend),
    validFrom: iso(campaign.validFrom),
    validUntil: iso(campaign.validUntil),
    reservedUntil: state === 'reserved' ? iso(coupon.reservedUntil!) : null,
  };
}

/** Counts an unknown code against a throttle key; says whether the key was already over its limit. */
export function throttled(m: Model, key: string, rule: { max: number; windowMs: number }, now: number): boolean {
  const entry = m.throttle.get(key);
  return !!entry && now - entry.start < rule.windowMs && entry.failures >= rule.max;
}

export function recordFailure(m: Model, key: string, rule: { max: number; windowMs: number }, now: number): void {
  const entry = m.throttle.get(key);
  if (!entry || entry.start <= now - rule.windowMs) m.throttle.set(key, { start: now, failures: 1 });
  else entry.failures++;
}
