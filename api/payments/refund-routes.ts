/** Refunds: the shop's refund of a payment (all of it or a part), and the customer's list of their refunds. */
import { createRoute, z } from '@hono/zod-openapi';
import { cashiersOnly, customersOnly, requireCashier, requireCustomer } from '../auth/sessions.js';
import { idempotent, merchantKeyScope } from '../http/idempotency.js';
import { pageOf } from '../http/paging.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, IdSchema, jsonBody, jsonResponse, pageLimit, PAGE_LIMIT_MAX } from '../http/schemas.js';
import { MoneySchema } from '../money.js';
import { refundPayment } from './refund.js';
import { announceChange } from './route-helpers.js';
import { loadPaymentView, PaymentSchema, refundView, RefundSchema, WalletRefundSchema } from './view.js';

export const refundRoutes = createRouter()
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
  );
