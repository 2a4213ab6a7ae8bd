/**
 * The owner's end of day, second pass: one name per figure on the Day report, the X and Z reports and their CSVs;
 * the CSVs in the owner's language; a CSV of the day's payments; a refund of a sale from before the last close said
 * as such on the X report; and the refund confirmation of a platform-coupon sale saying the platform's share.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { wordsBroken } from './support/lines';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

/** A sale of `amount` by a demo customer with their coupon of `kind` (the demo's: threshold, percent, fixed). */
async function saleWithCoupon(base: string, cashierToken: string, handle: string, pin: string, kind: string, amount: number): Promise<string> {
	const customer = await api.customerToken(base, handle, pin);
	const coupon = (await api.coupons(base, customer)).find((c) => c.rule.kind === kind && c.state === 'available');
	const paid = await api.pay(base, cashierToken, await api.payCode(base, customer, coupon!.id), amount);
	expect(paid.status).toBe(201);
	return paid.data.payment.id;
}

/** The name a figure has on a list of figures (the X or Z report): the `dt` beside its `dd[data-fig]`. */
const nameOf = (figures: Locator, fig: string) => figures.locator('div', { has: figures.page().locator(`[data-fig=${fig}]`) }).locator('dt');
/** The name of a card of the Day report holding `testid`. */
const cardName = (page: Page, testid: string) => page.getByTestId('report-figures').locator('.fig', { has: page.getByTestId(testid) }).locator('dt');

test('the Day report and the X report call each figure by one name, in English and in Chinese', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	// ¥45.30 with 15% off (the platform's ¥6.79): the shop receives ¥45.30; ¥20.00 of it refunded gives ¥17.00 back
	// to bob and ¥3.00 of the saving back to the platform.
	const id = await saleWithCoupon(server.url, cashier.token, 'bob', '2222', 'percent', 4530);
	await api.refund(server.url, cashier.token, id, 2000);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await page.getByRole('button', { name: 'X report' }).click();
	const x = page.getByTestId('x-figures');
	await expect(x.locator('[data-fig=settlement]')).toBeVisible();

	const names = {
		en: { settlement: 'Shop receives', net: 'Shop keeps after refunds', paidBack: 'Paid back by refunds', charged: 'Customers paid' },
		zh: { settlement: '商户实收', net: '退款后商户实收', paidBack: '退款支出', charged: '顾客实付' }
	};
	for (const lang of ['en', 'zh'] as const) {
		if (lang === 'zh') await page.getByRole('button', { name: /简体中文/ }).click();
		const want = names[lang];
		// What the shop keeps after refunds: on a day with refunds, the Day report's big card and the X report's last
		// bold line; what it receives, a line under it and the X report's first bold line.
		await expect(cardName(page, 'report-net')).toHaveText(want.net);
		await expect(nameOf(x, 'net')).toHaveText(want.net);
		await expect(page.getByTestId('report-net-parts').locator('.line').first()).toContainText(want.settlement);
		await expect(nameOf(x, 'settlement')).toHaveText(want.settlement);
		// What the refunds paid back.
		await expect(cardName(page, 'report-refunds')).toHaveText(want.paidBack);
		await expect(nameOf(x, 'paid-back')).toHaveText(want.paidBack);
		await expect(page.getByTestId('report-figures')).toContainText(want.charged);
		await expect(nameOf(x, 'charged')).toHaveText(want.charged);
		// The same for the payment count and the savings, whatever their words.
		await expect(cardName(page, 'report-count')).toHaveText((await nameOf(x, 'count').textContent())!);
		const savings = (await nameOf(x, 'deduction').textContent())!;
		await expect(page.getByTestId('report-figures').locator('.fig dt', { hasText: savings })).toHaveCount(1);
		// The refunds' two parts are said with the X report's names on the Day report's card.
		for (const part of ['refunded-cash', 'refunded-subsidy']) {
			const name = (await nameOf(x, part).textContent())!;
			await expect(page.getByTestId('report-refunds-hint')).toContainText(name);
		}
		await captureBoth(page, `qa-owner-reports-names-${lang}`);
	}
	// Today's line above the list names the same money with the Day report's word: "退款退回" there beside "退还金额"
	// here read as two different sums. (The platform's statement says only the platform's part: its own words.)
	await page.getByRole('link', { name: '今日' }).click();
	const summary = page.getByTestId('payments-summary');
	await expect(summary).toContainText(`${names.zh.paidBack} ¥20.00`);
	// Its lines on a phone break between words, never inside one ("退款|支出" read as two words).
	for (const width of [360, 390]) {
		await page.setViewportSize({ width, height: 740 });
		expect(await wordsBroken(summary), `Today's line at ${width}px`).toEqual([]);
	}
	await page.setViewportSize(TABLET);
	await captureBoth(page, 'qa-owner-reports-names-today-zh');
});

