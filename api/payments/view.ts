import { z } from '@hono/zod-openapi';
import { campaignRule, campaignRuleSelection, RULE_COLUMNS, type RuleColumn } from '../coupons/campaigns.js';
import { leastOrder, type CouponRule } from '../coupons/rules.js';
import { RuleOut } from '../coupons/schemas.js';
import type { CampaignRow, PaymentRow } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { MoneyOut } from '../money.js';
import { NOT_A_USE_HERE_REASONS, STALE_CODE_REASONS, USED_AFTER_SCAN, USED_HERE } from './scan-time.js';
import { DECLINE_DETAILS, DECLINE_REASONS, PAYMENT_STATUSES } from './states.js';

/** The public `payment` object of the HTTP contract (DESIGN.md), built from a stored row and a few names. */
export const PaymentSchema = z
  .object({
    id: z.string(),
    status: z.enum(PAYMENT_STATUSES),
    reason: z.enum(DECLINE_REASONS).nullable(),
    reasonDetail: z.enum(DECLINE_DETAILS).nullable(),
    amount: MoneyOut,
    deduction: MoneyOut,
    charged: MoneyOut,
    settlement: MoneyOut,
    refunded: MoneyOut,
    refundedCash: MoneyOut.openapi({ description: 'Of the refunds so far: the cash returned to the wallet (an extension of DESIGN.md\'s payment object)' }),
    refundedSubsidy: MoneyOut.openapi({ description: "Of the refunds so far: the platform's subsidy reversed. The shop keeps settlement − refundedCash − refundedSubsidy" }),
    couponId: z.string().nullable(),
    couponTitle: z.string().nullable(),
    couponRule: RuleOut.nullable().openapi({
      description:
        "The rule of the coupon's campaign, null when no coupon (an extension of DESIGN.md's payment object): a screen names the coupon by it in its reader's language when the title only restates it",
    }),
    couponShops: z
      .array(z.string())
      .nullable()
      .openapi({
        description:
          "Where the coupon can be used, by the shops' names, when it was refused at this one (reasonDetail WRONG_MERCHANT); null otherwise (an extension of DESIGN.md's payment object): both screens say where it works, so the customer knows to pay without it or pick another",
      }),
    couponMinimum: MoneyOut.nullable().openapi({
      description:
        "The least order the coupon is for, when it was refused as below it (reasonDetail BELOW_MINIMUM): the campaign's minimum spend or its threshold's, whichever is higher; null otherwise (an extension of DESIGN.md's payment object): the till says \"only on orders of ¥30.00 or more\", so the cashier can tell the customer what the coupon needs",
    }),
    campaignId: z.string().nullable(),
    funding: z.enum(['merchant', 'platform']).nullable(),
    merchantId: z.string(),
    merchantName: z.string(),
    cashierId: z.string(),
    cashierHandle: z.string().nullable().openapi({ description: "The handle of the cashier who took the sale (an extension of DESIGN.md's payment object); null only for a row whose cashier is not on file" }),
    customerId: z.string().nullable(),
    customerHandle: z.string().nullable(),
    shortBy: MoneyOut.nullable().openapi({
      description:
        "On a decline for a balance too low (INSUFFICIENT_FUNDS): how much more the customer's wallet needed for the charge (A − D) when it was declined (an extension of DESIGN.md's payment object); null otherwise. The shop is told it in the till's own answer to the charge (POST /payments, its batch, and their replays): the customer showed their code at its counter, and the cashier asks for the difference (\"¥40.00 short\"). Null in the shop's records (lists, a payment's detail, the event stream), where it would give any cashier the customer's balance for good; the customer's own views keep it",
    }),
    scannedAt: z.string(),
    settledAt: z.string(),
    paidInCash: z
      .object({ at: z.string(), note: z.string(), cashierId: z.string() })
      .nullable()
      .openapi({ description: 'A declined payment the customer then paid in cash at the counter (POST /payments/{id}/paid-in-cash); null otherwise' }),
    notPaid: z
      .object({
        at: z.string(),
        note: z.string(),
        cashierId: z.string(),
        cashierHandle: z.string().nullable(),
        zNumber: z.number().int().nullable().openapi({ description: 'The Z report that counts it, after which a manager can no longer take it back; null while no Z report has closed it' }),
      })
      .nullable()
      .openapi({
        description:
          "A declined payment the customer left without paying, noted so at the counter (POST /payments/{id}/not-paid): when, the cashier's note ('' for none), who, and the Z report that closed it; null otherwise. The shop's record: a customer is never answered it",
      }),
    notPaidTakenBack: z
      .array(
        z.object({
          at: z.string().openapi({ description: 'When it was noted as not paid' }),
          note: z.string(),
          cashierId: z.string(),
          cashierHandle: z.string().nullable(),
          takenBackAt: z.string(),
          takenBackBy: z.string().openapi({ description: "The manager's cashier id" }),
          takenBackByHandle: z.string().nullable(),
        }),
      )
      .openapi({
        description:
          "The payment's \"not paid\" notes a manager took back (DELETE /payments/{id}/not-paid), oldest first: when each was noted, by whom and with what note, and who took it back when, the newest 10 at most; [] for none. Counted in no figure; the shop's record, so a customer is answered []",
      }),
    codeUsedBy: z
      .object({
        paymentId: z.string(),
        status: z.enum(PAYMENT_STATUSES),
        amount: MoneyOut,
        settledAt: z.string(),
        paidInCash: z.boolean().openapi({ description: 'That payment was declined and then paid in cash at the counter' }),
      })
      .nullable()
      .openapi({
        description:
          "On a decline of a code already used up at this shop (reasonDetail USED_HERE): the shop's payment that used it up, so the counter can say the sale was most likely paid already (an extension of DESIGN.md's payment object); null otherwise",
      }),
  })
  .openapi('Payment');
