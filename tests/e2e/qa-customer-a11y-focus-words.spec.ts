/**
 * A customer who does not use the screen as most do. With the text at 200% and a keyboard (or switch access, or a
 * screen reader's focus), Tab to a coupon put the focus behind the sticky "Show payment code" bar, some 280 px of a
 * 740 px phone: the coupon being chosen was not on screen. A screen reader heard a confirmation dialog as its title and
 * the focused button only ("Sign out?, dialog, Keep the code, button"), never what the button would do.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { grantCampaign } from './support/campaigns';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, openCustomerSignedIn } from './support/pages';

/** The browser's own font size setting at 200% (rem sizes follow it), as in qa-customer-large-text. */
async function largeText(page: Page): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
}

/** Where the focused element is against the sticky bar: its bottom, and the bar's top (both in the viewport). */
function focusAgainstBar(page: Page) {
	return page.evaluate(() => {
		const focused = document.activeElement!;
		const bar = document.querySelector('.cta')!;
		return {
			name: (focused.getAttribute('aria-label') ?? focused.textContent ?? '').trim().slice(0, 40) || focused.tagName,
			inBar: bar.contains(focused),
			top: focused.getBoundingClientRect().top,
			bottom: focused.getBoundingClientRect().bottom,
			barTop: bar.getBoundingClientRect().top
		};
	});
}

test.describe('on a 360×740 phone with the text at 200%', () => {
	test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

	for (const lang of ['en', 'zh'] as const) {
		test(`every control Tab reaches on the wallet is above the sticky "Show payment code" bar (${lang})`, async ({ page, server }) => {
			const handle = uniqueHandle('big');
			await newCustomer(server.url, handle, 10_000);
			const until = new Date(Date.now() + 86_400_000).toISOString();
			await grantCampaign(server.url, handle, { title: '¥5 off', rule: { kind: 'fixed', off: 500 }, validUntil: until });
			await grantCampaign(server.url, handle, { title: '¥8 off', rule: { kind: 'fixed', off: 800 }, validUntil: until });
			await page.goto('/api/health');
			await page.evaluate((l) => localStorage.setItem('pos.lang', l), lang);
			await openCustomerSignedIn(page, server.url, handle, '4826');
			await largeText(page);
			await expect(page.getByRole('radio')).toHaveCount(3);

			// From the wallet's title down: "Add money", each coupon, and the bar's own button.
			await page.locator('main h1').first().focus();
			const seen: string[] = [];
			for (let i = 0; i < 8; i++) {
				await page.keyboard.press('Tab');
				const at = await focusAgainstBar(page);
				if (at.inBar) break;
				seen.push(at.name);
				expect(at.bottom, `"${at.name}" (Tab ${i + 1}) ends above the bar`).toBeLessThanOrEqual(at.barTop + 1);
				expect(at.top, `"${at.name}" (Tab ${i + 1}) is on the screen`).toBeGreaterThanOrEqual(0);
			}
			expect(seen.length, 'the coupons were reached before the bar').toBeGreaterThan(0);
			await page.screenshot({ path: `test-results/screenshots/qa-customer-a11y-tab-coupon-${lang}-phone.png` });

			// The arrows choose a coupon (they move the focus and the choice): each one chosen is in view above the bar.
			await page.getByRole('radio').first().focus();
			for (let i = 1; i <= 2; i++) {
				await page.keyboard.press('ArrowDown');
				await expect(page.getByRole('radio').nth(i)).toBeChecked();
				const at = await focusAgainstBar(page);
				expect(at.bottom, `coupon ${i} chosen with the arrow ends above the bar`).toBeLessThanOrEqual(at.barTop + 1);
			}
			await page.screenshot({ path: `test-results/screenshots/qa-customer-a11y-arrow-coupon-${lang}-phone.png` });
		});
	}
});

