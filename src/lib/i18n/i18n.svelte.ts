/**
 * Our own small i18n: two dictionaries (en.ts is the source of the keys, zh.ts must have them all,
 * which the type checker enforces), `{name}` placeholders, and the locale-aware formatting of
 * money and dates. The choice is remembered in localStorage; the first visit follows
 * navigator.language. Handed down by context from the root layout, not a module singleton.
 *
 * English is in the first load; the Chinese dictionary is its own chunk, fetched when Chinese is
 * chosen (the root layout's load awaits it before the first paint when it is the remembered choice,
 * so a Chinese reader never sees English flash by). The manager's screens have words of their own
 * (en-manage.ts, zh-manage.ts), fetched by their layouts before they render, in the language on
 * screen; a language chosen after that fetches them too before it shows. The cashier's screens have theirs too
 * (en-cashier.ts, zh-cashier.ts): the English come in the cashier's layout's own chunk, the Chinese are fetched
 * like the manager's. The customer's later screens (the history, the claim pages, the dialogs the wallet fetches after
 * it opens) bring English words of their own (en-later.ts), handed over as they load; their Chinese are in zh.ts. The
 * service worker precaches every chunk for offline.
 */
import { getContext, setContext } from 'svelte';
import { en, type CoreKey, type MessageKey } from './en';
import type { CashierKey } from './en-cashier';
import type { LaterKey } from './en-later';
import type { ManageKey } from './en-manage';
import type { Money } from '$lib/money/money';
import { formatCount } from '$lib/money/money';
import { moneyText } from './money-text';
import { choosePlurals } from './plural';
import { formatDate, formatDateTime, formatTime } from './dates';
import { isKnownTimeZone } from '$lib/time/wall-clock';

export type Lang = 'en' | 'zh';
export const LANGS: { lang: Lang; label: string; short: string }[] = [
	{ lang: 'en', label: 'English', short: 'EN' },
	{ lang: 'zh', label: '简体中文', short: '中文' }
];

const STORAGE_KEY = 'pos.lang';
/** A language's core words; the Chinese have the later screens' too (zh.ts), the English get theirs apart (addLaterWords). */
type Dictionary = Record<CoreKey, string> & Partial<Record<LaterKey, string>>;
type ManageDictionary = Record<ManageKey, string>;
type CashierDictionary = Record<CashierKey, string>;
/** The dictionaries fetched so far (immutable data, shared by every I18n). */
const DICTIONARIES: Partial<Record<Lang, Dictionary>> = { en };
/** The manager's words fetched so far, by language: none until a manager's screen opens. */
const MANAGE_DICTIONARIES: Partial<Record<Lang, ManageDictionary>> = {};
/** The cashier's words so far, by language: none until the cashier's layout hands over the English (addCashierWords). */
const CASHIER_DICTIONARIES: Partial<Record<Lang, CashierDictionary>> = {};
/** The English words of the customer's later screens, none until the first of them loads (en-later.ts). */
const LATER_ENGLISH: Partial<Record<LaterKey, string>> = {};

/**
 * The English words of the customer's later screens, handed over by en-later.ts as it loads: every module that names
 * one of them imports it, so they are here before any of them renders, and the wallet's first load carries none.
 */
export function addLaterWords(english: Record<LaterKey, string>): void {
	Object.assign(LATER_ENGLISH, english);
}

/** The dictionary of `lang`, fetched once. */
export async function loadDictionary(lang: Lang): Promise<Dictionary> {
	const known = DICTIONARIES[lang];
	if (known) return known;
	const { zh } = await import('./zh');
	return (DICTIONARIES.zh = zh);
}

/** The manager's screens' words in `lang`, fetched once: their layouts' load awaits this before they render. */
export async function loadManageDictionary(lang: Lang): Promise<ManageDictionary> {
	const known = MANAGE_DICTIONARIES[lang];
	if (known) return known;
	const loaded = lang === 'zh' ? (await import('./zh-manage')).zhManage : (await import('./en-manage')).enManage;
	return (MANAGE_DICTIONARIES[lang] = loaded);
}

/**
 * The cashier's English words, handed over by the cashier's layout, which imports them (en-cashier.ts): the counter
 * then needs no fetch for them, offline from a cold start too, and the customer's phone never downloads them. A part
 * of them comes later with the screen that alone uses it (the counter's top-up, en-topup.ts), which hands it over
 * as its module loads, before it renders: added to those already here.
 */
