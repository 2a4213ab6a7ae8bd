/**
 * A top-up whose answer is lost (the phone's connection drops just as the server adds the money): the customer sees
 * "could not reach", closes the dialog, maybe reloads, and adds the money again. Each dialog used to take a new
 * Idempotency-Key, so the second tap added the money a second time. The unanswered top-up's key is now kept on the
 * phone: the dialog offers that top-up again, says it may have gone in, and adding it again adds it once.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import type { Page } from '@playwright/test';
import { loseFirstAnswer, openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** The first top-up reaches the server, which adds the money; its answer never reaches the phone. */
const loseFirstTopUpAnswer = (page: Page) => loseFirstAnswer(page, '**/api/wallet/topups');

/**
 * The wallet's reads fail until the returned function is called: the connection is still down after the lost answer,
 * so the wallet cannot show whether the money went in, and keeps the balance the kept top-up is offered against.
 * (Once a read shows the money arrived, the customer sees where they stand and nothing is offered again.)
 */
async function cutWalletReads(page: Page): Promise<() => void> {
	let down = true;
	await page.route('**/api/wallet', (route) => (down ? route.abort('internetdisconnected') : route.fallback()));
	return () => (down = false);
}

/**
 * Carol adds ¥200; the server adds it, and its answer is lost. The dialog is closed. With `walletUnreachable` the
 * connection stays down for the wallet's reads (until the returned `reconnect`), so the wallet still shows `before`.
 */
