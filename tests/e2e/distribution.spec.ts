/**
 * Issue 8 as its users meet it: a manager prints a claim-link poster and a customer claims from
 * it on their phone; a customer shares a coupon with a friend (and takes one offer back); the
 * manager closes the day and the Z report counts exactly the payments made.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn, openCustomerSignedIn } from './support/pages';

test.use({ viewport: TABLET });
test.slow(); // several phones and screenshots with axe at two sizes

/** A customer's phone: no Web Share sheet in headless Chromium, so sharing falls back to copying. */
async function phone(browser: Browser): Promise<BrowserContext> {
	const ctx = await browser.newContext({ ...CONTEXT_DEFAULTS, viewport: PHONE });
	await ctx.addInitScript(() => {
		delete (Navigator.prototype as { share?: unknown }).share;
	});
	return ctx;
}

async function signInOnThePage(page: import('@playwright/test').Page, handle: string, pin: string) {
	await page.getByLabel('Your handle').fill(handle);
	await page.getByLabel('PIN').fill(pin);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a manager makes a shareable campaign and a poster; bob claims from its link on his phone', async ({ page, server, browser }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Manage' }).click();
	await page.getByLabel('Title customers see').fill('Poster: 10 off');
	await page.getByLabel('Amount off').fill('10');
	await page.getByLabel('Coupons available').fill('50');
	await page.getByLabel('Customers may share these coupons with friends').check();
	await page.getByRole('button', { name: 'Create campaign' }).click();
	const item = page.getByRole('region', { name: 'Campaigns' }).getByRole('listitem').filter({ hasText: 'Poster: 10 off' });
	await item.getByRole('link', { name: 'Claim link / poster' }).click();

	const poster = page.getByTestId('poster');
	await expect(poster.getByRole('heading', { level: 1 })).toHaveText('Scan to get ¥10 off');
	await expect(poster).toContainText('Demo Café');
	await expect(poster.getByRole('img', { name: 'QR code of the claim link' })).toBeVisible();
	const url = await poster.getAttribute('data-claim-url');
	expect(url).toMatch(new RegExp(`^${server.url}/claim/[^/]+$`));
	await expect(poster.getByTestId('claim-url')).toHaveText(url!);
	await captureBoth(page, 'poster');

	// Bob scans it: the offer shows before he signs in, and he comes back to it after.
	const bobPhone = await phone(browser);
	const bob = await bobPhone.newPage();
	await bob.goto(url!);
	await expect(bob.getByRole('heading', { name: '¥10 off' })).toBeVisible();
	await expect(bob.getByRole('heading', { name: 'Sign in to get this coupon' })).toBeVisible();
	await captureBoth(bob, 'claim-signed-out');
	// The same offer in Chinese, then back.
	await bob.getByRole('button', { name: /Switch language/ }).click();
	await expect(bob.getByRole('heading', { name: '立减¥10' })).toBeVisible();
	await expect(bob.getByRole('heading', { name: '登录后领取这张券' })).toBeVisible();
	await captureBoth(bob, 'claim-zh');
	await bob.getByRole('button', { name: /切换语言/ }).click();
	await signInOnThePage(bob, 'bob', '2222'); // under "Sign in to get this coupon": his at once, no tap
	await expect(bob.getByRole('status').filter({ hasText: 'It’s yours' })).toBeVisible();
	await captureBoth(bob, 'claim-got');
	await bob.getByRole('link', { name: 'Go to my coupons' }).click();
	await expect(bob.getByText('Poster: 10 off')).toBeVisible();

	// A second claim is more than the per-customer limit of 1 allows: back on the poster he is told so at once, for
	// the name shown, with the way to his coupons and no "Get the coupon" that could only be refused.
	const held = 'You already have as many of these coupons as the offer allows.';
	await bob.goto(url!);
	await expect(bob.getByText(held)).toBeVisible();
	await expect(bob.getByTestId('claim-signed-in-as')).toHaveText('Signed in as bob');
	await expect(bob.getByRole('link', { name: 'Go to my coupons' })).toBeVisible();
	await expect(bob.getByRole('button', { name: 'Get the coupon' })).toHaveCount(0);
	await captureBoth(bob, 'claim-limit-reached');
	// "Not you?": the offer is open again to whoever signs in here; bob signing in again is told at once, no tap.
	await bob.getByRole('button', { name: 'Not you? Sign out' }).click();
	await expect(bob.getByRole('heading', { name: 'Sign in to get this coupon' })).toBeVisible();
	await expect(bob.getByText(held)).toHaveCount(0);
	await signInOnThePage(bob, 'bob', '2222');
	await expect(bob.getByText(held)).toBeVisible();
	await expect(bob.getByRole('button', { name: 'Get the coupon' })).toHaveCount(0);
	await bobPhone.close();

	// The campaign's figures count the claim.
	await page.goto('/cashier/manage');
	await item.getByRole('link', { name: 'Figures' }).click();
	await expect(page.getByTestId('stat-issued')).toHaveText('1');
	await expect(page.getByTestId('stat-claimed')).toHaveText('1');
	await captureBoth(page, 'campaign-stats');
});

