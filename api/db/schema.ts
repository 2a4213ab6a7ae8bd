/**
 * Table types for kysely. One schema for SQLite and PostgreSQL: ids are text, money and times are integers
 * (minor units; milliseconds since the epoch), flags are 0/1 integers, so both dialects read the same values.
 */
import type { Selectable } from 'kysely';
import type { CouponRule } from '../coupons/rules.js';
import type { DeclineDetail, DeclineReason, PaymentStatus } from '../payments/states.js';

export interface MerchantTable {
  id: string;
  handle: string;
  name: string;
  currency: string;
  account_id: string;
  offline_payment_max: number;
  offline_total_max: number;
  offline_count_max: number;
  /** The shop's own time zone (IANA), where its day starts; null: the server's TIME_ZONE (migration 0009). */
  time_zone: string | null;
  created_at: number;
}

export interface CashierTable {
  id: string;
  merchant_id: string;
  handle: string;
  pin_hash: string;
  can_manage: number;
  created_at: number;
  /** When a manager removed this cashier (they can no longer sign in); null while they work here. */
  removed_at: number | null;
}

export interface CustomerTable {
  id: string;
  handle: string;
  pin_hash: string;
  account_id: string;
  /** Bumped by every code issue; the UPDATE doubles as a row lock that serialises a customer's code issues. */
  paycode_seq: number;
  created_at: number;
}

export interface SessionTable {
  token_hash: string;
  role: 'customer' | 'cashier';
  customer_id: string | null;
  cashier_id: string | null;
  merchant_id: string | null;
  can_manage: number;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  /** Why it was revoked (auth/sessions.ts SessionEndReason); null while open, and on those revoked before it was kept. */
  end_reason: string | null;
}

export interface ThrottleTable {
  key: string;
  window_start: number;
  failures: number;
}

export interface AccountTable {
  id: string;
  kind: 'customer' | 'merchant' | 'platform' | 'external';
  owner_id: string | null;
  currency: string;
  /** Lowest balance allowed; null means no floor (only the external source, which mirrors money let in). */
  min_balance: number | null;
  balance: number;
  created_at: number;
}

export interface TransferTable {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  currency: string;
  kind: 'topup' | 'topup_reversal' | 'payment' | 'subsidy' | 'refund' | 'refund_subsidy' | 'funding' | 'test';
  payment_id: string | null;
  refund_id: string | null;
  created_at: number;
}

export interface IdempotencyTable {
  scope: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: string;
  created_at: number;
}

export interface CampaignTable {
  id: string;
  issuer_merchant_id: string | null;
  title: string;
  funding: 'merchant' | 'platform';
  /** The rule's kind (coupons/rules.ts): a new kind there is a new value here, and the switches on it fail to compile until they know it. */
  rule_kind: CouponRule['kind'];
  rule_off: number | null;
  rule_percent: number | null;
  rule_cap: number | null;
  rule_minimum: number | null;
  valid_from: number;
  valid_until: number;
  all_merchants: number;
  minimum_spend: number | null;
  stock: number | null;
  issued: number;
  per_customer_limit: number | null;
  budget: number | null;
  spent: number;
  currency: string;
  created_at: number;
  shareable: number;
  /**
   * The period a campaign ended before it began was planned for (its valid_from and valid_until are then both the
   * moment it was ended); null for every other campaign, and for one cancelled before these were kept.
   */
  planned_from: number | null;
  planned_until: number | null;
}

export interface CampaignMerchantTable {
  campaign_id: string;
  merchant_id: string;
}

export interface CouponTable {
  id: string;
  campaign_id: string;
  customer_id: string;
  state: 'available' | 'reserved' | 'redeemed' | 'expired' | 'shared';
  reserved_code_hash: string | null;
  reserved_until: number | null;
  redeemed_payment_id: string | null;
  granted_at: number;
  updated_at: number;
  source: 'grant' | 'claim' | 'share';
}

export interface PaycodeTable {
  code_hash: string;
  customer_id: string;
  coupon_id: string | null;
  created_at: number;
  expires_at: number;
  state: 'live' | 'used' | 'retired';
  /** When it stopped being live (used or retired); a queued offline scan before this time is still honoured. */
  ended_at: number | null;
}

export interface PaymentTable {
  id: string;
  merchant_id: string;
  cashier_id: string;
  terminal_id: string | null;
  terminal_seq: number | null;
  customer_id: string | null;
  code_hash: string | null;
  idempotency_key: string;
  request_hash: string;
  status: PaymentStatus;
  reason: DeclineReason | null;
  reason_detail: DeclineDetail | null;
  amount: number;
  deduction: number;
  charged: number;
  /** What the shop receives for this payment: C, plus D when the platform funds the coupon (payments/split.ts charge). */
  settlement: number;
  refunded: number;
  refunded_cash: number;
  refunded_subsidy: number;
  coupon_id: string | null;
  campaign_id: string | null;
  funding: 'merchant' | 'platform' | null;
  currency: string;
  scanned_at: number;
  settled_at: number;
  z_number: number | null;
  /** On a decline for a balance too low (INSUFFICIENT_FUNDS): what more the wallet needed, in minor units; null otherwise. */
  short_by: number | null;
}

