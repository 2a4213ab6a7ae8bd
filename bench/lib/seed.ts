/**
 * Bench data, written straight into the database before the server starts. This bypasses the HTTP API only to
 * save time: a sign-up through POST /api/customers hashes the PIN with scrypt (tens of milliseconds of CPU
 * each), and tens of thousands of them would take minutes on two cores. So the PIN is hashed once (hashPin)
 * and its hash reused, sessions are written as createSession writes them, and customers, wallets, coupons and
 * codes are inserted many rows per statement, with the same values openAccount, grantCoupon and issuePaycode
 * write, and the top-ups as postTransfers writes them (a transfer from the external source per wallet, and the
 * balances moved by the same sums), so the ledger's invariants hold. One row at a time through those functions
 * took ~6 ms per customer on PostgreSQL here: minutes for a full run.
 *
 * One customer has one live code at a time (a new code retires the previous one), so N payments need about N
 * customers. The customers form one pool; each benchmark takes the next unused ones.
 */
import { spawnSync } from 'node:child_process';
import { sql, type Insertable } from 'kysely';
import type { AccountTable, CouponTable, CustomerTable, PaycodeTable, SessionTable } from '../../api/db/schema.js';
import { hashPin } from '../../api/auth/pins.js';
import { createSession } from '../../api/auth/sessions.js';
import { openDatabase, type Db } from '../../api/db/connect.js';
import { inTransaction } from '../../api/db/tx.js';
import { DEMO, seedDemo } from '../../api/demo/seed.js';
import { newId, newToken, sha256 } from '../../api/ids.js';
import { FLOOR_BY_KIND } from '../../api/ledger/accounts.js';
import { ensureSystemAccounts, externalAccountId, platformAccountId } from '../../api/ledger/system-accounts.js';
import { postTransfers } from '../../api/ledger/transfers.js';
import { generatePaycode, paycodeHash } from '../../api/paycodes/codes.js';

export const CURRENCY = 'CNY';
/** Each bench customer starts with 1,000.00: far more than the payments it makes (one or two of at most 99.99). */
const CUSTOMER_BALANCE_MINOR = 100_000;
/** The platform funds the 15% coupons; the demo's 100,000.00 would run dry after some ten thousand payments. */
const PLATFORM_TOP_UP_MINOR = 10_000_000_000;
/**
 * The coupon half of the customers hold: the demo's percent campaign (capped, platform-funded, valid at every
 * merchant), found by its rule, not its title, which older commits spell differently (--compare, --api-ref).
 */
const BENCH_COUPON_TITLE = DEMO.campaigns.find((c) => c.rule.kind === 'percent')!.title;
/** Codes issued beforehand must outlive the run (the API's own TTL is a minute; it is a parameter here). */
export const PREPARED_CODE_TTL_MS = 2 * 3600_000;
const SESSION_TTL_MS = 12 * 3600_000;
/**
 * A customer's session as POST /api/sessions makes it (its life from the sign-in, auth/sessions.ts): seeded with a
 * cashier's 12 hours, every bench customer's first request found it due to slide (renewSession) and wrote its row,
 * an extra committed write per code issued that no customer signed in within the hour makes (code + payment fell from
 * 2,702 to 970/s on SQLite between the 1 and 6 December runs, with no change to the code's path).
 */
// 30 days: CUSTOMER_SESSION_IDLE_MS's default (api/config.ts). A literal, not imported: `--compare` seeds an older
// commit's API with this file, and older commits have no such export.
const CUSTOMER_SESSION_TTL_MS = 30 * 86_400_000;

/** Every bench customer's PIN (one scrypt hash for all, see the header). */
export const BENCH_PIN = '1234';

export interface BenchCustomer {
  id: string;
  /** Its handle, to sign in with BENCH_PIN through POST /api/sessions. */
  handle: string;
  accountId: string;
  token: string;
  couponId: string | null;
  /** A live code issued beforehand (with the coupon on it when the customer holds one). */
  code: string | null;
  codeIssuedAt: number | null;
}

export interface BenchData {
  merchantId: string;
  merchantAccountId: string;
  cashierId: string;
  cashierTokens: string[];
  /** A session of the bench merchant's manager, and the campaign that merchant issued (its page: growth). */
  managerToken: string;
  shopCampaignId: string;
  customers: BenchCustomer[];
  seedMs: number;
}

/** A deterministic amount between 10.00 and 99.99 for the i-th payment (15% of it stays under the coupon's cap of 20). */
export function amountFor(i: number): number {
  return 1_000 + ((i * 7_919) % 9_000);
}