test.describe('confirmation dialogs are read with what they do', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

	test('"Sign out?" with a code on screen is described by "The payment code on screen stops working." (en, zh)', async ({ page, server }) => {
		await openCustomerSignedIn(page, server.url, 'bob', '2222');
		await page.getByRole('button', { name: 'Show payment code' }).click();
		await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', /^\d{18}$/);
		await page.getByRole('button', { name: 'Sign out' }).click();
		const dialog = page.getByRole('dialog', { name: 'Sign out?' });
		await expect(dialog).toHaveAccessibleDescription('The payment code on screen stops working.');
		await expect(dialog.getByRole('button', { name: 'Keep the code' })).toBeFocused();
		await page.keyboard.press('Escape');

		await page.getByRole('button', { name: /Switch language to/ }).click();
		await page.getByRole('button', { name: '退出登录' }).click();
		await expect(page.getByRole('dialog', { name: '退出登录？' })).toHaveAccessibleDescription('屏幕上的付款码将失效。');
	});

	test('a form dialog (Change PIN) is not described by its fields', async ({ page, server }) => {
		await openCustomerSignedIn(page, server.url, 'carol', '3333');
		await page.getByRole('button', { name: 'Change PIN' }).click();
		const dialog = page.getByRole('dialog', { name: 'Change your PIN' });
		await expect(dialog).toBeVisible();
		await expect(dialog).toHaveAccessibleDescription('');
		await expect(dialog.getByLabel('Current PIN')).toBeFocused();
	});

	test('the counter’s "Refund this payment?" is described by what goes back to whom', async ({ page, server }) => {
		const handle = uniqueHandle('rf');
		const token = await newCustomer(server.url, handle, 10_000);
		const cashier = await api.cashierSession(server.url);
		expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, token), 3000)).status).toBe(201);
		await page.setViewportSize({ width: 1024, height: 768 });
		await openCounterSignedIn(page, server.url);
		await page.getByRole('link', { name: 'Today' }).click();
		await page.getByRole('button', { name: `Details ${handle} ¥30.00` }).click();
		await page.getByRole('button', { name: 'Refund…' }).click();
		await expect(page.getByRole('dialog', { name: 'Refund this payment?' })).toHaveAccessibleDescription(
			`Refund the whole ¥30.00 order? ${handle} gets ¥30.00 back to their balance.`
		);
	});
});

test.describe('the sticky bar with the text at 200%', () => {
	test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

	for (const lang of ['en', 'zh'] as const) {
		test(`"Show payment code" leaves the coupons at least three quarters of the phone (${lang})`, async ({ page, server }) => {
			await page.goto('/api/health');
			await page.evaluate((l) => localStorage.setItem('pos.lang', l), lang);
			await openCustomerSignedIn(page, server.url, 'alice', '1111');
			await largeText(page);
			const bar = page.locator('.cta');
			await expect(bar.getByTestId('cta-coupon')).toBeVisible();
			// Sticky at the foot of the screen while the list scrolls under it.
			await page.getByRole('radio').first().scrollIntoViewIfNeeded();
			const box = (await bar.boundingBox())!;
			expect(box.y + box.height, 'the bar sits on the screen’s foot').toBeGreaterThan(735);
			expect(box.height, 'the bar’s height').toBeLessThanOrEqual(740 / 4);
			// Still a full touch target, its coupon named.
			const button = (await bar.getByRole('button').boundingBox())!;
			expect(button.height).toBeGreaterThanOrEqual(44);
			await page.screenshot({ path: `test-results/screenshots/qa-customer-a11y-bar-${lang}-phone.png` });
		});
	}
});

test.describe('a declined payment on the phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

	test('its focused heading is read with the reason and what to do (en, zh)', async ({ page, server }) => {
		const handle = uniqueHandle('dc');
		await newCustomer(server.url, handle, 1_000);
		await openCustomerSignedIn(page, server.url, handle, '4826');
		await page.getByRole('button', { name: 'Show payment code' }).click();
		const ticket = page.getByTestId('paycode');
		await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
		const cashier = await api.cashierSession(server.url);
		expect((await api.pay(server.url, cashier.token, (await ticket.getAttribute('data-code'))!, 3000)).status).toBe(402);

		const heading = page.getByRole('heading', { level: 1, name: 'Payment declined' });
		await expect(heading).toBeFocused();
		await expect(heading).toHaveAccessibleDescription(
			'Balance too low for this amount. ¥20.00 more is needed for the ¥30.00 order. Add money to your balance, or pay another way.'
		);
		await page.getByRole('button', { name: /Switch language to/ }).click();
		await expect(page.getByRole('heading', { level: 1, name: '付款未成功' })).toHaveAccessibleDescription('余额不足。 支付 ¥30.00 的订单还差 ¥20.00。请充值或换用其他方式付款。');
	});
});
