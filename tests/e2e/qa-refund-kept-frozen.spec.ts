/**
 * A refund of a platform-coupon sale, once sent, keeps saying what the shop will keep until its answer comes: the
 * refund's own live update may reach Today first, and the dialog took the refund off a second time then (¥25.30
 * became ¥5.32 while the owner watched).
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test("a sent refund's confirmation still says what the shop keeps when the refund's live update lands before its answer", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const coupon = (await api.coupons(server.url, alice)).find((c) => c.rule.kind === 'percent' && c.state === 'available');
	// ¥45.30 with 15% off (the platform's ¥6.79): refunding ¥20.00 gives ¥17.00 back and ¥3.00 of the saving back to
	// the platform, and the shop keeps ¥25.30.
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, alice, coupon!.id), 4530);
	expect(paid.status).toBe(201);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('row', { name: /alice/ }).filter({ hasText: '45.30' }).getByRole('button', { name: 'Details' }).click();
	await page.getByRole('radio', { name: 'Part of it' }).check();
	await page.getByLabel(/Value of the goods returned/).fill('20');
	await page.getByRole('button', { name: 'Refund…' }).click();
	const dialog = page.getByRole('dialog');
	const told = dialog.getByTestId('refund-confirm-platform');
	await expect(told).toContainText('the shop keeps ¥25.30');

	// The refund is made on the server at once; its answer is held back until the live update has come.
	let letAnswerGo = () => {};
	const answerHeld = new Promise<void>((resolve) => (letAnswerGo = resolve));
	await page.route('**/api/payments/*/refunds', async (route) => {
		const response = await route.fetch();
		await answerHeld;
		await route.fulfill({ response });
	});
	await dialog.getByRole('button', { name: /^Refund ¥20\.00/ }).click();
	// The payment's detail behind the dialog shows the refund: the live update has landed.
	await expect(page.getByTestId('detail-kept').locator('dd')).toHaveText('¥25.30');
	await expect(told).toContainText('the shop keeps ¥25.30');

	letAnswerGo();
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('detail-kept').locator('dd')).toHaveText('¥25.30');
});
