import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { cashiersOnly, managersOnly, requireCashier, requireManager } from '../auth/sessions.js';
import type { Executor } from '../db/tx.js';
import { ApiError, notFound } from '../http/errors.js';
import { idempotent, merchantKeyScope } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, IsoTimeSchema, jsonBody, jsonResponse } from '../http/schemas.js';
import { AMOUNT_MAX_MINOR, MoneyOut, MoneySchema } from '../money.js';

/**
 * What each tablet of a shop still holds unsent in its offline outbox, as it last said. The server cannot know of a
 * sale queued on a tablet that has not come back online: without this, a manager closing the day saw only what their
 * own tablet held, and closed short without knowing why. A tablet tells (PUT) its whole current state whenever it is
 * online and its outbox changes, at sign-in, and now and then while it holds some; the server keeps the last word
 * of each tablet with the time it heard it, and the manager's Today and close say it ("held 3 sales, ¥45.00, unsent
 * when last heard at 12:03"). It is what the tablet said, never a figure of the day: those sales count once sent.
 *
 * A report is a PUT of a state, so sending it again changes nothing; the tablet numbers its reports (`sequence`, its
 * own count, kept with its outbox), and only a higher number replaces the stored one, so a report that arrives late
 * never puts back an older state. The pair (tablet, sequence) is the report's idempotency key: the same pair with
 * another state is refused (409), as a reused Idempotency-Key is.
 *
 * A tablet that went offline cannot say what it takes there, so the server also keeps, with each report, the session
 * that sent it. A signed-in tablet reports every few minutes even when it holds nothing (a heartbeat, each a new
 * reading with its own sequence); one not heard from for TABLET_SILENT_AFTER_MS while its session is still live (not
 * signed out, not expired, its cashier not removed) is listed as `silent`: it may be taking sales offline that no
 * figure holds. A tablet signed out cleanly ended its session, and is not named. One whose session ran out (not
 * signed out) may hold sales taken offline before that, which it could not send since: it is named with when its
 * sign-in ran out (`signInRanOutAt`) if it had gone silent before then or last said it holds some, until the offline
 * window has passed since (a cashier's session row is kept that long: coupons/store.ts sweepExpiredRows).
 *
 * A manager who knows a tablet is gone (broken, lost, wiped) forgets it (DELETE): its row stays, with its sequence,
 * marked forgotten and unlisted, so a report that arrives late cannot bring it back; the tablet's next report, a
 * higher number, is kept as any other and names it again.
 */

/** At most this many tablets are listed, the latest heard first: a shop has a handful; the rest are old ids. */
export const TABLETS_LISTED_MAX = 50;
/** A tablet holds at most a few hundred queued sales (the shop's offline count limit); this bounds a report. */
export const UNSENT_COUNT_MAX = 100_000;
/**
 * A signed-in tablet not heard from for this long is called silent. It reports every 5 minutes while online
 * (UNSENT_REPORT_REFRESH_MS in src/lib/offline/unsent-report.ts): 12 minutes is two missed reports and 2 minutes
 * of slack for a slow network and a browser that runs a hidden page's timers late (up to once a minute), so a tablet
 * on the network is never called silent, and one that went offline is within a quarter of an hour.
 */
export const TABLET_SILENT_AFTER_MS = 12 * 60_000;

const TerminalIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'a terminal id');

export const UnsentReportIn = z
  .object({
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({ description: "The tablet's own number for this report: only a higher one replaces the one stored" }),
    count: z.number().int().min(0).max(UNSENT_COUNT_MAX).openapi({ description: 'Sales the tablet holds unsent (queued or being sent) for this shop' }),
    amount: MoneySchema.openapi({ description: 'Their amounts, summed' }),
    oldestQueuedAt: IsoTimeSchema.nullable().openapi({ description: 'When the oldest of them was taken (its scan); null with none' }),
  })
  .strict();
type UnsentReportIn = z.infer<typeof UnsentReportIn>;

