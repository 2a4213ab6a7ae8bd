import { createRoute, z } from '@hono/zod-openapi';
import { hashPin, pinDigest } from '../auth/pins.js';
import { forgetSessions, managersOnly, requireManager, revokeCashierSessions, setCashierSessionsManage } from '../auth/sessions.js';
import type { DialectName } from '../db/connect.js';
import type { Executor, Tx } from '../db/tx.js';
import { isUniqueViolation } from '../db/tx.js';
import { ApiError, notFound } from '../http/errors.js';
import { idempotent, merchantKeyScope } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, HandleSchema, IdempotencyHeaders, IdSchema, jsonBody, jsonResponse, PinSchema } from '../http/schemas.js';
import { addCashier } from './shops.js';

/**
 * The shop's staff, for its managers: who may sign in at its tills, with which PIN, and who may manage. A cashier
 * who leaves is removed (they can no longer sign in; their sales keep their name); a new PIN or a removal signs
 * their tablets out at once; the right to manage, given or taken back, reaches their tablets at once (they stay
 * signed in). PINs never come back in an answer; an idempotency key's stored request holds a slow
 * digest of the PIN (pinDigest: a plain hash of a 4–12 digit PIN could be reversed by trying them all), so the same
 * key with another PIN is refused as another request rather than answered as if that PIN were set.
 */
export const StaffMemberSchema = z
  .object({
    id: z.string(),
    handle: z.string(),
    canManage: z.boolean(),
    createdAt: z.string(),
    signedInSessions: z.number().int().openapi({ description: 'Tablets signed in as this cashier now' }),
  })
  .openapi('StaffMember');
type StaffMember = z.infer<typeof StaffMemberSchema>;

async function staffOf(db: Executor, merchantId: string, now: number, cashierId?: string): Promise<StaffMember[]> {
  let q = db
    .selectFrom('cashiers')
    .leftJoin('sessions', (join) =>
      join.onRef('sessions.cashier_id', '=', 'cashiers.id').on('sessions.revoked_at', 'is', null).on('sessions.expires_at', '>', now),
    )
    .select(['cashiers.id', 'cashiers.handle', 'cashiers.can_manage', 'cashiers.created_at'])
    .select((eb) => eb.fn.count<number>('sessions.token_hash').as('sessions'))
    .where('cashiers.merchant_id', '=', merchantId)
    .where('cashiers.removed_at', 'is', null)
    .groupBy(['cashiers.id', 'cashiers.handle', 'cashiers.can_manage', 'cashiers.created_at'])
    .orderBy('cashiers.handle');
  if (cashierId) q = q.where('cashiers.id', '=', cashierId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    handle: r.handle,
    canManage: Number(r.can_manage) === 1,
    createdAt: new Date(Number(r.created_at)).toISOString(),
    signedInSessions: Number(r.sessions),
  }));
}

/**
 * A working cashier of the manager's shop. Another shop's answers as missing (NOT_FOUND: not this manager's to
 * know of); one of this shop's who was removed (on another tablet, say) as that, CASHIER_REMOVED, so the Staff page
 * can say so rather than guess it from a 404.
 */
async function ownCashier(db: Executor, merchantId: string, id: string) {
  const row = await db.selectFrom('cashiers').select(['id', 'handle', 'removed_at']).where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst();
  if (!row) throw notFound('cashier');
  if (row.removed_at !== null) throw new ApiError(410, 'CASHIER_REMOVED', 'This cashier was removed from the shop.');
  return row;
}

/**
 * The shop's staff changes that could leave it without a manager (a removal, a right taken back) are made one at a
 * time: each takes this lock before it reads who manages, and holds it to its commit. Two managers removing each
 * other at the same moment would otherwise each see the other still there, and both succeed. On PostgreSQL, the
 * shop's row FOR NO KEY UPDATE (a sale's foreign keys take KEY SHARE, which it leaves free); SQLite writes one
 * transaction at a time already (BEGIN IMMEDIATE; a group's transactions run one after another, db/group-commit.ts).
 */
async function lockShopStaff(trx: Tx, dialect: DialectName, merchantId: string): Promise<void> {
  if (dialect === 'postgres') await trx.selectFrom('merchants').select('id').where('id', '=', merchantId).forNoKeyUpdate().execute();
}

