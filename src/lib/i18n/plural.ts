/**
 * Plural forms inside a message, in the ICU MessageFormat notation translators already know:
 *
 *   '{count, plural, one {# payment is} other {# payments are}} queued'
 *
 * `#` stands for the number, written as the locale writes counts ("1,234"). A language writes only the forms it has (English: one, other; Chinese
 * has none, so its messages need no such part), and Intl.PluralRules picks the form for the locale,
 * so callers pass only `{ count }`. Forms hold plain text: other placeholders go outside them.
 */
import { formatCount } from '$lib/money/money';

const PLURAL_PART = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const FORM = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

/** Made once per locale: building the rules is the costly part. */
const RULES = new Map<string, Intl.PluralRules>();

function rulesFor(locale: string): Intl.PluralRules {
	let rules = RULES.get(locale);
	if (!rules) RULES.set(locale, (rules = new Intl.PluralRules(locale)));
	return rules;
}

/** `template` with each plural part replaced by the form its number takes in `locale`. */
export function choosePlurals(template: string, params: Record<string, string | number>, locale: string): string {
	if (!template.includes(', plural,')) return template;
	return template.replace(PLURAL_PART, (part, name: string, forms: string) => {
		const n = params[name];
		// Left as written, like an unknown {placeholder}, so a missing number shows in the text.
		if (typeof n !== 'number') return part;
		const byForm = new Map([...forms.matchAll(FORM)].map(([, form, text]) => [form!, text!]));
		const text = byForm.get(`=${n}`) ?? byForm.get(rulesFor(locale).select(n)) ?? byForm.get('other');
		return text === undefined ? part : text.replaceAll('#', formatCount(n, locale));
	});
}