export const TabletUnsentOut = z
  .object({
    terminalId: z.string(),
    handle: z.string().openapi({ description: 'The cashier signed in on the tablet when it said so' }),
    count: z.number().int(),
    amount: MoneyOut,
    oldestQueuedAt: z.string().nullable(),
    heardAt: z.string().openapi({ description: 'When the server heard it (ISO 8601)' }),
    silent: z.boolean().openapi({
      description: `True: still signed in (the session that sent this is live), but not heard from for ${TABLET_SILENT_AFTER_MS / 60_000} minutes or more; it may be offline, taking sales no figure holds. Listed so even when its last word was count 0`,
    }),
    signInRanOutAt: z.string().nullable().openapi({
      description: `When the sign-in that sent this ran out (expired, not signed out), while the tablet may hold sales taken offline before then; null otherwise. Listed so even with count 0 when it was not heard from for ${TABLET_SILENT_AFTER_MS / 60_000} minutes or more before then`,
    }),
  })
  .openapi('TabletUnsent');

/** A report must make sense before it is kept: the shop's currency, and n sales of 1 … AMOUNT_MAX_MINOR each. */
function checkReport(body: UnsentReportIn, currency: string): void {
  if (body.amount.currency !== currency) throw new ApiError(422, 'CURRENCY_MISMATCH', `This ledger keeps ${currency}.`, 'amount.currency');
  const { count } = body;
  const amount = body.amount.amount;
  if (amount < count || amount > count * AMOUNT_MAX_MINOR) {
    const range = count === 0 ? 'nothing' : `${count} to ${count * AMOUNT_MAX_MINOR} minor units`;
    throw new ApiError(422, 'AMOUNT_OUT_OF_RANGE', `${count} unsent sale${count === 1 ? '' : 's'} add up to ${range}.`, 'amount.amount');
  }
  if (body.oldestQueuedAt !== null && !Number.isSafeInteger(Date.parse(body.oldestQueuedAt))) {
    throw new ApiError(400, 'INVALID_REQUEST', 'oldestQueuedAt: not a time this server can read.', 'oldestQueuedAt');
  }
  if ((count === 0) !== (body.oldestQueuedAt === null)) {
    throw new ApiError(422, 'OLDEST_MISMATCH', count === 0 ? 'With no sale unsent there is no oldest one.' : 'Say when the oldest unsent sale was taken.', 'oldestQueuedAt');
  }
}

/**
 * Keeps the report unless the tablet said something later already: one statement, so two reports racing each other
 * (two tabs of the tablet) leave the higher number whichever commits last. Returns the row as stored after it.
 */
export async function keepUnsentReport(
  db: Executor,
  input: { merchantId: string; cashierId: string; sessionHash: string; terminalId: string; now: number; report: UnsentReportIn },
) {
  const { report } = input;
  const values = {
    merchant_id: input.merchantId,
    terminal_id: input.terminalId,
    cashier_id: input.cashierId,
    sequence: report.sequence,
    unsent_count: report.count,
    unsent_amount: report.amount.amount,
    oldest_queued_at: report.oldestQueuedAt === null ? null : Date.parse(report.oldestQueuedAt),
    heard_at: input.now,
    session_hash: input.sessionHash,
    // A report is the tablet back: one a manager had forgotten is named again (a higher sequence only, below).
    forgotten_at: null,
  };
  await db
    .insertInto('tablet_unsent')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['merchant_id', 'terminal_id'])
        .doUpdateSet((eb) => ({
          cashier_id: eb.ref('excluded.cashier_id'),
          sequence: eb.ref('excluded.sequence'),
          unsent_count: eb.ref('excluded.unsent_count'),
          unsent_amount: eb.ref('excluded.unsent_amount'),
          oldest_queued_at: eb.ref('excluded.oldest_queued_at'),
          heard_at: eb.ref('excluded.heard_at'),
          session_hash: eb.ref('excluded.session_hash'),
          forgotten_at: eb.ref('excluded.forgotten_at'),
        }))
        .where((eb) => eb('tablet_unsent.sequence', '<', eb.ref('excluded.sequence'))),
    )
    .execute();
  const stored = await db
    .selectFrom('tablet_unsent')
    .selectAll()
    .where('merchant_id', '=', input.merchantId)
    .where('terminal_id', '=', input.terminalId)
    .executeTakeFirstOrThrow();
  const sequence = Number(stored.sequence);
  if (sequence === report.sequence) {
    const same =
      Number(stored.unsent_count) === values.unsent_count &&
      Number(stored.unsent_amount) === values.unsent_amount &&
      (stored.oldest_queued_at === null ? null : Number(stored.oldest_queued_at)) === values.oldest_queued_at;
    if (!same) throw new ApiError(409, 'SEQUENCE_REUSED', `This tablet's report ${sequence} said something else; number each report anew.`, 'sequence');
  }
  return { sequence, current: sequence === report.sequence };
}

