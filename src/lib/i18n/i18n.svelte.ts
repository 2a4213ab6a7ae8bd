/**
 * Our own small i18n: two dictionaries (en.ts is the source of the keys, zh.ts must have them all,
 * which the type checker enforces), `{name}` placeholders, and the locale-aware formatting of
 * money and dates. The choice is remembered in localStorage; the first visit follows
 * navigator.language. Handed down by context from the root layout, not a module singleton.
 */
import { getContext, setContext } from 'svelte';
import { en, type MessageKey } from './en';
import { zh } from './zh';
import { formatMoney, type Money } from '$lib/money/money';

export type Lang = 'en' | 'zh';
export const LANGS: { lang: Lang; label: string; short: string }[] = [
	{ lang: 'en', label: 'English', short: 'EN' },
	{ lang: 'zh', label: '简体中文', short: '中文' }
];

const STORAGE_KEY = 'pos.lang';
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, zh };
/** BCP 47 tags for Intl: the language's own conventions for numbers and dates. */
const LOCALES: Record<Lang, string> = { en: 'en-GB', zh: 'zh-CN' };

export type Params = Record<string, string | number>;

export function detectLang(stored: string | null, navigatorLanguages: readonly string[]): Lang {
	if (stored === 'en' || stored === 'zh') return stored;
	for (const l of navigatorLanguages) {
		const tag = l.toLowerCase();
		if (tag.startsWith('zh')) return 'zh';
		if (tag.startsWith('en')) return 'en';
	}
	return 'en';
}

export function interpolate(template: string, params?: Params): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export class I18n {
	#lang = $state<Lang>('en');

	constructor(lang: Lang) {
		this.#lang = lang;
	}

	static fromBrowser(): I18n {
		let stored: string | null = null;
		try {
			stored = localStorage.getItem(STORAGE_KEY);
		} catch {
			// Storage may be blocked (private mode); the language then follows the browser.
		}
		return new I18n(detectLang(stored, navigator.languages ?? [navigator.language]));
	}

	get lang(): Lang {
		return this.#lang;
	}

	set lang(lang: Lang) {
		this.#lang = lang;
		try {
			localStorage.setItem(STORAGE_KEY, lang);
		} catch {
			// Not remembered, still switched.
		}
	}

	get locale(): string {
		return LOCALES[this.#lang];
	}

	t = (key: MessageKey, params?: Params): string => interpolate(DICTIONARIES[this.#lang][key] ?? en[key], params);

	money = (m: Money, opts: { short?: boolean } = {}): string => formatMoney(m, this.locale, opts);

	dateTime = (iso: string): string =>
		new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

	date = (iso: string): string => new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }).format(new Date(iso));

	time = (iso: string): string =>
		new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

const KEY = Symbol('i18n');

export function setI18n(i18n: I18n): I18n {
	return setContext(KEY, i18n);
}

export function getI18n(): I18n {
	const i18n = getContext<I18n | undefined>(KEY);
	if (!i18n) throw new Error('getI18n() outside the root layout');
	return i18n;
}