export function addCashierWords(english: Partial<CashierDictionary>): void {
	CASHIER_DICTIONARIES.en = { ...CASHIER_DICTIONARIES.en, ...english } as CashierDictionary;
}

/** The cashier's screens' words in `lang`, the Chinese fetched once: the cashier's layout's load awaits this before they render. */
export async function loadCashierDictionary(lang: Lang): Promise<CashierDictionary> {
	const known = CASHIER_DICTIONARIES[lang];
	if (known) return known;
	if (lang === 'en') throw new Error("the cashier's English words come with the cashier's layout (addCashierWords)");
	return (CASHIER_DICTIONARIES.zh = (await import('./zh-cashier')).zhCashier);
}

/**
 * Everything `lang` needs on screen now: the manager's and the cashier's words too once their screens have asked
 * for them. Only the core words must come: a manager's or cashier's part that fails to load (offline, not cached)
 * must not keep every screen, the counter's too, from changing language (#words fetches it again when it is needed).
 */
async function loadAll(lang: Lang): Promise<unknown> {
	const manage = Object.keys(MANAGE_DICTIONARIES).length > 0;
	const cashier = Object.keys(CASHIER_DICTIONARIES).length > 0;
	const [core] = await Promise.allSettled([
		loadDictionary(lang),
		manage ? loadManageDictionary(lang) : undefined,
		cashier ? loadCashierDictionary(lang) : undefined
	]);
	if (core.status === 'rejected') throw core.reason;
	return core.value;
}
/**
 * The language on screen in this tab: the root layout's I18n's, kept here for code that runs where no component's
 * context reaches, such as a layout's load (langOnScreen). A tab has one I18n, made by the root layout; null until then.
 */
let shown: Lang | null = null;

/**
 * The language this tab shows: what a manager's layout fetches the words of before its screen renders. Not the
 * remembered choice: another tab may have changed that since this one opened, and this tab shows its own until told.
 * Before the root layout made its I18n (the first load), the remembered choice, which that I18n will show.
 */
export function langOnScreen(): Lang {
	return shown ?? I18n.preferredLang();
}

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

/**
 * `locale` picks plural forms ("1 payment", "2 payments"; see plural.ts) and writes numbers as counts ("1,234
 * payments", as ICU MessageFormat does): a number that names rather than counts (a Z report's No.) is passed as
 * a string.
 */
export function interpolate(template: string, params?: Params, locale = LOCALES.en): string {
	if (!params) return template;
	return choosePlurals(template, params, locale).replace(/\{(\w+)\}/g, (m, name: string) => {
		if (!(name in params)) return m;
		const value = params[name]!;
		return typeof value === 'number' ? formatCount(value, locale) : value;
	});
}

export class I18n {
	/** The language on screen: it changes once its dictionary is there. */
	#lang = $state<Lang>('en');
	#dictionary = $state.raw<Dictionary>(en);
	/** The language last asked for (a switch waiting for its dictionary). */
	#wanted: Lang = 'en';
	/** The zone dates and times are shown in; undefined: the device's own. */
	#timeZone = $state<string | undefined>(undefined);

	/** Shows `lang` at once when its dictionary is loaded (see loadDictionary), else English until it is. */
	constructor(lang: Lang) {
		this.#show(lang);
	}

	/** The remembered choice, else the browser's language. */
	static preferredLang(): Lang {
		let stored: string | null = null;
		try {
			stored = localStorage.getItem(STORAGE_KEY);
		} catch {
			// Storage may be blocked (private mode); the language then follows the browser.
		}
		return detectLang(stored, navigator.languages ?? [navigator.language]);
	}

	static fromBrowser(): I18n {
		return new I18n(I18n.preferredLang());
	}

	get lang(): Lang {
		return this.#lang;
	}

	set lang(lang: Lang) {
		try {
			localStorage.setItem(STORAGE_KEY, lang);
		} catch {
			// Not remembered, still switched.
		}
		this.#show(lang);
	}

