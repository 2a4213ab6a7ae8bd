/**
 * A cashier on a phone in an outage takes a sale: it is queued, and the queued screen says so. The whole offline
 * banner (the outage explained, the queue, the last contact with the server and the storage warning) stood some
 * 190 px tall above it at 360x640: the sale's amount was at the screen's edge and its "Next customer" below it, so
 * each sale taken offline meant scrolling to see it and to go on. While an outcome is on a phone's screen the banner
 * keeps to "Offline" and the queue, and the queued screen is tighter: its heading, amount and button are all on screen.
 * Over the next sale's keypad the banner says all it says again (on a 640 px tall phone, under Details).
 */
import { expect, test } from './fixtures';
import { CONTEXT_DEFAULTS } from './support/browser';
import { queueSaleInOutage } from './support/outage';
import { openCounterSignedIn, screenshot } from './support/pages';

const PHONES = [
	{ width: 360, height: 640 },
	{ width: 390, height: 844 }
];

// One outage, its queued sale seen at each phone size on the same page (the banner's short form is the style's,
// laid out again at each size), and the next sale's banner at each size too.
test(`on a ${PHONES.map((v) => `${v.width}x${v.height}`).join(' and a ')} phone in an outage, a queued sale's amount and Next customer are on screen under a short offline banner`, async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: PHONES[0], baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	// A sale paid online earlier in the day (the banner says when the server last answered), then one queued.
	await queueSaleInOutage(page, ctx, server.url);
	const queued = page.getByTestId('charge-queued');
	const banner = page.getByTestId('offline-banner');
	await expect(banner).toContainText('1 payment is queued');
	for (const viewport of PHONES) {
		const at = `${viewport.width}x${viewport.height}`;
		await page.setViewportSize(viewport);
		await page.evaluate(() => window.scrollTo(0, 0));
		await screenshot(page, `qa-outage-phone-result-${viewport.width}`);

		// The banner still says the tablet is offline and what is queued; the rest is the queued screen's to say.
		await expect(banner, at).toBeInViewport({ ratio: 1 });
		await expect(banner.getByText('Offline', { exact: true }), at).toBeVisible();
		await expect(banner.getByText('not paid until then'), at).toBeHidden();
		await expect(banner.getByText('Install the app'), at).toBeHidden();
		await expect(queued.getByRole('heading', { name: 'Queued — not yet paid' }), at).toBeInViewport({ ratio: 1 });
		await expect(queued.getByText('¥8.00', { exact: true }), at).toBeInViewport({ ratio: 1 });
		await expect(queued.getByText('The sale is taken: don’t charge it again.'), at).toBeInViewport({ ratio: 1 });
		await expect(queued.getByRole('button', { name: 'Next customer' }), at).toBeInViewport({ ratio: 1 });
		const docHeight = await page.evaluate(() => document.documentElement.scrollHeight);
		expect(docHeight, `the queued screen scrolls no more (${at})`).toBeLessThanOrEqual(viewport.height);
	}

	// The next sale: the whole banner is back over the keypad; on a 640 px tall phone, behind Details (the keypad
	// needs the room: qa-cashier-outage-short-phone-keypad).
	await queued.getByRole('button', { name: 'Next customer' }).click();
	await expect(page.getByTestId('amount-display')).toBeVisible();
	for (const viewport of [...PHONES].reverse()) {
		const at = `${viewport.width}x${viewport.height}`;
		await page.setViewportSize(viewport);
		if (viewport.height <= 700) await banner.getByRole('button', { name: 'Details', expanded: false }).click();
		await expect(banner.getByText('not paid until then'), at).toBeVisible();
		await expect(banner.getByText('Last contact with the server'), at).toBeVisible();
		await expect(banner.getByText('Install the app'), at).toBeVisible();
	}
	await ctx.close();
});
