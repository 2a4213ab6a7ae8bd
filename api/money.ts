import { z } from '@hono/zod-openapi';

/**
 * Money is an integer number of minor units (fen, cents) with an ISO 4217 code. Never a float: every amount that
 * crosses a boundary is checked with Number.isSafeInteger.
 */
export interface Money {
  amount: number;
  currency: string;
}

/** The largest single payment, top-up or campaign amount accepted (DESIGN.md: 1..100,000,000 minor units). */
export const AMOUNT_MAX_MINOR = 100_000_000;
/**
 * The largest campaign budget (and minimum spend) a manager may set: a hundred of the largest payments, so a
 * budget's running total stays far inside a safe integer. The manager's form mirrors it
 * (src/routes/cashier/manage/campaign-form.ts BUDGET_MAX_MINOR).
 */
export const CAMPAIGN_BUDGET_MAX_MINOR = 100 * AMOUNT_MAX_MINOR;

export function money(amount: number, currency: string): Money {
  assertMinor(amount);
  return { amount, currency };
}

export function assertMinor(amount: number): void {
  if (!Number.isSafeInteger(amount)) throw new Error(`money must be a safe integer of minor units, got ${amount}`);
}

/** A money object in a request: integer minor units (no fractions, no strings), a three-letter currency. */
export const MoneySchema = z
  .object({
    amount: z.number().int().safe(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'),
  })
  .strict()
  .openapi('Money', { example: { amount: 6000, currency: 'CNY' } });

export const MoneyOut = z.object({ amount: z.number().int(), currency: z.string() }).openapi('MoneyOut');

/**
 * Digits after the point in a currency's amounts (2 for CNY, 0 for JPY), from Intl, kept per currency: building
 * the formatter costs ~15 µs, and a day's CSV writes several amounts a row.
 */
export function fractionDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}
const digitsByCurrency = new Map<string, number>();

/**
 * Minor units written in the major unit, exactly, from the integer: 65637 CNY -> "656.37", -5 -> "-0.05", 500 JPY
 * -> "500". For files read by people and spreadsheets (a report's CSV); the API itself speaks minor units.
 */
export function majorUnits(amount: number, currency: string): string {
  assertMinor(amount);
  const digits = fractionDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = String(Math.abs(amount)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}
