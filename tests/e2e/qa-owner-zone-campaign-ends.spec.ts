/**
 * The demo shop starts on the server's zone (UTC), and its owner sets Shanghai's later. A campaign's end is a moment, so
 * "the end of 2 Jan" on UTC's clock would read "3 Jan, 08:00" on the shop's posters from then on, unannounced. The
 * save now names, before anything is saved, each running campaign whose end reads otherwise, with both readings, and
 * keeps the ones the owner leaves ticked (all, at first) at the time they read now, on the new clock.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

const DAY_MS = 86_400_000;
/** As the app writes a date (and a time) for en-GB, on `timeZone`'s clock. */
const written = (iso: string, timeZone: string, withTime = false) =>
	new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone }).format(new Date(iso));

interface Campaign {
	id: string;
	title: string;
	validUntil: string;
}
async function campaigns(base: string, token: string): Promise<Campaign[]> {
	const res = await fetch(`${base}/api/campaigns`, { headers: { Authorization: `Bearer ${token}` } });
	return ((await res.json()) as { campaigns: Campaign[] }).campaigns;
}
async function shopZone(base: string, token: string): Promise<string> {
	const res = await fetch(`${base}/api/shop`, { headers: { Authorization: `Bearer ${token}` } });
	return ((await res.json()) as { shop: { timeZone: string } }).shop.timeZone;
}

/** Puts the shop on `timeZone` through the API, as a test's starting point (the file's server is shared by its tests). */
async function setZone(base: string, token: string, timeZone: string): Promise<void> {
	if ((await shopZone(base, token)) === timeZone) return;
	const res = await fetch(`${base}/api/shop`, {
		method: 'PATCH',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ timeZone })
	});
	expect(res.status).toBe(200);
}

/** A suffix that keeps this run's campaigns apart from a repeat's on the same server. */
const runId = () => Math.random().toString(36).slice(2, 7);

async function chooseZone(page: Page, zone: string, save = 'Save') {
	await page.goto('/cashier/shop');
	await page.locator('#shop-time-zone').selectOption(zone);
	await page.getByRole('button', { name: save, exact: true }).click();
}

