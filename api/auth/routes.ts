import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, Auth } from '../context.js';
import { inTransaction, isUniqueViolation } from '../db/tx.js';
import { ApiError } from '../http/errors.js';
import { createRouter } from '../http/router.js';
import { idempotentIfKeyed } from '../http/idempotency.js';
import { bearer, errorResponses, ErrorSchema, HandleSchema, jsonBody, jsonResponse, OptionalIdempotencyHeaders, PinSchema, publicErrorResponses } from '../http/schemas.js';
import { newId } from '../ids.js';
import { openAccount } from '../ledger/accounts.js';
import { MoneyOut } from '../money.js';
import { demoLoginsWork } from '../demo/logins.js';
import { readShop } from '../shop/read.js';
import { decoyHash, hashPin, pinDigest, verifyPin } from './pins.js';
import { authenticate, createSession, customerSessionLife, revokeSession, signedInOnly } from './sessions.js';
import { clearFailures, oneAtATime, pinTriesLeft, throttledFor, PIN_PER_ADDRESS, PIN_PER_HANDLE, recordFailure, tooManyPinTries, wrongPinError, type PinTries } from './throttle.js';

const SignInSchema = z
  .discriminatedUnion('role', [
    z.object({ role: z.literal('customer'), handle: HandleSchema, pin: PinSchema }).strict(),
    z.object({ role: z.literal('cashier'), merchant: HandleSchema, handle: HandleSchema, pin: PinSchema }).strict(),
  ])
  .openapi('SignIn');

/** Who a session belongs to (GET /api/me): a customer, or a cashier of a shop with what the till needs of it. */
const ExpiresAt = z.string().openapi({
  description:
    "When this session runs out (ISO 8601): a device that kept the sign-in knows, without asking, that it is over. A cashier's is fixed; a customer's moves on as the session is used (CUSTOMER_SESSION_IDLE_MS ahead, at most CUSTOMER_SESSION_MAX_MS after the sign-in), and this says where it stands now",
});
const CustomerMeSchema = z.object({ role: z.literal('customer'), customerId: z.string(), handle: z.string(), currency: z.string(), expiresAt: ExpiresAt });
const CashierMeSchema = z.object({
  role: z.literal('cashier'),
  merchantId: z.string(),
  merchantHandle: z.string(),
  merchantName: z.string(),
  cashierId: z.string(),
  handle: z.string(),
  canManage: z.boolean(),
  currency: z.string(),
  timeZone: z.string().openapi({ description: "The shop's time zone (IANA): where its day, its reports and today's payments start at midnight" }),
  offlineLimits: z
    .object({ paymentMax: MoneyOut, totalMax: MoneyOut, countMax: z.number().int() })
    .openapi({ description: 'What a tablet may take while offline, at the shop\'s risk: per payment, in all unsent, and how many' }),
  offlineWindowMs: z.number().int().openapi({ description: 'How old a queued offline scan may be when it syncs (the server\'s OFFLINE_WINDOW_MS); older ones are declined' }),
  expiresAt: ExpiresAt,
});
export const MeSchema = z.discriminatedUnion('role', [CustomerMeSchema, CashierMeSchema]).openapi('Me');

const SessionToken = { token: z.string() };
export const SessionSchema = z
  .discriminatedUnion('role', [CustomerMeSchema.extend(SessionToken), CashierMeSchema.extend(SessionToken)])
  .openapi('Session');

/**
 * The address a request came from, for throttling PIN guesses: Node's socket ('unknown' elsewhere). Behind a load
 * balancer every request comes from the balancer, and one address would stand for every shop and customer, so
 * twenty wrong PINs from anyone would lock everyone out. With TRUSTED_PROXIES=n it is the address the n-th proxy
 * from here saw: X-Forwarded-For read from the right, where the proxies append; what lies further left is what
 * the client wrote itself, and is not believed.
 */
