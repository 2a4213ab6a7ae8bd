/**
 * The Day field emptied (the picker's Clear, or a part of the day deleted) on the Day report and on Today. It kept the
 * earlier day's figures (or list) under a blank field, and the Day report's CSV then asked for no day at all and said
 * "network error". An empty or half-typed field now puts the shop's today on screen, saying so, and the field says
 * that day once it is left; a day typed part by part after the field was emptied is the day typed: the field is
 * never filled in under the typing, not even when a payment comes in on Today's live list meanwhile.
 *
 * Each screen is waited for by its heading before its field is touched: its "Day" field and the last screen's have
 * the same label, and the last screen's stays on screen while the next one loads. (The test of f507e9f, reverted in
 * f1a48b5, filled the Day report's field from the Today link, and so typed over today's date on Today, 1 run in 3.)
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn, switchLanguage } from './support/pages';

const ZONE = 'Asia/Shanghai';
test.use({ viewport: TABLET, serverEnv: { TIME_ZONE: ZONE } });
const DAY_MS = 24 * 60 * 60_000;
const shopDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
/** As the screens write a day (en-GB, medium). */
const written = (ymd: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));

/** The 11th of November before today: its month and day are the same digits, whichever part the field has first. */
function eleventhOfNovember(today: string): string {
	const year = Number(today.slice(0, 4));
	return `${today.slice(5) > '11-11' ? year : year - 1}-11-11`;
}

/**
 * Empties the field as the picker's Clear does (every part blank), then puts the caret in its first part as a tap
 * there does. `focus()` alone leaves no part of an emptied date field to type into.
 */
async function emptyAndTapFirstPart(day: Locator): Promise<void> {
	await day.fill('');
	const box = (await day.boundingBox())!;
	await day.click({ position: { x: 12, y: box.height / 2 } });
}

/** Deletes one part of the day (the first), as Backspace in the field does: the field gives no day until it is typed again. */
async function deleteFirstPart(page: Page, day: Locator): Promise<void> {
	await day.blur();
	await day.focus();
	await page.keyboard.press('Backspace');
}

/** A ¥12.50 sale today, the shop's today and yesterday, and the owner signed in at the counter. */
async function saleTodayAndOwnerIn(page: Page, base: string) {
	const cashier = await api.cashierSession(base);
	const bob = await api.customerToken(base, 'bob', '2222');
	expect((await api.pay(base, cashier.token, await api.payCode(base, bob), 1250)).status).toBe(201);
	await openCounterSignedIn(page, base, 'demo-cafe', 'owner', '9999');
	return { cashier, bob, today: shopDate(Date.now()), yesterday: shopDate(Date.now() - DAY_MS) };
}

/** Holds the Day report's read of `date` until released: a slow answer, as on a counter's Wi-Fi. */
async function holdDayRead(page: Page, date: string): Promise<{ asked: () => boolean; release: () => void }> {
	let release: () => void = () => undefined;
	const held = new Promise<void>((resolve) => (release = resolve));
	let asked = false;
	await page.route(
		(url) => url.pathname === '/api/reports/daily' && url.searchParams.get('date') === date,
		async (route) => {
			asked = true;
			await held;
			await route.continue();
		}
	);
	return { asked: () => asked, release: () => release() };
}

/**
 * In Chinese, the same line: the language button is a tap outside the field, so the field is emptied after it.
 * `what` is the line's last words (数据 on the Day report, 付款 on Today).
 */
