/** The customer's home screen on a small phone and to a screen reader. */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { signUpCustomer } from './support/campaigns';
import { openCustomerSignedIn, screenshot } from './support/pages';

/** The narrowest phones in use are 360 px wide. */
const SMALL_PHONE = { width: 360, height: 740 };
test.use({ viewport: SMALL_PHONE, isMobile: true, hasTouch: true });

async function topUp(base: string, token: string, amount: number): Promise<void> {
	const res = await fetch(`${base}/api/wallet/topups`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ amount: { amount, currency: 'CNY' } })
	});
	expect(res.status).toBe(201);
}

test('a large balance fits its card on a 360 px phone, on one line; an everyday one keeps its usual size', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const balance = page.getByTestId('balance');
	await expect(balance).toHaveText('¥500.00');
	const usualPx = await balance.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(usualPx).toBeCloseTo(2.441 * 16, 0);

	await signUpCustomer(server.url, 'frank', '6666');
	const frank = await openCustomerSignedIn(page, server.url, 'frank', '6666');
	await topUp(server.url, frank, 100_000_000);
	await topUp(server.url, frank, 200);
	await page.reload();
	await expect(balance).toHaveText('¥1,000,002.00');
	const fit = await balance.evaluate((el) => {
		const card = el.closest('section')!;
		const cardBox = card.getBoundingClientRect();
		const paddingRight = parseFloat(getComputedStyle(card).paddingRight);
		const text = el.querySelector('.money')!.getBoundingClientRect();
		return {
			textRight: text.right,
			cardInnerRight: cardBox.right - paddingRight,
			lines: Math.round(text.height / parseFloat(getComputedStyle(el).lineHeight))
		};
	});
	expect(fit.textRight).toBeLessThanOrEqual(fit.cardInnerRight);
	expect(fit.lines).toBe(1);
	await screenshot(page, 'customer-home-large-balance-360');
});