export type PaymentView = z.infer<typeof PaymentSchema>;

export const RefundSchema = z
  .object({
    id: z.string(),
    paymentId: z.string(),
    amount: MoneyOut,
    cash: MoneyOut,
    subsidy: MoneyOut,
    createdAt: z.string(),
    couponReturned: z.boolean().openapi({ description: "This refund gave the payment's coupon back (a full refund while the coupon was valid); an extension of DESIGN.md's refund" }),
  })
  .openapi('Refund');

/**
 * A refund as GET /payments/{id} answers it: to the shop, also who gave it, which Today's detail says beside the
 * sale's own cashier (the reports count a refund for the cashier who gave it, and the list could not say who).
 */
export const PaymentRefundSchema = RefundSchema.extend({
  cashierHandle: z
    .string()
    .nullable()
    .optional()
    .openapi({ description: "The handle of the shop's cashier who gave the refund, in the shop's answer only (not the customer's); null only for a cashier not on file" }),
}).openapi('PaymentRefund');

/** A refund in the customer's wallet history: dated when it was made, with the shop and the payment it refunds. */
export const WalletRefundSchema = RefundSchema.extend({
  merchantName: z.string(),
  paymentSettledAt: z.string().openapi({ description: 'When the refunded payment was made' }),
  paymentAmount: MoneyOut.openapi({ description: 'The refunded payment\'s order amount (its A): what the history names it by when the coupon paid all of it and it took nothing' }),
  paymentCharged: MoneyOut.openapi({ description: 'What the refunded payment took from the wallet (its charged C)' }),
}).openapi('WalletRefund');

export interface PaymentNames {
  merchantName: string;
  cashierHandle: string | null;
  customerHandle: string | null;
  couponTitle: string | null;
  couponRule: CouponRule | null;
  /** The coupon's shops when it was refused at this one (withCouponShops); absent for any other payment. */
  couponShops?: string[] | null;
  /** The coupon's least order when it was refused as below it (withCouponMinimum); absent for any other payment. */
  couponMinimum?: { amount: number; currency: string } | null;
  /** From a cash settlement of a declined payment (paymentsWithNames); a payment just settled has none. */
  cashAt?: number | null;
  cashNote?: string | null;
  cashCashierId?: string | null;
  /** From a note that a declined payment was not paid (paymentsWithNames); a payment just settled has none. */
  notPaidAt?: number | null;
  notPaidNote?: string | null;
  notPaidCashierId?: string | null;
  notPaidCashierHandle?: string | null;
  notPaidZNumber?: number | null;
}

