import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authenticate, cashiersOnly, customersOnly, requireCashier, requireCustomer, signedInOnly } from '../auth/sessions.js';
import type { AppDeps, AppEnv, AuthCashier } from '../context.js';
import { isUniqueViolation, type Tx } from '../db/tx.js';
import { ApiError, notFound } from '../http/errors.js';
import { idempotent, inProgressError, merchantKeyScope, withBatchItemsInFlight, withInFlight } from '../http/idempotency.js';
import { pageOf } from '../http/paging.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, IdSchema, IsoTimeSchema, jsonBody, jsonResponse, textLine, pageLimit, PAGE_LIMIT_MAX } from '../http/schemas.js';
import { AMOUNT_MAX_MINOR, MoneySchema } from '../money.js';
import { PAYCODE_PATTERN } from '../paycodes/codes.js';
import { dayBounds, isValidDate } from '../reports/days.js';
import { recordCashSettlement, CASH_NOTE_MAX } from './cash.js';
import { refundPayment } from './refund.js';
import { settleOfflineBatch, type Outcome } from './batcher.js';
import { merchantFacts, shopTimeZone } from '../shop/facts.js';
import { cashierHandle } from '../staff/handles.js';
import { findByKey, replayOf, type PaymentRequest, type SettleResult } from './settle.js';
import { paymentRequestHash } from './request-hash.js';
import { explainDeclines, forCustomer, forShop, loadPaymentView, namesOf, paymentsWithNames, paymentView, PaymentRefundSchema, PaymentSchema, refundView, RefundSchema, WalletRefundSchema, type PaymentView } from './view.js';

export const CodeSchema = z.string().regex(PAYCODE_PATTERN, 'a payment code is 18 digits').openapi({ example: '881234567890123456' });
const TerminalIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const TakenBySchema = IdSchema.openapi({
  description:
    "The id of the shop's cashier who took the sale, when it is not the one signed in: a sale queued offline on a tablet and sent after a colleague signed in there is recorded under its own cashier. A colleague is named only with the scan's time (scannedAt), for a scan made while they worked at this shop (one removed since keeps the sales they took); the default is the signed-in cashier.",
});

export const PaymentBody = z
  .object({
    code: CodeSchema,
    amount: MoneySchema,
    scannedAt: IsoTimeSchema.optional(),
    terminalId: TerminalIdSchema.optional(),
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    takenBy: TakenBySchema.optional(),
  })
  .strict()
  .openapi('PaymentRequest');

/** What an offline sync answers: per item, in the order sent, its payment or why it was not settled. */
export const BatchAnswer = z
  .object({
    results: z.array(
      z
        .object({
          idempotencyKey: z.string(),
          status: z.enum(['succeeded', 'declined', 'error']).openapi({ description: 'error: not settled (send it again with its key when the code says so)' }),
          payment: PaymentSchema.optional(),
          error: z.object({ code: z.string(), message: z.string() }).optional(),
        })
        .openapi('BatchItemResult'),
    ),
    gaps: z
      .array(z.object({ from: z.number().int(), to: z.number().int() }))
      .openapi({ description: "Ranges (from and to included) of this terminal's sequence numbers the server has never received, below the batch's highest: a lost outbox shows here (at most 100)" }),
  })
  .openapi('PaymentBatchResult');

/** At most this many payments in one offline sync request: bounds the request's work and the answer's size. */
export const BATCH_ITEMS_MAX = 500;

export const BatchBody = z
  .object({
    // Optional, as in DESIGN.md's v1 contract ({items:[…]}): it only serves the report of lost sequence numbers
    // (`gaps`), which needs both it and the items' `sequence`.
    terminalId: TerminalIdSchema.optional().openapi({ description: "The till's own id, with each item's `sequence`: the answer's `gaps` then shows sequence numbers that never arrived" }),
    items: z
      .array(
        z
          .object({
            idempotencyKey: IdempotencyHeaders.shape['idempotency-key'],
            sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
            code: CodeSchema,
            amount: MoneySchema,
            scannedAt: IsoTimeSchema,
            takenBy: TakenBySchema.optional(),
          })
          .strict(),
      )
      .min(1)
      .max(BATCH_ITEMS_MAX),
  })
  .strict()
  // A sequence number counts within one till: without the till's id it could only be stored as nobody's.
  .refine((b) => b.terminalId !== undefined || b.items.every((i) => i.sequence === undefined), { message: 'terminalId is required when items carry a sequence', path: ['terminalId'] })
  .openapi('PaymentBatch');

