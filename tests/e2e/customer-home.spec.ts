/** The customer's home and code screens on a small phone and to a screen reader. */
import { expect, test } from './fixtures';
import { signUpCustomer } from './support/campaigns';
import { topUp } from './support/customers';
import { expectAccessible, openCustomerSignedIn, screenshot } from './support/pages';

/** The narrowest phones in use are 360 px wide. */
const SMALL_PHONE = { width: 360, height: 740 };
// A short code lifetime, so the code is replaced within a test: at 10 s of 20, counted from when the phone asked
// for it (a busy machine's slow clicks and checks must not outlast the first code before it is looked at).
test.use({ viewport: SMALL_PHONE, isMobile: true, hasTouch: true, serverEnv: { PAYCODE_TTL_MS: '20000' } });

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

test('to a screen reader: the home page has a title, the code’s digits are read out, and a replaced code is announced', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await expect(page.getByRole('heading', { level: 1, name: 'Pay' })).toBeAttached();
	await expectAccessible(page, 'customer home at 360 px');

	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	const first = (await ticket.getAttribute('data-code'))!;
	const spoken = `Payment code digits: ${first.match(/\d{3}/g)!.join(' ')}`;
	// Read as text (a label on a paragraph is ignored), once: the boxes drawn for the eye are hidden from it.
	await expect(ticket.getByText(spoken)).toBeAttached();
	expect(await ticket.locator('.digits').evaluate((el) => el.textContent!.replace(/\s+/g, ' ').trim())).toContain(spoken);
	await expect(ticket.locator('.digits [aria-hidden="true"]')).toHaveCount(6);
	const announcement = page.getByTestId('code-announcement');
	await expect(announcement).toHaveRole('status');
	await expect(announcement).toHaveText('');

	await expect(ticket).not.toHaveAttribute('data-code', first, { timeout: 20_000 });
	await expect(announcement).toHaveText('New code');
	await expectAccessible(page, 'customer code at 360 px');
	await screenshot(page, 'customer-code-360');
});
