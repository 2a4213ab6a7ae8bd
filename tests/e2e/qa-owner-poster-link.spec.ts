/**
 * A campaign's poster shows the same claim link however often it is opened: a reload, a second visit or another
 * tablet does not make a new link, so the posters already on the window and the one on screen are the same.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 768, height: 1024 } });

test('the poster shows the same claim link after a reload, a second visit and on another tablet', async ({ page, server, browser }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const made = await fetch(`${server.url}/api/campaigns`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ title: 'Window poster', rule: { kind: 'fixed', off: 300 }, validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString() })
	});
	const id = ((await made.json()) as { campaign: { id: string } }).campaign.id;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	const linkCreations: string[] = [];
	page.on('request', (r) => {
		if (r.method() === 'POST' && r.url().endsWith(`/api/campaigns/${id}/claim-links`)) linkCreations.push(r.url());
	});
	await page.goto(`/cashier/manage/${id}/poster`);
	const poster = page.getByTestId('poster');
	await expect(poster).toHaveAttribute('data-claim-url', /\/claim\/[A-Za-z0-9_-]+$/);
	const first = await poster.getAttribute('data-claim-url');

	await page.reload();
	await expect(poster).toHaveAttribute('data-claim-url', first!);
	await page.goto('/cashier/manage');
	await page.goto(`/cashier/manage/${id}/poster`);
	await expect(poster).toHaveAttribute('data-claim-url', first!);
	// Only the first visit, to a campaign without a link, made one.
	expect(linkCreations).toHaveLength(1);

	for (const size of [{ width: 360, height: 740 }, { width: 390, height: 844 }, { width: 768, height: 1024 }]) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-owner-poster-same-link-${size.width}`);
	}

	// Back goes where the poster was opened from: the campaign's page, or the list.
	await page.setViewportSize(TABLET);
	await page.goto(`/cashier/manage/${id}`);
	await page.getByRole('link', { name: 'Claim link / poster' }).click();
	await expect(poster).toHaveAttribute('data-claim-url', first!);
	await page.getByRole('link', { name: 'Back to the campaign' }).click();
	await expect(page).toHaveURL(new RegExp(`/cashier/manage/${id}$`));
	await page.goto('/cashier/manage');
	await page.locator(`a[href="/cashier/manage/${id}/poster"]`).click();
	await expect(poster).toHaveAttribute('data-claim-url', first!);
	await page.getByRole('link', { name: 'Back to campaigns' }).click();
	await expect(page).toHaveURL(/\/cashier\/manage$/);

	// The owner's other tablet shows the same poster.
	const other = await browser.newContext({ ...CONTEXT_DEFAULTS, viewport: TABLET, baseURL: server.url });
	const otherPage = await other.newPage();
	await openCounterSignedIn(otherPage, server.url, 'demo-cafe', 'owner', '9999');
	await otherPage.goto(`/cashier/manage/${id}/poster`);
	await expect(otherPage.getByTestId('poster')).toHaveAttribute('data-claim-url', first!);
	await other.close();
});

test('two tablets opening a new campaign’s poster at the same moment show the same link', async ({ page, server, browser }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const made = await fetch(`${server.url}/api/campaigns`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ title: 'Two tablets', rule: { kind: 'fixed', off: 100 }, validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString() })
	});
	const id = ((await made.json()) as { campaign: { id: string } }).campaign.id;
	const other = await browser.newContext({ ...CONTEXT_DEFAULTS, viewport: TABLET, baseURL: server.url });
	const otherPage = await other.newPage();
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await openCounterSignedIn(otherPage, server.url, 'demo-cafe', 'owner', '9999');
	// Both find no link, then both ask for the first one: held at the door until both have asked.
	let arrived = 0;
	let bothAsked: () => void = () => undefined;
	const gate = new Promise<void>((resolve) => (bothAsked = resolve));
	const holdFirstLink = async (route: import('@playwright/test').Route) => {
		if (route.request().method() !== 'POST') return route.continue();
		if (++arrived === 2) bothAsked();
		await gate;
		await route.continue();
	};
	await page.route(`**/api/campaigns/${id}/claim-links`, holdFirstLink);
	await otherPage.route(`**/api/campaigns/${id}/claim-links`, holdFirstLink);
	await Promise.all([page.goto(`/cashier/manage/${id}/poster`), otherPage.goto(`/cashier/manage/${id}/poster`)]);
	const poster = page.getByTestId('poster');
	await expect(poster).toHaveAttribute('data-claim-url', /\/claim\/[A-Za-z0-9_-]+$/);
	const shown = await poster.getAttribute('data-claim-url');
	await expect(otherPage.getByTestId('poster')).toHaveAttribute('data-claim-url', shown!);
	// Both asked; one of them may have asked again, answered IN_PROGRESS while the other's request was running.
	expect(arrived).toBeGreaterThanOrEqual(2);
	await other.close();
});