export function paymentView(row: PaymentRow, names: PaymentNames): PaymentView {
  const m = (amount: number) => ({ amount, currency: row.currency });
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    reasonDetail: row.reason_detail,
    amount: m(row.amount),
    deduction: m(row.deduction),
    charged: m(row.charged),
    settlement: m(row.settlement),
    refunded: m(row.refunded),
    refundedCash: m(row.refunded_cash),
    refundedSubsidy: m(row.refunded_subsidy),
    couponId: row.coupon_id,
    couponTitle: names.couponTitle,
    couponRule: names.couponRule,
    couponShops: names.couponShops ?? null,
    couponMinimum: names.couponMinimum ?? null,
    campaignId: row.campaign_id,
    funding: row.funding,
    merchantId: row.merchant_id,
    merchantName: names.merchantName,
    cashierId: row.cashier_id,
    cashierHandle: names.cashierHandle,
    customerId: row.customer_id,
    customerHandle: names.customerHandle,
    shortBy: row.short_by == null ? null : m(Number(row.short_by)),
    scannedAt: new Date(row.scanned_at).toISOString(),
    settledAt: new Date(row.settled_at).toISOString(),
    paidInCash:
      names.cashAt != null && names.cashNote != null && names.cashCashierId != null
        ? { at: new Date(Number(names.cashAt)).toISOString(), note: names.cashNote, cashierId: names.cashCashierId }
        : null,
    notPaid:
      names.notPaidAt != null && names.notPaidNote != null && names.notPaidCashierId != null
        ? {
            at: new Date(Number(names.notPaidAt)).toISOString(),
            note: names.notPaidNote,
            cashierId: names.notPaidCashierId,
            cashierHandle: names.notPaidCashierHandle ?? null,
            zNumber: names.notPaidZNumber == null ? null : Number(names.notPaidZNumber),
          }
        : null,
    notPaidTakenBack: [],
    codeUsedBy: null,
  };
}

export function refundView(
  row: { id: string; payment_id: string; amount: number; cash: number; subsidy: number; created_at: number; coupon_returned: number },
  currency: string,
) {
  const m = (amount: number) => ({ amount, currency });
  return {
    id: row.id,
    paymentId: row.payment_id,
    amount: m(row.amount),
    cash: m(row.cash),
    subsidy: m(row.subsidy),
    createdAt: new Date(row.created_at).toISOString(),
    couponReturned: Number(row.coupon_returned) === 1,
  };
}

/** Payments with their names, newest first; one query with joins, whatever the filter. */
export function paymentsWithNames(db: Executor) {
  return db
    .selectFrom('payments')
    .innerJoin('merchants', 'merchants.id', 'payments.merchant_id')
    .leftJoin('cashiers', 'cashiers.id', 'payments.cashier_id')
    .leftJoin('customers', 'customers.id', 'payments.customer_id')
    .leftJoin('campaigns', 'campaigns.id', 'payments.campaign_id')
    .leftJoin('cash_settlements', 'cash_settlements.payment_id', 'payments.id')
    .leftJoin('not_paid_declines', 'not_paid_declines.payment_id', 'payments.id')
    .leftJoin('cashiers as not_paid_by', 'not_paid_by.id', 'not_paid_declines.cashier_id')
    .selectAll('payments')
    .select([
      'merchants.name as merchantName',
      'cashiers.handle as cashierHandle',
      'customers.handle as customerHandle',
      'campaigns.title as couponTitle',
      ...campaignRuleSelection,
      'cash_settlements.created_at as cashAt',
      'cash_settlements.note as cashNote',
      'cash_settlements.cashier_id as cashCashierId',
      'not_paid_declines.created_at as notPaidAt',
      'not_paid_declines.note as notPaidNote',
      'not_paid_declines.cashier_id as notPaidCashierId',
      'not_paid_by.handle as notPaidCashierHandle',
      'not_paid_declines.z_number as notPaidZNumber',
    ]);
}

