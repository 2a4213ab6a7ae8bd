import { createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Context } from 'hono';
import { cashiersOnly, managersOnly, requireCashier, requireManager } from '../auth/sessions.js';
import type { AppEnv, AuthCashier } from '../context.js';
import { ApiError } from '../http/errors.js';
import { idempotent, merchantKeyScope } from '../http/idempotency.js';
import { pageOf } from '../http/paging.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, IdSchema, IsoTimeSchema, jsonBody, jsonResponse, pageLimit } from '../http/schemas.js';
import { MoneyOut, MoneySchema } from '../money.js';
import { CodeSchema } from '../payments/schemas.js';
import { assertScanNotInFuture } from '../payments/scan-time.js';
import { dateIn, dayBounds, isValidDate } from '../reports/days.js';
import { shopTimeZone } from '../shop/facts.js';
import { cashierHandle } from '../staff/handles.js';
import { countUnknownCode, payerOfCode, recordCounterTopUp, UnknownOrStaleCode } from './counter.js';
import { reverseCounterTopUp, WalletSpent } from './reversal.js';

/**
 * Top-ups at the counter (counter.ts): any cashier of the shop, no manager needed, as a sale needs none: the cash
 * is counted in the shop's reports under the cashier who took it. They work whatever TOPUPS says: that switch is
 * for the customer's own simulated top-up only.
 */
const TopUpBody = z
  .object({
    code: CodeSchema.openapi({ description: "A payment code the customer shows now: it names their wallet, and stays theirs to pay with (the top-up does not use it up)" }),
    amount: MoneySchema,
    scannedAt: IsoTimeSchema.optional().openapi({ description: 'When the cashier took the code (default: now); at most 2 minutes ago' }),
  })
  .strict()
  .openapi('CounterTopUpRequest');

const CustomerOut = z.object({ handle: z.string() }).openapi({ description: 'Whose wallet the code names' });

export const CounterTopUpOut = z
  .object({
    id: z.string(),
    amount: MoneyOut,
    customer: CustomerOut,
    at: z.string().openapi({ description: 'When the money was put on the wallet, ISO 8601 in UTC' }),
  })
  .openapi('CounterTopUp');

type TopUpBodyIn = z.infer<typeof TopUpBody>;

const ReversalOut = z
  .object({
    id: z.string(),
    at: z.string().openapi({ description: 'When it was reversed, ISO 8601 in UTC' }),
    by: z.string().openapi({ description: "The manager's handle" }),
  })
  .openapi('CounterTopUpReversal');

/** One of the shop's counter top-ups, as its tills list them: who, which cashier, when, how much, and whether reversed. */
const ShopTopUpOut = z
  .object({
    id: z.string(),
    amount: MoneyOut,
    customer: CustomerOut,
    cashier: z.string().openapi({ description: "The handle of the cashier who took the cash" }),
    at: z.string(),
    reversal: ReversalOut.nullable().openapi({ description: 'Null while it stands' }),
  })
  .openapi('ShopTopUp');

/** A day's top-ups at one shop, a page at a time: a busy counter takes some dozens a day. */
const TOPUPS_PAGE_DEFAULT = 100;
/**
 * At most this many of a day's reversals of earlier days' top-ups are listed (with the day's first page). Each is a
 * manager's confirmed undoing of a top-up keyed wrong whose wallet still held it: a shop's day has a few at most.
 */
const EARLIER_REVERSALS_MAX = 100;

/** The scan time of a request, in ms: not in the future (beyond a tablet clock's drift), else a request error. */
function scanTime(c: Context<AppEnv>, body: TopUpBodyIn): number | null {
  if (!body.scannedAt) return null;
  const at = Date.parse(body.scannedAt);
  assertScanNotInFuture(at, c.get('deps').clock.now());
  return at;
}

/** An unknown code counts toward the shop's and the cashier's limit of unknown codes, whichever route met it. */
async function countingUnknownCodes<T>(c: Context<AppEnv>, auth: AuthCashier, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof UnknownOrStaleCode && error.reason === 'CODE_UNKNOWN') await countUnknownCode(c.get('deps'), auth.merchantId, auth.cashierId);
    throw error;
  }
}