	#show(lang: Lang) {
		this.#wanted = lang;
		const dictionary = DICTIONARIES[lang];
		const manageReady = Object.keys(MANAGE_DICTIONARIES).length === 0 || MANAGE_DICTIONARIES[lang] !== undefined;
		const cashierReady = Object.keys(CASHIER_DICTIONARIES).length === 0 || CASHIER_DICTIONARIES[lang] !== undefined;
		if (dictionary && manageReady && cashierReady) {
			this.#showNow(lang, dictionary);
			return;
		}
		shown ??= this.#lang; // the first load's language, should the remembered one fail to load
		loadAll(lang).then(
			() => {
				if (this.#wanted !== lang) return; // switched again meanwhile
				this.#showNow(lang, DICTIONARIES[lang]!);
			},
			(err: unknown) => console.error(`the ${lang} dictionary failed to load`, err)
		);
	}

	#showNow(lang: Lang, dictionary: Dictionary) {
		this.#lang = lang;
		this.#dictionary = dictionary;
		shown = lang;
	}

	get locale(): string {
		return LOCALES[this.#lang];
	}

	t = (key: MessageKey, params?: Params): string => interpolate(this.#words(key), params, this.locale);

	/** A core or later key from the language's dictionary (English where it has none); a manager's or cashier's key from its part. */
	#words(key: MessageKey): string {
		if (key in en) return this.#dictionary[key as CoreKey] ?? en[key as CoreKey];
		if (key in LATER_ENGLISH) return this.#dictionary[key as LaterKey] ?? LATER_ENGLISH[key as LaterKey]!;
		const cashierEnglish = CASHIER_DICTIONARIES.en;
		if (cashierEnglish && key in cashierEnglish) {
			void this.#partArrived; // read again when the cashier's part arrives
			const cashier = CASHIER_DICTIONARIES[this.#lang];
			if (cashier) return cashier[key as CashierKey];
			// As for the manager's words below: this language's part is fetched now, and meanwhile the words show in English.
			this.#fetchPart('cashier', this.#lang, loadCashierDictionary);
			return cashierEnglish[key as CashierKey];
		}
		void this.#partArrived; // read again when a manager's part arrives
		const manage = MANAGE_DICTIONARIES[this.#lang];
		if (manage) return manage[key as ManageKey];
		// The language was switched while a manager's screen was still loading its words in the one before (its
		// layout asked for the language then on screen): this language's part is fetched now, and meanwhile the words
		// show in the other. Only a screen whose layout loads no manager's words at all shows the key, as a bug should.
		this.#fetchPart('manager', this.#lang, loadManageDictionary);
		return (MANAGE_DICTIONARIES.en ?? MANAGE_DICTIONARIES.zh)?.[key as ManageKey] ?? key;
	}

	/** Counts the parts (the manager's, the cashier's) that arrived after a screen asked for their words. */
	#partArrived = $state(0);
	#partsFetching = new Set<string>();
	/** Fetches a part of the words in `lang`, once at a time; one that failed is asked for again at the next render that needs it. */
	#fetchPart(part: 'manager' | 'cashier', lang: Lang, load: (lang: Lang) => Promise<unknown>) {
		const id = `${part}:${lang}`;
		if (this.#partsFetching.has(id)) return;
		this.#partsFetching.add(id);
		load(lang).then(
			() => this.#partArrived++,
			(err: unknown) => {
				this.#partsFetching.delete(id);
				console.error(`the ${lang} ${part}'s words failed to load`, err);
			}
		);
	}

	/** A count (payments, coupons) as this language writes numbers: "1,234". */
	count = (n: number): string => formatCount(n, this.locale);

	/** An amount for a sentence; a negative one with a true minus sign that never parts from it. */
	money = (m: Money, opts: { short?: boolean } = {}): string => moneyText(m, this.locale, opts);

	/**
	 * The time zone dates and times are shown in. The cashier layout sets the shop's (its reports, its "today",
	 * its Z closes all follow it); the customer side leaves it unset, so a phone shows its owner's clock. A name
	 * Intl does not know is ignored rather than breaking every date on screen.
	 */
	get timeZone(): string | undefined {
		return this.#timeZone;
	}

	set timeZone(zone: string | undefined) {
		this.#timeZone = zone && isKnownTimeZone(zone) ? zone : undefined;
	}

	dateTime = (iso: string): string => formatDateTime(iso, this.locale, this.#timeZone);

	date = (iso: string): string => formatDate(iso, this.locale, this.#timeZone);

	/** A calendar day (YYYY-MM-DD, such as the shop's today), written as that day wherever the tablet is. */
	day = (ymd: string): string => new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));

	time = (iso: string): string => formatTime(iso, this.locale, this.#timeZone);
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