export interface RefundTable {
  id: string;
  payment_id: string;
  cashier_id: string;
  amount: number;
  cash: number;
  subsidy: number;
  created_at: number;
  merchant_id: string | null;
  z_number: number | null;
  /** The payment's customer (migrations 0007), for the wallet's history; null only on rows the backfill found none for. */
  customer_id: string | null;
  /** 1 when this refund gave the payment's coupon back (migrations 0007). */
  coupon_returned: number;
}

/** A declined payment the customer paid in cash instead (migrations 0004; payments/cash.ts). Unrelated to `PaymentTable.settlement`. */
export interface CashSettlementTable {
  id: string;
  payment_id: string;
  merchant_id: string;
  cashier_id: string;
  amount: number;
  note: string;
  created_at: number;
  z_number: number | null;
}

/**
 * A declined payment the customer left without paying, taken off the counter's list as such (migration 0016,
 * payments/not-paid.ts). `note` may be '' (a busy counter need not say more than that the customer left).
 */
export interface NotPaidDeclineTable {
  id: string;
  payment_id: string;
  merchant_id: string;
  cashier_id: string;
  amount: number;
  note: string;
  created_at: number;
  z_number: number | null;
}

/**
 * A "not paid" a manager took back before a Z report closed it (migration 0018, payments/not-paid.ts): the note as it
 * was (its id, who noted it, when, the note), moved out of not_paid_declines, with who took it back and when.
 */
export interface NotPaidTakenBackTable {
  id: string;
  payment_id: string;
  merchant_id: string;
  cashier_id: string;
  amount: number;
  note: string;
  created_at: number;
  taken_back_at: number;
  /** The manager's cashier id. */
  taken_back_by: string;
}

/** Cash taken at a shop's counter and put on a customer's wallet (migration 0011, api/topups/counter.ts). */
export interface CounterTopUpTable {
  id: string;
  merchant_id: string;
  cashier_id: string;
  customer_id: string;
  /** The ledger's transfer (external funding -> the customer's wallet, kind `topup`) that put it there. */
  transfer_id: string;
  amount: number;
  created_at: number;
  z_number: number | null;
}

/** A counter top-up a manager took back, whole (migration 0012, api/topups/reversal.ts): at most one per top-up. */
export interface CounterTopUpReversalTable {
  id: string;
  topup_id: string;
  merchant_id: string;
  /** The manager who reversed it: the cash went back out of the drawer on their watch. */
  cashier_id: string;
  /** The ledger's transfer (the customer's wallet -> external funding, kind `topup_reversal`) that took it back. */
  transfer_id: string;
  amount: number;
  created_at: number;
  z_number: number | null;
}

export interface EventTicketTable {
  ticket_hash: string;
  session_hash: string;
  expires_at: number;
  used: number;
}

export interface ClaimLinkTable {
  token: string;
  campaign_id: string;
  merchant_id: string;
  claims: number;
  created_at: number;
  revoked_at: number | null;
}

export interface CouponShareTable {
  token: string;
  coupon_id: string;
  from_customer_id: string;
  to_customer_id: string | null;
  created_at: number;
  claimed_at: number | null;
  revoked_at: number | null;
}

export interface ZReportTable {
  id: string;
  merchant_id: string;
  number: number;
  previous_number: number | null;
  opened_at: number;
  closed_at: number;
  closed_by: string;
  figures: string;
}

/** What a tablet last said it holds unsent in its offline outbox (migration 0015; reports/tablet-unsent.ts). */
export interface TabletUnsentTable {
  merchant_id: string;
  terminal_id: string;
  /** The cashier signed in on the tablet when it said so. */
  cashier_id: string;
  /** The tablet's own number for the report: only a higher one replaces it. */
  sequence: number;
  unsent_count: number;
  unsent_amount: number;
  /** When the oldest of those sales was taken (its scan); null when none. */
  oldest_queued_at: number | null;
  /** When the server heard it (its clock). */
  heard_at: number;
  /** The session that sent it (sessions.token_hash); null on rows kept before migration 0017. */
  session_hash: string | null;
  /** When a manager forgot the tablet (it is gone): unlisted until it reports again (migration 0019); null: not forgotten. */
  forgotten_at: number | null;
}

export interface Database {
  merchants: MerchantTable;
  cashiers: CashierTable;
  customers: CustomerTable;
  sessions: SessionTable;
  throttles: ThrottleTable;
  accounts: AccountTable;
  transfers: TransferTable;
  idempotency_keys: IdempotencyTable;
  campaigns: CampaignTable;
  campaign_merchants: CampaignMerchantTable;
  coupons: CouponTable;
  paycodes: PaycodeTable;
  payments: PaymentTable;
  refunds: RefundTable;
  cash_settlements: CashSettlementTable;
  not_paid_declines: NotPaidDeclineTable;
  not_paid_taken_back: NotPaidTakenBackTable;
  counter_topups: CounterTopUpTable;
  counter_topup_reversals: CounterTopUpReversalTable;
  event_tickets: EventTicketTable;
  claim_links: ClaimLinkTable;
  coupon_shares: CouponShareTable;
  z_reports: ZReportTable;
  tablet_unsent: TabletUnsentTable;
}

export type PaymentRow = Selectable<PaymentTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type PaycodeRow = Selectable<PaycodeTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type AccountRow = Selectable<AccountTable>;
