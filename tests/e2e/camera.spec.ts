/**
 * The camera when it can't help: permission refused (the cashier types the code instead), and a
 * QR code that is not a payment code (nothing is charged, the camera keeps looking). And a code that
 * html5-qrcode's decoder never finds as filmed, which is read all the same.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CONTEXT_DEFAULTS, fakeCameraArgs, PHONE, TABLET } from './support/browser';
import { expectAccessible, keyAmount, openCounterSignedIn, screenshot } from './support/pages';
import { writeQrVideo } from './support/y4m';

test('when camera permission is denied the cashier is told so and types the code instead', async ({ server }) => {
	// A camera exists, but the site has no permission and the prompt is refused.
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream=deny']
	});
	try {
		const context = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await context.newPage();
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		await openCounterSignedIn(page, server.url);
		await keyAmount(page, '9');
		await page.getByRole('button', { name: 'Scan with camera' }).click();

		await expect(page.getByRole('alert')).toContainText('The camera is blocked for this site');
		await expect(page.getByRole('dialog')).toBeHidden();
		// The cursor is already in the code field: type and go.
		const field = page.getByLabel('Or type the code');
		await expect(field).toBeFocused();
		await field.fill(await api.payCode(server.url, bob));
		await field.press('Enter');
		await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥9.00');
		expect(await api.balance(server.url, bob)).toBe(before - 900);
	} finally {
		await browser.close();
	}
});

test('a QR code that is not a payment code is not taken; the scan screen can be cancelled and reopened', async ({ server }) => {
	test.slow(); // two browsers with a camera each
	const video = join(mkdtempSync(join(tmpdir(), 'pos-cam-')), 'foreign.y4m');
	writeQrVideo(video, 'https://example.com/menu');
	// One browser per screen size: Chromium's file-backed fake camera serves one browser context.
	for (const viewport of [TABLET, PHONE]) {
		const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...fakeCameraArgs(video)] });
		try {
			const context = await browser.newContext({ viewport, baseURL: server.url, permissions: ['camera'], ...CONTEXT_DEFAULTS });
			const page = await context.newPage();
			await openCounterSignedIn(page, server.url);
			await keyAmount(page, '15');
			const dialog = page.getByRole('dialog', { name: 'Scan the customer’s code' });
			// Twice: cancelling must release the camera so the next scan can open it.
			for (const round of [1, 2]) {
				await page.getByRole('button', { name: 'Scan with camera' }).click();
				await expect(dialog).toBeVisible();
				await expect(dialog).toContainText('That is not a payment code.');
				if (round === 1) {
					await screenshot(page, 'cashier-camera');
					await expectAccessible(page, 'camera scan screen');
				}
				await dialog.getByRole('button', { name: 'Cancel' }).click();
				await expect(dialog).toBeHidden();
			}
			await expect(page.getByTestId('amount-display')).toHaveText('¥15');
		} finally {
			await browser.close();
		}
	}
});

/**
 * A well-formed payment code whose QR, filmed still at 10 px a module (writeQrVideo's picture), html5-qrcode's decoder
 * (ZXing) misses on every frame as filmed; turned a quarter or halved it reads. About 1 live code in 40 is like it:
 * such a code kept the scan screen on "Hold the phone's code inside the frame" for the whole 45 s of the
 * pay-by-camera test in loaded CI runs (and the retry, with a new code, passed). Never issued, so it is declined.
 */
const CODE_MISSED_AS_FILMED = '887612721127671793';

test('a code the decoder misses as filmed is still read: the scan screen closes and the charge is answered', async ({ server }) => {
	test.slow(); // a browser with a camera
	const video = join(mkdtempSync(join(tmpdir(), 'pos-cam-')), 'missed.y4m');
	writeQrVideo(video, CODE_MISSED_AS_FILMED);
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...fakeCameraArgs(video)] });
	try {
		const context = await browser.newContext({ viewport: TABLET, baseURL: server.url, permissions: ['camera'], ...CONTEXT_DEFAULTS });
		const page = await context.newPage();
		await openCounterSignedIn(page, server.url);
		await keyAmount(page, '12');
		await page.getByRole('button', { name: 'Scan with camera' }).click();
		const dialog = page.getByRole('dialog', { name: 'Scan the customer’s code' });
		await expect(dialog).toBeVisible();
		// A wait, not a speed check: the browser's camera and decoder share two cores with the rest of the suite.
		await expect(dialog).toBeHidden({ timeout: 30_000 });
		await expect(page.getByTestId('decline-reason')).toHaveText('That is not a live payment code.');
		await screenshot(page, 'cashier-camera-missed-code-read');
	} finally {
		await browser.close();
	}
});
