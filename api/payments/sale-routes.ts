/**
 * The sale at the counter: a payment request sent as the cashier charges, and a declined one noted as paid in cash or
 * as not paid (the customer left), and a mistaken "not paid" taken back by a manager.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cashiersOnly, managersOnly, requireCashier, requireManager } from '../auth/sessions.js';
import type { AppDeps, AppEnv } from '../context.js';
import { isUniqueViolation } from '../db/tx.js';
import { ApiError } from '../http/errors.js';
import { idempotent, merchantKeyScope, withInFlight } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, IdSchema, jsonBody, jsonResponse, optionalTextLine, textLine } from '../http/schemas.js';
import { recordCashSettlement, CASH_NOTE_MAX } from './cash.js';
import { NOT_PAID_NOTE_MAX, recordNotPaid, takeBackNotPaid } from './not-paid.js';
import { announceChange, checkAmount, mayTake, namedView, shopCashiers, toRequest, unknownTaker } from './route-helpers.js';
import { PaymentBody } from './schemas.js';
import { findByKey, replayOf, type PaymentRequest, type SettleResult } from './settle.js';
import { explainDeclines, forShop, forShopRecords, loadPaymentView, PaymentSchema, type PaymentView } from './view.js';

/** The view of a settled payment, names included, without another query when settle already knew them. */
async function settledView(deps: AppDeps, result: SettleResult): Promise<PaymentView> {
  return (await explainDeclines(deps.db.kysely, [await namedView(deps, result)]))[0]!;
}

/** Settle one request (grouped with concurrent ones into one transaction); a lost race answers by replay. */
async function settleOne(deps: AppDeps, request: PaymentRequest): Promise<SettleResult> {
  try {
    return await deps.settler.settle(request);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await findByKey(deps.db.kysely, request.merchantId, request.idempotencyKey);
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

export const saleRoutes = createRouter()
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
        return { status: 201, body: { payment: forShopRecords((await loadPaymentView(trx, id))!) } };
      });
      await announceChange(deps, response, id);
      return response as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payments/{id}/not-paid',
      tags: ['payments'],
      summary: 'Note that a declined payment was not paid: the customer left. Counted apart in the day report and the next Z report, never as cash',
      security: bearer,
      middleware: [cashiersOnly],
      request: {
        params: z.object({ id: IdSchema }),
        headers: IdempotencyHeaders,
        body: jsonBody(
          z
            .object({
              note: optionalTextLine(NOT_PAID_NOTE_MAX).openapi({ description: 'Optional: anything more to say than that the customer left' }),
            })
            .strict(),
        ),
      },
      responses: { 201: jsonResponse('Noted', z.object({ payment: PaymentSchema })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { note } = c.req.valid('json');
      const { id } = c.req.valid('param');
      const deps = c.get('deps');
      const response = await idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { id, note }, async (trx) => {
        await recordNotPaid(trx, deps, { paymentId: id, merchantId: auth.merchantId, cashierId: auth.cashierId, note });
        return { status: 201, body: { payment: forShopRecords((await loadPaymentView(trx, id))!) } };
      });
      await announceChange(deps, response, id);
      return response as never;
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/payments/{id}/not-paid',
      tags: ['payments'],
      summary: 'Take back a mistaken "not paid" (managers): the sale can then be noted as paid in cash. Only until the next Z report closes it',
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders },
      responses: { 200: jsonResponse('Taken back', z.object({ payment: PaymentSchema })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const deps = c.get('deps');
      // Keyed although a delete: a repeat after a lost answer replays "taken back" instead of a 404 that would read as
      // "there was nothing to take back", and a key is how every change to the shop's records is sent.
      const response = await idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { id }, async (trx) => {
        await takeBackNotPaid(trx, deps, { paymentId: id, merchantId: auth.merchantId, managerId: auth.cashierId });
        return { status: 200, body: { payment: forShopRecords((await loadPaymentView(trx, id))!) } };
      });
      await announceChange(deps, response, id);
      return response as never;
    },
  );
