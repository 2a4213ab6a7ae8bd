/**
 * A shop owner closing a day with two cashiers sees who took what: the Day report and the X report (on screen and on
 * its printed page) have a "By cashier" section, each cashier's sales, savings, what their customers paid and the
 * refunds they gave, most charged first, adding up to the shop's figures above. A refund counts for the cashier who
 * gave it, not who rang up the sale, and the section says so. A cashier who cannot manage sees only their own line,
 * titled "Your figures".
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

/** One cashier's list in a "By cashier" section, and a figure of it. */
const cashierIn = (section: Locator, handle: string) => section.locator(`[data-testid=by-cashier-row][data-cashier="${handle}"]`);
const fig = (row: Locator, name: string) => row.locator(`[data-by=${name}]`);

/** The section's cashiers, in order, and each one's figures as shown. */
async function expectTwoCashiers(section: Locator) {
	await expect(section.getByTestId('by-cashier-row')).toHaveCount(2);
	// Most charged first: cashier-1's ¥25.00 (¥30.00 less bob's ¥5 coupon), then the owner's ¥20.00.
	await expect(section.locator('[data-by=handle]')).toHaveText(['cashier-1', 'owner']);
	const c1 = cashierIn(section, 'cashier-1');
	await expect(fig(c1, 'count')).toHaveText('1');
	await expect(fig(c1, 'amount')).toHaveText('¥30.00');
	await expect(fig(c1, 'deduction')).toHaveText('¥5.00');
	await expect(fig(c1, 'charged')).toHaveText('¥25.00');
	// The refund of cashier-1's sale is the owner's, who gave it: cashier-1 gave none, and has no refunds line.
	await expect(fig(c1, 'refunds')).toHaveCount(0);
	await expect(c1).not.toContainText('refund');
	const owner = cashierIn(section, 'owner');
	await expect(fig(owner, 'count')).toHaveText('1');
	await expect(fig(owner, 'charged')).toHaveText('¥20.00');
	await expect(fig(owner, 'deduction')).toHaveText('¥0.00');
	// ¥12.00 of the ¥30.00 sale refunded pays back ¥12.00: ¥10.00 of the ¥25.00 bob paid to him, ¥2.00 of the
	// platform's ¥5 saving to the platform (as the shop's "Paid back by refunds").
	await expect(fig(owner, 'refunds')).toHaveText('¥12.00');
	await expect(fig(owner, 'refunds')).toHaveAttribute('data-count', '1');
	await expect(owner).toContainText('Paid back by refunds given (1 refund)');
	await expect(section).toContainText('A refund counts for the cashier who gave it, not who made the sale.');
}

/**
 * The section's markup: its heading at the level its page gives it, a list of cashiers each named by a heading one
 * level below, and each figure a term with its value (no term left without one).
 */
async function expectListOfCashiers(section: Locator, level: number) {
	await expect(section.getByRole('heading', { level, name: 'By cashier' })).toBeVisible();
	await expect(section.getByRole('list').getByRole('listitem')).toHaveCount(2);
	const owner = section.getByRole('listitem', { name: 'owner' });
	await expect(owner.getByRole('heading', { level: level + 1 })).toHaveText('owner');
	await expect(owner.getByRole('term').first()).toBeVisible();
	await expect(section.locator('dt:not(:has(+ dd))')).toHaveCount(0);
	await expect(section.locator('dt')).not.toHaveCount(0);
}

test('the Day and X reports say who took what, by cashier, with refunds counted for who gave them', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const fiveOff = (await api.coupons(server.url, bob)).find((c) => c.title === '¥5 off' && c.state === 'available');
	const sale = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob, fiveOff!.id), 3000);
	expect(sale.status).toBe(201);
	expect((await api.pay(server.url, owner.token, await api.payCode(server.url, alice), 2000)).status).toBe(201);
	await api.refund(server.url, owner.token, sale.data.payment.id, 1200);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	const day = page.getByTestId('report-by-cashier');
	await expect(day.getByRole('heading', { name: 'By cashier' })).toBeVisible();
	await expectTwoCashiers(day);
	await expectListOfCashiers(day, 2);
	// The rows add up to the shop's figures above them.
	await expect(page.getByTestId('report-count')).toHaveText('2');
	await expect(page.getByTestId('report-refunds')).toHaveText('¥12.00');
	await captureBoth(page, 'qa-owner-report-by-cashier-day');

	await page.getByRole('button', { name: 'X report' }).click();
	const xFigures = page.getByTestId('x-figures');
	await expect(xFigures.locator('[data-fig=charged]')).toHaveText('¥45.00');
	await expect(xFigures.locator('[data-fig=paid-back]')).toHaveText('¥12.00');
	await expectTwoCashiers(page.getByTestId('x-figures-by-cashier'));
	// Under the X card's own h3 (the Day report's h1, then Close the day's h2).
	await expectListOfCashiers(page.getByTestId('x-figures-by-cashier'), 4);

	// The X report's own page, as it prints: the section stays in the sheet's narrow column of lines.
	const xSection = page.locator('section', { has: xFigures });
	await xSection.getByRole('link', { name: 'Print' }).click();
	await expect(page).toHaveURL(/\/cashier\/report\/x$/);
	const sheet = page.getByRole('article');
	await expectTwoCashiers(sheet.getByTestId('x-view-figures-by-cashier'));
	// Under the sheet's h1, as the By campaign heading, and set as it is.
	await expectListOfCashiers(sheet.getByTestId('x-view-figures-by-cashier'), 2);
	const fontSize = (name: string) => sheet.getByRole('heading', { level: 2, name }).evaluate((e) => getComputedStyle(e).fontSize);
	expect(await fontSize('By cashier')).toBe(await fontSize('Savings by campaign'));
	await captureBoth(page, 'qa-owner-report-by-cashier-x');
	// On screen the two cashiers stand side by side on a tablet; on paper one under the other, each kept whole.
	const blocks = sheet.getByTestId('x-view-figures-by-cashier').getByTestId('by-cashier-row');
	const boxes = () => blocks.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, top: r.top, bottom: r.bottom })));
	const [left, right] = await boxes();
	expect(right!.x).toBeGreaterThan(left!.x);
	await page.emulateMedia({ media: 'print' });
	await expect(sheet.getByTestId('x-view-figures-by-cashier')).toBeVisible();
	const [first, second] = await boxes();
	expect(second!.x).toBe(first!.x);
	expect(second!.top).toBeGreaterThanOrEqual(first!.bottom);
	expect(await blocks.evaluateAll((els) => els.map((e) => getComputedStyle(e).breakInside))).toEqual(['avoid', 'avoid']);
	await screenshot(page, 'qa-owner-report-by-cashier-x-print');
	await page.emulateMedia({ media: 'screen' });

	// In Chinese.
	await page.getByRole('button', { name: /简体中文/ }).click();
	const zh = sheet.getByTestId('x-view-figures-by-cashier');
	await expect(zh.getByRole('heading', { name: '按收银员' })).toBeVisible();
	await expect(zh).toContainText('退款计入办理退款的收银员，而非收款的收银员。');
	await expect(cashierIn(zh, 'owner')).toContainText('办理的退款支出（1 笔退款）');
	await expect(cashierIn(zh, 'cashier-1')).not.toContainText('退款');
	await captureBoth(page, 'qa-owner-report-by-cashier-x-zh');
});

