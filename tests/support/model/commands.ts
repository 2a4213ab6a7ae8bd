/**
 * The commands of the model-based test: each is one thing a customer, a cashier or a manager does (or the clock,
 * or the background sweeper), run against the model and the real API, with every answer compared figure by
 * figure. A command that does not apply to the current model (no code yet, no payment yet) is skipped.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { TestApi } from '../../api/harness.js';
import {
  campaignOf,
  cny,
  deduction,
  effectiveState,
  expectedCouponView,
  expectedPaymentView,
  expectedRefundView,
  iso,
  MERCHANT_OF,
  minimumFor,
  ownMinimum,
  smallestSaving,
  newModelKey,
  recordFailure,
  releaseCouponsOf,
  SCAN_SKEW_MS,
  throttled,
  UNKNOWN_CODE_LIMITS,
  type CashierName,
  type Model,
  type ModelCampaign,
  type ModelPayment,
  type Rule,
} from './model.js';

export interface Real {
  api: TestApi;
  /** Runs the API's background coupon sweep now (it runs every 30 s in a server). */
  sweep(): Promise<void>;
  stats: { commands: number; outcomes: Map<string, number> };
}

/** Counts what the runs exercised, so a report shows that every path was reached, not only that nothing failed. */
function tally(r: Real, outcome: string) {
  r.stats.outcomes.set(outcome, (r.stats.outcomes.get(outcome) ?? 0) + 1);
}

type Cmd = fc.AsyncCommand<Model, Real, false>;
type Answer = Awaited<ReturnType<TestApi['request']>>;

const REPLAYED = 'idempotent-replayed';

function expectAnswer(res: Answer, status: number, body: unknown, what: string) {
  expect({ status: res.status, body: res.body }, what).toEqual({ status, body });
}

function expectError(res: Answer, status: number, code: string, what: string) {
  expect({ status: res.status, code: res.body?.error?.code }, `${what}: ${JSON.stringify(res.body)}`).toEqual({ status, code });
}

const pickFrom = <T>(items: readonly T[], pick: number): T => items[pick % items.length]!;

// ---------------------------------------------------------------------------------------------------------------
// Customers: top-ups and payment codes.

class TopUp implements Cmd {
  constructor(
    readonly customer: number,
    readonly amount: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const c = m.customers[this.customer]!;
    const key = newModelKey(m, 'topup');
    const res = await r.api.request('POST', '/api/wallet/topups', { token: c.token, key, body: { amount: cny(this.amount) } });
    c.balance += this.amount;
    const answer = { balance: cny(c.balance) };
    expectAnswer(res, 201, answer, this.toString());
    expect(res.headers.get(REPLAYED)).toBeNull();
    m.topups.push({ key, customer: this.customer, amount: this.amount, answer });
  }
  toString = () => `TopUp(c${this.customer}, ${this.amount})`;
}

/** The same top-up key again: the same body is the stored answer; another amount is refused; another customer's key space is their own. */
class TopUpAgain implements Cmd {
  constructor(
    readonly pick: number,
    readonly variant: 'same' | 'other-amount' | 'other-customer',
  ) {}
  check = (m: Readonly<Model>) => m.topups.length > 0;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const first = pickFrom(m.topups, this.pick);
    if (this.variant === 'other-customer') {
      // Keys are scoped to their customer: the other customer's request with this key is a new top-up of theirs.
      const other = 1 - first.customer;
      const c = m.customers[other]!;
      const res = await r.api.request('POST', '/api/wallet/topups', { token: c.token, key: first.key, body: { amount: cny(first.amount) } });
      tally(r, 'top-up again other-customer');
      const existing = m.topups.find((t) => t.key === first.key && t.customer === other);
      if (existing) {
        expectAnswer(res, 201, existing.answer, this.toString());
        return;
      }
      c.balance += first.amount;
      const answer = { balance: cny(c.balance) };
      expectAnswer(res, 201, answer, this.toString());
      m.topups.push({ key: first.key, customer: other, amount: first.amount, answer });
      return;
    }
    const c = m.customers[first.customer]!;
    const amount = this.variant === 'same' ? first.amount : first.amount + 1;
    const res = await r.api.request('POST', '/api/wallet/topups', { token: c.token, key: first.key, body: { amount: cny(amount) } });
    tally(r, `top-up again ${this.variant}`);
    if (this.variant === 'same') {
      expectAnswer(res, 201, first.answer, this.toString());
      expect(res.headers.get(REPLAYED)).toBe('true');
    } else expectError(res, 409, 'IDEMPOTENCY_MISMATCH', this.toString());
  }
  toString = () => `TopUpAgain(#${this.pick}, ${this.variant})`;
}

type CouponPick = { kind: 'none' } | { kind: 'own'; pick: number } | { kind: 'others'; pick: number } | { kind: 'missing' };

class IssueCode implements Cmd {
  constructor(
    readonly customer: number,
    readonly coupon: CouponPick,
  ) {}
  check = (m: Readonly<Model>) => {
    if (this.coupon.kind === 'own') return m.coupons.some((c) => c.owner === this.customer);
    if (this.coupon.kind === 'others') return m.coupons.some((c) => c.owner !== this.customer);
    return true;
  };
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const now = r.api.clock.now();
    const c = m.customers[this.customer]!;
    let couponId: string | null = null;
    if (this.coupon.kind === 'own') couponId = pickFrom(m.coupons.filter((x) => x.owner === this.customer), this.coupon.pick).id;
    if (this.coupon.kind === 'others') couponId = pickFrom(m.coupons.filter((x) => x.owner !== this.customer), this.coupon.pick).id;
    if (this.coupon.kind === 'missing') couponId = 'cpn_doesnotexist0000000000';
    const res = await r.api.request('POST', '/api/paycodes', { token: c.token, body: couponId ? { couponId } : {} });

