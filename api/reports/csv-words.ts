import type { DeclineDetail, DeclineReason } from '../payments/states.js';

/**
 * The words of the reports' CSV files, in the languages the app speaks. A figure has the name it has on the
 * screens and their print views (src/lib/i18n/en-manage.ts and zh-manage.ts, `fig.*`), so the owner and their
 * accountant read one name for one amount; tests/api/report-csv.test.ts holds the two to each other.
 * Only words are translated: amounts, counts, dates and ids stay as a spreadsheet reads them.
 */
export const CSV_LANGS = ['en', 'zh'] as const;
export type CsvLang = (typeof CSV_LANGS)[number];

/** A report's figures, each with the name the screens give it. */
export type FigureName =
  | 'count'
  | 'declined'
  | 'amount'
  | 'deduction'
  | 'deductionMerchant'
  | 'deductionPlatform'
  | 'charged'
  | 'settlement'
  | 'refundCount'
  | 'refunded'
  | 'refundedEarlierPeriod'
  | 'refundedEarlierDay'
  | 'paidBack'
  | 'refundedCash'
  | 'refundedSubsidy'
  | 'net'
  | 'paidInCashCount'
  | 'paidInCash'
  | 'paidInCashEarlierPeriod'
  | 'paidInCashEarlierDay'
  | 'topUpCount'
  | 'topUps'
  | 'topUpReversalCount'
  | 'topUpsReversed'
  | 'tillCash'
  | 'tillCashDay'
  | 'notPaidCount'
  | 'notPaid'
  | 'queuedCount'
  | 'queued';

/**
 * A coupon rule in words, as the screens say it (src/lib/i18n/en.ts and zh.ts, `rule.*`); money already written
 * (short: "¥20"), a percent as the number off and as its 折 rate.
 */
export interface RuleWords {
  fixed: (off: string) => string;
  percent: (percent: number, rate: string) => string;
  percentCap: (percent: number, rate: string, cap: string) => string;
  free: string;
  freeCap: (cap: string) => string;
  threshold: (off: string, minimum: string) => string;
}

/** The figures of "By cashier", a column each after the cashier's name: what the screens' By cashier gives. */
export type CashierColumn =
  | 'count'
  | 'amount'
  | 'deduction'
  | 'charged'
  | 'refundCount'
  | 'paidBack'
  | 'paidInCashCount'
  | 'paidInCash'
  | 'topUpCount'
  | 'topUps'
  | 'topUpReversalCount'
  | 'topUpsReversed'
  | 'tillCash'
  | 'declined'
  | 'notPaidCount'
  | 'notPaid';

