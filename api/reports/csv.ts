import type { CouponRule } from '../coupons/rules.js';
import { majorUnits } from '../money.js';
import { campaignName } from './campaign-name.js';
import type { CashierFigures, PeriodFigures } from './closing.js';
import { CSV_WORDS, type CashierColumn, type CsvLang, type CsvWords, type DayColumn, type FigureName } from './csv-words.js';
import type { DayFigures } from './by-day.js';
import { localDateTime } from './days.js';
import type { OfflineAcrossDays } from './offline-days.js';
import { COUNTER_SALE_MS } from '../payments/scan-time.js';

/**
 * The reports as CSV files, for the shop's bookkeeping: the X and Z reports' figures, and the Day report's payments
 * with its figures. Words in the owner's language (csv-words.ts); each amount in minor units (exact, for software)
 * and/or in the major unit (656.37, for a person with a spreadsheet); times as the shop's wall clock reads them.
 */

/**
 * A cell of text: quoted when it holds a comma, a quote or a line break, and, when it begins with = + - @ (or a tab
 * or carriage return), led by an apostrophe, so that a spreadsheet shows a campaign titled "=HYPERLINK(…)" or a
 * cashier "-x" as text instead of running it as a formula (CSV injection). Numbers are written as they are, never
 * through this: a negative amount must stay a number.
 */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The file: rows joined by CRLF (RFC 4180), with a byte-order mark first, without which Excel reads UTF-8 as the
 * system's code page and a Chinese campaign title or heading turns to noise.
 */
