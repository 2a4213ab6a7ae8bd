/**
 * The owner counting the till at the end of the day looks for the cash it should hold. No screen gave it: they added
 * three lines by hand (paid in cash after a decline + top-ups in cash − top-ups reversed). The Day report, the X
 * report (on screen and printed), the Close-the-day confirmation, the printed Z report and each cashier's figures now
 * give that sum as a line of its own, "Cash in the till from this period", only where cash changed hands. Sales from
 * wallets and their refunds are not cash, and are not in it. A reversal is the manager's who made it, and By cashier
 * says so. And the Day report's "Paid back by refunds" card lists only the two parts that make its figure: "Sales
 * refunded" (a part of the sales, more than was paid back with a coupon the shop funded) is under Sales, as on X and Z.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { wordsBroken } from './support/lines';
import { expectAccessible, openCounterSignedIn, screenshot } from './support/pages';

const CNY = (amount: number) => ({ amount, currency: 'CNY' });

/** A sale the customer's wallet could not pay (declined) whose customer left: written off as not paid by `token`'s cashier. */
async function declinedNotPaid(base: string, token: string, amount: number) {
	const carol = await api.customerToken(base, 'carol', '3333');
	const declined = await api.pay(base, token, await api.payCode(base, carol), amount);
	expect(declined.status).toBe(402);
	await api.created(base, token, `/payments/${declined.data.payment.id}/not-paid`, { note: 'Walked out' });
}

/** A sale the customer's wallet could not pay (declined), then paid in cash at the counter; noted by `token`'s cashier. */
async function declinedThenPaidInCash(base: string, token: string, amount: number) {
	const carol = await api.customerToken(base, 'carol', '3333');
	const declined = await api.pay(base, token, await api.payCode(base, carol), amount);
	expect(declined.status).toBe(402);
	await api.created(base, token, `/payments/${declined.data.payment.id}/paid-in-cash`, { note: 'Paid in cash' });
}

/** Cash put on a demo customer's wallet at the counter by `token`'s cashier; the top-up's id. */
async function topUpAtCounter(base: string, token: string, handle: string, pin: string, amount: number): Promise<string> {
	const customer = await api.customerToken(base, handle, pin);
	const made = await api.created<{ topUp: { id: string } }>(base, token, '/topups', { code: await api.payCode(base, customer), amount: CNY(amount) });
	return made.topUp.id;
}

const reverse = (base: string, managerToken: string, topUpId: string) => api.created(base, managerToken, `/topups/${topUpId}/reversal`, {});

/** A cashier's list in a "By cashier" section, and its till line. */
const tillOf = (section: Locator, handle: string) => section.locator(`[data-testid=by-cashier-row][data-cashier="${handle}"] [data-by=till]`);

/**
 * The period view's rows and total, for the month so far: the tests' server is new with this file and runs on UTC, so
 * the month holds only today's sales, on its last row, and its total is today's.
 */
function monthSoFar(page: Page) {
	const today = new Date().toISOString().slice(0, 10);
	return { today, first: `${today.slice(0, 8)}01`, days: page.getByTestId('period-day'), todays: page.locator(`[data-testid=period-day][data-date="${today}"]`), total: page.getByTestId('period-total') };
}

/** Last month's first, second and last day, on the tests' server's clock (UTC). */
function lastMonthDays() {
	const now = new Date();
	const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
	return {
		first: day(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)),
		second: day(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 2)),
		last: day(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
	};
}

/** The report page's address, to its end: `search` is what follows /cashier/report (nothing for today's Day report). */
const reportAt = (search: string) => new RegExp(`/cashier/report${search.replace(/[?]/g, '\\?')}$`);

async function openInChinese(page: Page) {
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await expect(page.getByRole('group', { name: '金额键盘' })).toBeVisible();
}

