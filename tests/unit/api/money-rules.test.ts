import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deductionFor } from '../../../api/coupons/rules.js';
import { verifyCoupon, type CouponFacts } from '../../../api/coupons/verify.js';
import { floorRefusal, judgeOrder } from '../../../api/payments/decide.js';
import { refundTransfers } from '../../../api/payments/refund-rules.js';
import { charge, refundSplit } from '../../../api/payments/split.js';
import { amountArb, ruleArb } from '../../support/coupon-rule-arbs.js';

/** Property tests of the arithmetic (DESIGN.md "Money"): random rules and amounts, integer minor units only. */

const fundingArb = fc.constantFrom('merchant' as const, 'platform' as const);

describe('deduction and charge', () => {
  it('0 ≤ D ≤ A, C + D = A, and settlement is C (merchant-funded) or A (platform-funded)', () => {
    fc.assert(
      fc.property(ruleArb, amountArb, fundingArb, (rule, amount, funding) => {
        const d = deductionFor(rule, amount);
        const money = charge(amount, d, funding);
        expect(Number.isSafeInteger(money.deduction) && Number.isSafeInteger(money.charged)).toBe(true);
        expect(money.deduction).toBeGreaterThanOrEqual(0);
        expect(money.deduction).toBeLessThanOrEqual(amount);
        expect(money.charged + money.deduction).toBe(amount);
        expect(money.settlement).toBe(funding === 'platform' ? amount : money.charged);
      }),
      { numRuns: 2000 },
    );
  });

  it('percent rounds down to the minor unit and respects its cap', () => {
    expect(deductionFor({ kind: 'percent', percent: 15, cap: null }, 999)).toBe(149); // 149.85 -> 149
    expect(deductionFor({ kind: 'percent', percent: 15, cap: 2000 }, 20_000)).toBe(2000); // 3000 capped
    expect(deductionFor({ kind: 'percent', percent: 33, cap: null }, 1)).toBe(0);
  });

  it('a fixed deduction never exceeds the amount; a threshold gives nothing below its minimum', () => {
    expect(deductionFor({ kind: 'fixed', off: 500 }, 300)).toBe(300);
    expect(deductionFor({ kind: 'threshold', minimum: 5000, off: 1000 }, 4999)).toBe(0);
    expect(deductionFor({ kind: 'threshold', minimum: 5000, off: 1000 }, 5000)).toBe(1000);
  });
});

describe('refund split', () => {
  it('refunds in random parts add up to exactly C in cash and D in subsidy, the cash rounded down on the running total and a platform-funded refund exactly its part', () => {
    fc.assert(
      fc.property(ruleArb, amountArb, fundingArb, fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 12 }), (rule, amount, funding, weights) => {
        const money = charge(amount, deductionFor(rule, amount), funding);
        let refunded = 0;
        let cash = 0;
        let subsidy = 0;
        const total = weights.reduce((a, b) => a + b, 0);
        // Cut A into parts proportional to the weights; the last part takes what is left.
        const parts = weights.map((w, i) => (i === weights.length - 1 ? 0 : Math.floor((amount * w) / total))).filter((p) => p > 0);
        if (amount - parts.reduce((a, b) => a + b, 0) > 0) parts.push(amount - parts.reduce((a, b) => a + b, 0));
        for (const part of parts) {
          const split = refundSplit({ amount, charged: money.charged, deduction: money.deduction, funding, refunded, refundedCash: cash, refundedSubsidy: subsidy }, part);
          expect(split.cash).toBeGreaterThanOrEqual(0);
          expect(split.subsidy).toBeGreaterThanOrEqual(0);
          refunded += part;
          cash += split.cash;
          subsidy += split.subsidy;
          // Never more cash back than the share of C that has been refunded so far.
          expect(BigInt(cash) * BigInt(amount)).toBeLessThanOrEqual(BigInt(refunded) * BigInt(money.charged));
          // The shop was settled all of A when the platform funded the coupon: each refund takes back exactly its part.
          if (funding === 'platform') expect(split.cash + split.subsidy).toBe(part);
        }
        expect(refunded).toBe(amount);
        expect(cash).toBe(money.charged);
        expect(subsidy).toBe(funding === 'platform' ? money.deduction : 0);
      }),
      { numRuns: 1000 },
    );
  });

  it("a refund of a platform-funded sale takes exactly its part from the shop: ¥10.00 of ¥123.45 with ¥18.51 off", () => {
    const basis = { amount: 12345, charged: 10494, deduction: 1851, funding: 'platform' as const, refunded: 0, refundedCash: 0, refundedSubsidy: 0 };
    // 10.00 × 104.94 ÷ 123.45 = 8.5006…: the wallet gets ¥8.50, the platform the other ¥1.50 (not ¥1.49, a fen short).
    expect(refundSplit(basis, 1000)).toEqual({ cash: 850, subsidy: 150 });
    // A second refund after one whose subsidy was rounded down (as before session 28) makes up the fen.
    expect(refundSplit({ ...basis, refunded: 1000, refundedCash: 850, refundedSubsidy: 149 }, 1000)).toEqual({ cash: 850, subsidy: 151 });
    expect(refundSplit({ ...basis, refunded: 2000, refundedCash: 1700, refundedSubsidy: 300 }, 10345)).toEqual({ cash: 10494 - 1700, subsidy: 1851 - 300 });
  });

  it('refuses a refund beyond what is left', () => {
    const basis = { amount: 1000, charged: 500, deduction: 500, funding: 'platform' as const, refunded: 900, refundedCash: 450, refundedSubsidy: 450 };
    expect(() => refundSplit(basis, 101)).toThrow(/exceeds/);
    expect(refundSplit(basis, 100)).toEqual({ cash: 50, subsidy: 50 });
  });
});

