/**
 * Adding money with the phone offline. The request never left the phone (the browser knew it had no network), yet
 * the dialog kept its key as a top-up without an answer, and the next dialog said "Your top-up of ¥100.00 at 19:58
 * got no answer: it may have gone in", of money that certainly had not: the customer was told to doubt a balance
 * that was right. Now the dialog says it is offline and nothing was added, and keeps nothing to warn about.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { openCustomerSignedIn, preloadChinese, screenshot, switchLanguage } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

test('offline, "Add money" says nothing was added, and the next dialog does not say it may have gone in', async ({ page, context, server }) => {
	const carol = await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await preloadChinese(page);
	const before = await api.balance(server.url, carol);
	const dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await context.setOffline(true);

	await page.getByRole('button', { name: 'Add money' }).first().click();
	await dialog.getByRole('button', { name: 'Add ¥100.00' }).click();
	await expect(dialog).toContainText('You’re offline, so nothing was added. Add money once you’re back online.');
	await screenshot(page, 'qa-customer-h-topup-offline');
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	// The same in Chinese.
	await switchLanguage(page);
	await page.getByRole('button', { name: '充值' }).first().click();
	const zh = page.getByRole('dialog', { name: '为余额充值' });
	await zh.getByRole('button', { name: '充值 ¥100.00' }).click();
	await expect(zh).toContainText('您已离线，本次未充值。请在联网后再充值。');
	await screenshot(page, 'qa-customer-h-topup-offline-zh');
	await zh.getByRole('button', { name: '取消' }).click();
	await switchLanguage(page);

	await page.getByRole('button', { name: 'Add money' }).first().click();
	await expect(dialog).toBeVisible();
	await expect(dialog.getByTestId('topup-unanswered')).toHaveCount(0);
	await expect(dialog).not.toContainText('may have gone in');
	await dialog.getByRole('button', { name: 'Cancel' }).click();

	// Back online, the money goes in once.
	await context.setOffline(false);
	await page.getByRole('button', { name: 'Add money' }).first().click();
	await dialog.getByRole('button', { name: 'Add ¥100.00' }).click();
	await expect(dialog).toBeHidden();
	expect(await api.balance(server.url, carol)).toBe(before + 10_000);
});