test('at 1024 in English, the Day report, X, the close confirmation, By cashier and the printed Z give the cash in the till', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const cashier = await api.cashierSession(server.url);
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');

	// No cash yet, on a day with a wallet sale: the till line says ¥0.00 all the same, on the Day report and the X (it
	// was left out, and an owner closing a card-only day found nothing to count the drawer against).
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, await api.customerToken(server.url, 'bob', '2222')), 1_234)).status).toBe(201);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/report');
	await expect(page.getByTestId('report-count')).toHaveText('1');
	await expect(page.getByTestId('report-till').locator('.line').first()).toHaveText('Cash in the till from this day: ¥0.00');
	await page.getByRole('button', { name: 'X report' }).click();
	await expect(page.getByTestId('x-figures').locator('[data-fig=till]')).toHaveText('¥0.00');
	await page.reload();

	// cashier-1: ¥75.00 paid in cash after a decline, ¥100.00 and ¥50.00 topped up in cash; the owner reverses the ¥50.00.
	await declinedThenPaidInCash(server.url, cashier.token, 7_500);
	await topUpAtCounter(server.url, cashier.token, 'bob', '2222', 10_000);
	const wrong = await topUpAtCounter(server.url, cashier.token, 'alice', '1111', 5_000);
	await reverse(server.url, owner.token, wrong);
	// A wallet sale with the shop's ¥10 coupon, refunded in full by the owner: no cash, and ¥60.00 of sales refunded
	// pays back ¥50.00 (the coupon's ¥10 the shop never received).
	const sale = await api.payWithCoupon(server.url, cashier.token, 'alice', '1111', '¥10 off orders of ¥50 or more', 6_000);
	await api.refund(server.url, owner.token, sale);

	// The Day report: ¥75.00 + ¥150.00 − ¥50.00.
	await page.reload();
	const till = page.getByTestId('report-till');
	await expect(till.locator('.line')).toHaveText(['Cash in the till from this day: ¥175.00', 'Cash taken at the counter, less cash paid back out; not counting the float']);
	// Under the three lines it sums, in the same card.
	await expect(page.getByTestId('report-paid-in-cash')).toHaveText('1 paid in cash after a decline: ¥75.00');
	await expect(page.getByTestId('report-top-ups')).toContainText('¥150.00');
	await expect(page.getByTestId('report-top-ups-reversed')).toContainText('¥50.00');
	// The refunds card adds up: ¥50.00 is ¥50.00 back to alice and ¥0.00 to the platform; the ¥60.00 of sales
	// refunded is under Sales.
	await expect(page.getByTestId('report-refunds')).toHaveText('¥50.00');
	await expect(page.getByTestId('report-refunds-hint').locator('.line')).toHaveText(['Back to customers: ¥50.00', 'Platform’s savings returned: ¥0.00']);
	const salesCard = page.getByTestId('report-figures').locator('.fig', { hasText: 'Amounts keyed, before coupons' });
	await expect(salesCard.getByTestId('report-refunded-sales')).toHaveText('Sales refunded: ¥60.00');
	// By cashier: cashier-1's ¥225.00, the owner's reversal −¥50.00 (theirs, and said so); they add up to ¥175.00.
	const byCashier = page.getByTestId('report-by-cashier');
	await expect(tillOf(byCashier, 'cashier-1')).toHaveText('¥225.00');
	await expect(tillOf(byCashier, 'owner')).toHaveText('−¥50.00');
	await expect(byCashier.locator('dt', { has: page.locator('xpath=following-sibling::dd[@data-by="till"]') }).first()).toHaveText('Cash in the till');
	await expect(page.getByTestId('report-by-cashier-till-rule')).toHaveText(
		'Cash in the till is the cash each took, less the top-ups they reversed: a reversal counts for the manager who made it, not who took the top-up.'
	);
	// On a day with refunds the brand card's big figure is what the shop ends the day with (¥62.34 received less
	// ¥50.00 paid back), the two under it as the X report lists them; Today's header and the close lead with it too.
	const brand = page.getByTestId('report-figures').locator('.fig', { has: page.getByTestId('report-net') });
	await expect(brand.locator('dt')).toHaveText('Shop keeps after refunds');
	await expect(page.getByTestId('report-net')).toHaveText('¥12.34');
	await expect(page.getByTestId('report-net-parts').locator('.line')).toHaveText(['Shop receives ¥62.34', 'Paid back by refunds ¥50.00']);
	await expect(page.getByTestId('report-takings')).toHaveText('¥62.34');
	// Today's report is where the day is closed: no link away to it.
	await expect(page.getByRole('heading', { name: 'Close the day' })).toBeVisible();
	await expect(page.getByTestId('report-close-on-today')).toHaveCount(0);
	await screenshot(page, 'qa-owner-till-cash-day-en');
	await expectAccessible(page, 'Day report with the till line');
	await page.setViewportSize(PHONE);
	await screenshot(page, 'qa-owner-till-cash-day-en-390');
	await page.setViewportSize(TABLET);

	// The month so far, for reconciling with the bank: a row a day, today's the day's figures, and its CSV.
	await page.getByRole('button', { name: 'This month' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Period report');
	const month = monthSoFar(page);
	await expect(month.days).toHaveCount(Number(month.today.slice(8)));
	// Each day says what the shop kept of it, after what it received and paid back.
	await expect(page.getByTestId('period-days').locator('thead th').nth(7)).toHaveText('Shop keeps after refunds');
	await expect(month.todays.locator('td')).toHaveText(['2', '¥72.34', '¥10.00', '¥62.34', '¥62.34', '¥50.00', '¥12.34', '¥175.00']);
	await expect(month.total.locator('td')).toHaveText(['2', '¥72.34', '¥10.00', '¥62.34', '¥62.34', '¥50.00', '¥12.34', '¥175.00']);
	await expect(page.getByTestId('period-figures').locator('[data-fig=till]')).toHaveText('¥175.00');
	await expect(page.getByRole('button', { name: 'This month' })).toHaveAttribute('aria-pressed', 'true');
	// The month's figures on the first screen, above its days (the total row was three screens down), each day's row
	// compact and tappable across its width.
	const summary = page.getByTestId('period-summary');
	await expect(summary.locator('[data-sum=net]')).toHaveText('¥12.34');
	await expect(summary.locator('[data-sum=settlement]')).toHaveText('¥62.34');
	await expect(summary.locator('[data-sum=till]')).toHaveText('¥175.00');
	const above = (await summary.boundingBox())!;
	expect(above.y + above.height, 'the month\'s figures on the first screen').toBeLessThanOrEqual(TABLET.height);
	expect(above.y + above.height, 'above the By day table').toBeLessThanOrEqual((await page.getByTestId('period-days').boundingBox())!.y);
	for (const row of await month.days.all()) expect((await row.boundingBox())!.height).toBeLessThanOrEqual(40);
	expect(await page.getByTestId('period-days').locator('..').evaluate((el) => el.scrollWidth - el.clientWidth), 'no sideways scroll at 1024').toBeLessThanOrEqual(0);
	// No close of "since the last close up to now" from a month: a way to today's report, where it is.
	await expect(page.getByRole('button', { name: 'Close the day (Z report)' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'X report' })).toHaveCount(0);
	await expect(page.getByTestId('report-close-on-today').locator('..')).toHaveText('On today’s report: Close the day and past Z reports →');
	await screenshot(page, 'qa-owner-till-cash-month-en');
	await page.setViewportSize(PHONE);
	await screenshot(page, 'qa-owner-till-cash-month-en-390');
	await page.setViewportSize(TABLET);
	await expectAccessible(page, 'the month so far');
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Period by day (CSV)' }).click()]);
	expect(file.suggestedFilename()).toBe(`period-report-${month.first}-to-${month.today}.csv`);
	const csv = readFileSync((await file.path())!, 'utf8');
	expect(csv).toContain(`\r\nPeriod from,${month.first}\r\nPeriod to,${month.today}\r\n`);
	expect(csv).toContain('\r\nCash in the till from this period,17500,175.00\r\n');
	expect(csv).toContain(`\r\n${month.today},2,72.34,10.00,62.34,62.34,1,60.00,50.00,12.34,175.00,0,0.00\r\n`);
	// The address says which period: a reload (the tablet waking) keeps it, as a bookmark of it would.
	const heading = page.getByRole('heading', { level: 1 });
	await expect(page).toHaveURL(reportAt(`?from=${month.first}&to=${month.today}`));
	await page.reload();
	await expect(heading).toHaveText('Period report');
	await expect(month.total.locator('td')).toHaveText(['2', '¥72.34', '¥10.00', '¥62.34', '¥62.34', '¥50.00', '¥12.34', '¥175.00']);
	await expect(page.getByRole('button', { name: 'This month' })).toHaveAttribute('aria-pressed', 'true');

	// Last month had no sales; a day's row opens that day's report, which a reload keeps, and Back returns to the month.
	const last = lastMonthDays();
	await page.getByRole('button', { name: 'Last month' }).click();
	await expect(month.total.locator('td').first()).toHaveText('0');
	await expect(page).toHaveURL(reportAt(`?from=${last.first}&to=${last.last}`));
	await page.locator(`[data-testid=period-day][data-date="${last.first}"]`).getByRole('button').click();
	await expect(heading).toHaveText('Day report');
	await expect(page).toHaveURL(reportAt(`?date=${last.first}`));
	await page.reload();
	await expect(heading).toHaveText('Day report');
	await expect(page.locator('#report-date')).toHaveValue(last.first);
	await expect(page.getByTestId('report-count')).toHaveText('0');
	// A past day's report offers no close of today's sales.
	await expect(page.getByRole('button', { name: 'Close the day (Z report)' })).toHaveCount(0);
	await expect(page.getByTestId('report-close-on-today')).toBeVisible();
	await screenshot(page, 'qa-owner-till-cash-past-day-en');
	await page.setViewportSize(PHONE);
	await screenshot(page, 'qa-owner-till-cash-past-day-en-390');
	await page.setViewportSize(TABLET);
	await page.goBack();
	await expect(heading).toHaveText('Period report');
	await expect(page.getByRole('button', { name: 'Last month' })).toHaveAttribute('aria-pressed', 'true');
	await expect(month.total.locator('td').first()).toHaveText('0');
	// A day typed in the period's field is in the address in place of the period before it: no entry a keystroke.
	const entries = await page.evaluate(() => history.length);
	await page.locator('#period-from').fill(last.second);
	await expect(page).toHaveURL(reportAt(`?from=${last.second}&to=${last.last}`));
	await expect(page.getByTestId('period-day')).toHaveCount(Number(last.last.slice(8)) - 1);
	expect(await page.evaluate(() => history.length)).toBe(entries);

	// Today's row opens today's Day report, at the report's own address, tapped anywhere along it (here its Sales);
	// Back returns to the month, Forward to the day.
	await page.getByRole('button', { name: 'This month' }).click();
	// A drag across a figure (selecting it, to copy into the bank's search) leaves the row where it is, though the row
	// is clicked at the drag's end: pressed at the figure's start, released at its end. (As events: Playwright's mouse,
	// pressed on a table cell, started the selection elsewhere and clicked no row.)
	const money = month.todays.locator('[data-col=amount] .money');
	await expect(money).toHaveText('¥72.34');
	await money.evaluate((el) => {
		const box = el.getBoundingClientRect();
		const at = (x: number) => ({ bubbles: true, clientX: x, clientY: box.top + box.height / 2 });
		el.dispatchEvent(new PointerEvent('pointerdown', at(box.left + 1)));
		el.dispatchEvent(new MouseEvent('click', at(box.right - 1)));
	});
	await page.waitForTimeout(500);
	await expect(page).toHaveURL(reportAt(`?from=${month.first}&to=${month.today}`));
	await month.todays.locator('[data-col=amount]').click();
	await expect(heading).toHaveText('Day report');
	await expect(page).toHaveURL(reportAt(''));
	await expect(page.locator('#report-date')).toHaveValue(month.today);
	await page.goBack();
	await expect(heading).toHaveText('Period report');
	await expect(page).toHaveURL(reportAt(`?from=${month.first}&to=${month.today}`));
	await expect(month.todays.locator('[data-col=till]')).toHaveText('¥175.00');
	await page.goForward();
	await expect(heading).toHaveText('Day report');
	await expect(page.locator('#report-date')).toHaveValue(month.today);
	await expect(page.getByTestId('report-till').locator('.line').first()).toHaveText('Cash in the till from this day: ¥175.00');

	// An address no report can show is today's Day report, and says so, never an error page; a period running past
	// today ends today.
	await page.goto('/cashier/report?from=2026-13-01&to=garbage');
	await expect(heading).toHaveText('Day report');
	await expect(page.locator('#report-date')).toHaveValue(month.today);
	await expect(page.getByTestId('report-till').locator('.line').first()).toHaveText('Cash in the till from this day: ¥175.00');
	await expect(page).toHaveURL(reportAt(''));
	await page.goto(`/cashier/report?from=${month.first}&to=2999-12-31`);
	await expect(heading).toHaveText('Period report');
	await expect(page).toHaveURL(reportAt(`?from=${month.first}&to=${month.today}`));
	await expect(page.locator('#period-to')).toHaveValue(month.today);
	await expect(month.total.locator('[data-col=till]')).toHaveText('¥175.00');
	// From a past day, the way to the close is today's report.
	await page.goto(`/cashier/report?date=${last.first}`);
	await page.getByTestId('report-close-on-today').click();
	await expect(page).toHaveURL(reportAt(''));
	await expect(page.getByRole('button', { name: 'Close the day (Z report)' })).toBeVisible();

	// The X report.
	await page.getByRole('button', { name: 'X report' }).click();
	const x = page.getByTestId('x-figures');
	await expect(x.locator('[data-fig=till]')).toHaveText('¥175.00');
	await expect(x.locator('div', { has: page.locator('[data-fig=till]') }).locator('dt')).toHaveText(
		'Cash in the till from this periodTaken at the counter, less paid back out; not counting the float'
	);
	await expect(tillOf(page.getByTestId('x-figures-by-cashier'), 'cashier-1')).toHaveText('¥225.00');
	await expect(tillOf(page.getByTestId('x-figures-by-cashier'), 'owner')).toHaveText('−¥50.00');
	await page.getByTestId('x-figures').scrollIntoViewIfNeeded();
	await screenshot(page, 'qa-owner-till-cash-x-en');
	// The X report's own page, as it prints.
	await page.getByRole('link', { name: 'Print the X report' }).click();
	await expect(page).toHaveURL(/\/cashier\/report\/x$/);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('article').getByTestId('x-view-figures').locator('[data-fig=till]')).toHaveText('¥175.00');
	await page.emulateMedia({ media: 'screen' });
	await page.goto('/cashier/report');

	// The close's confirmation lists it with the period's figures.
	await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
	const dialog = page.getByRole('dialog', { name: 'Close the day?' });
	await expect(dialog.getByTestId('close-period').locator('[data-fig=till]')).toHaveText('¥175.00');
	await expect(dialog.getByTestId('close-period')).toContainText('Cash in the till from this period');
	await screenshot(page, 'qa-owner-till-cash-close-en');
	await expectAccessible(page, 'close confirmation with the till line');
	await dialog.getByRole('button', { name: 'Close the day' }).click();
	await expect(page.getByText('Day closed: Z report No. 1.')).toBeVisible();
	await expect(page.getByTestId('z-figures').locator('[data-fig=till]')).toHaveText('¥175.00');

	// The printed Z report.
	await page.goto('/cashier/report/z/1');
	const sheet = page.getByRole('article');
	await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('Z report No. 1');
	await page.emulateMedia({ media: 'print' });
	await expect(sheet.getByTestId('z-view-figures').locator('[data-fig=till]')).toHaveText('¥175.00');
	await expect(tillOf(sheet.getByTestId('z-view-figures-by-cashier'), 'cashier-1')).toHaveText('¥225.00');
	await expect(tillOf(sheet.getByTestId('z-view-figures-by-cashier'), 'owner')).toHaveText('−¥50.00');
	await screenshot(page, 'qa-owner-till-cash-z-print-en');
	await page.emulateMedia({ media: 'screen' });
});

