import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/lib/i18n/en';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { enLater } from '../../../src/lib/i18n/en-later';
import { enManage } from '../../../src/lib/i18n/en-manage';
import { enTopUp } from '../../../src/lib/i18n/en-topup';
import { enTabletsUnsent } from '../../../src/lib/i18n/en-tablets-unsent';
import { enTopUpsToday } from '../../../src/lib/i18n/en-topups-today';
import { enNotPaid } from '../../../src/lib/i18n/en-not-paid';
import { zh } from '../../../src/lib/i18n/zh';
import { zhCashier } from '../../../src/lib/i18n/zh-cashier';
import { zhManage } from '../../../src/lib/i18n/zh-manage';

/**
 * The manager's words are a chunk of their own, fetched by the manager's screens' layouts (en-manage.ts). A key of
 * theirs used on any other screen would show as its key there, so no other file may name one.
 */
const SRC = join(import.meta.dirname, '../../../src');
/** Where the manager's words are loaded first: every page under these has the layout that fetches them. */
const MANAGER_SCREENS = ['routes/cashier/manage', 'routes/cashier/staff', 'routes/cashier/shop', 'routes/cashier/report'];
const PREFIXES = [...new Set(Object.keys(enManage).map((k) => k.slice(0, k.indexOf('.') + 1)))];

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

describe("the manager's words, apart from the first load", () => {
	it('are named only on the manager’s screens, each of which loads them', () => {
		const outside = sources(SRC).filter((p) => {
			const rel = relative(SRC, p);
			return !MANAGER_SCREENS.some((d) => rel.startsWith(d + '/')) && !/^lib\/i18n\/(en|zh)-manage\.ts$/.test(rel);
		});
		expect(outside.length).toBeGreaterThan(50);
		const quoted = new RegExp(`['"\`](${PREFIXES.map((p) => p.replace('.', '\\.')).join('|')})[A-Za-z{$]`);
		const named = outside.filter((p) => quoted.test(readFileSync(p, 'utf8'))).map((p) => relative(SRC, p));
		expect(named).toEqual([]);
		for (const dir of MANAGER_SCREENS) expect(readFileSync(join(SRC, dir, '+layout.ts'), 'utf8')).toContain('loadManageDictionary');
	});

	it('share no key with the core words, and each part is whole in both languages', () => {
		expect(Object.keys(enManage).filter((k) => k in en)).toEqual([]);
		expect(Object.keys(zhManage).sort()).toEqual(Object.keys(enManage).sort());
		expect(Object.keys(zh).sort()).toEqual(Object.keys({ ...en, ...enLater }).sort());
		expect(PREFIXES.sort()).toEqual(['close.', 'fig.', 'manage.', 'platform.', 'poster.', 'report.', 'shop.', 'staff.']);
	});
});

/**
 * The cashier's words come with the cashier's layout (en-cashier.ts; routes/cashier/+layout.ts), which every screen
 * under routes/cashier has: a key of theirs named anywhere else would show as its key there. Their prefixes are shared
 * with the core's (payment.settlement is the cashier's, payment.charged is core), so each key is checked by name, and no
 * other file may build a key from one of their prefixes ('charge.' + x, `charge.${x}`), which could name one unseen.
 */
const CASHIER_SCREENS = 'routes/cashier';
/** The declined list and the parts it is drawn with; its form of "Paid in cash / not paid" is fetched by cash-form-chunk.ts. */
const DECLINED_LIST_PARTS = [
	'lib/offline/DeclinedList.svelte',
	'lib/offline/DeclinedHeading.svelte',
	'lib/offline/DeclinedEntry.svelte',
	'lib/offline/ChargeAgainForm.svelte',
	'lib/offline/DeclinedDoneLine.svelte',
	'lib/offline/declined-list.ts',
	'lib/offline/cash-form-chunk.ts'
];
/**
 * Modules outside routes/cashier that only the cashier's screens show (the offline queue's banner, notices and declined
 * list, and the refusals they word): they may name the cashier's words too, as long as nothing else imports them.
 */