/**
 * A payment as its shop sees it. A code that was no longer live when the till scanned it (expired, put away, or
 * used before the scan) was not shown at this counter by its customer: whoever held it up had a screenshot or a
 * photo. Such a decline names no customer and no coupon to the shop, or anyone could learn who owns an old code
 * by holding it to any till. A used code that was live at the scan (USED_AFTER_SCAN: paid elsewhere while this
 * till was offline) keeps its customer, whom the shop may need to ask for the money; so does one used up at this
 * shop by a sale that named its customer (USED_HERE: read twice, or a screenshot of it shown again), whom the shop
 * knows already and may want to call back.
 */
export function forShop(view: PaymentView): PaymentView {
  if (hidesCustomerFromShop(view)) return { ...view, customerId: null, customerHandle: null, couponId: null, shortBy: null };
  return view;
}

/**
 * A payment in the shop's records (Today's list, a sale's detail, the live stream, the answers of cash and not-paid
 * notes): as forShop, without the shortfall. The till's own answer to the charge (POST /payments and its batch) says
 * by how much the wallet fell short, so the cashier can ask for the difference while the customer is there; kept in
 * the records, it would tell any cashier of the shop that customer's balance (amount − saving − shortfall) for good.
 */
export function forShopRecords(view: PaymentView): PaymentView {
  const shown = forShop(view);
  return shown.shortBy === null ? shown : { ...shown, shortBy: null };
}

/**
 * Whether this is a decline of a stale code (STALE_CODE_REASONS) whose customer the shop does not know otherwise.
 * It does when the code was live when this till scanned it (USED_AFTER_SCAN), or was used up at this shop by a
 * sale that named them (USED_HERE). The Day report's file (reports/day-payments.ts) names a decline's customer by it too.
 */
export function hidesCustomerFromShop(view: Pick<PaymentView, 'status' | 'reason' | 'reasonDetail'>): boolean {
  if (view.status !== 'declined') return false;
  const staleCode = (STALE_CODE_REASONS as readonly string[]).includes(view.reason ?? '');
  const shopKnowsCustomer = view.reasonDetail === USED_AFTER_SCAN || view.reasonDetail === USED_HERE;
  return staleCode && !shopKnowsCustomer;
}

/**
 * A payment as its customer sees it: the shop's cash record of a declined payment, its note that it went unpaid, and
 * the notes of that a manager took back are the shop's.
 */
export function forCustomer(view: PaymentView): PaymentView {
  return shopRecordsOf(view) ? { ...view, paidInCash: null, notPaid: null, notPaidTakenBack: [] } : view;
}

/** Whether the shop wrote anything of its own on this payment: cash for it, a "not paid", or one taken back. */
export function shopRecordsOf(view: PaymentView): boolean {
  // `?.`: an event sent through PostgreSQL by a process of the build before this field (a rolling deploy) has none.
  return view.paidInCash !== null || view.notPaid !== null || (view.notPaidTakenBack?.length ?? 0) > 0;
}

/** One payment as the API answers it, its declines explained (explainDeclines); undefined when there is none. */
export async function loadPaymentView(db: Executor, id: string): Promise<PaymentView | undefined> {
  const row = await paymentsWithNames(db).where('payments.id', '=', id).executeTakeFirst();
  return row && (await explainDeclines(db, [paymentView(row, namesOf(row))]))[0];
}

/**
 * The views, each decline with what the counter and the phone say about what to do next, which its row alone
 * cannot tell paymentView: where a coupon refused at this shop is valid (`couponShops`, withCouponShops), the least
 * order a coupon refused as below it is for (`couponMinimum`, withCouponMinimum), and the
 * shop's sale that already used the code (`codeUsedBy`, withPaymentThatUsedCode). The payment routes answer
 * every payment through here, so a decline reads the same however it is fetched (the charge, a batch, the list,
 * one payment, an event); each lookup is one query for the whole list, and none when no view needs it.
 */
export async function explainDeclines(db: Executor, views: PaymentView[]): Promise<PaymentView[]> {
  return withNotPaidTakenBack(db, await withPaymentThatUsedCode(db, await withCouponMinimum(db, await withCouponShops(db, views))));
}

/** At most this many notes taken back are in a payment's view, the newest (withNotPaidTakenBack). */
const NOT_PAID_TAKEN_BACK_SHOWN = 10;

