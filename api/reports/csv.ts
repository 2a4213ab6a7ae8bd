import { majorUnits } from '../money.js';
import { campaignName } from './campaign-name.js';
import type { CashierFigures, PeriodFigures } from './closing.js';
import { CSV_WORDS, type CashierColumn, type CsvLang, type CsvWords, type DayColumn, type FigureName } from './csv-words.js';
import type { DayFigures } from './by-day.js';
import { localDateTime } from './days.js';
import type { DayPayments, DayPaymentRow, DeclinedRow, EarlierRefundRow } from './day-payments.js';
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

/** What a Day column's cells hold: a time on the shop's clock (empty when null), text, or an amount in minor units. */
interface DayCell {
  time: number | null;
  text: string;
  money: number;
}
type DayCellKind = keyof DayCell;

/** What the cells are written with: the file's words and language, its currency and the shop's time zone. */
interface DayFile {
  w: CsvWords;
  lang: CsvLang;
  currency: string;
  timeZone: string;
}

type DayColumnLine = { [K in DayCellKind]: readonly [DayColumn, (p: DayPaymentRow, file: DayFile) => DayCell[K], K] }[DayCellKind];

/** What the day's refunds of a sale paid back: its cash to the wallet and its subsidy to the platform. */
const paidBackOf = (p: DayPaymentRow) => p.refundedCash + p.refundedSubsidy;

/**
 * The Day report's list of payments, a column each in the file's order: its name (its heading in csv-words.ts), how
 * a payment's row reads it, and what it holds (money is written in the major unit, its heading followed by the
 * currency). A column is added here and in csv-words.ts alone; a refund of an earlier sale names the cells it fills.
 */
const DAY_COLUMNS = [
  // When it reached the server, the moment it counts.
  ['time', (p) => p.settledAt, 'time'],
  // A tablet offline took it at this one.
  ['takenOffline', (p) => (p.settledAt - p.scannedAt > COUNTER_SALE_MS ? p.scannedAt : null), 'time'],
  ['payment', (p) => p.id, 'text'],
  ['customer', (p) => p.customer ?? '', 'text'],
  ['cashier', (p) => p.cashier, 'text'],
  ['status', (p, { w }) => w.status[p.refunded === 0 ? 'succeeded' : p.refunded >= p.amount ? 'refunded' : 'partially_refunded'], 'text'],
  ['amount', (p) => p.amount, 'money'],
  ['saving', (p) => p.deduction, 'money'],
  ['savingPaidBy', (p, { w }) => (p.deduction > 0 && p.funding ? (p.funding === 'platform' ? w.platform : w.shop) : ''), 'text'],
  ['campaign', (p, { currency, lang }) => (p.campaign === null ? '' : campaignName(p.campaign, p.campaignRule, currency, lang)), 'text'],
  ['charged', (p) => p.charged, 'money'],
  ['settlement', (p) => p.settlement, 'money'],
  ['refunded', (p) => p.refunded, 'money'],
  ['paidBack', paidBackOf, 'money'],
  // Two refunds of one sale may be given by two people: both are named, in the order they gave them.
  ['refundedBy', (p) => p.refundedBy.join(' / '), 'text'],
  ['kept', (p) => p.settlement - paidBackOf(p), 'money'],
] as const satisfies readonly DayColumnLine[];

type DayColumnKind<C extends DayColumn> = Extract<(typeof DAY_COLUMNS)[number], readonly [C, unknown, unknown]>[2];

/** A row's cells by column name; a column left out is an empty cell. */
type DayCells = { [C in DayColumn]?: DayCell[DayColumnKind<C>] };

/** Every column csv-words.ts names has its line in DAY_COLUMNS: for one left out, the compiler names it here. */
const everyDayColumnListed: Record<Exclude<DayColumn, (typeof DAY_COLUMNS)[number][0]>, never> = {};
void everyDayColumnListed;

/** A cell as the file writes it: a time on the shop's clock, text made safe for a spreadsheet, money in the major unit. */
function dayCell(kind: DayCellKind, value: DayCell[DayCellKind] | undefined, file: DayFile): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return csvText(value);
  if (kind === 'money') return majorUnits(value, file.currency);
  if (kind === 'time') return localDateTime(value, file.timeZone);
  throw new Error(`a number in the text column of a Day report's file: ${value}`);
}

