/**
 * "Sign out" sits beside the language button at the top of the phone, also while the payment code is on screen and
 * the customer holds the phone up to the scanner with one hand. One stray tap put the code away and signed them out
 * at the counter. With a code on screen it now asks first ("Sign out?", the focus on "Keep the code"); elsewhere it
 * is still one tap. A confirmed sign-out puts the code away, as before.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ isMobile: true, hasTouch: true });

const WORDS = {
	en: { signOut: 'Sign out', showCode: 'Show payment code', keep: 'Keep the code', title: 'Sign out?', text: 'The payment code on screen stops working.', paid: 'Paid', done: 'Done', signIn: 'Sign in to pay' },
	zh: { signOut: '退出登录', showCode: '出示付款码', keep: '保留付款码', title: '退出登录？', text: '屏幕上的付款码将失效。', paid: '付款成功', done: '完成', signIn: '登录后付款' }
} as const;
type Lang = keyof typeof WORDS;

async function openIn(page: Page, base: string, lang: Lang, handle = 'alice', pin = '1111'): Promise<void> {
	await page.goto('/api/health');
	await page.evaluate((l) => localStorage.setItem('pos.lang', l), lang);
	await openCustomerSignedIn(page, base, handle, pin);
}

async function showCode(page: Page, lang: Lang): Promise<string> {
	await page.getByRole('button', { name: WORDS[lang].showCode }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	return (await ticket.getAttribute('data-code'))!;
}

/** The header's Sign out (the dialog's has the same name). */
const headerSignOut = (page: Page, lang: Lang) => page.locator('header').getByRole('button', { name: WORDS[lang].signOut });

for (const viewport of [
	{ width: 360, height: 640 },
	{ width: 390, height: 844 }
]) {
	for (const lang of ['en', 'zh'] as const) {
		test(`${viewport.width}×${viewport.height} ${lang}: a stray tap on Sign out keeps the code paying; a confirmed one signs out`, async ({ page, server }) => {
			const w = WORDS[lang];
			const cashier = await api.cashierSession(server.url);
			await page.setViewportSize(viewport);
			await openIn(page, server.url, lang);
			const code = await showCode(page, lang);

			// The stray tap: the question, with the focus on keeping the code, and nothing signed out meanwhile.
			await headerSignOut(page, lang).click();
			const dialog = page.getByRole('dialog', { name: w.title });
			await expect(dialog).toBeVisible();
			await expect(dialog).toContainText(w.text);
			await expect(dialog.getByRole('button', { name: w.keep })).toBeFocused();
			const box = (await dialog.boundingBox())!;
			expect(box.x).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
			expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
			await screenshot(page, `qa-customer-signout-code-asked-${viewport.width}-${lang}`);
			await dialog.getByRole('button', { name: w.keep }).click();
			await expect(dialog).toHaveCount(0);
			await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', code);

			// Another stray tap, and Escape (or the phone's Back): the code stays too.
			await headerSignOut(page, lang).click();
			await expect(dialog).toBeVisible();
			await page.keyboard.press('Escape');
			await expect(dialog).toHaveCount(0);
			await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', code);

			// The same code still pays at the till, and the phone shows it paid.
			const charge = await api.pay(server.url, cashier.token, code, 1234);
			expect(charge.status).toBe(201);
			expect(charge.data.payment.status).toBe('succeeded');
			await expect(page.locator('#result-title')).toContainText(w.paid);
			await screenshot(page, `qa-customer-signout-code-kept-paid-${viewport.width}-${lang}`);

			// A confirmed sign-out with a code on screen signs out, and the code is put away.
			await page.getByRole('button', { name: w.done }).click();
			const next = await showCode(page, lang);
			await headerSignOut(page, lang).click();
			await dialog.getByRole('button', { name: w.signOut }).click();
			await expect(page.getByRole('heading', { name: w.signIn })).toBeVisible();
			const refused = await api.pay(server.url, cashier.token, next, 500);
			expect(refused.status).toBe(402);
			expect((refused.data.payment as { reason?: string }).reason).toBe('CODE_EXPIRED');
		});
	}
}

test('on the wallet, and once the code is closed, Sign out is one tap: nothing asks', async ({ page, server }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openIn(page, server.url, 'en', 'bob', '2222');
	await showCode(page, 'en');
	await page.getByRole('button', { name: 'Close' }).click();
	await expect(page.getByTestId('paycode')).toHaveCount(0);
	await headerSignOut(page, 'en').click();
	await expect(page.getByRole('heading', { name: 'Sign in to pay' })).toBeVisible();
	await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('paid while "Sign out?" is open: the question goes (no code is left), the result shows, and the customer stays signed in', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await page.setViewportSize({ width: 390, height: 844 });
	await openIn(page, server.url, 'en', 'carol', '3333');
	const code = await showCode(page, 'en');
	await headerSignOut(page, 'en').click();
	await expect(page.getByRole('dialog', { name: 'Sign out?' })).toBeVisible();
	expect((await api.pay(server.url, cashier.token, code, 700)).status).toBe(201);
	await expect(page.locator('#result-title')).toContainText('Paid');
	await expect(page.getByRole('dialog')).toHaveCount(0);
	// The result is no live code: one tap signs out.
	await headerSignOut(page, 'en').click();
	await expect(page.getByRole('heading', { name: 'Sign in to pay' })).toBeVisible();
});