async function expectChineseLine(page: Page, day: Locator, noDay: Locator, today: string, what: string, shot: string): Promise<void> {
	await switchLanguage(page);
	await deleteFirstPart(page, day);
	const zhDay = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${today}T00:00:00Z`));
	await expect(noDay).toHaveText(`未填写日期：以下是今天（${zhDay}）的${what}。`);
	await captureBoth(page, shot);
}

test("Day report: an emptied Day field shows today's figures and says so, the CSV is today's, and a day typed part by part is the day typed", async ({ page, server }) => {
	const { today, yesterday } = await saleTodayAndOwnerIn(page, server.url);
	const eleventh = eleventhOfNovember(today);
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Day report');
	const day = page.locator('#report-date');
	const count = page.getByTestId('report-count');
	const takings = page.getByTestId('report-takings');
	const printedDay = page.getByTestId('report-printed-day');
	const noDay = page.getByTestId('report-no-day');
	// Today's figures (the file's server is shared by its tests, and by their repeats: at least this payment).
	await expect(printedDay).toContainText(written(today));
	await expect(count).not.toHaveText('0');
	const todays = { count: (await count.textContent())!, takings: (await takings.textContent())! };
	// A day typed is in the address (a reload keeps it), in place of the day before: no history entry a keystroke.
	const entries = await page.evaluate(() => history.length);
	await day.fill(yesterday);
	await expect(printedDay).toContainText(written(yesterday));
	await expect(count).toHaveText('0');
	await expect(page).toHaveURL(new RegExp(`/cashier/report\\?date=${yesterday}$`));

	// A part of the day deleted: yesterday's figures are not left under the blank field; today's are there, named so.
	await deleteFirstPart(page, day);
	await expect(day).toHaveValue('');
	await expect(printedDay).toContainText(written(today));
	await expect(count).toHaveText(todays.count);
	await expect(takings).toHaveText(todays.takings);
	await expect(noDay).toHaveText(`No day entered: these are today’s figures (${written(today)}).`);
	// Still in the field, it is not filled in.
	await expect(day).toBeFocused();
	await expect(day).toHaveValue('');
	await captureBoth(page, 'qa-owner-day-field-cleared-report');

	// The CSV is of the day on screen, not of no day ("network error"). The tap on it leaves the field, which says
	// that day.
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Day’s payments (CSV)' }).click()]);
	expect(download.suggestedFilename()).toBe(`day-report-${today}.csv`);
	expect(readFileSync((await download.path())!, 'utf8')).toContain(`\r\nPayments,${todays.count},\r\n`);
	await expect(day).toHaveValue(today);
	await expect(page).toHaveURL(/\/cashier\/report$/);
	await expect(noDay).toHaveCount(0);
	await expect(page.getByText('Could not reach the server')).toHaveCount(0);
	await expect(page.getByRole('alert')).toHaveCount(0);

	// Emptied whole, then a day typed part by part: the field is not filled in on the way (the year passes through
	// 0002, 0020 and 0202, which are not days), and the screen ends on the day typed.
	const daysRead: string[] = [];
	page.on('request', (r) => {
		const url = new URL(r.url());
		if (url.pathname === '/api/reports/daily') daysRead.push(url.searchParams.get('date') ?? '');
	});
	await emptyAndTapFirstPart(day);
	await expect(noDay).toBeVisible();
	await page.keyboard.type('1111');
	await expect(day).toHaveValue('');
	await expect(count).toHaveText(todays.count);
	await page.keyboard.type(eleventh.slice(0, 4));
	await expect(day).toHaveValue(eleventh);
	await expect(printedDay).toContainText(written(eleventh));
	await expect(count).toHaveText('0');
	await expect(noDay).toHaveCount(0);
	expect(daysRead.filter((d) => d.startsWith('0'))).toEqual([]);

	// Its month typed again, the day passes through January (11/01) on the way back to November: that day's read,
	// answered after November's, does not put January's figures under the day typed.
	const january = `${eleventh.slice(0, 4)}-01-11`;
	const ofJanuary = (url: URL) => url.pathname === '/api/reports/daily' && url.searchParams.get('date') === january;
	const heldJanuary = await holdDayRead(page, january);
	await deleteFirstPart(page, day);
	await page.keyboard.type('1');
	await expect.poll(heldJanuary.asked).toBe(true);
	await page.keyboard.type('1');
	await expect(day).toHaveValue(eleventh);
	await expect(printedDay).toContainText(written(eleventh));
	const januaryAnswer = page.waitForResponse((r) => ofJanuary(new URL(r.url())));
	heldJanuary.release();
	await (await januaryAnswer).finished();
	// The page has read the late answer by the second frame after it (the answer is a few hundred bytes).
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
	await expect(printedDay).toContainText(written(eleventh));
	await expect(day).toHaveValue(eleventh);
	// The address is the day typed too, not January's, sent a keystroke before it; and every day typed took the place
	// of the one before.
	await expect(page).toHaveURL(new RegExp(`/cashier/report\\?date=${eleventh}$`));
	expect(await page.evaluate(() => history.length)).toBe(entries);
	await page.reload();
	await expect(day).toHaveValue(eleventh);
	await expect(printedDay).toContainText(written(eleventh));

	await expectChineseLine(page, day, noDay, today, '数据', 'qa-owner-day-field-cleared-report-zh');
});

test("Today: an emptied Day field shows today's list and says so, and a day typed part by part is the day typed while payments come in", async ({ page, server }) => {
	const { cashier, bob, today, yesterday } = await saleTodayAndOwnerIn(page, server.url);
	const eleventh = eleventhOfNovember(today);
	await page.getByRole('link', { name: 'Today', exact: true }).click();
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText('Today’s payments');
	const day = page.locator('#payments-date');
	const rows = page.locator('tbody tr.payment');
	const noDay = page.getByTestId('payments-no-day');
	// Today's list (the file's server is shared by its tests, and by their repeats: at least this payment).
	await expect(rows.filter({ hasText: '¥12.50' }).first()).toBeVisible();
	const todays = await rows.count();
	await day.fill(yesterday);
	await expect(heading).toHaveText('Payments of an earlier day');
	await expect(page.getByText('No payments on this day.')).toBeVisible();
	await expect(rows).toHaveCount(0);

	// A part of the day deleted: today's list, named so, not yesterday's under a blank field.
	await deleteFirstPart(page, day);
	await expect(day).toHaveValue('');
	await expect(heading).toHaveText('Today’s payments');
	await expect(rows).toHaveCount(todays);
	await expect(noDay).toHaveText(`No day entered: these are today’s payments (${written(today)}).`);
	await expect(day).toBeFocused();
	await expect(day).toHaveValue('');
	await captureBoth(page, 'qa-owner-day-field-cleared-today');
	// Left, the field says which day that is.
	await day.blur();
	await expect(day).toHaveValue(today);
	await expect(noDay).toHaveCount(0);

	// Emptied whole, then a day typed part by part, with a payment coming in on the live list halfway: the list
	// takes it, and the field is not filled in under the typing.
	await emptyAndTapFirstPart(day);
	await expect(noDay).toBeVisible();
	await page.keyboard.type('1111');
	await expect(day).toHaveValue('');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 700)).status).toBe(201);
	await expect(rows).toHaveCount(todays + 1);
	await expect(day).toBeFocused();
	await expect(day).toHaveValue('');
	await page.keyboard.type(eleventh.slice(0, 4));
	await expect(day).toHaveValue(eleventh);
	await expect(heading).toHaveText('Payments of an earlier day');
	await expect(page.locator('.head p.muted').first()).toContainText(written(eleventh));
	await expect(rows).toHaveCount(0);
	await expect(noDay).toHaveCount(0);

	// One part typed again over the day picked (f507e9f's case): the day typed, not today's month or year.
	await deleteFirstPart(page, day);
	await expect(day).toHaveValue('');
	await expect(heading).toHaveText('Today’s payments');
	await page.keyboard.type('11');
	await expect(day).toHaveValue(eleventh);
	await expect(heading).toHaveText('Payments of an earlier day');

	await expectChineseLine(page, day, noDay, today, '付款', 'qa-owner-day-field-cleared-today-zh');
});

test("Day report: while today's figures are on their way after the field is emptied, the earlier day's are not shown as today's", async ({ page, server }) => {
	const { today, yesterday } = await saleTodayAndOwnerIn(page, server.url);
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Day report');
	const day = page.locator('#report-date');
	const count = page.getByTestId('report-count');
	const printedDay = page.getByTestId('report-printed-day');
	await expect(printedDay).toContainText(written(today));
	await expect(count).not.toHaveText('0');
	const todays = (await count.textContent())!;
	await day.fill(yesterday);
	await expect(printedDay).toContainText(written(yesterday));
	await expect(count).toHaveText('0');

	// Today's figures are read again, slowly (a counter's Wi-Fi): held until the screen has been looked at.
	const heldToday = await holdDayRead(page, today);
	await deleteFirstPart(page, day);
	await expect.poll(heldToday.asked).toBe(true);
	await expect(page.getByTestId('report-no-day')).toHaveText(`No day entered: these are today’s figures (${written(today)}).`);
	// Under that line, yesterday's "0 payments" would read as today's: no figures until today's have come.
	await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toBeVisible();
	await expect(count).toHaveCount(0);
	await expect(printedDay).toHaveCount(0);

	heldToday.release();
	await expect(count).toHaveText(todays);
	await expect(printedDay).toContainText(written(today));
});

test('Today: a day after today typed in the field is said not to have come yet, not "No day entered"', async ({ page, server }) => {
	// Owner review: 01/01 of next year typed in the field left today's list under "No day entered", though a day was.
	const { today } = await saleTodayAndOwnerIn(page, server.url);
	await page.getByRole('link', { name: 'Today', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Today’s payments');
	const day = page.locator('#payments-date');
	const noDay = page.getByTestId('payments-no-day');
	const later = `${Number(today.slice(0, 4)) + 1}-01-01`;
	await day.fill(later);
	await expect(noDay).toHaveText(`${written(later)} has not come yet: these are today’s payments (${written(today)}).`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Today’s payments');
	// Left, the field says the day on screen, and the line goes.
	await day.blur();
	await expect(day).toHaveValue(today);
	await expect(noDay).toHaveCount(0);

	// From an earlier day's list too: the line says today's list is shown, and it is (not the earlier day's under it).
	await day.fill(shopDate(Date.now() - DAY_MS));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments of an earlier day');
	await day.fill(later);
	await expect(noDay).toHaveText(`${written(later)} has not come yet: these are today’s payments (${written(today)}).`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Today’s payments');
	await expect(page.locator('tbody tr.payment').filter({ hasText: '¥12.50' }).first()).toBeVisible();
});

test('Day report: a day after today typed in the field is said not to have come yet, over today\'s figures, as on Today', async ({ page, server }) => {
	// Owner review: the Day report took 01/01 of next year as a day, and showed its empty figures (0 payments, ¥0.00)
	// as that day's report; Today says the day has not come yet and shows today's.
	const { today } = await saleTodayAndOwnerIn(page, server.url);
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Day report');
	const day = page.locator('#report-date');
	const count = page.getByTestId('report-count');
	const printedDay = page.getByTestId('report-printed-day');
	const noDay = page.getByTestId('report-no-day');
	await expect(printedDay).toContainText(written(today));
	await expect(count).not.toHaveText('0');
	const todays = (await count.textContent())!;
	const later = `${Number(today.slice(0, 4)) + 1}-01-01`;
	await day.fill(later);
	await expect(noDay).toHaveText(`${written(later)} has not come yet: these are today’s figures (${written(today)}).`);
	// Today's figures under it, not the day to come's empty ones; the address and the CSV are today's.
	await expect(printedDay).toContainText(written(today));
	await expect(count).toHaveText(todays);
	await expect(page).toHaveURL(/\/cashier\/report$/);
	await captureBoth(page, 'qa-owner-day-field-not-yet-report');
	await day.focus();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Day’s payments (CSV)' }).click()]);
	expect(download.suggestedFilename()).toBe(`day-report-${today}.csv`);
	// Left, the field says the day on screen, and the line goes.
	await expect(day).toHaveValue(today);
	await expect(noDay).toHaveCount(0);

	// In Chinese, Today's words too.
	await switchLanguage(page);
	await day.fill(later);
	const zh = (ymd: string) => new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));
	await expect(noDay).toHaveText(`${zh(later)} 还没到：以下是今天（${zh(today)}）的数据。`);
	await expect(count).toHaveText(todays);
	await captureBoth(page, 'qa-owner-day-field-not-yet-report-zh');
});