/**
 * The views of declined payments with `notPaidTakenBack` filled in: each "not paid" a manager took back, with who
 * noted it, when and why, and who took it back when, oldest first, as Today's detail tells the owner. Only a declined
 * payment can be noted not paid, so only those are looked up, one query for the list.
 */
async function withNotPaidTakenBack(db: Executor, views: PaymentView[]): Promise<PaymentView[]> {
  const ids = views.filter((v) => v.status === 'declined').map((v) => v.id);
  if (ids.length === 0) return views;
  const rows = await db
    .selectFrom('not_paid_taken_back')
    .leftJoin('cashiers as noted_by', 'noted_by.id', 'not_paid_taken_back.cashier_id')
    .leftJoin('cashiers as taken_back_by', 'taken_back_by.id', 'not_paid_taken_back.taken_back_by')
    .where('not_paid_taken_back.payment_id', 'in', ids)
    .select([
      'not_paid_taken_back.payment_id',
      'not_paid_taken_back.created_at',
      'not_paid_taken_back.note',
      'not_paid_taken_back.cashier_id',
      'noted_by.handle as cashierHandle',
      'not_paid_taken_back.taken_back_at',
      'not_paid_taken_back.taken_back_by',
      'taken_back_by.handle as takenBackByHandle',
    ])
    .orderBy('not_paid_taken_back.taken_back_at')
    .orderBy('not_paid_taken_back.id')
    .execute();
  if (rows.length === 0) return views;
  return views.map((v) => {
    // The newest NOT_PAID_TAKEN_BACK_SHOWN: a sale noted and taken back over and over keeps its view (and its event,
    // which crosses processes only while small) bounded; the Day report's file lists every one.
    const mine = rows.filter((r) => r.payment_id === v.id).slice(-NOT_PAID_TAKEN_BACK_SHOWN);
    if (mine.length === 0) return v;
    const notPaidTakenBack = mine.map((r) => ({
      at: new Date(Number(r.created_at)).toISOString(),
      note: r.note,
      cashierId: r.cashier_id,
      cashierHandle: r.cashierHandle ?? null,
      takenBackAt: new Date(Number(r.taken_back_at)).toISOString(),
      takenBackBy: r.taken_back_by,
      takenBackByHandle: r.takenBackByHandle ?? null,
    }));
    return { ...v, notPaidTakenBack };
  });
}

/**
 * The views with `codeUsedBy` filled in on the declines of a code already used up at this shop (USED_HERE): the
 * shop's payment that used it up. Such a decline is the cashier reading the same code again, or being shown a
 * screenshot of it, so the sale is most likely paid already: the counter says when and for how much ("This code
 * already paid ¥23.50 at this shop, at 10:02"), and offers "Paid in cash" only when that sale was declined
 * and not paid in cash either: noted for a sale that was paid, the cash would take the money twice. The payment is
 * found as settle.ts codeUsedUpHere found it when it declined the code: same shop and code, settled at the instant
 * the code was marked used, and not declined for a reason in NOT_A_USE_HERE_REASONS (scan-time.ts). None found
 * leaves it null, and the decline reads as any used code's.
 */
async function withPaymentThatUsedCode(db: Executor, views: PaymentView[]): Promise<PaymentView[]> {
  const ids = views.filter((v) => v.reasonDetail === USED_HERE && v.codeUsedBy === null).map((v) => v.id);
  if (ids.length === 0) return views;
  const rows = await db
    .selectFrom('payments as declined')
    .innerJoin('paycodes', 'paycodes.code_hash', 'declined.code_hash')
    .innerJoin('payments as used', (join) =>
      join.onRef('used.code_hash', '=', 'declined.code_hash').onRef('used.merchant_id', '=', 'declined.merchant_id').onRef('used.settled_at', '=', 'paycodes.ended_at'),
    )
    .leftJoin('cash_settlements', 'cash_settlements.payment_id', 'used.id')
    .where('declined.id', 'in', ids)
    .whereRef('used.id', '<>', 'declined.id')
    .where((eb) => eb.or([eb('used.status', '<>', 'declined'), eb('used.reason', 'not in', NOT_A_USE_HERE_REASONS)]))
    .select(['declined.id as declinedId', 'used.id', 'used.status', 'used.amount', 'used.currency', 'used.settled_at', 'cash_settlements.id as cashId'])
    .orderBy('used.id')
    .execute();
  return views.map((v) => {
    const used = rows.find((r) => r.declinedId === v.id);
    if (!used) return v;
    const codeUsedBy = {
      paymentId: used.id,
      status: used.status,
      amount: { amount: Number(used.amount), currency: used.currency },
      settledAt: new Date(Number(used.settled_at)).toISOString(),
      paidInCash: used.cashId !== null,
    };
    return { ...v, codeUsedBy };
  });
}

