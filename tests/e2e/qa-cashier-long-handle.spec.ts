/**
 * A customer's handle may be 40 characters with no space in it ("Create a wallet" allows it). On a phone the paid
 * result's "Customer: …" line ran past the panel and the screen's edge: the page scrolled sideways and the end of the
 * handle, what tells two similar customers apart, was cut off. It now wraps inside the panel.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';

// One sale: its result checked in English, then switched in place to Chinese and checked again.
test(`a 40-character handle wraps inside the paid result on a phone (en, zh)`, async ({ page, server }) => {
	const handle = `lh-${'a'.repeat(30)}-longname`.slice(0, 40);
	const created = await fetch(`${server.url}/api/customers`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ handle, pin: '5555' })
	});
	expect(created.status).toBe(201);
	const token = await api.customerToken(server.url, handle, '5555');
	await fetch(`${server.url}/api/wallet/topups`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ amount: { amount: 10_000, currency: 'CNY' } })
	});

	await page.setViewportSize({ width: 390, height: 844 });
	await openCounterSignedIn(page, server.url);
	await page.keyboard.type('12');
	await scan(page, await api.payCode(server.url, token));
	const result = page.getByTestId('charge-result');
	await expect(result.getByTestId('charged')).toHaveText('¥12.00');
	for (const lang of ['en', 'zh'] as const) {
		if (lang === 'zh') {
			await page.getByRole('button', { name: /Switch language to/ }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
			await expect(result.getByTestId('charged')).toHaveText('¥12.00');
		}
		const line = result.locator('.top').getByText(handle); // the printed receipt, hidden on screen, names the customer too
		await expect(line, lang).toBeVisible();
		const panel = (await result.boundingBox())!;
		const box = (await line.boundingBox())!;
		expect(box.x + box.width, lang).toBeLessThanOrEqual(panel.x + panel.width);
		expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);
		await screenshot(page, `cashier-result-long-handle-${lang}`);
	}
});