    // What should happen: the live code is retired and gives back its coupon, then the asked-for coupon is
    // reserved; if that coupon cannot be had, nothing at all changes.
    const live = m.codes.find((x) => x.owner === this.customer && x.state === 'live');
    if (couponId) {
      const coupon = m.coupons.find((x) => x.id === couponId);
      if (!coupon || coupon.owner !== this.customer) return tally(r, 'paycode 404'), expectError(res, 404, 'NOT_FOUND', this.toString());
      const campaign = campaignOf(m, coupon.campaignId);
      const releasedByRetire = coupon.stored === 'reserved' && live !== undefined && coupon.reservedBy === live.code;
      const state = releasedByRetire ? (campaign.validUntil <= now ? 'expired' : 'available') : effectiveState(coupon, campaign, now);
      if (state !== 'available' || now < campaign.validFrom) return tally(r, 'paycode 409'), expectError(res, 409, 'COUPON_NOT_AVAILABLE', this.toString());
    }
    tally(r, couponId ? 'paycode with coupon' : 'paycode');
    expect(res.status, `${this.toString()}: ${JSON.stringify(res.body)}`).toBe(201);
    expect(res.body).toEqual({ code: expect.stringMatching(/^[0-9]{18}$/), expiresAt: iso(now + m.ttlMs), expiresInMs: m.ttlMs, couponId });
    const code: string = res.body.code;
    expect(m.codes.some((x) => x.code === code)).toBe(false);
    if (live) {
      live.state = 'retired';
      live.endedAt = now;
      releaseCouponsOf(m, live.code);
    }
    if (couponId) {
      const coupon = m.coupons.find((x) => x.id === couponId)!;
      coupon.stored = 'reserved';
      coupon.reservedBy = code;
      coupon.reservedUntil = now + m.ttlMs;
    }
    m.codes.push({ code, owner: this.customer, couponId, createdAt: now, expiresAt: now + m.ttlMs, state: 'live', endedAt: null });
  }
  toString = () => `IssueCode(c${this.customer}, ${JSON.stringify(this.coupon)})`;
}