/**
 * The views with `couponShops` filled in where a coupon was refused as not for this shop (WRONG_MERCHANT): the
 * names of its campaign's shops, one query for all of them. "Not valid at this shop" alone left the customer at
 * the counter not knowing where it is valid, nor so whether to pick another coupon or pay without one. Such a
 * campaign is never one for all shops (that one is valid everywhere), so it has its shops listed.
 */
async function withCouponShops(db: Executor, views: PaymentView[]): Promise<PaymentView[]> {
  const refusedHere = (v: PaymentView) => v.reasonDetail === 'WRONG_MERCHANT' && v.campaignId !== null && v.couponShops === null;
  const campaignIds = [...new Set(views.filter(refusedHere).map((v) => v.campaignId!))];
  if (campaignIds.length === 0) return views;
  const rows = await db
    .selectFrom('campaign_merchants')
    .innerJoin('merchants', 'merchants.id', 'campaign_merchants.merchant_id')
    .select(['campaign_merchants.campaign_id', 'merchants.name'])
    .where('campaign_merchants.campaign_id', 'in', campaignIds)
    .orderBy('merchants.name')
    .execute();
  return views.map((v) => (refusedHere(v) ? { ...v, couponShops: rows.filter((r) => r.campaign_id === v.campaignId).map((r) => r.name) } : v));
}

/**
 * The views with `couponMinimum` filled in where a coupon was refused as below its minimum spend (BELOW_MINIMUM): the
 * campaign's minimum spend or its threshold rule's, whichever is higher, as verify.ts judged it, one query for all of
 * them. "Order below the coupon's minimum spend" alone left the cashier unable to tell the customer how much the
 * coupon needs. A campaign's minimum spend and rule are fixed once it is made (its changes are its end, stock and
 * budget), so the figure read now is the one the payment was judged by.
 */
async function withCouponMinimum(db: Executor, views: PaymentView[]): Promise<PaymentView[]> {
  const belowIt = (v: PaymentView) => v.reasonDetail === 'BELOW_MINIMUM' && v.campaignId !== null && v.couponMinimum === null;
  const campaignIds = [...new Set(views.filter(belowIt).map((v) => v.campaignId!))];
  if (campaignIds.length === 0) return views;
  const rows = await db
    .selectFrom('campaigns')
    .select(['id', 'minimum_spend', ...RULE_COLUMNS])
    .where('id', 'in', campaignIds)
    .execute();
  const least = new Map(rows.map((r) => [r.id, leastOrder(r.minimum_spend === null ? null : Number(r.minimum_spend), campaignRule(r))]));
  return views.map((v) => {
    const minimum = belowIt(v) ? least.get(v.campaignId!) : undefined;
    return minimum ? { ...v, couponMinimum: { amount: minimum, currency: v.amount.currency } } : v;
  });
}

type RuleColumns = { [K in RuleColumn]: CampaignRow[K] | null };

/**
 * The names of a row of paymentsWithNames, its campaign's rule read from the joined columns. The payment row has
 * no rule columns of its own (its campaign's were joined under their own names), so they are the campaign's; a
 * campaign's rule never changes, so it is the rule the payment was judged by.
 */
export function namesOf<R extends Omit<PaymentNames, 'couponRule'> & RuleColumns>(row: R): PaymentNames {
  const { rule_kind, rule_off, rule_percent, rule_cap, rule_minimum } = row;
  return { ...row, couponRule: rule_kind === null ? null : campaignRule({ rule_kind, rule_off, rule_percent, rule_cap, rule_minimum }) };
}
