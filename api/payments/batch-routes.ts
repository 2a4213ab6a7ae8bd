/** The offline sync: the sales a till queued while it could not reach the server, sent together once it can. */
import { createRoute } from '@hono/zod-openapi';
import { cashiersOnly, requireCashier } from '../auth/sessions.js';
import type { AppDeps } from '../context.js';
import { isUniqueViolation } from '../db/tx.js';
import { ApiError } from '../http/errors.js';
import { inProgressError, merchantKeyScope, withBatchItemsInFlight } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/schemas.js';
import { settleOfflineBatch, type Outcome } from './batcher.js';
import { checkAmount, mayTake, namedView, shopCashiers, toRequest, unknownTaker } from './route-helpers.js';
import { BatchAnswer, BatchBody } from './schemas.js';
import type { PaymentRequest, SettleResult } from './settle.js';
import { explainDeclines, forShop, namesOf, paymentsWithNames, paymentView, type PaymentView } from './view.js';

/** One item of an offline sync's answer (BatchAnswer's `results`). */
type BatchItemResult = { idempotencyKey: string; status: 'succeeded' | 'declined' | 'error'; payment?: PaymentView; error?: { code: string; message: string } };

/** An item of an offline sync that was not settled, and why (sent again with its key when the code says so). */
function notSettled(idempotencyKey: string, error: { code: string; message: string }): BatchItemResult {
  return { idempotencyKey, status: 'error', error: { code: error.code, message: error.message } };
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

export const batchRoutes = createRouter()
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
  );

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