function clientAddress(c: Context<AppEnv>, trustedProxies: number): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  // Fewer entries than proxies: the request did not come through all of them, and what it carries is its own.
  return forwarded.length >= trustedProxies ? forwarded[forwarded.length - trustedProxies]! : socket;
}

/**
 * Sign-ups have no signed-in caller to scope their keys to: their keys share one scope. A key is a client's random
 * intent id (a UUID), and one reused for another handle or PIN is refused as another request.
 */
const SIGN_UP_SCOPE = 'sign-up';

/** With `tries`, what a wrong PIN answers of the tries left (throttle.ts pinTriesLeft); without, a PIN changed meanwhile. */
const invalidCredentials = (tries?: PinTries) => wrongPinError(401, 'INVALID_CREDENTIALS', 'That handle and PIN do not match an account.', undefined, tries);

const isoTime = (ms: number) => new Date(ms).toISOString();

/** Whom a sign-in's handle names, with the PIN hash it was judged against. */
type Principal =
  | { role: 'customer'; id: string; pinHash: string }
  | { role: 'cashier'; id: string; pinHash: string; merchantId: string; canManage: boolean };

async function whoAmI(c: Context<AppEnv>, auth: Auth) {
  const { db, config } = c.get('deps');
  if (auth.role === 'customer') {
    const customer = await db.kysely.selectFrom('customers').select(['handle']).where('id', '=', auth.customerId).executeTakeFirstOrThrow();
    return { role: 'customer' as const, customerId: auth.customerId, handle: customer.handle, currency: config.currency, expiresAt: isoTime(auth.expiresAt) };
  }
  const [cashier, shop] = await Promise.all([
    db.kysely.selectFrom('cashiers').select(['handle']).where('id', '=', auth.cashierId).executeTakeFirstOrThrow(),
    readShop(db.kysely, auth.merchantId, config.timeZone),
  ]);
  return {
    role: 'cashier' as const,
    merchantId: auth.merchantId,
    merchantHandle: shop.handle,
    merchantName: shop.name,
    cashierId: auth.cashierId,
    handle: cashier.handle,
    canManage: auth.canManage,
    currency: shop.currency,
    // The tablet shows "today" as the shop's day, which need not be the tablet's own (reports/days.ts).
    timeZone: shop.timeZone,
    // What this shop accepts while a tablet is offline (DESIGN.md "Offline cashier"): at its own risk, bounded.
    offlineLimits: shop.offlineLimits,
    // The sign-out warning says how long queued sales keep (a fixed "24 hours" was wrong on another setting).
    offlineWindowMs: config.offlineWindowMs,
    expiresAt: isoTime(auth.expiresAt),
  };
}

/**
 * Sign-in takes no Idempotency-Key, on purpose (README "One discounted payment with curl"): its answer is a bearer
 * token, stored only hashed (sessions.ts), and replaying the first answer would mean keeping the token readable in
 * the key's record. A repeat after a lost answer makes a second session instead: the caller's own, it expires like
 * any (SESSION_TTL_MS; a customer's, CUSTOMER_SESSION_IDLE_MS unused), and nothing else changes. Signing out takes
 * none either: the token it ends is what identifies the caller, so a repeat is refused as signed out (401) and
 * changes nothing.
 */
