/**
 * Money on the client: integer minor units (fen) with an ISO 4217 currency, as in the API.
 * Nothing here uses floating point on an amount; formatting divides by 100 only to hand a
 * number to Intl.NumberFormat for display (CNY has 2 decimals; DESIGN.md "Money").
 */
export interface Money {
	amount: number;
	currency: string;
}

/** The largest amount the API accepts for one payment, a coupon's saving or a minimum spend (DESIGN.md: 1..100,000,000 minor units). */
export const PAYMENT_AMOUNT_MAX_MINOR = 100_000_000;

export function assertMinor(amount: number): void {
	if (!Number.isSafeInteger(amount)) throw new Error(`not an integer amount in minor units: ${amount}`);
}

/**
 * Intl formatters, made once each (building one is the costly part, and a day's list formats every row): the
 * amounts' and the counts' share this cache.
 */
const formatters = new Map<string, Intl.NumberFormat>();

function cached(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
	let f = formatters.get(key);
	if (!f) formatters.set(key, (f = make()));
	return f;
}

function formatter(locale: string, currency: string, whole: boolean): Intl.NumberFormat {
	return cached(`${locale}|${currency}|${whole}`, () =>
		new Intl.NumberFormat(locale, {
			style: 'currency',
			currency,
			// "¥12.00", not "CN¥12.00": the shop and the customer know which currency they use.
			currencyDisplay: 'narrowSymbol',
			...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {})
		})
	);
}

/**
 * A count (payments, coupons, refunds) as the language writes numbers: "1,234" in English and in Chinese alike
 * (zh-CN groups thousands too), where String() wrote "1234". A number that names rather than counts (a Z
 * report's No.) is not one, and is passed as text.
 */
export function formatCount(n: number, locale: string): string {
	return cached(`${locale}|count`, () => new Intl.NumberFormat(locale)).format(n);
}

/**
 * Digits after the point in a currency's amounts (2 for CNY, 0 for JPY), from Intl itself. Every field that reads
 * or writes an amount as text takes it from here: a form that assumed 2 read "5" as 500 yen.
 */
export function fractionDigits(currency: string): number {
	let digits = digitsByCurrency.get(currency);
	if (digits === undefined) {
		digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
		digitsByCurrency.set(currency, digits);
	}
	return digits;
}
/** Asked for every amount formatted (a day's list formats hundreds); a formatter costs ~15 µs to build. */
const digitsByCurrency = new Map<string, number>();

/** Minor units per major unit for a currency (100 for CNY, 1 for JPY). */
export function minorPerMajor(currency: string): number {
	return 10 ** fractionDigits(currency);
}

/**
 * "¥38.50". With `short`, whole amounts drop their zero decimals ("¥10"), which reads better in
 * sentences such as a coupon's rule.
 */
export function formatMoney(m: Money, locale: string, opts: { short?: boolean } = {}): string {
	assertMinor(m.amount);
	const per = minorPerMajor(m.currency);
	const whole = opts.short === true && m.amount % per === 0;
	return formatter(locale, m.currency, whole).format(m.amount / per);
}