/** A row of the payments' list, its cells in DAY_COLUMNS' order. */
function dayRow(cells: DayCells, file: DayFile): string {
  return DAY_COLUMNS.map(([column, , kind]) => dayCell(kind, cells[column], file)).join(',');
}

/**
 * The row of a refund made on the day of a sale made before it. Not a sale of the day: its sale's columns stay
 * empty, and what the shop keeps goes down by what it paid back.
 */
function earlierRefundCells(r: EarlierRefundRow, { w, timeZone }: DayFile): DayCells {
  const paidBack = r.cash + r.subsidy;
  return {
    time: r.at,
    payment: r.paymentId,
    customer: r.customer ?? '',
    cashier: r.cashier,
    status: w.earlierRefund(localDateTime(r.saleAt, timeZone).slice(0, 10)),
    refunded: r.amount,
    paidBack,
    refundedBy: r.refundedBy,
    kept: -paidBack,
  };
}

/**
 * Why a payment was declined, as Today's list says it (src/lib/i18n/phrases.ts describeDecline): its detail in place
 * of its reason where it has one (a coupon's refusal, or what CODE_USED's code did), then the refused coupon's name.
 */
function declineText(d: DeclinedRow, { w, currency, lang }: DayFile): string {
  const reason = d.detail === null ? w.declineReasons[d.reason] : w.declineDetails[d.detail];
  if (d.reason !== 'COUPON_NOT_APPLICABLE' || d.campaign === null) return reason;
  return w.withCoupon(reason, campaignName(d.campaign, d.campaignRule, currency, lang));
}

/**
 * The Day report as CSV, for the shop's accountant: the day and when the file was taken, the day's figures and By
 * cashier as the X and Z files give them, then the day's payments, a row each in the order they were taken, amounts
 * in the major unit (declined attempts are counted above and listed apart after them). A row's Cashier is who rang
 * up the sale and its Refunded by who gave the day's refunds of it, so the rows can be summed to By cashier's lines
 * (which count a refund for its giver). `listed.cut`: more payments than the list holds were taken.
 */
export function dayCsv(
  day: { date: string; takenAt: number; timeZone: string; currency: string },
  figures: PeriodFigures,
  listed: DayPayments,
  lang: CsvLang,
  cashiers: CsvCashiers | null,
  offline: OfflineAcrossDays,
): string {
  const w = CSV_WORDS[lang];
  const { currency } = day;
  const file: DayFile = { w, lang, currency, timeZone: day.timeZone };
  const money = (minor: number) => majorUnits(minor, currency);
  const { rows: payments, earlierRefunds, declined, paidInCash, notPaid, notPaidTakenBack, topUps, cut } = listed;
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
    DAY_COLUMNS.map(([c, , kind]) => csvText(kind === 'money' ? w.withCurrency(w.columns[c], currency) : w.columns[c])).join(','),
  ];
  for (const p of payments) rows.push(DAY_COLUMNS.map(([, cell, kind]) => dayCell(kind, cell(p, file), file)).join(','));
  // After the day's payments, so the list's refund and paid-back columns add up to the day's figures.
  for (const r of earlierRefunds) rows.push(dayRow(earlierRefundCells(r, file), file));
  // The day's declines: not sales (nothing charged), so a list of their own, a row each for the figures' "Declined",
  // before the lists of what was noted of them. No shortfall of a balance too low: DESIGN.md keeps it out of the
  // shop's records, where it would give the customer's balance away.
  if (declined.length > 0) {
    const d = w.declinedList;
    rows.push('', csvText(d.title), [w.columns.time, w.columns.payment, w.columns.customer, w.columns.cashier, w.withCurrency(d.asked, currency), d.reason, d.noted].map(csvText).join(','));
    for (const p of declined) {
      const noted = p.noted === null ? d.nothingNoted : d[p.noted];
      rows.push([localDateTime(p.settledAt, day.timeZone), csvText(p.paymentId), csvText(p.customer ?? ''), csvText(p.cashier), money(p.amount), csvText(declineText(p, file)), csvText(noted)].join(','));
    }
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
