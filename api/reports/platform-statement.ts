import { sql } from 'kysely';
import { campaignRule, campaignRuleSelection } from '../coupons/campaigns.js';
import type { CouponRule } from '../coupons/rules.js';
import type { Executor } from '../db/tx.js';

/**
 * The platform statement's figures (GET /reports/platform): what the platform funded for one shop over a window
 * of time, counted twice, from the payments' side and from the ledger's, so the two can be compared (the route
 * says `reconciled` when they agree). Amounts are minor units of the ledger's one currency.
 */
export interface PlatformStatementFigures {
  /** Payments that took money with a platform-funded coupon, settled in the window. */
  payments: number;
  /** Those payments' deductions: what the platform paid the shop for them. */
  subsidy: number;
  /** The platform's part given back to it by the shop's refunds made in the window (of any payment). */
  subsidyReturnedByRefunds: number;
  /**
   * Of that, what refunds of sales settled before the window gave back: their subsidy is in an earlier statement's
   * savings, not in this one's, so the statement lists it on a line of its own.
   */
  earlierSalesSubsidyReturned: number;
  /** How many refunds gave that back (those with subsidy), each listed apart from the period's payments. */
  earlierSalesRefunds: number;
  /** The ledger: subsidy transfers into the shop's account in the window, and refunds of subsidy out of it. */
  ledgerSubsidyIn: number;
  ledgerSubsidyOut: number;
}

/**
 * The sales a statement counts: those of `merchantId` that took money with a platform-funded coupon, settled in the
 * window. One place, so the figures, the campaigns and the rows count the same sales.
 */
function platformSales(db: Executor, merchantId: string, from: number, to: number) {
  return db
    .selectFrom('payments')
    .where('payments.merchant_id', '=', merchantId)
    .where('payments.funding', '=', 'platform')
    .where('payments.status', '<>', 'declined')
    .where('payments.settled_at', '>=', from)
    .where('payments.settled_at', '<', to);
}

/** The figures of `merchantId` for the instants `from` (included) to `to` (excluded). */
export async function platformStatementFigures(db: Executor, merchantId: string, from: number, to: number): Promise<PlatformStatementFigures> {
  // From the payments' side: deductions of platform-funded coupons, less the subsidy returned by refunds.
  const paid = await platformSales(db, merchantId, from, to)
    .select([sql<number>`coalesce(sum(deduction), 0)`.as('d'), sql<number>`count(*)`.as('n')])
    .executeTakeFirstOrThrow();
  const returned = await db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .select([
      sql<number>`coalesce(sum(refunds.subsidy), 0)`.as('s'),
      sql<number>`coalesce(sum(case when payments.settled_at < ${from} then refunds.subsidy else 0 end), 0)`.as('earlier'),
      sql<number>`coalesce(sum(case when payments.settled_at < ${from} and refunds.subsidy > 0 then 1 else 0 end), 0)`.as('earlierCount'),
    ])
    .where('refunds.merchant_id', '=', merchantId)
    .where('refunds.created_at', '>=', from)
    .where('refunds.created_at', '<', to)
    .executeTakeFirstOrThrow();
  // From the ledger's side: what actually moved between the platform's account and the shop's.
  const merchant = await db.selectFrom('merchants').select('account_id').where('id', '=', merchantId).executeTakeFirstOrThrow();
  const moved = await db
    .selectFrom('transfers')
    .select([
      sql<number>`coalesce(sum(case when kind = 'subsidy' and credit_account_id = ${merchant.account_id} then amount else 0 end), 0)`.as('in'),
      sql<number>`coalesce(sum(case when kind = 'refund_subsidy' and debit_account_id = ${merchant.account_id} then amount else 0 end), 0)`.as('out'),
    ])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where((eb) => eb.or([eb('credit_account_id', '=', merchant.account_id), eb('debit_account_id', '=', merchant.account_id)]))
    .executeTakeFirstOrThrow();
  return {
    payments: Number(paid.n),
    subsidy: Number(paid.d),
    subsidyReturnedByRefunds: Number(returned.s),
    earlierSalesSubsidyReturned: Number(returned.earlier),
    earlierSalesRefunds: Number(returned.earlierCount),
    ledgerSubsidyIn: Number(moved.in),
    ledgerSubsidyOut: Number(moved.out),
  };
}

