/**
 * "Sign out" with a payment still queued asks first; when the network comes back while the question is open, the
 * payment is sent, and the dialog says so and offers to sign out. It used to stay as it was and read "0 payments
 * taken offline are still on this tablet", under "Payments not sent yet", with a red "Sign out anyway".
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';

for (const [lang, viewport] of [
	['en', TABLET],
	['zh', PHONE]
] as const) {
	test(`the sign-out question follows the queue: once it is sent, it says so and signs out (${lang}, ${viewport.width}px)`, async ({ browser, server }) => {
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') await page.getByRole('button', { name: /Switch language to/ }).click();
		const t = lang === 'en'
			? { signOut: 'Sign out', queued: 'Payments not sent yet', sent: 'All payments sent', sentText: 'Every payment taken offline has reached the server. You can sign out now.', signIn: 'Sign in', next: 'Next customer' }
			: { signOut: '退出登录', queued: '还有款项未发送', sent: '付款已全部发送', sentText: '离线收的款都已送达服务器，现在可以退出登录。', signIn: '登录', next: '下一位顾客' };

		await ctx.setOffline(true);
		await page.keyboard.type('9');
		await scan(page, await api.payCode(server.url, bob));
		await page.getByTestId('charge-queued').getByRole('button', { name: t.next }).click();
		await page.getByRole('button', { name: t.signOut, exact: true }).click();
		await expect(page.getByRole('dialog', { name: t.queued })).toBeVisible();

		await ctx.setOffline(false);
		const sent = page.getByRole('dialog', { name: t.sent });
		await expect(sent).toContainText(t.sentText);
		await expect(page.getByRole('dialog')).not.toContainText(/0 payments|0 笔/);
		expect(await api.balance(server.url, bob)).toBe(before - 900);
		await screenshot(page, `cashier-signout-all-sent-${lang}`);
		await sent.getByRole('button', { name: t.signOut, exact: true }).click();
		await expect(page.getByRole('button', { name: t.signIn, exact: true })).toBeVisible();
		await ctx.close();
	});
}
