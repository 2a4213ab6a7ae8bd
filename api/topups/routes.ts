import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cashiersOnly, requireCashier } from '../auth/sessions.js';
import type { AppEnv, AuthCashier } from '../context.js';
import { idempotent, merchantKeyScope } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, IsoTimeSchema, jsonBody, jsonResponse } from '../http/schemas.js';
import { MoneyOut, MoneySchema } from '../money.js';
import { CodeSchema } from '../payments/schemas.js';
import { assertScanNotInFuture } from '../payments/scan-time.js';
import { countUnknownCode, payerOfCode, recordCounterTopUp, UnknownOrStaleCode } from './counter.js';

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
  );