/** The customer puts the code on screen away: it stops paying at once and its coupon is free again. */
class PutCodeAway implements Cmd {
  constructor(readonly customer: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const now = r.api.clock.now();
    const res = await r.api.request('DELETE', '/api/paycodes/current', { token: m.customers[this.customer]!.token });
    expect(res.status, `${this.toString()}: ${JSON.stringify(res.body)}`).toBe(204);
    const live = m.codes.find((x) => x.owner === this.customer && x.state === 'live');
    tally(r, live ? 'code put away' : 'code put away (none live)');
    if (live) {
      live.state = 'retired';
      live.endedAt = now;
      releaseCouponsOf(m, live.code);
    }
  }
  toString = () => `PutCodeAway(c${this.customer})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Cashiers: payments, their replays, refunds.

type CodePick = { kind: 'latest'; customer: number } | { kind: 'any'; pick: number } | { kind: 'unknown'; digits: string };

/** The model's verdict on a payment request (DESIGN.md "Payments", "Coupons", "Offline cashier"), applied to the model. */
function settleInModel(m: Model, cashier: CashierName, codeText: string, amount: number, scannedAtSent: number | null, now: number, key: string, body: Record<string, unknown>) {
  const staff = m.staff[cashier];
  const merchant = MERCHANT_OF[cashier];
  const scannedAt = Math.min(scannedAtSent ?? now, now);
  const code = m.codes.find((x) => x.code === codeText);
  const payment: ModelPayment = {
    id: '',
    key,
    cashier,
    body,
    status: 'declined',
    firstStatus: 'declined',
    reason: null,
    reasonDetail: null,
    amount,
    deduction: 0,
    charged: 0,
    refunded: 0,
    refundedCash: 0,
    couponId: code?.couponId ?? null,
    campaignId: null,
    customer: code ? code.owner : null,
    scannedAt,
    settledAt: now,
  };
  const decline = (reason: string, detail: string | null = null, campaignId: string | null = null) => {
    // Any attempt uses the code up, and a declined one gives its coupon back at once.
    if (code) {
      if (code.state === 'live') {
        code.state = 'used';
        code.endedAt = now;
        // A stale code's decline named no one to the shop; any other told it whose code this is. One past the offline
        // window is not looked for (settle.ts paymentThatUsedCodeHere): it cannot be told from a later attempt.
        if (reason !== 'CODE_EXPIRED' && reason !== 'CODE_UNKNOWN' && reason !== 'OFFLINE_WINDOW_PASSED') Object.assign(code, { usedUpAt: merchant, usedUpBy: payment });
      }
      releaseCouponsOf(m, code.code);
    }
    payment.reason = reason;
    payment.reasonDetail = detail;
    payment.campaignId = campaignId;
    return { payment } as const;
  };
  if (now - scannedAt > m.offlineWindowMs) return decline('OFFLINE_WINDOW_PASSED');
  if (!code) {
    const cashierKey = `c:${staff.cashierId}`;
    const merchantKey = `m:${staff.merchantId}`;
    if (throttled(m, cashierKey, UNKNOWN_CODE_LIMITS.cashier, now) || throttled(m, merchantKey, UNKNOWN_CODE_LIMITS.merchant, now)) return { rateLimited: true } as const;
    recordFailure(m, cashierKey, UNKNOWN_CODE_LIMITS.cashier, now);
    recordFailure(m, merchantKey, UNKNOWN_CODE_LIMITS.merchant, now);
    return decline('CODE_UNKNOWN');
  }
  // A used code that was live at this scan (paid elsewhere after it) says so, as does one used up at this shop by a
  // payment that named its customer: the shop then knows its customer.
  if (code.state === 'used') {
    const liveAtScan = code.endedAt! > scannedAt && scannedAt >= code.createdAt - SCAN_SKEW_MS;
    const usedHere = !liveAtScan && code.usedUpAt === merchant;
    if (usedHere) payment.codeUsedBy = code.usedUpBy;
    return decline('CODE_USED', liveAtScan ? 'USED_AFTER_SCAN' : usedHere ? 'USED_HERE' : null);
  }
  // Judged at the scan time: a queued offline scan counts if the code was live then.
  let at = scannedAt;
  if (at < code.createdAt) {
    if (code.createdAt - at > SCAN_SKEW_MS) return decline('CODE_UNKNOWN');
    at = code.createdAt;
  }
  if (at >= code.expiresAt) return decline('CODE_EXPIRED');
  if (code.state === 'retired' && code.endedAt! <= at) return decline('CODE_EXPIRED');
  let d = 0;
  let campaign: ModelCampaign | undefined;
  const coupon = code.couponId ? m.coupons.find((x) => x.id === code.couponId) : undefined;
  if (coupon) {
    campaign = campaignOf(m, coupon.campaignId);
    if (coupon.owner !== code.owner) return decline('COUPON_NOT_APPLICABLE', 'NOT_OWNER', campaign.id);
    // Reserved by another code (the newer one the phone made after this scan) is no refusal: the scan taken wins.
    if (coupon.stored === 'redeemed') return decline('COUPON_NOT_APPLICABLE', 'NOT_AVAILABLE', campaign.id);
    if (at < campaign.validFrom) return decline('COUPON_NOT_APPLICABLE', 'NOT_YET_VALID', campaign.id);
    if (at >= campaign.validUntil) return decline('COUPON_NOT_APPLICABLE', 'EXPIRED', campaign.id);
    if (merchant !== 'cafe') return decline('COUPON_NOT_APPLICABLE', 'WRONG_MERCHANT', campaign.id);
    if (amount < minimumFor(campaign)) return decline('COUPON_NOT_APPLICABLE', 'BELOW_MINIMUM', campaign.id);
    d = deduction(campaign.rule, amount);
    if (d === 0) return decline('COUPON_NOT_APPLICABLE', 'NO_DEDUCTION', campaign.id);
    if (campaign.budget !== null && campaign.spent + d > campaign.budget) return decline('COUPON_NOT_APPLICABLE', 'BUDGET_EXHAUSTED', campaign.id);
  }
  const charged = amount - d;
  const customer = m.customers[code.owner]!;
  if (charged > 0 && customer.balance < charged) {
    payment.shortBy = charged - customer.balance;
    return decline('INSUFFICIENT_FUNDS');
  }
  customer.balance -= charged;
  if (coupon && campaign) {
    coupon.stored = 'redeemed';
    coupon.reservedBy = null;
    coupon.reservedUntil = null;
    if (campaign.budget !== null) campaign.spent += d;
  }
  code.state = 'used';
  code.endedAt = now;
  code.usedUpAt = merchant;
  code.usedUpBy = payment;
  Object.assign(payment, { status: 'succeeded', firstStatus: 'succeeded', deduction: d, charged, campaignId: campaign?.id ?? null });
  return { payment } as const;
}

class Pay implements Cmd {
  constructor(
    readonly cashier: CashierName,
    readonly code: CodePick,
    readonly amount: number,
    /** How long before now the code was scanned (a queued offline payment); null: scanned now. */
    readonly scanAgoMs: number | null,
  ) {}
  check = (m: Readonly<Model>) => {
    if (this.code.kind === 'latest') return m.codes.some((x) => x.owner === (this.code as { customer: number }).customer);
    if (this.code.kind === 'any') return m.codes.length > 0;
    return true;
  };
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const now = r.api.clock.now();
    let codeText: string;
    if (this.code.kind === 'latest') {
      const customer = this.code.customer;
      codeText = m.codes.filter((x) => x.owner === customer).at(-1)!.code;
    } else if (this.code.kind === 'any') codeText = pickFrom(m.codes, this.code.pick).code;
    else codeText = this.code.digits;
    const scannedAt = this.scanAgoMs === null ? null : now - this.scanAgoMs;
    const body: Record<string, unknown> = { code: codeText, amount: cny(this.amount), ...(scannedAt === null ? {} : { scannedAt: iso(scannedAt) }) };
    const key = newModelKey(m, 'pay');
    const res = await r.api.request('POST', '/api/payments', { token: m.staff[this.cashier].token, key, body });
    const verdict = settleInModel(m, this.cashier, codeText, this.amount, scannedAt, now, key, body);
    if ('rateLimited' in verdict) {
      tally(r, 'pay 429');
      return expectError(res, 429, 'RATE_LIMITED', this.toString());
    }
    const payment = verdict.payment;
    tally(r, `pay ${payment.reason ?? 'succeeded'}${payment.reasonDetail ? `/${payment.reasonDetail}` : ''}${payment.deduction > 0 ? ' with deduction' : ''}`);
    expect(res.status, `${this.toString()}: ${JSON.stringify(res.body)}`).toBe(payment.firstStatus === 'succeeded' ? 201 : 402);
    payment.id = res.body?.payment?.id;
    expect(payment.id).toMatch(/^pay_/);
    expect(m.payments.some((p) => p.id === payment.id)).toBe(false);
    const view = expectedPaymentView(m, payment, true);
    const expected = payment.firstStatus === 'declined' ? { payment: view, error: { code: payment.reason, message: expect.any(String) } } : { payment: view };
    expect(res.body, this.toString()).toEqual(expected);
    expect(res.headers.get(REPLAYED)).toBeNull();
    m.payments.push(payment);
  }
  toString = () => `Pay(${this.cashier}, ${JSON.stringify(this.code)}, ${this.amount}, scanAgo=${this.scanAgoMs})`;
}

/** The everyday flow: the customer shows a fresh code (with a coupon or none) and the till takes it at once. */
class ShowAndPay implements Cmd {
  constructor(
    readonly customer: number,
    readonly coupon: CouponPick,
    readonly cashier: CashierName,
    readonly amount: number,
  ) {}
  check = (m: Readonly<Model>) => new IssueCode(this.customer, this.coupon).check(m);
  async run(m: Model, r: Real) {
    const codes = m.codes.length;
    await new IssueCode(this.customer, this.coupon).run(m, r);
    // The code was refused (a coupon not to be had): the customer has nothing new to show.
    if (m.codes.length === codes) return;
    await new Pay(this.cashier, { kind: 'latest', customer: this.customer }, this.amount, null).run(m, r);
  }
  toString = () => `ShowAndPay(c${this.customer}, ${JSON.stringify(this.coupon)}, ${this.cashier}, ${this.amount})`;
}

/** A till sends a payment again with its key: the same request gets the first answer; another is refused; another shop's keys are its own. */
class PayAgain implements Cmd {
  constructor(
    readonly pick: number,
    readonly variant: 'same' | 'same-by-colleague' | 'other-amount' | 'other-shop',
  ) {}
  check = (m: Readonly<Model>) => m.payments.length > 0;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const first = pickFrom(m.payments, this.pick);
    const now = r.api.clock.now();
    let cashier: CashierName = first.cashier;
    if (this.variant === 'same-by-colleague') cashier = first.cashier === 'books' ? 'books' : first.cashier === 'cafe' ? 'owner' : 'cafe';
    if (this.variant === 'other-shop') cashier = first.cashier === 'books' ? 'cafe' : 'books';
    const body = this.variant === 'other-amount' ? { ...first.body, amount: cny(first.amount + 1) } : first.body;
    const res = await r.api.request('POST', '/api/payments', { token: m.staff[cashier].token, key: first.key, body });
    tally(r, `pay again ${this.variant}`);
    if (this.variant === 'other-amount') return expectError(res, 409, 'IDEMPOTENCY_MISMATCH', this.toString());
    if (this.variant === 'other-shop') {
      // The key is the other shop's own: a new intent there, unless that shop already used the key.
      const there = m.payments.find((p) => p.key === first.key && MERCHANT_OF[p.cashier] === MERCHANT_OF[cashier]);
      if (there) {
        expect(res.status).toBe(there.firstStatus === 'succeeded' ? 201 : 402);
        expect(res.body.payment, this.toString()).toEqual(expectedPaymentView(m, there, true));
        return;
      }
      const scannedAt = typeof first.body.scannedAt === 'string' ? Date.parse(first.body.scannedAt) : null;
      const verdict = settleInModel(m, cashier, first.body.code as string, first.amount, scannedAt, now, first.key, body);
      if ('rateLimited' in verdict) return expectError(res, 429, 'RATE_LIMITED', this.toString());
      expect(res.status, `${this.toString()}: ${JSON.stringify(res.body)}`).toBe(verdict.payment.firstStatus === 'succeeded' ? 201 : 402);
      verdict.payment.id = res.body.payment.id;
      expect(res.body.payment, this.toString()).toEqual(expectedPaymentView(m, verdict.payment, true));
      m.payments.push(verdict.payment);
      return;
    }
    expect(res.status, `${this.toString()}: ${JSON.stringify(res.body)}`).toBe(first.firstStatus === 'succeeded' ? 201 : 402);
    expect(res.body.payment, this.toString()).toEqual(expectedPaymentView(m, first, true));
    expect(res.headers.get(REPLAYED)).toBe('true');
  }
  toString = () => `PayAgain(#${this.pick}, ${this.variant})`;
}

type RefundAmount = { kind: 'rest' } | { kind: 'part'; permille: number } | { kind: 'too-much' };

class Refund implements Cmd {
  constructor(
    readonly pick: number,
    readonly byOtherShop: boolean,
    readonly amount: RefundAmount,
    /** Pick among payments that took money (most refunds); else among all, declines included. */
    readonly paidOnly: boolean,
  ) {}
  check = (m: Readonly<Model>) => (this.paidOnly ? m.payments.some((p) => p.firstStatus === 'succeeded') : m.payments.length > 0);
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const now = r.api.clock.now();
    const p = pickFrom(this.paidOnly ? m.payments.filter((x) => x.firstStatus === 'succeeded') : m.payments, this.pick);
    const own = MERCHANT_OF[p.cashier];
    const cashier: CashierName = this.byOtherShop ? (own === 'cafe' ? 'books' : 'cafe') : p.cashier;
    const left = p.amount - p.refunded;
    let part: number | null = null;
    if (this.amount.kind === 'part') part = Math.max(1, Math.floor((left * this.amount.permille) / 1000));
    if (this.amount.kind === 'too-much') part = left + 1;
    const body = part === null ? {} : { amount: cny(part) };
    const key = newModelKey(m, 'refund');
    const res = await r.api.request('POST', `/api/payments/${p.id}/refunds`, { token: m.staff[cashier].token, key, body });
    if (MERCHANT_OF[cashier] !== own) return tally(r, 'refund 404'), expectError(res, 404, 'NOT_FOUND', this.toString());
    if (p.firstStatus === 'declined') return tally(r, 'refund 409 NOT_REFUNDABLE'), expectError(res, 409, 'NOT_REFUNDABLE', this.toString());
    const r2 = part ?? left;
    if (r2 < 1 || r2 > left) return tally(r, 'refund 422'), expectError(res, 422, 'REFUND_EXCEEDS_PAYMENT', this.toString());
    // DESIGN.md "Ledger": the cash back is pro rata, rounded down on the running total, so the parts add up exactly.
    const after = p.refunded + r2;
    const cash = Number((BigInt(after) * BigInt(p.charged)) / BigInt(p.amount)) - p.refundedCash;
    p.refunded = after;
    p.refundedCash += cash;
    p.status = after === p.amount ? 'refunded' : 'partially_refunded';
    tally(r, `refund ${p.status}`);
    m.customers[p.customer!]!.balance += cash;
    let couponReturned = false;
    if (p.status === 'refunded' && p.couponId && p.campaignId) {
      const campaign = campaignOf(m, p.campaignId);
      if (campaign.budget !== null) campaign.spent -= p.deduction;
      const coupon = m.coupons.find((x) => x.id === p.couponId)!;
      // A full refund gives the coupon back while it is still valid.
      if (campaign.validUntil > now && coupon.stored === 'redeemed') {
        coupon.stored = 'available';
        couponReturned = true;
        tally(r, 'refund gave the coupon back');
      }
    }
    expect(res.status, `${this.toString()}: ${JSON.stringify(res.body)}`).toBe(201);
    const refund = { id: res.body.refund.id as string, key, cashier, paymentId: p.id, body, amount: r2, cash, createdAt: now, couponReturned, answer: res.body };
    expect(res.body, this.toString()).toEqual({ refund: expectedRefundView(refund), payment: expectedPaymentView(m, p, false) });
    expect(res.headers.get(REPLAYED)).toBeNull();
    m.refunds.push(refund);
  }
  toString = () => `Refund(${this.paidOnly ? 'paid ' : ''}#${this.pick}, ${this.byOtherShop ? 'other shop' : 'own shop'}, ${JSON.stringify(this.amount)})`;
}