test('the Z report closes with the same section and keeps it on its own page', async ({ page, server }) => {
	// The sales of the test above, still open (one server a file).
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
	await page.getByRole('dialog', { name: 'Close the day?' }).getByRole('button', { name: 'Close the day' }).click();
	await expect(page.getByText('Day closed: Z report No. 1.')).toBeVisible();
	await expectTwoCashiers(page.getByTestId('z-figures-by-cashier'));
	await expectListOfCashiers(page.getByTestId('z-figures-by-cashier'), 4);
	await page.getByTestId('z-list').getByRole('link', { name: 'View' }).first().click();
	const sheet = page.getByRole('article');
	await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('Z report No. 1');
	await expectTwoCashiers(sheet.getByTestId('z-view-figures-by-cashier'));
	await expectListOfCashiers(sheet.getByTestId('z-view-figures-by-cashier'), 2);
	await screenshot(page, 'qa-owner-report-by-cashier-z');
});

test('a cashier who cannot manage sees only their own line, titled as theirs, not as the staff', async ({ page, server }) => {
	// The day of the tests above (cashier-1's ¥25.00 and the owner's ¥20.00, closed into Z report No. 1), and one
	// more sale of cashier-1's since, for the X report.
	const cashier = await api.cashierSession(server.url);
	const alice = await api.customerToken(server.url, 'alice', '1111');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, alice), 1000)).status).toBe(201);

	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Day report' }).click();
	const day = page.getByTestId('report-by-cashier');
	// Theirs alone: not "By cashier", which read as the whole staff's.
	await expect(day.getByRole('heading', { level: 2, name: 'Your figures' })).toBeVisible();
	await expect(day.getByRole('heading', { name: 'By cashier' })).toHaveCount(0);
	await expect(day.getByTestId('by-cashier-row')).toHaveCount(1);
	await expect(day.locator('[data-by=handle]')).toHaveText(['cashier-1']);
	await expect(fig(cashierIn(day, 'cashier-1'), 'charged')).toHaveText('¥35.00');
	await expect(day).toContainText('Only your own sales, and the refunds you gave (whoever made the sale).');
	await expect(day).not.toContainText('A refund counts for the cashier who gave it');
	// The shop's figures above are still the whole shop's.
	await expect(page.getByTestId('report-count')).toHaveText('3');
	await captureBoth(page, 'qa-cashier-report-your-figures-day');

	await page.getByRole('button', { name: 'X report' }).click();
	const x = page.getByTestId('x-figures-by-cashier');
	await expect(x.getByRole('heading', { level: 4, name: 'Your figures' })).toBeVisible();
	await expect(x.getByTestId('by-cashier-row')).toHaveCount(1);
	await expect(fig(cashierIn(x, 'cashier-1'), 'charged')).toHaveText('¥10.00');

	await page.getByTestId('z-list').getByRole('link', { name: 'View' }).first().click();
	const sheet = page.getByRole('article');
	await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('Z report No. 1');
	const z = sheet.getByTestId('z-view-figures-by-cashier');
	await expect(z.getByRole('heading', { level: 2, name: 'Your figures' })).toBeVisible();
	await expect(z.locator('[data-by=handle]')).toHaveText(['cashier-1']);
	await screenshot(page, 'qa-cashier-report-your-figures-z');

	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(z.getByRole('heading', { level: 2, name: '我的数据' })).toBeVisible();
	await expect(z).toContainText('仅含你本人的收款，以及你办理的退款（无论原收款人是谁）。');
	await expect(z).not.toContainText('按收银员');
	await page.setViewportSize({ width: 360, height: 640 });
	await screenshot(page, 'qa-cashier-report-your-figures-z-zh-360');
	await page.goto('/cashier/report');
	await expect(page.getByTestId('report-by-cashier').getByRole('heading', { name: '我的数据' })).toBeVisible();
	await page.getByTestId('report-by-cashier').scrollIntoViewIfNeeded();
	await screenshot(page, 'qa-cashier-report-your-figures-day-zh-360');
});
