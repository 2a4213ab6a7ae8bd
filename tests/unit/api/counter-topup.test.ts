import { describe, expect, it } from 'vitest';
import { judgeTopUpAmount, judgeTopUpCode, judgeTopUpReversal, TOPUP_SCAN_AGE_MAX_MS } from '../../../api/topups/rules.js';

/** Which payment codes name a customer to top up at the counter (api/topups/rules.ts), without a database. */
describe('a top-up at the counter judges the code the customer shows', () => {
  const now = 1_000_000_000;
  const live = { created_at: now - 10_000, expires_at: now + 50_000, state: 'live' as const, ended_at: null };

  it('takes a live code now, and one read within the counter window before the phone replaced it', () => {
    expect(judgeTopUpCode(live, now, now)).toEqual({ ok: true });
    const replaced = { ...live, state: 'retired' as const, ended_at: now - 5_000 };
    expect(judgeTopUpCode(replaced, now - 6_000, now)).toEqual({ ok: true });
    expect(judgeTopUpCode(replaced, now - 5_000, now)).toEqual({ ok: false, reason: 'CODE_EXPIRED' });
    expect(judgeTopUpCode(replaced, now, now)).toEqual({ ok: false, reason: 'CODE_EXPIRED' });
  });

  it('refuses a code no one was given, one used by a payment, one past its time, and a scan older than the window', () => {
    expect(judgeTopUpCode(undefined, now, now)).toEqual({ ok: false, reason: 'CODE_UNKNOWN' });
    expect(judgeTopUpCode({ ...live, state: 'used', ended_at: now - 1 }, now - 5_000, now)).toEqual({ ok: false, reason: 'CODE_USED' });
    expect(judgeTopUpCode({ ...live, expires_at: now }, now, now)).toEqual({ ok: false, reason: 'CODE_EXPIRED' });
    const old = { ...live, created_at: now - TOPUP_SCAN_AGE_MAX_MS - 20_000, expires_at: now + 1 };
    expect(judgeTopUpCode(old, now - TOPUP_SCAN_AGE_MAX_MS, now)).toEqual({ ok: true });
    expect(judgeTopUpCode(old, now - TOPUP_SCAN_AGE_MAX_MS - 1, now)).toEqual({ ok: false, reason: 'CODE_EXPIRED' });
  });

  it('takes a scan a till with an early clock dates before the code was made', () => {
    const fresh = { ...live, created_at: now, expires_at: now + 60_000 };
    expect(judgeTopUpCode(fresh, now - 30_000, now + 10)).toEqual({ ok: true });
  });

  it('takes 1 to 100,000,000 minor units of the ledger currency', () => {
    expect(judgeTopUpAmount({ amount: 1, currency: 'CNY' }, 'CNY')).toEqual({ ok: true });
    expect(judgeTopUpAmount({ amount: 100_000_000, currency: 'CNY' }, 'CNY')).toEqual({ ok: true });
    for (const amount of [0, -1, 100_000_001, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      expect(judgeTopUpAmount({ amount, currency: 'CNY' }, 'CNY'), String(amount)).toEqual({ ok: false, reason: 'AMOUNT_OUT_OF_RANGE' });
    }
    expect(judgeTopUpAmount({ amount: 100, currency: 'USD' }, 'CNY')).toEqual({ ok: false, reason: 'CURRENCY_MISMATCH' });
  });
});

describe('whether a counter top-up may be reversed (judgeTopUpReversal)', () => {
  const cafe = { merchant_id: 'mer_cafe' };
  it('reverses a top-up of the shop that is not reversed yet', () => {
    expect(judgeTopUpReversal(cafe, false, 'mer_cafe')).toEqual({ ok: true });
  });
  it("answers another shop's top-up as it answers an unknown one, so it says nothing of other shops", () => {
    expect(judgeTopUpReversal(undefined, false, 'mer_cafe')).toEqual({ ok: false, reason: 'NOT_FOUND' });
    expect(judgeTopUpReversal(cafe, false, 'mer_books')).toEqual({ ok: false, reason: 'NOT_FOUND' });
    // Even one reversed there: which shop's it is comes first.
    expect(judgeTopUpReversal(cafe, true, 'mer_books')).toEqual({ ok: false, reason: 'NOT_FOUND' });
  });
  it('refuses a second reversal', () => {
    expect(judgeTopUpReversal(cafe, true, 'mer_cafe')).toEqual({ ok: false, reason: 'ALREADY_REVERSED' });
  });
});