async function addWithLostAnswer(page: Page, serverUrl: string, { walletUnreachable = false } = {}) {
	const carol = await openCustomerSignedIn(page, serverUrl, 'carol', '3333');
	const before = await api.balance(serverUrl, carol);
	const sent = await loseFirstTopUpAnswer(page);
	const reconnect = walletUnreachable ? await cutWalletReads(page) : () => undefined;
	await page.getByRole('button', { name: 'Add money' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await dialog.getByRole('radio', { name: '¥200' }).check();
	await dialog.getByRole('button', { name: 'Add ¥200' }).click();
	await expect(dialog.getByText('Could not reach the server')).toBeVisible();
	// The server did add it: the phone does not know.
	expect(await api.balance(serverUrl, carol)).toBe(before + 20_000);
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	return { balance: () => api.balance(serverUrl, carol), before, sent, reconnect };
}

// Grouped as the wallet shows it: the tests share a server, and Carol's balance passes ¥1,000 as they add money.
const yuan = (minor: number) => `¥${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

test('a top-up whose answer was lost is added once when added again from a new dialog', async ({ page, server }) => {
	// The wallet cannot read its balance either: it cannot tell whether the money went in.
	const { balance, before, sent, reconnect } = await addWithLostAnswer(page, server.url, { walletUnreachable: true });
	await expect(page.getByTestId('balance')).toHaveText(yuan(before));
	reconnect();

	await page.getByRole('button', { name: 'Add money' }).first().click();
	let dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	// Offered again, the amount chosen, and said plainly.
	await expect(dialog.getByRole('radio', { name: '¥200' })).toBeChecked();
	await expect(dialog.getByTestId('topup-unanswered')).toContainText('Your top-up of ¥200.00');
	await expect(dialog.getByTestId('topup-unanswered')).toContainText('it may have gone in');
	await screenshot(page, 'qa-customer-topup-unanswered');
	// The customer who did not read the note picks the same amount again, as they would.
	await dialog.getByRole('radio', { name: '¥200' }).check();
	await dialog.getByRole('button', { name: 'Add ¥200' }).click();
	await expect(dialog).toBeHidden();
	expect(sent()).toBe(2);
	// Once, not twice.
	expect(await balance()).toBe(before + 20_000);
	await expect(page.getByTestId('balance')).toHaveText(yuan(before + 20_000));

	// That answer closes the matter: another ¥200 now is a new top-up, and adds money again.
	await page.getByRole('button', { name: 'Add money' }).first().click();
	dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await expect(dialog.getByTestId('topup-unanswered')).toHaveCount(0);
	await dialog.getByRole('radio', { name: '¥200' }).check();
	await dialog.getByRole('button', { name: 'Add ¥200' }).click();
	await expect(dialog).toBeHidden();
	expect(await balance()).toBe(before + 40_000);
});

test('after a lost answer the wallet reads its balance again, and shows the money that went in without a reload', async ({ page, server }) => {
	const { balance, before } = await addWithLostAnswer(page, server.url);
	// It showed the balance from before the top-up, and kept it until the page was reloaded.
	await expect(page.getByTestId('balance')).toHaveText(yuan(before + 20_000));
	expect(await balance()).toBe(before + 20_000);
	await screenshot(page, 'qa-customer-topup-lost-answer-balance-read');
	// The customer sees the money arrived: another ¥200 is a new top-up, not the lost one offered again.
	await page.getByRole('button', { name: 'Add money' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await expect(dialog.getByTestId('topup-unanswered')).toHaveCount(0);
});

test('once the wallet shows the money arrived (a reload), the same amount again is a new top-up, and is added', async ({ page, server }) => {
	const { balance, before } = await addWithLostAnswer(page, server.url);
	await page.reload();
	await expect(page.getByTestId('balance')).toHaveText(yuan(before + 20_000));
	await page.getByRole('button', { name: 'Add money' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await expect(dialog.getByTestId('topup-unanswered')).toHaveCount(0);
	await dialog.getByRole('radio', { name: '¥200' }).check();
	await dialog.getByRole('button', { name: 'Add ¥200' }).click();
	await expect(dialog).toBeHidden();
	expect(await balance()).toBe(before + 40_000);
	await expect(page.getByTestId('balance')).toHaveText(yuan(before + 40_000));
});

test('a retry that meets a server failure keeps the lost top-up\'s key: added again later, it is added once', async ({ page, server }) => {
	const carol = await openCustomerSignedIn(page, server.url, 'carol', '3333');
	const before = await api.balance(server.url, carol);
	const sent = await loseFirstTopUpAnswer(page);
	const reconnect = await cutWalletReads(page);
	// The second try fails before the server looks its key up (the database out of reach: README, 503).
	let failed = 0;
	await page.route('**/api/wallet/topups', (route) => {
		if (sent() !== 1 || failed > 0 || route.request().method() !== 'POST') return route.fallback();
		failed += 1;
		return route.fulfill({ status: 503, json: { error: { code: 'UNAVAILABLE', message: 'The database is out of reach. Retry with the same key.' } } });
	});
	await page.getByRole('button', { name: 'Add money' }).first().click();
	let dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await dialog.getByRole('button', { name: 'Add ¥100' }).click();
	await expect(dialog.getByText('Could not reach the server')).toBeVisible();
	await dialog.getByRole('button', { name: 'Add ¥100' }).click();
	await expect(dialog.getByText('The money could not be added just now. Try again in a moment: it is never added twice.')).toBeVisible();
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	reconnect();

	await page.getByRole('button', { name: 'Add money' }).first().click();
	dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await expect(dialog.getByTestId('topup-unanswered')).toContainText('Your top-up of ¥100.00');
	await dialog.getByRole('button', { name: 'Add ¥100' }).click();
	await expect(dialog).toBeHidden();
	expect(await api.balance(server.url, carol)).toBe(before + 10_000);
});

test('choosing another amount after a lost answer is a new top-up, and the note goes with the choice', async ({ page, server }) => {
	const carol = await openCustomerSignedIn(page, server.url, 'carol', '3333');
	const before = await api.balance(server.url, carol);
	await loseFirstTopUpAnswer(page);
	const reconnect = await cutWalletReads(page);
	await page.getByRole('button', { name: 'Add money' }).first().click();
	let dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await dialog.getByRole('button', { name: 'Add ¥100' }).click();
	await expect(dialog.getByRole('button', { name: 'Add ¥100' })).toBeEnabled();
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	reconnect();

	await page.getByRole('button', { name: 'Add money' }).first().click();
	dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await expect(dialog.getByTestId('topup-unanswered')).toBeVisible();
	await dialog.getByRole('radio', { name: '¥50', exact: true }).check();
	await expect(dialog.getByTestId('topup-unanswered')).toHaveCount(0);
	await dialog.getByRole('button', { name: 'Add ¥50' }).click();
	await expect(dialog).toBeHidden();
	expect(await api.balance(server.url, carol)).toBe(before + 15_000);
});

test('in Chinese, the unanswered top-up is said in Chinese', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await loseFirstTopUpAnswer(page);
	await cutWalletReads(page);
	await page.getByRole('button', { name: '中文' }).click();
	await page.getByRole('button', { name: '充值', exact: true }).first().click();
	let dialog = page.getByRole('dialog', { name: '为余额充值' });
	await dialog.getByRole('button', { name: /^充值 / }).click();
	await expect(dialog.getByRole('button', { name: /^充值 / })).toBeEnabled();
	await dialog.getByRole('button', { name: '取消' }).click();
	await page.getByRole('button', { name: '充值', exact: true }).first().click();
	dialog = page.getByRole('dialog', { name: '为余额充值' });
	await expect(dialog.getByTestId('topup-unanswered')).toContainText('未收到回复，可能已经到账');
	await screenshot(page, 'qa-customer-topup-unanswered-zh');
});

test('the top-up dialog, fetched when the wallet opens, says so when it could not be fetched, and Close lets the customer tap again', async ({ page, server }) => {
	// The dialog's code is not in the first load (the phone's budget). Offline on a first visit it cannot come.
	let blocked = true;
	await page.route('**/_app/immutable/chunks/*.js', async (route) => {
		const response = await route.fetch();
		if (blocked && (await response.text()).includes('topup-unanswered')) return route.abort('internetdisconnected');
		return route.fulfill({ response });
	});
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await page.getByRole('button', { name: 'Add money' }).first().click();
	const notFetched = page.getByTestId('dialog-not-fetched');
	await expect(notFetched).toContainText('Could not reach the server');
	await screenshot(page, 'qa-customer-dialog-not-fetched');
	await notFetched.getByRole('button', { name: 'Close' }).click();
	await expect(notFetched).toBeHidden();

	blocked = false;
	await page.getByRole('button', { name: 'Add money' }).first().click();
	await expect(page.getByRole('dialog', { name: 'Add money to your balance' })).toBeVisible();
});