test('at 390 in Chinese, the same lines for the next period, and the Day report counts the whole day', async ({ page, server }) => {
	await page.setViewportSize(PHONE);
	const cashier = await api.cashierSession(server.url);
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	// Since Z report No. 1: ¥30.00 paid in cash after a decline, ¥20.00 and ¥10.00 topped up, the ¥10.00 reversed.
	await declinedThenPaidInCash(server.url, cashier.token, 3_000);
	await topUpAtCounter(server.url, cashier.token, 'bob', '2222', 2_000);
	await reverse(server.url, owner.token, await topUpAtCounter(server.url, cashier.token, 'alice', '1111', 1_000));
	// And an ¥88.00 declined sale whose customer left, written off by cashier-1: in no till figure, a column of its own.
	await declinedNotPaid(server.url, cashier.token, 8_800);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await openInChinese(page);
	await page.goto('/cashier/report');
	// The day's: the test above's ¥175.00 and this period's ¥50.00.
	await expect(page.getByTestId('report-till').locator('.line')).toHaveText(['本日钱箱现金：¥225.00', '柜台收取的现金，减去退还的现金；不含备用金']);
	await expect(page.getByTestId('report-refunded-sales')).toHaveText('退款销售额：¥60.00');
	await expect(page.getByTestId('report-refunds-hint').locator('.line')).toHaveText(['退给顾客：¥50.00', '退回平台优惠：¥0.00']);
	const byCashier = page.getByTestId('report-by-cashier');
	await expect(tillOf(byCashier, 'cashier-1')).toHaveText('¥285.00');
	await expect(tillOf(byCashier, 'owner')).toHaveText('−¥60.00');
	await expect(page.getByTestId('report-by-cashier-till-rule')).toHaveText(
		'钱箱现金为各人收取的现金，减去其撤销的充值：撤销计入办理撤销的店长，而非收取该充值的收银员。'
	);
	// Its lines, and the rule's, break at their commas, never inside a word ("备用|金").
	expect(await wordsBroken(page.getByTestId('report-till'))).toEqual([]);
	expect(await wordsBroken(page.getByTestId('report-by-cashier-till-rule'))).toEqual([]);
	await expect(page.getByTestId('report-figures').locator('.fig', { has: page.getByTestId('report-net') }).locator('dt')).toHaveText('退款后商户实收');
	await expect(page.getByTestId('report-net-parts').locator('.line')).toHaveText(['商户实收 ¥62.34', '退款支出 ¥50.00']);
	expect(await wordsBroken(page.getByTestId('report-net-parts'))).toEqual([]);
	await screenshot(page, 'qa-owner-till-cash-day-zh-390-top');
	await page.setViewportSize(TABLET);
	await screenshot(page, 'qa-owner-till-cash-day-zh-1024');
	await page.setViewportSize(PHONE);
	await page.getByTestId('report-till').scrollIntoViewIfNeeded();
	await screenshot(page, 'qa-owner-till-cash-day-zh');

	// The month so far in Chinese, at 390 and 360: the table scrolls sideways under its days; its file in Chinese.
	await page.getByRole('button', { name: '本月' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('期间报表');
	const month = monthSoFar(page);
	await expect(month.total.locator('[data-col=till]')).toHaveText('¥225.00');
	await expect(month.todays.locator('[data-col=till]')).toHaveText('¥225.00');
	// The day it was written off has it, and the days add up to the total.
	await expect(page.getByTestId('period-days').locator('thead th').last()).toHaveText('未付款，顾客已离开');
	await expect(month.todays.locator('[data-col=not-paid]')).toHaveText('¥88.00');
	await expect(month.total.locator('[data-col=not-paid]')).toHaveText('¥88.00');
	await expect(page.getByTestId('period-summary').locator('[data-sum=till]')).toHaveText('¥225.00');
	await expect(page.getByTestId('report-close-on-today').locator('..')).toHaveText('在今日的日报中： 日结与历史 Z 报表 →');
	await screenshot(page, 'qa-owner-till-cash-month-zh-390');
	await page.setViewportSize(TABLET);
	// At a tablet's width its ten columns (Shop keeps and Not paid among them) fit the card: no sideways scroll.
	expect(await page.getByTestId('period-days').locator('..').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
	await screenshot(page, 'qa-owner-till-cash-month-zh-1024');
	await page.setViewportSize({ width: 360, height: 740 });
	await month.todays.scrollIntoViewIfNeeded();
	await screenshot(page, 'qa-owner-till-cash-month-zh-360');
	await page.setViewportSize(PHONE);
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '期间按日 CSV' }).click()]);
	const csv = readFileSync((await file.path())!, 'utf8');
	expect(csv.startsWith('\uFEFF报表,期间报表\r\n')).toBe(true);
	expect(csv).toContain('\r\n本期钱箱现金,22500,225.00\r\n');
	expect(csv).toContain(`\r\n${month.today},`);
	expect(csv.split('\r\n').find((line) => line.startsWith(`${month.today},`))!.endsWith(',225.00,1,88.00')).toBe(true);
	// A past day in Chinese: no close of today's sales from it, a way to today's report instead.
	await page.goto(`/cashier/report?date=${lastMonthDays().first}`);
	await expect(page.getByTestId('report-count')).toHaveText('0');
	await expect(page.getByRole('button', { name: '日结（Z 报表）' })).toHaveCount(0);
	await expect(page.getByTestId('report-close-on-today')).toBeVisible();
	await screenshot(page, 'qa-owner-till-cash-past-day-zh-390');
	await page.setViewportSize(TABLET);
	await screenshot(page, 'qa-owner-till-cash-past-day-zh-1024');
	await page.setViewportSize(PHONE);
	await page.goBack();
	await page.getByRole('button', { name: '单日' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('日报');

	await page.getByRole('button', { name: 'X 报表' }).click();
	const x = page.getByTestId('x-figures');
	await expect(x.locator('[data-fig=till]')).toHaveText('¥50.00');
	await expect(x.locator('div', { has: page.locator('[data-fig=till]') }).locator('dt')).toHaveText('本期钱箱现金柜台收取的现金，减去退还的现金；不含备用金');
	await expect(tillOf(page.getByTestId('x-figures-by-cashier'), 'cashier-1')).toHaveText('¥60.00');
	await expect(tillOf(page.getByTestId('x-figures-by-cashier'), 'owner')).toHaveText('−¥10.00');
	expect(await wordsBroken(x.locator('div', { has: page.locator('[data-fig=till]') }).locator('dt'))).toEqual([]);
	await x.locator('[data-fig=till]').scrollIntoViewIfNeeded();
	await screenshot(page, 'qa-owner-till-cash-x-zh');

	await page.getByRole('button', { name: '日结（Z 报表）' }).click();
	const dialog = page.getByRole('dialog', { name: '确定日结？' });
	await expect(dialog.getByTestId('close-period').locator('[data-fig=till]')).toHaveText('¥50.00');
	await expect(dialog.getByTestId('close-period')).toContainText('本期钱箱现金');
	expect(await wordsBroken(dialog.getByTestId('close-period').locator('div', { has: page.locator('[data-fig=till]') }).locator('dt'))).toEqual([]);
	await screenshot(page, 'qa-owner-till-cash-close-zh');
	await dialog.getByRole('button', { name: '确定日结' }).click();
	await expect(page.getByText('已日结：Z 报表第 2 号。')).toBeVisible();
	await expect(page.getByTestId('z-figures').locator('[data-fig=till]')).toHaveText('¥50.00');

	await page.goto('/cashier/report/z/2');
	const sheet = page.getByRole('article');
	await expect(sheet.getByTestId('z-view-figures').locator('[data-fig=till]')).toHaveText('¥50.00');
	await expect(sheet.getByTestId('z-view-figures')).toContainText('本期钱箱现金');
	await screenshot(page, 'qa-owner-till-cash-z-zh');
});

test('a period of top-ups alone is not "nothing happened": the close confirmation shows its cash in the till', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const cashier = await api.cashierSession(server.url);
	// Since Z report No. 2, one ¥8.00 top-up and nothing else.
	await topUpAtCounter(server.url, cashier.token, 'bob', '2222', 800);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/report');
	await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
	const dialog = page.getByRole('dialog', { name: 'Close the day?' });
	await expect(dialog.getByTestId('close-period').locator('[data-fig=till]')).toHaveText('¥8.00');
	await expect(dialog.getByTestId('close-empty')).toHaveCount(0);
	await expect(dialog.getByRole('button', { name: 'Close the day' })).toBeEnabled();
	await screenshot(page, 'qa-owner-till-cash-close-topups-only');
	await dialog.getByRole('button', { name: 'Cancel' }).click();
});