test("an owner using the app in Chinese downloads the X and Z reports' CSVs with Chinese headings", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await saleWithCoupon(server.url, cashier.token, 'carol', '3333', 'fixed', 1200);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('button', { name: /简体中文/ }).click();
	await page.getByRole('link', { name: '日报' }).click();
	await page.getByRole('button', { name: 'X 报表' }).click();
	const xSection = page.locator('section', { has: page.getByTestId('x-figures') });
	const [xDownload] = await Promise.all([page.waitForEvent('download'), xSection.getByRole('button', { name: '下载 CSV' }).click()]);
	const xCsv = readFileSync((await xDownload.path())!, 'utf8');
	expect(xCsv).toMatch(/^\uFEFF报表,X 报表\r\n/);
	expect(xCsv).toContain('\r\n项目,数值（最小货币单位）,数值（CNY）\r\n');
	expect(xCsv).toMatch(/\r\n商户实收,\d+,\d+\.\d{2}\r\n/);

	await page.getByRole('button', { name: '日结（Z 报表）' }).click();
	await page.getByRole('dialog').getByRole('button', { name: '确定日结' }).click();
	await expect(page.getByText(/^已日结：Z 报表第 \d+ 号。$/)).toBeVisible();
	const [zDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('z-list').getByRole('button', { name: '下载 CSV' }).first().click()]);
	const zCsv = readFileSync((await zDownload.path())!, 'utf8');
	expect(zCsv).toMatch(/^\uFEFF报表,Z 报表 第 \d+ 号\r\n/);
	expect(zCsv).toContain('\r\n日结人,owner\r\n');
	expect(zCsv).toMatch(/\r\n退款后商户实收,\d+,\d+\.\d{2}\r\n/);
});

test("the Day report downloads the day's payments for the accountant, a row each, in the owner's language", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const id = await saleWithCoupon(server.url, cashier.token, 'alice', '1111', 'threshold', 6850);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-count')).not.toHaveText('0');
	const download = async (name: string) => {
		const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
		expect(file.suggestedFilename()).toMatch(/^day-report-\d{4}-\d{2}-\d{2}\.csv$/);
		return readFileSync((await file.path())!, 'utf8');
	};
	const en = await download('Day’s payments (CSV)');
	expect(en).toMatch(/^\uFEFFReport,Day report\r\n/);
	expect(en).toContain('\r\nTime,Taken offline at,Payment,Customer,Cashier,Status,Amount (CNY),');
	// Alice's ¥68.50 with ¥10 off that the shop pays: a row of its own, at the shop's time, no one has refunded.
	expect(en).toMatch(new RegExp(`\\r\\n\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},,${id},alice,cashier-1,Paid,68\\.50,10\\.00,Shop,¥10 off orders of ¥50 or more,58\\.50,58\\.50,0\\.00,0\\.00,,58\\.50\\r\\n`));
	await captureBoth(page, 'qa-owner-reports-day-csv-en');
	await page.setViewportSize({ width: 360, height: 740 });
	await page.screenshot({ path: 'test-results/screenshots/qa-owner-reports-day-csv-360-en.png' });
	await page.setViewportSize(TABLET);

	await page.getByRole('button', { name: /简体中文/ }).click();
	const zh = await download('当日收款 CSV');
	expect(zh).toMatch(/^\uFEFF报表,日报\r\n/);
	// The campaign as the Chinese screens name it: its title only restates its rule.
	expect(zh).toContain(`,${id},alice,cashier-1,已付款,68.50,10.00,商户,满¥50减¥10,`);
	await captureBoth(page, 'qa-owner-reports-day-csv-zh');
	await page.setViewportSize({ width: 360, height: 740 });
	await page.screenshot({ path: 'test-results/screenshots/qa-owner-reports-day-csv-360-zh.png' });
});