export interface CsvWords {
  /** The locale its amounts are written in inside words (a campaign's rule: "¥20"). */
  locale: string;
  rule: RuleWords;
  report: string;
  xReport: string;
  zReport: (n: number) => string;
  dayReport: string;
  /** The period report (a span of shop days, GET /reports/period): its name, its last day, and its list of days. */
  periodReport: string;
  periodTo: string;
  byDay: string;
  currency: string;
  timeZone: string;
  periodFrom: string;
  shopOpened: string;
  day: string;
  closedAt: string;
  takenAt: string;
  closedBy: string;
  figure: string;
  valueMinor: string;
  valueMajor: (currency: string) => string;
  figures: Record<FigureName, string>;
  byCampaign: string;
  /** A campaign's line: its title, its uses, how many of them were refunded in full since, and who pays for its savings. */
  campaign: (title: string, count: number, refundedCount: number, funding: 'platform' | 'merchant') => string;
  fundedBy: (funding: 'platform' | 'merchant') => string;
  /** The Day report's list of payments: its columns (money ones followed by the currency), and a payment's status. */
  columns: Record<DayColumn, string>;
  withCurrency: (heading: string, currency: string) => string;
  status: Record<'succeeded' | 'partially_refunded' | 'refunded', string>;
  shop: string;
  platform: string;
  /** A refund made on the day of a sale made on an earlier day (`date`, the sale's): listed after the day's payments. */
  earlierRefund: (date: string) => string;
  /**
   * The Day report's sales a tablet took offline on one day that reached the server on another (offline-days.ts):
   * those of an earlier day counted on this one, and those of this day counted on a later one.
   */
  offlineEarlier: (count: number) => string;
  offlineLater: (count: number) => string;
  /** The list stopped at its maximum; the figures above it still count every payment. */
  listCut: (shown: number) => string;
  /**
   * The Day report's list of the day's declined payments: its title, the headings of what the sale asked, why it
   * was declined and what the shop noted of it, and those notes (paid in cash, not paid, or none).
   */
  declinedList: { title: string; asked: string; reason: string; noted: string; paidInCash: string; notPaid: string; nothingNoted: string };
  /**
   * Why a payment was declined, as the screens say it (src/lib/i18n/en.ts and zh.ts `decline.*`, phrases.ts
   * describeDecline): a reason, or its detail in its place (a coupon's refusal; on CODE_USED, a code paid elsewhere
   * after the scan, or used up at this shop, en-cashier.ts `charge.usedHere`), followed by the refused coupon's name.
   */
  declineReasons: Record<DeclineReason, string>;
  declineDetails: Record<DeclineDetail, string>;
  withCoupon: (reason: string, coupon: string) => string;
  /** The Day report's list of declined payments paid in cash that day: the amount's heading, and the cashier's note. */
  paidInCashColumn: string;
  note: string;
  /** The Day report's list of declined sales noted that day as not paid (the customer left): the amount's heading. */
  notPaidColumn: string;
  /**
   * The Day report's list of "not paid" notes a manager took back that day: its title (saying they are in no figure),
   * and the headings of who took it back, the amount it had written off, and when and by whom it was noted.
   */
  notPaidTakenBack: { title: string; by: string; amount: string; notedAt: string; notedBy: string };
  /**
   * The Day report's list of cash top-ups and their reversals made that day: the columns naming the top-up, what the
   * row is (a top-up, or the reversal of one made at `at`), and its cash (in, or paid back out when negative).
   */
  topUpColumn: string;
  entryColumn: string;
  cashColumn: string;
  topUpEntry: string;
  reversalEntry: (at: string) => string;
  /**
   * "By cashier": its heading and the rule it counts by, or, in the file of a cashier who cannot manage (who is
   * given only their own line, as on screen), "Your figures" and its rule; then a column each.
   */
  byCashier: string;
  byCashierRule: string;
  yourFigures: string;
  yourFiguresRule: string;
  cashier: string;
  cashierRemoved: (handle: string) => string;
  cashierColumns: Record<CashierColumn, string>;
}

/** The Day report's payment list, a column each. */
export type DayColumn =
  | 'time'
  | 'takenOffline'
  | 'payment'
  | 'customer'
  | 'cashier'
  | 'status'
  | 'amount'
  | 'saving'
  | 'savingPaidBy'
  | 'campaign'
  | 'charged'
  | 'settlement'
  | 'refunded'
  | 'paidBack'
  | 'refundedBy'
  | 'kept';

