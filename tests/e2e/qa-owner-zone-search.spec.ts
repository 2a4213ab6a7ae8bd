import { expect, test } from './fixtures';
import { captureBoth, openCounterSignedIn, switchLanguage } from './support/pages';
import { TABLET } from './support/browser';

/**
 * The shop's time zone is a native select of some 420 zones: on a tablet, a list to scroll through that cannot be typed
 * into, for a zone named after another city than the shop's (Beijing keeps Shanghai's time). A search beside it
 * narrows the list and chooses the first zone found; Save keeps it, as before.
 */
test.use({ viewport: TABLET });

test('a manager finds the shop’s time zone by typing a city, in English or Chinese, and saves it', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/shop');
	await expect(page.getByLabel('Time zone')).toBeVisible();
	// By its id: its label is the language's.
	const zone = page.locator('#shop-time-zone');
	const search = page.getByRole('searchbox', { name: 'Search by city or region' });
	await expect(zone).toHaveValue('UTC');

	await search.fill('new york');
	await expect(zone).toHaveValue('America/New_York');
	await expect(zone.locator('option')).toHaveText(['America/New_York']);
	await expect(page.getByTestId('zone-found')).toHaveText('1 time zone found');

	// Nothing found: the choice stays, and the manager is told why the list did not move.
	await search.fill('atlantis');
	await expect(page.getByTestId('zone-found')).toHaveText('No time zone matches “atlantis”. Try a larger city in the same zone (Beijing is Asia/Shanghai).');
	await expect(zone).toHaveValue('America/New_York');

	// A region lists its zones; the one chosen is kept while it is among them.
	await search.fill('europe');
	await expect(zone).toHaveValue('Europe/Amsterdam');
	expect(await zone.locator('option').count()).toBeGreaterThan(30);
	await zone.selectOption('Europe/Berlin');
	await search.fill('europe b');
	await expect(zone).toHaveValue('Europe/Berlin');

	// Enter in the search does not save the form.
	await search.fill('beijing');
	await search.press('Enter');
	await expect(zone).toHaveValue('Asia/Shanghai');
	await expect(page.getByTestId('shop-changes')).toHaveCount(0);
	await captureBoth(page, 'qa-owner-zone-search');

	await switchLanguage(page);
	const searchZh = page.getByRole('searchbox', { name: '按城市或地区查找' });
	await searchZh.fill('香港');
	await expect(zone).toHaveValue('Asia/Hong_Kong');
	await expect(page.getByTestId('zone-found')).toHaveText('找到 1 个时区');
	await captureBoth(page, 'qa-owner-zone-search-zh');
	await switchLanguage(page);

	// Cleared, every zone is listed again, the choice kept; Save keeps it as the shop's.
	await search.fill('');
	await expect(zone).toHaveValue('Asia/Hong_Kong');
	expect(await zone.locator('option').count()).toBeGreaterThan(300);
	await page.getByRole('button', { name: 'Save' }).click();
	const ends = page.getByRole('dialog', { name: 'Campaign ends on the new clock' });
	await ends.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('shop-changes')).toContainText('Time zone: UTC → Asia/Hong_Kong');
	await page.reload();
	await expect(zone).toHaveValue('Asia/Hong_Kong');
});