/** A campaign as a statement names it: the screens and files name it by its rule when its title only restates it. */
export interface StatementCampaign {
  id: string;
  title: string;
  rule: CouponRule | null;
}

/**
 * A platform campaign's part of the statement: its uses by the period's sales and their savings (adding up, over the
 * campaigns, to `payments` and `subsidy`), and what the period's refunds gave back of its sales, of this period or
 * an earlier one (adding up to `subsidyReturnedByRefunds`): a campaign only an earlier sale used has 0 uses here.
 */
export interface StatementCampaignLine extends StatementCampaign {
  uses: number;
  saving: number;
  subsidyReturned: number;
}

/**
 * A payment the platform funded, settled in the period: what the platform pays for it (`saving`), and what the
 * period's refunds of it gave back (`subsidyReturned`; a refund after the period is the next statement's).
 */
export interface StatementPayment {
  id: string;
  settledAt: number;
  customer: string | null;
  campaign: StatementCampaign | null;
  amount: number;
  saving: number;
  subsidyReturned: number;
}

/** A refund made in the period of a platform-funded sale settled before it, which gave the platform back `subsidy`. */
export interface StatementEarlierRefund {
  paymentId: string;
  at: number;
  saleAt: number;
  customer: string | null;
  campaign: StatementCampaign | null;
  subsidy: number;
}

type CampaignColumns = { campaign_id: string | null; title: string | null; rule_kind: CouponRule['kind'] | null; rule_off: number | null; rule_percent: number | null; rule_cap: number | null; rule_minimum: number | null };

function campaignOf(row: CampaignColumns): StatementCampaign | null {
  if (row.campaign_id === null) return null;
  return { id: row.campaign_id, title: row.title ?? row.campaign_id, rule: row.rule_kind === null ? null : campaignRule({ ...row, rule_kind: row.rule_kind }) };
}

/**
 * The statement by campaign, in the order of their savings (largest first). Both queries go by an index that starts
 * with the shop and the time (payments_merchant_day, refunds_by_time), so a long month reads only its own rows.
 */
export async function platformStatementCampaigns(db: Executor, merchantId: string, from: number, to: number): Promise<StatementCampaignLine[]> {
  const used = await platformSales(db, merchantId, from, to)
    .leftJoin('campaigns', 'campaigns.id', 'payments.campaign_id')
    .select(['payments.campaign_id', 'campaigns.title', ...campaignRuleSelection, sql<number>`count(*)`.as('uses'), sql<number>`coalesce(sum(payments.deduction), 0)`.as('saving')])
    .groupBy(['payments.campaign_id', 'campaigns.title', ...campaignRuleSelection])
    .execute();
  const returned = await db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .leftJoin('campaigns', 'campaigns.id', 'payments.campaign_id')
    .where('refunds.merchant_id', '=', merchantId)
    .where('refunds.created_at', '>=', from)
    .where('refunds.created_at', '<', to)
    .where('refunds.subsidy', '>', 0)
    .select(['payments.campaign_id', 'campaigns.title', ...campaignRuleSelection, sql<number>`coalesce(sum(refunds.subsidy), 0)`.as('returned')])
    .groupBy(['payments.campaign_id', 'campaigns.title', ...campaignRuleSelection])
    .execute();
  const lines = new Map<string, StatementCampaignLine>();
  const line = (row: CampaignColumns) => {
    const key = row.campaign_id ?? '';
    let found = lines.get(key);
    if (!found) {
      const campaign = campaignOf(row) ?? { id: '', title: '', rule: null };
      found = { ...campaign, uses: 0, saving: 0, subsidyReturned: 0 };
      lines.set(key, found);
    }
    return found;
  };
  for (const u of used) {
    const l = line(u);
    l.uses += Number(u.uses);
    l.saving += Number(u.saving);
  }
  for (const r of returned) line(r).subsidyReturned += Number(r.returned);
  return [...lines.values()].sort((a, b) => b.saving - a.saving || b.subsidyReturned - a.subsidyReturned || a.title.localeCompare(b.title));
}

