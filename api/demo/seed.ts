import { sql } from 'kysely';
import { hashPin } from '../auth/pins.js';
import { ruleColumns } from '../coupons/campaigns.js';
import type { CouponRule } from '../coupons/rules.js';
import { grantCoupon } from '../coupons/store.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/tx.js';
import { newId } from '../ids.js';
import { openAccount } from '../ledger/accounts.js';
import { ensureSystemAccounts, externalAccountId, platformAccountId } from '../ledger/system-accounts.js';
import { postTransfers } from '../ledger/transfers.js';
import { dateIn, dayBounds } from '../reports/days.js';
import { addCashier, openShop } from '../staff/shops.js';

/**
 * The demo data of DESIGN.md ("Running it"), written into an empty database at start unless DEMO=0. All money
 * enters through the external funding source, so the ledger's sum stays zero from the first transfer.
 */
const DAY_MS = 24 * 3600_000;
const YEAR_MS = 365 * DAY_MS;
/** An arbitrary constant naming the advisory lock that serialises seeding across processes. */
const DEMO_SEED_LOCK = 7_263_001;
/** The platform's marketing budget for platform-funded coupons in the demo: 100,000.00. */
const PLATFORM_BUDGET_MINOR = 10_000_000;

export const DEMO = {
  merchants: [
    { handle: 'demo-cafe', name: 'Demo Café', cashiers: [{ handle: 'cashier-1', pin: '1234', canManage: false }, { handle: 'owner', pin: '9999', canManage: true }] },
    { handle: 'demo-books', name: 'Demo Books', cashiers: [{ handle: 'cashier-1', pin: '4321', canManage: false }] },
  ],
  customers: [
    { handle: 'alice', pin: '1111', balance: 50_000 },
    { handle: 'bob', pin: '2222', balance: 50_000 },
    { handle: 'carol', pin: '3333', balance: 2_000 },
  ],
  campaigns: [
    { title: '¥10 off orders of ¥50 or more', rule: { kind: 'threshold', minimum: 5_000, off: 1_000 }, funding: 'merchant', merchants: ['demo-cafe'] },
    { title: '15% off, at most ¥20', rule: { kind: 'percent', percent: 15, cap: 2_000 }, funding: 'platform', merchants: 'all' },
    { title: '¥5 off', rule: { kind: 'fixed', off: 500 }, funding: 'platform', merchants: 'all' },
  ] as { title: string; rule: CouponRule; funding: 'merchant' | 'platform'; merchants: string[] | 'all' }[],
};


export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.kysely.selectFrom('merchants').select('id').limit(1).executeTakeFirst();
  return !row;
}

export async function seedDemo(db: Db, currency: string, now: number, timeZone: string): Promise<void> {
  // Hashed side by side on libuv's thread pool: one after another, the six scrypt hashes were about half a second of
  // every start on a new database (and each browser test file starts one).
  const pins = [...new Set([...DEMO.merchants.flatMap((m) => m.cashiers.map((c) => c.pin)), ...DEMO.customers.map((c) => c.pin)])];
  const pinHashes = new Map(await Promise.all(pins.map(async (pin) => [pin, await hashPin(pin)] as const)));
  await inTransaction(db.kysely, async (trx) => {
    // Several servers may start at once on a new PostgreSQL database: the first takes this lock and seeds, the
    // others wait for it, then find the data there and do nothing.
    if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK})`.execute(trx);
    if (await trx.selectFrom('merchants').select('id').limit(1).executeTakeFirst()) return;
    await ensureSystemAccounts(trx, currency, now);
    const merchantIds = new Map<string, string>();
    for (const m of DEMO.merchants) {
      const id = await openShop(trx, { handle: m.handle, name: m.name, currency, now });
      merchantIds.set(m.handle, id);
      for (const c of m.cashiers) {
        await addCashier(trx, { merchantId: id, handle: c.handle, pinHash: pinHashes.get(c.pin)!, canManage: c.canManage, now });
      }
    }
    await postTransfers(trx, currency, [{ debit: externalAccountId(currency), credit: platformAccountId(currency), amount: PLATFORM_BUDGET_MINOR, kind: 'funding' }], now);
    const campaignIds: string[] = [];
    for (const c of DEMO.campaigns) {
      const id = newId('cmp', now);
      campaignIds.push(id);
      await trx
        .insertInto('campaigns')
        .values({
          id,
          issuer_merchant_id: c.funding === 'merchant' && c.merchants !== 'all' ? merchantIds.get(c.merchants[0]!)! : null,
          title: c.title,
          funding: c.funding,
          ...ruleColumns(c.rule),
          // From the start of yesterday to the end of the day a year on, whole days as the campaign form makes them:
          // an end a year after the seed to the millisecond read, when seeded in midnight's first minute, as the day
          // before (campaign-dates.ts), and as a day and a time otherwise. Days on the server's clock (TIME_ZONE), the
          // demo shops' until an owner sets theirs: counted in UTC, a server started with TIME_ZONE=Asia/Shanghai
          // showed the demo's coupons ending at 08:00.
          valid_from: dayBounds(dateIn(dayBounds(dateIn(now, timeZone), timeZone)[0] - 1, timeZone), timeZone)[0],
          valid_until: dayBounds(dateIn(now + YEAR_MS, timeZone), timeZone)[1],
          all_merchants: c.merchants === 'all' ? 1 : 0,
          minimum_spend: null,
          stock: null,
          issued: 0,
          per_customer_limit: null,
          budget: null,
          spent: 0,
          currency,
          created_at: now,
          // The demo's "5 off" may be passed on to a friend, to show sharing.
          shareable: c.rule.kind === 'fixed' ? 1 : 0,
        })
        .execute();
      if (c.merchants !== 'all') {
        for (const handle of c.merchants) await trx.insertInto('campaign_merchants').values({ campaign_id: id, merchant_id: merchantIds.get(handle)! }).execute();
      }
    }
    for (const c of DEMO.customers) {
      const id = newId('cus', now);
      const accountId = await openAccount(trx, { kind: 'customer', ownerId: id, currency, now });
      await trx.insertInto('customers').values({ id, handle: c.handle, pin_hash: pinHashes.get(c.pin)!, account_id: accountId, paycode_seq: 0, created_at: now }).execute();
      await postTransfers(trx, currency, [{ debit: externalAccountId(currency), credit: accountId, amount: c.balance, kind: 'topup' }], now);
      for (const campaignId of campaignIds) await grantCoupon(trx, db.dialect, { campaignId, customerId: id, now });
    }
  });
}