/** The shop's top-ups as its tills list them: who, which cashier, and the reversal if any (filtered by the caller). */
const listed = (db: Kysely<Database>) =>
  db
    .selectFrom('counter_topups')
    .innerJoin('customers', 'customers.id', 'counter_topups.customer_id')
    .leftJoin('cashiers as taker', 'taker.id', 'counter_topups.cashier_id')
    .leftJoin('counter_topup_reversals as reversal', 'reversal.topup_id', 'counter_topups.id')
    .leftJoin('cashiers as manager', 'manager.id', 'reversal.cashier_id')
    .select([
      'counter_topups.id',
      'counter_topups.amount',
      'counter_topups.created_at',
      'counter_topups.cashier_id',
      'customers.handle as customerHandle',
      'taker.handle as cashierHandle',
      'reversal.id as reversalId',
      'reversal.created_at as reversedAt',
      'reversal.cashier_id as reversedById',
      'manager.handle as reversedBy',
    ]);

type ListedRow = Awaited<ReturnType<ReturnType<typeof listed>['execute']>>[number];

/** One listed row as the API gives it (ShopTopUp). */
const shopTopUpView = (currency: string) => (r: ListedRow) => ({
  id: r.id,
  amount: { amount: Number(r.amount), currency },
  customer: { handle: r.customerHandle },
  cashier: r.cashierHandle ?? r.cashier_id,
  at: new Date(Number(r.created_at)).toISOString(),
  reversal: r.reversalId === null ? null : { id: r.reversalId, at: new Date(Number(r.reversedAt)).toISOString(), by: r.reversedBy ?? r.reversedById ?? '' },
});

