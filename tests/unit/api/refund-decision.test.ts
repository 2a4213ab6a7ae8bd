import { describe, expect, it } from 'vitest';
import { decideRefund, type RefundablePayment } from '../../../api/payments/refund-rules.js';

/**
 * The refund's checks and arithmetic (refund-rules.ts decideRefund), without a database: every refusal POST
 * /payments/{id}/refunds answers before writing anything, in the order it answers them, and the plan it writes.
 * (INSUFFICIENT_FUNDS comes from the ledger when refund.ts posts, so it is tested in tests/api.)
 */

// A 1000-unit sale at the café with a platform-funded coupon of 200 off: the customer paid 800, the platform 200.
const sale: RefundablePayment = {
  merchant_id: 'cafe',
  currency: 'CNY',
  status: 'succeeded',
  amount: 1_000,
  charged: 800,
  deduction: 200,
  funding: 'platform',
  refunded: 0,
  refunded_cash: 0,
  refunded_subsidy: 0,
  coupon_id: 'cpn_1',
  campaign_id: 'cmp_1',
};
const ask = (amount: number | null, currency: string | null = 'CNY') => ({ merchantId: 'cafe', amount, currency });

describe('refusing a refund', () => {
  it("answers a missing payment and another shop's alike, 404 NOT_FOUND: ids are not a way to learn about other shops", () => {
    expect(decideRefund(undefined, ask(100))).toEqual({ ok: false, status: 404, code: 'NOT_FOUND', message: 'No such payment.' });
    expect(decideRefund(sale, { ...ask(100), merchantId: 'bakery' })).toEqual({ ok: false, status: 404, code: 'NOT_FOUND', message: 'No such payment.' });
  });

  it('refuses an amount in another currency, 422 CURRENCY_MISMATCH on amount.currency; an amount without one is the payment’s', () => {
    expect(decideRefund(sale, ask(100, 'USD'))).toMatchObject({ ok: false, status: 422, code: 'CURRENCY_MISMATCH', field: 'amount.currency', message: 'This payment is in CNY.' });
    expect(decideRefund(sale, ask(100, null))).toMatchObject({ ok: true, part: 100 });
  });

  it('refuses to refund a declined payment, 409 NOT_REFUNDABLE: it took no money', () => {
    const declined = { ...sale, status: 'declined' as const };
    expect(decideRefund(declined, ask(100))).toMatchObject({ ok: false, status: 409, code: 'NOT_REFUNDABLE' });
    expect(decideRefund(declined, ask(null))).toMatchObject({ ok: false, code: 'NOT_REFUNDABLE' });
  });

  it('refuses a refund of nothing or less, 422 AMOUNT_OUT_OF_RANGE on amount.amount, even of a payment refunded in full', () => {
    for (const amount of [0, -1, -500]) {
      expect(decideRefund(sale, ask(amount))).toMatchObject({ ok: false, status: 422, code: 'AMOUNT_OUT_OF_RANGE', field: 'amount.amount' });
      expect(decideRefund({ ...sale, status: 'refunded', refunded: 1_000 }, ask(amount))).toMatchObject({ code: 'AMOUNT_OUT_OF_RANGE' });
    }
  });

  it('refuses more than is left, 422 REFUND_EXCEEDS_PAYMENT on amount, saying how much is left', () => {
    expect(decideRefund(sale, ask(1_001))).toEqual({
      ok: false,
      status: 422,
      code: 'REFUND_EXCEEDS_PAYMENT',
      message: 'At most 1000 minor units are left to refund.',
      field: 'amount',
    });
    const partly = { ...sale, status: 'partially_refunded' as const, refunded: 600, refunded_cash: 480, refunded_subsidy: 120 };
    expect(decideRefund(partly, ask(401))).toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT', message: 'At most 400 minor units are left to refund.' });
  });

  it('refuses any further refund of a payment refunded in full, asked with an amount or for all that is left', () => {
    const done = { ...sale, status: 'refunded' as const, refunded: 1_000, refunded_cash: 800, refunded_subsidy: 200 };
    for (const amount of [1, null]) {
      expect(decideRefund(done, ask(amount))).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_PAYMENT', message: 'This payment is already fully refunded.', field: 'amount' });
    }
  });

  it('answers the first problem in the order the API always has: whose payment, currency, declined, then the amount', () => {
    const declined = { ...sale, status: 'declined' as const };
    expect(decideRefund(declined, { ...ask(0, 'USD'), merchantId: 'bakery' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(decideRefund(declined, ask(0, 'USD'))).toMatchObject({ code: 'CURRENCY_MISMATCH' });
    expect(decideRefund(declined, ask(0))).toMatchObject({ code: 'NOT_REFUNDABLE' });
  });
});

describe('planning a refund', () => {
  it('refunds all that is left when no amount is given, completes the payment and gives its coupon back', () => {
    expect(decideRefund(sale, ask(null))).toEqual({
      ok: true,
      part: 1_000,
      cash: 800,
      subsidy: 200,
      refunded: 1_000,
      refundedCash: 800,
      refundedSubsidy: 200,
      status: 'refunded',
      couponToReturn: { couponId: 'cpn_1', campaignId: 'cmp_1', deduction: 200 },
    });
  });

  it('a part leaves the payment partially refunded and its coupon used, and splits the part pro rata', () => {
    expect(decideRefund(sale, ask(500))).toMatchObject({ ok: true, part: 500, cash: 400, subsidy: 100, refunded: 500, status: 'partially_refunded', couponToReturn: null });
  });

  it('the refund of the rest completes the payment: the totals add up to what was paid, and the coupon comes back', () => {
    const partly = { ...sale, status: 'partially_refunded' as const, refunded: 500, refunded_cash: 400, refunded_subsidy: 100 };
    expect(decideRefund(partly, ask(500))).toMatchObject({ ok: true, cash: 400, subsidy: 100, refunded: 1_000, refundedCash: 800, refundedSubsidy: 200, status: 'refunded' });
    expect(decideRefund(partly, ask(500))).toMatchObject({ couponToReturn: { couponId: 'cpn_1' } });
  });

  it('a payment without a coupon has none to give back; a shop-funded coupon gives the platform nothing', () => {
    const plain = { ...sale, charged: 1_000, deduction: 0, funding: null, coupon_id: null, campaign_id: null };
    expect(decideRefund(plain, ask(null))).toMatchObject({ ok: true, cash: 1_000, subsidy: 0, status: 'refunded', couponToReturn: null });
    const shopFunded = { ...sale, funding: 'merchant' as const };
    expect(decideRefund(shopFunded, ask(null))).toMatchObject({ ok: true, cash: 800, subsidy: 0, refundedSubsidy: 0, status: 'refunded' });
  });
});
