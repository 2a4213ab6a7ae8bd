import { createRoute, z } from '@hono/zod-openapi';
import { customersOnly, requireCustomer } from '../auth/sessions.js';
import { inTransaction } from '../db/tx.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdSchema, jsonBody, jsonResponse } from '../http/schemas.js';
import { PAYCODE_PATTERN, paycodeHash } from './codes.js';
import { retirePaycodes } from './issue.js';

export const PaycodeSchema = z
  .object({ code: z.string(), expiresAt: z.string(), expiresInMs: z.number().int(), couponId: z.string().nullable() })
  .openapi('Paycode');

/**
 * Neither route takes an Idempotency-Key. A code is stored only hashed (codes.ts: the table never holds a code
 * that could pay), so the first answer could not be replayed without keeping a live code readable. A repeated
 * request for a code is harmless without one: the new code retires the previous one (issue.ts), whose answer was
 * lost and so was never shown, and takes over its coupon; there is still one live code. Putting a code away is
 * idempotent by nature: a repeat answers 204 and finds nothing more to retire.
 */
export const paycodeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'delete',
      path: '/paycodes/current',
      tags: ['paycodes'],
      summary: 'Put the code on screen away: it stops paying at once and its coupon is free again',
      description:
        'With `?code=`, only when the live code is that one: a phone putting away the code it showed cannot, arriving late, retire the newer code it shows next.',
      security: bearer,
      middleware: [customersOnly],
      request: { query: z.object({ code: z.string().regex(PAYCODE_PATTERN, 'a payment code is 18 digits').optional() }).strict() },
      responses: { 204: { description: 'Retired (or there was none)' }, ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { code } = c.req.valid('query');
      const { db, clock } = c.get('deps');
      await inTransaction(db.kysely, (trx) => retirePaycodes(trx, auth.customerId, clock.now(), code === undefined ? undefined : paycodeHash(code)));
      return c.body(null, 204);
    },
  )
  .openapi(
  createRoute({
    method: 'post',
    path: '/paycodes',
    tags: ['paycodes'],
    summary: 'The coupon-using request: a fresh single-use payment code, optionally holding a coupon',
    security: bearer,
    middleware: [customersOnly],
    request: { body: jsonBody(z.object({ couponId: IdSchema.nullable().optional() }).strict()) },
    responses: { 201: jsonResponse('A live payment code', PaycodeSchema), ...errorResponses },
  }),
  async (c) => {
    const auth = await requireCustomer(c);
    const { couponId } = c.req.valid('json');
    // Issued together with the other code requests of this moment (paycodes/issuer.ts).
    const { paycodes, clock, events } = c.get('deps');
    const issued = await paycodes.issue({ customerId: auth.customerId, couponId: couponId ?? null });
    // The customer's other phones showing a code are told it no longer pays (this one retired it). Not awaited: the
    // code goes to the phone at once, and a phone that misses the event still has its old code refused at the till
    // (CODE_EXPIRED): the event only spares the customer that try.
    void events.publish({ type: 'paycode', customerId: auth.customerId, expiresAt: issued.expiresAt });
    return c.json(
      // What is left of the code's life as it leaves (its group may have waited for a lock).
      { code: issued.code, expiresAt: new Date(issued.expiresAt).toISOString(), expiresInMs: Math.max(0, issued.expiresAt - clock.now()), couponId: couponId ?? null },
      201,
    );
  },
);