class RefundAgain implements Cmd {
  constructor(
    readonly pick: number,
    readonly same: boolean,
  ) {}
  check = (m: Readonly<Model>) => m.refunds.length > 0;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const first = pickFrom(m.refunds, this.pick);
    const body = this.same ? first.body : { amount: cny(1_000_000) };
    const res = await r.api.request('POST', `/api/payments/${first.paymentId}/refunds`, { token: m.staff[first.cashier].token, key: first.key, body });
    tally(r, `refund again ${this.same ? 'same' : 'other body'}`);
    if (!this.same) return expectError(res, 409, 'IDEMPOTENCY_MISMATCH', this.toString());
    expectAnswer(res, 201, first.answer, this.toString());
    expect(res.headers.get(REPLAYED)).toBe('true');
  }
  toString = () => `RefundAgain(#${this.pick}, ${this.same ? 'same' : 'other body'})`;
}

// ---------------------------------------------------------------------------------------------------------------
// The manager: campaigns and grants.

/** A campaign as the manager sends it: a percent rule's cap may be left out (null then). */
export interface CampaignSpec {
  rule: Exclude<Rule, { kind: 'percent' }> | { kind: 'percent'; percent: number; cap?: number | null };
  startsInMs: number;
  lastsMs: number;
  minimumSpend: number | null;
  stock: number | null;
  perCustomerLimit: number | null;
  budget: number | null;
}

