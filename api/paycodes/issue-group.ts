import { sql } from 'kysely';
import type { DialectName } from '../db/connect.js';
import { insertRows, pairParams, prepared, preparedByCount, preparedList, preparedRows, range, type ListBuild } from '../db/prepared.js';
import type { PaycodeRow } from '../db/schema.js';
import type { Executor, Tx } from '../db/tx.js';
import { nextCouponState } from '../coupons/states.js';
import { NEW_CODE_STATE, nextCodeState } from './states.js';
import { planIssues, type IssueRequest, type ReservableCoupon } from './issue-plan.js';

/**
 * Issues a group of payment codes together (DESIGN.md "Ledger": throughput from batching, as payments are
 * settled): the group's live codes and the coupons it asks for are read in one statement each (locked on
 * PostgreSQL, after the customers' rows), every request is decided in memory (issue-plan.ts, pure), and each
 * table is written once for the whole group. issuePaycode (issue.ts) runs four or five statements for each code.
 *
 * Returns, per request, whether the group issued it; one it did not (a coupon that cannot be held, a second
 * request of the same customer) has had nothing written and is for the caller to issue alone with issuePaycode,
 * which answers what is wrong. tests/api/issue-group.test.ts compares the two ways on twin databases.
 */

/** The most codes issued together: bounds the lists in one statement and the time the rows stay locked. */
export const ISSUE_GROUP_MAX = 128;

export async function issueTogether(
  trx: Tx,
  dialect: DialectName,
  requests: readonly IssueRequest[],
  times: { now: number; expiresAt: number },
): Promise<boolean[]> {
  if (requests.length > ISSUE_GROUP_MAX) throw new Error(`at most ${ISSUE_GROUP_MAX} codes are issued together`);
  const { now, expiresAt } = times;
  const customerIds = unique(requests.map((r) => r.customerId));
  const couponIds = unique(requests.flatMap((r) => (r.couponId === null ? [] : [r.couponId])));

  // PostgreSQL: the customers' rows first, in one order for every group, as issuePaycode touches its customer
  // first: two requests of one customer (here and in another process) are serialised there.
  if (dialect === 'postgres') await lockCustomers(trx, dialect, 'ids', customerIds);
  const live = await liveCodesOf<{ code_hash: string; customer_id: string }>(trx, dialect, 'ids', customerIds);
  // What the live codes hold (released when they retire) and the coupons asked for.
  const { held, asked } = await couponsOfGroup(trx, dialect, live.map((row) => row.code_hash), couponIds);

  const heldByCode = new Map<string, string[]>();
  for (const row of held.filter((coupon) => coupon.state === 'reserved')) heldByCode.set(row.reserved_code_hash!, [...(heldByCode.get(row.reserved_code_hash!) ?? []), row.id]);
  const plan = planIssues(
    requests,
    new Map(live.map((row) => [row.customer_id, row.code_hash])),
    new Map(asked.map((row) => [row.id, row])),
    heldByCode,
    now,
  );

  await touchCustomers(trx, dialect, 'ids', plan.customersTouched);
  await retireCodes(trx, dialect, 'hashes', plan.codesRetired, { now });
  await releaseCoupons(trx, dialect, 'ids', plan.couponsReleased, { now });
  if (plan.couponsReserved.length > 0) await reserveCoupons(trx, dialect, plan.couponsReserved, { now, until: expiresAt });
  const rows: PaycodeRow[] = plan.codesIssued.map((c) => ({
    code_hash: c.codeHash,
    customer_id: c.customerId,
    coupon_id: c.couponId,
    created_at: now,
    expires_at: expiresAt,
    state: NEW_CODE_STATE,
    ended_at: null,
  }));
  if (dialect === 'postgres') {
    if (rows.length > 0) await insertCodesFromJson(trx, { rows: JSON.stringify(rows) });
  } else {
    await insertRows(trx, insertCodes, rows, ISSUE_GROUP_MAX);
  }
  return plan.together;
}

// The statements, each prepared once per database (db/prepared.ts); a list is one array parameter on
// PostgreSQL and a padded `in (…)` on SQLite.

const list = (build: ListBuild) => preparedList(ISSUE_GROUP_MAX, build);
type Params = Record<string, unknown>;

/**
 * The lock a plain UPDATE takes (as issuePaycode's touch does), not FOR UPDATE: that one also blocks the foreign
 * key checks of rows that point at a customer (a coupon claimed or granted), and deadlocked with a share claim
 * (found by review: detected only after PostgreSQL's 1 s deadlock_timeout, then retried).
 */
const lockCustomers = list((db, _p, _dialect, inList) => db.selectFrom('customers').select('id').where('id', ...inList('ids')).orderBy('id').forNoKeyUpdate());

const liveCodesOf = list((db, _p, dialect, inList) => {
  const query = db
    .selectFrom('paycodes')
    .select(['code_hash', 'customer_id'])
    .where('customer_id', ...inList('ids'))
    // A literal: SQLite uses the partial index "one live code per customer" only when it sees state = 'live'.
    .where('state', '=', sql.lit('live'))
    .orderBy('code_hash');
  return dialect === 'postgres' ? query.forUpdate() : query;
});

/** Coupons with their campaign's validity; on PostgreSQL the coupons locked (not the campaign, which many share). */
function couponsQuery(db: Executor, dialect: DialectName) {
  const query = db
    .selectFrom('coupons')
    .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
    .select(['coupons.id', 'coupons.customer_id', 'coupons.state', 'coupons.reserved_code_hash', 'coupons.reserved_until', 'campaigns.valid_from', 'campaigns.valid_until'])
    .orderBy('coupons.id');
  return dialect === 'postgres' ? query.forUpdate('coupons') : query;
}

