/**
 * A poster's claim link leaked (posted on a bargain forum, say): the owner replaces it from the poster page. The
 * old link and QR then tell whoever opens them to ask the shop for the current one, the new link gives coupons,
 * and a coupon claimed through the old link before stays its customer's.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE } from './support/browser';
import { captureBoth, expectAccessible, openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 768, height: 1024 } });
test.slow(); // a tablet and a phone, screenshots at three sizes with axe

/** Each size the poster is used at: a phone, a tablet upright and on its side. */
const SIZES = [PHONE, { width: 768, height: 1024 }, { width: 1024, height: 768 }];

async function post<T>(base: string, token: string, path: string, body: unknown): Promise<{ status: number; body: T }> {
	const res = await fetch(`${base}/api${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify(body)
	});
	return { status: res.status, body: (await res.json()) as T };
}

test('the owner replaces a leaked poster link: the old one says to ask the shop, the new one gives the coupon', async ({ page, server, browser }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const made = await post<{ campaign: { id: string } }>(server.url, owner.token, '/campaigns', {
		title: 'Window poster',
		rule: { kind: 'fixed', off: 300 },
		validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString()
	});
	expect(made.status).toBe(201);
	const id = made.body.campaign.id;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto(`/cashier/manage/${id}/poster`);
	const poster = page.getByTestId('poster');
	await expect(poster).toHaveAttribute('data-claim-url', /\/claim\/[A-Za-z0-9_-]+$/);
	const oldUrl = (await poster.getAttribute('data-claim-url'))!;

	// Carol got her coupon through the link before it leaked.
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const claimed = await post<{ coupon: { id: string } }>(server.url, carol, `/claims/${oldUrl.split('/claim/')[1]}`, {});
	expect(claimed.status).toBe(201);

	await page.getByRole('button', { name: 'Replace this link' }).click();
	const dialog = page.getByRole('dialog', { name: 'Replace this link?' });
	await expect(dialog).toContainText('The old link and QR stop working at once');
	await expect(dialog).toContainText('Coupons already claimed stay valid.');
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-owner-replace-link-confirm-${size.width}`);
	}
	await expectAccessible(page, 'the replace-link confirmation');
	await dialog.getByRole('button', { name: 'Replace the link' }).click();

	await expect(dialog).toBeHidden();
	await expect(poster).not.toHaveAttribute('data-claim-url', oldUrl);
	const newUrl = (await poster.getAttribute('data-claim-url'))!;
	expect(newUrl).toMatch(new RegExp(`^${server.url}/claim/[A-Za-z0-9_-]+$`));
	await expect(poster.getByTestId('claim-url')).toHaveText(newUrl);
	await expect(page.getByRole('status').filter({ hasText: 'Link replaced' })).toBeVisible();
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-owner-replace-link-done-${size.width}`);
	}
	// On paper, the poster alone: neither the replace action nor what it said is printed.
	await page.emulateMedia({ media: 'print' });
	await expect(poster).toBeVisible();
	await expect(page.getByRole('button', { name: 'Replace this link' })).toBeHidden();
	await expect(page.getByText('Link replaced')).toBeHidden();
	await screenshot(page, 'qa-owner-replace-link-print');
	await page.emulateMedia({ media: 'screen' });
	// Shown again (a reload, another tablet), the poster has the new link.
	await page.reload();
	await expect(poster).toHaveAttribute('data-claim-url', newUrl);

	// A phone that found the old link: no offer, plain words, in English and in Chinese.
	const phoneContext = await browser.newContext({ ...CONTEXT_DEFAULTS, viewport: PHONE });
	const phone = await phoneContext.newPage();
	await phone.goto(oldUrl);
	await expect(phone.getByRole('alert')).toHaveText(/This link no longer works: the shop has replaced it with a new one\. Ask the shop for the current link or QR code\./);
	await expect(phone.getByRole('button', { name: 'Get the coupon' })).toHaveCount(0);
	await expect(phone.getByRole('link', { name: 'Go to my coupons' })).toBeVisible();
	await captureBoth(phone, 'qa-claim-link-withdrawn');
	await phone.getByRole('button', { name: /Switch language/ }).click();
	await expect(phone.getByRole('alert')).toContainText('这个链接已失效：商户已换了新链接。请向商户索取当前的链接或二维码。');
	await captureBoth(phone, 'qa-claim-link-withdrawn-zh');
	await phone.getByRole('button', { name: /切换语言/ }).click();

	// The new link gives the coupon.
	await phone.goto(newUrl);
	await expect(phone.getByRole('heading', { name: '¥3 off' })).toBeVisible();
	await phone.getByLabel('Your handle').fill('bob');
	await phone.getByLabel('PIN').fill('2222');
	await phone.getByRole('button', { name: 'Sign in' }).click();
	await expect(phone.getByRole('status').filter({ hasText: 'It’s yours' })).toBeVisible();
	await phoneContext.close();

	// Carol's coupon from the old link is still hers to use.
	const carols = await api.coupons(server.url, carol);
	expect(carols.find((c) => c.id === claimed.body.coupon.id)).toMatchObject({ state: 'available' });

	// The owner's confirmation in Chinese, looked at and cancelled: nothing is replaced.
	await page.getByRole('button', { name: /Switch language/ }).click();
	await page.getByRole('button', { name: '更换此链接' }).click();
	await expect(page.getByRole('dialog', { name: '更换此链接？' })).toContainText('已领取的券仍然有效');
	await page.setViewportSize(PHONE);
	await screenshot(page, 'qa-owner-replace-link-confirm-zh');
	await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
	await expect(poster).toHaveAttribute('data-claim-url', newUrl);
});