/** The rule the model keeps for a campaign: a percent's cap left out is none. */
function ruleOf(s: CampaignSpec): Rule {
  return s.rule.kind === 'percent' ? { kind: 'percent', percent: s.rule.percent, cap: s.rule.cap ?? null } : s.rule;
}

export class CreateCampaign implements Cmd {
  constructor(readonly spec: CampaignSpec) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const now = r.api.clock.now();
    const s = this.spec;
    const validFrom = now + s.startsInMs;
    const validUntil = validFrom + s.lastsMs;
    const title = `Model ${m.run}.${m.campaigns.length + 1}`;
    const body = {
      title,
      rule: s.rule,
      ...(s.startsInMs > 0 ? { validFrom: iso(validFrom) } : {}),
      validUntil: iso(validUntil),
      ...(s.minimumSpend === null ? {} : { minimumSpend: cny(s.minimumSpend) }),
      ...(s.stock === null ? {} : { stock: s.stock }),
      ...(s.perCustomerLimit === null ? {} : { perCustomerLimit: s.perCustomerLimit }),
      ...(s.budget === null ? {} : { budget: cny(s.budget) }),
    };
    const res = await r.api.request('POST', '/api/campaigns', { token: m.staff.owner.token, key: newModelKey(m, 'campaign'), body });
    const rule = ruleOf(s);
    const cafe = m.staff.cafe;
    // The model's own reading of what a shop may not create: a threshold with a minimum spend above its own minimum
    // (orders between the two promised the saving and declined), a fixed saving above the least order it applies
    // to (orders up to it would pay nothing), or above the whole budget (every use declined).
    const saving = smallestSaving(rule);
    const own = ownMinimum(rule);
    const leastOrder = Math.max(own ?? 0, s.minimumSpend ?? 0);
    const refusal =
      own !== null && s.minimumSpend !== null && s.minimumSpend > own
        ? 'MINIMUM_SPEND_OVER_THRESHOLD'
        : saving !== null && (own !== null || s.minimumSpend !== null) && saving > leastOrder
          ? 'SAVING_OVER_MINIMUM'
          : saving !== null && s.budget !== null && s.budget < saving
            ? 'BUDGET_BELOW_SAVING'
            : null;
    if (refusal) {
      expect([res.status, res.body.error?.code], `${this.toString()}: ${JSON.stringify(res.body)}`).toEqual([422, refusal]);
      return;
    }
    expect(res.status, `${this.toString()}: ${JSON.stringify(res.body)}`).toBe(201);
    const id: string = res.body.campaign.id;
    // Campaigns and coupons are open objects in the contract (new features add fields): the model's fields must match.
    expect(res.body, this.toString()).toMatchObject({
      campaign: {
        id: expect.stringMatching(/^cmp_/),
        title,
        issuerMerchantId: cafe.merchantId,
        funding: 'merchant',
        rule,
        merchants: [{ id: cafe.merchantId, name: cafe.merchantName }],
        validFrom: iso(validFrom),
        validUntil: iso(validUntil),
        minimumSpend: s.minimumSpend === null ? null : cny(s.minimumSpend),
        stock: s.stock,
        issued: 0,
        perCustomerLimit: s.perCustomerLimit,
        budget: s.budget === null ? null : cny(s.budget),
        spent: cny(0),
      },
    });
    m.campaigns.push({ id, title, rule, validFrom, validUntil, minimumSpend: s.minimumSpend, stock: s.stock, perCustomerLimit: s.perCustomerLimit, budget: s.budget, spent: 0, issued: 0 });
  }
  toString = () => `CreateCampaign(${JSON.stringify(this.spec)})`;
}

