/**
 * The owner prints the day's reports at closing time, from a tablet often left in dark mode. On paper the figures
 * that matter most, "Shop receives" and "Shop keeps after refunds", came out pale or not at all: they are white words
 * on the brand card's colour, and a printer leaves backgrounds out. In dark mode the whole sheet printed in the dark
 * palette (light text). On paper every figure must be dark ink on white, whatever the screen's colour scheme.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET, colorScheme: 'dark' });

/**
 * The element's text colour and the backgrounds behind it (each ancestor's that has one), as relative luminances
 * (0 black, 1 white).
 */
async function ink(locator: Locator): Promise<{ text: number; backgrounds: number[] }> {
	return locator.evaluate((el) => {
		const luminance = (css: string) => {
			const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
				const c = v / 255;
				return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const backgrounds: number[] = [];
		for (let node: Element | null = el; node; node = node.parentElement) {
			const bg = getComputedStyle(node).backgroundColor;
			const alpha = bg.startsWith('rgba') ? Number(bg.match(/[\d.]+/g)?.[3] ?? 1) : 1;
			if (alpha > 0) backgrounds.push(luminance(bg));
		}
		return { text: luminance(getComputedStyle(el).color), backgrounds };
	});
}

/** Dark ink (at most #595959's luminance, 7:1 on white) on white or near it. */
async function expectInkOnPaper(locator: Locator, what: string) {
	const { text, backgrounds } = await ink(locator);
	expect(text, `${what}: its text is dark`).toBeLessThan(0.1);
	for (const bg of backgrounds) expect(bg, `${what}: nothing dark behind it`).toBeGreaterThan(0.9);
}

/** On paper from a tablet in either scheme (in the light one, the brand card's words were white). */
async function printAndCheck(page: Page, figures: [Locator, string][], shot: string) {
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ media: 'print', colorScheme });
		for (const [locator, what] of figures) await expectInkOnPaper(locator, `${what} (${colorScheme})`);
	}
	await screenshot(page, shot);
	await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
}

test('the Day report and the X report print dark on white from a tablet in dark mode', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const sale = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 2350);
	expect(sale.status).toBe(201);
	await api.refund(server.url, cashier.token, sale.data.payment.id, 350);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-takings')).toHaveText('¥23.50');
	// A day with a refund: the brand card's big figure is what the shop keeps, the two it comes from under it.
	const brandName = page.getByTestId('report-net').locator('..').locator('dt');
	await expect(brandName).toHaveText('Shop keeps after refunds');
	await expect(page.getByTestId('report-net')).toHaveText('¥20.00');
	// On screen the dark palette stays: light words on the dark page.
	expect((await ink(page.getByTestId('report-count'))).text).toBeGreaterThan(0.5);

	await printAndCheck(
		page,
		[
			[page.getByTestId('report-takings'), 'Shop receives'],
			[page.getByTestId('report-net-parts'), 'Shop receives and Paid back, their names'],
			[brandName, 'Shop keeps after refunds, its name'],
			[page.getByTestId('report-net'), 'Shop keeps after refunds'],
			[page.getByTestId('report-count'), 'Payments'],
			[page.getByTestId('report-printed-day'), 'whose day'],
			[page.getByRole('heading', { name: 'Day report' }), 'the title']
		],
		'qa-owner-print-ink-day'
	);

	await page.getByRole('button', { name: 'X report' }).click();
	const xSection = page.locator('section', { has: page.getByTestId('x-figures') });
	await xSection.getByRole('link', { name: 'Print' }).click();
	const sheet = page.getByRole('article');
	await expect(sheet.locator('[data-fig=settlement]')).toHaveText('¥23.50');
	await printAndCheck(
		page,
		[
			[sheet.locator('[data-fig=settlement]'), 'X: Shop receives'],
			[sheet.locator('[data-fig=net]'), 'X: Shop keeps'],
			[sheet.getByRole('heading', { level: 1 }), 'X: its title']
		],
		'qa-owner-print-ink-x'
	);
});

test('the platform statement on paper: its ✓ is ink, and the shop is named once', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/report/platform');
	const mark = page.getByTestId('platform-reconciled').locator('.icon');
	await expect(mark).toHaveText('✓');
	await page.emulateMedia({ media: 'print', colorScheme: 'light' });
	// The mark was drawn white on the banner's green, and a printer leaves the green out.
	await expectInkOnPaper(mark, 'the ✓');
	const sheet = page.getByRole('article');
	await expect(page.getByTestId('platform-printed-period')).toBeVisible();
	const printed = await sheet.evaluate((el) => (el as HTMLElement).innerText);
	expect(printed.split('Demo Café').length - 1, printed).toBe(1);
	await screenshot(page, 'qa-owner-print-ink-platform');
	await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
});