test('after a close, the X report says that a refund is of a sale from before this period', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 3000);
	expect(paid.status).toBe(201);
	const closed = await fetch(`${server.url}/api/reports/z`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: '{}'
	});
	expect(closed.status).toBe(201);
	await api.refund(server.url, cashier.token, paid.data.payment.id, 1000);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await page.getByRole('button', { name: 'X report' }).click();
	const x = page.getByTestId('x-figures');
	// No sale in this period, yet ¥10.00 of sales refunded: the line under it says whose sale it was.
	await expect(x.locator('[data-fig=count]')).toHaveText('0');
	await expect(x.locator('[data-fig=refunded]')).toHaveText('¥10.00');
	await expect(nameOf(x, 'refunded-earlier')).toHaveText('Of which sales made before this period (1 refund)');
	await expect(x.locator('[data-fig=refunded-earlier]')).toHaveText('¥10.00');
	// What the shop keeps is below zero, and says why beside it (a minus figure alone alarmed the owner at the shift change).
	await expect(x.locator('[data-fig=net]')).toHaveText('−¥10.00');
	await expect(x.locator('[data-fig=net-below-zero]')).toHaveText('Below zero: it pays back refunds of sales from an earlier report (¥10.00)');
	await x.scrollIntoViewIfNeeded();
	await captureBoth(page, 'qa-owner-reports-earlier-refund-en');

	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(nameOf(x, 'refunded-earlier')).toHaveText('其中为本期之前的销售（1 笔退款）');
	await expect(x.locator('[data-fig=net-below-zero]')).toHaveText('为负数：其中包含对之前报表中销售的退款（¥10.00）');
	await captureBoth(page, 'qa-owner-reports-earlier-refund-zh');
});

test("the refund confirmation of a platform-coupon sale says the platform's saving goes back too, and what the shop keeps", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	// ¥45.30 with 15% off (the platform's ¥6.79). Refunding ¥20.00 of it gives ¥17.00 back to alice and ¥3.00 of
	// the saving back to the platform: the shop keeps ¥25.30, as the payment's detail says once it is done.
	await saleWithCoupon(server.url, cashier.token, 'alice', '1111', 'percent', 4530);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	const row = page.getByRole('row', { name: /alice/ }).filter({ hasText: '45.30' });
	await row.getByRole('button', { name: 'Details' }).click();
	await page.getByRole('radio', { name: 'Part of it' }).check();
	await page.getByLabel(/Value of the goods returned/).fill('20');
	await page.getByRole('button', { name: 'Refund…' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toContainText('alice gets ¥17.00 back to their balance.');
	await expect(dialog.getByTestId('refund-confirm-platform')).toHaveText('¥3.00 of the platform’s saving goes back to the platform too: the shop keeps ¥25.30 of this payment.');
	await captureBoth(page, 'qa-owner-refund-confirm-platform-en');

	// The language is chosen outside the dialog: cancelled, switched, asked again.
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await page.getByRole('button', { name: /简体中文/ }).click();
	await page.getByRole('button', { name: '退款…' }).click();
	await expect(dialog).toContainText('alice 将收到 ¥17.00 退回余额。');
	await expect(dialog.getByTestId('refund-confirm-platform')).toHaveText('另退回平台优惠 ¥3.00，本单退款后商户实收 ¥25.30。');
	await captureBoth(page, 'qa-owner-refund-confirm-platform-zh');
	await dialog.getByRole('button', { name: /^退款 ¥20\.00/ }).click();
	await expect(dialog).toBeHidden();
	// What the dialog said is what the payment's detail now says.
	await expect(page.getByTestId('detail-kept').locator('dd')).toHaveText('¥25.30');
	await expect(page.getByTestId('detail-kept')).toContainText('另退回平台优惠 ¥3.00');
});

test('the refund confirmation of a sale without a platform coupon says nothing of the platform', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, carol), 777);
	expect(paid.status).toBe(201);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('row', { name: /carol/ }).filter({ hasText: '7.77' }).getByRole('button', { name: 'Details' }).click();
	await page.getByRole('button', { name: 'Refund…' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toContainText('carol gets ¥7.77 back to their balance.');
	await expect(dialog.getByTestId('refund-confirm-platform')).toHaveCount(0);
});
