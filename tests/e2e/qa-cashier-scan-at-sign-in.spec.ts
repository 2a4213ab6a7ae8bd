/**
 * A customer's code scanned while the tablet shows sign-in (the session ended mid-rush, or the cashier is signing in
 * with the queue already waiting): the handheld scanner used to type its 18 digits into the focused PIN field and
 * press Enter, so the cashier got "Fill in every field" and a PIN field full of digits to clear, and the code was lost.
 * Now the scan is kept out of the field, the card says the code is kept, and once signed in the counter has it taken,
 * waiting for its amount.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { expectAccessible, scanIntoFocusedField, scanWithHandheld, screenshot, signInCashier } from './support/pages';

const SIZES = [
	{ width: 1024, height: 768 },
	{ width: 390, height: 844 }
];

// One sign-in; the kept code and the PIN are checked at each size on the same page.
test(`a code scanned at sign-in is kept for the counter, not typed into the PIN (${SIZES.map((s) => s.width).join(', ')}px)`, async ({ page, server }) => {
	await page.setViewportSize(SIZES[0]);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	await signInCashier(page);
	await page.getByRole('button', { name: 'Sign out' }).click();
	const pin = page.getByLabel('PIN');
	await expect(pin).toBeFocused();
	// At a person's pace (a scanner's keys come within 50 ms of each other).
	await pin.pressSequentially('12', { delay: 150 });
	await page.waitForTimeout(150);

	const code = await api.payCode(server.url, bob);
	await scanIntoFocusedField(page, code);
	const kept = page.getByTestId('scan-kept');
	for (const size of SIZES) {
		const at = `${size.width}px`;
		await page.setViewportSize(size);
		await expect(kept, at).toContainText(`Customer’s code kept: •••• ${code.slice(-4)}`);
		// The PIN keeps what the cashier typed, nothing was sent, and the cashier types on.
		await expect(pin, at).toHaveValue('12');
		await expect(page.getByRole('alert'), at).toHaveCount(0);
		await expect(pin, at).toBeFocused();
		await screenshot(page, 'cashier-scan-at-sign-in');
	}
	await pin.pressSequentially('34');
	await pin.press('Enter');

	// Signed in: the counter has the code, the amount is still to key.
	await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
	await page.keyboard.type('6');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥6.00');
	expect(await api.balance(server.url, bob)).toBe(before - 600);
});

test('the kept code is said in Chinese too, and a PIN typed by hand still signs in', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	await signInCashier(page);
	await page.getByRole('button', { name: /Switch language to/ }).click();
	await page.getByRole('button', { name: '退出登录' }).click();
	// The scan is into the focused PIN field: begun before the sign-in form had put the focus there, its first
	// digits went to the page and the rest to the field (13 of 18 there, then Enter: 1 in 4 runs on a busy machine).
	await expect(page.getByLabel('PIN 码')).toBeFocused();
	const code = await api.payCode(server.url, alice);
	await scanIntoFocusedField(page, code);
	await expect(page.getByTestId('scan-kept')).toContainText(`已保留顾客付款码：•••• ${code.slice(-4)}`);
	await screenshot(page, 'cashier-scan-at-sign-in-zh');
	await expectAccessible(page, 'sign-in with a kept code, in Chinese');
	await page.getByLabel('PIN').pressSequentially('1234');
	await page.getByLabel('PIN').press('Enter');
	await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
});

test('a code kept at sign-in pays with the time it was scanned, after the customer’s phone has moved on to a fresh code', async ({ page, server }) => {
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const before = await api.balance(server.url, carol);
	await signInCashier(page);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('PIN')).toBeFocused();
	const code = await api.payCode(server.url, carol);
	await scanIntoFocusedField(page, code);
	await expect(page.getByTestId('scan-kept')).toContainText(code.slice(-4));
	// Meanwhile the customer's phone shows a fresh code (each lives a minute), which retires the scanned one.
	await api.payCode(server.url, carol);
	await page.getByLabel('PIN').pressSequentially('1234');
	await page.getByLabel('PIN').press('Enter');
	await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
	await page.keyboard.type('3');
	await page.keyboard.press('Enter');
	// Taken as scanned now, it was declined as expired.
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥3.00');
	expect(await api.balance(server.url, carol)).toBe(before - 300);
});

test('a code kept at sign-in is dropped after two minutes, like a sale kept for the counter: not said, not taken', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	// The page's clock is the test's: two minutes pass at once.
	await page.clock.install();
	await signInCashier(page);
	await page.getByRole('button', { name: 'Sign out' }).click();
	// Signed out before the scan: until then the keys are the counter's, and nothing is kept for sign-in.
	await expect(page.getByLabel('PIN')).toBeFocused();
	const code = await api.payCode(server.url, alice);
	// Dispatched in the page, not through the browser's input pipeline: under Playwright's clock, Debian's full
	// browser never read keys sent that way as a scan (3 of 3 failed, sessions 21 and 23; the headless shell did).
	// The scan into the focused PIN field is the first test's.
	await scanWithHandheld(page, code);
	const kept = page.getByTestId('scan-kept');
	await expect(kept).toContainText(code.slice(-4));
	await page.clock.fastForward(115_000);
	await expect(kept).toBeVisible();
	await page.clock.fastForward(10_000);
	await expect(kept).toBeHidden();
	await screenshot(page, 'cashier-scan-at-sign-in-dropped');
	await page.getByLabel('PIN').pressSequentially('1234');
	await page.getByLabel('PIN').press('Enter');
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await expect(page.getByTestId('pending-code')).toBeHidden();
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
});

/**
 * A scan that began while the focus was on its way to the PIN field: its first `onPage` digits with nothing focused,
 * then the focus moves to the PIN (as the sign-in form gives it once sign-out completes), then the rest and Enter. Real
 * key events, stamped 5 ms apart throughout as a scanner's are, whatever the test driver's pace.
 */
async function scanAcrossFocusMove(page: Page, code: string, onPage: number, field: string): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	const stepS = 0.005;
	let at = Date.now() / 1000;
	const keys = [...code, 'Enter'];
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	for (const [i, key] of keys.entries()) {
		if (i === onPage) await page.getByLabel(field, { exact: true }).focus();
		const enter = key === 'Enter';
		const common = { key, code: enter ? 'Enter' : `Digit${key}`, windowsVirtualKeyCode: enter ? 13 : key.charCodeAt(0) };
		await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: enter ? '\r' : key, timestamp: (at += stepS), ...common });
		await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: at + stepS / 2, ...common });
	}
	await cdp.detach();
}

test('a scan begun just before the PIN field has the focus is kept whole, not sent as a PIN of 13 digits', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await signInCashier(page);
	await page.getByRole('button', { name: 'Sign out' }).click();
	const pin = page.getByLabel('PIN');
	await expect(pin).toBeFocused();
	const code = await api.payCode(server.url, bob);
	await scanAcrossFocusMove(page, code, 5, 'PIN');
	await expect(page.getByTestId('scan-kept')).toContainText(`Customer’s code kept: •••• ${code.slice(-4)}`);
	await expect(pin).toHaveValue('');
	await expect(page.getByRole('alert')).toHaveCount(0);
	await pin.pressSequentially('1234');
	await pin.press('Enter');
	await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
});
