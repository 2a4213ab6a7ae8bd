/** "End now" refused by the server says why in the manager's language, by the refusal's code, not in the server's English. */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { holdChunks, openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 768, height: 1024 } });

/** The API's own answers (README: 503 when the database is out of reach; 404 for a campaign not of this shop). */
const REFUSALS = [
	{ status: 503, code: 'UNAVAILABLE', message: 'The database is out of reach. Retry with the same key.', zh: '暂时无法结束活动，没有任何更改。请稍后再试。' },
	{ status: 404, code: 'NOT_FOUND', message: 'No such campaign.', zh: '这不是本店的活动。活动未结束。' }
];

test('in Chinese, a refused "End now" says why in Chinese; the campaign runs on, and the next try ends it', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const made = await fetch(`${server.url}/api/campaigns`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ title: 'Autumn offer', rule: { kind: 'fixed', off: 300 }, validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString() })
	});
	const id = ((await made.json()) as { campaign: { id: string } }).campaign.id;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto(`/cashier/manage/${id}`);
	await page.getByRole('button', { name: '简体中文' }).click();
	await page.getByRole('button', { name: '立即结束' }).click();
	const dialog = page.getByRole('dialog', { name: '立即结束这个活动？' });
	for (const refusal of REFUSALS) {
		await page.route(`**/api/campaigns/${id}/end`, (route) =>
			route.fulfill({ status: refusal.status, contentType: 'application/json', body: JSON.stringify({ error: { code: refusal.code, message: refusal.message } }) })
		);
		await dialog.getByRole('button', { name: '结束活动' }).click();
		await expect(dialog.getByText(refusal.zh)).toBeVisible();
		await expect(dialog).not.toContainText(refusal.message);
		await page.unroute(`**/api/campaigns/${id}/end`);
	}
	for (const size of [{ width: 360, height: 740 }, { width: 390, height: 844 }, { width: 768, height: 1024 }]) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-owner-end-refused-zh-${size.width}`);
	}
	const list = await fetch(`${server.url}/api/campaigns`, { headers: { Authorization: `Bearer ${owner.token}` } });
	const still = ((await list.json()) as { campaigns: { id: string; validUntil: string }[] }).campaigns.find((c) => c.id === id)!;
	expect(Date.parse(still.validUntil)).toBeGreaterThan(Date.now());

	await dialog.getByRole('button', { name: '结束活动' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByText('活动已结束。')).toBeVisible();
});

test("Chinese chosen while Campaigns is still fetching the manager's words shows the page in Chinese, not half in English", async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	// The manager's English words are a chunk of their own: held back, as on a slow network, until the switch is made.
	const { release } = await holdChunks(page, 'Title customers see');
	await page.getByRole('link', { name: 'Manage' }).click();
	await page.getByRole('button', { name: '简体中文' }).click();
	release();
	await expect(page.getByLabel('顾客看到的名称')).toBeVisible();
	await expect(page.getByText('Title customers see')).toHaveCount(0);
});