export const topUpRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/topups/preview',
      tags: ['topups'],
      summary: 'Whose wallet a top-up at the counter would fill: the customer the code names, to read back before the cash is taken. Changes nothing',
      security: bearer,
      middleware: [cashiersOnly],
      request: { body: jsonBody(TopUpBody) },
      responses: {
        200: jsonResponse('Whose wallet, and how much', z.object({ customer: CustomerOut, amount: MoneyOut })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const body = c.req.valid('json');
      const deps = c.get('deps');
      const scannedAt = scanTime(c, body);
      const payer = await countingUnknownCodes(c, auth, () => payerOfCode(deps.db.kysely, deps, { code: body.code, amount: body.amount, scannedAt }));
      return c.json({ customer: { handle: payer.handle }, amount: body.amount }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/topups',
      tags: ['topups'],
      summary:
        "Cash taken at the counter, put on the wallet of the customer whose payment code is shown: a transfer from the external funding account, counted in the shop's reports; works with TOPUPS=0 too",
      security: bearer,
      middleware: [cashiersOnly],
      request: { headers: IdempotencyHeaders, body: jsonBody(TopUpBody) },
      responses: { 201: jsonResponse('Added', z.object({ topUp: CounterTopUpOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const body = c.req.valid('json');
      const deps = c.get('deps');
      const scannedAt = scanTime(c, body);
      const request = { merchantId: auth.merchantId, cashierId: auth.cashierId, code: body.code, amount: body.amount, scannedAt };
      let added: { customerId: string; merchantId: string; amount: number; at: number } | null = null;
      const response = await countingUnknownCodes(c, auth, () =>
        idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], body, async (trx) => {
          const topUp = await recordCounterTopUp(trx, deps, request);
          added = { customerId: topUp.customerId, merchantId: auth.merchantId, amount: topUp.amount, at: topUp.createdAt };
          const view = {
            id: topUp.id,
            amount: { amount: topUp.amount, currency: deps.config.currency },
            customer: { handle: topUp.customerHandle },
            at: new Date(topUp.createdAt).toISOString(),
          };
          return { status: 201, body: { topUp: view } };
        }),
      );
      // Once committed, and only for a top-up made now (a replay made none): the customer's phone reads its balance again, and the shop's tills their Today's line.
      const made = added as { customerId: string; merchantId: string; amount: number; at: number } | null; // set in the effect, which TS does not follow
      if (made) await deps.events.publish({ type: 'topup', ...made });
      return response as never;
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/topups',
      tags: ['topups'],
      summary:
        "The shop's counter top-ups of one day (default: today, in the shop's time zone), newest first, with their reversals; and, on the first page, the top-ups of earlier days reversed on this one; any cashier of the shop",
      security: bearer,
      middleware: [cashiersOnly],
      request: {
        query: z.object({
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
          limit: pageLimit(TOPUPS_PAGE_DEFAULT),
          before: IdSchema.optional(),
        }),
      },
      responses: {
        200: jsonResponse(
          'A page',
          z.object({
            date: z.string(),
            topUps: z.array(ShopTopUpOut).openapi({ description: 'Taken this day, newest first' }),
            next: z.string().nullable(),
            earlierReversed: z.array(ShopTopUpOut).openapi({
              description: `Taken on an earlier day and reversed on this one, newest reversal first (at most ${EARLIER_REVERSALS_MAX}; empty on a later page): the Day report's topUpsReversed counts their cash paid back, which no day's topUps of this day lists`,
            }),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { db, config, clock } = c.get('deps');
      const query = c.req.valid('query');
      const zone = await shopTimeZone(db, auth.merchantId, config.timeZone);
      const date = query.date ?? dateIn(clock.now(), zone);
      if (!isValidDate(date)) throw new ApiError(400, 'INVALID_REQUEST', 'date: not a calendar date.', 'date');
      const [from, to] = dayBounds(date, zone);
      // Top-up ids are time-ordered, and (merchant_id, created_at) is indexed: a day is one index range.
      let rows = listed(db.kysely)
        .where('counter_topups.merchant_id', '=', auth.merchantId)
        .where('counter_topups.created_at', '>=', from)
        .where('counter_topups.created_at', '<', to)
        .orderBy('counter_topups.id', 'desc')
        .limit(query.limit + 1);
      if (query.before) rows = rows.where('counter_topups.id', '<', query.before);
      const { rows: page, next } = pageOf(await rows.execute(), query.limit);
      const view = shopTopUpView(config.currency);
      // The day's reversals of earlier days' top-ups: cash paid back out of this day's till (the Day report counts it
      // on this day), for top-ups listed on no page of this day. Without them, Today's line said "1 reversed" and
      // opened "No top-ups at the counter this day". The day's reversals are one index range too.
      const earlier = query.before
        ? []
        : await listed(db.kysely)
            .where('reversal.merchant_id', '=', auth.merchantId)
            .where('reversal.created_at', '>=', from)
            .where('reversal.created_at', '<', to)
            .where('counter_topups.created_at', '<', from)
            .orderBy('reversal.id', 'desc')
            .limit(EARLIER_REVERSALS_MAX)
            .execute();
      return c.json({ date, topUps: page.map(view), next, earlierReversed: earlier.map(view) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/topups/{id}/reversal',
      tags: ['topups'],
      summary:
        "A manager takes back a counter top-up keyed wrong, whole: the wallet -> the external funding account (the cash goes back out of the drawer), counted in the shop's reports when reversed. Refused, changing nothing, once reversed (409 ALREADY_REVERSED) or when the wallet holds less than the top-up (409 WALLET_SPENT: the error body has `balance` too, what the wallet holds)",
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({}).strict()) },
      responses: {
        201: jsonResponse('Reversed', z.object({ topUp: ShopTopUpOut })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const deps = c.get('deps');
      const { currency } = deps.config;
      let made: { customerId: string; amount: number; at: number } | null = null;
      let response: Response;
      try {
        // The id is in the path, not the body: hashed with the key, so one key cannot reverse two top-ups.
        response = await idempotent(c, merchantKeyScope(auth.merchantId), key, { id }, async (trx) => {
          const reversal = await reverseCounterTopUp(trx, deps, { merchantId: auth.merchantId, cashierId: auth.cashierId, topUpId: id });
          made = { customerId: reversal.customerId, amount: reversal.amount, at: reversal.createdAt };
          const topUp = await trx
            .selectFrom('counter_topups')
            .leftJoin('cashiers', 'cashiers.id', 'counter_topups.cashier_id')
            .select(['counter_topups.created_at', 'counter_topups.cashier_id', 'cashiers.handle'])
            .where('counter_topups.id', '=', id)
            .executeTakeFirstOrThrow();
          const view = {
            id,
            amount: { amount: reversal.amount, currency },
            customer: { handle: reversal.customerHandle },
            cashier: topUp.handle ?? topUp.cashier_id,
            at: new Date(Number(topUp.created_at)).toISOString(),
            reversal: { id: reversal.id, at: new Date(reversal.createdAt).toISOString(), by: await cashierHandle(trx, deps.db, auth.cashierId) },
          };
          return { status: 201, body: { topUp: view } };
        });
      } catch (error) {
        if (!(error instanceof WalletSpent)) throw error;
        return c.json({ error: { code: error.code, message: error.message }, balance: { amount: error.balance, currency } }, 409);
      }
      // Once committed, and only for a reversal made now: the customer's phone reads its balance again, and the
      // shop's tills their Today's line, as after a top-up.
      const done = made as { customerId: string; amount: number; at: number } | null; // set in the effect, which TS does not follow
      if (done) await deps.events.publish({ type: 'topup', customerId: done.customerId, merchantId: auth.merchantId, amount: done.amount, at: done.at, reversed: true });
      return response as never;
    },
  );

