/** The phone's code screen as the stream specs drive it: the code shown, and every code the phone was given. */
import { expect, type Page } from '@playwright/test';

/** Every code the phone was given, as it arrived (POST /api/paycodes answered 201): a replaced code is a second one. */
export function codesShown(page: Page): string[] {
	const codes: string[] = [];
	page.on('response', async (res) => {
		if (res.request().method() === 'POST' && res.url().endsWith('/api/paycodes') && res.status() === 201) codes.push(((await res.json()) as { code: string }).code);
	});
	return codes;
}

/** Taps "Show payment code" on the wallet (English) and returns the code, once the screen waits for the cashier. */
export async function showCode(page: Page): Promise<string> {
	await page.getByRole('button', { name: 'Show payment code' }).click();
	await expect(page.getByText('Waiting for the cashier')).toBeVisible();
	return (await page.getByTestId('paycode').getAttribute('data-code'))!;
}
