import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { cashiersOnly, managersOnly, requireCashier, requireManager } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import { idempotent, merchantKeyScope } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, jsonBody, jsonResponse } from '../http/schemas.js';
import { forgetMerchantFacts, SHOPS_CHANNEL } from './facts.js';
import { readShop, ShopSchema } from './read.js';
import { applyShopChange, ShopChangeSchema } from './settings.js';

/**
 * The shop's name, time zone and offline limits: any of its cashiers reads them, its managers change them. The tablets learn
 * a change at their next GET /api/me (they ask when the app comes back to the screen or the network returns, and
 * every few minutes), the server's payment path and reports at once (shop/facts.ts).
 */
export const shopRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/shop',
      tags: ['shop'],
      summary: "The cashier's shop: its name, currency, time zone and offline limits",
      security: bearer,
      middleware: [cashiersOnly],
      responses: { 200: jsonResponse('The shop', z.object({ shop: ShopSchema })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { db, config } = c.get('deps');
      return c.json({ shop: await readShop(db.kysely, auth.merchantId, config.timeZone) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/shop',
      tags: ['shop'],
      summary: "Change the shop's name, time zone or offline limits (managers); what is left out stays. Takes effect for sales the server judges from now on, without a restart",
      security: bearer,
      middleware: [managersOnly],
      request: { headers: IdempotencyHeaders, body: jsonBody(ShopChangeSchema) },
      responses: { 200: jsonResponse('Changed: the shop now, and as it was before', z.object({ shop: ShopSchema, previous: ShopSchema })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const change = c.req.valid('json');
      const deps = c.get('deps');
      const response = await idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], change, async (trx) => {
        const previous = await readShop(trx, auth.merchantId, deps.config.timeZone, deps.db.dialect === 'postgres');
        const current = {
          name: previous.name,
          paymentMaxMinor: previous.offlineLimits.paymentMax.amount,
          totalMaxMinor: previous.offlineLimits.totalMax.amount,
          countMax: previous.offlineLimits.countMax,
        };
        const result = applyShopChange(current, change, previous.currency);
        if (!result.ok) throw new ApiError(result.status, result.code, result.message, result.field);
        const next = result.settings;
        await trx
          .updateTable('merchants')
          .set({
            name: next.name,
            offline_payment_max: next.paymentMaxMinor,
            offline_total_max: next.totalMaxMinor,
            offline_count_max: next.countMax,
            // Left out, the column stays as it is (a shop on the server's zone stays on it, should that change).
            ...(change.timeZone !== undefined ? { time_zone: change.timeZone } : {}),
          })
          .where('id', '=', auth.merchantId)
          .execute();
        // Sent at commit, and only if it commits: the other processes forget their copies (shop/facts.ts).
        if (deps.db.dialect === 'postgres') await sql`select pg_notify(${SHOPS_CHANNEL}, ${auth.merchantId})`.execute(trx);
        return { status: 200, body: { shop: await readShop(trx, auth.merchantId, deps.config.timeZone), previous } };
      });
      // This process's sales use the new cap and name from the next one on (a replay changed nothing, and costs one read).
      forgetMerchantFacts(deps.db, auth.merchantId);
      return response as never;
    },
  );
