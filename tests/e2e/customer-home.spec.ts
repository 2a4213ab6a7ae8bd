/** The customer's home and code screens on a small phone and to a screen reader. */
import { expect, test } from './fixtures';
import { TABLET } from './support/browser';
import { signUpCustomer } from './support/campaigns';
import * as api from './support/api';
import { newCustomer, topUp, uniqueHandle } from './support/customers';
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
	// Read as text (a label on a paragraph is ignored), once: the boxes drawn for the eye are hidden from it. Digit by
	// digit ("8 8 1, 2 3 4, …"): "881 234" was read as numbers, and a group "012" as "twelve".
	const spoken = `Payment code digits: ${first.match(/\d{3}/g)!.map((g) => g.split('').join(' ')).join(', ')}`;
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

/**
 * A new wallet holds ¥0.00: a payment code shown from it is declined at the till (unless the cashier tops it up in
 * cash first), so "Show payment code" as its main action sent the customer to a sure decline. At ¥0.00 the bar leads
 * with "Add money" and says why; "Show payment code" stays in it, second. No coupons at all is said in a line, not
 * as a chooser of one ("0 usable now", "No coupon"). Once money is in, the code leads again, and it pays.
 */
const EMPTY_WORDS = {
	en: { addMoney: 'Add money', showCode: 'Show payment code', why: 'Add money before you pay', dialog: 'Add money to your balance', add: 'Add ¥100.00', noCoupons: 'No coupons yet', usable: 'usable now' },
	zh: { addMoney: '充值', showCode: '出示付款码', why: '请先充值', dialog: '为余额充值', add: '充值 ¥100.00', noCoupons: '还没有优惠券', usable: '当前可用' }
} as const;
for (const lang of ['en', 'zh'] as const) {
	for (const size of [SMALL_PHONE, { width: 390, height: 844 }]) {
		test(`at ¥0.00 the wallet leads with Add money and says why, keeps Show payment code second, and lists no empty coupon chooser; money added, the code leads and pays (${lang}, ${size.width} px)`, async ({ page, server }) => {
			const w = EMPTY_WORDS[lang];
			const handle = uniqueHandle(`empty-${lang}`);
			await newCustomer(server.url, handle, 0);
			await page.setViewportSize(size);
			await page.goto('/api/health');
			await page.evaluate((l) => localStorage.setItem('pos.lang', l), lang);
			await openCustomerSignedIn(page, server.url, handle, '4826');
			await expect(page.getByTestId('balance')).toHaveText('¥0.00');

			// One "Add money" on the screen (not one on the card and another in the bar), the main one, in view, above
			// "Show payment code", which is still there as a plain button.
			const addMoney = page.getByRole('button', { name: w.addMoney, exact: true });
			const showCode = page.getByRole('button', { name: w.showCode });
			await expect(addMoney).toHaveCount(1);
			await expect(addMoney).toHaveClass(/\bprimary\b/);
			await expect(addMoney).toBeInViewport({ ratio: 1 });
			await expect(showCode).toBeVisible();
			await expect(showCode).not.toHaveClass(/\bprimary\b/);
			expect((await addMoney.boundingBox())!.y).toBeLessThan((await showCode.boundingBox())!.y);
			// Why, under the balance of ¥0.00 it is about.
			const why = page.getByTestId('empty-wallet');
			await expect(why).toBeInViewport();
			await expect(why).toContainText(w.why);
			// A screen reader hears why with the button it is for.
			await expect(addMoney).toHaveAccessibleDescription(new RegExp(w.why));
			// The bar at the foot leaves the screen to the wallet: at most a quarter of it (why in it made it a third).
			const bar = (await page.locator('.cta').boundingBox())!;
			expect(bar.height, 'the sticky bar').toBeLessThanOrEqual(size.height / 4);
			// No chooser with nothing to choose: no radio, no "0 usable now"; a line says there are no coupons yet.
			await expect(page.getByRole('radio')).toHaveCount(0);
			await expect(page.getByText(w.usable)).toHaveCount(0);
			await expect(page.getByText(w.noCoupons)).toBeVisible();
			expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
			await expectAccessible(page, `the empty wallet at ${size.width} px (${lang})`);
			await screenshot(page, `customer-home-empty-${lang}-${size.width}`);
			if (size.width === 390) {
				await page.setViewportSize(TABLET);
				await screenshot(page, `customer-home-empty-${lang}-tablet`);
				// A phone held sideways: both buttons still on the screen, under the line that says why.
				await page.setViewportSize({ width: 844, height: 390 });
				await expect(addMoney).toBeInViewport({ ratio: 1 });
				await expect(showCode).toBeInViewport({ ratio: 1 });
				await screenshot(page, `customer-home-empty-${lang}-sideways`);
				await page.setViewportSize(size);
			}

			// Add money: the bar goes back to "Show payment code" first, and the code it shows pays.
			await addMoney.click();
			const dialog = page.getByRole('dialog', { name: w.dialog });
			await dialog.getByRole('button', { name: w.add, exact: true }).click();
			await expect(dialog).toBeHidden();
			await expect(page.getByTestId('balance')).toHaveText('¥100.00');
			await expect(why).toHaveCount(0);
			await expect(showCode).toHaveClass(/\bprimary\b/);
			// The dialog's opener went with the money in: the focus is on the code, next, not lost to the page.
			await expect(showCode).toBeFocused();
			await expect(page.getByRole('button', { name: w.addMoney, exact: true })).not.toHaveClass(/\bprimary\b/);
			await screenshot(page, `customer-home-empty-topped-up-${lang}-${size.width}`);
			await showCode.click();
			const code = (await page.getByTestId('paycode').getAttribute('data-code'))!;
			const cashier = await api.cashierSession(server.url);
			expect((await api.pay(server.url, cashier.token, code, 1_250)).status).toBe(201);
			await expect(page.getByTestId('customer-result')).toBeVisible();
		});
	}
}