/**
 * The shop's tablets that last said they hold something unsent, those still signed in but silent (not heard from
 * for TABLET_SILENT_AFTER_MS), and those whose sign-in ran out while silent or holding some, the latest heard first;
 * none a manager forgot. A tablet holding some, signed out and not heard from for longer than the offline window
 * (`forgetAfterMs`) is no longer listed, nor one whose sign-in ran out longer ago than that: whatever it holds is
 * declined as too old when it is sent, and shows on that tablet's own declined list then; a tablet wiped or put away
 * holding some no longer warns at every close for ever.
 */
export async function tabletsHoldingUnsent(db: Executor, merchantId: string, currency: string, now: number, forgetAfterMs: number) {
  const silentBefore = now - TABLET_SILENT_AFTER_MS;
  const forgottenBefore = now - forgetAfterMs;
  const rows = await db
    .selectFrom('tablet_unsent')
    .innerJoin('cashiers', 'cashiers.id', 'tablet_unsent.cashier_id')
    // The session that sent the last report, while its row is kept (a cashier's: the offline window past its end).
    .leftJoin('sessions', 'sessions.token_hash', 'tablet_unsent.session_hash')
    .select([
      'tablet_unsent.terminal_id',
      'cashiers.handle',
      'cashiers.removed_at',
      'tablet_unsent.unsent_count',
      'tablet_unsent.unsent_amount',
      'tablet_unsent.oldest_queued_at',
      'tablet_unsent.heard_at',
      'sessions.revoked_at',
      'sessions.expires_at',
    ])
    .where('tablet_unsent.merchant_id', '=', merchantId)
    .where('tablet_unsent.forgotten_at', 'is', null)
    .where((eb) => {
      // Live: not signed out, not expired, its cashier not removed (a removal signs out their open sessions).
      const live = eb.and([eb('sessions.revoked_at', 'is', null), eb('sessions.expires_at', '>', now), eb('cashiers.removed_at', 'is', null)]);
      // Ran out: expired without being signed out, less than the offline window ago. A removal signs out only live
      // sessions, so one removed after its sign-in ran out still holds what it held: not asked.
      const ranOut = eb.and([eb('sessions.revoked_at', 'is', null), eb('sessions.expires_at', '<=', now), eb('sessions.expires_at', '>', forgottenBefore)]);
      return eb.or([
        eb.and([eb('tablet_unsent.unsent_count', '>', 0), eb.or([eb('tablet_unsent.heard_at', '>', forgottenBefore), live, ranOut])]),
        eb.and([eb('tablet_unsent.heard_at', '<=', silentBefore), live]),
        eb.and([ranOut, eb('tablet_unsent.heard_at', '<=', eb('sessions.expires_at', '-', TABLET_SILENT_AFTER_MS))]),
      ]);
    })
    .orderBy('tablet_unsent.heard_at', 'desc')
    .orderBy('tablet_unsent.terminal_id')
    .limit(TABLETS_LISTED_MAX)
    .execute();
  const at = (ms: number | string) => new Date(Number(ms)).toISOString();
  return rows.map((r) => {
    // The same tests as the WHERE's `live` and `ranOut`, on the row read (no session row: neither).
    const expiresAt = r.expires_at === null ? null : Number(r.expires_at);
    const live = expiresAt !== null && r.revoked_at === null && expiresAt > now && r.removed_at === null;
    const ranOut = expiresAt !== null && r.revoked_at === null && expiresAt <= now && expiresAt > forgottenBefore;
    return {
      terminalId: r.terminal_id,
      handle: r.handle,
      count: Number(r.unsent_count),
      amount: { amount: Number(r.unsent_amount), currency },
      oldestQueuedAt: r.oldest_queued_at === null ? null : at(r.oldest_queued_at),
      heardAt: at(r.heard_at),
      silent: live && Number(r.heard_at) <= silentBefore,
      signInRanOutAt: ranOut ? at(expiresAt) : null,
    };
  });
}

