import { majorUnits } from '../money.js';
import { campaignName } from './campaign-name.js';
import { csvFile, csvText } from './csv.js';
import { CSV_WORDS, type CsvLang } from './csv-words.js';
import { localDateTime } from './days.js';
import type { PlatformStatementFigures, StatementCampaign, StatementCampaignLine, StatementEarlierRefund, StatementPayment } from './platform-statement.js';

/**
 * The platform statement as a CSV file (GET /reports/platform?format=csv), for matching the platform's payout line
 * by line: the period, the statement's figures as the screen gives them, the savings by campaign, then a row for
 * each payment with a platform coupon settled in the period and for each refund in it that gave back the subsidy of
 * an earlier sale (as the Day report's file lists refunds of earlier days). Its columns add up to the figures above.
 * As the other reports' files (csv.ts): byte-order mark, CRLF, text quoted and kept from running as a formula, words
 * in the file's language, amounts in the major unit, times on the shop's clock.
 */

/** A payment's short reference, as the screens and receipts give it (src/lib/payments/reference.ts paymentReference;
 * the API does not import the front end, and tests/unit/web/platform-csv-reference.test.ts holds the two together). */
export function paymentReference(paymentId: string): string {
  return paymentId.replace(/[^A-Za-z0-9]/g, '').slice(-8).toUpperCase();
}

/** The statement's figures: those of the screen (src/lib/i18n/en-manage.ts `platform.*`), then the ledger's. */
type StatementFigure = 'payments' | 'subsidy' | 'returned' | 'returnedEarlier' | 'owed' | 'ledgerIn' | 'ledgerOut' | 'ledgerNet' | 'reconciled';
type Column = 'reference' | 'kind' | 'amount' | 'saving' | 'returned' | 'net';

interface PlatformCsvWords {
  report: string;
  from: string;
  to: string;
  figures: Record<StatementFigure, string>;
  yes: string;
  no: string;
  byCampaign: string;
  campaignColumns: { uses: string; saving: string; returned: string };
  list: string;
  columns: Record<Column, string>;
  sale: string;
  earlierRefund: (date: string) => string;
  noCampaign: string;
  listCut: (shown: number) => string;
}

const WORDS: Record<CsvLang, PlatformCsvWords> = {
  en: {
    report: 'Platform coupons statement',
    from: 'From',
    to: 'To',
    figures: {
      payments: 'Payments with a platform coupon',
      subsidy: 'Platform’s coupon savings',
      returned: 'Given back by refunds of these sales',
      returnedEarlier: 'Given back by refunds of earlier sales',
      owed: 'The platform pays the shop (below zero: the shop pays back)',
      ledgerIn: 'Ledger: savings paid in by the platform',
      ledgerOut: 'Ledger: savings given back to the platform',
      ledgerNet: 'Ledger: moved from the platform to the shop',
      reconciled: 'Matches the ledger',
    },
    yes: 'Yes',
    no: 'No',
    byCampaign: 'By campaign',
    campaignColumns: { uses: 'Uses', saving: 'Platform’s coupon savings', returned: 'Given back by refunds' },
    list: 'Payments and refunds',
    columns: {
      reference: 'Reference',
      kind: 'Row',
      amount: 'Amount',
      saving: 'Platform’s saving',
      returned: 'Given back by refunds in this period',
      net: 'The platform pays',
    },
    sale: 'Sale',
    earlierRefund: (date) => `Refund of a sale of ${date}`,
    noCampaign: '(no campaign)',
    listCut: (shown) => `Only the first ${shown} rows are listed; the figures above count them all.`,
  },
  zh: {
    report: '平台券结算单',
    from: '开始日期',
    to: '结束日期',
    figures: {
      payments: '使用平台券的收款',
      subsidy: '平台承担的优惠',
      returned: '这些销售的退款退回',
      returnedEarlier: '此前销售的退款退回',
      owed: '平台应付商户（负数：商户退还平台）',
      ledgerIn: '账本：平台付入的优惠',
      ledgerOut: '账本：退回平台的优惠',
      ledgerNet: '账本：平台转给商户',
      reconciled: '与账本一致',
    },
    yes: '是',
    no: '否',
    byCampaign: '按优惠活动',
    campaignColumns: { uses: '使用次数', saving: '平台承担的优惠', returned: '退款退回' },
    list: '收款与退款',
    columns: {
      reference: '参考号',
      kind: '类型',
      amount: '订单金额',
      saving: '平台承担的优惠',
      returned: '本期退款退回',
      net: '平台应付',
    },
    sale: '销售',
    earlierRefund: (date) => `退款（${date} 的销售）`,
    noCampaign: '（无活动）',
    listCut: (shown) => `仅列出前 ${shown} 行；上方数据计入全部。`,
  },
};