test('alice shares her 5 off coupon, takes one offer back, and carol accepts the next', async ({ server, browser }) => {
	const alicePhone = await phone(browser);
	const alice = await alicePhone.newPage();
	await openCustomerSignedIn(alice, server.url, 'alice', '1111');

	await alice.getByRole('button', { name: 'Share with a friend' }).click();
	await expect(alice.getByText('Shared — waiting for your friend')).toBeVisible();
	// The shared card moves to the end of the list; it is scrolled to, clear of the sticky "Show payment code".
	const bottomOfLink = async () => {
		const link = (await alice.getByTestId('share-link').boundingBox())!;
		const sticky = (await alice.getByRole('button', { name: 'Show payment code' }).boundingBox())!;
		return link.y >= 0 && link.y + link.height <= sticky.y;
	};
	await expect.poll(bottomOfLink).toBe(true);
	const firstLink = await alice.getByTestId('share-link').inputValue();
	expect(firstLink).toMatch(/\/claim\/s\/[^/]+$/);
	await alice.getByRole('button', { name: 'Take back' }).click();
	await expect(alice.getByText('Taken back: the coupon is yours to use again.')).toBeVisible();

	await alice.getByRole('button', { name: 'Share with a friend' }).click();
	await expect(alice.getByText('Shared — waiting for your friend')).toBeVisible();
	const link = await alice.getByTestId('share-link').inputValue();
	expect(link).not.toBe(firstLink);
	await captureBoth(alice, 'share-waiting');

	// Her own link tells her to send it to a friend instead.
	await alice.goto(link);
	await expect(alice.getByText('This is your own offer')).toBeVisible();

	const carolPhone = await phone(browser);
	const carol = await carolPhone.newPage();
	await carol.goto(firstLink);
	await expect(carol.getByText('alice has taken this coupon back.')).toBeVisible();
	await carol.goto(link);
	await expect(carol.getByText('alice offers you a coupon')).toBeVisible();
	await expect(carol.getByRole('heading', { name: '¥5 off' })).toBeVisible();
	await captureBoth(carol, 'share-landing');
	await signInOnThePage(carol, 'carol', '3333'); // accepted with the sign-in the page asked for
	await expect(carol.getByRole('status').filter({ hasText: 'It’s yours' })).toContainText('alice’s coupon');
	const carolToken = await api.customerToken(server.url, 'carol', '3333');
	expect((await api.coupons(server.url, carolToken)).filter((c) => c.title === '¥5 off')).toHaveLength(2);

	// The link is spent: carol, reloading it, is told the coupon is hers; alice, who sent it, that her friend has it.
	await carol.reload();
	await expect(carol.getByText('You accepted this coupon: alice’s coupon is in your wallet.')).toBeVisible();
	await carolPhone.close();
	await alice.goto(link);
	await expect(alice.getByText('Your friend has accepted this coupon: it is in their wallet now.')).toBeVisible();

	await alice.goto('/customer');
	await expect(alice.getByTestId('given-coupons')).toContainText('Given to carol');
	await captureBoth(alice, 'share-given');
	// In Chinese the gift is named as her coupon cards name it, not by the shop's English title.
	await alice.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await alice.reload();
	await expect(alice.getByTestId('given-coupons')).toContainText('立减¥5');
	await expect(alice.getByTestId('given-coupons')).not.toContainText('¥5 off');
	await alice.evaluate(() => localStorage.setItem('pos.lang', 'en'));
	await alicePhone.close();
});