export class Grant implements Cmd {
  constructor(
    readonly campaignPick: number,
    readonly customer: number,
    readonly again: boolean,
  ) {}
  check = (m: Readonly<Model>) => (this.again ? m.grants.length > 0 : m.campaigns.length > 0);
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const now = r.api.clock.now();
    if (this.again) {
      const first = pickFrom(m.grants, this.campaignPick);
      const res = await r.api.request('POST', `/api/campaigns/${first.campaignId}/grants`, {
        token: m.staff.owner.token,
        key: first.key,
        body: { customer: m.customers[first.customer]!.handle },
      });
      tally(r, 'grant again');
      expectAnswer(res, 201, first.answer, this.toString());
      expect(res.headers.get(REPLAYED)).toBe('true');
      return;
    }
    const campaign = pickFrom(m.campaigns, this.campaignPick);
    const customer = m.customers[this.customer]!;
    const key = newModelKey(m, 'grant');
    const res = await r.api.request('POST', `/api/campaigns/${campaign.id}/grants`, { token: m.staff.owner.token, key, body: { customer: customer.handle } });
    if (campaign.validUntil <= now) return tally(r, 'grant CAMPAIGN_ENDED'), expectError(res, 409, 'CAMPAIGN_ENDED', this.toString());
    if (campaign.stock !== null && campaign.issued >= campaign.stock) return tally(r, 'grant OUT_OF_STOCK'), expectError(res, 409, 'OUT_OF_STOCK', this.toString());
    const held = m.coupons.filter((c) => c.campaignId === campaign.id && c.owner === this.customer).length;
    if (campaign.perCustomerLimit !== null && held >= campaign.perCustomerLimit) return tally(r, 'grant LIMIT_REACHED'), expectError(res, 409, 'LIMIT_REACHED', this.toString());
    tally(r, 'grant');
    expect(res.status, `${this.toString()}: ${JSON.stringify(res.body)}`).toBe(201);
    const id: string = res.body.coupon.id;
    expect(res.body, this.toString()).toMatchObject({ coupon: { id, campaignId: campaign.id, title: campaign.title, customer: customer.handle, state: 'available' } });
    const answer = res.body;
    campaign.issued++;
    m.coupons.push({ id, campaignId: campaign.id, owner: this.customer, stored: 'available', reservedBy: null, reservedUntil: null });
    m.grants.push({ key, campaignId: campaign.id, customer: this.customer, answer });
  }
  toString = () => `Grant(#${this.campaignPick}, c${this.customer}${this.again ? ', again' : ''})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Time, the background sweeper, and reading back what the customers and cashiers see.

class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    r.api.clock.advance(this.ms);
  }
  toString = () => `Advance(${this.ms} ms)`;
}

/** The server sweeps coupons in the background every 30 s; whenever it runs, no answer may change. */
class Sweep implements Cmd {
  check = () => true;
  async run(_m: Model, r: Real) {
    r.stats.commands++;
    tally(r, 'sweep');
    await r.sweep();
  }
  toString = () => 'Sweep()';
}

class CheckWallet implements Cmd {
  constructor(readonly customer: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const c = m.customers[this.customer]!;
    const res = await r.api.request('GET', '/api/wallet', { token: c.token });
    expect(res.status).toBe(200);
    expect(res.body.balance, this.toString()).toEqual(cny(c.balance));
  }
  toString = () => `CheckWallet(c${this.customer})`;
}

class CheckCoupons implements Cmd {
  constructor(readonly customer: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const now = r.api.clock.now();
    const res = await r.api.request('GET', '/api/coupons', { token: m.customers[this.customer]!.token });
    expect(res.status).toBe(200);
    const ours = new Set(m.campaigns.map((c) => c.id));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const actual = res.body.coupons.filter((c: { campaignId: string }) => ours.has(c.campaignId)).sort(byId);
    const expected = m.coupons.filter((c) => c.owner === this.customer).map((c) => expectedCouponView(m, c, now)).sort(byId);
    expect(actual, this.toString()).toMatchObject(expected);
  }
  toString = () => `CheckCoupons(c${this.customer})`;
}

type Viewer = 'customer' | 'other-customer' | 'shop' | 'other-shop';

class CheckPayment implements Cmd {
  constructor(
    readonly pick: number,
    readonly viewer: Viewer,
  ) {}
  check = (m: Readonly<Model>) => m.payments.length > 0;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const p = pickFrom(m.payments, this.pick);
    const own = MERCHANT_OF[p.cashier];
    let token: string;
    let allowed: boolean;
    if (this.viewer === 'shop' || this.viewer === 'other-shop') {
      const cashier: CashierName = (this.viewer === 'shop') === (own === 'cafe') ? 'cafe' : 'books';
      token = m.staff[cashier].token;
      allowed = this.viewer === 'shop';
    } else {
      const customer = this.viewer === 'customer' ? (p.customer ?? 0) : 1 - (p.customer ?? 1);
      token = m.customers[customer]!.token;
      allowed = p.customer === customer;
    }
    const res = await r.api.request('GET', `/api/payments/${p.id}`, { token });
    if (!allowed) return expectError(res, 404, 'NOT_FOUND', this.toString());
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const viewer = this.viewer === 'shop' ? 'shop' : 'customer';
    // The shop is told who gave each refund (Today's detail says it); the customer is not.
    const refunds = m.refunds
      .filter((x) => x.paymentId === p.id)
      .map((x) => (viewer === 'shop' ? { ...expectedRefundView(x), cashierHandle: m.staff[x.cashier].handle } : expectedRefundView(x)))
      .sort(byId);
    expect(res.status).toBe(200);
    expect({ ...res.body, refunds: [...res.body.refunds].sort(byId) }, this.toString()).toEqual({ payment: expectedPaymentView(m, p, false, viewer), refunds });
  }
  toString = () => `CheckPayment(#${this.pick}, ${this.viewer})`;
}