/**
 * A manager says a tablet is gone: it is no longer named, until it reports again. Marks the shop's row forgotten
 * (kept, with its sequence, so a report arriving late cannot bring it back); one forgotten already stays as it was.
 * 404 when the shop has no row for that tablet.
 */
export async function forgetTablet(db: Executor, input: { merchantId: string; terminalId: string; now: number }): Promise<number> {
  // One statement, so a report from the tablet landing between a write and a read cannot leave nothing to answer.
  const row = await db
    .updateTable('tablet_unsent')
    .set({ forgotten_at: sql<number>`coalesce(forgotten_at, ${input.now})` })
    .where('merchant_id', '=', input.merchantId)
    .where('terminal_id', '=', input.terminalId)
    .returning('forgotten_at')
    .executeTakeFirst();
  if (!row || row.forgotten_at === null) throw notFound('tablet of this shop');
  return Number(row.forgotten_at);
}

export const tabletUnsentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/tablets/{terminalId}/unsent',
      tags: ['reports'],
      summary:
        "What this tablet holds unsent in its offline outbox now (its whole state: count, total, oldest). Kept unless the tablet said something later already (a higher `sequence`); the same sequence again changes nothing, so no Idempotency-Key is needed",
      security: bearer,
      middleware: [cashiersOnly],
      request: { params: z.object({ terminalId: TerminalIdSchema }), body: jsonBody(UnsentReportIn) },
      responses: {
        200: jsonResponse(
          'Kept, or a later report of this tablet kept already',
          z.object({
            sequence: z.number().int().openapi({ description: 'The number of the report the server keeps for this tablet now' }),
            current: z.boolean().openapi({ description: 'False: the server keeps a later report of this tablet; this one came late' }),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { terminalId } = c.req.valid('param');
      const report = c.req.valid('json');
      const { db, config, clock } = c.get('deps');
      checkReport(report, config.currency);
      const kept = await keepUnsentReport(db.kysely, {
        merchantId: auth.merchantId,
        cashierId: auth.cashierId,
        sessionHash: auth.tokenHash,
        terminalId,
        now: clock.now(),
        report,
      });
      return c.json(kept, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tablets/unsent',
      tags: ['reports'],
      summary: `The shop's tablets that last said they hold sales unsent, those still signed in but not heard from for ${TABLET_SILENT_AFTER_MS / 60_000} minutes (\`silent\`), and those whose sign-in ran out while silent or holding some (\`signInRanOutAt\`), with when they were heard, the latest first (at most ${TABLETS_LISTED_MAX}); none a manager forgot until it reports again. Managers: for the day's close`,
      security: bearer,
      middleware: [managersOnly],
      responses: { 200: jsonResponse('Tablets holding sales unsent, or silent', z.object({ tablets: z.array(TabletUnsentOut) })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { db, config, clock } = c.get('deps');
      return c.json({ tablets: await tabletsHoldingUnsent(db.kysely, auth.merchantId, config.currency, clock.now(), config.offlineWindowMs) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/tablets/{terminalId}/unsent',
      tags: ['reports'],
      summary:
        'Forget a tablet that is gone (broken, lost, wiped; managers of its shop): it is no longer named in GET /tablets/unsent, and the sales it held, if any, are in no figure. Its next report names it again. Forgetting one forgotten already changes nothing',
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ terminalId: TerminalIdSchema }), headers: IdempotencyHeaders },
      responses: {
        200: jsonResponse('Forgotten', z.object({ terminalId: z.string(), forgottenAt: z.string().openapi({ description: 'When it was forgotten (ISO 8601)' }) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { terminalId } = c.req.valid('param');
      const { clock } = c.get('deps');
      // Keyed as every change to the shop's records: a repeat after a lost answer replays "forgotten".
      return (await idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { terminalId }, async (trx) => {
        const at = await forgetTablet(trx, { merchantId: auth.merchantId, terminalId, now: clock.now() });
        return { status: 200, body: { terminalId, forgottenAt: new Date(at).toISOString() } };
      })) as never;
    },
  );
