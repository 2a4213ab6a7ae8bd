/**
 * A Chinese shop writes a discount as 折, what the customer pays: 8折 is 20% off. The form asks for the percent off
 * ("减免百分比"), and an owner typing "80" for 8折 made 2折, 80% off every order (a cap or a budget does not stop
 * that), which nothing said until the list showed "2折" after Create. The percent field now says, as it is typed,
 * how customers will read it.
 */
import { expect, test } from './fixtures';
import { PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.describe('on a phone, in Chinese', () => {
	test.use({ viewport: PHONE });

	test('the percent off says the 折 customers will see, with its cap', async ({ page, server }) => {
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto('/cashier/manage');
		await page.getByRole('button', { name: /中文/ }).click();
		await page.getByRole('radio', { name: '折扣' }).check();
		const percent = page.getByLabel('减免百分比（1–100）');
		await percent.fill('80');
		await expect(percent).toHaveAccessibleDescription('顾客看到的是：2折');
		await page.getByLabel('最多减').fill('15');
		await expect(percent).toHaveAccessibleDescription('顾客看到的是：2折，最多减¥15');
		await screenshot(page, 'qa-owner-percent-reads-zh');
		await percent.fill('20');
		await expect(percent).toHaveAccessibleDescription('顾客看到的是：8折，最多减¥15');
		// Nothing to read yet: no words under the field.
		await percent.fill('');
		await expect(percent).not.toHaveAttribute('aria-describedby');
	});
});

test.describe('on a tablet', () => {
	test.use({ viewport: TABLET });

	test('the percent off says how customers will read it in English too', async ({ page, server }) => {
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto('/cashier/manage');
		await page.getByLabel('Percent off', { exact: true }).check();
		const percent = page.getByLabel('Percent off (1–100)');
		await percent.fill('15');
		await expect(percent).toHaveAccessibleDescription('Customers see: 15% off');
		await screenshot(page, 'qa-owner-percent-reads-en');
	});
});
