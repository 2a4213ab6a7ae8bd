/**
 * The day report left open past the shop's midnight moves to the new day, as the "Today" list does; a day the
 * manager picked stays. The tablet's clock is set a day back (page.clock) to stand for "opened yesterday".
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCounterSignedIn, screenshot } from './support/pages';

const ZONE = 'Asia/Shanghai';
test.use({ viewport: { width: 768, height: 1024 }, serverEnv: { TIME_ZONE: ZONE } });

const DAY_MS = 24 * 60 * 60_000;
const shopDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

test("today's report left open past midnight shows the new day; a day picked by hand stays", async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 800)).status).toBe(201);

	const now = Date.now();
	await page.clock.install({ time: now - DAY_MS });
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	const day = page.getByLabel('Day', { exact: true });
	await expect(day).toHaveValue(shopDate(now - DAY_MS));
	await expect(page.getByTestId('report-count')).toHaveText('0');

	// The night passes with the report on screen.
	await page.clock.fastForward(DAY_MS);
	await expect(day).toHaveValue(shopDate(now));
	await expect(page.getByTestId('report-count')).toHaveText('1');
	await expect(day).toHaveAttribute('max', shopDate(now));
	for (const size of [{ width: 360, height: 740 }, { width: 390, height: 844 }, { width: 768, height: 1024 }]) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-owner-report-after-midnight-${size.width}`);
	}

	// A day the manager chose is not today's: it stays when the next day comes.
	await day.fill(shopDate(now - 2 * DAY_MS));
	await expect(page.getByTestId('report-count')).toHaveText('0');
	await page.clock.fastForward(DAY_MS);
	await expect(day).toHaveAttribute('max', shopDate(now + DAY_MS));
	await expect(day).toHaveValue(shopDate(now - 2 * DAY_MS));
});
