/**
 * The X and Z report pages when their read fails: each says why in place of the sheet (a server error, not "Check
 * the connection"), with Try again, which reads the report again and shows it; no "Loading…" left beside it.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test('an X or a Z report that could not be read says so, and Try again shows it', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const res = await fetch(`${server.url}/api/reports/z`, { method: 'POST', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
	expect(res.status).toBe(201);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	for (const [path, answer, heading] of [
		['/cashier/report/x', /\/api\/reports\/x(\?|$)/, 'X report'],
		['/cashier/report/z/1', /\/api\/reports\/z\/1(\?|$)/, 'Z report No. 1']
	] as const) {
		await page.route(answer, (route) => route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: 'Internal error' } } }), { times: 1 });
		await page.goto(path);
		await expect(page.getByText('The server had a problem and could not answer.')).toBeVisible();
		await expect(page.getByText('Loading')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Print' })).toHaveCount(0);
		await page.getByRole('button', { name: 'Try again' }).click();
		await expect(page.getByRole('heading', { name: heading })).toBeVisible();
		await expect(page.getByText('The server had a problem and could not answer.')).toHaveCount(0);
	}
});
