/**
 * The counter's top-up taking the customer's code by camera (counter-topup.spec.ts has the typed code and the handheld
 * scanner): the cashier keys the cash handed over, scans the code the customer's phone shows with the tablet's camera
 * (Chromium's fake camera filming a real QR code, as camera.spec.ts), reads back whose wallet it is, and confirms. The
 * wallet goes up by exactly the amount, and the code, which a top-up does not spend, still pays afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TOPUP_100_TO_BOB_WORDS } from './support/counter-topup';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CONTEXT_DEFAULTS, fakeCameraArgs, PHONE, TABLET } from './support/browser';
import { expectAccessible, openCounterSignedIn, screenshot } from './support/pages';
import { writeQrVideo } from './support/y4m';

test.use({ serverEnv: { TOPUPS: '0' } });

// The panel's words (TOPUP_100_TO_BOB_WORDS) and the camera's.
const WORDS = {
	en: {
		...TOPUP_100_TO_BOB_WORDS.en,
		camera: 'Scan with camera',
		dialog: 'Scan the customer’s code',
		adding: 'Top-up ¥100.00',
		charging: 'Charging'
	},
	zh: {
		...TOPUP_100_TO_BOB_WORDS.zh,
		camera: '摄像头扫码',
		dialog: '扫描顾客付款码',
		adding: '充值 ¥100.00',
		charging: '收款'
	}
} as const;

for (const [size, lang] of [
	[TABLET, 'en'],
	[PHONE, 'zh']
] as const) {
	test(`a cashier tops up a wallet by camera at ${size.width}px in ${lang}; the wallet goes up by the amount and the code still pays`, async ({ server }) => {
		test.slow(); // a browser with a camera
		const w = WORDS[lang];
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		// The code Bob's phone shows now, filmed by the tablet's camera.
		const code = await api.payCode(server.url, bob);
		const video = join(mkdtempSync(join(tmpdir(), 'pos-cam-')), 'topup.y4m');
		writeQrVideo(video, code);
		// A browser of its own: Chromium's file-backed fake camera serves one browser context.
		const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...fakeCameraArgs(video)] });
		try {
			const context = await browser.newContext({ viewport: size, baseURL: server.url, permissions: ['camera'], ...CONTEXT_DEFAULTS });
			const page = await context.newPage();
			await openCounterSignedIn(page, server.url);
			if (lang === 'zh') {
				await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
				await page.reload();
				await expect(page.getByRole('group', { name: w.keypad })).toBeVisible();
			}
			await page.getByTestId('counter-topup-start').click();
			const panel = page.getByTestId('counter-topup');
			await expect(panel).toBeVisible();
			const pad = panel.getByRole('group', { name: w.keypad });
			for (const key of '100') await pad.getByRole('button', { name: key, exact: true }).click();
			// Shown as keyed, as the sale's amount is (the money beside it when they read otherwise).
			await expect(panel.getByTestId('amount-display')).toHaveText('¥100');

			await panel.getByRole('button', { name: w.camera }).click();
			const dialog = page.getByRole('dialog', { name: w.dialog });
			await expect(dialog).toBeVisible();
			// The scan screen says what the amount is for: cash added to the wallet, not a charge to it. (Read at once: the
			// screen is up for the camera's start and the decoder's load, seconds, before the code can close it.)
			await expect(dialog).toContainText(w.adding);
			await expect(dialog).not.toContainText(w.charging);
			await screenshot(page, `counter-topup-camera-${lang}-scanning`);
			// A wait, not a speed check: the browser's camera and decoder share two cores with the rest of the suite.
			await expect(dialog).toBeHidden({ timeout: 45_000 });
			// The code is the top-up's: its last four digits wait beside the button that reads back whose wallet it is.
			await expect(panel.getByTestId('pending-code')).toContainText(code.slice(-4));
			await screenshot(page, `counter-topup-camera-${lang}-scanned`);
			// A camera's code is read back as a typed one is: nothing is added before the cashier confirms.
			expect(await api.balance(server.url, bob)).toBe(before);
			await panel.getByRole('button', { name: w.check }).click();

			const confirm = panel.getByTestId('counter-topup-confirm');
			await expect(confirm).toContainText(w.confirm);
			await screenshot(page, `counter-topup-camera-${lang}-confirm`);
			await confirm.getByRole('button', { name: w.button }).click();
			await expect(panel.getByTestId('counter-topup-done')).toContainText(w.done);
			await screenshot(page, `counter-topup-camera-${lang}-done`);
			await expectAccessible(page, `counter top-up by camera, done, at ${size.width}px in ${lang}`);
			expect(await api.balance(server.url, bob)).toBe(before + 10_000);

			// The code was only read for the top-up, not spent: it pays at the till next.
			const till = await api.cashierSession(server.url);
			const paid = await api.pay(server.url, till.token, code, 2_500);
			expect(paid.status).toBe(201);
			expect(paid.data.payment.status).toBe('succeeded');
			expect(await api.balance(server.url, bob)).toBe(before + 10_000 - 2_500);
			await context.close();
		} finally {
			await browser.close();
		}
	});
}

test('a top-up whose camera is blocked says so, and the code typed instead is taken', async ({ server }) => {
	// A camera exists, but the site has no permission and the prompt is refused (as camera.spec.ts for a sale).
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream=deny']
	});
	try {
		const context = await browser.newContext({ viewport: PHONE, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await context.newPage();
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		await openCounterSignedIn(page, server.url);
		await page.getByTestId('counter-topup-start').click();
		const panel = page.getByTestId('counter-topup');
		await panel.getByRole('button', { name: '¥100', exact: true }).click();
		await panel.getByRole('button', { name: WORDS.en.camera }).click();

		await expect(panel.getByRole('alert')).toContainText('The camera is blocked for this site');
		await expect(page.getByRole('dialog')).toBeHidden();
		// The cursor is already in the code field, unfolded on a phone: type and go.
		const field = panel.getByLabel('Or type the code');
		await expect(field).toBeFocused();
		await screenshot(page, 'counter-topup-camera-blocked');
		await field.fill(await api.payCode(server.url, bob));
		await field.press('Enter');
		await panel.getByRole('button', { name: WORDS.en.check }).click();
		await panel.getByTestId('counter-topup-confirm').getByRole('button', { name: WORDS.en.button }).click();
		await expect(panel.getByTestId('counter-topup-done')).toContainText(WORDS.en.done);
		expect(await api.balance(server.url, bob)).toBe(before + 10_000);
	} finally {
		await browser.close();
	}
});
