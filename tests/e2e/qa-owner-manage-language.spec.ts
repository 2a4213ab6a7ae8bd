/**
 * The manager's screens fetch their words (a chunk of their own) before they render. Their layouts fetched those of
 * the remembered language, not of the one on screen: a tablet showing English while another tab had chosen Chinese
 * (the choice is remembered for every tab) opened Campaigns in Chinese until its English words came, and the other
 * way round.
 */
import { expect, test } from './fixtures';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 768, height: 1024 } });

const CASES = [
	{ onScreen: 'English', other: 'zh', campaigns: 'Manage', heading: 'Campaigns', title: 'Title customers see', otherTitle: '顾客看到的名称' },
	{ onScreen: 'Chinese', other: 'en', campaigns: '管理', heading: '优惠活动', title: '顾客看到的名称', otherTitle: 'Title customers see' }
] as const;

for (const c of CASES) {
	test(`a tab in ${c.onScreen} opens Campaigns in ${c.onScreen}, though another tab has chosen the other language meanwhile`, async ({ page, server }) => {
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		if (c.onScreen === 'Chinese') await page.getByRole('button', { name: '简体中文' }).click();
		await expect(page.getByRole('link', { name: c.campaigns, exact: true })).toBeVisible();
		// Another tab of this browser chose the other language: remembered for every tab, while this one shows its own.
		await page.evaluate((lang) => localStorage.setItem('pos.lang', lang), c.other);

		// Every manager's word of the other language that ever reaches the screen is noted.
		await page.evaluate((otherTitle) => {
			const w = window as unknown as { sawOther: boolean };
			w.sawOther = false;
			new MutationObserver(() => {
				if (document.body.textContent?.includes(otherTitle)) w.sawOther = true;
			}).observe(document.body, { subtree: true, childList: true, characterData: true });
		}, c.otherTitle);
		// The manager's words in the language on screen are held back, as on a slow network, until they are asked for.
		let asked = () => {};
		const wasAsked = new Promise<void>((resolve) => (asked = resolve));
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			const response = await route.fetch();
			const body = await response.text();
			if (body.includes(c.title)) {
				asked();
				await held;
			}
			await route.fulfill({ response, body });
		});

		await page.getByRole('link', { name: c.campaigns, exact: true }).click();
		// Whoever asks for them (the layout before the screen shows, or the screen already showing the other
		// language's words), the screen has had its chance to show the other language by now.
		await wasAsked;
		release();
		await expect(page.getByLabel(c.title)).toBeVisible();
		await expect(page.getByRole('heading', { name: c.heading, level: 1 })).toBeVisible();
		expect(await page.evaluate(() => (window as unknown as { sawOther: boolean }).sawOther)).toBe(false);
		await screenshot(page, `qa-owner-manage-language-${c.onScreen === 'English' ? 'en' : 'zh'}-768`);
	});
}
