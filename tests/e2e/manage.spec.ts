/** A manager creates a campaign from the form and grants its coupon to a customer by handle. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test('a manager creates a campaign and grants it; a cashier without the right sees no such page', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Manage' }).click();

	// Who pays a shop's own campaign is said on the form (the demo's platform coupons are paid by the platform).
	await expect(page.getByTestId('campaign-paid-by')).toHaveText(/^Your shop pays these savings/);
	// A mistake first: a threshold whose saving is larger than its minimum is refused on the form.
	await page.getByLabel('Title customers see').fill('Lunch: 8 off 40');
	await page.getByLabel('Spend at least, get off').check();
	await page.getByLabel('Order of at least').fill('4');
	await page.getByLabel('Amount off').fill('8');
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.getByText('Can’t be more than the minimum order.')).toBeVisible();
	// The field at fault has the focus, so it is on screen whatever part of the form the manager was at.
	await expect(page.getByLabel('Amount off')).toBeFocused();
	await expect(page.getByLabel('Amount off')).toBeInViewport();
	// A limit is named in words.
	await page.getByLabel('Coupons available').fill('10000001');
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.getByText('Enter a whole number from 1 to 10,000,000.')).toBeVisible();

	await page.getByLabel('Order of at least').fill('40');
	await page.getByLabel('Coupons available').fill('100');
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'created' })).toContainText('Campaign “Lunch: 8 off 40” created.');
	// The message at the top of the tall form is brought into view.
	await expect(page.getByTestId('campaign-form-message')).toBeFocused();
	await expect(page.getByTestId('campaign-form-message')).toBeInViewport();
	await expect(page.getByRole('region', { name: 'Campaigns' }).getByText('¥8 off orders of ¥40 or more')).toBeVisible();

	await page.getByLabel('Campaign', { exact: true }).selectOption({ label: 'Lunch: 8 off 40' });
	await page.getByLabel('Customer handle').fill('bob');
	await page.getByRole('button', { name: 'Give coupon' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'bob got' })).toContainText('bob got a “Lunch: 8 off 40” coupon.');
	const bob = await api.customerToken(server.url, 'bob', '2222');
	expect((await api.coupons(server.url, bob)).map((c) => c.title)).toContain('Lunch: 8 off 40');

	await page.getByLabel('Customer handle').fill('nobody-here');
	await page.getByRole('button', { name: 'Give coupon' }).click();
	await expect(page.getByRole('alert')).toContainText('No customer called “nobody-here”.');

	// A plain cashier has no Campaigns link.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await openCounterSignedIn(page, server.url);
	await expect(page.getByRole('link', { name: 'Manage' })).toHaveCount(0);
});

test('the campaign form refuses an end already past and a fixed saving above the minimum spend, at the field', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Manage' }).click();
	const year = new Date().getFullYear();
	await page.getByLabel('Title customers see').fill('Last year');
	await page.getByLabel('Amount off').fill('10');
	await page.getByLabel('Minimum spend').fill('5');
	await page.getByLabel('Valid from').fill(`${year - 1}-11-01T00:00`);
	await page.getByLabel('Valid until').fill(`${year - 1}-11-20T23:59`);
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.getByTestId('campaign-form-message')).toContainText('Some fields need fixing.');
	await expect(page.getByLabel('Amount off')).toHaveAccessibleDescription(/Can’t be more than the minimum spend/);
	await expect(page.getByLabel('Valid until')).toHaveAccessibleDescription(/This time has already passed/);
	await captureBoth(page, 'campaign-form-refused');

	// Fixed, it is made.
	await page.getByLabel('Minimum spend').fill('10');
	await page.getByLabel('Valid until').fill(`${year + 1}-11-20T23:59`);
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'created' })).toContainText('Campaign “Last year” created.');
});

/** Makes a campaign of Demo Café through the API as its manager. */
async function makeCampaign(base: string, token: string, body: Record<string, unknown>): Promise<string> {
	const res = await fetch(`${base}/api/campaigns`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ rule: { kind: 'fixed', off: 200 }, ...body })
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { campaign: { id: string } }).campaign.id;
}

