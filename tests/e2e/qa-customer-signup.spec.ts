/**
 * A customer new to the app makes a wallet on the phone (POST /api/customers, then signed in): the sign-in card
 * offered only "Sign in", so nobody without a handle could pay, and a friend sent a shared coupon could not take it.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { expectAccessible, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('a new customer creates a wallet from the sign-in screen and lands on it, signed in, at ¥0.00', async ({ page, server }) => {
	await page.goto('/customer');
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const card = page.getByRole('region', { name: 'Create your wallet' });
	await expect(card).toBeVisible();
	await expect(card.getByLabel('Your handle')).toBeFocused();
	await screenshot(page, 'qa-customer-signup-360');
	await expectAccessible(page, 'sign-up');
	// The whole form is on the first screen of a small phone (360×640 with the keyboard down): nothing to scroll to.
	await page.setViewportSize({ width: 360, height: 640 });
	await expect(card.getByRole('button', { name: 'Create wallet' })).toBeInViewport({ ratio: 1 });
	await page.setViewportSize({ width: 360, height: 740 });
	await page.locator('button.lang').click();
	await expect(page.getByRole('region', { name: '创建钱包' })).toBeVisible();
	await screenshot(page, 'qa-customer-signup-zh-360');
	await page.locator('button.lang').click();

	await card.getByLabel('Your handle').fill('Dana.Lee');
	await card.getByLabel('PIN', { exact: true }).fill('4826');
	await card.getByLabel('PIN again').fill('4826');
	await card.getByRole('button', { name: 'Create wallet' }).click();

	await expect(page.getByTestId('balance')).toHaveText('¥0.00');
	await expect(page.getByText('dana.lee', { exact: true })).toBeVisible();
	// The wallet is real: its owner signs in with the PIN chosen.
	expect(await api.balance(server.url, await api.customerToken(server.url, 'dana.lee', '4826'))).toBe(0);
});

test('a handle already taken, PINs that differ and a handle with other characters are said at their field; no wallet is made', async ({ page }) => {
	await page.goto('/customer');
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const card = page.getByRole('region', { name: 'Create your wallet' });
	const handle = card.getByLabel('Your handle');
	const create = card.getByRole('button', { name: 'Create wallet' });

	await handle.fill('my name');
	await card.getByLabel('PIN', { exact: true }).fill('4826');
	await card.getByLabel('PIN again').fill('4826');
	await create.click();
	await expect(card.getByText('A handle is 3 to 40 characters: a–z, 0–9, dot, dash or underscore, with no spaces.')).toBeVisible();

	await handle.fill('alice');
	await card.getByLabel('PIN again').fill('4827');
	await create.click();
	await expect(card.getByText('The two PINs differ. Type the same PIN twice.')).toBeVisible();

	await card.getByLabel('PIN again').fill('4826');
	await create.click();
	await expect(card.getByText('That handle is taken. Choose another.')).toBeVisible();
	await expect(handle).toHaveAttribute('aria-invalid', 'true');
	await page.locator('button.lang').click();
	await expect(page.getByText('该用户名已被使用，请换一个。')).toBeVisible();
	await screenshot(page, 'qa-customer-signup-taken-zh-360');
	await page.locator('button.lang').click();

	// Back to signing in, for someone who has a wallet after all.
	await page.getByRole('button', { name: 'Already have a wallet? Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('one tap of Create wallet says every mistake at its own field, in English and Chinese; the first field at fault gets the keyboard', async ({ page }) => {
	let sent = 0;
	page.on('request', (r) => {
		if (r.method() === 'POST' && r.url().endsWith('/api/customers')) sent++;
	});
	await page.goto('/customer');
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const card = page.getByRole('region', { name: 'Create your wallet' });
	const handle = card.getByLabel('Your handle');
	const pin = card.getByLabel('PIN', { exact: true });
	const again = card.getByLabel('PIN again');
	// Typed straight through and sent with the keyboard's Go: every mistake is said at once, each at its field.
	await handle.fill('ed');
	await pin.fill('12');
	await again.fill('13');
	await again.press('Enter');

	await expect(handle).toHaveAccessibleDescription('A handle is 3 to 40 characters: a–z, 0–9, dot, dash or underscore, with no spaces.');
	await expect(pin).toHaveAccessibleDescription('A PIN is 4 to 12 digits.');
	await expect(again).toHaveAccessibleDescription('The two PINs differ. Type the same PIN twice.');
	for (const field of [handle, pin, again]) await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(handle).toBeFocused();
	await screenshot(page, 'qa-customer-signup-all-errors-360');

	await page.locator('button.lang').click();
	const zh = page.getByRole('region', { name: '创建钱包' });
	await expect(zh.getByLabel('用户名')).toHaveAccessibleDescription('用户名为 3–40 个字符：a–z、0–9、点、短横线或下划线，不能有空格。');
	await expect(zh.getByLabel('PIN 码', { exact: true })).toHaveAccessibleDescription('PIN 码为 4 到 12 位数字。');
	await expect(zh.getByLabel('再次输入 PIN 码')).toHaveAccessibleDescription('两次输入的 PIN 码不一致，请输入相同的 PIN 码。');
	await screenshot(page, 'qa-customer-signup-all-errors-zh-360');
	await page.locator('button.lang').click();

	// All three put right at once: the wallet is made on the next tap, with no mistake said in between.
	await handle.fill('eddie.all');
	await pin.fill('4826');
	await again.fill('4826');
	for (const field of [handle, pin, again]) await expect(field).not.toHaveAttribute('aria-invalid', 'true');
	expect(sent).toBe(0);
	await card.getByRole('button', { name: 'Create wallet' }).click();
	await expect(page.getByTestId('balance')).toHaveText('¥0.00');
	expect(sent).toBe(1);
});

test('a field left for the next one says its mistake then; nothing is said while typing, and a mistake put right goes at once', async ({ page }) => {
	await page.goto('/customer');
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const card = page.getByRole('region', { name: 'Create your wallet' });
	const handle = card.getByLabel('Your handle');
	const pin = card.getByLabel('PIN', { exact: true });
	const again = card.getByLabel('PIN again');
	const handleError = card.getByText('A handle is 3 to 40 characters: a–z, 0–9, dot, dash or underscore, with no spaces.');

	// Tabbed through untouched, a field is not at fault yet.
	await handle.focus();
	await pin.focus();
	await expect(handle).not.toHaveAttribute('aria-invalid', 'true');

	await handle.fill('ed');
	await expect(handleError).toHaveCount(0); // typing: not yet
	await pin.focus(); // on to the PIN: the handle's mistake is said
	await expect(handleError).toBeVisible();
	await pin.pressSequentially('48');
	await expect(pin).not.toHaveAttribute('aria-invalid', 'true'); // two digits in: not nagged while typing
	await pin.pressSequentially('26');
	await again.fill('4827');
	await handle.focus();
	await expect(again).toHaveAccessibleDescription('The two PINs differ. Type the same PIN twice.');

	// Put right while typing, each error goes without leaving the field: the handle's, and the second PIN's when
	// the first is changed to match it.
	await handle.fill('eddie');
	await expect(handleError).toHaveCount(0);
	await pin.fill('4827');
	await expect(again).not.toHaveAttribute('aria-invalid', 'true');
	await expect(card.locator('[aria-invalid=true]')).toHaveCount(0);
});

test('a friend without a wallet opens a shared coupon, creates one on the spot and has the coupon with it', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const fiveOff = (await api.coupons(server.url, bob)).find((c) => c.title === '5 off' || c.rule.kind === 'fixed')!;
	const res = await fetch(`${server.url}/api/coupons/${fiveOff.id}/shares`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${bob}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: '{}'
	});
	expect(res.status).toBe(201);
	const { share } = (await res.json()) as { share: { path: string } };

	await page.goto(share.path);
	await expect(page.getByText('bob offers you a coupon')).toBeVisible();
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const card = page.getByRole('region', { name: 'Create a wallet to get this coupon' });
	await card.getByLabel('Your handle').fill('erin');
	await card.getByLabel('PIN', { exact: true }).fill('5555');
	await card.getByLabel('PIN again').fill('5555');
	await card.getByRole('button', { name: 'Create wallet' }).click();

	// Made under "Create a wallet to get this coupon": accepted with the wallet, no "Accept the coupon" to tap after.
	await expect(page.getByText('It’s yours! bob’s coupon is now in your wallet.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Accept the coupon' })).toHaveCount(0);
	const erin = await api.customerToken(server.url, 'erin', '5555');
	expect((await api.coupons(server.url, erin)).map((c) => c.rule.kind)).toEqual(['fixed']);
});

test('held sideways, the sign-up card opens at its first field, on screen and ready for typing', async ({ page }) => {
	await page.setViewportSize({ width: 844, height: 390 });
	await page.goto('/customer');
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const handle = page.getByRole('region', { name: 'Create your wallet' }).getByLabel('Your handle');
	await expect(handle).toBeFocused();
	await expect(handle).toBeInViewport();
	await screenshot(page, 'qa-customer-signup-landscape');
	await page.getByRole('button', { name: 'Already have a wallet? Sign in' }).click();
	await expect(page.getByLabel('Your handle')).toBeFocused();
});

test('a wallet made whose sign-in was then refused is signed in to on the next tap, not reported as a taken handle', async ({ page, server }) => {
	await page.goto('/customer');
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const card = page.getByRole('region', { name: 'Create your wallet' });
	// The sign-in after the sign-up is refused once (too many tries from the shop's Wi-Fi).
	let refused = 0;
	await page.route('**/api/sessions', (route) =>
		route.request().method() === 'POST' && refused++ === 0
			? route.fulfill({ status: 429, contentType: 'application/json', headers: { 'Retry-After': '1' }, body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many wrong PINs.' } }) })
			: route.continue()
	);
	await card.getByLabel('Your handle').fill('fern'); // a handle of its own: the file's other tests share its server
	await card.getByLabel('PIN', { exact: true }).fill('4826');
	await card.getByLabel('PIN again').fill('4826');
	await card.getByRole('button', { name: 'Create wallet' }).click();
	// Nobody typed a wrong PIN here: the wording says too many attempts, not a wrong PIN.
	await expect(card.getByText('Too many wrong PINs were tried from this network. Signing in is paused for up to 15 minutes.')).toBeVisible();
	await expect(card.getByText('That handle is taken')).toHaveCount(0);

	await card.getByRole('button', { name: 'Create wallet' }).click();
	await expect(page.getByTestId('balance')).toHaveText('¥0.00');
	expect(await api.balance(server.url, await api.customerToken(server.url, 'fern', '4826'))).toBe(0);
});