test('the manager takes an X report, closes the day, and the Z report counts the payments made', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const xBefore = await fetch(`${server.url}/api/reports/x`, { headers: { Authorization: `Bearer ${cashier.token}` } });
	const before = ((await xBefore.json()) as { figures: { count: number; amount: api.Money } }).figures;

	const bob = await api.customerToken(server.url, 'bob', '2222');
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 3000);
	expect(paid.status).toBe(201);
	const count = before.count + 1;
	const amount = before.amount.amount + 3000;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Report' }).click();
	await page.getByRole('button', { name: 'X report' }).click();
	const x = page.getByTestId('x-figures');
	await expect(x.locator('[data-fig=count]')).toHaveText(String(count));
	await expect(x.locator('[data-fig=amount]')).toContainText((amount / 100).toFixed(2));
	await captureBoth(page, 'x-report');
	// The X report downloads as the Z report does, and the file says what period it covers.
	const xSection = page.locator('section', { has: x });
	const [xDownload] = await Promise.all([page.waitForEvent('download'), xSection.getByRole('button', { name: 'Download CSV' }).click()]);
	expect(xDownload.suggestedFilename()).toMatch(/^x-report-\d{4}-\d{2}-\d{2}T\d{4}\.csv$/);
	const xCsv = readFileSync((await xDownload.path())!, 'utf8');
	// A count has no yuan column: "Payments,<count>," (the CSV gives amounts in minor units and in yuan).
	expect(xCsv).toContain(`\r\nPayments,${count},\r\n`);
	expect(xCsv).toMatch(/\r\nPeriod from,Since the shop opened\r\nTaken at,\d{4}-/);

	await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
	const dialog = page.getByRole('dialog', { name: 'Close the day?' });
	await expect(dialog).toContainText('Z report No. 1');
	// The confirmation says what it freezes.
	await expect(dialog.getByTestId('close-period').locator('[data-fig=count]')).toHaveText(String(count));
	await expect(dialog.getByTestId('close-period').locator('[data-fig=amount]')).toContainText((amount / 100).toFixed(2));
	await captureBoth(page, 'close-confirm');
	await dialog.getByRole('button', { name: 'Close the day' }).click();
	await expect(page.getByText('Day closed: Z report No. 1.')).toBeVisible();
	const z = page.getByTestId('z-figures');
	await expect(z.locator('[data-fig=count]')).toHaveText(String(count));
	await expect(z.locator('[data-fig=amount]')).toContainText((amount / 100).toFixed(2));

	// The server's report agrees, and a new X report starts from zero.
	const zRes = await fetch(`${server.url}/api/reports/z/1`, { headers: { Authorization: `Bearer ${cashier.token}` } });
	const zReport = ((await zRes.json()) as { report: { figures: { count: number; amount: api.Money } } }).report;
	expect(zReport.figures.count).toBe(count);
	expect(zReport.figures.amount.amount).toBe(amount);
	await page.getByRole('button', { name: 'X report' }).click();
	await expect(page.getByTestId('x-figures').locator('[data-fig=count]')).toHaveText('0');

	await page.getByTestId('z-list').getByRole('link', { name: 'View' }).first().click();
	await expect(page.getByRole('heading', { name: 'Z report No. 1' })).toBeVisible();
	await expect(page.getByTestId('z-view-figures').locator('[data-fig=count]')).toHaveText(String(count));
	await expect(page.getByText(/^Closed .* by owner$/)).toBeVisible();
	await captureBoth(page, 'z-report');

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
	expect(download.suggestedFilename()).toBe('z-report-1.csv');
	const csv = readFileSync((await download.path())!, 'utf8');
	expect(csv.length).toBeGreaterThan(0);
	expect(csv).toContain(String(amount));
	expect(csv).toContain('\r\nClosed by,owner\r\n');
});