/** A sum of money on screen as fen ("¥1,234.56", "−¥5.00"). */
const fen = (text: string | null) => (/[−-]/.test(text ?? '') ? -1 : 1) * Math.round(Number((text ?? '').replace(/[^0-9.]/g, '')) * 100);

test('the Day report and the open close confirmation follow a cash top-up and its reversal at another till, without a reload', async ({ page, server }) => {
	// Unheard, the confirmation said ¥55.00 in the till while a cashier topped a wallet up by ¥10.00, and the Z report
	// closed on ¥65.00 (owner review): sales, refunds and cash notes were followed, top-ups were not.
	await page.setViewportSize(TABLET);
	const cashier = await api.cashierSession(server.url);
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/report');
	const till = page.getByTestId('report-till').locator('.line').first();
	await expect(page.getByTestId('report-figures')).toBeVisible();
	const before = (await till.count()) > 0 ? fen(await till.textContent()) : 0;

	const topUp = await topUpAtCounter(server.url, cashier.token, 'bob', '2222', 1_000);
	await expect(till).toHaveText(`Cash in the till from this day: ¥${((before + 1_000) / 100).toFixed(2)}`);

	await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
	const dialog = page.getByRole('dialog', { name: 'Close the day?' });
	const confirmed = dialog.getByTestId('close-period').locator('[data-fig=till]');
	const inDialog = fen(await confirmed.textContent());
	// Taken back while the manager reads the confirmation: what it would close on follows.
	await reverse(server.url, owner.token, topUp);
	await expect(confirmed).toHaveText(`¥${((inDialog - 1_000) / 100).toFixed(2)}`);
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	if (before === 0) await expect(till).toHaveCount(0);
	else await expect(till).toHaveText(`Cash in the till from this day: ¥${(before / 100).toFixed(2)}`);
});

// Last in the file: its sale would be in the earlier tests' figures (the file's server is shared).
test('a month left open on the office tablet follows the tills: a sale at a till is in it without a reload', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const cashier = await api.cashierSession(server.url);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	const month = monthSoFar(page);
	await page.goto(`/cashier/report?from=${month.first}&to=${month.today}`);
	const cell = (col: string) => month.total.locator(`[data-col=${col}]`);
	await expect(cell('amount')).toHaveText(/^¥/);
	const count = Number(await month.total.locator('td').first().textContent());
	/** A total as fen, from its text ("−¥1,234.56"). */
	const yuan = async (col: string) => {
		const text = (await cell(col).textContent())!;
		return (/[−-]/.test(text) ? -1 : 1) * Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100);
	};
	const [amount, till] = [await yuan('amount'), await yuan('till')];
	// A period holding today is read again on the tills' events: a ¥10.00 wallet sale made at a till.
	const alice = await api.customerToken(server.url, 'alice', '1111');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, alice), 1000)).status).toBe(201);
	await expect(month.total.locator('td').first()).toHaveText(String(count + 1));
	expect(await yuan('amount')).toBe(amount + 1000);
	// Not cash: the till's line is as it was.
	expect(await yuan('till')).toBe(till);
});
