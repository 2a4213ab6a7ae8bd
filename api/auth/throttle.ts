import { sql } from 'kysely';
import type { Executor } from '../db/tx.js';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../http/errors.js';

/**
 * Counting failures in fixed windows, stored in the database so that every API process sees the same counts.
 * Only failures are counted: a busy shop whose codes and PINs are right is never slowed down.
 */
export interface ThrottleRule {
  /** How many failures are allowed inside one window. */
  max: number;
  windowMs: number;
}

/** Five wrong PINs for one handle per 15 minutes: a 4-digit PIN then takes ~15 weeks to guess on average. */
export const PIN_PER_HANDLE: ThrottleRule = { max: 5, windowMs: 15 * 60_000 };
/** Twenty wrong PINs from one address per 15 minutes, across handles: stops spraying one PIN over many handles. */
export const PIN_PER_ADDRESS: ThrottleRule = { max: 20, windowMs: 15 * 60_000 };
/**
 * The answer once a PIN rule is reached, at sign-in or where a PIN is checked again (a customer's PIN change).
 * Retry-After is what is left of the window: the limit holds until the window that counted the tries ends, and a
 * client told less (a constant 300 s) came back to another 429.
 */
export const tooManyPinTries = (waitMs: number, limit: PinLimit) =>
  new ApiError(
    429,
    'RATE_LIMITED',
    limit === 'handle'
      ? `Too many wrong PINs for this handle; try again in ${minutesText(waitMs)}.`
      : `Too many wrong PINs from this network (for any handle); try again in ${minutesText(waitMs)}, or from another network.`,
    undefined,
    retryAfter(waitMs),
    { limit },
  );
/**
 * Which PIN limit a 429 is (the error's `limit`): `handle`, this handle's own wrong PINs (PIN_PER_HANDLE), or
 * `address`, the wrong PINs from the caller's address for any handle (PIN_PER_ADDRESS), which other people on a
 * shared network may have typed. The code stays RATE_LIMITED for both, as before: a client that knows only it still
 * knows to wait.
 */
export type PinLimit = 'handle' | 'address';
/**
 * A wrong PIN's answer: how many more wrong PINs the caller may try before PIN checks pause (the fewest left under
 * the rules given, with each rule's count just recorded), so the phone can warn before the pause instead of only
 * after it. With none left, `wait` is how long the pause lasts: the answer carries Retry-After, as the 429 that
 * the next try would get does. Nothing a guesser learns here is new: the limits are published (README).
 */
export function pinTriesLeft(now: number, counts: { failures: number; windowStart: number; rule: ThrottleRule }[]): PinTries {
  let triesLeft = Infinity;
  let waitMs = 0;
  for (const { failures, windowStart, rule } of counts) {
    const left = Math.max(0, rule.max - failures);
    triesLeft = Math.min(triesLeft, left);
    if (left === 0) waitMs = Math.max(waitMs, leftOfWindow(windowStart, rule, now));
  }
  return { triesLeft: Number.isFinite(triesLeft) ? triesLeft : 0, waitMs };
}

/** The tries a wrong PIN leaves (pinTriesLeft), and with none left, how long the pause lasts. */
export interface PinTries {
  triesLeft: number;
  waitMs: number;
}

/**
 * A wrong PIN's refusal (sign-in's INVALID_CREDENTIALS, a PIN change's WRONG_PIN): with `tries`, its body says
 * `triesLeft`, and the last one Retry-After; without (a PIN changed meanwhile), neither.
 */
export function wrongPinError(status: ContentfulStatusCode, code: string, message: string, field?: string, tries?: PinTries): ApiError {
  return new ApiError(status, code, message, field, tries && tries.triesLeft === 0 ? retryAfter(tries.waitMs) : undefined, tries && { triesLeft: tries.triesLeft });
}

/** Unknown payment codes: 20 per cashier and 60 per merchant in 5 minutes — far above honest typos. */
export const CODE_PER_CASHIER: ThrottleRule = { max: 20, windowMs: 5 * 60_000 };
export const CODE_PER_MERCHANT: ThrottleRule = { max: 60, windowMs: 5 * 60_000 };

/** How long the key stays refused, in ms: 0 when it is within its limit now. */
export async function throttledFor(db: Executor, key: string, rule: ThrottleRule, now: number): Promise<number> {
  const row = await db.selectFrom('throttles').selectAll().where('key', '=', key).executeTakeFirst();
  return !row || row.failures < rule.max ? 0 : leftOfWindow(Number(row.window_start), rule, now);
}

/** What is left, in ms, of the window that began at windowStart. */
function leftOfWindow(windowStart: number, rule: ThrottleRule, now: number): number {
  return Math.max(0, windowStart + rule.windowMs - now);
}

/** The Retry-After header for a wait, in whole seconds rounded up (never 0: that would invite a retry at once). */
export function retryAfter(waitMs: number): Record<string, string> {
  return { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) };
}

function minutesText(waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}

/**
 * Counts one attempt and answers the count in the current window, in one statement: concurrent attempts from
 * any number of processes each get their own number, so a burst cannot slip past the limit by all checking
 * before any of them writes (check-then-act).
 */
export async function recordFailure(db: Executor, key: string, rule: ThrottleRule, now: number): Promise<{ failures: number; windowStart: number }> {
  const windowStart = now - rule.windowMs;
  const row = await db
    .insertInto('throttles')
    .values({ key, window_start: now, failures: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`case when throttles.window_start <= ${windowStart} then 1 else throttles.failures + 1 end`,
        window_start: sql`case when throttles.window_start <= ${windowStart} then ${now} else throttles.window_start end`,
      }),
    )
    .returning(['failures', 'window_start'])
    .executeTakeFirstOrThrow();
  return { failures: Number(row.failures), windowStart: Number(row.window_start) };
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs fn for one key at a time in this process (a keyed mutex): the checks and the count of one handle's
 * sign-ins cannot interleave, so a burst is judged like a sequence.
 */
export async function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const settled = run.then(
    () => {},
    () => {},
  );
  queues.set(key, settled);
  try {
    return await run;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

/** Takes an attempt before the work is done: 0 while the attempt is within the limit, else how long (ms) the key stays refused. */
export async function takeAttempt(db: Executor, key: string, rule: ThrottleRule, now: number): Promise<number> {
  const { failures, windowStart } = await recordFailure(db, key, rule, now);
  return failures <= rule.max ? 0 : leftOfWindow(windowStart, rule, now);
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}