export interface PlatformCsvInput {
  from: string;
  to: string;
  takenAt: number;
  timeZone: string;
  currency: string;
  figures: PlatformStatementFigures;
  campaigns: StatementCampaignLine[];
  payments: StatementPayment[];
  earlierRefunds: StatementEarlierRefund[];
  /** More rows than the file holds: it says so under the list. */
  cut: boolean;
}

/** The file's name: the period it covers ("platform-statement-2026-11-01-to-2026-11-30.csv"). */
export function platformCsvFilename(from: string, to: string): string {
  return `platform-statement-${from}-to-${to}.csv`;
}

export function platformStatementCsv(input: PlatformCsvInput, lang: CsvLang): string {
  const common = CSV_WORDS[lang];
  const w = WORDS[lang];
  const { currency, figures: f, timeZone } = input;
  const money = (minor: number) => majorUnits(minor, currency);
  const withCurrency = (heading: string) => common.withCurrency(heading, currency);
  const name = (c: StatementCampaign | null) => (c === null || c.id === '' ? w.noCampaign : campaignName(c.title, c.rule, currency, lang));
  const fromPayments = f.subsidy - f.subsidyReturnedByRefunds;
  const fromLedger = f.ledgerSubsidyIn - f.ledgerSubsidyOut;
  const figure = (n: StatementFigure, value: number, kind: 'money' | 'count') => `${csvText(w.figures[n])},${value},${kind === 'money' ? money(value) : ''}`;
  const rows = [
    `${csvText(common.report)},${csvText(w.report)}`,
    `${csvText(common.currency)},${currency}`,
    `${csvText(common.timeZone)},${csvText(timeZone)}`,
    `${csvText(w.from)},${input.from}`,
    `${csvText(w.to)},${input.to}`,
    `${csvText(common.takenAt)},${localDateTime(input.takenAt, timeZone)}`,
    [common.figure, common.valueMinor, common.valueMajor(currency)].map(csvText).join(','),
    figure('payments', f.payments, 'count'),
    figure('subsidy', f.subsidy, 'money'),
    // As on screen: the refunds of this period's sales, and apart those of earlier sales (an earlier statement's).
    figure('returned', f.subsidyReturnedByRefunds - f.earlierSalesSubsidyReturned, 'money'),
    figure('returnedEarlier', f.earlierSalesSubsidyReturned, 'money'),
    figure('owed', fromPayments, 'money'),
    figure('ledgerIn', f.ledgerSubsidyIn, 'money'),
    figure('ledgerOut', f.ledgerSubsidyOut, 'money'),
    figure('ledgerNet', fromLedger, 'money'),
    `${csvText(w.figures.reconciled)},${csvText(fromPayments === fromLedger ? w.yes : w.no)},`,
    '',
    csvText(w.byCampaign),
    [common.columns.campaign, w.campaignColumns.uses, withCurrency(w.campaignColumns.saving), withCurrency(w.campaignColumns.returned)].map(csvText).join(','),
    ...input.campaigns.map((c) => [csvText(name(c)), c.uses, money(c.saving), money(c.subsidyReturned)].join(',')),
    '',
    csvText(w.list),
    [
      common.columns.time,
      common.columns.payment,
      w.columns.reference,
      common.columns.customer,
      common.columns.campaign,
      w.columns.kind,
      withCurrency(w.columns.amount),
      withCurrency(w.columns.saving),
      withCurrency(w.columns.returned),
      withCurrency(w.columns.net),
    ]
      .map(csvText)
      .join(','),
  ];
  const local = (at: number) => localDateTime(at, timeZone);
  for (const p of input.payments) {
    rows.push(
      [
        local(p.settledAt),
        csvText(p.id),
        csvText(paymentReference(p.id)),
        csvText(p.customer ?? ''),
        csvText(name(p.campaign)),
        csvText(w.sale),
        money(p.amount),
        money(p.saving),
        money(p.subsidyReturned),
        money(p.saving - p.subsidyReturned),
      ].join(','),
    );
  }
  // Not a sale of the period: its amount and saving stay empty (an earlier statement's), and the platform pays less
  // by what it got back.
  for (const r of input.earlierRefunds) {
    rows.push(
      [
        local(r.at),
        csvText(r.paymentId),
        csvText(paymentReference(r.paymentId)),
        csvText(r.customer ?? ''),
        csvText(name(r.campaign)),
        csvText(w.earlierRefund(local(r.saleAt).slice(0, 10))),
        '',
        '',
        money(r.subsidy),
        money(-r.subsidy),
      ].join(','),
    );
  }
  if (input.cut) rows.push('', csvText(w.listCut(input.payments.length + input.earlierRefunds.length)));
  return csvFile(rows);
}
