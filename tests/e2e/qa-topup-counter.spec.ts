/**
 * A cashier audit of the counter's "Top up a wallet" panel, finding by finding:
 * 1. the amount is keyed by the sale's rules (a digit after a quick amount starts a new one) and shown as keyed;
 * 2. on a phone, the code taken and the button that goes on with it come on screen after a scan;
 * 3. the keyboard keys the amount and Enter goes on, as at the sale; the focus is placed at each step;
 * 4. a code scanned while the top-up is being finished (or while its code loads) is kept, and said;
 * 5. "Balance too low" on a sale offers a cash top-up, and the sale's amount waits for it.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { TOPUP_100_TO_BOB_WORDS } from './support/counter-topup';
import { countShakes, expectAccessible, holdChunks, keyAmount, openCounterSignedIn, scanWithHandheld } from './support/pages';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const PORTRAIT = { width: 768, height: 1024 };
const PHONE_390 = { width: 390, height: 844 };
const PHONE_360 = { width: 360, height: 640 };

const WORDS = {
	en: { ...TOPUP_100_TO_BOB_WORDS.en, code: 'Or type the code', finish: 'Done', topUpCash: 'Top up ¥30.00 with cash', tooLow: 'Balance too low for this amount.', short: 'Customer: carol · ¥30.00 short' },
	zh: { ...TOPUP_100_TO_BOB_WORDS.zh, code: '或手动输入付款码', finish: '完成', topUpCash: '收现金充值 ¥30.00', tooLow: '余额不足。', short: '顾客：carol · 还差 ¥30.00' }
} as const;

/** What the screen shows (not the whole page): what a cashier sees without scrolling. */
async function shot(page: Page, name: string) {
	if (process.env.SCREENSHOTS === '0') return;
	const dir = join('test-results', 'screenshots');
	mkdirSync(dir, { recursive: true });
	const { width, height } = page.viewportSize()!;
	await page.screenshot({ path: join(dir, `qa-topup-${name}-${width}x${height}.png`) });
}

async function openTopUp(page: Page) {
	await page.getByTestId('counter-topup-start').click();
	const panel = page.getByTestId('counter-topup');
	await expect(panel).toBeVisible();
	return panel;
}

async function chinese(page: Page) {
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await expect(page.getByRole('group', { name: WORDS.zh.keypad })).toBeVisible();
}

test('1. the top-up keys its amount by the sale’s rules, and shows what was keyed', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	const panel = await openTopUp(page);
	const shown = panel.locator('output');
	await panel.getByRole('button', { name: '¥100', exact: true }).click();
	await expect(shown).toHaveText('¥100');
	// A digit after a quick amount starts a new amount: ¥100 then 0 is not ¥1,000.00.
	await keyAmount(page, '0');
	await expect(shown).toHaveText('¥0');
	await keyAmount(page, '50');
	await expect(shown).toHaveText('¥50');
	// The decimal point after a quick amount goes on from it.
	await panel.getByRole('button', { name: '¥50', exact: true }).click();
	await keyAmount(page, '.5');
	await expect(shown).toContainText('¥50.5');
	// A stray point is seen.
	await panel.getByRole('button', { name: 'Clear' }).click();
	await keyAmount(page, '.');
	await expect(shown).toHaveText('¥0.');
	// A key the amount refuses (a third decimal) shakes it, from the keypad or the keyboard, as at the sale.
	const shakes = await countShakes(page);
	await keyAmount(page, '12');
	await page.keyboard.press('3');
	await expect(shown).toHaveText('¥0.12');
	expect(await shakes()).toBe(1);
});

for (const size of [PHONE_390, PHONE_360]) {
	test(`2. at ${size.width}x${size.height} the scanned code and its button come on screen`, async ({ page, server }) => {
		await page.setViewportSize(size);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		await openCounterSignedIn(page, server.url);
		const panel = await openTopUp(page);
		// The intro is folded on a phone: the keypad's bottom row is on screen.
		await expect(panel.getByText('Take the cash, key the amount')).toBeHidden();
		await expect(panel.getByRole('button', { name: '00', exact: true })).toBeInViewport({ ratio: 1 });
		await shot(page, 'phone-entry-en');
		await expectAccessible(page, `the counter's top-up at ${size.width}px, its intro folded`);
		await panel.getByRole('button', { name: 'How it works' }).click();
		await expect(panel.getByText('Take the cash, key the amount')).toBeVisible();
		await panel.getByRole('button', { name: 'How it works' }).click();
		await panel.getByRole('button', { name: '¥100', exact: true }).click();
		await scanWithHandheld(page, await api.payCode(server.url, bob));
		await expect(panel.getByTestId('pending-code')).toBeInViewport({ ratio: 1 });
		await expect(panel.getByRole('button', { name: WORDS.en.check })).toBeInViewport({ ratio: 1 });
		await shot(page, 'phone-scanned-en');
	});
}