/** A coupon row as a reservation is decided on (issue-plan.ts ReservableCoupon), with its id. */
type ReservableCouponRow = ReservableCoupon & { id: string };

/**
 * The coupons the live codes hold and those asked for. On PostgreSQL in one statement, locked in one order (by
 * id) for the whole group, so that two groups, or a group and a payment group, never take them crosswise.
 */
async function couponsOfGroup(trx: Tx, dialect: DialectName, liveHashes: readonly string[], couponIds: readonly string[]) {
  if (dialect === 'postgres') {
    if (liveHashes.length === 0 && couponIds.length === 0) return { held: [], asked: [] };
    const rows = (await couponsOfGroupOnPostgres(trx, { ids: [...couponIds], hashes: [...liveHashes] })).rows as ReservableCouponRow[];
    const hashes = new Set(liveHashes);
    const ids = new Set(couponIds);
    return { held: rows.filter((row) => row.reserved_code_hash !== null && hashes.has(row.reserved_code_hash)), asked: rows.filter((row) => ids.has(row.id)) };
  }
  return {
    held: await couponsHeldBy<ReservableCouponRow>(trx, dialect, 'hashes', liveHashes),
    asked: await couponsAsked<ReservableCouponRow>(trx, dialect, 'ids', couponIds),
  };
}
const couponsOfGroupOnPostgres = prepared<{ ids: string[]; hashes: string[] }>()((db, p) =>
  couponsQuery(db, 'postgres').where((eb) =>
    eb.or([eb('coupons.id', '=', sql<string>`any(${p('ids')}::text[])`), eb('coupons.reserved_code_hash', '=', sql<string>`any(${p('hashes')}::text[])`)]),
  ),
);

/**
 * By the code that reserved them, found through the index on reserved_code_hash. Their state is checked by the
 * caller: with `state = 'reserved'` in the query, SQLite chose the index on (state, reserved_until) instead and
 * read every reserved coupon (2.4 ms a group under the settlement benchmark).
 */
const couponsHeldBy = list((db, _p, dialect, inList) => couponsQuery(db, dialect).where('coupons.reserved_code_hash', ...inList('hashes')));
const couponsAsked = list((db, _p, dialect, inList) => couponsQuery(db, dialect).where('coupons.id', ...inList('ids')));

const touchCustomers = list((db, _p, _dialect, inList) =>
  db
    .updateTable('customers')
    .set((eb) => ({ paycode_seq: eb('paycode_seq', '+', 1) }))
    .where('id', ...inList('ids')),
);
const retireCodes = list((db, p, _dialect, inList) => db.updateTable('paycodes').set({ state: nextCodeState('live', 'retire'), ended_at: p('now') }).where('code_hash', ...inList('hashes')));
const releaseCoupons = list((db, p, _dialect, inList) =>
  db
    .updateTable('coupons')
    .set({ state: nextCouponState('reserved', 'release'), reserved_code_hash: null, reserved_until: null, updated_at: p('now') })
    .where('id', ...inList('ids')),
);

/** Each coupon held by its new code: `case id when … then … end` on SQLite, a join on two arrays on PostgreSQL. */
const reserveOnSqlite = preparedByCount<Params, never>(ISSUE_GROUP_MAX, (n, db, p) =>
  db
    .updateTable('coupons')
    .set({
      state: nextCouponState('available', 'reserve'),
      reserved_code_hash: sql<string>`case id ${sql.join(range(n).map((i) => sql`when ${p(`id${i}`)} then ${p(`hash${i}`)}`), sql` `)} end`,
      reserved_until: p('until'),
      updated_at: p('now'),
    })
    .where('id', 'in', range(n).map((i) => p(`id${i}`))) as never,
);
const reserveOnPostgres = prepared<{ ids: string[]; hashes: string[]; until: number; now: number }>()((db, p) => {
  const statement = sql`
    update coupons set state = ${nextCouponState('available', 'reserve')}, reserved_code_hash = v.hash,
      reserved_until = ${p('until')}, updated_at = ${p('now')}
    from unnest(${p('ids')}::text[], ${p('hashes')}::text[]) as v(id, hash)
    where coupons.id = v.id and coupons.id = any(${p('ids')}::text[])`;
  return { compile: () => statement.compile(db) };
});
async function reserveCoupons(trx: Tx, dialect: DialectName, reservations: readonly { couponId: string; codeHash: string }[], fixed: { now: number; until: number }) {
  if (dialect === 'postgres') {
    await reserveOnPostgres(trx, { ids: reservations.map((r) => r.couponId), hashes: reservations.map((r) => r.codeHash), ...fixed });
    return;
  }
  const [size, params] = pairParams('id', 'hash', reservations.map((r) => [r.couponId, r.codeHash] as const));
  await reserveOnSqlite(size)!(trx, Object.assign(params, fixed));
}

const PAYCODE_COLUMNS: Record<keyof PaycodeRow & string, true> = { code_hash: true, customer_id: true, coupon_id: true, created_at: true, expires_at: true, state: true, ended_at: true };
const insertCodes = preparedRows<PaycodeRow>(ISSUE_GROUP_MAX, PAYCODE_COLUMNS, (db, rows) => db.insertInto('paycodes').values(rows));
/** One parameter and one shape for any group, as the payments' group write (payments/group-statements.ts). */
const insertCodesFromJson = prepared<{ rows: string }>()((db, p) => {
  const statement = sql`insert into paycodes select * from json_populate_recordset(null::paycodes, ${p('rows')}::json)`;
  return { compile: () => statement.compile(db) };
});

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
