import { z } from '@hono/zod-openapi';
import type { Executor } from '../db/tx.js';
import { MoneyOut } from '../money.js';

/**
 * A shop as its tablets see it: its name, currency, time zone and offline limits. One read for GET /api/shop, for a
 * manager's change (which reads it locked) and for the cashier's part of GET /api/me and the sign-in's answer.
 */
export const ShopSchema = z
  .object({
    handle: z.string(),
    name: z.string(),
    currency: z.string(),
    timeZone: z.string().openapi({ description: "The shop's time zone (IANA), where its day starts: its own if one is set, else the server's TIME_ZONE" }),
    timeZoneIsServers: z.boolean().openapi({
      description:
        "True when the shop has no zone of its own and its day follows the server's TIME_ZONE (the demo's shops, and shops opened before `npm run shop` saved one): moving the server or changing TIME_ZONE moves its midnight. A zone saved in Shop settings makes it the shop's own.",
    }),
    offlineLimits: z.object({ paymentMax: MoneyOut, totalMax: MoneyOut, countMax: z.number().int() }).openapi({
      description: 'What a tablet may take while offline, at the shop\'s risk: per payment, in all unsent, and how many',
    }),
  })
  .openapi('Shop');
export type Shop = z.infer<typeof ShopSchema>;

export async function readShop(db: Executor, merchantId: string, serverZone: string, lockOnPostgres = false): Promise<Shop> {
  let q = db
    .selectFrom('merchants')
    .select(['handle', 'name', 'currency', 'offline_payment_max', 'offline_total_max', 'offline_count_max', 'time_zone'])
    .where('id', '=', merchantId);
  // FOR NO KEY UPDATE, not FOR UPDATE: sales insert rows that refer to the shop, and the key-share lock that takes
  // must not wait for a manager's change. Two changes at once are taken one after the other, so the cap rule
  // holds for what both leave. SQLite has no row locks, and writes one transaction at a time anyway.
  if (lockOnPostgres) q = q.forNoKeyUpdate();
  const row = await q.executeTakeFirstOrThrow();
  const money = (amount: number) => ({ amount: Number(amount), currency: row.currency });
  return {
    handle: row.handle,
    name: row.name,
    currency: row.currency,
    timeZone: row.time_zone ?? serverZone,
    timeZoneIsServers: row.time_zone === null,
    offlineLimits: { paymentMax: money(row.offline_payment_max), totalMax: money(row.offline_total_max), countMax: Number(row.offline_count_max) },
  };
}
