/**
 * A campaign made for the weekend, days ahead: the list tagged it "Not started" and said only "Until 6 Dec, 21:00",
 * so the owner could not see there when it starts (the poster says it). Not started, it gives both ends, as its
 * poster does; one running still says only until when.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: PHONE });

test('the campaign list says when a campaign not started yet starts, not only when it ends', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const DAY_MS = 86_400_000;
	// The shop's clock is UTC here: from 09:00 two days on to 21:00 the day after.
	const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
	const from = `${day(Date.now() + 2 * DAY_MS)}T09:00:00.000Z`;
	const until = `${day(Date.now() + 3 * DAY_MS)}T21:00:00.000Z`;
	for (const [title, body] of [
		['Weekend 20% off', { validFrom: from, validUntil: until, rule: { kind: 'percent', percent: 20, cap: 1550 } }],
		['Now on', { validUntil: until, rule: { kind: 'fixed', off: 200 } }]
	] as const) {
		const res = await fetch(`${server.url}/api/campaigns`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
			body: JSON.stringify({ title, ...body })
		});
		expect(res.status).toBe(201);
	}

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Manage' }).click();
	const item = (title: string) => page.getByRole('region', { name: 'Campaigns' }).getByRole('listitem').filter({ hasText: title });
	await expect(item('Weekend 20% off').locator('[data-status]')).toHaveText('Not started');
	await expect(item('Weekend 20% off')).toContainText(/Valid \d{1,2} \w{3} \d{4}, 09:00 – \d{1,2} \w{3} \d{4}, 21:00/);
	await expect(item('Weekend 20% off')).not.toContainText('Until');
	await expect(item('Now on')).toContainText(/Until \d{1,2} \w{3} \d{4}, 21:00/);
	await item('Weekend 20% off').scrollIntoViewIfNeeded();
	await screenshot(page, 'qa-owner-campaign-start-list');
});
