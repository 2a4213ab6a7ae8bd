/**
 * A shop's settings as a manager changes them (api/shop/settings.ts): what the schema takes, the rule between the
 * caps; and the per-process copy of a shop's facts (api/shop/facts.ts), which must not keep a row read across a
 * change.
 */
import { describe, expect, it } from 'vitest';
import type { Executor } from '../../../api/db/tx.js';
import { BATCH_ITEMS_MAX } from '../../../api/payments/schemas.js';
import { forgetMerchantFacts, merchantFacts } from '../../../api/shop/facts.js';
import { applyShopChange, OFFLINE_COUNT_CAP_MAX, OFFLINE_PAYMENT_CAP_MAX_MINOR, SHOP_NAME_MAX, ShopChangeSchema, type ShopSettings } from '../../../api/shop/settings.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const shop: ShopSettings = { name: 'Demo Café', paymentMaxMinor: 50_000, totalMaxMinor: 200_000, countMax: 50 };
const parse = (body: unknown) => ShopChangeSchema.safeParse(body);

describe('the shop change schema', () => {
  it('takes a trimmed name of 1–60 characters and limits that are positive whole minor units up to their maxima', () => {
    expect(parse({ name: '  Corner Café  ' }).data).toEqual({ name: 'Corner Café' });
    expect(parse({ name: 'x'.repeat(SHOP_NAME_MAX) }).success).toBe(true);
    expect(parse({ offlineLimits: { paymentMax: cny(1), totalMax: cny(OFFLINE_PAYMENT_CAP_MAX_MINOR), countMax: OFFLINE_COUNT_CAP_MAX } }).success).toBe(true);
  });

  it('refuses an empty or over-long name, a control character, a zero, negative, fractional or too large limit, an unknown field and an empty change', () => {
    for (const body of [
      { name: '' },
      { name: ' \u3000 ' },
      { name: 'x'.repeat(SHOP_NAME_MAX + 1) },
      { name: 'Café\u0000' },
      { offlineLimits: { paymentMax: cny(0) } },
      { offlineLimits: { paymentMax: cny(-1) } },
      { offlineLimits: { paymentMax: cny(0.5) } },
      { offlineLimits: { paymentMax: cny(OFFLINE_PAYMENT_CAP_MAX_MINOR + 1) } },
      { offlineLimits: { paymentMax: cny(Number.MAX_SAFE_INTEGER + 2) } },
      { offlineLimits: { paymentMax: { amount: 100, currency: 'yuan' } } },
      { offlineLimits: { countMax: 0 } },
      { offlineLimits: { countMax: OFFLINE_COUNT_CAP_MAX + 1 } },
      { offlineLimits: { paymentMax: cny(100), extra: 1 } },
      { name: 'Café', currency: 'USD' },
      {},
    ]) {
      expect(parse(body).success, JSON.stringify(body)).toBe(false);
    }
  });

  it('bounds the count of unsent payments by what one offline sync sends', () => {
    expect(OFFLINE_COUNT_CAP_MAX).toBe(BATCH_ITEMS_MAX);
  });
});

describe('a change to the shop’s settings', () => {
  it('changes what it names and keeps the rest', () => {
    expect(applyShopChange(shop, { name: 'Corner Café' }, 'CNY')).toEqual({ ok: true, settings: { ...shop, name: 'Corner Café' } });
    expect(applyShopChange(shop, { offlineLimits: { paymentMax: cny(10_000), countMax: 5 } }, 'CNY')).toEqual({
      ok: true,
      settings: { ...shop, paymentMaxMinor: 10_000, countMax: 5 },
    });
  });

  it('allows a per-payment cap equal to the total, not above it, judged on what the change leaves', () => {
    expect(applyShopChange(shop, { offlineLimits: { paymentMax: cny(200_000) } }, 'CNY').ok).toBe(true);
    expect(applyShopChange(shop, { offlineLimits: { paymentMax: cny(200_001) } }, 'CNY')).toMatchObject({ ok: false, code: 'PAYMENT_CAP_OVER_TOTAL', field: 'offlineLimits.paymentMax.amount' });
    // The total lowered alone below the cap the shop has.
    expect(applyShopChange(shop, { offlineLimits: { totalMax: cny(49_999) } }, 'CNY')).toMatchObject({ ok: false, code: 'PAYMENT_CAP_OVER_TOTAL', field: 'offlineLimits.totalMax.amount' });
    // Both at once, in order.
    expect(applyShopChange(shop, { offlineLimits: { paymentMax: cny(1_000), totalMax: cny(1_000) } }, 'CNY').ok).toBe(true);
  });

  it('refuses a limit in another currency than the shop’s', () => {
    expect(applyShopChange(shop, { offlineLimits: { totalMax: { amount: 1_000, currency: 'USD' } } }, 'CNY')).toMatchObject({
      ok: false,
      status: 422,
      code: 'CURRENCY_MISMATCH',
      field: 'offlineLimits.totalMax.currency',
    });
  });
});

describe('a process’s copy of a shop’s facts', () => {
  /** A database of one shop whose reads can be held, to let a change land in the middle of one. */
  function fakeDb() {
    const row = { account_id: 'acc_1', name: 'Demo Café', offline_payment_max: 50_000 };
    let reads = 0;
    let hold: Promise<void> | null = null;
    const query = {
      select: () => query,
      where: () => query,
      executeTakeFirstOrThrow: async () => {
        reads++;
        const seen = { ...row };
        await hold;
        return seen;
      },
    };
    const trx = { selectFrom: () => query } as unknown as Executor;
    return { trx, row, reads: () => reads, holdReads: (until: Promise<void>) => (hold = until), releaseReads: () => (hold = null) };
  }

  it('answers from its copy until the shop changes here, then reads the shop again', async () => {
    const db = fakeDb();
    expect((await merchantFacts(db.trx, db, 'mer_1')).offlinePaymentMax).toBe(50_000);
    await merchantFacts(db.trx, db, 'mer_1');
    expect(db.reads()).toBe(1);
    db.row.offline_payment_max = 10_000;
    forgetMerchantFacts(db, 'mer_1');
    expect((await merchantFacts(db.trx, db, 'mer_1')).offlinePaymentMax).toBe(10_000);
    expect(db.reads()).toBe(2);
  });

  it('does not keep a row it read before a change that was forgotten while the read was on its way', async () => {
    const db = fakeDb();
    let release!: () => void;
    db.holdReads(new Promise<void>((r) => (release = r)));
    const reading = merchantFacts(db.trx, db, 'mer_1');
    // The manager's change commits and is forgotten while the old row is still coming back.
    db.row.offline_payment_max = 10_000;
    forgetMerchantFacts(db, 'mer_1');
    release();
    expect((await reading).offlinePaymentMax).toBe(50_000); // that sale was judged by the cap it read
    db.releaseReads();
    expect((await merchantFacts(db.trx, db, 'mer_1')).offlinePaymentMax).toBe(10_000);
  });
});