test('the poster of a campaign whose coupons are all given out warns the manager before it is put up', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Manage' }).click();
	await page.getByLabel('Title customers see').fill('Only one');
	await page.getByLabel('Amount off').fill('2');
	await page.getByLabel('Coupons available').fill('1');
	await page.getByRole('button', { name: 'Create campaign' }).click();
	const item = page.getByRole('region', { name: 'Campaigns' }).getByRole('listitem').filter({ hasText: 'Only one' });
	await item.getByRole('link', { name: 'Claim link / poster' }).click();
	const poster = page.getByTestId('poster');
	await expect(poster).toBeVisible();
	await expect(page.getByText(/a customer who scans this poster is told/)).toHaveCount(0);

	// Carol takes the one coupon; the poster, opened again, says no one else can.
	const token = (await poster.getAttribute('data-claim-url'))!.split('/').pop()!;
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const claim = await fetch(`${server.url}/api/claims/${token}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${carol}`, 'Content-Type': 'application/json', 'Idempotency-Key': `claim-${Date.now()}` },
		body: '{}'
	});
	expect(claim.status).toBe(201);
	await page.reload();
	await expect(page.getByText('No coupons of this campaign are left: a customer who scans this poster is told the offer has closed.')).toBeVisible();
});

test("the poster, the campaign list and the Figures page say a campaign's conditions, so no customer is surprised at the counter", async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Manage' }).click();
	await page.getByLabel('Title customers see').fill('Tenth off');
	await page.getByLabel('Percent off', { exact: true }).check();
	await page.getByLabel('Percent off (1–100)').fill('10');
	await page.getByLabel('At most').fill('6');
	await page.getByLabel('Minimum spend').fill('20');
	await page.getByLabel('Budget (total savings)').fill('100');
	await page.getByLabel('Coupons available').fill('30');
	await page.getByLabel('Per customer').fill('2');
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'created' })).toBeVisible();

	const item = page.getByRole('region', { name: 'Campaigns' }).getByRole('listitem').filter({ hasText: 'Tenth off' });
	await expect(item).toContainText('10% off, at most ¥6');
	await expect(item).toContainText('Orders of ¥20 or more');

	await item.getByRole('link', { name: 'Claim link / poster' }).click();
	const poster = page.getByTestId('poster');
	await expect(poster.getByRole('heading', { level: 1 })).toHaveText('Scan to get 10% off, at most ¥6');
	await expect(poster.getByTestId('poster-minimum-spend')).toHaveText('On orders of ¥20 or more');
	await captureBoth(page, 'poster-minimum-spend');

	await page.goto('/cashier/manage');
	await item.getByRole('link', { name: 'Figures' }).click();
	const limits = page.getByTestId('campaign-limits');
	await expect(limits.locator('[data-limit=minimum-spend]')).toHaveText('¥20.00');
	await expect(limits.locator('[data-limit=per-customer]')).toHaveText('2 coupons');
	await expect(limits.locator('[data-limit=stock]')).toHaveText('30 (0 given out)');
	await expect(limits.locator('[data-limit=budget]')).toHaveText('¥100.00 (¥0.00 used)');
	await captureBoth(page, 'campaign-limits');
});

