import { createRoute, z } from '@hono/zod-openapi';
import { cashiersOnly, managersOnly, requireCashier, requireManager } from '../auth/sessions.js';
import type { Executor } from '../db/tx.js';
import { ApiError } from '../http/errors.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IsoTimeSchema, jsonBody, jsonResponse } from '../http/schemas.js';
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
 * figure holds. A tablet signed out cleanly ended its session, and is not named.
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
 * The shop's tablets that last said they hold something unsent, and those still signed in but silent (not heard from
 * for TABLET_SILENT_AFTER_MS), the latest heard first. A tablet holding some, signed out and not heard from for longer
 * than the offline window (`forgetAfterMs`) is no longer listed: whatever it holds is declined as too old when it is
 * sent, and shows on that tablet's own declined list then; a tablet wiped or put away holding some no longer warns at
 * every close for ever.
 */
export async function tabletsHoldingUnsent(db: Executor, merchantId: string, currency: string, now: number, forgetAfterMs: number) {
  const silentBefore = now - TABLET_SILENT_AFTER_MS;
  const forgottenBefore = now - forgetAfterMs;
  const rows = await db
    .selectFrom('tablet_unsent')
    .innerJoin('cashiers', 'cashiers.id', 'tablet_unsent.cashier_id')
    // The session that sent the last report, while it lives: signed out, expired, swept or its cashier removed, no row.
    .leftJoin('sessions', (j) =>
      j
        .onRef('sessions.token_hash', '=', 'tablet_unsent.session_hash')
        .on('sessions.revoked_at', 'is', null)
        .on('sessions.expires_at', '>', now)
        .on('cashiers.removed_at', 'is', null),
    )
    .select([
      'tablet_unsent.terminal_id',
      'cashiers.handle',
      'tablet_unsent.unsent_count',
      'tablet_unsent.unsent_amount',
      'tablet_unsent.oldest_queued_at',
      'tablet_unsent.heard_at',
      'sessions.token_hash as live_session',
    ])
    .where('tablet_unsent.merchant_id', '=', merchantId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('tablet_unsent.unsent_count', '>', 0),
          eb.or([eb('tablet_unsent.heard_at', '>', forgottenBefore), eb('sessions.token_hash', 'is not', null)]),
        ]),
        eb.and([eb('tablet_unsent.heard_at', '<=', silentBefore), eb('sessions.token_hash', 'is not', null)]),
      ]),
    )
    .orderBy('tablet_unsent.heard_at', 'desc')
    .orderBy('tablet_unsent.terminal_id')
    .limit(TABLETS_LISTED_MAX)
    .execute();
  const at = (ms: number | string) => new Date(Number(ms)).toISOString();
  return rows.map((r) => ({
    terminalId: r.terminal_id,
    handle: r.handle,
    count: Number(r.unsent_count),
    amount: { amount: Number(r.unsent_amount), currency },
    oldestQueuedAt: r.oldest_queued_at === null ? null : at(r.oldest_queued_at),
    heardAt: at(r.heard_at),
    silent: r.live_session !== null && Number(r.heard_at) <= silentBefore,
  }));
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
      summary: `The shop's tablets that last said they hold sales unsent, and those still signed in but not heard from for ${TABLET_SILENT_AFTER_MS / 60_000} minutes (\`silent\`), with when they were heard, the latest first (at most ${TABLETS_LISTED_MAX}). Managers: for the day's close`,
      security: bearer,
      middleware: [managersOnly],
      responses: { 200: jsonResponse('Tablets holding sales unsent, or silent', z.object({ tablets: z.array(TabletUnsentOut) })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { db, config, clock } = c.get('deps');
      return c.json({ tablets: await tabletsHoldingUnsent(db.kysely, auth.merchantId, config.currency, clock.now(), config.offlineWindowMs) }, 200);
    },
  );
