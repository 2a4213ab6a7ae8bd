import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../api/http/idempotency.js';
import { paymentCanonicalJson, paymentRequestHash } from '../../../api/payments/request-hash.js';

/**
 * A payment's request hash is stored with the payment and compared with every retry of it, also one sent days
 * later from an offline outbox, possibly to a newer server: its text and digest must never change.
 */
describe('the payment request hash', () => {
  it('is the hash stored by earlier versions for the same sale (a retry after an upgrade still matches)', () => {
    // Digests of canonicalJson through createHash('sha256'), as payments stored them before the hash was written
    // out for this one shape.
    expect(paymentRequestHash({ code: '881234567890123456', amount: 6000, currency: 'CNY', scannedAt: null })).toBe('wtyuR28sW1kc-km9G92tX5iLXi2oxMg8WyKPq83vltM');
    expect(paymentRequestHash({ code: '881234567890123456', amount: 6000, currency: 'CNY', scannedAt: Date.parse('2026-11-30T10:00:00.000Z') })).toBe(
      'YUIL73hmAqM5riWNQHA5t74QI-lnF6nUdK5GJt3Q9Gk',
    );
  });

  it('hashes the same text as canonicalJson of the intent, whatever the code, amount, currency and scan time', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.string({ maxLength: 5 }),
        fc.option(fc.integer({ min: 0, max: 8_640_000_000_000_000 }), { nil: null }),
        (code, amount, currency, scannedAt) => {
          const intent = { code, amount, currency, scannedAt };
          expect(paymentCanonicalJson(intent)).toBe(canonicalJson({ code, amount: { amount, currency }, scannedAt }));
        },
      ),
    );
  });
});