/** Refuses the change when `leaving` is a manager and no other working manager of the shop would stay. */
async function keepsAManager(trx: Tx, merchantId: string, leaving: string): Promise<void> {
  const managers = await trx
    .selectFrom('cashiers')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where('removed_at', 'is', null)
    .where('can_manage', '=', 1)
    .execute();
  if (managers.some((m) => m.id === leaving) && !managers.some((m) => m.id !== leaving)) {
    throw new ApiError(409, 'LAST_MANAGER', 'The shop must keep a manager: this is its last one. Make another cashier a manager first.');
  }
}

export const staffRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/staff',
      tags: ['staff'],
      summary: "The manager's shop's cashiers (removed ones left out), by handle",
      security: bearer,
      middleware: [managersOnly],
      responses: { 200: jsonResponse('The staff', z.object({ staff: z.array(StaffMemberSchema) })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { db, clock } = c.get('deps');
      return c.json({ staff: await staffOf(db.kysely, auth.merchantId, clock.now()) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/staff',
      tags: ['staff'],
      summary: 'Add a cashier to the manager\'s shop, with a PIN; `canManage` lets them manage campaigns, the day and the staff',
      security: bearer,
      middleware: [managersOnly],
      request: { headers: IdempotencyHeaders, body: jsonBody(z.object({ handle: HandleSchema, pin: PinSchema, canManage: z.boolean().default(false) }).strict()) },
      responses: { 201: jsonResponse('Added', z.object({ cashier: StaffMemberSchema })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const body = c.req.valid('json');
      const { clock } = c.get('deps');
      const scope = merchantKeyScope(auth.merchantId);
      const key = c.req.valid('header')['idempotency-key'];
      // Slow on purpose (auth/pins.ts), so outside the transaction.
      const [pinHash, pin] = await Promise.all([hashPin(body.pin), pinDigest(body.pin, `${scope}\u0000${key}`)]);
      const request = { addCashier: body.handle, canManage: body.canManage, pin };
      return idempotent(c, scope, key, request, async (trx) => {
        const now = clock.now();
        const taken = await trx.selectFrom('cashiers').select('removed_at').where('merchant_id', '=', auth.merchantId).where('handle', '=', body.handle).executeTakeFirst();
        if (taken?.removed_at === null) throw new ApiError(409, 'HANDLE_TAKEN', 'A cashier of this shop already has that handle.', 'handle');
        // A code of its own: the Staff page's list does not show removed cashiers, so "taken" alone would send the
        // owner looking for someone who is not there.
        if (taken) throw new ApiError(409, 'HANDLE_OF_REMOVED_CASHIER', 'That handle belonged to a removed cashier, whose sales still carry it; choose another.', 'handle');
        let id: string;
        try {
          id = await addCashier(trx, { merchantId: auth.merchantId, handle: body.handle, pinHash, canManage: body.canManage, now });
        } catch (error) {
          if (isUniqueViolation(error)) throw new ApiError(409, 'HANDLE_TAKEN', 'A cashier of this shop already has that handle.', 'handle');
          throw error;
        }
        const [cashier] = await staffOf(trx, auth.merchantId, now, id);
        return { status: 201, body: { cashier } };
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/staff/{id}/pin',
      tags: ['staff'],
      summary: "Set a cashier's PIN (one forgotten, or a manager's own): their tablets are signed out, this one stays signed in",
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({ pin: PinSchema }).strict()) },
      responses: { 200: jsonResponse('The PIN is set', z.object({ cashier: StaffMemberSchema })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const { pin } = c.req.valid('json');
      const deps = c.get('deps');
      const scope = merchantKeyScope(auth.merchantId);
      const key = c.req.valid('header')['idempotency-key'];
      const [pinHash, digest] = await Promise.all([hashPin(pin), pinDigest(pin, `${scope}\u0000${key}`)]);
      let revoked: string[] = [];
      const response = await idempotent(c, scope, key, { setPin: id, pin: digest }, async (trx) => {
        await ownCashier(trx, auth.merchantId, id);
        const now = deps.clock.now();
        await trx.updateTable('cashiers').set({ pin_hash: pinHash }).where('id', '=', id).execute();
        // Whoever knew the old PIN may be signed in with it; the manager doing this keeps this tablet.
        revoked = await revokeCashierSessions(trx, id, now, 'pin_changed', auth.tokenHash);
        const [cashier] = await staffOf(trx, auth.merchantId, now, id);
        return { status: 200, body: { cashier } };
      });
      await forgetSessions(deps, revoked);
      return response as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/staff/{id}/sign-out',
      tags: ['staff'],
      summary:
        "Sign a cashier out on every tablet (one lost, or left signed in after a shift): their PIN stays, and signs them in again; a manager signing themselves out keeps this tablet",
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({}).strict()) },
      responses: {
        200: jsonResponse(
          'Signed out',
          z.object({
            cashier: StaffMemberSchema,
            signedOut: z.number().int().openapi({ description: 'Tablets signed out by this request (0: none was signed in, but this one)' }),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const deps = c.get('deps');
      let revoked: string[] = [];
      const response = await idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { signOutCashier: id }, async (trx) => {
        await ownCashier(trx, auth.merchantId, id);
        const now = deps.clock.now();
        // Not the PIN: a tablet left signed in, or lost with nobody knowing the PIN, needs only its sign-in ended, and
        // the cashier signs in again on the next one as before. (A PIN that may be known is changed with /pin.)
        revoked = await revokeCashierSessions(trx, id, now, 'signed_out_by_manager', auth.tokenHash);
        const [cashier] = await staffOf(trx, auth.merchantId, now, id);
        return { status: 200, body: { cashier, signedOut: revoked.length } };
      });
      await forgetSessions(deps, revoked);
      return response as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/staff/{id}/removal',
      tags: ['staff'],
      summary: 'Remove a cashier from the shop: they can no longer sign in, their tablets are signed out; their sales keep their name',
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({}).strict()) },
      responses: { 200: jsonResponse('Removed', z.object({ removed: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const deps = c.get('deps');
      // A manager cannot remove themselves: the shop would be left, at worst, with nobody who can manage it.
      if (id === auth.cashierId) throw new ApiError(409, 'CANNOT_REMOVE_SELF', 'You cannot remove yourself; another manager can.');
      let revoked: string[] = [];
      const response = await idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { removeCashier: id }, async (trx) => {
        await lockShopStaff(trx, deps.db.dialect, auth.merchantId);
        const cashier = await ownCashier(trx, auth.merchantId, id);
        await keepsAManager(trx, auth.merchantId, id);
        const now = deps.clock.now();
        await trx.updateTable('cashiers').set({ removed_at: now }).where('id', '=', id).execute();
        revoked = await revokeCashierSessions(trx, id, now, 'removed');
        return { status: 200, body: { removed: cashier.handle } };
      });
      await forgetSessions(deps, revoked);
      return response as never;
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/staff/{id}/manager',
      tags: ['staff'],
      summary:
        "Let a cashier manage (campaigns, closing the day, the staff), or take it back: their signed-in tablets have it, or lose it, at once; a manager cannot take back their own",
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({ canManage: z.boolean() }).strict()) },
      responses: { 200: jsonResponse('Set', z.object({ cashier: StaffMemberSchema })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const { canManage } = c.req.valid('json');
      const deps = c.get('deps');
      // As with a removal: the shop would be left, at worst, with nobody who can manage it.
      if (id === auth.cashierId && !canManage) {
        throw new ApiError(409, 'CANNOT_DEMOTE_SELF', 'You cannot take back your own right to manage; another manager can.');
      }
      let changed: string[] = [];
      const response = await idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { setManager: id, canManage }, async (trx) => {
        await lockShopStaff(trx, deps.db.dialect, auth.merchantId);
        await ownCashier(trx, auth.merchantId, id);
        if (!canManage) await keepsAManager(trx, auth.merchantId, id);
        const now = deps.clock.now();
        await trx.updateTable('cashiers').set({ can_manage: canManage ? 1 : 0 }).where('id', '=', id).execute();
        // A session carries the right it was signed in with: theirs change with it, so a manager who is one no
        // longer cannot go on managing from a tablet still signed in.
        changed = await setCashierSessionsManage(trx, id, canManage, now);
        const [cashier] = await staffOf(trx, auth.merchantId, now, id);
        return { status: 200, body: { cashier } };
      });
      await forgetSessions(deps, changed);
      return response as never;
    },
  );
