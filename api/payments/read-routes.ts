/** Reading payments: one with its refunds, and a page of them (a shop's, or a customer's own). */
import { createRoute, z } from '@hono/zod-openapi';
import { authenticate, signedInOnly } from '../auth/sessions.js';
import { ApiError, notFound } from '../http/errors.js';
import { pageOf } from '../http/paging.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdSchema, jsonResponse, pageLimit } from '../http/schemas.js';
import { dayBounds, isValidDate } from '../reports/days.js';
import { shopTimeZone } from '../shop/facts.js';
import { explainDeclines, forCustomer, forShopRecords, loadPaymentView, namesOf, paymentsWithNames, paymentView, PaymentRefundSchema, PaymentSchema, refundView } from './view.js';

function canSee(auth: Awaited<ReturnType<typeof authenticate>>, view: { merchantId: string; customerId: string | null }): boolean {
  return auth.role === 'cashier' ? view.merchantId === auth.merchantId : view.customerId === auth.customerId;
}

export const paymentReadRoutes = createRouter()
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
          payment: shop ? forShopRecords(view) : forCustomer(view),
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
      return c.json({ payments: views.map(auth.role === 'customer' ? forCustomer : forShopRecords), next }, 200);
    },
  );
