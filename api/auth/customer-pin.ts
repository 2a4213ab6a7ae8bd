import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../http/errors.js';
import { customerKeyScope, idempotent } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, jsonBody, jsonResponse, PinSchema } from '../http/schemas.js';
import { retirePaycodes } from '../paycodes/issue.js';
import { hashPin, verifyPin } from './pins.js';
import { customersOnly, forgetSessions, requireCustomer, type SessionEndReason } from './sessions.js';
import { clearFailures, oneAtATime, pinTriesLeft, throttledFor, PIN_PER_HANDLE, recordFailure, tooManyPinTries, wrongPinError, type PinTries } from './throttle.js';

/**
 * A customer changes their own PIN, giving the current one: a phone left signed in must not let whoever holds it
 * lock the owner out. The customer's other phones are signed out (whoever learnt the old PIN may be signed in
 * with it), and a code shown on one of them stops paying; this one stays. A wrong current PIN counts against the handle exactly as a wrong PIN at sign-in
 * does (the same throttle key), so this route is no second door for guessing.
 *
 * PINs are not part of the stored request (a hash of a 4–12 digit PIN could be reversed by trying them all). So
 * a key already used is judged by the PIN as it is now: its first answer is replayed only to the request whose
 * new PIN is the one set (a retry after a lost answer, which carries the old PIN as current); anything else under
 * that key is IDEMPOTENCY_MISMATCH and counts as a wrong PIN. A new key needs the current PIN: knowing the new
 * one is not enough.
 */
/** With `tries`, the tries left before PIN checks pause (throttle.ts pinTriesLeft), as at sign-in. */
const wrongPin = (tries?: PinTries) => wrongPinError(422, 'WRONG_PIN', 'That is not your current PIN.', 'currentPin', tries);
const keyUsed = () => new ApiError(409, 'IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used for a different request.');

export const customerPinRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/customers/me/pin',
    tags: ['auth'],
    summary: "Change the signed-in customer's PIN, giving the current one: their other devices are signed out (a payment code on show there stops paying), this one stays",
    security: bearer,
    middleware: [customersOnly],
    request: { headers: IdempotencyHeaders, body: jsonBody(z.object({ currentPin: PinSchema, newPin: PinSchema }).strict()) },
    responses: {
      200: jsonResponse('The PIN is changed', z.object({ signedOutElsewhere: z.number().int().openapi({ description: 'Other devices signed out' }) })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const auth = await requireCustomer(c);
    const { currentPin, newPin } = c.req.valid('json');
    const deps = c.get('deps');
    const { db, clock } = deps;
    const key = c.req.valid('header')['idempotency-key'];
    const customer = await db.kysely.selectFrom('customers').select(['handle', 'pin_hash']).where('id', '=', auth.customerId).executeTakeFirstOrThrow();
    const handleKey = `pin:c:${customer.handle}`;
    // Hashed before the transaction: scrypt takes tens of milliseconds, and SQLite's one writer must not wait for it.
    const newHash = await hashPin(newPin);
    let revoked: string[] = [];
    const scope = customerKeyScope(auth.customerId);
    const response = await oneAtATime(handleKey, async () => {
      const now = clock.now();
      const wait = await throttledFor(db.kysely, handleKey, PIN_PER_HANDLE, now);
      if (wait > 0) throw tooManyPinTries(wait, 'handle');
      const used = await db.kysely.selectFrom('idempotency_keys').select('key').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
      // One slow hash either way, so the answer's timing tells no more than its words.
      const ok = await verifyPin(used ? newPin : currentPin, customer.pin_hash);
      if (!ok) {
        const count = await recordFailure(db.kysely, handleKey, PIN_PER_HANDLE, now);
        throw used ? keyUsed() : wrongPin(pinTriesLeft(now, [{ ...count, rule: PIN_PER_HANDLE }]));
      }
      // A used key: the replay (or IDEMPOTENCY_MISMATCH for a key of another kind of request, a top-up say).
      const answer = await idempotent(c, scope, key, { changePin: true }, async (trx) => {
        // Against the hash the current PIN was checked with: a change made meanwhile elsewhere is not undone.
        const changed = await trx
          .updateTable('customers')
          .set({ pin_hash: newHash })
          .where('id', '=', auth.customerId)
          .where('pin_hash', '=', customer.pin_hash)
          .executeTakeFirst();
        if (Number(changed.numUpdatedRows) !== 1) throw wrongPin();
        const rows = await trx
          .updateTable('sessions')
          .set({ revoked_at: now, end_reason: 'pin_changed' satisfies SessionEndReason })
          .where('customer_id', '=', auth.customerId)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .where('token_hash', '!=', auth.tokenHash)
          .returning('token_hash')
          .execute();
        revoked = rows.map((r) => r.token_hash);
        // A phone signed out may be in the hands of whoever learnt the old PIN: the code it shows stops paying now,
        // not at its expiry, as at a support reset (pin-reset.ts). The customer holds one live code, and this phone,
        // on its PIN dialog, shows none; with no other phone signed in, a code on show is of this phone (another tab)
        // and is left be.
        if (revoked.length > 0) await retirePaycodes(trx, auth.customerId, now);
        return { status: 200, body: { signedOutElsewhere: revoked.length } };
      });
      if (!used) await clearFailures(db.kysely, handleKey);
      return answer;
    });
    await forgetSessions(deps, revoked);
    return response as never;
  },
);
