import type { AppDeps } from '../context.js';
import type { PaymentRow } from '../db/schema.js';
import type { Tx } from '../db/tx.js';
import { campaignRule } from '../coupons/campaigns.js';
import { platformAccountId } from '../ledger/system-accounts.js';
import { merchantKeyScope } from '../http/idempotency.js';
import { paycodeHash } from '../paycodes/codes.js';
import { merchantFacts, type MerchantFacts } from '../shop/facts.js';
import { sameRequest } from './request-hash.js';
import { planGroup, type AccountFacts, type CodeFacts, type StoredCoupon } from './group-plan.js';
import { accountsById, codesByHash, couponsById, groupFactsPostgres, otherKeyedRequests, paymentsByKeys, writePlan, type CouponRow, type GroupFactsRows } from './group-statements.js';
import {
  codeUsedUpHere,
  replayOf,
  type PaymentRequest,
  type SettlementGroup,
  type SettleOptions,
  type SettleResult,
} from './settle.js';

/**
 * Set-based settlement of a group of payments (DESIGN.md "Ledger": throughput from batching): the group's keys,
 * codes, coupons with their campaigns, and accounts are read (one statement each on SQLite, one statement in all
 * on PostgreSQL, where the codes, coupons and budgets are locked), every payment is decided in memory one after
 * another (group-plan.ts, pure), and the outcome is written at once (group-statements.ts: one statement per table
 * on SQLite, one statement in all on PostgreSQL). Under ten
 * statements for a group of up to SET_MAX payments, where settlePayment (settle.ts) runs about ten for each; on
 * PostgreSQL each statement is a round trip. The answers are exactly what settlePayment would have given the
 * same requests one after another (tests/api/settle-group.test.ts compares the two).
 *
 * A group that meets what only settlePayment handles throws NeedsSteps before anything is written; the caller
 * settles that group step by step instead. Any other error leaves the caller's transaction to roll back.
 */

/** The most payments settled together: the largest list a statement here is prepared for. */
export const SET_MAX = 128;

export class NeedsSteps extends Error {
  constructor(readonly why: string) {
    super(`this group settles step by step: ${why}`);
  }
}

/**
 * Settles the requests together inside the caller's transaction. The caller then calls `group.apply`, as with
 * settlePayment: on SQLite the merchants' credits wait there; on PostgreSQL they were written with the rest. With keyLookupFirst, keys already used
 * answer with their first result; without it, a repeated key fails the insert of the payments and the caller
 * rolls the group back and settles it step by step.
 */
