/**
 * A part refund is keyed as the value of the goods brought back, not as cash: the customer gets the cash part of that
 * value, and the coupon's share stays out of it (the money rules of DESIGN.md "Refunds"). The form said "Part of the
 * order to refund" and the dialog "bob gets ¥18.54 back" for ¥20.00, leaving the cashier to wonder. It now says what is
 * keyed and what that gives back as it is typed, in English and in Chinese; the whole of a payment never refunded is
 * "All of it", not "All that is left"; and a refund done leaves the page calm: the list stays where it was and the
 * form does not come back armed under "Refunded.".
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { grantCampaign } from './support/campaigns';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, screenshot } from './support/pages';

const WORDS = {
	en: {
		today: 'Today',
		details: /Details/,
		all: 'All of it (¥68.50)',
		part: 'Part of it',
		field: 'Value of the goods returned (up to ¥68.50)',
		preview: (who: string) => `${who} gets ¥17.08 back (the coupon’s share, ¥2.92, is not cash).`,
		confirm: (who: string) => `Refund goods worth ¥20.00 of the ¥68.50 order? ${who} gets ¥17.08 back to their balance.`,
		share: 'The coupon paid ¥2.92 of those goods: that share is not paid back in cash.',
		refund: 'Refund…',
		go: 'Refund ¥20.00 · ¥17.08 back',
		done: 'Refunded. ¥17.08 went back to the customer.',
		more: 'Refund more…',
		rest: 'All that is left (¥48.50)'
	},
	zh: {
		today: '今日',
		details: /详情/,
		all: '全部（¥68.50）',
		part: '部分退款',
		field: '退回商品的价值（最多 ¥68.50）',
		preview: (who: string) => `${who} 将收到 ¥17.08 退款（优惠券承担的 ¥2.92 不退现金）。`,
		confirm: (who: string) => `退还 ¥68.50 订单中价值 ¥20.00 的商品？${who} 将收到 ¥17.08 退回余额。`,
		share: '这些商品中有 ¥2.92 由优惠券支付，这部分不退现金。',
		refund: '退款…',
		go: '退款 ¥20.00 · 退回 ¥17.08',
		done: '已退款，¥17.08 已退回顾客。',
		more: '继续退款…',
		rest: '全部剩余（¥48.50）'
	}
};

const SIZES = [TABLET, { width: 820, height: 1180 }];

// Each language its own refund: the confirmation is a modal dialog, which keeps the bar's language button out of reach
// while it is open. Both sizes in one refund: the page is resized at each step, and only the layout differs.
for (const lang of ['en', 'zh'] as const) {
	test(`a part refund says it is the goods' value and what goes back; done, the page stays calm (${SIZES.map((s) => `${s.width}×${s.height}`).join(' and ')}, ${lang})`, async ({ browser, server }) => {
		const words = WORDS[lang];
		// ¥68.50 with ¥10.00 off paid by the shop: ¥58.50 charged. ¥20.00 of goods back: 20 × 58.50 ÷ 68.50 = ¥17.08
		// of cash, the coupon's ¥2.92 share not.
		const who = uniqueHandle('ref');
		const token = await newCustomer(server.url, who, 50_000);
		await grantCampaign(server.url, who, { title: 'Ten off', rule: { kind: 'fixed', off: 1000 }, validUntil: '2099-01-01T00:00:00Z' });
		const [coupon] = await api.coupons(server.url, token);
		const cashier = await api.cashierSession(server.url);
		const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, token, coupon!.id), 6850);
		expect(paid.status).toBe(201);

		const ctx = await browser.newContext({ viewport: SIZES[0], baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') {
			await page.getByRole('button', { name: /Switch language to/ }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		}
		await page.getByRole('link', { name: words.today, exact: true }).click();
		await page.getByRole('searchbox').fill(who);
		await page.getByRole('button', { name: words.details }).click();
		await expect(page.getByLabel(words.all)).toBeChecked();
		/** Where the search box and the list are at each size, before the refund. */
		const before = new Map<number, { search: Box; table: Box }>();
		for (const size of SIZES) {
			await page.setViewportSize(size);
			before.set(size.width, { search: (await page.getByRole('searchbox').boundingBox())!, table: (await page.getByRole('table').boundingBox())! });
		}

		await page.getByLabel(words.part).check();
		await page.getByLabel(words.field).fill('20');
		for (const size of [...SIZES].reverse()) {
			await page.setViewportSize(size);
			await expect(page.getByTestId('refund-part-preview')).toHaveText(words.preview(who));
			await screenshot(page, `qa-today-refund-part-${size.width}x${size.height}-${lang}`);
		}
		await page.getByRole('button', { name: words.refund, exact: true }).click();
		const dialog = page.getByRole('dialog');
		for (const size of SIZES) {
			await page.setViewportSize(size);
			await expect(dialog).toContainText(words.confirm(who));
			await expect(dialog.getByTestId('refund-confirm-share')).toHaveText(words.share);
			await screenshot(page, `qa-today-refund-confirm-${size.width}x${size.height}-${lang}`);
		}
		// The button says the money that goes back too, not only the goods' value.
		await dialog.getByRole('button', { name: words.go, exact: true }).click();

		await expect(page.getByText(words.done)).toBeVisible();
		expect(await api.balance(server.url, token)).toBe(50_000 - 5850 + 1708);
		// Calm: the list where it was, and no refund form armed under "Refunded." until asked for.
		for (const size of [...SIZES].reverse()) {
			await page.setViewportSize(size);
			const { search, table } = before.get(size.width)!;
			await expect(page.getByText(words.done)).toBeVisible();
			expect(await page.getByRole('searchbox').boundingBox(), `the search box at ${size.width}px`).toEqual(search);
			expect(await page.getByRole('table').boundingBox(), `the list at ${size.width}px`).toMatchObject({ x: table.x, y: table.y });
			await expect(page.getByRole('button', { name: words.refund, exact: true })).toBeHidden();
			await screenshot(page, `qa-today-refund-done-${size.width}x${size.height}-${lang}`);
		}
		await page.getByRole('button', { name: words.more }).click();
		await expect(page.getByLabel(words.rest)).not.toBeChecked();
		await expect(page.getByRole('button', { name: words.refund, exact: true })).toBeDisabled();
		await ctx.close();
	});
}

