/**
 * The X and Z reports' header on a 360 px phone: Chinese breaks a line between any two characters, so the Z report's
 * "2026年12月15日 21:44 由 owner 日结" left "结" alone on the next line, "日结" (closing the day) cut in two. The
 * header's lines now break only between words (at the spaces the words are written with), in English and Chinese,
 * and who closed it stays with the close: "由 owner 日结" on one line, never "日结" alone under "… 21:44 由 owner".
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { renderedLines, wordsBroken } from './support/lines';
import { openCounterSignedIn, screenshot } from './support/pages';

const PHONE_360 = { width: 360, height: 640 };

test.use({ viewport: TABLET });

test("the Z and X reports' header breaks no word at 360 px, in English and Chinese", async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const res = await fetch(`${server.url}/api/reports/z`, { method: 'POST', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
	expect(res.status).toBe(201);
	// A day and month of two digits each, as on most days of the year: the close made today may be a day with one
	// ("12月5日"), whose line was a character shorter and just fitted.
	await page.route(/\/api\/reports\/z\/1(\?|$)/, async (route) => {
		const answer = await route.fetch();
		const { report } = await answer.json();
		await route.fulfill({ response: answer, json: { report: { ...report, openedAt: '2026-11-28T09:05:00Z', closedAt: '2026-12-15T21:44:00Z' } } });
	});
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	for (const lang of ['en', 'zh'] as const) {
		if (lang === 'zh') await page.getByRole('button', { name: /简体中文/ }).click();
		for (const kind of ['z', 'x'] as const) {
			await page.goto(kind === 'z' ? '/cashier/report/z/1' : '/cashier/report/x');
			const sheet = page.getByRole('article');
			await expect(sheet.locator('[data-fig=settlement]')).toBeVisible();
			if (kind === 'z') await expect(sheet).toContainText(lang === 'zh' ? '2026年12月15日 21:44 由 owner 日结' : 'Closed 15 Dec 2026, 21:44 by owner');
			for (const size of [PHONE_360, TABLET]) {
				await page.setViewportSize(size);
				// The header: the shop, the report's name, since when and what closed or took it.
				const header = sheet.locator(':scope > :not(dl)');
				for (let i = 0; i < (await header.count()); i++) {
					expect(await wordsBroken(header.nth(i)), `${kind} report, ${lang}, ${size.width}px: ${await header.nth(i).textContent()}`).toEqual([]);
				}
				// Who closed it and the close stay together: not "… 21:44 由 owner" above "日结" alone on its line.
				if (kind === 'z') {
					const made = sheet.getByText(lang === 'zh' ? /由 owner 日结$/ : /by owner$/);
					const last = (await renderedLines(made)).at(-1)!;
					expect(last, `${lang}, ${size.width}px: ${(await renderedLines(made)).join(' / ')}`).toContain(lang === 'zh' ? '由 owner 日结' : 'by owner');
				}
				await screenshot(page, `qa-owner-report-header-${kind}-${lang}-${size.width}`);
			}
		}
	}
});
