import { createRoute, z } from '@hono/zod-openapi';
import { customersOnly, requireCustomer } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import { customerKeyScope, idempotent } from '../http/idempotency.js';
import { pageOf } from '../http/paging.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, IdSchema, jsonBody, jsonResponse, pageLimit, PAGE_LIMIT_MAX } from '../http/schemas.js';
import { AMOUNT_MAX_MINOR, MoneyOut, MoneySchema } from '../money.js';
import { getBalance } from './accounts.js';
import { externalAccountId } from './system-accounts.js';
import { postTransfers } from './transfers.js';

export const ledgerRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/wallet',
      tags: ['ledger'],
      summary: "The customer's wallet and its balance",
      security: bearer,
      middleware: [customersOnly],
      responses: {
        200: jsonResponse(
          'Wallet',
          z.object({
            accountId: z.string(),
            balance: MoneyOut,
            topUps: z.boolean().openapi({ description: 'Whether this server takes top-ups (POST /wallet/topups); false with TOPUPS=0, when the app offers no "Add money"' }),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { db, config } = c.get('deps');
      const customer = await db.kysely.selectFrom('customers').select('account_id').where('id', '=', auth.customerId).executeTakeFirstOrThrow();
      const balance = (await getBalance(db.kysely, customer.account_id)) ?? 0;
      return c.json({ accountId: customer.account_id, balance: { amount: balance, currency: config.currency }, topUps: config.topups }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/wallet/topups',
      tags: ['ledger'],
      summary: "The customer's top-ups and their reversals, newest first, one page at a time: with the payments and refunds, the wallet's history",
      security: bearer,
      middleware: [customersOnly],
      request: { query: z.object({ limit: pageLimit(PAGE_LIMIT_MAX), before: IdSchema.optional() }) },
      responses: {
        200: jsonResponse(
          'Top-ups',
          z.object({
            topups: z.array(
              z.object({
                id: z.string(),
                amount: MoneyOut,
                at: z.string(),
                shop: z.string().nullable().openapi({ description: "The shop's name for cash put on the wallet at its counter (POST /topups); null for the customer's own top-up" }),
                reversal: z.boolean().openapi({ description: 'A counter top-up the shop took back (POST /topups/{id}/reversal): `amount` left the wallet' }),
              }),
            ),
            next: z.string().nullable(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { db, config } = c.get('deps');
      const { limit, before } = c.req.valid('query');
      const customer = await db.kysely.selectFrom('customers').select('account_id').where('id', '=', auth.customerId).executeTakeFirstOrThrow();
      // Transfer ids are time-ordered, and (credit_account_id, id) and (debit_account_id, id) are indexed: a page is
      // two index ranges, the top-ups (credits) and their reversals (debits).
      let query = db.kysely
        .selectFrom('transfers')
        // A top-up at a shop's counter has its row there (api/topups/counter.ts), one per transfer, and a reversal
        // its own (api/topups/reversal.ts): the shop is named.
        .leftJoin('counter_topups', 'counter_topups.transfer_id', 'transfers.id')
        .leftJoin('counter_topup_reversals', 'counter_topup_reversals.transfer_id', 'transfers.id')
        .leftJoin('merchants', (join) =>
          join.on((eb) => eb.or([eb('merchants.id', '=', eb.ref('counter_topups.merchant_id')), eb('merchants.id', '=', eb.ref('counter_topup_reversals.merchant_id'))])),
        )
        .select(['transfers.id', 'transfers.amount', 'transfers.created_at', 'transfers.kind', 'merchants.name as shop'])
        .where((eb) =>
          eb.or([
            eb.and([eb('transfers.credit_account_id', '=', customer.account_id), eb('transfers.kind', '=', 'topup')]),
            eb.and([eb('transfers.debit_account_id', '=', customer.account_id), eb('transfers.kind', '=', 'topup_reversal')]),
          ]),
        )
        .orderBy('transfers.id', 'desc')
        .limit(limit + 1);
      if (before) query = query.where('transfers.id', '<', before);
      const { rows, next } = pageOf(await query.execute(), limit);
      const topups = rows.map((t) => ({
        id: t.id,
        amount: { amount: Number(t.amount), currency: config.currency },
        at: new Date(Number(t.created_at)).toISOString(),
        shop: t.shop ?? null,
        reversal: t.kind === 'topup_reversal',
      }));
      return c.json({ topups, next }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/wallet/topups',
      tags: ['ledger'],
      summary: 'Simulated top-up from the external funding source (no real money enters); off with TOPUPS=0',
      security: bearer,
      middleware: [customersOnly],
      request: { headers: IdempotencyHeaders, body: jsonBody(z.object({ amount: MoneySchema }).strict()) },
      responses: { 201: jsonResponse('New balance', z.object({ balance: MoneyOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const deps = c.get('deps');
      const { config, clock } = deps;
      if (!config.topups) throw new ApiError(403, 'TOPUPS_DISABLED', 'Top-ups are switched off on this server.');
      const { amount } = c.req.valid('json');
      if (amount.currency !== config.currency) throw new ApiError(422, 'CURRENCY_MISMATCH', `This ledger keeps ${config.currency}.`, 'amount.currency');
      if (amount.amount < 1 || amount.amount > AMOUNT_MAX_MINOR) {
        throw new ApiError(422, 'AMOUNT_OUT_OF_RANGE', `A top-up is 1 to ${AMOUNT_MAX_MINOR} minor units.`, 'amount.amount');
      }
      let added: { amount: number; at: number } | null = null;
      const response = await idempotent(c, customerKeyScope(auth.customerId), c.req.valid('header')['idempotency-key'], { amount }, async (trx) => {
        const customer = await trx.selectFrom('customers').select('account_id').where('id', '=', auth.customerId).executeTakeFirstOrThrow();
        const now = clock.now();
        const posted = await postTransfers(
          trx,
          config.currency,
          [{ debit: externalAccountId(config.currency), credit: customer.account_id, amount: amount.amount, kind: 'topup' }],
          now,
        );
        if (!posted.ok) throw new Error('the external source has no floor; a top-up cannot be refused');
        added = { amount: amount.amount, at: now };
        const balance = (await getBalance(trx, customer.account_id)) ?? 0;
        return { status: 201, body: { balance: { amount: balance, currency: config.currency } } };
      });
      // Once committed, and only for a top-up made now (a replay made none): the customer's other phones showing the
      // wallet read their balance again, as after a payment made on one of them. No shop is told: it took no cash.
      const made = added as { amount: number; at: number } | null; // set in the effect, which TS does not follow
      if (made) await deps.events.publish({ type: 'topup', customerId: auth.customerId, ...made });
      return response as never;
    },
  );
