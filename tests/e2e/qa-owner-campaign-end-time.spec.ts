/**
 * What the customer reads on the poster about when the offer ends. A campaign ends at a minute, and the form's
 * default end was "now" thirty days on (15:28 on 1 Jan); the poster said "Valid until 1 Jan 2027", so a customer
 * coming that evening with the coupon was declined. The default end is now the end of that day (23:59, the shop's
 * clock), and an end at any other time is printed with its time, on the poster and in the campaign list.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET, serverEnv: { TIME_ZONE: 'Asia/Shanghai' }, timezoneId: 'Europe/London' });

/** The shop's calendar day `days` from now (Shanghai, UTC+8 all year). */
const shanghaiDay = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

test('a campaign ending mid-afternoon says its time on the poster and the list; the form ends a new one at the end of a day', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const endDay = shanghaiDay(10);
	const res = await fetch(`${server.url}/api/campaigns`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ title: 'Afternoon treat', rule: { kind: 'fixed', off: 300 }, validUntil: new Date(`${endDay}T15:30:00+08:00`).toISOString() })
	});
	expect(res.status).toBe(201);
	const { campaign } = (await res.json()) as { campaign: { id: string } };

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto(`/cashier/manage/${campaign.id}/poster`);
	await expect(page.getByTestId('poster')).toContainText(/Valid until \d{1,2} \w{3} \d{4}, 15:30/);
	await captureBoth(page, 'qa-owner-poster-end-time');
	await page.goto('/cashier/manage');
	const listed = page.getByRole('listitem').filter({ hasText: 'Afternoon treat' });
	await expect(listed).toContainText(/Until \d{1,2} \w{3} \d{4}, 15:30/);

	// A new campaign ends, by default, at the end of the day thirty days on, on the shop's clock.
	await expect(page.getByLabel('Valid until')).toHaveValue(`${shanghaiDay(30)}T23:59`);
	await page.getByLabel('Title customers see').fill('Month of coffee');
	await page.getByLabel('Amount off').fill('2');
	await page.getByRole('button', { name: 'Create campaign' }).click();
	// No budget, no stock, no minimum spend: asked first (qa-owner-campaign-no-limit.spec.ts).
	await page.getByRole('dialog').getByRole('button', { name: 'Create anyway' }).click();
	await expect(page.getByTestId('campaign-form-message')).toContainText('Campaign “Month of coffee” created.');
	const made = page.getByRole('listitem').filter({ hasText: 'Month of coffee' });
	// The end of a day is said as the day alone.
	await expect(made).toContainText(/Until \d{1,2} \w{3} \d{4}$|Until \d{1,2} \w{3} \d{4}\s/);
	await expect(made).not.toContainText('23:59');
	await made.getByRole('link', { name: 'Claim link / poster' }).click();
	await expect(page.getByTestId('poster')).toContainText(/Valid until \d{1,2} \w{3} \d{4}(?!,)/);
	await expect(page.getByTestId('poster')).not.toContainText('23:59');
	await expect(page.getByTestId('poster')).toContainText(`Valid until ${Number(shanghaiDay(30).slice(8))} `);
	await captureBoth(page, 'qa-owner-poster-whole-day');

	await page.getByRole('button', { name: /简体中文/ }).click();
	await page.goto(`/cashier/manage/${campaign.id}/poster`);
	await expect(page.getByTestId('poster')).toContainText(/有效期至 \d{4}年\d{1,2}月\d{1,2}日 15:30/);
	await captureBoth(page, 'qa-owner-poster-end-time-zh');
});

test("a campaign's own page gives its end as the list does: the whole last day, not the next day's 00:00", async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	// What the form makes of its default end ("… 23:59"): the next day's 00:00, on the shop's clock.
	const lastDay = shanghaiDay(30);
	const endsAt = new Date(Date.parse(`${lastDay}T00:00:00+08:00`) + 86_400_000).toISOString();
	const make = async (title: string, validUntil: string) => {
		const res = await fetch(`${server.url}/api/campaigns`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
			body: JSON.stringify({ title, rule: { kind: 'fixed', off: 200 }, validUntil })
		});
		expect(res.status).toBe(201);
		return ((await res.json()) as { campaign: { id: string } }).campaign.id;
	};
	const wholeDay = await make('Month of tea', endsAt);
	const afternoon = await make('Tea this afternoon', new Date(`${lastDay}T15:30:00+08:00`).toISOString());

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/manage');
	const listed = page.getByRole('listitem').filter({ hasText: 'Month of tea' });
	const until = /Until (\d{1,2} \w{3} \d{4})/.exec((await listed.textContent()) ?? '')?.[1];
	expect(until).toContain(String(Number(lastDay.slice(8))));

	await page.goto(`/cashier/manage/${wholeDay}`);
	const valid = page.getByTestId('campaign-limits').locator('[data-limit=valid]');
	await expect(valid).toHaveText(new RegExp(` – ${until}$`));
	await expect(valid).not.toContainText('00:00');
	await captureBoth(page, 'qa-owner-campaign-page-end');
	// An end at another minute keeps its time.
	await page.goto(`/cashier/manage/${afternoon}`);
	await expect(valid).toHaveText(new RegExp(` – ${until}, 15:30$`));

	await page.getByRole('button', { name: /简体中文/ }).click();
	await page.goto(`/cashier/manage/${wholeDay}`);
	const [y, m, d] = lastDay.split('-').map(Number);
	await expect(valid).toHaveText(new RegExp(` – ${y}年${m}月${d}日$`));
});