export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/sessions',
      tags: ['auth'],
      summary: 'Sign in as a customer, or as a cashier of a merchant',
      description: 'Takes no `Idempotency-Key`: the token is stored only hashed, so a first answer cannot be replayed. A repeat makes a second session.',
      request: { body: jsonBody(SignInSchema) },
      responses: { 201: jsonResponse('Signed in', SessionSchema), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { db, clock, config } = c.get('deps');
      const now = clock.now();
      const handleKey = body.role === 'customer' ? `pin:c:${body.handle}` : `pin:m:${body.merchant}:${body.handle}`;
      const addressKey = `pin:a:${clientAddress(c, config.trustedProxies)}`;
      // Tries for one handle are judged one at a time (in this process), so a burst of concurrent guesses gets
      // no more tries than slow ones; only wrong PINs count, so honest tablets signing in together all get in.
      const principal = await oneAtATime(handleKey, async () => {
        // The answer says which limit it is: this handle's own wrong PINs, or the address's (a mall's Wi-Fi, a
        // carrier's shared address, where other people's wrong PINs count too); the phone words them apart. The
        // handle's comes first: another network does not help a handle locked by its own wrong PINs.
        // A right PIN is refused on the address limit too: judging it there would tell a sprayer which guess was
        // right, and spraying one PIN over every handle would be bounded by nothing but the handles' own limits.
        // Told to wait, the client waits for both: past the handle's window, the address's may still hold.
        const handleWait = await throttledFor(db.kysely, handleKey, PIN_PER_HANDLE, now);
        const addressWait = await throttledFor(db.kysely, addressKey, PIN_PER_ADDRESS, now);
        if (handleWait > 0) throw tooManyPinTries(Math.max(handleWait, addressWait), 'handle');
        if (addressWait > 0) throw tooManyPinTries(addressWait, 'address');
        const found: Principal | undefined =
          body.role === 'customer'
            ? await db.kysely
                .selectFrom('customers')
                .select(['id', 'pin_hash'])
                .where('handle', '=', body.handle)
                .executeTakeFirst()
                .then((row) => row && { role: 'customer', id: row.id, pinHash: row.pin_hash })
            : await db.kysely
                .selectFrom('cashiers')
                .innerJoin('merchants', 'merchants.id', 'cashiers.merchant_id')
                .select(['cashiers.id', 'cashiers.pin_hash', 'cashiers.can_manage', 'merchants.id as merchant_id'])
                .where('merchants.handle', '=', body.merchant)
                .where('cashiers.handle', '=', body.handle)
                // A removed cashier answers as an unknown one.
                .where('cashiers.removed_at', 'is', null)
                .executeTakeFirst()
                .then((row) => row && { role: 'cashier', id: row.id, pinHash: row.pin_hash, merchantId: row.merchant_id, canManage: row.can_manage === 1 });
        // Always run one slow hash, so an unknown handle costs the same time as a wrong PIN.
        const ok = await verifyPin(body.pin, found?.pinHash ?? (await decoyHash()));
        if (!found || !ok) {
          const byHandle = await recordFailure(db.kysely, handleKey, PIN_PER_HANDLE, now);
          const byAddress = await recordFailure(db.kysely, addressKey, PIN_PER_ADDRESS, now);
          throw invalidCredentials(
            pinTriesLeft(now, [
              { ...byHandle, rule: PIN_PER_HANDLE },
              { ...byAddress, rule: PIN_PER_ADDRESS },
            ]),
          );
        }
        await clearFailures(db.kysely, handleKey);
        return found;
      });
      // The PIN was judged against the hash read above, outside any transaction (scrypt is slow). A new PIN or a
      // removal committed since (by another process: support's reset, a manager on another tablet) signed out every
      // session that existed then, and this one must not outlive it: the row is read again in the session's
      // transaction, locked on PostgreSQL (FOR SHARE waits for such a change and then sees it; a change that comes
      // after waits for this session and signs it out too), and the session is made only if the hash is unchanged.
      const who =
        principal.role === 'customer'
          ? ({ role: 'customer', customerId: principal.id } as const)
          : ({ role: 'cashier', cashierId: principal.id, merchantId: principal.merchantId, canManage: principal.canManage } as const);
      const session = await inTransaction(db.kysely, async (trx) => {
        const table = principal.role === 'customer' ? 'customers' : 'cashiers';
        let still = trx.selectFrom(table).select('id').where('id', '=', principal.id).where('pin_hash', '=', principal.pinHash);
        if (table === 'cashiers') still = still.where('removed_at', 'is', null);
        if (db.dialect === 'postgres') still = still.forShare();
        if (!(await still.executeTakeFirst())) throw invalidCredentials();
        // A customer's sign-in slides from here (sessions.ts renewSession); a cashier's lasts one shift.
        return createSession(trx, who, now, who.role === 'customer' ? customerSessionLife(config) : config.sessionTtlMs);
      });
      const me = await whoAmI(
        c,
        who.role === 'customer'
          ? { ...who, signedInAt: now, tokenHash: '', expiresAt: session.expiresAt }
          : { ...who, tokenHash: '', expiresAt: session.expiresAt },
      );
      return c.json({ token: session.token, ...me }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/sessions/current',
      tags: ['auth'],
      summary: 'Sign out (the token stops working at once here, and on other API processes as soon as the notice reaches them)',
      security: bearer,
      middleware: [signedInOnly],
      responses: { 204: { description: 'Signed out' }, ...errorResponses },
    }),
    async (c) => {
      const auth = await authenticate(c);
      const deps = c.get('deps');
      await revokeSession(deps, auth.tokenHash, deps.clock.now());
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/sign-in-help',
      tags: ['auth'],
      summary: 'What the sign-in screens may say: whether the demo logins (public PINs) all still work here',
      responses: { 200: jsonResponse('Sign-in help', z.object({ demo: z.boolean() })), ...publicErrorResponses },
    }),
    async (c) => {
      // A shop started with DEMO=0 has no demo data, and one that changed the demo PINs has none that work: its
      // sign-in screens must not offer "demo-cafe, PIN 1234".
      const demo = await demoLoginsWork(c.get('deps').db.kysely);
      c.header('Cache-Control', 'no-store');
      return c.json({ demo }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: 'Who this session belongs to',
      security: bearer,
      middleware: [signedInOnly],
      responses: { 200: jsonResponse('The signed-in customer or cashier', MeSchema), ...errorResponses },
    }),
    async (c) => c.json(await whoAmI(c, await authenticate(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/customers',
      tags: ['auth'],
      summary: 'Sign up as a customer (a wallet with a zero balance)',
      description:
        'With an `Idempotency-Key` (optional here), a repeat after a lost answer gets the first answer again instead of `HANDLE_TAKEN`; the same key with another handle or PIN is `IDEMPOTENCY_MISMATCH`.',
      request: { headers: OptionalIdempotencyHeaders, body: jsonBody(z.object({ handle: HandleSchema, pin: PinSchema }).strict()) },
      responses: {
        201: jsonResponse('Created', z.object({ customerId: z.string() })),
        409: jsonResponse('HANDLE_TAKEN (or IDEMPOTENCY_MISMATCH, IN_PROGRESS)', ErrorSchema),
        ...publicErrorResponses,
      },
    }),
    async (c) => {
      const { handle, pin } = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const { clock, config } = c.get('deps');
      // Both slow on purpose (pins.ts), so before the transaction. The key's stored request holds a digest of the
      // PIN, never the PIN: a retry with the PIN mistyped is another request.
      const [pinHash, pinSent] = await Promise.all([hashPin(pin), key === undefined ? undefined : pinDigest(pin, `${SIGN_UP_SCOPE}\u0000${key}`)]);
      const now = clock.now();
      try {
        return (await idempotentIfKeyed(c, SIGN_UP_SCOPE, key, { signUp: handle, pin: pinSent }, async (trx) => {
          const id = newId('cus', now);
          const accountId = await openAccount(trx, { kind: 'customer', ownerId: id, currency: config.currency, now });
          await trx.insertInto('customers').values({ id, handle, pin_hash: pinHash, account_id: accountId, paycode_seq: 0, created_at: now }).execute();
          return { status: 201, body: { customerId: id } };
        })) as never;
      } catch (error) {
        if (isUniqueViolation(error)) throw new ApiError(409, 'HANDLE_TAKEN', 'That handle is taken; choose another.', 'handle');
        throw error;
      }
    },
  );
