import { createRoute, z } from '@hono/zod-openapi';
import { customersOnly, managersOnly, requireCustomer, requireManager } from '../auth/sessions.js';
import { ApiError, notFound } from '../http/errors.js';
import { idempotent, merchantKeyScope } from '../http/idempotency.js';
import { pageOf } from '../http/paging.js';
import { createRouter } from '../http/router.js';
import { CampaignOut, CouponOut, GivenCouponOut, GrantedCouponOut } from './schemas.js';
import { bearer, errorResponses, HandleSchema, IdempotencyHeaders, IdSchema, IsoTimeSchema, jsonBody, jsonResponse, textLine, pageLimit, PAGE_LIMIT_MAX } from '../http/schemas.js';
import { AMOUNT_MAX_MINOR, CAMPAIGN_BUDGET_MAX_MINOR, MoneySchema } from '../money.js';
import { newId } from '../ids.js';
import { campaignPhase, campaignRule, campaignRuleSelection, campaignView, limitsMayChange, ruleColumns } from './campaigns.js';
import { ruleProblem } from './rules.js';
import { effectiveCouponState } from './states.js';
import { grantCoupon, returnCouponsRefundedWhileEnded } from './store.js';
import type { CampaignRow } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

/**
 * A campaign's limits (every field has one). The manager's form mirrors them (src/routes/cashier/manage/campaign-form.ts
 * TITLE_MAX, STOCK_MAX, PER_CUSTOMER_MAX), so that a manager reads them in words before the API refuses.
 * - the title is one line on a coupon card, a payment and a report;
 * - ten million coupons is more than one shop's campaign hands out, and keeps `issued` and a campaign's counts
 *   ordinary integers;
 * - a per-customer limit is there to be small: a thousand of one campaign's coupons is more than anyone holds.
 */
export const CAMPAIGN_TITLE_MAX = 80;
export const CAMPAIGN_STOCK_MAX = 10_000_000;
export const PER_CUSTOMER_LIMIT_MAX = 1000;

const Minor = z.number().int().min(1).max(AMOUNT_MAX_MINOR);
const RuleSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed'), off: Minor }).strict(),
    z.object({ kind: z.literal('percent'), percent: z.number().int().min(1).max(100), cap: Minor.nullable().optional() }).strict(),
    z.object({ kind: z.literal('threshold'), minimum: Minor, off: Minor }).strict(),
  ])
  .openapi('CouponRule');

export const CampaignBody = z
  .object({
    title: textLine(CAMPAIGN_TITLE_MAX),
    rule: RuleSchema,
    validFrom: IsoTimeSchema.optional(),
    validUntil: IsoTimeSchema,
    minimumSpend: MoneySchema.optional(),
    stock: z.number().int().min(1).max(CAMPAIGN_STOCK_MAX).optional(),
    perCustomerLimit: z.number().int().min(1).max(PER_CUSTOMER_LIMIT_MAX).optional(),
    budget: MoneySchema.optional(),
    /** Whether a customer may pass a coupon of this campaign on to a contact. */
    shareable: z.boolean().optional(),
  })
  .strict()
  .openapi('CampaignRequest');

/**
 * What a manager may change on a running campaign. Stock and budget only go up: lowering one could fall below
 * what a sale deciding at this moment counts on, and raising never can. The end may move either way (a
 * payment decided just before a new, earlier end was valid when it was decided).
 */
const CampaignChange = z
  .object({
    validUntil: IsoTimeSchema.optional(),
    stock: z.number().int().min(1).max(CAMPAIGN_STOCK_MAX).optional(),
    budget: MoneySchema.optional(),
  })
  .strict()
  .openapi('CampaignChange');

/** A page of coupons or campaigns: 200 by default and at most (a wallet rarely holds more than one page). */
const PageQuery = z.object({ limit: pageLimit(PAGE_LIMIT_MAX), before: IdSchema.optional() });
/** The latest coupons given away, listed for the sender. */
const GIVEN_LISTED_MAX = 200;

