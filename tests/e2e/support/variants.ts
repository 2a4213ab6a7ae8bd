/**
 * Checks made at several sizes and in both languages on one page: the page is resized and its language switched in
 * place, so a costly scenario (customers, a sign-in, an outage) runs once for what used to be a test per size and
 * language that differed only in what it checked at the end.
 */
import { expect, type Page } from '@playwright/test';
import { switchLanguage } from './pages';

export type Lang = 'en' | 'zh';
export interface Size {
	width: number;
	height: number;
}

/** The language on screen, as the root layout puts it on <html lang>. */
export async function langOnScreen(page: Page): Promise<Lang> {
	return (await page.locator('html').getAttribute('lang'))?.startsWith('zh') ? 'zh' : 'en';
}

/** Puts `lang` on screen with the bar's "Switch language to …" button ("切换语言为 …"), if it is not already. */
export async function showLanguage(page: Page, lang: Lang): Promise<void> {
	if ((await langOnScreen(page)) === lang) return;
	await switchLanguage(page);
	await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
}

/**
 * Runs `check` at every size in every language, in the order given: the sizes in order for the first language and
 * backwards for the next (one resize fewer). Leaves the page at the last size checked, in the last language.
 */
export async function atEverySizeAndLanguage(
	page: Page,
	sizes: readonly Size[],
	langs: readonly Lang[],
	check: (size: Size, lang: Lang) => Promise<void>
): Promise<void> {
	let order = [...sizes];
	for (const lang of langs) {
		await showLanguage(page, lang);
		for (const size of order) {
			await page.setViewportSize(size);
			await check(size, lang);
		}
		order = order.reverse();
	}
}
