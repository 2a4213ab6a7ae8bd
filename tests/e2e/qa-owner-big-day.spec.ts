/**
 * A day over a million: one ¥999,999.99 sale (the most a payment may be) and a few small ones. The day report's
 * figures, ¥1,000,000-something, stay inside their cards on a phone, an upright tablet and a landscape one, in
 * English and in Chinese (they spilled past the Sales and Takings cards' edges at every width).
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

test('a day over ¥1,000,000 keeps every figure of the day report inside its card', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const topUp = await fetch(`${server.url}/api/wallet/topups`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${bob}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ amount: { amount: 100_000_000, currency: 'CNY' } })
	});
	expect(topUp.status).toBe(201);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 99_999_999)).status).toBe(201);
	for (const amount of [1234, 5678, 910]) expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), amount)).status).toBe(201);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-takings')).toHaveText('¥1,000,078.21');

	/** Figures whose text reaches past their card's padding edge (or its left one), as "text: overflow px". */
	const spills = () =>
		page
			.getByTestId('report-figures')
			.locator('dd .money')
			.evaluateAll((moneys) =>
				moneys.flatMap((m) => {
					const card = m.closest('.fig')!;
					const box = card.getBoundingClientRect();
					const pad = parseFloat(getComputedStyle(card).paddingRight);
					const text = m.getBoundingClientRect();
					const over = Math.max(text.right - (box.right - pad), box.left - text.left);
					return over > 0.5 ? [`${m.textContent}: ${Math.round(over)} px`] : [];
				})
			);
	for (const lang of ['en', 'zh']) {
		if (lang === 'zh') await page.getByRole('button', { name: /简体中文/ }).click();
		for (const size of [{ width: 390, height: 844 }, { width: 768, height: 1024 }, TABLET]) {
			await page.setViewportSize(size);
			expect(await spills(), `${lang} at ${size.width}px`).toEqual([]);
		}
	}
	await screenshot(page, 'qa-owner-big-day-zh');
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'qa-owner-big-day-zh');
	await page.getByRole('button', { name: /English|EN/ }).click();
	await page.setViewportSize({ width: 768, height: 1024 });
	await page.screenshot({ path: 'test-results/screenshots/qa-owner-big-day-768.png', fullPage: true });
});

test('a day of over a thousand payments writes its counts with thousands separators, in English and in Chinese', async ({ page, server }) => {
	// A thousand real sales would take the test a minute: the day's real report is read, and its counts raised as a
	// busy shop's would be (the sentences that word counts are unit-tested in tests/unit/web/counts.test.ts).
	await page.route('**/api/reports/daily?*', async (route) => {
		const report = await (await route.fetch()).json();
		report.count = 1234;
		report.declinedCount = 1200;
		report.byCampaign = [{ campaignId: 'cp-busy', title: '5 off', funding: 'platform', count: 1001, refundedCount: 1000, deduction: { amount: 500_500, currency: 'CNY' } }];
		report.byHour = [{ hour: 9, count: 1234, amount: report.amount }];
		await route.fulfill({ json: report });
	});
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-count')).toHaveText('1,234');
	await expect(page.getByText('1,200 declined')).toBeVisible();
	const uses = page.getByRole('row', { name: /5 off/ });
	await expect(uses).toContainText('1,001');
	await expect(uses.getByTestId('uses-refunded')).toHaveText('1,000 refunded in full');
	await expect(page.getByRole('img', { name: '1,234 payments; busiest hour 09:00 with 1,234.' })).toBeVisible();
	await screenshot(page, 'qa-owner-counts');

	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(page.getByText('1,200 笔被拒绝')).toBeVisible();
	await expect(page.getByTestId('report-count')).toHaveText('1,234');
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'qa-owner-counts-zh');
});