test('a PIN too short is said once, as the field’s error, not a second time as its hint', async ({ page }) => {
	await page.goto('/customer');
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const card = page.getByRole('region', { name: 'Create your wallet' });
	const pin = card.getByLabel('PIN', { exact: true });
	// Before any mistake the hint says what a PIN is.
	await expect(card.getByText('A PIN is 4 to 12 digits.')).toHaveCount(1);
	await card.getByLabel('Your handle').fill('dana.short');
	await pin.fill('12');
	await card.getByLabel('PIN again').fill('12');
	await card.getByRole('button', { name: 'Create wallet' }).click();
	await expect(pin).toHaveAttribute('aria-invalid', 'true');
	await expect(card.getByText('A PIN is 4 to 12 digits.')).toHaveCount(1);
	await expect(pin).toHaveAccessibleDescription('A PIN is 4 to 12 digits.');
	await screenshot(page, 'qa-customer-signup-short-pin-360');
	// Put right, the hint is back and the error gone.
	await pin.fill('4826');
	await card.getByLabel('PIN again').fill('4826');
	await card.getByLabel('Your handle').fill('my name');
	await card.getByRole('button', { name: 'Create wallet' }).click();
	await expect(card.getByText('A PIN is 4 to 12 digits.')).toHaveCount(1);
	await expect(pin).not.toHaveAttribute('aria-invalid', 'true');
});