test('a new time zone names the campaigns whose end reads otherwise, all ticked: Save as it is keeps every end date', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	await setZone(server.url, owner.token, 'UTC');
	const run = runId();
	const [coffeeTitle, teaTitle] = [`Coffee ¥3 off ${run}`, `Tea ¥2 off ${run}`];
	// The end of a day thirty days on, as the form makes it on the shop's clock (UTC): the next day's 00:00.
	const lastDay = new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10);
	const end = new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS).toISOString();
	const lastDayWritten = written(`${lastDay}T12:00:00Z`, 'UTC');
	await api.created(server.url, owner.token, '/campaigns', { title: coffeeTitle, rule: { kind: 'fixed', off: 300 }, validUntil: end });
	await api.created(server.url, owner.token, '/campaigns', { title: teaTitle, rule: { kind: 'fixed', off: 200 }, validUntil: end });
	const demo = (await campaigns(server.url, owner.token)).find((c) => c.title === '¥10 off orders of ¥50 or more')!;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await chooseZone(page, 'Asia/Shanghai');
	const dialog = page.getByRole('dialog', { name: 'Campaign ends on the new clock' });
	await expect(dialog).toContainText('On Asia/Shanghai’s clock these campaigns’ ends read otherwise than on UTC’s.');
	// What Save does, for the ticked and the unticked.
	await expect(dialog).toContainText(
		'Save keeps each ticked campaign ending on the date and time it shows now. An unticked one ends at the same moment as before: the Asia/Shanghai time shown.'
	);
	// Both readings: the whole last day now, 08:00 the next morning on Shanghai's clock.
	const coffee = dialog.getByRole('listitem').filter({ hasText: coffeeTitle });
	await expect(coffee).toContainText(`Valid until ${lastDayWritten} now; on Asia/Shanghai’s clock, until ${written(end, 'Asia/Shanghai', true)}.`);
	const tea = dialog.getByRole('listitem').filter({ hasText: teaTitle });
	await expect(tea).toHaveCount(1);
	// The demo's own campaign, ending as a day a year on ends on the server's clock (UTC here), reads otherwise too.
	await expect(dialog.getByRole('listitem').filter({ hasText: demo.title })).toHaveCount(1);
	// Each starts ticked (an owner who set "ends 5 Jan" means the shop's 5 Jan), and so does the box for them all.
	const all = dialog.getByRole('checkbox', { name: 'Keep every end as it reads now' });
	const each = dialog.getByTestId('campaign-ends').getByRole('checkbox');
	await expect(each).toHaveCount(3);
	for (const box of await each.all()) await expect(box).toBeChecked();
	await expect(all).toBeChecked();
	await expect(coffee.getByRole('checkbox', { name: `Keep it to the end of ${lastDayWritten} on the new clock` })).toBeChecked();
	await captureBoth(page, 'shop-zone-campaign-ends');

	// One box unticks them all, and ticks them all again; while only some are ticked, it shows as mixed.
	await all.uncheck();
	for (const box of await each.all()) await expect(box).not.toBeChecked();
	await tea.getByRole('checkbox').check();
	await expect(all).not.toBeChecked();
	await expect(all).toHaveJSProperty('indeterminate', true);
	await all.click();
	for (const box of await each.all()) await expect(box).toBeChecked();
	await expect(all).toHaveJSProperty('indeterminate', false);

	// Cancel saves nothing.
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	expect(await shopZone(server.url, owner.token)).toBe('UTC');

	// Saved as the dialog opens: every end is kept.
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();

	const saved = page.getByRole('status').filter({ hasText: 'Saved.' }).getByTestId('shop-changes').getByRole('listitem');
	await expect(saved.first()).toHaveText('Time zone: UTC → Asia/Shanghai');
	// The demo's end is kept to the time it read on UTC's clock, now on Shanghai's: its last whole day, as coffee's.
	const demoKept = new Date(Date.parse(demo.validUntil) - 8 * 3600_000).toISOString();
	for (const line of [
		`“${coffeeTitle}”: still valid until ${lastDayWritten}.`,
		`“${teaTitle}”: still valid until ${lastDayWritten}.`,
		`“${demo.title}”: still valid until ${written(new Date(Date.parse(demo.validUntil) - DAY_MS / 2).toISOString(), 'UTC')}.`
	])
		await expect(saved.filter({ hasText: line })).toHaveCount(1);
	await captureBoth(page, 'shop-zone-campaign-ends-saved');

	// Coffee and tea end as Shanghai's next day begins: the same last day, as the manager's list says.
	const after = await campaigns(server.url, owner.token);
	const shanghaiMidnight = new Date(Date.parse(end) - 8 * 3600_000).toISOString();
	expect(after.find((c) => c.title === coffeeTitle)!.validUntil).toBe(shanghaiMidnight);
	expect(after.find((c) => c.title === teaTitle)!.validUntil).toBe(shanghaiMidnight);
	expect(after.find((c) => c.title === demo.title)!.validUntil).toBe(demoKept);
	expect(await shopZone(server.url, owner.token)).toBe('Asia/Shanghai');
	await page.getByRole('link', { name: 'Campaigns' }).first().click();
	for (const title of [coffeeTitle, teaTitle])
		await expect(page.getByRole('listitem').filter({ hasText: title }).getByText(`Until ${lastDayWritten}`, { exact: true })).toBeVisible();
});