test('the campaign list tags each campaign with where it stands, and only campaigns that can give a coupon are offered to give', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const DAY_MS = 86_400_000;
	const iso = (ms: number) => new Date(ms).toISOString();
	const gone = await makeCampaign(server.url, owner.token, { title: 'Gone', validUntil: iso(Date.now() + DAY_MS) });
	const end = await fetch(`${server.url}/api/campaigns/${gone}/end`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: '{}'
	});
	expect(end.status).toBe(200);
	const oneLeft = await makeCampaign(server.url, owner.token, { title: 'Only one', validUntil: iso(Date.now() + DAY_MS), stock: 1 });
	await makeCampaign(server.url, owner.token, { title: 'Next week', validFrom: iso(Date.now() + 7 * DAY_MS), validUntil: iso(Date.now() + 14 * DAY_MS) });
	await makeCampaign(server.url, owner.token, { title: 'Now on', validUntil: iso(Date.now() + DAY_MS) });
	await makeCampaign(server.url, owner.token, { title: 'Last two', validUntil: iso(Date.now() + DAY_MS), stock: 2 });
	const grant = await fetch(`${server.url}/api/campaigns/${oneLeft}/grants`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ customer: 'alice' })
	});
	expect(grant.status).toBe(201);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Manage' }).click();
	const list = page.getByRole('region', { name: 'Campaigns' });
	const tagOf = (title: string) => list.getByRole('listitem').filter({ hasText: title }).locator('[data-status]');
	await expect(tagOf('Gone')).toHaveText('Ended');
	await expect(tagOf('Only one')).toHaveText('Sold out');
	await expect(tagOf('Next week')).toHaveText('Not started');
	await expect(tagOf('Now on')).toHaveText('Running');

	const options = await page.getByLabel('Campaign', { exact: true }).locator('option').allTextContents();
	expect(options).toContain('Now on');
	expect(options).toContain('Next week');
	expect(options).not.toContain('Gone');
	expect(options).not.toContain('Only one');
	await captureBoth(page, 'manage-status');

	// Giving the last two coupons from this page: the tag and the list follow at once, no reload.
	await page.getByLabel('Campaign', { exact: true }).selectOption({ label: 'Last two' });
	for (const customer of ['alice', 'bob']) {
		await page.getByLabel('Customer handle').fill(customer);
		await page.getByRole('button', { name: 'Give coupon' }).click();
		await expect(page.getByRole('status').filter({ hasText: `${customer} got` })).toBeVisible();
	}
	await expect(tagOf('Last two')).toHaveText('Sold out');
	expect(await page.getByLabel('Campaign', { exact: true }).locator('option').allTextContents()).not.toContain('Last two');
});

test.describe("on a tablet left on UTC in a shop in Shanghai", () => {
	test.use({ timezoneId: 'UTC', serverEnv: { TIME_ZONE: 'Asia/Shanghai' } });

	const shopTime = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

	test("times and campaign dates are the shop's, not the tablet's", async ({ page, server }) => {
		const cashier = await api.cashierSession(server.url);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1200);
		expect(paid.status).toBe(201);
		const settledAt = (paid.data.payment as unknown as { settledAt: string }).settledAt;

		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
		await page.getByRole('link', { name: 'Today' }).click();
		await expect(page.locator(`tr[data-payment-id="${paid.data.payment.id}"] td`).first()).toHaveText(shopTime(settledAt));

		// "Valid 2 Dec, 00:00 to 23:59" is the shop's whole day: it starts at 16:00 UTC the day before, and ends as
		// 3 Dec begins there (the end is exclusive: 23:59 itself would leave out the day's last minute).
		const year = new Date().getUTCFullYear() + 1;
		await page.getByRole('link', { name: 'Manage' }).click();
		await expect(page.getByText('Times are the shop’s clock (Asia/Shanghai).')).toBeVisible();
		await page.getByLabel('Title customers see').fill('Shop day');
		await page.getByLabel('Amount off').fill('3');
		await page.getByLabel('Valid from').fill(`${year}-12-02T00:00`);
		await page.getByLabel('Valid until').fill(`${year}-12-02T23:59`);
		await page.getByRole('button', { name: 'Create campaign' }).click();
		// No budget, no stock, no minimum spend: asked first (qa-owner-campaign-no-limit.spec.ts).
		await page.getByRole('dialog').getByRole('button', { name: 'Create anyway' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'created' })).toBeVisible();
		const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
		const list = await fetch(`${server.url}/api/campaigns`, { headers: { Authorization: `Bearer ${owner.token}` } });
		const made = ((await list.json()) as { campaigns: { title: string; validFrom: string; validUntil: string }[] }).campaigns.find((c) => c.title === 'Shop day');
		expect(made).toMatchObject({ validFrom: `${year}-12-01T16:00:00.000Z`, validUntil: `${year}-12-02T16:00:00.000Z` });

		// The poster prints the shop's dates.
		const item = page.getByRole('region', { name: 'Campaigns' }).getByRole('listitem').filter({ hasText: 'Shop day' });
		await item.getByRole('link', { name: 'Claim link / poster' }).click();
		await expect(page.getByTestId('poster')).toContainText(`Valid 2 Dec ${year} – 2 Dec ${year}`);
	});
});