test('3. the keyboard keys the top-up, Enter goes on, and the focus follows each step; a scanner still gives the code', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	await openCounterSignedIn(page, server.url);
	const panel = await openTopUp(page);
	// The focus is in the panel as it opens, not on the page's body.
	await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="counter-topup"]'))).toBe(true);
	const shown = panel.locator('output');
	for (const key of ['3', '0', '0']) await page.keyboard.press(key);
	await expect(shown).toContainText('300');
	await page.keyboard.press('Backspace');
	await expect(shown).toContainText('30');
	await expect(shown).not.toContainText('300');
	await page.keyboard.press('Escape');
	await expect(shown).toHaveText('¥0');
	for (const key of ['1', '0', '0']) await page.keyboard.press(key);
	// A keyboard-wedge scanner's digits are the code's, not the amount's.
	await scanWithHandheld(page, await api.payCode(server.url, bob));
	await expect(panel.getByTestId('pending-code')).toBeVisible();
	await expect(shown).toHaveText('¥100');
	await page.keyboard.press('Enter');
	const confirm = panel.getByTestId('counter-topup-confirm');
	await expect(confirm).toContainText(WORDS.en.confirm);
	await expect(confirm.getByRole('button', { name: WORDS.en.button })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(panel.getByTestId('counter-topup-done')).toContainText(WORDS.en.done);
	await expect(panel.getByRole('button', { name: WORDS.en.finish })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(panel).toBeHidden();
	expect(await api.balance(server.url, bob)).toBe(before + 10_000);
});

test('4. a code scanned while the top-up is being finished is kept for the next sale, and said', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const carol = await api.customerToken(server.url, 'carol', '3333');
	await openCounterSignedIn(page, server.url);
	const panel = await openTopUp(page);
	await panel.getByRole('button', { name: '¥100', exact: true }).click();
	await panel.getByLabel(WORDS.en.code).fill(await api.payCode(server.url, bob));
	await panel.getByLabel(WORDS.en.code).press('Enter');
	await panel.getByRole('button', { name: WORDS.en.check }).click();
	const confirm = panel.getByTestId('counter-topup-confirm');
	await expect(confirm).toContainText(WORDS.en.confirm);
	// The next customer scans while the cashier confirms: kept, and the screen says so.
	const next = await api.payCode(server.url, carol);
	await scanWithHandheld(page, next);
	await expect(panel.getByTestId('held-code')).toContainText(next.slice(-4));
	await confirm.getByRole('button', { name: WORDS.en.button }).click();
	await expect(panel.getByTestId('counter-topup-done')).toBeVisible();
	await expect(panel.getByTestId('held-code')).toContainText(next.slice(-4));
	await panel.getByRole('button', { name: WORDS.en.finish }).click();
	// Back at the sale, the code waits for its amount.
	await expect(page.getByTestId('pending-code')).toContainText(next.slice(-4));
});

test('4. a code scanned while the top-up’s code is still loading is not lost', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await openCounterSignedIn(page, server.url);
	const chunks = await holdChunks(page, 'counter-topup');
	await page.getByTestId('counter-topup-start').click();
	await expect.poll(chunks.held).toBeGreaterThan(0);
	const code = await api.payCode(server.url, bob);
	await scanWithHandheld(page, code);
	chunks.release();
	const panel = page.getByTestId('counter-topup');
	await expect(panel.getByTestId('pending-code')).toContainText(code.slice(-4));
});