describe('coupon verification', () => {
  const base: CouponFacts = {
    ownerId: 'alice',
    state: 'reserved',
    reservedForThisCode: true,
    reservedUntil: 2_000,
    rule: { kind: 'threshold', minimum: 5000, off: 1000 },
    validFrom: 0,
    validUntil: 10_000,
    allMerchants: false,
    merchantIds: ['cafe'],
    minimumSpend: null,
    budget: null,
    spent: 0,
  };
  const order = { payerId: 'alice', merchantId: 'cafe', amount: 6000, at: 1_000 };

  it('confirms with the deduction when every check passes', () => {
    expect(verifyCoupon(base, order)).toEqual({ ok: true, deduction: 1000 });
  });

  it('names each failure with its own reason, in the order DESIGN.md lists them', () => {
    expect(verifyCoupon({ ...base, ownerId: 'bob' }, order)).toEqual({ ok: false, detail: 'NOT_OWNER' });
    expect(verifyCoupon({ ...base, state: 'redeemed' }, order)).toEqual({ ok: false, detail: 'NOT_AVAILABLE' });
    expect(verifyCoupon({ ...base, validFrom: 1_500 }, order)).toEqual({ ok: false, detail: 'NOT_YET_VALID' });
    expect(verifyCoupon({ ...base, validUntil: 1_000 }, order)).toEqual({ ok: false, detail: 'EXPIRED' });
    expect(verifyCoupon(base, { ...order, merchantId: 'books' })).toEqual({ ok: false, detail: 'WRONG_MERCHANT' });
    expect(verifyCoupon(base, { ...order, amount: 4999 })).toEqual({ ok: false, detail: 'BELOW_MINIMUM' });
    expect(verifyCoupon({ ...base, minimumSpend: 7000 }, order)).toEqual({ ok: false, detail: 'BELOW_MINIMUM' });
    expect(verifyCoupon({ ...base, budget: 1500, spent: 600 }, order)).toEqual({ ok: false, detail: 'BUDGET_EXHAUSTED' });
  });

  it('an order too small for the coupon to take anything off is refused as such (not as below a minimum it does not have), so the coupon is not used up for nothing', () => {
    const percent = { ...base, rule: { kind: 'percent' as const, percent: 15, cap: 2000 } };
    expect(verifyCoupon(percent, { ...order, amount: 5 })).toEqual({ ok: false, detail: 'NO_DEDUCTION' }); // 0.75 fen
    expect(verifyCoupon(percent, { ...order, amount: 6 })).toEqual({ ok: false, detail: 'NO_DEDUCTION' }); // 0.9 fen
    expect(verifyCoupon(percent, { ...order, amount: 7 })).toEqual({ ok: true, deduction: 1 }); // 1.05 fen
  });

  it('a reservation held by another code (the newer one the phone made after this code was scanned) does not refuse it: the scan taken wins', () => {
    const heldByNewer = { ...base, reservedForThisCode: false, reservedUntil: 60_000 };
    expect(verifyCoupon(heldByNewer, order)).toEqual({ ok: true, deduction: 1000 });
    const lapsed = { ...base, reservedForThisCode: false, reservedUntil: 500 };
    expect(verifyCoupon(lapsed, order)).toEqual({ ok: true, deduction: 1000 });
  });
});