test("on a campaign's Figures page the manager raises its limits, moves its end, ends it now and reopens it", async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const DAY_MS = 86_400_000;
	const id = await makeCampaign(server.url, owner.token, {
		title: 'Adjustable',
		validUntil: new Date(Date.now() + 7 * DAY_MS).toISOString(),
		stock: 10,
		budget: { amount: 10_000, currency: 'CNY' }
	});
	const grant = await fetch(`${server.url}/api/campaigns/${id}/grants`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ customer: 'bob' })
	});
	expect(grant.status).toBe(201);
	const view = async () =>
		((await (await fetch(`${server.url}/api/campaigns`, { headers: { Authorization: `Bearer ${owner.token}` } })).json()) as {
			campaigns: { id: string; validUntil: string; stock: number; budget: api.Money }[];
		}).campaigns.find((c) => c.id === id)!;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto(`/cashier/manage/${id}`);
	const limits = page.getByTestId('campaign-limits');
	await expect(limits.locator('[data-limit=stock]')).toHaveText('10 (1 given out)');
	await page.getByRole('button', { name: 'Edit limits' }).click();
	const edit = page.getByTestId('edit-limits');

	// Mistakes are named at their fields, as on the create form.
	const year = new Date().getFullYear();
	await edit.getByLabel('Valid until').fill(`${year - 1}-01-01T00:00`);
	await edit.getByLabel('Coupons available').fill('5');
	await edit.getByRole('button', { name: 'Save changes' }).click();
	await expect(edit.getByLabel('Coupons available')).toHaveAccessibleDescription(/Can only be raised: it is 10 now\./);
	await expect(edit.getByLabel('Valid until')).toHaveAccessibleDescription(/Must be later than the campaign’s start|already passed/);
	await captureBoth(page, 'campaign-edit-limits');

	await edit.getByLabel('Valid until').fill(`${year + 1}-06-30T23:59`);
	await edit.getByLabel('Coupons available').fill('20');
	await edit.getByLabel('Budget (total savings)').fill('200');
	await edit.getByRole('button', { name: 'Save changes' }).click();
	await expect(edit.getByRole('status')).toContainText('Saved');
	await expect(limits.locator('[data-limit=stock]')).toHaveText('20 (1 given out)');
	await expect(limits.locator('[data-limit=budget]')).toHaveText('¥200.00 (¥0.00 used)');
	expect(await view()).toMatchObject({ stock: 20, budget: { amount: 20_000 } });
	expect(Date.parse((await view()).validUntil)).toBeGreaterThan(Date.now() + 100 * DAY_MS);

	// Ending says what stops, and does it.
	await page.getByRole('button', { name: 'End now' }).click();
	const dialog = page.getByRole('dialog', { name: 'End this campaign now?' });
	await expect(dialog).toContainText('Coupons of “Adjustable” that customers have not used yet stop working at once.');
	await captureBoth(page, 'campaign-end-confirm');
	await dialog.getByRole('button', { name: 'End the campaign' }).click();
	await expect(page.getByText('The campaign has ended.')).toBeVisible();
	await expect(page.locator('[data-status]')).toHaveText('Ended');
	await expect(page.getByRole('button', { name: 'End now' })).toHaveCount(0);
	expect(Date.parse((await view()).validUntil)).toBeLessThanOrEqual(Date.now());
	const bob = await api.customerToken(server.url, 'bob', '2222');
	expect((await api.coupons(server.url, bob)).find((c) => c.title === 'Adjustable')?.state).not.toBe('available');

	// A later end reopens it.
	await page.getByRole('button', { name: 'Edit limits' }).click();
	await expect(edit).toContainText('To reopen it, set a later end date.');
	await edit.getByLabel('Valid until').fill(`${year + 1}-01-31T23:59`);
	await edit.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.locator('[data-status]')).toHaveText('Running');
	await captureBoth(page, 'campaign-reopened');
});

test('a campaign ended before it began offers no reopening: no Edit limits, and it says to make a new one', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const iso = (ms: number) => new Date(ms).toISOString();
	const DAY_MS = 86_400_000;
	const id = await makeCampaign(server.url, owner.token, { title: 'Never ran', validFrom: iso(Date.now() + 7 * DAY_MS), validUntil: iso(Date.now() + 14 * DAY_MS) });
	const end = await fetch(`${server.url}/api/campaigns/${id}/end`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: '{}'
	});
	expect(end.status).toBe(200);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto(`/cashier/manage/${id}`);
	await expect(page.getByTestId('edit-closed')).toHaveText('This campaign was ended before it began, so it cannot be reopened. Make a new campaign instead.');
	await expect(page.getByRole('button', { name: 'Edit limits' })).toHaveCount(0);
	await expect(page.getByLabel('Valid until')).toHaveCount(0);
});