/**
 * The period's platform-funded payments in the order they were settled, each with the subsidy the period's refunds
 * of it gave back; at most `limit`. On payments_merchant_day: the shop's payments of the period, nothing older.
 */
export async function platformStatementPayments(db: Executor, merchantId: string, from: number, to: number, limit: number): Promise<StatementPayment[]> {
  const returned = sql<number>`(select coalesce(sum(r.subsidy), 0) from refunds r where r.payment_id = payments.id and r.created_at < ${to})`;
  const rows = await platformSales(db, merchantId, from, to)
    .leftJoin('customers', 'customers.id', 'payments.customer_id')
    .leftJoin('campaigns', 'campaigns.id', 'payments.campaign_id')
    .select([
      'payments.id',
      'payments.settled_at',
      'customers.handle as customer',
      'payments.campaign_id',
      'campaigns.title',
      ...campaignRuleSelection,
      'payments.amount',
      'payments.deduction',
      returned.as('returned'),
    ])
    .orderBy('payments.settled_at')
    .orderBy('payments.id')
    .limit(limit)
    .execute();
  return rows.map((p) => ({
    id: p.id,
    settledAt: Number(p.settled_at),
    customer: p.customer,
    campaign: campaignOf(p),
    amount: Number(p.amount),
    saving: Number(p.deduction),
    subsidyReturned: Number(p.returned),
  }));
}

/** The period's refunds of platform-funded sales from before it that gave subsidy back, in the order made; at most `limit`. */
export async function platformStatementEarlierRefunds(db: Executor, merchantId: string, from: number, to: number, limit: number): Promise<StatementEarlierRefund[]> {
  const rows = await db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .leftJoin('customers', 'customers.id', 'payments.customer_id')
    .leftJoin('campaigns', 'campaigns.id', 'payments.campaign_id')
    .where('refunds.merchant_id', '=', merchantId)
    .where('refunds.created_at', '>=', from)
    .where('refunds.created_at', '<', to)
    .where('payments.settled_at', '<', from)
    .where('refunds.subsidy', '>', 0)
    .select(['refunds.payment_id', 'refunds.created_at', 'payments.settled_at', 'customers.handle as customer', 'payments.campaign_id', 'campaigns.title', ...campaignRuleSelection, 'refunds.subsidy'])
    .orderBy('refunds.created_at')
    .orderBy('refunds.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    paymentId: r.payment_id,
    at: Number(r.created_at),
    saleAt: Number(r.settled_at),
    customer: r.customer,
    campaign: campaignOf(r),
    subsidy: Number(r.subsidy),
  }));
}

/** Everything a statement says, read together: its figures, its campaigns and its rows (at most `rows` of each list). */
export interface PlatformStatementRead {
  figures: PlatformStatementFigures;
  campaigns: StatementCampaignLine[];
  payments: StatementPayment[];
  earlierRefunds: StatementEarlierRefund[];
}

/**
 * One statement, read in one snapshot by the caller: its rows add up to its figures though sales commit meanwhile.
 * `rows`: how many of each list to read (the screen shows the first few, the file all).
 */
export async function readPlatformStatement(db: Executor, merchantId: string, from: number, to: number, rows: number): Promise<PlatformStatementRead> {
  return {
    figures: await platformStatementFigures(db, merchantId, from, to),
    campaigns: await platformStatementCampaigns(db, merchantId, from, to),
    payments: await platformStatementPayments(db, merchantId, from, to, rows),
    earlierRefunds: await platformStatementEarlierRefunds(db, merchantId, from, to, rows),
  };
}