const CASHIER_ONLY = [
	'lib/offline/OfflineBanner.svelte',
	'lib/offline/OutboxStatus.svelte',
	'lib/offline/QueueSentNotice.svelte',
	'lib/offline/QueuedNotice.svelte',
	...DECLINED_LIST_PARTS,
	// Its form of "Paid in cash / not paid", a chunk of its own that only the declined list fetches.
	'lib/offline/DeclinedCashForm.svelte',
	'lib/offline/refusal.ts',
	'lib/cashier/rejections.ts',
	'lib/cashier/used-here.ts'
];
const onCashierScreens = (rel: string) => rel.startsWith(CASHIER_SCREENS + '/') || CASHIER_ONLY.includes(rel);

describe("the cashier's words, apart from the first load", () => {
	const outside = sources(SRC).filter((p) => {
		const rel = relative(SRC, p);
		return (
			!onCashierScreens(rel) &&
			!/^lib\/i18n\/(en|zh)-cashier\.ts$/.test(rel) &&
			!['lib/i18n/en-topup.ts', 'lib/i18n/en-topups-today.ts', 'lib/i18n/en-tablets-unsent.ts', 'lib/i18n/en-not-paid.ts'].includes(rel)
		);
	});
	/** The cashier's English words: the layout's, and those that come with their chunks (the counter top-up's, the day's top-up list's, the other tablets' unsent line's, the declined list's cash-or-not form's). */
	const english = { ...enCashier, ...enTopUp, ...enTopUpsToday, ...enTabletsUnsent, ...enNotPaid };

	it('come from modules outside routes/cashier that only the cashier’s screens import', () => {
		for (const rel of CASHIER_ONLY) {
			const name = rel.slice(rel.lastIndexOf('/') + 1).replace(/\.ts$/, '');
			// Imported statically, or fetched as a chunk of its own (`import('./…')`).
			const importedAs = new RegExp(`(?:from |import\\()['"][^'"]*/${name.replace('.', '\\.')}['"]`);
			const importers = sources(SRC)
				.filter((p) => importedAs.test(readFileSync(p, 'utf8')))
				.map((p) => relative(SRC, p));
			expect(importers.length, rel).toBeGreaterThan(0);
			expect(importers.filter((i) => !onCashierScreens(i)), rel).toEqual([]);
		}
	});
	const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

	it('are named only on the cashier’s screens, whose layout loads them', () => {
		expect(outside.length).toBeGreaterThan(50);
		const keys = Object.keys(english);
		const prefixes = [...new Set(keys.filter((k) => k.includes('.')).map((k) => k.slice(0, k.lastIndexOf('.') + 1)))];
		const named = new RegExp(`['"\`](${keys.map(escape).join('|')})['"\`]`);
		const built = new RegExp(`['"\`](${prefixes.map(escape).join('|')})(\\$\\{|['"\`]\\s*\\+)`);
		const found = outside.flatMap((p) => {
			const text = readFileSync(p, 'utf8');
			return [named.exec(text), built.exec(text)].filter((m) => m !== null).map((m) => `${relative(SRC, p)}: ${m[0]}`);
		});
		expect(found).toEqual([]);
		const layout = readFileSync(join(SRC, CASHIER_SCREENS, '+layout.ts'), 'utf8');
		expect(layout).toContain('addCashierWords(enCashier)');
		expect(layout).toContain('loadCashierDictionary');
	});

	it('share no key with the core words or the manager’s, and are whole in both languages', () => {
		expect(Object.keys(english).filter((k) => k in en || k in enLater || k in enManage)).toEqual([]);
		expect(Object.keys(enTopUp).filter((k) => k in enCashier)).toEqual([]);
		expect(Object.keys(enTopUpsToday).filter((k) => k in enCashier || k in enTopUp)).toEqual([]);
		expect(Object.keys(enTabletsUnsent).filter((k) => k in enCashier || k in enTopUp || k in enTopUpsToday || k in enNotPaid)).toEqual([]);
		expect(Object.keys(enNotPaid).filter((k) => k in enCashier || k in enTopUp || k in enTopUpsToday || k in enTabletsUnsent)).toEqual([]);
		expect(Object.keys(zhCashier).sort()).toEqual(Object.keys(english).sort());
		expect(Object.keys(enCashier).length).toBeGreaterThan(100);
	});

	it('the counter top-up’s come only with it (its own chunk, loaded when first opened), not in the counter’s first load', () => {
		const importers = sources(SRC)
			// A type-only import (en-cashier.ts's TopUpKey) brings no words.
			.filter((p) => /^\s*import (?!type )[^;]*from ['"][^'"]*\/en-topup['"]/m.test(readFileSync(p, 'utf8')))
			.map((p) => relative(SRC, p));
		expect(importers).toEqual(['routes/cashier/TopUpCounter.svelte']);
		expect(readFileSync(join(SRC, CASHIER_SCREENS, 'TopUpCounter.svelte'), 'utf8')).toContain('addCashierWords(enTopUp)');
		// The counter imports the top-up only lazily: a static import would bring its words back into the first load.
		const counter = readFileSync(join(SRC, CASHIER_SCREENS, '+page.svelte'), 'utf8');
		expect(counter).toContain("import('./TopUpCounter.svelte')");
		expect(counter).not.toMatch(/^\s*import [^(]*TopUpCounter/m);
		for (const key of Object.keys(enTopUp)) expect(counter, key).not.toContain(`'${key}'`);
	});

	it('the day’s top-up list’s come only with it (its own chunk, loaded when Today’s top-up line is first tapped)', () => {
		const importers = sources(SRC)
			.filter((p) => /^\s*import (?!type )[^;]*from ['"][^'"]*\/en-topups-today['"]/m.test(readFileSync(p, 'utf8')))
			.map((p) => relative(SRC, p));
		expect(importers).toEqual(['routes/cashier/payments/TopUpsOfDay.svelte']);
		expect(readFileSync(join(SRC, CASHIER_SCREENS, 'payments/TopUpsOfDay.svelte'), 'utf8')).toContain('addCashierWords(enTopUpsToday)');
		const today = readFileSync(join(SRC, CASHIER_SCREENS, 'payments/+page.svelte'), 'utf8');
		expect(today).toContain("import('./TopUpsOfDay.svelte')");
		expect(today).not.toMatch(/^\s*import [^(]*TopUpsOfDay/m);
	});

	it('the other tablets’ unsent line’s come only with it (its own chunk, loaded after Today, the Day report and the close open)', () => {
		const importers = sources(SRC)
			.filter((p) => /^\s*import (?!type )[^;]*from ['"][^'"]*\/en-tablets-unsent['"]/m.test(readFileSync(p, 'utf8')))
			.map((p) => relative(SRC, p));
		expect(importers).toEqual(['routes/cashier/TabletsUnsent.svelte']);
		expect(readFileSync(join(SRC, CASHIER_SCREENS, 'TabletsUnsent.svelte'), 'utf8')).toContain('addCashierWords(enTabletsUnsent)');
		for (const screen of ['payments/+page.svelte', 'report/+page.svelte', 'report/CloseDay.svelte']) {
			const text = readFileSync(join(SRC, CASHIER_SCREENS, screen), 'utf8');
			expect(text, screen).toContain("import('../TabletsUnsent.svelte')");
			expect(text, screen).not.toMatch(/^\s*import [^(]*TabletsUnsent/m);
		}
	});

	it('the words of "Not paid — customer left" come only with the declined list’s cash-or-not form (its own chunk) and Today', () => {
		const importers = sources(SRC)
			.filter((p) => /^\s*import (?!type )[^;]*from ['"][^'"]*\/en-not-paid['"]/m.test(readFileSync(p, 'utf8')))
			.map((p) => relative(SRC, p));
		expect(importers.sort()).toEqual(['lib/offline/DeclinedCashForm.svelte', 'routes/cashier/payments/+page.svelte', 'routes/cashier/payments/PaymentDetail.svelte']);
		for (const file of importers) expect(readFileSync(join(SRC, file), 'utf8'), file).toContain('addCashierWords(enNotPaid)');
		// The list fetches the form only lazily, and names none of its words: a static import, or a key named in the
		// list, would bring them back into the counter's first load (or show a key as itself before the form came).
		expect(readFileSync(join(SRC, 'lib/offline/cash-form-chunk.ts'), 'utf8')).toContain("import('./DeclinedCashForm.svelte')");
		for (const part of DECLINED_LIST_PARTS) {
			const list = readFileSync(join(SRC, part), 'utf8');
			expect(list, part).not.toMatch(/^\s*import [^(]*DeclinedCashForm/m);
			for (const key of Object.keys(enNotPaid)) expect(list, `${part}: ${key}`).not.toContain(`'${key}'`);
		}
	});
});

/**
 * The customer's later screens' English words (en-later.ts: the history, the claim pages, the dialogs the wallet fetches
 * after it opens) are not in the wallet's first load, and come with the first module that names one: that module
 * imports them, so they are handed over before it runs, and it never shows a key for want of its words.
 */
describe("the customer's later screens' words, apart from the wallet's first load", () => {
	const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const importsLater = /^\s*import (?!type )[^;]*?['"]\$lib\/i18n\/en-later['"]/m;

	it('are named only in modules that import them', () => {
		const keys = Object.keys(enLater);
		// A key built from a prefix that only later keys have ('claim.error.' + code) names one unseen.
		const prefixOf = (k: string) => k.slice(0, k.lastIndexOf('.') + 1);
		const corePrefixes = new Set(Object.keys(en).map(prefixOf));
		const prefixes = [...new Set(keys.map(prefixOf))].filter((p) => !corePrefixes.has(p));
		const named = new RegExp(`['"\`](${keys.map(escape).join('|')})['"\`]`);
		const built = new RegExp(`['"\`](${prefixes.map(escape).join('|')})(\\$\\{|['"\`]\\s*\\+)`);
		const naming = sources(SRC).filter((p) => !/lib\/i18n\/(en|zh)[^/]*\.ts$/.test(p) && (named.test(readFileSync(p, 'utf8')) || built.test(readFileSync(p, 'utf8'))));
		expect(naming.length).toBeGreaterThan(10);
		expect(naming.filter((p) => !importsLater.test(readFileSync(p, 'utf8'))).map((p) => relative(SRC, p))).toEqual([]);
	});

	it('are not imported by anything the wallet loads first', () => {
		// The modules the wallet's first load imports statically (a dynamic import() or an `import type` brings nothing).
		const roots = ['routes/+layout.svelte', 'routes/+layout.ts', 'routes/+error.svelte', 'routes/customer/+layout.svelte', 'routes/customer/+page.svelte'];
		const seen = new Set<string>();
		const resolve = (from: string, spec: string): string | null => {
			const base = spec.startsWith('$lib/') ? join(SRC, 'lib', spec.slice(5)) : spec.startsWith('.') ? join(from, '..', spec) : null;
			if (!base) return null; // a package
			for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
				try {
					if (statSync(candidate).isFile()) return candidate;
				} catch {
					// not this one
				}
			}
			throw new Error(`${relative(SRC, from)}: cannot resolve ${spec}`);
		};
		const visit = (path: string) => {
			if (seen.has(path)) return;
			seen.add(path);
			const text = readFileSync(path, 'utf8');
			for (const m of text.matchAll(/^\s*(?:import|export) (?!type )(?:[^;'"]*? from )?['"]([^'"]+)['"]/gm)) {
				const next = resolve(path, m[1]);
				if (next) visit(next);
			}
		};
		for (const root of roots) if (statSync(join(SRC, root), { throwIfNoEntry: false })) visit(join(SRC, root));
		const loaded = [...seen].map((p) => relative(SRC, p));
		expect(loaded).toContain('routes/customer/CodeScreen.svelte');
		expect(loaded).toContain('lib/i18n/en.ts');
		expect(loaded.filter((p) => p === 'lib/i18n/en-later.ts' || importsLater.test(readFileSync(join(SRC, p), 'utf8')))).toEqual([]);
	});
});