test('a campaign cancelled while its Edit limits is open: Save is refused in words, and the form gives way to the reason', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const iso = (ms: number) => new Date(ms).toISOString();
	const DAY_MS = 86_400_000;
	const stockOf = async () =>
		((await (await fetch(`${server.url}/api/campaigns`, { headers: { Authorization: `Bearer ${owner.token}` } })).json()) as { campaigns: { id: string; stock: number | null }[] }).campaigns.find(
			(c) => c.id === id
		)?.stock;
	const id = await makeCampaign(server.url, owner.token, { title: 'Cancelled meanwhile', validFrom: iso(Date.now() + 7 * DAY_MS), validUntil: iso(Date.now() + 14 * DAY_MS), stock: 10 });
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto(`/cashier/manage/${id}`);
	await page.getByRole('button', { name: 'Edit limits' }).click();
	await page.getByTestId('edit-limits').getByLabel('Coupons available').fill('50');
	// Another manager cancels it, on another tablet, before this one saves.
	const end = await fetch(`${server.url}/api/campaigns/${id}/end`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: '{}'
	});
	expect(end.status).toBe(200);
	await page.getByTestId('edit-limits').getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByTestId('edit-closed')).toHaveText('This campaign was ended before it began, so it cannot be reopened. Make a new campaign instead.');
	await expect(page.getByTestId('edit-limits')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Edit limits' })).toHaveCount(0);
	await expect(page.locator('[data-status]')).toHaveText('Ended');
	expect(await stockOf()).toBe(10);
	await captureBoth(page, 'campaign-cancelled-meanwhile');
	await page.getByRole('button', { name: /中文/ }).click();
	await expect(page.getByTestId('edit-closed')).toHaveText('这个活动在开始前就已结束，无法重新开启。请新建一个活动。');
	await captureBoth(page, 'campaign-cancelled-meanwhile-zh');
});

test('a campaign saved before its minimum spend had to be within its threshold says on its page which orders are declined, and what to do', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const id = await makeCampaign(server.url, owner.token, {
		title: 'Old lunch deal',
		rule: { kind: 'threshold', minimum: 4000, off: 800 },
		validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString()
	});
	// As the server stored it before MINIMUM_SPEND_OVER_THRESHOLD: a minimum spend of ¥60 over the ¥40 threshold.
	const db = new Database(join(server.dir, 'pos.db'));
	db.pragma('busy_timeout = 5000');
	db.prepare('update campaigns set minimum_spend = 6000 where id = ?').run(id);
	db.close();
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto(`/cashier/manage/${id}`);
	const note = page.getByTestId('minimum-over-threshold');
	await expect(note).toContainText('Its minimum spend is above its own threshold');
	await expect(note).toContainText('an order of ¥40 or more but under ¥60 is declined at the till');
	await expect(note).toContainText('end this campaign and make a new one');
	await captureBoth(page, 'campaign-minimum-over-threshold');
	await page.getByRole('button', { name: /中文/ }).click();
	await expect(note).toContainText('订单满¥40但不足¥60时，收银台会拒绝用券');
	await captureBoth(page, 'campaign-minimum-over-threshold-zh');
	// Ended, nothing is left to do about it: the note goes.
	await page.getByRole('button', { name: '立即结束' }).click();
	await page.getByRole('dialog').getByRole('button', { name: '结束活动' }).click();
	await expect(page.locator('[data-status]')).toHaveText('已结束');
	await expect(note).toHaveCount(0);
});

test('a campaign without a budget says so, not "¥0.00 used" beside the savings it has given', async ({ page, server }) => {
	// Alice pays ¥60.00 at the café with the demo's ¥10 off coupon (paid by the shop, no budget).
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const coupon = (await api.coupons(server.url, alice)).find((c) => c.title === '¥10 off orders of ¥50 or more')!;
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, alice, coupon.id), 6000)).status).toBe(201);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/manage');
	await page.getByRole('region', { name: 'Campaigns' }).getByRole('listitem').filter({ hasText: '¥10 off orders of ¥50 or more' }).getByRole('link', { name: 'Figures' }).click();
	await expect(page.getByText('Savings given so far').locator('..')).toContainText('¥10.00');
	await expect(page.getByTestId('campaign-limits').locator('[data-limit=budget]')).toHaveText('No limit');
});