describe("the payment service's decision for an order (decide.ts)", () => {
  const payer = { customerId: 'alice', accountId: 'acc_alice' };
  const coupon: CouponFacts & { funding: 'merchant' | 'platform' } = {
    ownerId: 'alice',
    state: 'available',
    reservedForThisCode: false,
    reservedUntil: null,
    rule: { kind: 'fixed', off: 1000 },
    validFrom: 0,
    validUntil: 10_000,
    allMerchants: true,
    merchantIds: [],
    minimumSpend: null,
    budget: null,
    spent: 0,
    funding: 'merchant',
  };
  const order = { payer, merchantId: 'cafe', currency: 'CNY', at: 1_000 };

  it('the debits pay exactly what the merchant is credited: C from the wallet, and D from the platform when it funds the coupon', () => {
    fc.assert(
      fc.property(amountArb, fc.integer({ min: 1, max: 100_000_000 }), fundingArb, fc.boolean(), (amount, off, funding, withCoupon) => {
        const decision = judgeOrder({ ...order, amount }, withCoupon ? { ...coupon, rule: { kind: 'fixed', off }, funding } : undefined);
        if (!decision.ok) throw new Error(`declined: ${decision.reason}`);
        const paid = decision.debits.reduce((sum, d) => sum + d.amount, 0);
        expect(paid).toBe(decision.money.settlement);
        expect(decision.debits.every((d) => d.amount > 0)).toBe(true);
        expect(decision.debits.find((d) => d.kind === 'payment')?.amount ?? 0).toBe(decision.money.charged);
        expect(decision.debits.find((d) => d.kind === 'payment')?.account ?? payer.accountId).toBe(payer.accountId);
      }),
      { numRuns: 1000 },
    );
  });

  it("a code whose coupon is gone is declined as not available; a coupon's refusal keeps its campaign on the payment", () => {
    expect(judgeOrder({ ...order, amount: 6000 }, null)).toMatchObject({ ok: false, reason: 'COUPON_NOT_APPLICABLE', detail: 'NOT_AVAILABLE', withCampaign: false });
    expect(judgeOrder({ ...order, amount: 6000 }, { ...coupon, ownerId: 'bob' })).toMatchObject({ ok: false, detail: 'NOT_OWNER', withCampaign: true });
  });

  it('refunded in any parts, a sale gives every account back exactly what it paid, all of it from the shop, each refund linked to the payment', () => {
    fc.assert(
      fc.property(amountArb, fc.integer({ min: 1, max: 100_000_000 }), fundingArb, fc.array(fc.integer({ min: 1, max: 100_000_000 }), { minLength: 1, maxLength: 8 }), (amount, off, funding, cuts) => {
        const decision = judgeOrder({ ...order, amount }, { ...coupon, rule: { kind: 'fixed', off }, funding });
        if (!decision.ok) throw new Error(`declined: ${decision.reason}`);
        const owed = new Map<string, number>();
        for (const d of decision.debits) owed.set(d.account, (owed.get(d.account) ?? 0) + d.amount);
        const back = new Map<string, number>();
        const basis = { amount, charged: decision.money.charged, deduction: decision.money.deduction, funding, refunded: 0, refundedCash: 0, refundedSubsidy: 0 };
        for (const [i, cut] of [...cuts, amount].entries()) {
          const part = Math.min(cut, amount - basis.refunded);
          if (part === 0) break;
          const split = refundSplit(basis, part);
          const transfers = refundTransfers({ paymentId: 'pay_1', refundId: `ref_${i}`, currency: 'CNY', merchantAccountId: 'acc_cafe', payerAccountId: payer.accountId, ...split });
          for (const t of transfers) {
            expect(t).toMatchObject({ debit: 'acc_cafe', paymentId: 'pay_1', refundId: `ref_${i}` });
            expect(t.amount).toBeGreaterThan(0);
            back.set(t.credit, (back.get(t.credit) ?? 0) + t.amount);
          }
          expect(transfers.reduce((sum, t) => sum + t.amount, 0)).toBe(split.cash + split.subsidy);
          basis.refunded += part;
          basis.refundedCash += split.cash;
          basis.refundedSubsidy += split.subsidy;
        }
        expect(back).toEqual(owed);
      }),
      { numRuns: 1000 },
    );
  });

  it("a refund's cash goes back to the wallet as a refund, the platform's part to the platform as a subsidy reversed", () => {
    const ids = { paymentId: 'pay_1', refundId: 'ref_1', currency: 'CNY', merchantAccountId: 'acc_cafe', payerAccountId: 'acc_alice' };
    expect(refundTransfers({ ...ids, cash: 850, subsidy: 150 })).toEqual([
      { debit: 'acc_cafe', credit: 'acc_alice', amount: 850, kind: 'refund', paymentId: 'pay_1', refundId: 'ref_1' },
      { debit: 'acc_cafe', credit: 'acc_platform_CNY', amount: 150, kind: 'refund_subsidy', paymentId: 'pay_1', refundId: 'ref_1' },
    ]);
    // A sale the coupon paid whole took nothing from the wallet: its refund gives the wallet nothing.
    expect(refundTransfers({ ...ids, cash: 0, subsidy: 500 })).toEqual([{ debit: 'acc_cafe', credit: 'acc_platform_CNY', amount: 500, kind: 'refund_subsidy', paymentId: 'pay_1', refundId: 'ref_1' }]);
  });

  it("a debit refused at its floor is the customer's shortfall, or else the platform's budget", () => {
    expect(floorRefusal('acc_alice', 'acc_alice', 4_000)).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', withCampaign: false, shortBy: 4_000 });
    expect(floorRefusal('acc_platform_CNY', 'acc_alice', 100)).toMatchObject({ reason: 'COUPON_NOT_APPLICABLE', detail: 'BUDGET_EXHAUSTED', withCampaign: true });
    expect(floorRefusal('acc_platform_CNY', 'acc_alice', 100).shortBy).toBeUndefined();
    expect(() => floorRefusal('acc_alice', 'acc_alice', 0)).toThrow();
  });
});
