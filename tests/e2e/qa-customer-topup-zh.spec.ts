/** A top-up the server refuses is explained in the customer's language, by the refusal's code, not in the server's English. */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

/** The API's own answers (README: 503 when the database is out of reach, 409 while the first tap still runs). */
const REFUSALS = [
	{ status: 503, code: 'UNAVAILABLE', message: 'The database is out of reach. Retry with the same key.', zh: '暂时无法充值。请稍后再试，不会重复充值。' },
	{ status: 409, code: 'IN_PROGRESS', message: 'A request with this key is still running.', zh: '上一次充值仍在处理中。请稍候再试，不会重复充值。' }
];

test('in Chinese, a refused top-up says why in Chinese; nothing is added, and the next try adds the money once', async ({ page, server }) => {
	const carol = await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await page.getByRole('button', { name: '中文' }).click();
	await page.getByRole('button', { name: '充值', exact: true }).first().click();
	const dialog = page.getByRole('dialog', { name: '为余额充值' });
	await expect(dialog).toBeVisible();

	for (const refusal of REFUSALS) {
		await page.route('**/api/wallet/topups', (route) =>
			route.fulfill({ status: refusal.status, contentType: 'application/json', body: JSON.stringify({ error: { code: refusal.code, message: refusal.message } }) })
		);
		await dialog.getByRole('button', { name: /^充值 / }).click();
		await expect(dialog.getByText(refusal.zh)).toBeVisible();
		await expect(dialog).not.toContainText(refusal.message);
		await page.unroute('**/api/wallet/topups');
	}
	expect(await api.balance(server.url, carol)).toBe(2000);
	for (const size of [{ width: 360, height: 740 }, { width: 390, height: 844 }, { width: 768, height: 1024 }]) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-customer-topup-refused-zh-${size.width}`);
	}

	await dialog.getByRole('button', { name: /^充值 / }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('balance')).toHaveText('¥120.00');
	expect(await api.balance(server.url, carol)).toBe(12000);
});