test('X report: "Sales refunded" and "Paid back" are two lines, and settlement − paid back is the net printed', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	// The shop funds "¥10 off orders of ¥50 or more": of a 60.00 sale the shop got 50.00, and a full refund
	// refunds 60.00 of sales but pays back 50.00.
	const paid = await api.payWithCoupon(server.url, cashier.token, 'bob', '2222', '¥10 off orders of ¥50 or more', 6000);
	await api.refund(server.url, cashier.token, paid);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await page.getByRole('button', { name: 'X report' }).click();
	const x = page.getByTestId('x-figures');
	const figure = async (name: string) => Number((await x.locator(`[data-fig=${name}]`).textContent())!.replace(/[^\d.]/g, ''));
	await expect(x).toContainText('Sales refunded (1 refund)');
	await expect(x.locator('[data-fig=refunded]')).toHaveText('¥60.00');
	await expect(x).toContainText('Paid back by refunds');
	await expect(x.locator('[data-fig=paid-back]')).toHaveText('¥50.00');
	const settlement = await figure('settlement');
	expect(Math.round((settlement - (await figure('paid-back'))) * 100)).toBe(Math.round((await figure('net')) * 100));
	// The day's card says the same word for the same figure.
	await expect(page.getByTestId('report-figures')).toContainText('Paid back');
	// The sale's coupon use still counts where it was made, marked as refunded since: the campaign's own page
	// (uses still standing) and the report then tell the same story.
	await expect(page.getByTestId('uses-refunded')).toHaveText('1 refunded in full');
	await expect(page.getByTestId('fig-by-campaign').first()).toContainText('(1 use · 1 refunded in full · Paid by: Shop)');
	await captureBoth(page, 'x-report-refunds');
	await page.getByRole('button', { name: /Switch language/ }).click();
	await expect(x).toContainText('退款销售额（1 笔退款）');
	await expect(x).toContainText('退款支出');
	await captureBoth(page, 'x-report-refunds-zh');
	await page.getByRole('button', { name: /切换语言/ }).click();
});

test("the day report splits coupon savings into the shop's and the platform's, and says the platform's is in the takings", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const alice = await api.customerToken(server.url, 'alice', '1111');
	// "15% off, at most ¥20" is paid by the platform: 15.00 of a 100.00 sale.
	const coupon = (await api.coupons(server.url, alice)).find((c) => c.rule.kind === 'percent' && c.state === 'available')!;
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, alice, coupon.id), 10000)).status).toBe(201);
	const day = (await (await fetch(`${server.url}/api/reports/daily`, { headers: { Authorization: `Bearer ${cashier.token}` } })).json()) as {
		deductionMerchantFunded: api.Money;
		deductionPlatformFunded: api.Money;
	};
	expect(day.deductionPlatformFunded.amount).toBeGreaterThanOrEqual(1500);
	const yuan = (m: api.Money) => `¥${(m.amount / 100).toFixed(2)}`;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-savings-shop')).toHaveText(`Savings paid by the shop: ${yuan(day.deductionMerchantFunded)}`);
	await expect(page.getByTestId('report-savings-platform')).toHaveText(`Savings paid by the platform: ${yuan(day.deductionPlatformFunded)}`);
	await expect(page.getByText('The platform’s part is paid to the shop: it is in “Shop receives”.')).toBeVisible();
	await captureBoth(page, 'report-savings-split');
	// The X report's lines of the same split, found by their data-fig as its other lines are, in the same words.
	const x = (await (await fetch(`${server.url}/api/reports/x`, { headers: { Authorization: `Bearer ${cashier.token}` } })).json()) as {
		figures: { deductionMerchantFunded: api.Money; deductionPlatformFunded: api.Money };
	};
	await page.getByRole('button', { name: 'X report' }).click();
	const figures = page.getByTestId('x-figures');
	await expect(figures.locator('[data-fig=deduction-merchant]')).toHaveText(yuan(x.figures.deductionMerchantFunded));
	await expect(figures.locator('[data-fig=deduction-platform]')).toHaveText(yuan(x.figures.deductionPlatformFunded));
	await expect(figures.locator('div:has([data-fig=deduction-platform]) dt')).toHaveText('Savings paid by the platform');
	await page.getByRole('button', { name: /Switch language/ }).click();
	await expect(page.getByTestId('report-savings-shop')).toHaveText(`商户承担的优惠：${yuan(day.deductionMerchantFunded)}`);
	await expect(page.getByTestId('report-savings-platform')).toHaveText(`平台承担的优惠：${yuan(day.deductionPlatformFunded)}`);
	await captureBoth(page, 'report-savings-split-zh');
	await page.getByRole('button', { name: /切换语言/ }).click();
});