/** One item of an offline sync's answer (BatchAnswer's `results`). */
type BatchItemResult = { idempotencyKey: string; status: 'succeeded' | 'declined' | 'error'; payment?: PaymentView; error?: { code: string; message: string } };

/** An item of an offline sync that was not settled, and why (sent again with its key when the code says so). */
function notSettled(idempotencyKey: string, error: { code: string; message: string }): BatchItemResult {
  return { idempotencyKey, status: 'error', error: { code: error.code, message: error.message } };
}

function checkAmount(deps: AppDeps, amount: { amount: number; currency: string }, field: string): void {
  if (amount.currency !== deps.config.currency) {
    throw new ApiError(422, 'CURRENCY_MISMATCH', `This ledger keeps ${deps.config.currency}, not ${amount.currency}.`, `${field}.currency`);
  }
  if (amount.amount < 1 || amount.amount > AMOUNT_MAX_MINOR) {
    throw new ApiError(422, 'AMOUNT_OUT_OF_RANGE', `An amount is 1 to ${AMOUNT_MAX_MINOR} minor units.`, `${field}.amount`);
  }
}

/** The view of a settled payment, names included, without another query when settle already knew them. */
async function settledView(deps: AppDeps, result: SettleResult): Promise<PaymentView> {
  return (await explainDeclines(deps.db.kysely, [await namedView(deps, result)]))[0]!;
}

/**
 * A settled payment's view with its names: a new payment's from what settling it read (its shop's and cashier's
 * from their caches); a replay's, which settling did not read, from the database, on the payment as first answered.
 */
async function namedView(deps: AppDeps, result: SettleResult): Promise<PaymentView> {
  if (result.replayed) return paymentView(result.payment, (await loadPaymentView(deps.db.kysely, result.payment.id))!);
  return paymentView(result.payment, {
    merchantName: (await merchantFacts(deps.db.kysely, deps.db, result.payment.merchant_id)).name,
    cashierHandle: await cashierHandle(deps.db.kysely, deps.db, result.payment.cashier_id),
    customerHandle: result.customerHandle,
    couponTitle: result.couponTitle,
    couponRule: result.couponRule,
  });
}

/**
 * The views of a batch's results. The replayed ones (a sync sent again) need their names from the database:
 * one query for all of them, not one each; so do the shops of the coupons refused as not for this shop.
 */
async function settledViews(deps: AppDeps, results: readonly SettleResult[]): Promise<PaymentView[]> {
  const replayedIds = results.filter((r) => r.replayed).map((r) => r.payment.id);
  const stored = new Map<string, PaymentView>();
  if (replayedIds.length > 0) {
    const rows = await paymentsWithNames(deps.db.kysely).where('payments.id', 'in', replayedIds).execute();
    for (const row of rows) stored.set(row.id, paymentView(row, namesOf(row)));
  }
  const views = await Promise.all(
    results.map(async (result) => {
      const names = stored.get(result.payment.id);
      return names ? paymentView(result.payment, names) : namedView(deps, result);
    }),
  );
  return explainDeclines(deps.db.kysely, views);
}

/** Settle one request (grouped with concurrent ones into one transaction); a lost race answers by replay. */
async function settleOne(deps: AppDeps, request: PaymentRequest): Promise<SettleResult> {
  try {
    return await deps.settler.settle(request);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await findByKey(deps.db.kysely as unknown as Tx, request.merchantId, request.idempotencyKey);
    if (existing) return replayOf(existing, request);
    throw new ApiError(409, 'CONFLICT', 'This payment collided with another one using the same code; retry with the same Idempotency-Key.');
  }
}

function paymentResponse(c: Context<AppEnv>, view: PaymentView, replayed: boolean) {
  if (replayed) c.header('Idempotent-Replayed', 'true');
  if (view.status === 'declined') {
    const message = `Payment declined: ${view.reason}${view.reasonDetail ? ` (${view.reasonDetail})` : ''}.`;
    return c.json({ payment: view, error: { code: view.reason ?? 'DECLINED', message } }, 402);
  }
  return c.json({ payment: view }, 201);
}