const en: CsvWords = {
  locale: 'en-GB',
  rule: {
    fixed: (off) => `${off} off`,
    percent: (percent) => `${percent}% off`,
    percentCap: (percent, _rate, cap) => `${percent}% off, at most ${cap}`,
    free: '100% off',
    freeCap: (cap) => `100% off, at most ${cap}`,
    threshold: (off, minimum) => `${off} off orders of ${minimum} or more`,
  },
  report: 'Report',
  xReport: 'X report',
  zReport: (n) => `Z report No. ${n}`,
  dayReport: 'Day report',
  periodReport: 'Period report',
  periodTo: 'Period to',
  byDay: 'By day',
  currency: 'Currency',
  timeZone: 'Time zone',
  periodFrom: 'Period from',
  shopOpened: 'Since the shop opened',
  day: 'Day',
  closedAt: 'Closed at',
  takenAt: 'Taken at',
  closedBy: 'Closed by',
  figure: 'Figure',
  valueMinor: 'Value (minor units)',
  valueMajor: (currency) => `Value (${currency})`,
  figures: {
    count: 'Payments',
    declined: 'Declined',
    amount: 'Sales (before coupons)',
    deduction: 'Coupon savings',
    deductionMerchant: 'Savings paid by the shop',
    deductionPlatform: 'Savings paid by the platform',
    charged: 'Customers paid',
    settlement: 'Shop receives',
    refundCount: 'Refunds',
    refunded: 'Sales refunded',
    refundedEarlierPeriod: 'Of which sales made before this period',
    refundedEarlierDay: 'Of which sales made on an earlier day',
    paidBack: 'Paid back by refunds',
    refundedCash: 'Back to customers',
    refundedSubsidy: 'Platform’s savings returned',
    net: 'Shop keeps after refunds',
    paidInCashCount: 'Paid in cash after a decline (payments)',
    paidInCash: 'Paid in cash after a decline',
    paidInCashEarlierPeriod: 'Of which for sales made before this period',
    paidInCashEarlierDay: 'Of which for sales made on an earlier day',
    topUpCount: 'Top-ups in cash (top-ups)',
    topUps: 'Top-ups in cash',
    topUpReversalCount: 'Top-ups reversed (top-ups)',
    topUpsReversed: 'Top-ups reversed (cash paid back)',
    // What the period put in the till: cash for declined sales and for top-ups, less the top-ups paid back.
    tillCash: 'Cash in the till from this period',
    tillCashDay: 'Cash in the till from this day',
    // Declined sales the customer left without paying: no cash, counted apart so the till still balances.
    notPaidCount: 'Not paid after a decline: customer left (payments)',
    notPaid: 'Not paid after a decline: customer left',
    queuedCount: 'Offline, not yet sent at close (payments)',
    queued: 'Offline, not yet sent at close',
  },
  byCampaign: 'Savings by campaign',
  campaign: (title, count, refunded, funding) =>
    `${en.byCampaign}: ${title} (${count} ${count === 1 ? 'use' : 'uses'}${refunded ? `, ${refunded} refunded in full` : ''}; ${en.fundedBy(funding)})`,
  fundedBy: (funding) => `Paid by: ${funding === 'platform' ? 'Platform' : 'Shop'}`,
  columns: {
    time: 'Time',
    takenOffline: 'Taken offline at',
    payment: 'Payment',
    customer: 'Customer',
    cashier: 'Cashier',
    status: 'Status',
    amount: 'Amount',
    saving: 'Coupon saving',
    savingPaidBy: 'Paid by',
    campaign: 'Campaign',
    charged: 'Customer paid',
    settlement: 'Shop receives',
    refunded: 'Sales refunded on this day',
    paidBack: 'Paid back by refunds on this day',
    refundedBy: 'Refunded by',
    kept: 'Shop keeps after refunds',
  },
  withCurrency: (heading, currency) => `${heading} (${currency})`,
  status: { succeeded: 'Paid', partially_refunded: 'Part refunded', refunded: 'Refunded' },
  shop: 'Shop',
  platform: 'Platform',
  earlierRefund: (date) => `Refund of a sale of ${date}`,
  offlineEarlier: (count) => `Sales taken offline on an earlier day, counted on this one (${count})`,
  offlineLater: (count) => `Sales taken offline on this day, counted on a later day (${count}; not in the figures above)`,
  listCut: (shown) => `Only the first ${shown} payments are listed; the figures above count them all.`,
  declinedList: {
    title: 'Declined (nothing charged)',
    asked: 'Amount asked',
    reason: 'Why declined',
    noted: 'Noted by the day’s end',
    paidInCash: 'Paid in cash afterwards',
    notPaid: 'Not paid: customer left',
    nothingNoted: 'Nothing noted',
  },
  declineReasons: {
    CODE_UNKNOWN: 'That is not a live payment code.',
    CODE_EXPIRED: 'This code was put away, replaced or expired on the customer’s phone.',
    CODE_USED: 'That code was already used.',
    COUPON_NOT_APPLICABLE: 'The coupon can’t be used on this order.',
    INSUFFICIENT_FUNDS: 'Balance too low for this amount.',
    OFFLINE_WINDOW_PASSED: 'The code was scanned too long ago to be accepted.',
    OFFLINE_PAYMENT_CAP: 'The code had ended before this sale reached the server, and the sale is over the shop’s offline limit for one payment.',
  },
  declineDetails: {
    BELOW_MINIMUM: 'Order below the coupon’s minimum spend.',
    NO_DEDUCTION: 'The order is too small for this coupon to take anything off, so it was not used up.',
    WRONG_MERCHANT: 'The coupon is not valid at this shop.',
    NOT_YET_VALID: 'The coupon is not valid yet.',
    EXPIRED: 'The coupon has expired.',
    BUDGET_EXHAUSTED: 'The coupon’s campaign has run out of budget.',
    NOT_OWNER: 'The coupon belongs to someone else.',
    NOT_AVAILABLE: 'The coupon is no longer available.',
    USED_AFTER_SCAN: 'The customer paid with this code somewhere else after it was scanned here.',
    USED_HERE: 'This code was already used at this shop.',
  },
  withCoupon: (reason, coupon) => `${reason} (${coupon})`,
  paidInCashColumn: 'Paid in cash',
  note: 'Note',
  notPaidColumn: 'Written off (not in the till)',
  notPaidTakenBack: {
    title: '“Not paid” taken back (in none of the figures above)',
    by: 'Taken back by',
    amount: 'Had written off',
    notedAt: 'Noted not paid at',
    notedBy: 'Noted by',
  },
  topUpColumn: 'Top-up',
  entryColumn: 'What',
  cashColumn: 'Cash in the till',
  topUpEntry: 'Top-up in cash',
  reversalEntry: (at) => `Reversal of the top-up of ${at}`,
  byCashier: 'By cashier',
  byCashierRule: 'A refund counts for the cashier who gave it, not who made the sale.',
  yourFigures: 'Your figures',
  yourFiguresRule: 'Only your own sales, and the refunds you gave (whoever made the sale).',
  cashier: 'Cashier',
  cashierRemoved: (handle) => `${handle} (removed)`,
  cashierColumns: {
    count: 'Payments',
    amount: 'Sales (before coupons)',
    deduction: 'Coupon savings',
    charged: 'Customers paid',
    refundCount: 'Paid back by refunds given (refunds)',
    paidBack: 'Paid back by refunds given',
    paidInCashCount: 'Paid in cash after a decline (payments)',
    paidInCash: 'Paid in cash after a decline',
    topUpCount: 'Top-ups in cash (top-ups)',
    topUps: 'Top-ups in cash',
    topUpReversalCount: 'Top-ups reversed (top-ups)',
    topUpsReversed: 'Top-ups reversed (cash paid back)',
    tillCash: 'Cash in the till',
    declined: 'Declined',
    notPaidCount: 'Not paid after a decline: customer left (payments)',
    notPaid: 'Not paid after a decline: customer left',
  },
};