// ¥0.01 of a ¥10.00 order the coupon paid ¥5.00 of: the customer's cash share, half a fen, rounds down to nothing
// (api/payments/split.ts). "Refunded. ¥0.00 went back to the customer." read as a refund gone wrong; it says why.
test('a refund the coupon had paid all of says so in its preview, when done and on its lines, not "¥0.00 back", in English and in Chinese', async ({ browser, server }) => {
	const who = uniqueHandle('ref');
	const token = await newCustomer(server.url, who, 50_000);
	await grantCampaign(server.url, who, { title: 'Five off', rule: { kind: 'fixed', off: 500 }, validUntil: '2099-01-01T00:00:00Z' });
	const [coupon] = await api.coupons(server.url, token);
	const cashier = await api.cashierSession(server.url);
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, token, coupon!.id), 1000);
	expect(paid.data.payment.charged.amount).toBe(500);

	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today', exact: true }).click();
	await page.getByRole('searchbox').fill(who);
	await page.getByRole('button', { name: /Details/ }).click();
	await page.getByLabel('Part of it').check();
	await page.getByLabel(/Value of the goods returned/).fill('0.01');
	// Before it is made, the preview says it as the news after it does: "bob gets ¥0.00 back" read as a mistake.
	const preview = page.getByTestId('refund-part-preview');
	await expect(preview).toHaveText(`The coupon had paid all of it, so nothing goes back to ${who}’s balance.`);
	for (const size of [{ width: 360, height: 640 }, TABLET]) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-today-refund-coupon-only-preview-en-${size.width}`);
	}
	await page.getByRole('button', { name: /Switch language to/ }).click();
	await expect(preview).toHaveText(`该部分全部由优惠券支付，不会退回 ${who} 的余额。`);
	await page.setViewportSize({ width: 360, height: 640 });
	await screenshot(page, 'qa-today-refund-coupon-only-preview-zh-360');
	await page.setViewportSize(TABLET);
	await page.locator('header button.lang').click();
	await expect(preview).not.toContainText('¥0.00');
	await page.getByRole('button', { name: 'Refund…', exact: true }).click();
	// The question before it says the same: not "bob gets ¥0.00 back to their balance".
	const confirm = page.getByRole('dialog');
	await expect(confirm).toContainText(`Refund goods worth ¥0.01 of the ¥10.00 order? The coupon had paid all of it, so nothing goes back to ${who}’s balance.`);
	await expect(confirm).not.toContainText('¥0.00');
	await expect(confirm.getByTestId('refund-confirm-share')).toHaveCount(0);
	await page.setViewportSize({ width: 360, height: 640 });
	await screenshot(page, 'qa-today-refund-coupon-only-confirm-en-360');
	await page.setViewportSize(TABLET);
	await confirm.getByRole('button', { name: 'Refund ¥0.01' }).click();

	const news = page.getByRole('status').filter({ hasText: 'Refunded.' });
	await expect(news).toContainText('Refunded. The coupon had paid all of it, so nothing went back to the customer’s balance.');
	await expect(news).not.toContainText('¥0.00');
	expect(await api.balance(server.url, token)).toBe(50_000 - 500);
	// The detail's refunded row and the refund's own line say the same, not "¥0.01 of the order · ¥0.00 back".
	const lineEn = '¥0.01 of the order · the coupon had paid all of it, so nothing went back to the customer’s balance';
	await expect(page.getByTestId('detail-refunded').locator('dd')).toHaveText(lineEn);
	await expect(page.locator('.refunds li').filter({ hasText: lineEn })).toHaveCount(1);
	await expect(page.locator('.detail')).not.toContainText('¥0.00 back');
	await page.setViewportSize({ width: 360, height: 640 });
	await screenshot(page, 'qa-today-refund-coupon-only-line-en-360');
	await page.setViewportSize(TABLET);
	await screenshot(page, 'qa-today-refund-coupon-only-en');
	await page.getByRole('button', { name: /Switch language to/ }).click();
	const zh = page.getByRole('status').filter({ hasText: '已退款' });
	await expect(zh).toContainText('已退款。该部分全部由优惠券支付，未退回顾客余额。');
	await expect(zh).not.toContainText('¥0.00');
	const lineZh = '订单金额 ¥0.01 · 该部分全部由优惠券支付，未退回顾客余额';
	await expect(page.getByTestId('detail-refunded').locator('dd')).toHaveText(lineZh);
	await expect(page.locator('.refunds li').filter({ hasText: lineZh })).toHaveCount(1);
	await expect(page.locator('.detail')).not.toContainText('退回 ¥0.00');
	for (const size of [TABLET, { width: 390, height: 844 }, { width: 360, height: 640 }]) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-today-refund-coupon-only-zh-${size.width}`);
	}
	await ctx.close();
});

type Box = { x: number; y: number; width: number; height: number };
