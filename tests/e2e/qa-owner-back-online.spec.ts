/**
 * The owner opens Campaigns or the Day report while the shop's network is down. The screen says it could not
 * read them, with a way to try again (Campaigns said "No campaigns yet." with the shop's campaigns on the server,
 * and offered no retry), and when the network returns the screen reads them again by itself: the bar said
 * "Online" while the page still said "Could not reach the server" until someone thought of tapping Try again.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

/**
 * Opens a page once online (its code is then loaded), back to the counter, and cuts the network. It waits for the
 * page's own heading: the counter has a level-1 heading too, so "a heading" was there before the page had loaded,
 * and the network went with the page's code still on its way (the page then never rendered offline).
 */
async function offlineAfterVisiting(page: Page, link: string, heading: string): Promise<void> {
	await page.getByRole('link', { name: link, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
	await page.getByRole('link', { name: 'Counter', exact: true }).click();
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await page.context().setOffline(true);
	await expect(page.getByTestId('network-state')).toContainText('Offline');
}

test('Campaigns opened offline says it could not read them, not "No campaigns yet", and lists them when the network returns', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await offlineAfterVisiting(page, 'Manage', 'Campaigns');
	await page.getByRole('link', { name: 'Manage', exact: true }).click();

	// The page and its list are both headed "Campaigns": the list is the second.
	const list = page.getByRole('region', { name: 'Campaigns', exact: true }).last();
	await expect(page.getByText('Could not reach the server. Check the connection and try again.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
	await expect(list).not.toContainText('No campaigns yet.');
	await screenshot(page, 'qa-owner-campaigns-offline');

	await page.context().setOffline(false);
	await expect(list).toContainText('¥10 off orders of ¥50 or more');
	await expect(page.getByRole('button', { name: 'Try again' })).toBeHidden();
	await expect(page.getByText('Could not reach the server.')).toBeHidden();
	await expect(page.getByRole('region', { name: 'Give a coupon' }).getByLabel('Campaign', { exact: true })).toHaveValue(/.+/);
});

test('the Day report opened offline reads its figures and past Z reports again when the network returns, without a tap', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const closed = await fetch(`${server.url}/api/reports/z`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: '{}'
	});
	expect(closed.status).toBe(201);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('button', { name: '简体中文' }).click();
	await page.getByRole('link', { name: '日报', exact: true }).click();
	await expect(page.getByTestId('report-count')).toBeVisible();
	await page.getByRole('link', { name: '收银台', exact: true }).click();
	await page.context().setOffline(true);
	await page.getByRole('link', { name: '日报', exact: true }).click();
	await expect(page.getByRole('button', { name: '重试' })).toBeVisible();
	await expect(page.getByTestId('report-count')).toBeHidden();
	// Not read is not none: the shop closed a day this morning.
	await expect(page.getByText('还没有日结记录。')).toBeHidden();
	await screenshot(page, 'qa-owner-report-offline-zh');

	await page.context().setOffline(false);
	await expect(page.getByTestId('report-count')).toHaveText('0');
	await expect(page.getByTestId('z-list')).toContainText('Z 报表 第 1 号');
	await expect(page.getByRole('button', { name: '重试' })).toBeHidden();
});