const zh: CsvWords = {
  locale: 'zh-CN',
  rule: {
    fixed: (off) => `立减${off}`,
    percent: (_percent, rate) => `${rate}折`,
    percentCap: (_percent, rate, cap) => `${rate}折，最多减${cap}`,
    free: '全额减免',
    freeCap: (cap) => `全额减免，最多减${cap}`,
    threshold: (off, minimum) => `满${minimum}减${off}`,
  },
  report: '报表',
  xReport: 'X 报表',
  zReport: (n) => `Z 报表 第 ${n} 号`,
  dayReport: '日报',
  periodReport: '期间报表',
  periodTo: '截止',
  byDay: '按日',
  currency: '币种',
  timeZone: '时区',
  periodFrom: '起始',
  shopOpened: '自开店起',
  day: '日期',
  closedAt: '日结时间',
  takenAt: '生成时间',
  closedBy: '日结人',
  figure: '项目',
  valueMinor: '数值（最小货币单位）',
  valueMajor: (currency) => `数值（${currency}）`,
  figures: {
    count: '收款笔数',
    declined: '被拒笔数',
    amount: '销售额（未扣优惠）',
    deduction: '优惠金额',
    deductionMerchant: '商户承担的优惠',
    deductionPlatform: '平台承担的优惠',
    charged: '顾客实付',
    settlement: '商户实收',
    refundCount: '退款笔数',
    refunded: '退款销售额',
    refundedEarlierPeriod: '其中为本期之前的销售',
    refundedEarlierDay: '其中为此前日期的销售',
    paidBack: '退款支出',
    refundedCash: '退给顾客',
    refundedSubsidy: '退回平台优惠',
    net: '退款后商户实收',
    paidInCashCount: '拒付后以现金收款（笔数）',
    paidInCash: '拒付后以现金收款',
    paidInCashEarlierPeriod: '其中为本期之前的销售收取',
    paidInCashEarlierDay: '其中为此前日期的销售收取',
    topUpCount: '现金充值（笔数）',
    topUps: '现金充值',
    topUpReversalCount: '已撤销充值（笔数）',
    topUpsReversed: '已撤销充值（退还现金）',
    tillCash: '本期钱箱现金',
    tillCashDay: '本日钱箱现金',
    notPaidCount: '拒付后未付款，顾客已离开（笔数）',
    notPaid: '拒付后未付款，顾客已离开',
    queuedCount: '日结时未发送的离线收款（笔数）',
    queued: '日结时未发送的离线收款',
  },
  byCampaign: '按优惠活动',
  campaign: (title, count, refunded, funding) =>
    `${zh.byCampaign}：${title}（使用 ${count} 次${refunded ? `，其中 ${refunded} 笔已全额退款` : ''}；${zh.fundedBy(funding)}）`,
  fundedBy: (funding) => `承担方：${funding === 'platform' ? '平台' : '商户'}`,
  columns: {
    time: '时间',
    takenOffline: '离线收款时间',
    payment: '付款单号',
    customer: '顾客',
    cashier: '收银员',
    status: '状态',
    amount: '订单金额',
    saving: '优惠',
    savingPaidBy: '承担方',
    campaign: '活动',
    charged: '顾客实付',
    settlement: '商户实收',
    refunded: '当日退款销售额',
    paidBack: '当日退款支出',
    refundedBy: '退款办理人',
    kept: '退款后商户实收',
  },
  withCurrency: (heading, currency) => `${heading}（${currency}）`,
  status: { succeeded: '已付款', partially_refunded: '部分退款', refunded: '已退款' },
  shop: '商户',
  platform: '平台',
  earlierRefund: (date) => `退款（${date} 的销售）`,
  offlineEarlier: (count) => `此前日期离线收款、计入本日的销售（${count} 笔）`,
  offlineLater: (count) => `本日离线收款、计入之后日期的销售（${count} 笔，不含在以上数字中）`,
  listCut: (shown) => `仅列出前 ${shown} 笔收款；上方数据计入全部收款。`,
  declinedList: {
    title: '被拒的收款（未扣款）',
    asked: '应付金额',
    reason: '拒付原因',
    noted: '当日结束时的记录',
    paidInCash: '随后已现金支付',
    notPaid: '未付款：顾客已离开',
    nothingNoted: '无记录',
  },
  declineReasons: {
    CODE_UNKNOWN: '这不是有效的付款码。',
    CODE_EXPIRED: '此付款码已在顾客手机上收起、换新或过期。',
    CODE_USED: '付款码已被使用。',
    COUPON_NOT_APPLICABLE: '该优惠券不适用于本单。',
    INSUFFICIENT_FUNDS: '余额不足。',
    OFFLINE_WINDOW_PASSED: '扫码时间过久，无法受理。',
    OFFLINE_PAYMENT_CAP: '这笔交易送达服务器时付款码已失效，且金额超过本店离线单笔上限。',
  },
  declineDetails: {
    BELOW_MINIMUM: '订单金额未达到优惠券的最低消费。',
    NO_DEDUCTION: '订单金额过小，该优惠券减免不了任何金额，因此未被使用。',
    WRONG_MERCHANT: '该优惠券不能在本店使用。',
    NOT_YET_VALID: '该优惠券尚未生效。',
    EXPIRED: '该优惠券已过期。',
    BUDGET_EXHAUSTED: '该优惠活动的预算已用完。',
    NOT_OWNER: '该优惠券不属于此顾客。',
    NOT_AVAILABLE: '该优惠券已不可用。',
    USED_AFTER_SCAN: '此付款码在本店扫码后已在别处付款。',
    USED_HERE: '此付款码已在本店使用过。',
  },
  withCoupon: (reason, coupon) => `${reason}（${coupon}）`,
  paidInCashColumn: '现金收款',
  note: '备注',
  notPaidColumn: '核销金额（不在钱箱中）',
  notPaidTakenBack: {
    title: '已撤回的“未付款”（不计入以上任何数字）',
    by: '撤回人',
    amount: '原核销金额',
    notedAt: '记为未付款时间',
    notedBy: '记录人',
  },
  topUpColumn: '充值单号',
  entryColumn: '类型',
  cashColumn: '钱箱现金',
  topUpEntry: '现金充值',
  reversalEntry: (at) => `撤销 ${at} 的充值`,
  byCashier: '按收银员',
  byCashierRule: '退款计入办理退款的收银员，而非收款的收银员。',
  yourFigures: '我的数据',
  yourFiguresRule: '仅含你本人的收款，以及你办理的退款（无论原收款人是谁）。',
  cashier: '收银员',
  cashierRemoved: (handle) => `${handle}（已移除）`,
  cashierColumns: {
    count: '收款笔数',
    amount: '销售额（未扣优惠）',
    deduction: '优惠金额',
    charged: '顾客实付',
    refundCount: '办理的退款支出（笔数）',
    paidBack: '办理的退款支出',
    paidInCashCount: '拒付后以现金收款（笔数）',
    paidInCash: '拒付后以现金收款',
    topUpCount: '现金充值（笔数）',
    topUps: '现金充值',
    topUpReversalCount: '已撤销充值（笔数）',
    topUpsReversed: '已撤销充值（退还现金）',
    tillCash: '钱箱现金',
    declined: '被拒笔数',
    notPaidCount: '拒付后未付款，顾客已离开（笔数）',
    notPaid: '拒付后未付款，顾客已离开',
  },
};

export const CSV_WORDS: Record<CsvLang, CsvWords> = { en, zh };
