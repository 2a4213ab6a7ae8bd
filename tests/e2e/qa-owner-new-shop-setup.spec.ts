/**
 * The owner opening a second shop and setting it up (audit "auditsetup"): the poster's QR made on the server's own
 * computer, a campaign just made read as not started, a new shop's Give a coupon with nothing to choose, the phone's
 * Campaigns page led by its form, and the Staff page's handle error left under an emptied field.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { expect, test } from './fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, screenshot, switchLanguage } from './support/pages';

test.use({ viewport: TABLET });

/** Opens a shop with its first manager in the file's server's database, as README's `npm run shop` does. */
function openShop(serverDir: string, handle: string, manager: string, pin: string): void {
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/new-shop.ts', '--handle', handle, '--name', 'Corner Café', '--manager', manager, '--pin', pin, '--time-zone', 'UTC'], {
		env: { ...process.env, DATABASE_URL: `sqlite:${join(serverDir, 'pos.db')}` },
		stdio: 'pipe'
	});
}

test('a poster opened at localhost warns that no phone can open its QR, on screen only; at the shop’s address it does not', async ({ page, server }) => {
	test.slow(); // a second browser
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/manage');
	await page.getByRole('region', { name: 'All campaigns' }).getByRole('link', { name: 'Claim link / poster' }).first().click();
	await expect(page.getByTestId('poster')).toBeVisible();
	const host = new URL(server.url).host;
	const warning = page.getByTestId('poster-unreachable');
	await expect(warning).toHaveText(
		`It opens ${host}, an address that works only on this computer. Open this page at the address the shop’s phones use (the shop’s https address, or this computer’s address on the shop’s network), then print it.`
	);
	await expect(page.getByText('Customers’ phones cannot open this QR')).toBeVisible();
	await screenshot(page, 'qa-owner-poster-localhost');
	await switchLanguage(page);
	await expect(warning).toHaveText(`它指向 ${host}，这个地址只在这台电脑上有效。请用店里手机访问的地址（店铺的 https 地址，或这台电脑在店内网络上的地址）打开本页，再打印。`);
	await page.setViewportSize(PHONE);
	await screenshot(page, 'qa-owner-poster-localhost-zh');
	await switchLanguage(page);
	// The poster on paper has no such warning.
	await page.emulateMedia({ media: 'print' });
	await expect(warning).toBeHidden();
	await expect(page.getByTestId('poster')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// The same poster opened at a name the shop's phones reach (here mapped to this computer) has no warning.
	const port = new URL(server.url).port;
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP pos.shop.test 127.0.0.1'] });
	try {
		const ctx = await browser.newContext({ ...CONTEXT_DEFAULTS, viewport: TABLET, baseURL: `http://pos.shop.test:${port}` });
		const shopPage = await ctx.newPage();
		await openCounterSignedIn(shopPage, server.url, 'demo-cafe', 'owner', '9999');
		await shopPage.goto('/cashier/manage');
		await shopPage.getByRole('region', { name: 'All campaigns' }).getByRole('link', { name: 'Claim link / poster' }).first().click();
		await expect(shopPage.getByTestId('claim-url')).toHaveText(new RegExp(`^http://pos\\.shop\\.test:${port}/claim/`));
		await expect(shopPage.getByTestId('poster-unreachable')).toHaveCount(0);
	} finally {
		await browser.close();
	}
});

test('a campaign made with the form’s start reads Running at once, not Not started until the minute’s tick', async ({ page, server }) => {
	// The tablet's clock is faked only to move it on without firing the list's once-a-minute tick: five minutes after
	// the page was opened, as when the owner leaves Manage open and comes back to make two campaigns.
	await page.clock.install({ time: Date.now() });
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/manage');
	await expect(page.getByRole('region', { name: 'All campaigns' }).getByRole('listitem').first()).toBeVisible();
	await page.clock.setSystemTime(Date.now() + 5 * 60_000);
	const list = page.getByRole('region', { name: 'All campaigns' });
	for (const title of ['Setup: first', 'Setup: second']) {
		await page.getByLabel('Title customers see').fill(title);
		await page.getByLabel('Amount off').fill('3');
		await page.getByLabel('Coupons available').fill('10');
		await page.getByRole('button', { name: 'Create campaign' }).click();
		await expect(page.getByTestId('campaign-form-message')).toContainText(`Campaign “${title}” created.`);
	}
	// The second one's start is the minute the form was reset in (after the first), later than the list's last tick.
	const second = list.getByRole('listitem').filter({ hasText: 'Setup: second' });
	await expect(second).toContainText('Running');
	await expect(second).not.toContainText('Not started');
	await expect(second).toContainText('Until ');
});

test.describe('a new shop, opened with npm run shop', () => {
	test('Give a coupon says to make a campaign first, and the phone shows the campaigns before the form once there is one', async ({ page, server }) => {
		test.slow(); // npm run shop compiles the script
		openShop(server.dir, 'corner-setup', 'ana', '482913');
		await openCounterSignedIn(page, server.url, 'corner-setup', 'ana', '482913');
		await page.goto('/cashier/manage');
		const grant = page.getByRole('region', { name: 'Give a coupon' });
		await expect(page.getByRole('region', { name: 'All campaigns' })).toContainText('No campaigns yet.');
		await expect(grant.getByTestId('grant-no-campaign')).toHaveText('No campaign yet: make one under New campaign, then give its coupons here.');
		await expect(grant.getByRole('button', { name: 'Give coupon' })).toBeDisabled();
		await expect(grant.getByLabel('Campaign', { exact: true })).toBeDisabled();
		await switchLanguage(page);
		await expect(page.getByTestId('grant-no-campaign')).toHaveText('还没有活动：请先在“新建活动”中创建一个，再在这里发放它的优惠券。');
		await screenshot(page, 'qa-owner-new-shop-grant-zh');
		await switchLanguage(page);

		// On the phone, with no campaign yet, the form comes first: it is what there is to do.
		await page.setViewportSize(PHONE);
		const formTop = async () => (await page.getByRole('region', { name: 'New campaign' }).boundingBox())!.y;
		const listTop = async () => (await page.getByRole('region', { name: 'All campaigns' }).boundingBox())!.y;
		expect(await formTop()).toBeLessThan(await listTop());

		await page.getByLabel('Title customers see').fill('Opening: 5 off');
		await page.getByLabel('Amount off').fill('5');
		await page.getByLabel('Budget (total savings)').fill('500');
		await page.getByRole('button', { name: 'Create campaign' }).click();
		await expect(page.getByTestId('campaign-form-message')).toContainText('Campaign “Opening: 5 off” created.');
		await expect(grant.getByTestId('grant-no-campaign')).toHaveCount(0);
		await expect(grant.getByRole('button', { name: 'Give coupon' })).toBeEnabled();

		// Once there is one, the phone opens on the campaigns and Give a coupon, the form below them.
		for (const width of [390, 360]) {
			await page.setViewportSize({ width, height: PHONE.height });
			await page.reload();
			await expect(page.getByRole('region', { name: 'All campaigns' })).toContainText('Opening: 5 off');
			expect(await listTop()).toBeLessThan(await formTop());
			expect((await grant.boundingBox())!.y).toBeLessThan(await formTop());
			await screenshot(page, `qa-owner-new-shop-phone-${width}`);
		}
		// The tablet keeps the form on the left, the campaigns beside it.
		await page.setViewportSize(TABLET);
		expect(Math.abs((await listTop()) - (await formTop()))).toBeLessThan(400);
		expect((await page.getByRole('region', { name: 'New campaign' }).boundingBox())!.x).toBeLessThan(
			(await page.getByRole('region', { name: 'All campaigns' }).boundingBox())!.x
		);
	});
});

test('Staff: “That handle is taken.” goes once the field is changed, and does not stay beside the next change’s message', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/staff');
	const handle = page.getByLabel('Handle (what they type to sign in)');
	await handle.fill('cashier-1');
	await page.getByLabel('PIN', { exact: true }).fill('5678');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByText('That handle is taken.')).toBeVisible();
	await handle.fill('');
	await expect(page.getByText('That handle is taken.')).toHaveCount(0);
	// Typed again, the same handle is still taken: said again on Add, as before.
	await handle.fill('cashier-1');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByText('That handle is taken.')).toBeVisible();
	await handle.fill('new-hand');
	await expect(page.getByText('That handle is taken.')).toHaveCount(0);
});