export async function settleTogether(
  trx: Tx,
  deps: AppDeps,
  requests: readonly PaymentRequest[],
  group: SettlementGroup,
  options: SettleOptions,
): Promise<SettleResult[]> {
  if (requests.length > SET_MAX) throw new Error(`at most ${SET_MAX} payments settle together`);
  const now = deps.clock.now();
  const { dialect } = deps.db;
  const results: SettleResult[] = new Array(requests.length);
  let pending = requests.map((request, index) => ({ request, index }));

  if (options.keyLookupFirst) {
    for (const merchantId of new Set(requests.map((r) => r.merchantId))) {
      const keys = requests.filter((r) => r.merchantId === merchantId).map((r) => r.idempotencyKey);
      const stored = await paymentsByKeys<PaymentRow>(trx, dialect, 'keys', keys, { merchantId });
      if (stored.length === 0) continue;
      const byKey = new Map(stored.map((row) => [row.idempotency_key, row]));
      pending = pending.filter(({ request, index }) => {
        const existing = request.merchantId === merchantId ? byKey.get(request.idempotencyKey) : undefined;
        if (!existing) return true;
        // A key reused for another request is that request's error alone: the step-by-step path answers it.
        if (!sameRequest(existing, request)) throw new NeedsSteps('a key used for another request');
        results[index] = replayOf(existing, request);
        return false;
      });
    }
    if (pending.length === 0) return results;
  }

  const codeHashes = pending.map(({ request }) => paycodeHash(request.code));
  const merchants = new Map<string, MerchantFacts>();
  for (const { request } of pending) {
    if (merchants.has(request.merchantId)) continue;
    const merchant = await merchantFacts(trx, deps.db, request.merchantId).catch(() => undefined);
    if (merchant) merchants.set(request.merchantId, merchant);
  }
  const uniqueHashes = [...new Set(codeHashes)].sort();
  const currencies = new Set(pending.map(({ request }) => request.currency));
  const read = dialect === 'postgres' ? readInOneStatement : readStatementByStatement;
  const { codes, coupons, accounts, keysTaken } = await read(trx, uniqueHashes, currencies, pending.map((p) => p.request));
  // A key the shop used for another kind of request (a refund, a grant) is that request's error alone (409):
  // the step-by-step path answers it.
  if (keysTaken) throw new NeedsSteps('a key used for another kind of request');
  // A used code is rare in a group (a second scan, an old screenshot): where it was used up is read for it alone.
  const codeByHash = new Map(codes.map((code) => [code.code_hash, code]));
  const codesUsedHere = new Set<string>();
  for (const [i, { request }] of pending.entries()) {
    const code = codeByHash.get(codeHashes[i]!);
    if (code && (await codeUsedUpHere(trx, code, request.merchantId))) codesUsedHere.add(code.code_hash);
  }

  const outcome = planGroup(
    pending.map((p) => p.request),
    codeHashes,
    {
      now,
      offlineWindowMs: deps.config.offlineWindowMs,
      codes: codeByHash,
      coupons,
      accounts: new Map(accounts.map((account) => [account.id, account])),
      merchants,
      codesUsedHere,
    },
  );
  if ('steps' in outcome) throw new NeedsSteps(outcome.steps);
  const { plan } = outcome;

  await writePlan(trx, dialect, plan, now, group);

  plan.payments.forEach((planned, i) => {
    results[pending[i]!.index] = { payment: planned.row, replayed: false, customerHandle: planned.customerHandle, couponTitle: planned.couponTitle, couponRule: planned.couponRule };
  });
  return results;
}

/** What the group's read finds in the database; settleTogether makes group-plan.ts GroupFacts of it (maps by key, the clock, the limits). */
interface StoredGroupRows {
  codes: CodeFacts[];
  coupons: Map<string, StoredCoupon>;
  accounts: AccountFacts[];
  /** Whether any of the requests' keys is held by the shop's other keyed requests (http/idempotency.ts). */
  keysTaken: boolean;
}

/** The requests' keys under the scope the shop's other keyed requests use, as two parallel lists. */
function scopedKeys(requests: readonly PaymentRequest[]): { scopes: string[]; keys: string[] } {
  return { scopes: requests.map((r) => merchantKeyScope(r.merchantId)), keys: requests.map((r) => r.idempotencyKey) };
}

/**
 * PostgreSQL: the codes, their coupons with the campaigns, the budgets (locked), the campaigns' merchants and the
 * accounts, one round trip (group-statements.ts groupFactsPostgres). The platform's account of each currency is
 * read along, whether or not a coupon turns out to need it.
 */
async function readInOneStatement(trx: Tx, hashes: string[], currencies: ReadonlySet<string>, requests: readonly PaymentRequest[]): Promise<StoredGroupRows> {
  const extraAccountIds = [...currencies].map(platformAccountId);
  // Cast: the row is raw json_agg, shaped by the SQL, not by kysely's types (GroupFactsRows says what must agree).
  const [facts] = (await groupFactsPostgres(trx, { hashes, extraAccountIds, ...scopedKeys(requests) })).rows as unknown as GroupFactsRows<CodeFacts, AccountFacts>[];
  if (!facts) throw new Error('group read: no row');
  return {
    codes: facts.codes,
    coupons: storedCoupons(facts.coupons, new Map(facts.budgets.map((b) => [b.id, b])), merchantsByCampaign(facts.links)),
    accounts: facts.accounts,
    keysTaken: facts.keys_taken,
  };
}

