/**
 * Which mark is a currency's decimal point where it is spent: "." for the yuan (whose "1,250" is a thousand and
 * more, the comma grouping), "," for the real or the rouble ("12,50"). One rule for every place an amount is typed:
 * the counter's keyboard (entry.ts `keyboardEntryKey`) and the amount fields (`parseAmountText`: the refund, the
 * manager's forms). The counter once took every comma for a point, so "1,250" charged ¥1.25 while the refund field
 * read the same "1,250" as ¥1,250.00. Not the screen's language: a cashier reading English in a yuan shop still
 * writes "1,250", and one reading Chinese in a real shop "12,50". Pure.
 */

/**
 * The currencies of no one country, with the place whose writing they take: the euro's countries mostly write
 * "12,50" (Germany, France, Spain, Italy); the CFA francs' write French.
 */
const HOME_REGION: Record<string, string> = { EUR: 'DE', XAF: 'CM', XOF: 'SN' };

const marks = new Map<string, '.' | ','>();

export function decimalMark(currency: string): '.' | ',' {
	let mark = marks.get(currency);
	if (!mark) marks.set(currency, (mark = markOf(currency)));
	return mark;
}

function markOf(currency: string): '.' | ',' {
	// An ISO 4217 code begins with its country's two letters (CNY: CN, BRL: BR). The country's likely language from
	// Intl ("und-BR" → "pt"), written with the country ("pt-BR"): with the script as well ("pt-Latn-BR") some
	// browsers fall back to the bare language, whose mark may not be the country's (es-MX writes "12.50", es "12,50").
	const region = HOME_REGION[currency] ?? currency.slice(0, 2).toUpperCase();
	try {
		const { language } = new Intl.Locale(`und-${region}`).maximize();
		const parts = new Intl.NumberFormat(`${language}-${region}`).formatToParts(1.5);
		return parts.find((p) => p.type === 'decimal')?.value === ',' ? ',' : '.';
	} catch {
		return '.'; // not a country's code: the point, as the app's own screens write amounts
	}
}