export interface SeedOptions {
  customers: number;
  cashierSessions?: number;
  prepareCodes?: boolean;
  /** Each wallet's top-up, in minor units (1,000.00 unless said). */
  balanceMinor?: number;
}

export async function seedBench(url: string, opts: SeedOptions): Promise<BenchData> {
  const started = performance.now();
  const db = await openDatabase(url);
  let data: Omit<BenchData, 'seedMs'>;
  try {
    data = await seedInto(db, opts);
    // Write the seed out before anything is timed: otherwise PostgreSQL's checkpoint and the kernel's write-back of
    // the freshly written pages run under the first measured loads and slow their fsyncs.
    if (db.dialect === 'postgres') await sql`checkpoint`.execute(db.kysely).catch(() => {});
  } finally {
    await db.close();
  }
  spawnSync('sync');
  return { ...data, seedMs: performance.now() - started };
}

/** Rows per INSERT: well under both dialects' limits on bound parameters (a row here has at most nine). */
const ROWS_PER_INSERT = 500;

function slices<T>(rows: T[], size = ROWS_PER_INSERT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function seedInto(db: Db, opts: SeedOptions): Promise<Omit<BenchData, 'seedMs'>> {
  const balance = opts.balanceMinor ?? CUSTOMER_BALANCE_MINOR;
  if (!Number.isSafeInteger(balance) || balance <= 0) throw new Error(`a wallet's balance is a positive whole number of minor units, not ${balance}`);
  const now = Date.now();
  const k = db.kysely;
  await ensureSystemAccounts(k, CURRENCY, now);
  // The demo merchants, cashiers and campaigns (DESIGN.md "Running it"); the server then finds the database
  // not empty and seeds nothing itself.
  // Their days on the clock the bench's server counts by (TIME_ZONE, else the machine's), as the server's own seed.
  // (The machine's zone read here, not through api/config.ts's machineTimeZone: older commits seeded by --compare lack it.)
  await seedDemo(db, CURRENCY, now, process.env.TIME_ZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC');
  const merchant = await k.selectFrom('merchants').select(['id', 'account_id']).where('handle', '=', 'demo-cafe').executeTakeFirstOrThrow();
  const cashier = await k
    .selectFrom('cashiers')
    .select('id')
    .where('merchant_id', '=', merchant.id)
    .where('handle', '=', DEMO.merchants[0]!.cashiers[0]!.handle)
    .executeTakeFirstOrThrow();
  const campaign = await k.selectFrom('campaigns').select('id').where('title', '=', BENCH_COUPON_TITLE).executeTakeFirstOrThrow();

  const cashierTokens: string[] = [];
  for (let i = 0; i < (opts.cashierSessions ?? 8); i++) {
    const s = await createSession(k, { role: 'cashier', cashierId: cashier.id, merchantId: merchant.id, canManage: false }, now, SESSION_TTL_MS);
    cashierTokens.push(s.token);
  }
  const manager = await k.selectFrom('cashiers').select('id').where('merchant_id', '=', merchant.id).where('can_manage', '=', 1).executeTakeFirstOrThrow();
  const managerToken = (await createSession(k, { role: 'cashier', cashierId: manager.id, merchantId: merchant.id, canManage: true }, now, SESSION_TTL_MS)).token;
  const shopCampaign = await k.selectFrom('campaigns').select('id').where('issuer_merchant_id', '=', merchant.id).executeTakeFirstOrThrow();
  await inTransaction(k, (trx) =>
    postTransfers(trx, CURRENCY, [{ debit: externalAccountId(CURRENCY), credit: platformAccountId(CURRENCY), amount: PLATFORM_TOP_UP_MINOR, kind: 'funding' }], now),
  );

  // 1. Customers, their wallets and sessions, many rows per INSERT (see the header). One PIN hash for all.
  const pinHash = await hashPin(BENCH_PIN);
  const tag = now.toString(36);
  const customers: BenchCustomer[] = [];
  const accountRows: Insertable<AccountTable>[] = [];
  const customerRows: Insertable<CustomerTable>[] = [];
  const sessionRows: Insertable<SessionTable>[] = [];
  for (let i = 0; i < opts.customers; i++) {
    const id = newId('cus', now);
    const accountId = newId('acc', now);
    const token = newToken();
    const handle = `bench-${tag}-${i}`;
    customers.push({ id, handle, accountId, token, couponId: null, code: null, codeIssuedAt: null });
    accountRows.push({ id: accountId, kind: 'customer' as const, owner_id: id, currency: CURRENCY, min_balance: FLOOR_BY_KIND.customer, balance: 0, created_at: now });
    customerRows.push({ id, handle, pin_hash: pinHash, account_id: accountId, paycode_seq: 0, created_at: now });
    sessionRows.push({ token_hash: sha256(token), role: 'customer' as const, customer_id: id, cashier_id: null, merchant_id: null, can_manage: 0, created_at: now, expires_at: now + CUSTOMER_SESSION_TTL_MS, revoked_at: null });
  }
  await inTransaction(k, async (trx) => {
    for (const rows of slices(accountRows)) await trx.insertInto('accounts').values(rows).execute();
    for (const rows of slices(customerRows)) await trx.insertInto('customers').values(rows).execute();
    for (const rows of slices(sessionRows)) await trx.insertInto('sessions').values(rows).execute();
  });

  // 2. Money in through the ledger (from the external source, as a top-up would); a coupon for every other
  // customer, counted against the campaign as grantCoupon counts it; and, for the benchmarks that time
  // POST /api/payments alone, a code issued beforehand, as issuePaycode writes it for a customer without a live
  // code (the code row, and the coupon reserved for it until the code expires).
  const issuedAt = Date.now();
  const expiresAt = issuedAt + PREPARED_CODE_TTL_MS;
  const couponRows: Insertable<CouponTable>[] = [];
  const paycodeRows: Insertable<PaycodeTable>[] = [];
  for (const [i, c] of customers.entries()) {
    const withCode = opts.prepareCodes ?? true;
    if (withCode) {
      c.code = generatePaycode();
      c.codeIssuedAt = issuedAt;
    }
    const codeHash = c.code ? paycodeHash(c.code) : null;
    if (i % 2 === 0) {
      c.couponId = newId('cpn', now);
      // No `source` column value: it defaults to 'grant' where it exists, and older schemas (--api-ref) lack it.
      couponRows.push({
        id: c.couponId,
        campaign_id: campaign.id,
        customer_id: c.id,
        state: codeHash ? ('reserved' as const) : ('available' as const),
        reserved_code_hash: codeHash,
        reserved_until: codeHash ? expiresAt : null,
        redeemed_payment_id: null,
        granted_at: now,
        updated_at: codeHash ? issuedAt : now,
      } as Insertable<CouponTable>);
    }
    if (codeHash) paycodeRows.push({ code_hash: codeHash, customer_id: c.id, coupon_id: c.couponId, created_at: issuedAt, expires_at: expiresAt, state: 'live' as const, ended_at: null });
  }
  await inTransaction(k, async (trx) => {
    // What postTransfers writes for a top-up, for many accounts per statement: the transfers, then the balances.
    const transferRows = customers.map((c) => ({
      id: newId('trf', now),
      debit_account_id: externalAccountId(CURRENCY),
      credit_account_id: c.accountId,
      amount: balance,
      currency: CURRENCY,
      kind: 'topup' as const,
      payment_id: null,
      refund_id: null,
      created_at: now,
    }));
    for (const rows of slices(transferRows)) await trx.insertInto('transfers').values(rows).execute();
    for (const part of slices(customers)) {
      await trx
        .updateTable('accounts')
        .set((eb) => ({ balance: eb('balance', '+', balance) }))
        .where('id', 'in', part.map((c) => c.accountId))
        .execute();
    }
    await trx
      .updateTable('accounts')
      .set((eb) => ({ balance: eb('balance', '-', balance * customers.length) }))
      .where('id', '=', externalAccountId(CURRENCY))
      .execute();
    for (const rows of slices(couponRows)) await trx.insertInto('coupons').values(rows).execute();
    await trx.updateTable('campaigns').set((eb) => ({ issued: eb('issued', '+', couponRows.length) })).where('id', '=', campaign.id).execute();
    for (const rows of slices(paycodeRows)) await trx.insertInto('paycodes').values(rows).execute();
    if (paycodeRows.length) await trx.updateTable('customers').set({ paycode_seq: 1 }).where('handle', 'like', `bench-${tag}-%`).execute();
  });
  return { merchantId: merchant.id, merchantAccountId: merchant.account_id, cashierId: cashier.id, cashierTokens, managerToken, shopCampaignId: shopCampaign.id, customers };
}

/** Hands out customers from the pool in order; each is used for one payment. */
export class CustomerPool {
  private next = 0;
  constructor(readonly customers: BenchCustomer[]) {}
  get left() {
    return this.customers.length - this.next;
  }
  take(n: number): BenchCustomer[] {
    const out = this.customers.slice(this.next, this.next + n);
    return out;
  }
  /** Marks the first `n` of the last take as used (a run may stop before it used all it was given). */
  consume(n: number) {
    this.next += n;
  }
}