/**
 * SQLite, in-process, where a statement is a call and not a round trip: one statement per table, the accounts
 * last, the platform's among them only when a platform-funded coupon is used. Nothing is locked (the one writer
 * holds the database), so a budgeted campaign's `spent` is the one read with its coupon.
 */
async function readStatementByStatement(trx: Tx, hashes: string[], currencies: ReadonlySet<string>, requests: readonly PaymentRequest[]): Promise<StoredGroupRows> {
  let keysTaken = false;
  for (const merchantId of new Set(requests.map((r) => r.merchantId))) {
    const keys = requests.filter((r) => r.merchantId === merchantId).map((r) => r.idempotencyKey);
    keysTaken ||= (await otherKeyedRequests(trx, 'sqlite', 'keys', keys, { scope: merchantKeyScope(merchantId) })).length > 0;
  }
  const codes = await codesByHash<CodeFacts>(trx, 'sqlite', 'hashes', hashes);
  const couponIds = [...new Set(codes.flatMap((code) => (code.coupon_id ? [code.coupon_id] : [])))].sort();
  const couponRows = await couponsById<CouponRow>(trx, 'sqlite', 'ids', couponIds);
  const limited = [...new Set(couponRows.filter((r) => r.all_merchants !== 1).map((r) => r.id))];
  const links = limited.length === 0 ? [] : await trx.selectFrom('campaign_merchants').select(['campaign_id', 'merchant_id']).where('campaign_id', 'in', limited).execute();
  const coupons = storedCoupons(couponRows, new Map(), merchantsByCampaign(links));
  const accountIds = new Set(codes.map((code) => code.account_id));
  if ([...coupons.values()].some((coupon) => coupon.funding === 'platform')) {
    for (const currency of currencies) accountIds.add(platformAccountId(currency));
  }
  const accounts = await accountsById<AccountFacts>(trx, 'sqlite', 'ids', [...accountIds].sort());
  return { codes, coupons, accounts, keysTaken };
}

function merchantsByCampaign(links: readonly { campaign_id: string; merchant_id: string }[]): Map<string, string[]> {
  const merchantsOf = new Map<string, string[]>();
  for (const link of links) merchantsOf.set(link.campaign_id, [...(merchantsOf.get(link.campaign_id) ?? []), link.merchant_id]);
  return merchantsOf;
}

/**
 * The coupons as verification sees them. On PostgreSQL a budgeted campaign's `budget` and `spent` are the ones
 * read under its lock (as couponFacts reads them), which may be newer than those read with the coupon.
 */
function storedCoupons(
  rows: readonly CouponRow[],
  lockedBudgets: ReadonlyMap<string, { budget: number | null; spent: number }>,
  merchantsOf: ReadonlyMap<string, string[]>,
): Map<string, StoredCoupon> {
  const coupons = new Map<string, StoredCoupon>();
  for (const row of rows) {
    const campaign = { ...row, ...lockedBudgets.get(row.id) };
    coupons.set(row.coupon_id, {
      id: row.coupon_id,
      campaignId: row.id,
      funding: row.funding,
      title: row.title,
      ownerId: row.customer_id,
      state: row.state,
      reservedCodeHash: row.reserved_code_hash,
      reservedUntil: row.reserved_until,
      rule: campaignRule(campaign),
      validFrom: campaign.valid_from,
      validUntil: campaign.valid_until,
      allMerchants: campaign.all_merchants === 1,
      merchantIds: merchantsOf.get(row.id) ?? [],
      minimumSpend: campaign.minimum_spend,
      budget: campaign.budget,
      spent: campaign.spent,
    });
  }
  return coupons;
}
