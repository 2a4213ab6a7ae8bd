/**
 * "Sign out" with a sale still queued asks first. When the network came back while the question was open and the
 * server declined that sale, the question turned into "All payments sent … You can sign out now", a clean bill for a
 * customer who had not paid. Now it says a payment was declined and where it waits (on the Counter, under "Declined
 * after sending"), and takes the cashier there, to the sale itself.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';

for (const [lang, viewport] of [
	['en', TABLET],
	['zh', PHONE]
] as const) {
	test(`the sign-out question says a queued sale was declined when it went out, and where it is (${lang}, ${viewport.width}px)`, async ({ browser, server }) => {
		// An empty wallet: the server declines the sale (balance too low) when the tablet sends it.
		const broke = await newCustomer(server.url, uniqueHandle(`so-${lang}`), 0);
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') await page.getByRole('button', { name: /Switch language to/ }).click();
		const t =
			lang === 'en'
				? {
						signOut: 'Sign out',
						queued: 'Payments not sent yet',
						declined: 'A payment was declined',
						declinedText:
							'The payments taken offline have reached the server, but one was declined and not charged. It is under “Declined after sending” on the Counter: charge again with a fresh code, or note that the customer paid in cash.',
						allSent: /All payments sent|Every payment taken offline has reached the server/,
						see: 'Show on the Counter',
						list: 'Declined after sending (1)',
						chargeAgain: 'Charge again',
						next: 'Next customer'
					}
				: {
						signOut: '退出登录',
						queued: '还有款项未发送',
						declined: '有 1 笔款项被拒',
						declinedText: '离线收的款已送达服务器，但其中 1 笔被拒，未扣款。它们在收银台的“发送后被拒”中：请用顾客的新付款码重新收款，或记为顾客已付现金。',
						allSent: /付款已全部发送|离线收的款都已送达服务器，现在可以退出登录/,
						see: '在收银台查看',
						list: '发送后被拒（1）',
						chargeAgain: '重新收款',
						next: '下一位顾客'
					};

		await ctx.setOffline(true);
		await page.keyboard.type('9');
		await scan(page, await api.payCode(server.url, broke));
		await page.getByTestId('charge-queued').getByRole('button', { name: t.next }).click();
		await page.getByRole('button', { name: t.signOut, exact: true }).click();
		await expect(page.getByRole('dialog', { name: t.queued })).toBeVisible();

		await ctx.setOffline(false);
		const declined = page.getByRole('dialog', { name: t.declined });
		await expect(declined).toContainText(t.declinedText);
		await expect(page.getByRole('dialog')).not.toContainText(t.allSent);
		await screenshot(page, `cashier-signout-declined-${lang}`);

		// It takes the cashier to the sale, still signed in.
		await declined.getByRole('button', { name: t.see }).click();
		await expect(page.getByRole('dialog')).toBeHidden();
		await expect(page.getByRole('heading', { name: t.list })).toBeVisible();
		// The sale itself, with its way to settle it: a list folded to its line is opened on the way there.
		await expect(page.getByTestId('declined-entry').getByRole('button', { name: t.chargeAgain })).toBeInViewport({ ratio: 1 });
		await expect(page.getByRole('button', { name: t.signOut, exact: true })).toBeVisible();
		await ctx.close();
	});
}