export function csvFile(rows: string[]): string {
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** What the shop keeps of a period: its settlement less what refunds paid back (cash to wallets, subsidy to the platform). */
function netToShop(f: Pick<PeriodFigures, 'settlement' | 'refundedCash' | 'refundedSubsidy'>): number {
  return f.settlement - f.refundedCash - f.refundedSubsidy;
}

/** A report's lines: which figure, how to read it, and whether it is money (written in minor and major units) or a count. */
const FIGURE_LINES: [FigureName, (f: PeriodFigures) => number, 'money' | 'count'][] = [
  ['count', (f) => f.count, 'count'],
  ['declined', (f) => f.declinedCount, 'count'],
  ['amount', (f) => f.amount, 'money'],
  ['deduction', (f) => f.deduction, 'money'],
  ['deductionMerchant', (f) => f.deductionMerchantFunded, 'money'],
  ['deductionPlatform', (f) => f.deductionPlatformFunded, 'money'],
  ['charged', (f) => f.charged, 'money'],
  ['settlement', (f) => f.settlement, 'money'],
  ['refundCount', (f) => f.refundCount, 'count'],
  ['refunded', (f) => f.refunded, 'money'],
  // Refunds of sales the period does not hold (made before it): said, or the refunds read as more than the sales.
  ['refundedEarlierPeriod', (f) => f.earlierSalesRefunded, 'money'],
  // What the refunds took back from the shop is their cash and subsidy, not the part of A they cover: with a
  // coupon the shop funded, A exceeds what the shop was ever settled.
  ['paidBack', (f) => f.refundedCash + f.refundedSubsidy, 'money'],
  ['refundedCash', (f) => f.refundedCash, 'money'],
  ['refundedSubsidy', (f) => f.refundedSubsidy, 'money'],
  ['net', netToShop, 'money'],
  ['paidInCashCount', (f) => f.paidInCashCount, 'count'],
  ['paidInCash', (f) => f.paidInCash, 'money'],
  // Of it, the cash for sales declined before the period: the till holds it, but the period's sales never did.
  ['paidInCashEarlierPeriod', (f) => f.earlierSalesPaidInCash, 'money'],
  // Cash taken for top-ups at the counter: in the till beside the sales, and in none of their figures.
  ['topUpCount', (f) => f.topUpCount, 'count'],
  ['topUps', (f) => f.topUps, 'money'],
  // Paid back out by a manager's reversal: the till holds topUps less this.
  ['topUpReversalCount', (f) => f.topUpReversalCount ?? 0, 'count'],
  ['topUpsReversed', (f) => f.topUpsReversed ?? 0, 'money'],
  // The cash the period put in the till, summed, so the owner counting the drawer need not add three lines.
  ['tillCash', tillCash, 'money'],
  // Declined sales the customer left without paying, noted so at the counter: after the till's cash, as none of it.
  ['notPaidCount', (f) => f.notPaidCount ?? 0, 'count'],
  ['notPaid', (f) => f.notPaid ?? 0, 'money'],
];

/** Cash in the till from a period: paid in cash after a decline, plus top-ups in cash, less the top-ups paid back. */
function tillCash(f: Pick<PeriodFigures, 'paidInCash' | 'topUps' | 'topUpsReversed'>): number {
  return f.paidInCash + f.topUps - (f.topUpsReversed ?? 0);
}

/** The names a Day report's file gives the figures of sales made before its period. */
const DAY_NAMES: Partial<Record<FigureName, FigureName>> = {
  refundedEarlierPeriod: 'refundedEarlierDay',
  paidInCashEarlierPeriod: 'paidInCashEarlierDay',
  tillCash: 'tillCashDay',
};

/**
 * What period a report covers, written above its figures: a file filed away must say which day it is without the
 * name it was downloaded under. `from` is null for a shop's first period; `closedBy` only for a Z report.
 */
export interface CsvPeriod {
  from: number | null;
  to: number;
  toLabel: 'closedAt' | 'takenAt';
  closedBy?: string;
  timeZone: string;
}

/** The figures of a period, a line each: heading, then the name, the value in minor units and (money) in the major unit. */
function figureRows(
  lang: CsvLang,
  figures: PeriodFigures & { queuedOfflineAtClose?: { count: number; amount: number } | null },
  currency: string,
  period: 'period' | 'day' = 'period',
): string[] {
  const w = CSV_WORDS[lang];
  const rows = [[w.figure, w.valueMinor, w.valueMajor(currency)].map(csvText).join(',')];
  for (const [name, get, kind] of FIGURE_LINES) {
    const value = get(figures);
    // A day's sales made before it were made on an earlier day.
    const said = period === 'day' ? (DAY_NAMES[name] ?? name) : name;
    rows.push(`${csvText(w.figures[said])},${value},${kind === 'money' ? majorUnits(value, currency) : ''}`);
  }
  // Sales the closing tablet still held offline: taken at the counter, in none of the figures above, and on the
  // printed Z report, so the file says them too (it left them out, and the two did not match).
  const queued = figures.queuedOfflineAtClose;
  if (queued) {
    rows.push(`${csvText(w.figures.queuedCount)},${queued.count},`, `${csvText(w.figures.queued)},${queued.amount},${majorUnits(queued.amount, currency)}`);
  }
  for (const c of figures.byCampaign) {
    const name = campaignName(c.title, c.rule, currency, lang);
    rows.push(`${csvText(w.campaign(name, c.count, c.refundedCount, c.funding))},${c.deduction},${majorUnits(c.deduction, currency)}`);
  }
  return rows;
}

/** "By cashier"'s columns after the cashier's name, each with how to read it from a cashier's figures. */
const CASHIER_COLUMNS: [CashierColumn, (r: CashierFigures) => number, 'money' | 'count'][] = [
  ['count', (r) => r.count, 'count'],
  ['amount', (r) => r.amount, 'money'],
  ['deduction', (r) => r.deduction, 'money'],
  ['charged', (r) => r.charged, 'money'],
  // As the screen's: what left the shop through the refunds this cashier gave, cash to wallets and subsidy returned.
  ['refundCount', (r) => r.refundCount, 'count'],
  ['paidBack', (r) => r.refundedCash + r.refundedSubsidy, 'money'],
  ['paidInCashCount', (r) => r.paidInCashCount, 'count'],
  ['paidInCash', (r) => r.paidInCash, 'money'],
  ['topUpCount', (r) => r.topUpCount ?? 0, 'count'],
  ['topUps', (r) => r.topUps ?? 0, 'money'],
  ['topUpReversalCount', (r) => r.topUpReversalCount ?? 0, 'count'],
  ['topUpsReversed', (r) => r.topUpsReversed ?? 0, 'money'],
  // As the screen's "Cash in the till" of each: their cash taken, less the top-ups they reversed.
  ['tillCash', (r) => tillCash({ paidInCash: r.paidInCash, topUps: r.topUps ?? 0, topUpsReversed: r.topUpsReversed }), 'money'],
  ['declined', (r) => r.declinedCount, 'count'],
  // Sales this cashier wrote off as not paid: after the till's cash, as none of it. A line from a Z report closed
  // before they were kept by cashier has none.
  ['notPaidCount', (r) => r.notPaidCount ?? 0, 'count'],
  ['notPaid', (r) => r.notPaid ?? 0, 'money'],
];

/**
 * Who the figures a report's file gives "By cashier" belong to: the rows its reader may see (views.ts csvCashiers:
 * a manager every cashier's, anyone else their own), and whether they are only the reader's own.
 */
export interface CsvCashiers {
  rows: CashierFigures[];
  own: boolean;
}

/**
 * "By cashier" as a list after the figures, as the screens give it beside them: the rule it counts by (a refund is
 * the cashier's who gave it), then a row each, the screen's order, amounts in the major unit. Nothing when there
 * are no rows (a Z report closed before they were kept, or a cashier who took nothing).
 */
function cashierRows(w: CsvWords, cashiers: CsvCashiers | null, currency: string): string[] {
  if (!cashiers || cashiers.rows.length === 0) return [];
  const heading = [w.cashier, ...CASHIER_COLUMNS.map(([c, , kind]) => (kind === 'money' ? w.withCurrency(w.cashierColumns[c], currency) : w.cashierColumns[c]))];
  const rows = ['', csvText(cashiers.own ? w.yourFigures : w.byCashier), csvText(cashiers.own ? w.yourFiguresRule : w.byCashierRule), heading.map(csvText).join(',')];
  for (const r of cashiers.rows) {
    const values = CASHIER_COLUMNS.map(([, get, kind]) => (kind === 'money' ? majorUnits(get(r), currency) : String(get(r))));
    rows.push([csvText(r.removed ? w.cashierRemoved(r.handle) : r.handle), ...values].join(','));
  }
  return rows;
}

/** An X or Z report as CSV: the period it covers, then one figure per line, then one line per campaign used. */
export function figuresCsv(
  report: { kind: 'x' } | { kind: 'z'; number: number },
  figures: PeriodFigures & { queuedOfflineAtClose?: { count: number; amount: number } | null },
  currency: string,
  period: CsvPeriod,
  lang: CsvLang,
  cashiers: CsvCashiers | null,
): string {
  const w = CSV_WORDS[lang];
  const local = (at: number) => localDateTime(at, period.timeZone);
  const rows = [
    `${csvText(w.report)},${csvText(report.kind === 'x' ? w.xReport : w.zReport(report.number))}`,
    `${csvText(w.currency)},${currency}`,
    `${csvText(w.timeZone)},${csvText(period.timeZone)}`,
    `${csvText(w.periodFrom)},${period.from === null ? csvText(w.shopOpened) : local(period.from)}`,
    `${csvText(w[period.toLabel])},${local(period.to)}`,
  ];
  if (period.closedBy) rows.push(`${csvText(w.closedBy)},${csvText(period.closedBy)}`);
  return csvFile([...rows, ...figureRows(lang, figures, currency), ...cashierRows(w, cashiers, currency)]);
}

/**
 * A payment of the day as its row in the Day report's file. Its refunds are those made on that day: the file is
 * the day's books, so a refund made the next day is in the next day's file, and the rows' refunds and the figures
 * above them tell the same day.
 */
export interface DayPaymentRow {
  id: string;
  settledAt: number;
  /** When the code was scanned: long before settledAt for a sale a tablet took offline and sent later. */
  scannedAt: number;
  /** Who rang up the sale, and who gave the day's refunds of it (on screen, By cashier counts a refund for them). */
  cashier: string;
  refundedBy: string[];
  customer: string | null;
  amount: number;
  deduction: number;
  funding: 'merchant' | 'platform' | null;
  campaign: string | null;
  campaignRule: CouponRule | null;
  charged: number;
  settlement: number;
  refunded: number;
  refundedCash: number;
  refundedSubsidy: number;
}

/**
 * A refund made on the day of a sale made before it: the day's figures count it (its part of the sale, its cash and
 * subsidy paid back), so the file lists it too, after the day's payments, or its refund and paid-back columns would
 * not add up to the figures above them.
 */
export interface EarlierRefundRow {
  paymentId: string;
  at: number;
  /** Who rang up the sale, as in the payments' rows, and who gave the refund. */
  cashier: string;
  refundedBy: string;
  customer: string | null;
  saleAt: number;
  amount: number;
  cash: number;
  subsidy: number;
}

/**
 * A declined payment the customer paid in cash that day (payments/cash.ts): cash in the till, counted in the day's
 * "Paid in cash after a decline" and in none of the sales' figures, so listed apart, after the payments: when it was
 * noted, the payment, who noted it, the amount and the cashier's note.
 */
export interface PaidInCashRow {
  paymentId: string;
  at: number;
  cashier: string;
  amount: number;
  note: string;
}

/**
 * A counter top-up made that day, or the reversal that day of one (made that day or before): cash into the till, or
 * paid back out of it. Listed apart, after the payments, so that the day's "Top-ups in cash" and "Top-ups reversed"
 * have their rows, as "Paid in cash after a decline" has: whose wallet, who took the cash, which one was taken back.
 */
/**
 * A declined payment noted that day as not paid, the customer having left (payments/not-paid.ts): no cash, counted in
 * the day's "Not paid after a decline" and in none of the other figures, so listed apart, as cash for a decline is:
 * when it was noted, the payment, who noted it (whom the owner asks), what it asked and the cashier's note.
 */
export interface NotPaidRow {
  paymentId: string;
  at: number;
  cashier: string;
  amount: number;
  note: string;
}

/**
 * A "not paid" a manager took back that day (payments/not-paid.ts takeBackNotPaid): in none of the figures (the sale
 * is a declined one again, or paid in cash after), listed apart so the file says who wrote the sale off, when and
 * why, and who took it back when: `at` and `by` are the take-back's, `notedAt` and `notedBy` the note's.
 */
export interface NotPaidTakenBackRow {
  paymentId: string;
  at: number;
  by: string;
  amount: number;
  notedAt: number;
  notedBy: string;
  note: string;
}

export interface TopUpRow {
  topUpId: string;
  at: number;
  customer: string;
  /** Who took the cash (a top-up) or gave it back (a reversal: the manager's). */
  cashier: string;
  amount: number;
  /** A reversal's: when the top-up it takes back was made. */
  reverses: { at: number } | null;
}

const DAY_MONEY: DayColumn[] = ['amount', 'saving', 'charged', 'settlement', 'refunded', 'paidBack', 'kept'];
const DAY_COLUMNS: DayColumn[] = [
  'time',
  'takenOffline',
  'payment',
  'customer',
  'cashier',
  'status',
  'amount',
  'saving',
  'savingPaidBy',
  'campaign',
  'charged',
  'settlement',
  'refunded',
  'paidBack',
  'refundedBy',
  'kept',
];

/**
 * The Day report as CSV, for the shop's accountant: the day and when the file was taken, the day's figures and By
 * cashier as the X and Z files give them, then the day's payments (declined attempts are counted above, not listed),
 * a row each in the order they were taken, amounts in the major unit. A row's Cashier is who rang up the sale and
 * its Refunded by who gave the day's refunds of it, so the rows can be summed to By cashier's lines (which count a
 * refund for its giver). `cut`: more payments than the list holds were taken.
 */
export function dayCsv(
  day: { date: string; takenAt: number; timeZone: string; currency: string },
  figures: PeriodFigures,
  payments: DayPaymentRow[],
  earlierRefunds: EarlierRefundRow[],
  paidInCash: PaidInCashRow[],
  notPaid: NotPaidRow[],
  notPaidTakenBack: NotPaidTakenBackRow[],
  topUps: TopUpRow[],
  cut: boolean,
  lang: CsvLang,
  cashiers: CsvCashiers | null,
  offline: OfflineAcrossDays,
): string {
  const w = CSV_WORDS[lang];
  const { currency } = day;
  const money = (minor: number) => majorUnits(minor, currency);
  // Sales that crossed the day's edge between their scan and their settlement: said, or the night's orders are
  // missing from one day's file and the next day's seem to start with them at the time they were sent.
  const offlineRows = [
    ...(offline.fromEarlierDays.count > 0 ? [[w.offlineEarlier(offline.fromEarlierDays.count), offline.fromEarlierDays.amount] as const] : []),
    ...(offline.countedLater.count > 0 ? [[w.offlineLater(offline.countedLater.count), offline.countedLater.amount] as const] : []),
  ].map(([label, amount]) => `${csvText(label)},${amount},${money(amount)}`);
  const rows = [
    `${csvText(w.report)},${csvText(w.dayReport)}`,
    `${csvText(w.currency)},${currency}`,
    `${csvText(w.timeZone)},${csvText(day.timeZone)}`,
    `${csvText(w.day)},${day.date}`,
    `${csvText(w.takenAt)},${localDateTime(day.takenAt, day.timeZone)}`,
    ...figureRows(lang, figures, currency, 'day'),
    ...offlineRows,
    ...cashierRows(w, cashiers, currency),
    '',
    DAY_COLUMNS.map((c) => csvText(DAY_MONEY.includes(c) ? w.withCurrency(w.columns[c], currency) : w.columns[c])).join(','),
  ];
  for (const p of payments) {
    const status = p.refunded === 0 ? 'succeeded' : p.refunded >= p.amount ? 'refunded' : 'partially_refunded';
    const paidBack = p.refundedCash + p.refundedSubsidy;
    const saving = p.deduction > 0 && p.funding ? (p.funding === 'platform' ? w.platform : w.shop) : '';
    rows.push(
      [
        localDateTime(p.settledAt, day.timeZone),
        // Its Time is when it reached the server, the moment it counts; a tablet offline took it at this one.
        p.settledAt - p.scannedAt > COUNTER_SALE_MS ? localDateTime(p.scannedAt, day.timeZone) : '',
        csvText(p.id),
        csvText(p.customer ?? ''),
        csvText(p.cashier),
        csvText(w.status[status]),
        money(p.amount),
        money(p.deduction),
        csvText(saving),
        csvText(p.campaign === null ? '' : campaignName(p.campaign, p.campaignRule, currency, lang)),
        money(p.charged),
        money(p.settlement),
        money(p.refunded),
        money(paidBack),
        // Two refunds of one sale may be given by two people: both are named, in the order they gave them.
        csvText(p.refundedBy.join(' / ')),
        money(p.settlement - paidBack),
      ].join(','),
    );
  }
  // Not a sale of the day: its sale's columns stay empty, and what the shop keeps goes down by what it paid back.
  for (const r of earlierRefunds) {
    const paidBack = r.cash + r.subsidy;
    rows.push(
      [
        localDateTime(r.at, day.timeZone),
        '',
        csvText(r.paymentId),
        csvText(r.customer ?? ''),
        csvText(r.cashier),
        csvText(w.earlierRefund(localDateTime(r.saleAt, day.timeZone).slice(0, 10))),
        '', '', '', '', '', '',
        money(r.amount),
        money(paidBack),
        csvText(r.refundedBy),
        money(-paidBack),
      ].join(','),
    );
  }
  // A list of its own: these are not sales (not in "Shop receives"), so the columns above still add up to their
  // figures, and these to "Paid in cash after a decline".
  if (paidInCash.length > 0) {
    rows.push('', csvText(w.figures.paidInCash), [w.columns.time, w.columns.payment, w.columns.cashier, w.withCurrency(w.paidInCashColumn, currency), w.note].map(csvText).join(','));
    for (const c of paidInCash) {
      rows.push([localDateTime(c.at, day.timeZone), csvText(c.paymentId), csvText(c.cashier), money(c.amount), csvText(c.note)].join(','));
    }
  }
  // Written off as not paid: no cash, and not a sale; its amount column sums to "Not paid after a decline".
  if (notPaid.length > 0) {
    rows.push('', csvText(w.figures.notPaid), [w.columns.time, w.columns.payment, w.columns.cashier, w.withCurrency(w.notPaidColumn, currency), w.note].map(csvText).join(','));
    for (const u of notPaid) {
      rows.push([localDateTime(u.at, day.timeZone), csvText(u.paymentId), csvText(u.cashier), money(u.amount), csvText(u.note)].join(','));
    }
  }
  // Those taken back that day: in no figure above (their amounts sum to nothing the file counts), so their own list,
  // the take-back's time and manager first, then the note's.
  if (notPaidTakenBack.length > 0) {
    const t = w.notPaidTakenBack;
    rows.push('', csvText(t.title), [w.columns.time, w.columns.payment, t.by, w.withCurrency(t.amount, currency), t.notedAt, t.notedBy, w.note].map(csvText).join(','));
    for (const u of notPaidTakenBack) {
      rows.push(
        [localDateTime(u.at, day.timeZone), csvText(u.paymentId), csvText(u.by), money(u.amount), localDateTime(u.notedAt, day.timeZone), csvText(u.notedBy), csvText(u.note)].join(','),
      );
    }
  }
  // Top-ups and their reversals: not sales either. Their cash column sums to top-ups less top-ups reversed, the part
  // of "Cash in the till" they make.
  if (topUps.length > 0) {
    rows.push('', csvText(w.figures.topUps), [w.columns.time, w.topUpColumn, w.columns.customer, w.columns.cashier, w.entryColumn, w.withCurrency(w.cashColumn, currency)].map(csvText).join(','));
    for (const t of topUps) {
      const entry = t.reverses ? w.reversalEntry(localDateTime(t.reverses.at, day.timeZone)) : w.topUpEntry;
      rows.push([localDateTime(t.at, day.timeZone), csvText(t.topUpId), csvText(t.customer), csvText(t.cashier), csvText(entry), money(t.reverses ? -t.amount : t.amount)].join(','));
    }
  }
  if (cut) rows.push('', csvText(w.listCut(payments.length)));
  return csvFile(rows);
}

/** The period report's list of days, a column each: the figures' own names, money ones followed by the currency. */
const PERIOD_DAY_COLUMNS: [FigureName | 'tillCash', (d: DayFigures) => number, 'money' | 'count'][] = [
  ['count', (d) => d.count, 'count'],
  ['amount', (d) => d.amount, 'money'],
  ['deduction', (d) => d.deduction, 'money'],
  ['charged', (d) => d.charged, 'money'],
  ['settlement', (d) => d.settlement, 'money'],
  ['refundCount', (d) => d.refundCount, 'count'],
  ['refunded', (d) => d.refunded, 'money'],
  ['paidBack', (d) => d.refundedCash + d.refundedSubsidy, 'money'],
  ['net', netToShop, 'money'],
  ['tillCash', (d) => tillCash(d), 'money'],
  // After the till's cash, as none of it: without them a day's rows would not add up to the period's figures.
  ['notPaidCount', (d) => d.notPaidCount, 'count'],
  ['notPaid', (d) => d.notPaid, 'money'],
];

/**
 * The period report as CSV, for reconciling a month with the bank: the days it covers, its figures and By cashier as
 * the X and Z files give them (of the whole period), then a row a day, first to last, each what that day's Day report
 * says (its own file lists the day's payments). The days' columns add up to the figures above them.
 */
export function periodCsv(
  period: { from: string; to: string; takenAt: number; timeZone: string; currency: string },
  figures: PeriodFigures,
  days: DayFigures[],
  lang: CsvLang,
  cashiers: CsvCashiers | null,
): string {
  const w = CSV_WORDS[lang];
  const { currency } = period;
  const heading = (name: FigureName | 'tillCash', kind: 'money' | 'count') => {
    const said = name === 'tillCash' ? w.cashierColumns.tillCash : w.figures[name];
    return kind === 'money' ? w.withCurrency(said, currency) : said;
  };
  const rows = [
    `${csvText(w.report)},${csvText(w.periodReport)}`,
    `${csvText(w.currency)},${currency}`,
    `${csvText(w.timeZone)},${csvText(period.timeZone)}`,
    `${csvText(w.periodFrom)},${period.from}`,
    `${csvText(w.periodTo)},${period.to}`,
    `${csvText(w.takenAt)},${localDateTime(period.takenAt, period.timeZone)}`,
    ...figureRows(lang, figures, currency),
    ...cashierRows(w, cashiers, currency),
    '',
    csvText(w.byDay),
    [w.day, ...PERIOD_DAY_COLUMNS.map(([name, , kind]) => heading(name, kind))].map(csvText).join(','),
  ];
  for (const d of days) {
    rows.push([d.date, ...PERIOD_DAY_COLUMNS.map(([, get, kind]) => (kind === 'money' ? majorUnits(get(d), currency) : String(get(d))))].join(','));
  }
  return csvFile(rows);
}