function canSee(auth: Awaited<ReturnType<typeof authenticate>>, view: { merchantId: string; customerId: string | null }): boolean {
  return auth.role === 'cashier' ? view.merchantId === auth.merchantId : view.customerId === auth.customerId;
}

export const paymentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/payments',
      tags: ['payments'],
      summary: 'A payment request: take amount A from the customer behind the code, less its coupon',
      security: bearer,
      middleware: [cashiersOnly],
      request: { headers: IdempotencyHeaders, body: jsonBody(PaymentBody) },
      responses: {
        201: jsonResponse('Succeeded', z.object({ payment: PaymentSchema })),
        402: jsonResponse('Declined (recorded, nothing moved)', z.object({ payment: PaymentSchema, error: z.object({ code: z.string(), message: z.string() }) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const deps = c.get('deps');
      checkAmount(deps, body.amount, 'amount');
      if (body.takenBy !== undefined && !mayTake(await shopCashiers(deps, auth, [body.takenBy]), auth, body)) throw unknownTaker('takenBy');
      const request = toRequest(auth, key, body, body.terminalId ?? null, body.sequence ?? null);
      // The in-flight guard's scope is the shop's, as the refunds' and grants' are: a refund sent at the same
      // instant with this key is refused IN_PROGRESS instead of both going through (the stored keys are checked
      // only before each starts). Across processes the window stays open (docs/SCALING.md).
      const result = await withInFlight(`${merchantKeyScope(auth.merchantId)}\u0000${key}`, () => settleOne(deps, request), 'payment');
      const view = await settledView(deps, result);
      if (!result.replayed) await deps.events.publish({ type: 'payment', payment: view });
      return paymentResponse(c, forShop(view), result.replayed);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payments/batch',
      tags: ['payments'],
      summary: 'Offline sync: up to 500 queued payment requests, each idempotent by its own key',
      security: bearer,
      middleware: [cashiersOnly],
      request: { body: jsonBody(BatchBody) },
      responses: { 200: jsonResponse('One result per item, in order', BatchAnswer), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const body = c.req.valid('json');
      const deps = c.get('deps');
      const results: BatchItemResult[] = new Array(body.items.length);
      // A transaction per chunk of the batch (one fsync per chunk instead of one per item, and other tills' sales
      // in between); an item refused with an error leaves the others standing (payments/batcher.ts).
      const requests: { index: number; request: PaymentRequest }[] = [];
      const cashiers = await shopCashiers(deps, auth, body.items.map((i) => i.takenBy));
      for (const [index, item] of body.items.entries()) {
        try {
          checkAmount(deps, item.amount, `items.${index}.amount`);
          if (!mayTake(cashiers, auth, item)) throw unknownTaker(`items.${index}.takenBy`);
          requests.push({ index, request: toRequest(auth, item.idempotencyKey, item, body.terminalId ?? null, item.sequence ?? null) });
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          results[index] = notSettled(item.idempotencyKey, error);
        }
      }
      // A refund or grant running with an item's key holds that item back (IN_PROGRESS), as it would an online
      // payment with that key (http/idempotency.ts).
      const scope = merchantKeyScope(auth.merchantId);
      const outcomes = await withBatchItemsInFlight(
        requests.map((r) => `${scope}\u0000${r.request.idempotencyKey}`),
        async (busy): Promise<Outcome[]> => {
          const settling = requests.filter((_, i) => !busy.has(i));
          const settledOutcomes = await settleOfflineBatch(deps, settling.map((r) => r.request));
          return requests.map((_, i) => (busy.has(i) ? { ok: false, error: inProgressError() } : settledOutcomes.shift()!));
        },
      );
      const settled: { index: number; result: SettleResult }[] = [];
      outcomes.forEach((outcome, i) => {
        const { index } = requests[i]!;
        const key = body.items[index]!.idempotencyKey;
        if (outcome.ok) settled.push({ index, result: outcome.result });
        else if (outcome.error instanceof ApiError) results[index] = notSettled(key, outcome.error);
        else if (isUniqueViolation(outcome.error)) results[index] = notSettled(key, { code: 'CONFLICT', message: 'This payment collided with another; retry it.' });
        else throw outcome.error;
      });
      const published: Promise<void>[] = [];
      const views = await settledViews(deps, settled.map((s) => s.result));
      for (const [i, { index, result }] of settled.entries()) {
        const view = views[i]!;
        results[index] = { idempotencyKey: body.items[index]!.idempotencyKey, status: view.status === 'declined' ? 'declined' : 'succeeded', payment: forShop(view) };
        // Published together, not one after another: on PostgreSQL the events of a batch then share a NOTIFY
        // statement (events/bus.ts) instead of costing a commit each.
        if (!result.replayed) published.push(deps.events.publish({ type: 'payment', payment: view }));
      }
      await Promise.all(published);
      const gaps = body.terminalId === undefined ? [] : await sequenceGaps(deps, auth.merchantId, body.terminalId, body.items);
      return c.json({ results, gaps }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payments/{id}',
      tags: ['payments'],
      summary: 'One payment with its refunds (its merchant\'s cashiers, its customer)',
      security: bearer,
      middleware: [signedInOnly],
      request: { params: z.object({ id: IdSchema }) },
      responses: { 200: jsonResponse('The payment', z.object({ payment: PaymentSchema, refunds: z.array(PaymentRefundSchema) })), ...errorResponses },
    }),
    async (c) => {
      const auth = await authenticate(c);
      const { db } = c.get('deps');
      const view = await loadPaymentView(db.kysely, c.req.valid('param').id);
      // Another tenant's payment answers exactly like a missing one.
      if (!view || !canSee(auth, view)) throw notFound('payment');
      const refunds = await db.kysely
        .selectFrom('refunds')
        .leftJoin('cashiers', 'cashiers.id', 'refunds.cashier_id')
        .selectAll('refunds')
        .select('cashiers.handle as cashierHandle')
        .where('refunds.payment_id', '=', view.id)
        .orderBy('refunds.id')
        .execute();
      // Who gave each refund is the shop's to know, as the sale's cashier is (forShop); the customer is not told.
      const shop = auth.role !== 'customer';
      return c.json(
        {
          payment: shop ? forShop(view) : forCustomer(view),
          refunds: refunds.map((r) => ({ ...refundView(r, view.amount.currency), ...(shop ? { cashierHandle: r.cashierHandle ?? null } : {}) })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payments',
      tags: ['payments'],
      summary: 'Payments, newest first, one page at a time (a cashier sees their merchant\'s, a customer their own)',
      security: bearer,
      middleware: [signedInOnly],
      request: {
        query: z.object({
          limit: pageLimit(50),
          before: IdSchema.optional(),
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        }),
      },
      responses: { 200: jsonResponse('A page', z.object({ payments: z.array(PaymentSchema), next: z.string().nullable() })), ...errorResponses },
    }),
    async (c) => {
      const auth = await authenticate(c);
      const { limit, before, date } = c.req.valid('query');
      const { db, config } = c.get('deps');
      let q = paymentsWithNames(db.kysely).orderBy('payments.id', 'desc').limit(limit + 1);
      q = auth.role === 'cashier' ? q.where('payments.merchant_id', '=', auth.merchantId) : q.where('payments.customer_id', '=', auth.customerId);
      if (before) q = q.where('payments.id', '<', before);
      if (date) {
        if (!isValidDate(date)) throw new ApiError(400, 'INVALID_REQUEST', 'date: not a calendar date.', 'date');
        // A shop's day in its zone; a customer's (no shop of their own) in the server's.
        const zone = auth.role === 'cashier' ? await shopTimeZone(db, auth.merchantId, config.timeZone) : config.timeZone;
        const [from, to] = dayBounds(date, zone);
        q = q.where('payments.settled_at', '>=', from).where('payments.settled_at', '<', to);
      }
      const { rows, next } = pageOf(await q.execute(), limit);
      const views = await explainDeclines(db.kysely, rows.map((r) => paymentView(r, namesOf(r))));
      return c.json({ payments: views.map(auth.role === 'customer' ? forCustomer : forShop), next }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/wallet/refunds',
      tags: ['payments'],
      summary: "The customer's refunds, newest first, one page at a time: with the payments and top-ups, the wallet's history",
      security: bearer,
      middleware: [customersOnly],
      request: { query: z.object({ limit: pageLimit(PAGE_LIMIT_MAX), before: IdSchema.optional() }) },
      responses: { 200: jsonResponse('Refunds', z.object({ refunds: z.array(WalletRefundSchema), next: z.string().nullable() })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { limit, before } = c.req.valid('query');
      const { db } = c.get('deps');
      // Refund ids are time-ordered, and (customer_id, id) is indexed: a page is one index range.
      let q = db.kysely
        .selectFrom('refunds')
        .innerJoin('payments', 'payments.id', 'refunds.payment_id')
        .innerJoin('merchants', 'merchants.id', 'payments.merchant_id')
        .selectAll('refunds')
        .select([
          'merchants.name as merchantName',
          'payments.settled_at as paymentSettledAt',
          'payments.amount as paymentAmount',
          'payments.charged as paymentCharged',
          'payments.currency as currency',
        ])
        .where('refunds.customer_id', '=', auth.customerId)
        .orderBy('refunds.id', 'desc')
        .limit(limit + 1);
      if (before) q = q.where('refunds.id', '<', before);
      const { rows, next } = pageOf(await q.execute(), limit);
      const refunds = rows.map((r) => ({
        ...refundView(r, r.currency),
        merchantName: r.merchantName,
        paymentSettledAt: new Date(Number(r.paymentSettledAt)).toISOString(),
        paymentAmount: { amount: r.paymentAmount, currency: r.currency },
        paymentCharged: { amount: r.paymentCharged, currency: r.currency },
      }));
      return c.json({ refunds, next }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payments/{id}/refunds',
      tags: ['payments'],
      summary: 'Refund a part of a payment (default: all that is left)',
      security: bearer,
      middleware: [cashiersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({ amount: MoneySchema.optional() }).strict()) },
      responses: { 201: jsonResponse('Refunded', z.object({ refund: RefundSchema, payment: PaymentSchema })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const body = c.req.valid('json');
      const { id } = c.req.valid('param');
      const deps = c.get('deps');
      const response = await idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { id, ...body }, async (trx) => {
        const { refund, currency } = await refundPayment(trx, deps, {
          paymentId: id,
          merchantId: auth.merchantId,
          cashierId: auth.cashierId,
          amount: body.amount?.amount ?? null,
          currency: body.amount?.currency ?? null,
        });
        const view = await loadPaymentView(trx, id);
        return { status: 201, body: { refund: refundView(refund, currency), payment: view } };
      });
      await announceChange(deps, response, id);
      return response as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payments/{id}/paid-in-cash',
      tags: ['payments'],
      summary: 'Note that a declined payment was paid in cash at the counter: counted in the day report and the next Z report',
      security: bearer,
      middleware: [cashiersOnly],
      request: {
        params: z.object({ id: IdSchema }),
        headers: IdempotencyHeaders,
        body: jsonBody(z.object({ note: textLine(CASH_NOTE_MAX, 'Write a short note, e.g. who paid.') }).strict()),
      },
      responses: { 201: jsonResponse('Noted', z.object({ payment: PaymentSchema })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { note } = c.req.valid('json');
      const { id } = c.req.valid('param');
      const deps = c.get('deps');
      const response = await idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { id, note }, async (trx) => {
        await recordCashSettlement(trx, deps, { paymentId: id, merchantId: auth.merchantId, cashierId: auth.cashierId, note });
        // The shop's answer: a stale code's decline still names no customer once it is noted as paid in cash.
        return { status: 201, body: { payment: forShop((await loadPaymentView(trx, id))!) } };
      });
      await announceChange(deps, response, id);
      return response as never;
    },
  );

/**
 * A refund or a cash note changed a payment: the shop's screens (and, for a refund, the customer's) are sent the
 * payment as it now stands, once: a replay changed nothing and announces nothing.
 */
async function announceChange(deps: AppDeps, response: Response, paymentId: string): Promise<void> {
  if (response.status !== 201 || response.headers.get('Idempotent-Replayed')) return;
  const view = await loadPaymentView(deps.db.kysely, paymentId);
  if (view) await deps.events.publish({ type: 'payment', payment: view });
}

function toRequest(
  auth: AuthCashier,
  key: string,
  body: { code: string; amount: { amount: number; currency: string }; scannedAt?: string; takenBy?: string },
  terminalId: string | null,
  sequence: number | null,
): PaymentRequest {
  // takenBy is left out of the request's hash: it names who is credited with the sale, not what is charged, and
  // an entry queued before tablets sent it must still match its first answer when sent again with it.
  const intent = { code: body.code, amount: body.amount.amount, currency: body.amount.currency, scannedAt: body.scannedAt ? Date.parse(body.scannedAt) : null };
  return {
    merchantId: auth.merchantId,
    cashierId: auth.cashierId,
    takenBy: body.takenBy ?? auth.cashierId,
    idempotencyKey: key,
    ...intent,
    requestHash: paymentRequestHash(intent),
    terminalId,
    terminalSeq: sequence,
  };
}

/**
 * The named takers who are cashiers of this shop, with when each was removed (null: still here); removed ones too,
 * for a sale taken before they left. One query, and none when every item is the sender's own.
 */
async function shopCashiers(deps: AppDeps, auth: AuthCashier, takers: readonly (string | undefined)[]): Promise<Map<string, number | null>> {
  const known = new Map<string, number | null>();
  const others = [...new Set(takers.filter((t): t is string => t !== undefined && t !== auth.cashierId))];
  if (others.length === 0) return known;
  const rows = await deps.db.kysely.selectFrom('cashiers').select(['id', 'removed_at']).where('merchant_id', '=', auth.merchantId).where('id', 'in', others).execute();
  for (const row of rows) known.set(row.id, row.removed_at === null ? null : Number(row.removed_at));
  return known;
}

/**
 * Whether a request may name its taker: the sender always; a colleague only for a scan they made (`scannedAt`, as
 * every queued sale carries) while they still worked here. A sale is put on someone else's name only as the
 * tablet's outbox recorded it, not for a removed cashier after they left.
 */
function mayTake(cashiers: Map<string, number | null>, auth: AuthCashier, item: { takenBy?: string; scannedAt?: string }): boolean {
  if (item.takenBy === undefined || item.takenBy === auth.cashierId) return true;
  const removedAt = cashiers.get(item.takenBy);
  if (removedAt === undefined || item.scannedAt === undefined) return false;
  return removedAt === null || Date.parse(item.scannedAt) < removedAt;
}

function unknownTaker(field: string): ApiError {
  return new ApiError(422, 'UNKNOWN_CASHIER', 'takenBy: not a cashier of this shop who could have taken this sale (a colleague is named only with the scan time, made before they left).', field);
}

/**
 * Sequence numbers of this terminal the server has never seen, among the GAPS_WINDOW below the highest in this
 * batch: a lost outbox shows here. Only that window is read (an index range), not the till's whole history, which
 * a busy till's every sync would otherwise read again: a tablet keeps its settled entries far less long than that
 * (it ignores gaps below the oldest entry it holds: offline/gaps.ts).
 */
const GAPS_REPORTED_MAX = 100;
export const GAPS_WINDOW = 10_000;
async function sequenceGaps(deps: AppDeps, merchantId: string, terminalId: string, items: { sequence?: number }[]) {
  const highest = Math.max(0, ...items.map((i) => i.sequence ?? 0));
  if (highest === 0) return [];
  const lowest = Math.max(1, highest - GAPS_WINDOW + 1);
  const rows = await deps.db.kysely
    .selectFrom('payments')
    .select('terminal_seq')
    .where('merchant_id', '=', merchantId)
    .where('terminal_id', '=', terminalId)
    .where('terminal_seq', '>=', lowest)
    .where('terminal_seq', '<=', highest)
    .orderBy('terminal_seq')
    .execute();
  const gaps: { from: number; to: number }[] = [];
  let expected = lowest;
  for (const { terminal_seq } of rows) {
    if (terminal_seq === null || terminal_seq < expected) continue;
    if (terminal_seq > expected) gaps.push({ from: expected, to: terminal_seq - 1 });
    expected = terminal_seq + 1;
    if (gaps.length >= GAPS_REPORTED_MAX) break;
  }
  return gaps;
}