/** A customer's history lists exactly their payments of this run, as they are now. */
class ListPayments implements Cmd {
  constructor(readonly customer: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.stats.commands++;
    const res = await r.api.request('GET', '/api/payments?limit=200', { token: m.customers[this.customer]!.token });
    expect(res.status).toBe(200);
    const ours = new Set(m.payments.map((p) => p.id));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const actual = res.body.payments.filter((p: { id: string }) => ours.has(p.id)).sort(byId);
    const expected = m.payments.filter((p) => p.customer === this.customer).map((p) => expectedPaymentView(m, p, false, 'customer')).sort(byId);
    expect(actual, this.toString()).toEqual(expected);
  }
  toString = () => `ListPayments(c${this.customer})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries.

const customerArb = fc.integer({ min: 0, max: 1 });
const cashierArb = fc.constantFrom<CashierName>('cafe', 'books', 'owner');
const amountArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 3_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 3_000, max: 12_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1, 2, 99, 100, 101, 1_000, 4_999, 5_000) },
);

/** One arbitrary per kind of rule, keyed by the kind (the model's kinds are the API's): a kind left out does not compile. */
const RULE_ARBS: { [K in Rule['kind']]: fc.Arbitrary<Extract<CampaignSpec['rule'], { kind: K }>> } = {
  fixed: fc.record({ kind: fc.constant('fixed' as const), off: fc.integer({ min: 1, max: 3_000 }) }),
  percent: fc.record(
    { kind: fc.constant('percent' as const), percent: fc.integer({ min: 1, max: 100 }), cap: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 3_000 })) },
    { requiredKeys: ['kind', 'percent'] },
  ),
  threshold: fc.record({ kind: fc.constant('threshold' as const), minimum: fc.integer({ min: 1, max: 8_000 }), off: fc.integer({ min: 1, max: 3_000 }) }),
};

export const ruleArb: fc.Arbitrary<CampaignSpec['rule']> = fc.oneof(...Object.values<fc.Arbitrary<CampaignSpec['rule']>>(RULE_ARBS));

const anyCampaignSpecArb: fc.Arbitrary<CampaignSpec> = fc.record({
  rule: ruleArb,
  startsInMs: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 120_000 }) }),
  lastsMs: fc.integer({ min: 30_000, max: 1_200_000 }),
  minimumSpend: fc.option(fc.integer({ min: 1, max: 6_000 }), { nil: null, freq: 3 }),
  stock: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null, freq: 2 }),
  perCustomerLimit: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null, freq: 2 }),
  budget: fc.option(fc.integer({ min: 100, max: 5_000 }), { nil: null, freq: 2 }),
});

/**
 * Mostly campaigns a shop may create (a threshold's minimum spend brought down to its minimum, a fixed saving
 * brought down to the least order it applies to, a budget up to one saving), so that runs exercise their coupons;
 * one in five as drawn, which the API may refuse (CreateCampaign).
 */
export const campaignSpecArb: fc.Arbitrary<CampaignSpec> = fc.oneof(
  {
    weight: 4,
    arbitrary: anyCampaignSpecArb.map((spec): CampaignSpec => {
      const rule = spec.rule;
      // A saving that depends on the order (a percent) has nothing to bring down.
      if (rule.kind === 'percent') return spec;
      const own = ownMinimum(rule);
      const minimumSpend = own !== null && spec.minimumSpend !== null ? Math.min(spec.minimumSpend, own) : spec.minimumSpend;
      const least = Math.max(own ?? 0, minimumSpend ?? 0);
      const off = own !== null || minimumSpend !== null ? Math.min(rule.off, least) : rule.off;
      return { ...spec, minimumSpend, rule: { ...rule, off }, budget: spec.budget === null ? null : Math.max(spec.budget, off) };
    }),
  },
  { weight: 1, arbitrary: anyCampaignSpecArb },
);

const couponPickArb: fc.Arbitrary<CouponPick> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 5, arbitrary: fc.nat(20).map((pick) => ({ kind: 'own' as const, pick })) },
  { weight: 1, arbitrary: fc.nat(20).map((pick) => ({ kind: 'others' as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
);

const codePickArb: fc.Arbitrary<CodePick> = fc.oneof(
  { weight: 6, arbitrary: customerArb.map((customer) => ({ kind: 'latest' as const, customer })) },
  { weight: 2, arbitrary: fc.nat(30).map((pick) => ({ kind: 'any' as const, pick })) },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{18}$/).map((digits) => ({ kind: 'unknown' as const, digits })) },
);

const scanAgoArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant(null) },
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 90_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: SCAN_SKEW_MS + 1, max: 3 * SCAN_SKEW_MS }) },
  { weight: 1, arbitrary: fc.integer({ min: 24 * 3_600_000 + 1, max: 25 * 3_600_000 }) },
);

const advanceArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 2_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 20_000, max: 70_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 300_000, max: 1_500_000 }) },
);

/** The command mix; repeats give weight (fc.commands picks uniformly among the arbitraries). */
export const commandArbs: fc.Arbitrary<Cmd>[] = [
  ...Array(4).fill(fc.tuple(cashierArb, codePickArb, amountArb, scanAgoArb).map(([cashier, code, amount, ago]) => new Pay(cashier, code, amount, ago))),
  ...Array(3).fill(fc.tuple(customerArb, couponPickArb).map(([c, pick]) => new IssueCode(c, pick))),
  ...Array(4).fill(
    fc
      .tuple(customerArb, fc.oneof({ weight: 3, arbitrary: fc.nat(20).map((pick) => ({ kind: 'own' as const, pick })) }, { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) }), cashierArb, amountArb)
      .map(([c, pick, cashier, amount]) => new ShowAndPay(c, pick, cashier, amount)),
  ),
  ...Array(2).fill(advanceArb.map((ms) => new Advance(ms))),
  customerArb.map((c) => new PutCodeAway(c)),
  fc.tuple(customerArb, fc.integer({ min: 1, max: 20_000 })).map(([c, amount]) => new TopUp(c, amount)),
  fc.tuple(fc.nat(10), fc.constantFrom<'same' | 'other-amount' | 'other-customer'>('same', 'other-amount', 'other-customer')).map(([pick, v]) => new TopUpAgain(pick, v)),
  ...Array(2).fill(
    fc.tuple(fc.nat(30), fc.constantFrom<'same' | 'same-by-colleague' | 'other-amount' | 'other-shop'>('same', 'same-by-colleague', 'other-amount', 'other-shop')).map(([pick, v]) => new PayAgain(pick, v)),
  ),
  ...Array(4).fill(
    fc
      .tuple(
        fc.nat(30),
        fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        fc.oneof(
          fc.constant({ kind: 'rest' as const }),
          fc.integer({ min: 1, max: 999 }).map((permille) => ({ kind: 'part' as const, permille })),
          fc.constant({ kind: 'too-much' as const }),
        ),
        fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      )
      .map(([pick, other, amount, paidOnly]) => new Refund(pick, other, amount, paidOnly)),
  ),
  fc.tuple(fc.nat(10), fc.boolean()).map(([pick, same]) => new RefundAgain(pick, same)),
  campaignSpecArb.map((spec) => new CreateCampaign(spec)),
  ...Array(2).fill(fc.tuple(fc.nat(10), customerArb, fc.boolean()).map(([pick, c, again]) => new Grant(pick, c, again))),
  customerArb.map((c) => new CheckWallet(c)),
  customerArb.map((c) => new CheckCoupons(c)),
  fc.tuple(fc.nat(30), fc.constantFrom<Viewer>('customer', 'other-customer', 'shop', 'other-shop')).map(([pick, viewer]) => new CheckPayment(pick, viewer)),
  customerArb.map((c) => new ListPayments(c)),
  fc.constant(new Sweep()),
];

export { Advance, PutCodeAway, ShowAndPay, CheckCoupons, CheckPayment, CheckWallet, IssueCode, ListPayments, Pay, PayAgain, Refund, RefundAgain, Sweep, TopUp, TopUpAgain };