test('closing the day again when nothing happened since the last close says so, and needs a second yes', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const zList = async () =>
		((await (await fetch(`${server.url}/api/reports/z`, { headers: { Authorization: `Bearer ${owner.token}` } })).json()) as { reports: { number: number }[] }).reports;
	// A close first (whatever the file's earlier tests did), so that nothing has happened since.
	const first = await fetch(`${server.url}/api/reports/z`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: '{}'
	});
	expect(first.status).toBe(201);
	const last = ((await first.json()) as { report: { number: number } }).report.number;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
	const dialog = page.getByRole('dialog', { name: 'Close the day?' });
	await expect(dialog.getByTestId('close-empty')).toContainText(`Nothing has happened since Z report No. ${last}`);
	await expect(dialog.getByTestId('close-empty')).toContainText(`Z report No. ${last + 1} would be all zeros.`);
	const confirm = dialog.getByRole('button', { name: 'Close the day' });
	await expect(confirm).toBeDisabled();
	await captureBoth(page, 'close-empty');
	// Cancelled, nothing is closed.
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	expect((await zList()).length).toBe(last);

	// Asked again and said yes twice, it closes.
	await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
	await dialog.getByLabel('Close anyway, with a report of zeros').check();
	await confirm.click();
	await expect(page.getByText(`Day closed: Z report No. ${last + 1}.`)).toBeVisible();
});

test('a close the server refuses (403: no longer a manager; 409: a clash) says why in the manager’s language, never in the server’s English', async ({ page, server }) => {
	// A sale since any close of this file's earlier tests: the confirmation has figures and needs one yes.
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1200)).status).toBe(201);
	// The API's error shape, as its own refusals are written (api/http/errors.ts).
	const refusals = [
		{ status: 403, code: 'FORBIDDEN', message: 'You may not do this.' },
		{ status: 409, code: 'IDEMPOTENCY_MISMATCH', message: 'This Idempotency-Key was used for a different request.' }
	];
	let answered = 0;
	await page.route('**/api/reports/z', (route) => {
		if (route.request().method() !== 'POST') return route.continue();
		const refusal = refusals[answered++ % refusals.length]!;
		return route.fulfill({ status: refusal.status, json: { error: { code: refusal.code, message: refusal.message } } });
	});
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();

	for (const words of [
		{
			open: 'Close the day (Z report)',
			title: 'Close the day?',
			confirm: 'Close the day',
			cancel: 'Cancel',
			forbidden: 'The day was not closed: only a manager can close it, and this sign-in is no longer a manager’s.',
			conflict: 'The day was not closed: this close clashed with another.'
		},
		{
			open: '日结（Z 报表）',
			title: '确定日结？',
			confirm: '确定日结',
			cancel: '取消',
			forbidden: '未日结：只有店长可以日结，这个登录已不是店长。',
			conflict: '未日结：这次日结与另一次冲突。'
		}
	]) {
		await page.getByRole('button', { name: words.open }).click();
		const dialog = page.getByRole('dialog', { name: words.title });
		await dialog.getByRole('button', { name: words.confirm }).click();
		await expect(dialog.getByRole('alert')).toContainText(words.forbidden);
		await dialog.getByRole('button', { name: words.confirm }).click();
		await expect(dialog.getByRole('alert')).toContainText(words.conflict);
		await expect(dialog).not.toContainText('Idempotency-Key');
		await captureBoth(page, `close-refused-${words.open.startsWith('Close') ? 'en' : 'zh'}`);
		await dialog.getByRole('button', { name: words.cancel }).click();
		if (words.open.startsWith('Close')) await page.getByRole('button', { name: /简体中文/ }).click();
	}
	expect(answered).toBe(4);
});