for (const lang of ['en', 'zh'] as const) {
	test(`5. balance too low offers a cash top-up, and the sale's amount is charged after it (${lang})`, async ({ page, server }) => {
		await page.setViewportSize(TABLET);
		const carol = await api.customerToken(server.url, 'carol', '3333');
		const before = await api.balance(server.url, carol);
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') await chinese(page);
		const w = WORDS[lang];
		const saleAmount = before + 3_000;
		const pad = page.getByRole('group', { name: w.keypad });
		for (const ch of String(saleAmount / 100)) await pad.getByRole('button', { name: ch, exact: true }).click();
		const field = page.getByLabel(w.code);
		await field.fill(await api.payCode(server.url, carol));
		await field.press('Enter');
		const declined = page.getByTestId('charge-declined');
		await expect(declined).toContainText(w.tooLow);
		// Whose balance, and by how much it falls short: what the cashier asks the customer for (the phone says it too).
		await expect(declined.getByTestId('declined-customer')).toHaveText(w.short);
		const actions = declined.getByTestId('declined-actions').getByRole('button');
		for (const size of [TABLET, PORTRAIT, PHONE_390, PHONE_360]) {
			await page.setViewportSize(size);
			await shot(page, `declined-${lang}`);
			// Its ways on are buttons of one height, in one row on a landscape tablet (they were three ragged rows, and
			// "Cancel sale" a bare word).
			const boxes = await Promise.all((await actions.all()).map((b) => b.boundingBox()));
			expect(new Set(boxes.map((b) => Math.round(b!.height))).size, `${size.width}px`).toBe(1);
			if (size === TABLET) expect(new Set(boxes.map((b) => Math.round(b!.y))).size).toBe(1);
		}
		await page.setViewportSize(TABLET);
		await expectAccessible(page, `balance too low with Top up with cash (${lang})`);
		await declined.getByRole('button', { name: w.topUpCash }).click();
		const panel = page.getByTestId('counter-topup');
		// The top-up starts from the shortfall; a digit keyed starts a new amount, as after a quick amount.
		await expect(panel.locator('output').first()).toHaveText('¥30');
		await panel.getByRole('button', { name: '¥100', exact: true }).click();
		await panel.getByLabel(w.code).fill(await api.payCode(server.url, carol));
		await panel.getByLabel(w.code).press('Enter');
		await panel.getByRole('button', { name: w.check }).click();
		await panel.getByTestId('counter-topup-confirm').getByRole('button', { name: w.button }).click();
		await expect(panel.getByTestId('counter-topup-done')).toBeVisible();
		await panel.getByRole('button', { name: w.finish }).click();
		// The sale is back with its amount: the customer's new code charges it.
		await expect(page.locator('output').first()).toContainText(String(saleAmount / 100));
		await field.fill(await api.payCode(server.url, carol));
		await field.press('Enter');
		await expect(page.getByTestId('charge-result')).toBeVisible();
		expect(await api.balance(server.url, carol)).toBe(before + 10_000 - saleAmount);
	});

	test(`screens of the top-up at four sizes (${lang})`, async ({ page, server }) => {
		const bob = await api.customerToken(server.url, 'bob', '2222');
		await page.setViewportSize(TABLET);
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') await chinese(page);
		const w = WORDS[lang];
		for (const size of [TABLET, PORTRAIT, PHONE_390, PHONE_360]) {
			await page.setViewportSize(size);
			const panel = await openTopUp(page);
			await shot(page, `entry-${lang}`);
			await panel.getByRole('button', { name: '¥100', exact: true }).click();
			await scanWithHandheld(page, await api.payCode(server.url, bob));
			await expect(panel.getByRole('button', { name: w.check })).toBeInViewport({ ratio: 1 });
			await shot(page, `scanned-${lang}`);
			await page.keyboard.press('Enter');
			await expect(panel.getByTestId('counter-topup-confirm')).toContainText(w.confirm);
			await scanWithHandheld(page, await api.payCode(server.url, bob));
			await expect(panel.getByTestId('held-code')).toBeVisible();
			await shot(page, `confirm-held-${lang}`);
			// (The test's scanner took the focus off the button first, as a real one does not.)
			await panel.getByRole('button', { name: w.button }).click();
			await expect(panel.getByTestId('counter-topup-done')).toContainText(w.done);
			await shot(page, `done-${lang}`);
			await page.keyboard.press('Enter');
			await expect(panel).toBeHidden();
			// The held code came back to the sale: let it go for the next size's round.
			await page.getByTestId('pending-code').getByRole('button').click();
		}
	});
}
