import { z } from '@hono/zod-openapi';
import { textLine } from '../http/schemas.js';
import { canonicalTimeZone, isTimeZone } from '../config.js';
import { AMOUNT_MAX_MINOR } from '../money.js';

/**
 * A shop's name and its offline limits as its manager sets them (shop/routes.ts), and the one rule between them.
 * Pure: no database, so tests/unit checks it alone.
 */

/** A shop's name fits the cashier's bar and a receipt's head on a phone. */
export const SHOP_NAME_MAX = 60;
/**
 * The largest per-payment offline cap: the largest payment the API takes at all (DESIGN.md), above which a cap
 * would hold nothing back.
 */
export const OFFLINE_PAYMENT_CAP_MAX_MINOR = AMOUNT_MAX_MINOR;
/**
 * The largest total a tablet may hold unsent: also 1,000,000.00. A lost or stolen tablet costs the shop at most
 * this, and no shop should risk more on one tablet than the largest payment the system takes.
 */
export const OFFLINE_TOTAL_CAP_MAX_MINOR = AMOUNT_MAX_MINOR;
/** The most payments a tablet may hold unsent: one offline batch (payments/schemas.ts BATCH_ITEMS_MAX), sent in one sync. */
export const OFFLINE_COUNT_CAP_MAX = 500;

const capMoney = (max: number) =>
  z
    .object({
      amount: z.number().int().min(1).max(max),
      currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'),
    })
    .strict();

/** PATCH /api/shop: what is sent changes, what is left out stays. */
export const ShopChangeSchema = z
  .object({
    name: textLine(SHOP_NAME_MAX).optional(),
    // Where the shop's day starts: its reports, its Z close's "today", the tablet's day. Sales already made keep
    // their instants; a day report asked for after the change counts the day in the new zone.
    timeZone: z
      .string()
      .max(64)
      .refine((zone) => isTimeZone(zone), 'not an IANA time zone the server knows (e.g. Asia/Shanghai, Europe/Berlin, UTC)')
      .transform((zone) => canonicalTimeZone(zone)!)
      .optional()
      .openapi({ description: "The shop's time zone (IANA)", example: 'Asia/Shanghai' }),
    offlineLimits: z
      .object({
        paymentMax: capMoney(OFFLINE_PAYMENT_CAP_MAX_MINOR).optional(),
        totalMax: capMoney(OFFLINE_TOTAL_CAP_MAX_MINOR).optional(),
        countMax: z.number().int().min(1).max(OFFLINE_COUNT_CAP_MAX).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => b.name !== undefined || b.offlineLimits !== undefined || b.timeZone !== undefined, { message: 'Nothing to change: send name, timeZone or offlineLimits.' })
  .openapi('ShopChange');
export type ShopChange = z.infer<typeof ShopChangeSchema>;

/** A shop's settings as stored: limits in minor units of the shop's currency. */
export interface ShopSettings {
  name: string;
  paymentMaxMinor: number;
  totalMaxMinor: number;
  countMax: number;
}

export type ShopChangeRefusal = { ok: false; status: 422; code: 'CURRENCY_MISMATCH' | 'PAYMENT_CAP_OVER_TOTAL'; field: string; message: string };

/**
 * The settings after a change, or why the change is refused: a limit in another currency than the shop's, or a
 * per-payment cap above the total (a payment the tablet could never hold). The rule is judged on the settings
 * that would result, so lowering the total alone below the payment cap is refused too.
 */
export function applyShopChange(current: ShopSettings, change: ShopChange, currency: string): { ok: true; settings: ShopSettings } | ShopChangeRefusal {
  const limits = change.offlineLimits ?? {};
  for (const field of ['paymentMax', 'totalMax'] as const) {
    const m = limits[field];
    if (m && m.currency !== currency) {
      return { ok: false, status: 422, code: 'CURRENCY_MISMATCH', field: `offlineLimits.${field}.currency`, message: `This shop keeps ${currency}.` };
    }
  }
  const settings: ShopSettings = {
    name: change.name ?? current.name,
    paymentMaxMinor: limits.paymentMax?.amount ?? current.paymentMaxMinor,
    totalMaxMinor: limits.totalMax?.amount ?? current.totalMaxMinor,
    countMax: limits.countMax ?? current.countMax,
  };
  if (settings.paymentMaxMinor > settings.totalMaxMinor) {
    const field = limits.paymentMax ? 'offlineLimits.paymentMax.amount' : 'offlineLimits.totalMax.amount';
    return { ok: false, status: 422, code: 'PAYMENT_CAP_OVER_TOTAL', field, message: 'The cap on one offline payment cannot be above the cap on all of them.' };
  }
  return { ok: true, settings };
}
