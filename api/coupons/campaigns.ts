import type { CampaignRow } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { notFound } from '../http/errors.js';
import type { CouponRule } from './rules.js';

/**
 * The columns a campaign keeps its rule in: ruleColumns writes them, campaignRule reads them, and every query that
 * reads a rule selects them through this list (campaignRuleSelection), so a column a new kind of rule needs is
 * added here once, not in each query.
 */
export const RULE_COLUMNS = ['rule_kind', 'rule_off', 'rule_percent', 'rule_cap', 'rule_minimum'] as const;
export type RuleColumn = (typeof RULE_COLUMNS)[number];
/** RULE_COLUMNS as selected from the `campaigns` table in a join. */
export const campaignRuleSelection = RULE_COLUMNS.map((column) => `campaigns.${column}` as const);

/** Reading a campaign row as the domain sees it: a rule object instead of its nullable rule columns. */
export function campaignRule(row: Pick<CampaignRow, RuleColumn>): CouponRule {
  switch (row.rule_kind) {
    case 'fixed':
      return { kind: 'fixed', off: row.rule_off ?? 0 };
    case 'percent':
      return { kind: 'percent', percent: row.rule_percent ?? 0, cap: row.rule_cap };
    case 'threshold':
      return { kind: 'threshold', minimum: row.rule_minimum ?? 0, off: row.rule_off ?? 0 };
  }
}

/**
 * Writing a rule into its columns: a switch with a declared return type, so a new kind of rule fails the type check
 * here until its columns are written (a chain of `rule.kind === 'percent' ? … : null` compiled, and dropped a new
 * kind's cap without a word).
 */
export function ruleColumns(rule: CouponRule): Pick<CampaignRow, RuleColumn> {
  const none = { rule_off: null, rule_percent: null, rule_cap: null, rule_minimum: null };
  switch (rule.kind) {
    case 'fixed':
      return { ...none, rule_kind: 'fixed', rule_off: rule.off };
    case 'percent':
      return { ...none, rule_kind: 'percent', rule_percent: rule.percent, rule_cap: rule.cap };
    case 'threshold':
      return { ...none, rule_kind: 'threshold', rule_off: rule.off, rule_minimum: rule.minimum };
  }
}

/** The merchants a campaign is valid at (empty when it is valid everywhere). */
export async function campaignMerchantIds(db: Executor, campaignId: string): Promise<string[]> {
  const rows = await db.selectFrom('campaign_merchants').select('merchant_id').where('campaign_id', '=', campaignId).execute();
  return rows.map((r) => r.merchant_id);
}

/**
 * The period a campaign ended before it began was planned for, or null: both columns are kept together when it is
 * ended (routes.ts, POST /campaigns/{id}/end), so one without the other is a broken row, not a campaign.
 */
export function plannedPeriod(row: Pick<CampaignRow, 'planned_from' | 'planned_until'>): { validFrom: string; validUntil: string } | null {
  if (row.planned_from === null && row.planned_until === null) return null;
  if (row.planned_from === null || row.planned_until === null || row.planned_until <= row.planned_from) {
    throw new Error(`a campaign's planned period is broken: ${row.planned_from} – ${row.planned_until}`);
  }
  return { validFrom: new Date(row.planned_from).toISOString(), validUntil: new Date(row.planned_until).toISOString() };
}

/**
 * Where a campaign stands for a change of its limits (PATCH /campaigns/{id}), from its dates alone (sold out and
 * budget used up are what a raise is for, so they do not count here):
 *   notStarted, running  everything may change: the end moves either way, stock and budget go up;
 *   ended                it ran and is over (its end passed, or it was ended once it had started): a later end
 *                        reopens it, and a stock or budget raised meanwhile holds once it is reopened;
 *   cancelled            ended before it began (routes.ts, POST /campaigns/{id}/end brings its start forward to
 *                        the end, so start and end are one instant, which no campaign made has): nothing changes.
 *                        A new end would start it at once, not when it was planned, and a larger stock or budget
 *                        would never be used; a new campaign is made instead.
 */
export type CampaignPhase = 'notStarted' | 'running' | 'ended' | 'cancelled';

export function campaignPhase(row: Pick<CampaignRow, 'valid_from' | 'valid_until'>, now: number): CampaignPhase {
  if (row.valid_until <= now) return row.valid_from === row.valid_until ? 'cancelled' : 'ended';
  return row.valid_from > now ? 'notStarted' : 'running';
}

/** Whether a campaign in `phase` takes a change of its end, stock or budget (campaignPhase says why). */
export function limitsMayChange(phase: CampaignPhase): boolean {
  return phase !== 'cancelled';
}

export function campaignView(row: CampaignRow, merchants: { id: string; name: string }[] | 'all') {
  const iso = (ms: number) => new Date(ms).toISOString();
  const m = (amount: number | null) => (amount === null ? null : { amount, currency: row.currency });
  return {
    id: row.id,
    title: row.title,
    issuerMerchantId: row.issuer_merchant_id,
    funding: row.funding,
    rule: campaignRule(row),
    merchants,
    validFrom: iso(row.valid_from),
    validUntil: iso(row.valid_until),
    minimumSpend: m(row.minimum_spend),
    stock: row.stock,
    issued: row.issued,
    perCustomerLimit: row.per_customer_limit,
    budget: m(row.budget),
    spent: { amount: row.spent, currency: row.currency },
    shareable: row.shareable === 1,
    planned: plannedPeriod(row),
  };
}

/** A campaign its manager's shop issued; any other (or none) is 404, so a shop learns nothing of another's. */
export async function shopCampaign(db: Executor, campaignId: string, merchantId: string) {
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', campaignId).executeTakeFirst();
  if (!campaign || campaign.issuer_merchant_id !== merchantId) throw notFound('campaign');
  return campaign;
}

/** A campaign as a customer is offered it (claim links, shares) and as its page heads it: no budget, no counts. */
export async function campaignSummary(db: Executor, campaignId: string) {
  const c = await db.selectFrom('campaigns').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
  const merchants =
    c.all_merchants === 1
      ? ('all' as const)
      : await db
          .selectFrom('campaign_merchants')
          .innerJoin('merchants', 'merchants.id', 'campaign_merchants.merchant_id')
          .select(['merchants.id', 'merchants.name'])
          .where('campaign_merchants.campaign_id', '=', campaignId)
          .execute();
  return {
    id: c.id,
    title: c.title,
    rule: campaignRule(c),
    funding: c.funding,
    merchants,
    validFrom: new Date(c.valid_from).toISOString(),
    validUntil: new Date(c.valid_until).toISOString(),
    minimumSpend: c.minimum_spend === null ? null : { amount: c.minimum_spend, currency: c.currency },
    currency: c.currency,
    remaining: c.stock === null ? null : Math.max(0, c.stock - c.issued),
    shareable: c.shareable === 1,
  };
}