test('an unticked end keeps its moment, and reads on the new clock', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	await setZone(server.url, owner.token, 'UTC');
	const run = runId();
	const [juiceTitle, soupTitle] = [`Juice ¥1 off ${run}`, `Soup ¥5 off ${run}`];
	const lastDay = new Date(Date.now() + 20 * DAY_MS).toISOString().slice(0, 10);
	const end = new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS).toISOString();
	await api.created(server.url, owner.token, '/campaigns', { title: juiceTitle, rule: { kind: 'fixed', off: 100 }, validUntil: end });
	await api.created(server.url, owner.token, '/campaigns', { title: soupTitle, rule: { kind: 'fixed', off: 500 }, validUntil: end });

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await chooseZone(page, 'Asia/Shanghai');
	const dialog = page.getByRole('dialog', { name: 'Campaign ends on the new clock' });
	await dialog.getByRole('listitem').filter({ hasText: juiceTitle }).getByRole('checkbox').uncheck();
	await dialog.getByRole('button', { name: 'Save' }).click();
	const saved = page.getByRole('status').filter({ hasText: 'Saved.' }).getByTestId('shop-changes').getByRole('listitem');
	await expect(saved.filter({ hasText: `“${juiceTitle}”: now valid until ${written(end, 'Asia/Shanghai', true)}.` })).toHaveCount(1);
	await expect(saved.filter({ hasText: `“${soupTitle}”: still valid until ${written(`${lastDay}T12:00:00Z`, 'UTC')}.` })).toHaveCount(1);
	const after = await campaigns(server.url, owner.token);
	expect(after.find((c) => c.title === juiceTitle)!.validUntil).toBe(end);
	expect(after.find((c) => c.title === soupTitle)!.validUntil).toBe(new Date(Date.parse(end) - 8 * 3600_000).toISOString());
});

test('an end that could not be kept is named in the manager’s language, with a way to its campaign; the zone stays saved', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	await setZone(server.url, owner.token, 'Asia/Shanghai');
	const cakeTitle = `Cake ¥4 off ${runId()}`;
	// The end of a day thirty days on, on Shanghai's clock: 00:00 there is 16:00 UTC the day before.
	const lastDay = new Date(Date.now() + 8 * 3600_000 + 30 * DAY_MS).toISOString().slice(0, 10);
	const end = new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS - 8 * 3600_000).toISOString();
	await api.created(server.url, owner.token, '/campaigns', { title: cakeTitle, rule: { kind: 'fixed', off: 400 }, validUntil: end });
	await page.route('**/api/campaigns/*', (route) =>
		route.request().method() === 'PATCH'
			? route.fulfill({ status: 503, json: { error: { code: 'UNAVAILABLE', message: 'The database is out of reach.' } } })
			: route.fallback()
	);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await chooseZone(page, 'UTC', '保存');
	const dialog = page.getByRole('dialog', { name: '新时区下的活动结束时间' });
	const cake = dialog.getByRole('listitem').filter({ hasText: cakeTitle });
	await expect(cake.getByRole('checkbox')).toBeChecked();
	await captureBoth(page, 'shop-zone-campaign-ends-zh');
	await dialog.getByRole('button', { name: '保存' }).click();

	const failed = page.getByTestId('ends-not-kept');
	// 16:00 on the day before, on UTC's clock.
	await expect(failed).toContainText(`“${cakeTitle}”现有效至`);
	await expect(failed).toContainText('16:00：未能保持原结束时间。暂时无法保存，没有任何更改。请稍后再试。');
	const cakeId = (await campaigns(server.url, owner.token)).find((c) => c.title === cakeTitle)!.id;
	// Every end was ticked, and every PATCH refused: the cake's line links to the cake.
	await expect(failed.getByRole('listitem').filter({ hasText: cakeTitle }).getByRole('link', { name: '修改结束时间' })).toHaveAttribute('href', `/cashier/manage/${cakeId}`);
	expect((await campaigns(server.url, owner.token)).find((c) => c.title === cakeTitle)!.validUntil).toBe(end);
	await expect(page.getByRole('status').filter({ hasText: '已保存。' })).toContainText('时区：Asia/Shanghai → UTC');
	await captureBoth(page, 'shop-zone-campaign-ends-not-kept-zh');
	expect(await shopZone(server.url, owner.token)).toBe('UTC');
	// The Day report and Today say whose clock their day is on.
	await page.getByRole('link', { name: '日报' }).first().click();
	await expect(page.getByTestId('report-zone')).toHaveText('日期和小时按店铺时间（UTC）');
	await page.getByRole('link', { name: '今日' }).first().click();
	await expect(page.getByTestId('payments-summary')).toContainText('（UTC）');
	await page.evaluate(() => localStorage.removeItem('pos.lang'));
});
