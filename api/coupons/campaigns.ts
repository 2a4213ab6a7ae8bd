import type { CampaignRow } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import type { CouponRule } from './rules.js';

/** Reading a campaign row as the domain sees it: a rule object instead of four nullable columns. */
export function campaignRule(row: Pick<CampaignRow, 'rule_kind' | 'rule_off' | 'rule_percent' | 'rule_cap' | 'rule_minimum'>): CouponRule {
  switch (row.rule_kind) {
    case 'fixed':
      return { kind: 'fixed', off: row.rule_off ?? 0 };
    case 'percent':
      return { kind: 'percent', percent: row.rule_percent ?? 0, cap: row.rule_cap };
    case 'threshold':
      return { kind: 'threshold', minimum: row.rule_minimum ?? 0, off: row.rule_off ?? 0 };
  }
}

export function ruleColumns(rule: CouponRule) {
  return {
    rule_kind: rule.kind,
    rule_off: rule.kind === 'percent' ? null : rule.off,
    rule_percent: rule.kind === 'percent' ? rule.percent : null,
    rule_cap: rule.kind === 'percent' ? rule.cap : null,
    rule_minimum: rule.kind === 'threshold' ? rule.minimum : null,
  };
}

/** The merchants a campaign is valid at (empty when it is valid everywhere). */
export async function campaignMerchantIds(db: Executor, campaignId: string): Promise<string[]> {
  const rows = await db.selectFrom('campaign_merchants').select('merchant_id').where('campaign_id', '=', campaignId).execute();
  return rows.map((r) => r.merchant_id);
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
  };
}
