import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../context.js';
import { inTransaction, isUniqueViolation, type Tx } from '../db/tx.js';
import { sha256 } from '../ids.js';
import { ApiError } from './errors.js';

/**
 * Idempotent state changes, after Stripe's design (brandur/rocket-rides-atomic): the client's key, a hash of the
 * request and the response are stored in the SAME transaction as the effect, so either both happened or neither.
 * - same key, same request, finished  -> the stored answer again, nothing changes;
 * - same key, different request       -> 409 IDEMPOTENCY_MISMATCH;
 * - same key while the first still runs -> 409 IN_PROGRESS (in this process; across processes the unique key
 *   makes the second wait for the first and then replay it).
 * Errors (4xx) are not stored: they changed nothing, so a retry is evaluated afresh.
 */
export interface StoredAnswer {
  status: ContentfulStatusCode;
  body: unknown;
}

/** Keys of the requests running in this process, scoped, with what runs: a payment, or another keyed request. */
const inFlight = new Map<string, 'payment' | 'other'>();
/** Keys of the offline batch items being settled in this process (a batch sent twice at once holds a key twice). */
const batchItemsInFlight = new Map<string, number>();

export const inProgressError = () => new ApiError(409, 'IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly.');

/**
 * The scope of a shop's keyed requests (refunds, grants, Z reports, …). Its payments share it: their keys live
 * on the payment rows (payments_idempotency), and a key one of them took is not free for the other.
 */
export const merchantKeyScope = (merchantId: string) => `merchant:${merchantId}`;
const MERCHANT_SCOPE_PREFIX = merchantKeyScope('');
/** The scope of a customer's keyed requests (top-ups, claims, shares, a PIN change): no other customer's key meets them. */
export const customerKeyScope = (customerId: string) => `customer:${customerId}`;

export function requestHash(method: string, path: string, body: unknown): string {
  return sha256(`${method} ${path} ${canonicalJson(body)}`);
}

/** JSON with sorted keys, so that the same request in another key order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Marks a key as running in this process for the duration of fn; a concurrent repeat is refused. A refund,
 * grant… (`other`) is refused too while an offline batch item with its key is being settled: each checks the
 * other's stored keys only before it starts, so at the same instant both would pass.
 */
export async function withInFlight<T>(scopedKey: string, fn: () => Promise<T>, kind: 'payment' | 'other' = 'other'): Promise<T> {
  if (inFlight.has(scopedKey) || (kind === 'other' && batchItemsInFlight.has(scopedKey))) throw inProgressError();
  inFlight.set(scopedKey, kind);
  try {
    return await fn();
  } finally {
    inFlight.delete(scopedKey);
  }
}

/**
 * Marks an offline batch's item keys as running for the duration of fn. An item whose key a refund, grant… is
 * using at this moment is left out: fn gets its index in `busy`, and the caller answers it IN_PROGRESS (the till
 * sends it again with the next sync). An item whose key a payment is using is not: that is the till's own
 * online attempt at the same sale, and the payments' unique key settles the two as one, at once (a refusal
 * would put the sale off to the next sync).
 */
export async function withBatchItemsInFlight<T>(scopedKeys: readonly string[], fn: (busy: ReadonlySet<number>) => Promise<T>): Promise<T> {
  const busy = new Set<number>();
  const marked: string[] = [];
  scopedKeys.forEach((scopedKey, index) => {
    if (inFlight.get(scopedKey) === 'other') busy.add(index);
    else {
      batchItemsInFlight.set(scopedKey, (batchItemsInFlight.get(scopedKey) ?? 0) + 1);
      marked.push(scopedKey);
    }
  });
  try {
    return await fn(busy);
  } finally {
    for (const scopedKey of marked) {
      const count = batchItemsInFlight.get(scopedKey)! - 1;
      if (count === 0) batchItemsInFlight.delete(scopedKey);
      else batchItemsInFlight.set(scopedKey, count);
    }
  }
}

export async function idempotent(
  c: Context<AppEnv>,
  scope: string,
  key: string,
  body: unknown,
  effect: (trx: Tx) => Promise<StoredAnswer>,
): Promise<Response> {
  const { db } = c.get('deps');
  const hash = requestHash(c.req.method, c.req.routePath, body);
  const replay = async () => {
    const stored = await db.kysely
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!stored) {
      // A payment's key is on its row, not here (see merchantKeyScope).
      const merchantId = scope.startsWith(MERCHANT_SCOPE_PREFIX) ? scope.slice(MERCHANT_SCOPE_PREFIX.length) : undefined;
      const payment = merchantId
        ? await db.kysely.selectFrom('payments').select('id').where('merchant_id', '=', merchantId).where('idempotency_key', '=', key).executeTakeFirst()
        : undefined;
      if (payment) {
        throw new ApiError(409, 'IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used for a different request (a payment).');
      }
      return undefined;
    }
    if (stored.request_hash !== hash) {
      throw new ApiError(409, 'IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used for a different request.');
    }
    c.header('Idempotent-Replayed', 'true');
    return c.json(JSON.parse(stored.response_body), stored.response_status as ContentfulStatusCode);
  };
  return withInFlight(`${scope}\u0000${key}`, async () => {
    const earlier = await replay();
    if (earlier) return earlier;
    try {
      const answer = await inTransaction(db.kysely, async (trx) => {
        const result = await effect(trx);
        await trx
          .insertInto('idempotency_keys')
          .values({
            scope,
            key,
            request_hash: hash,
            response_status: result.status,
            response_body: JSON.stringify(result.body),
            created_at: c.get('deps').clock.now(),
          })
          .execute();
        return result;
      });
      return c.json(answer.body as object, answer.status);
    } catch (error) {
      // A twin with the same key, sent at the same moment to another process (the in-flight guard is per
      // process), committed first: this one then fails on the key's unique index, or is refused by what the twin
      // did (the payment already refunded, already noted as paid in cash). Either way the twin's answer is the answer.
      if (isUniqueViolation(error) || error instanceof ApiError) {
        const concurrent = await replay();
        if (concurrent) return concurrent;
      }
      throw error;
    }
  });
}

/**
 * `idempotent` where the key is optional: routes that took none in v1 of the public contract (sign-up, sharing a
 * coupon, taking a friend's offer), which shops' integrations call without one. With a key, a repeat is answered
 * as the first was; without, the effect runs in its transaction as it always did.
 */
export async function idempotentIfKeyed(
  c: Context<AppEnv>,
  scope: string,
  key: string | undefined,
  body: unknown,
  effect: (trx: Tx) => Promise<StoredAnswer>,
): Promise<Response> {
  if (key !== undefined) return idempotent(c, scope, key, body, effect);
  const answer = await inTransaction(c.get('deps').db.kysely, effect);
  return c.json(answer.body as object, answer.status);
}
