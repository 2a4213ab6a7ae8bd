/** The till's periods: the X report (since the last close, without closing), closing one (Z) and the closed ones. */
import { createRoute, z } from '@hono/zod-openapi';
import { cashiersOnly, managersOnly, requireCashier, requireManager } from '../auth/sessions.js';
import { inReadSnapshot } from '../db/tx.js';
import { ApiError, invalid, notFound } from '../http/errors.js';
import { idempotent, merchantKeyScope } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, jsonBody, jsonResponse, pageLimit } from '../http/schemas.js';
import { newId } from '../ids.js';
import { AMOUNT_MAX_MINOR, MoneySchema } from '../money.js';
import { shopTimeZone } from '../shop/facts.js';
import { closePeriod, periodFigures } from './closing.js';
import { figuresCsv } from './csv.js';
import { xReportFilename } from './days.js';
import { FormatQuery, reportAnswer, XQuery, XReportOut, ZReportOut } from './schemas.js';
import { csv, csvCashiers, figuresView, storedFigures, zView } from './views.js';

/**
 * What the closing tablet says it still holds offline is printed on an immutable report, so it must make sense:
 * every queued charge is 1 to AMOUNT_MAX_MINOR minor units, so n charges add up to n … n × AMOUNT_MAX_MINOR
 * (none: nothing).
 */
function checkQueuedOffline(queued: { count: number; amount: { amount: number; currency: string } }, currency: string): void {
  if (queued.amount.currency !== currency) {
    throw new ApiError(422, 'CURRENCY_MISMATCH', `This ledger keeps ${currency}.`, 'queuedOffline.amount.currency');
  }
  const { count } = queued;
  const amount = queued.amount.amount;
  if (amount < count || amount > count * AMOUNT_MAX_MINOR) {
    const range = count === 0 ? 'nothing' : `${count} to ${count * AMOUNT_MAX_MINOR} minor units`;
    throw new ApiError(422, 'AMOUNT_OUT_OF_RANGE', `${count} queued charge${count === 1 ? '' : 's'} add up to ${range}.`, 'queuedOffline.amount.amount');
  }
}