export const couponRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/coupons',
      tags: ['coupons'],
      summary: "The customer's coupons with their state now, newest first, one page at a time (and on the first, those given away)",
      security: bearer,
      middleware: [customersOnly],
      request: { query: PageQuery },
      responses: {
        200: jsonResponse('Coupons', z.object({ coupons: z.array(CouponOut), given: z.array(GivenCouponOut), next: z.string().nullable() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { limit, before } = c.req.valid('query');
      const { db, clock } = c.get('deps');
      const now = clock.now();
      let query = db.kysely
        .selectFrom('coupons')
        .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
        .select([
          'coupons.id',
          'coupons.state',
          'coupons.reserved_until',
          'coupons.campaign_id',
          'campaigns.title',
          'campaigns.funding',
          ...campaignRuleSelection,
          'campaigns.all_merchants',
          'campaigns.minimum_spend',
          'campaigns.valid_from',
          'campaigns.valid_until',
          'campaigns.currency',
          'campaigns.shareable',
        ])
        .where('coupons.customer_id', '=', auth.customerId)
        // Newest first by id (ids are time-ordered): a stable order a cursor can follow; the app sorts for display.
        .orderBy('coupons.id', 'desc')
        .limit(limit + 1);
      if (before) query = query.where('coupons.id', '<', before);
      const { rows, next } = pageOf(await query.execute(), limit);
      const scoped = rows.filter((r) => r.all_merchants !== 1).map((r) => r.campaign_id);
      const scopes = scoped.length
        ? await db.kysely
            .selectFrom('campaign_merchants')
            .innerJoin('merchants', 'merchants.id', 'campaign_merchants.merchant_id')
            .select(['campaign_merchants.campaign_id', 'merchants.id', 'merchants.name'])
            .where('campaign_merchants.campaign_id', 'in', scoped)
            .execute()
        : [];
      const sharedIds = rows.filter((r) => r.state === 'shared').map((r) => r.id);
      const openShares = sharedIds.length
        ? await db.kysely
            .selectFrom('coupon_shares')
            .select(['coupon_id', 'token'])
            .where('coupon_id', 'in', sharedIds)
            // Open offers only: neither claimed nor taken back (share-states.ts).
            .where('claimed_at', 'is', null)
            .where('revoked_at', 'is', null)
            .execute()
        : [];
      // Coupons this customer gave away: the sender still sees where they went (on the first page).
      const given = before
        ? []
        : await db.kysely
            .selectFrom('coupon_shares')
            .innerJoin('customers', 'customers.id', 'coupon_shares.to_customer_id')
            .innerJoin('coupons', 'coupons.id', 'coupon_shares.coupon_id')
            .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
            .select(['coupon_shares.coupon_id', 'coupon_shares.claimed_at', 'customers.handle', 'campaigns.title'])
            .select(campaignRuleSelection)
            .where('coupon_shares.from_customer_id', '=', auth.customerId)
            .where('coupon_shares.claimed_at', 'is not', null)
            .orderBy('coupon_shares.claimed_at', 'desc')
            .limit(GIVEN_LISTED_MAX)
            .execute();
      const coupons = rows.map((r) => {
        const state = effectiveCouponState(r, r.valid_until, now);
        return {
          id: r.id,
          campaignId: r.campaign_id,
          title: r.title,
          state,
          rule: campaignRule(r),
          funding: r.funding,
          merchants: r.all_merchants === 1 ? ('all' as const) : scopes.filter((s) => s.campaign_id === r.campaign_id).map((s) => ({ id: s.id, name: s.name })),
          minimumSpend: r.minimum_spend === null ? null : { amount: r.minimum_spend, currency: r.currency },
          validFrom: new Date(r.valid_from).toISOString(),
          validUntil: new Date(r.valid_until).toISOString(),
          reservedUntil: state === 'reserved' && r.reserved_until ? new Date(r.reserved_until).toISOString() : null,
          shareable: r.shareable === 1,
          shareToken: openShares.find((x) => x.coupon_id === r.id)?.token ?? null,
        };
      });
      return c.json(
        { coupons, given: given.map((g) => ({ couponId: g.coupon_id, title: g.title, rule: campaignRule(g), to: g.handle, claimedAt: new Date(g.claimed_at!).toISOString() })), next },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns',
      tags: ['coupons'],
      summary: 'A manager creates a campaign of their shop (merchant-funded, valid at their shop)',
      security: bearer,
      middleware: [managersOnly],
      request: { headers: IdempotencyHeaders, body: jsonBody(CampaignBody) },
      responses: { 201: jsonResponse('Created', z.object({ campaign: CampaignOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const body = c.req.valid('json');
      const { config, clock } = c.get('deps');
      for (const [field, m] of [['minimumSpend', body.minimumSpend], ['budget', body.budget]] as const) {
        if (m && m.currency !== config.currency) throw new ApiError(422, 'CURRENCY_MISMATCH', `This ledger keeps ${config.currency}.`, `${field}.currency`);
        if (m && (m.amount < 0 || m.amount > CAMPAIGN_BUDGET_MAX_MINOR)) throw new ApiError(422, 'AMOUNT_OUT_OF_RANGE', `${field} is out of range.`, `${field}.amount`);
      }
      const rule = body.rule.kind === 'percent' ? { ...body.rule, cap: body.rule.cap ?? null } : body.rule;
      const problem = ruleProblem(rule, body.minimumSpend?.amount ?? null, body.budget?.amount ?? null);
      if (problem) throw new ApiError(422, problem.code, problem.message, problem.field);
      return idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], body, async (trx) => {
        // Judged against the clock here, after a repeat was looked for: a retry of a campaign made yesterday
        // gets yesterday's answer, not a refusal because its start (by default, now) or its end has passed.
        const now = clock.now();
        const validFrom = body.validFrom ? Date.parse(body.validFrom) : now;
        const validUntil = Date.parse(body.validUntil);
        // A campaign over before it is made could never give a coupon; it is a date typed wrong. Judged first: with
        // no start given (the form's usual case) the start is now, and "must come after validFrom" named a start
        // the manager never typed.
        if (validUntil <= now) throw new ApiError(422, 'END_IN_PAST', 'This end has already passed; choose a later one.', 'validUntil');
        if (validUntil <= validFrom) throw new ApiError(400, 'INVALID_REQUEST', 'validUntil must come after validFrom.', 'validUntil');
        const id = newId('cmp', now);
        const row = {
          id,
          issuer_merchant_id: auth.merchantId,
          title: body.title,
          funding: 'merchant' as const,
          ...ruleColumns(rule),
          valid_from: validFrom,
          valid_until: validUntil,
          all_merchants: 0,
          minimum_spend: body.minimumSpend?.amount ?? null,
          stock: body.stock ?? null,
          issued: 0,
          per_customer_limit: body.perCustomerLimit ?? null,
          budget: body.budget?.amount ?? null,
          spent: 0,
          currency: config.currency,
          created_at: now,
          shareable: body.shareable ? 1 : 0,
          planned_from: null,
          planned_until: null,
        };
        await trx.insertInto('campaigns').values(row).execute();
        // A shop's own campaign is valid at that shop only: a merchant cannot spend at, or for, another shop.
        await trx.insertInto('campaign_merchants').values({ campaign_id: id, merchant_id: auth.merchantId }).execute();
        const merchant = await trx.selectFrom('merchants').select(['id', 'name']).where('id', '=', auth.merchantId).executeTakeFirstOrThrow();
        return { status: 201, body: { campaign: campaignView(row, [merchant]) } };
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns',
      tags: ['coupons'],
      summary: "A manager's campaigns (issued by their shop), newest first, one page at a time",
      security: bearer,
      middleware: [managersOnly],
      request: { query: PageQuery },
      responses: { 200: jsonResponse('Campaigns', z.object({ campaigns: z.array(CampaignOut), next: z.string().nullable() })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { limit, before } = c.req.valid('query');
      const { db } = c.get('deps');
      let query = db.kysely.selectFrom('campaigns').selectAll().where('issuer_merchant_id', '=', auth.merchantId).orderBy('id', 'desc').limit(limit + 1);
      if (before) query = query.where('id', '<', before);
      const { rows, next } = pageOf(await query.execute(), limit);
      const merchant = await db.kysely.selectFrom('merchants').select(['id', 'name']).where('id', '=', auth.merchantId).executeTakeFirstOrThrow();
      return c.json({ campaigns: rows.map((r) => campaignView(r, [merchant])), next }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/campaigns/{id}',
      tags: ['coupons'],
      summary: "Change a campaign of the manager's shop: move its end, raise its stock or its budget",
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders, body: jsonBody(CampaignChange) },
      responses: { 200: jsonResponse('Changed', z.object({ campaign: CampaignOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const { db, config, clock } = c.get('deps');
      if (body.validUntil === undefined && body.stock === undefined && body.budget === undefined) {
        throw new ApiError(400, 'INVALID_REQUEST', 'Nothing to change: send validUntil, stock or budget.');
      }
      if (body.budget && body.budget.currency !== config.currency) throw new ApiError(422, 'CURRENCY_MISMATCH', `This ledger keeps ${config.currency}.`, 'budget.currency');
      if (body.budget && body.budget.amount > CAMPAIGN_BUDGET_MAX_MINOR) throw new ApiError(422, 'AMOUNT_OUT_OF_RANGE', 'budget is out of range.', 'budget.amount');
      return idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { campaign: id, ...body }, async (trx) => {
        const row = await ownCampaign(trx, db.dialect, id, auth.merchantId);
        const now = clock.now();
        const change: Partial<Pick<CampaignRow, 'valid_until' | 'stock' | 'budget'>> = {};
        // Ended before it began: nothing of it changes, its end no more than its stock or budget (a raise was
        // taken, and the manager was told it was saved, for a campaign that can never give or use a coupon).
        if (!limitsMayChange(campaignPhase(row, now))) {
          throw new ApiError(409, 'CAMPAIGN_ENDED', 'This campaign was ended before it began: its end, stock and budget cannot change; make a new one.');
        }
        if (body.validUntil !== undefined) {
          const until = Date.parse(body.validUntil);
          if (until <= now) throw new ApiError(422, 'END_IN_PAST', 'The new end has already passed; to stop the campaign now, end it.', 'validUntil');
          if (until <= row.valid_from) throw new ApiError(400, 'INVALID_REQUEST', 'validUntil must come after validFrom.', 'validUntil');
          change.valid_until = until;
          if (row.valid_until <= now) await returnCouponsRefundedWhileEnded(trx, id, now);
        }
        if (body.stock !== undefined) {
          if (row.stock === null || body.stock < row.stock) {
            throw new ApiError(422, 'STOCK_NOT_RAISED', row.stock === null ? 'This campaign has no stock limit to raise.' : `Stock can only be raised (it is ${row.stock}).`, 'stock');
          }
          change.stock = body.stock;
        }
        if (body.budget !== undefined) {
          if (row.budget === null || body.budget.amount < row.budget) {
            throw new ApiError(422, 'BUDGET_NOT_RAISED', row.budget === null ? 'This campaign has no budget limit to raise.' : `The budget can only be raised (it is ${row.budget} minor units).`, 'budget.amount');
          }
          change.budget = body.budget.amount;
        }
        await trx.updateTable('campaigns').set(change).where('id', '=', id).execute();
        return { status: 200, body: { campaign: await ownCampaignView(trx, id, auth.merchantId) } };
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{id}/end',
      tags: ['coupons'],
      summary: "End a campaign of the manager's shop now: its unused coupons expire, its links and grants are refused",
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({}).strict()) },
      responses: { 200: jsonResponse('Ended', z.object({ campaign: CampaignOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const { db, clock } = c.get('deps');
      return idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { endCampaign: id }, async (trx) => {
        const row = await ownCampaign(trx, db.dialect, id, auth.merchantId);
        const now = clock.now();
        // Ended already: nothing moves. Not started yet: it ends before it began, so its start comes forward too
        // (a campaign never ends before it starts), and the period it was planned for is kept beside them for its
        // manager to read: "Cancelled on 5 Dec, before it started (planned 8 – 15 Dec)". A start at this very
        // moment counts as not started: start and end become the same instant all the same.
        if (row.valid_until > now) {
          const beforeStart = row.valid_from >= now;
          await trx
            .updateTable('campaigns')
            .set({
              valid_until: now,
              valid_from: Math.min(row.valid_from, now),
              ...(beforeStart ? { planned_from: row.valid_from, planned_until: row.valid_until } : {}),
            })
            .where('id', '=', id)
            .execute();
        }
        return { status: 200, body: { campaign: await ownCampaignView(trx, id, auth.merchantId) } };
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{id}/grants',
      tags: ['coupons'],
      summary: "Give a customer one coupon of the manager's campaign (stock and per-customer limit hold)",
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({ customer: HandleSchema }).strict()) },
      responses: { 201: jsonResponse('Granted', z.object({ coupon: GrantedCouponOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const { db, clock } = c.get('deps');
      const campaign = await db.kysely.selectFrom('campaigns').select(['issuer_merchant_id', 'title']).where('id', '=', id).executeTakeFirst();
      if (!campaign || campaign.issuer_merchant_id !== auth.merchantId) throw notFound('campaign');
      const customer = await db.kysely.selectFrom('customers').select('id').where('handle', '=', body.customer).executeTakeFirst();
      if (!customer) throw notFound('customer');
      return idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { id, ...body }, async (trx) => {
        const now = clock.now();
        const couponId = await grantCoupon(trx, db.dialect, { campaignId: id, customerId: customer.id, now });
        return { status: 201, body: { coupon: { id: couponId, campaignId: id, title: campaign.title, customer: body.customer, state: 'available' } } };
      }) as never;
    },
  );

/**
 * A campaign the manager's shop issued, read in the transaction that changes it; another shop's is not found. On
 * PostgreSQL the row is locked until the change commits, as a grant locks it (coupons/store.ts): two changes at
 * once, or a change and a grant, then follow one another instead of writing from the same old copy (a stock
 * raised twice at once would otherwise keep whichever write came last, even the lower one).
 */
async function ownCampaign(trx: Executor, dialect: 'sqlite' | 'postgres', id: string, merchantId: string): Promise<CampaignRow> {
  let query = trx.selectFrom('campaigns').selectAll().where('id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row || row.issuer_merchant_id !== merchantId) throw notFound('campaign');
  return row;
}

/** A shop's own campaign as changed, in the view GET /campaigns lists (valid at that shop only). */
async function ownCampaignView(trx: Executor, id: string, merchantId: string) {
  const row = await trx.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const merchant = await trx.selectFrom('merchants').select(['id', 'name']).where('id', '=', merchantId).executeTakeFirstOrThrow();
  return campaignView(row, [merchant]);
}
