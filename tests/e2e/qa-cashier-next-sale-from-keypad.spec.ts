/**
 * A cashier working by touch alone, with a queue: after each sale they tapped "Next customer" before the next sale's
 * first digit (a keyboard's digit already started the next sale from the paid screen). On a tablet the paid and
 * queued outcomes now stand in the code's column beside the keypad, which stays live: a tap on a digit or a quick
 * amount starts the next sale with it, and the outcome goes. "Next customer" stays, focused, for the keyboard and a
 * screen reader. On a phone there is no room for both: the outcome has the screen, as before.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';

const UPRIGHT_TABLET = { width: 768, height: 1024 };
import { newCustomer, uniqueHandle } from './support/customers';
import { expectAccessible, keyAmount, openCounterSignedIn, screenshot } from './support/pages';

const pad = (page: import('@playwright/test').Page) => page.getByRole('group', { name: 'Amount keypad' });

/** The customer's code typed into the field and taken (the amount keyed first, it is charged at once). */
async function typeCode(page: import('@playwright/test').Page, code: string) {
	const field = page.getByLabel('Or type the code');
	await field.fill(code);
	await field.press('Enter');
}

test.describe('on a tablet', () => {
	test.use({ viewport: TABLET });

	test('the next sale starts from the keypad beside the paid sale: its digits, then its code, charge the next customer', async ({ page, server }) => {
		const first = await newCustomer(server.url, uniqueHandle('first'), 50_000);
		const second = await newCustomer(server.url, uniqueHandle('second'), 50_000);
		const third = await newCustomer(server.url, uniqueHandle('third'), 50_000);
		await openCounterSignedIn(page, server.url);

		await keyAmount(page, '25');
		await typeCode(page, await api.payCode(server.url, first));
		const result = page.getByTestId('charge-result');
		await expect(result.getByTestId('charged')).toHaveText('¥25.00');
		// The result beside the keypad, both whole on the screen; the keyboard's place is still "Next customer".
		await expect(result).toBeInViewport({ ratio: 1 });
		await expect(pad(page)).toBeInViewport({ ratio: 1 });
		await expect(result.getByRole('button', { name: 'Next customer' })).toBeFocused();
		// The next sale's amount, empty: not the last sale's, to be appended to.
		await expect(page.getByTestId('amount-display')).toHaveText('¥0');
		await screenshot(page, 'qa-next-sale-keypad-paid');
		await expectAccessible(page, 'paid beside the keypad');

		// Two taps, no "Next customer": the result goes at the first, and the amount is the next customer's.
		await keyAmount(page, '40');
		await expect(result).toBeHidden();
		await expect(page.getByTestId('amount-display')).toHaveText('¥40');
		await expect(page.getByTestId('amount-display')).toBeFocused();
		await typeCode(page, await api.payCode(server.url, second));
		await expect(result.getByTestId('charged')).toHaveText('¥40.00');
		expect(await api.balance(server.url, first)).toBe(50_000 - 2_500);
		expect(await api.balance(server.url, second)).toBe(50_000 - 4_000);

		// A quick amount starts the next sale too, at its amount.
		await page.getByRole('group', { name: 'Quick amounts' }).getByRole('button', { name: '¥20', exact: true }).click();
		await expect(result).toBeHidden();
		await expect(page.getByTestId('amount-display')).toHaveText('¥20');
		await typeCode(page, await api.payCode(server.url, third));
		await expect(result.getByTestId('charged')).toHaveText('¥20.00');
		expect(await api.balance(server.url, third)).toBe(50_000 - 2_000);

		// Backspace and Clear have nothing to act on there: the result stays.
		await pad(page).getByRole('button', { name: 'Clear' }).click();
		await pad(page).getByRole('button', { name: 'Delete last digit' }).click();
		await expect(result.getByTestId('charged')).toHaveText('¥20.00');
	});

	test('a sale queued in an outage stands beside the keypad too, and a tap on a digit starts the next sale', async ({ page, context, server }) => {
		const customer = await newCustomer(server.url, uniqueHandle('queued'), 50_000);
		await openCounterSignedIn(page, server.url);
		const code = await api.payCode(server.url, customer);
		await context.setOffline(true);
		await keyAmount(page, '8');
		await typeCode(page, code);
		const queued = page.getByTestId('charge-queued');
		await expect(queued).toContainText('Queued — not yet paid');
		await expect(queued).toBeInViewport({ ratio: 1 });
		await expect(pad(page)).toBeInViewport({ ratio: 1 });
		await screenshot(page, 'qa-next-sale-keypad-queued');
		await keyAmount(page, '5');
		await expect(queued).toBeHidden();
		await expect(page.getByTestId('amount-display')).toHaveText('¥5');
		// The queued sale is still queued, once: the tap started a sale, it did not touch the last one.
		await expect(page.getByTestId('offline-banner')).toContainText('1 payment is queued');
	});

	test('on an upright tablet the paid sale fits beside the keypad', async ({ page, server }) => {
		await page.setViewportSize(UPRIGHT_TABLET);
		const customer = await newCustomer(server.url, uniqueHandle('upright'), 2_000_000);
		await openCounterSignedIn(page, server.url);
		await keyAmount(page, '12345.67');
		await typeCode(page, await api.payCode(server.url, customer));
		const result = page.getByTestId('charge-result');
		await expect(result.getByTestId('charged')).toHaveText('¥12,345.67');
		await expect(result.getByRole('button', { name: 'Next customer' })).toBeInViewport({ ratio: 1 });
		await expect(pad(page)).toBeInViewport({ ratio: 1 });
		// Nothing runs out of its box in the narrow column.
		for (const figure of ['amount', 'charged']) {
			const fits = await result.getByTestId(figure).evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
			expect(fits, `${figure} fits its box`).toBe(true);
		}
		await screenshot(page, 'qa-next-sale-keypad-upright');
	});
});

test('on a phone the paid sale has the screen, with no keypad: "Next customer" goes on', async ({ page, server }) => {
	await page.setViewportSize(PHONE);
	const customer = await newCustomer(server.url, uniqueHandle('phone'), 50_000);
	await openCounterSignedIn(page, server.url);
	await keyAmount(page, '9');
	await typeCode(page, await api.payCode(server.url, customer));
	const result = page.getByTestId('charge-result');
	await expect(result.getByTestId('charged')).toHaveText('¥9.00');
	await expect(pad(page)).toHaveCount(0);
	await result.getByRole('button', { name: 'Next customer' }).click();
	await expect(pad(page)).toBeVisible();
});