export const xzRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/x',
      tags: ['reports'],
      summary:
        'X report: the figures since the last close, without closing (any time, any cashier of the shop); with `include=csv`, the same report as its CSV file too, from the same read',
      security: bearer,
      middleware: [cashiersOnly],
      request: { query: XQuery },
      responses: { 200: reportAnswer('Figures', XReportOut), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { db, config, clock } = c.get('deps');
      const query = c.req.valid('query');
      if (query.include === 'csv' && query.format === 'csv') throw invalid('include', 'include=csv adds the file to the JSON answer; format=csv is the file alone.');
      // One read for everything the report says: its figures add up, and its screen and its file are the same.
      const { figures, last, takenAt } = await inReadSnapshot(db, async (trx) => {
        const figures = await periodFigures(trx, { merchantId: auth.merchantId, zNumber: null });
        const last = await trx.selectFrom('z_reports').select(['number', 'closed_at']).where('merchant_id', '=', auth.merchantId).orderBy('number', 'desc').limit(1).executeTakeFirst();
        // One instant for the report, once it is read: the file's "Taken at", its name and the screen's say it.
        return { figures, last, takenAt: clock.now() };
      });
      const file = async () => {
        const zone = await shopTimeZone(db, auth.merchantId, config.timeZone);
        const period = { from: last?.closed_at ?? null, to: takenAt, toLabel: 'takenAt', timeZone: zone } as const;
        return { filename: xReportFilename(takenAt, zone), content: figuresCsv({ kind: 'x' }, figures, config.currency, period, query.lang, csvCashiers(figures, auth)) };
      };
      if (query.format === 'csv') {
        const { filename, content } = await file();
        return csv(c, filename, content) as never;
      }
      return c.json(
        {
          previousNumber: last?.number ?? null,
          openedAt: last ? new Date(last.closed_at).toISOString() : null,
          takenAt: new Date(takenAt).toISOString(),
          currency: config.currency,
          figures: figuresView(figures, config.currency, auth),
          ...(query.include === 'csv' ? { csv: await file() } : {}),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/z',
      tags: ['reports'],
      summary: 'Close the day (Z report): numbered, immutable; later payments go into the next one',
      security: bearer,
      middleware: [managersOnly],
      request: {
        headers: IdempotencyHeaders,
        body: jsonBody(
          z
            .object({
              // What the closing tablet still holds in its offline outbox: the server cannot know it otherwise.
              queuedOffline: z.object({ count: z.number().int().min(0).max(100_000), amount: MoneySchema }).strict().optional(),
            })
            .strict(),
        ),
      },
      responses: { 201: jsonResponse('Closed', z.object({ report: ZReportOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const body = c.req.valid('json');
      const { db, config, clock } = c.get('deps');
      if (body.queuedOffline) checkQueuedOffline(body.queuedOffline, config.currency);
      return idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], body, async (trx) => {
        const row = await closePeriod(trx, db.dialect, {
          merchantId: auth.merchantId,
          cashierId: auth.cashierId,
          now: clock.now(),
          id: newId('zr', clock.now()),
          queued: body.queuedOffline ? { count: body.queuedOffline.count, amount: body.queuedOffline.amount.amount } : null,
        });
        return { status: 201, body: { report: zView(row, config.currency, auth) } };
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/z',
      tags: ['reports'],
      summary: "The shop's closed days, newest first, one page at a time (`before`: the answer's `next`)",
      security: bearer,
      middleware: [cashiersOnly],
      request: {
        query: z.object({
          limit: pageLimit(30),
          before: z.coerce.number().int().min(1).max(1_000_001).optional(),
        }),
      },
      responses: { 200: jsonResponse('Reports', z.object({ reports: z.array(ZReportOut), next: z.number().nullable() })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { db, config } = c.get('deps');
      const { limit, before } = c.req.valid('query');
      // Paged, or a shop that closes every day could reprint only its last month: Z No. 1 dropped off the list.
      let query = db.kysely.selectFrom('z_reports').selectAll().where('merchant_id', '=', auth.merchantId).orderBy('number', 'desc').limit(limit + 1);
      if (before !== undefined) query = query.where('number', '<', before);
      const rows = await query.execute();
      const page = rows.slice(0, limit);
      const next = rows.length > limit ? page[page.length - 1]!.number : null;
      return c.json({ reports: page.map((r) => zView(r, config.currency, auth)), next }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/z/{number}',
      tags: ['reports'],
      summary: 'One closed day, as JSON or CSV',
      security: bearer,
      middleware: [cashiersOnly],
      request: { params: z.object({ number: z.coerce.number().int().min(1).max(1_000_000) }), query: FormatQuery },
      responses: { 200: reportAnswer('Report', z.object({ report: ZReportOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { db, config } = c.get('deps');
      const row = await db.kysely.selectFrom('z_reports').selectAll().where('merchant_id', '=', auth.merchantId).where('number', '=', c.req.valid('param').number).executeTakeFirst();
      if (!row) throw notFound('report');
      const query = c.req.valid('query');
      if (query.format === 'csv') {
        const closer = await db.kysely.selectFrom('cashiers').select('handle').where('id', '=', row.closed_by).executeTakeFirst();
        const period = { from: row.opened_at, to: row.closed_at, toLabel: 'closedAt', closedBy: closer?.handle ?? row.closed_by, timeZone: await shopTimeZone(db, auth.merchantId, config.timeZone) } as const;
        const figures = storedFigures(row.figures);
        return csv(c, `z-report-${row.number}.csv`, figuresCsv({ kind: 'z', number: row.number }, figures, config.currency, period, query.lang, csvCashiers(figures, auth))) as never;
      }
      return c.json({ report: zView(row, config.currency, auth) }, 200);
    },
  );
