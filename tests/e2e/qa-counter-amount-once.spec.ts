/**
 * The counter's amount box showed the amount twice, big and small ("¥68.50 / ¥68.50"). The small line is the keyed
 * digits as money: it says something while they read otherwise ("12.5" is ¥12.50, a quick "20" is ¥20.00, "1000000"
 * is ¥1,000,000.00), and nothing once they read the same. It is shown only then, beside the label, so the keys below
 * keep their size as it comes and goes.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

const WORDS = {
	en: { keypad: 'Amount keypad', point: 'Decimal point', clear: 'Clear' },
	zh: { keypad: '金额键盘', point: '小数点', clear: '清除' }
};

const SIZES = [TABLET, { width: 820, height: 1180 }, PHONE];

// The keying is the same at every size: done once per language, each state checked at every size on the same page.
for (const lang of ['en', 'zh'] as const) {
	test(`the amount is shown once when the keyed digits read as the money (${lang}, ${SIZES.map((s) => s.width).join(', ')}px)`, async ({ page, server }) => {
		await page.setViewportSize(SIZES[0]);
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') await page.getByRole('button', { name: /中文/ }).click();
		const pad = page.getByRole('group', { name: WORDS[lang].keypad });
		const press = async (keys: string) => {
			for (const ch of keys) await pad.getByRole('button', { name: ch === '.' ? WORDS[lang].point : ch, exact: true }).click();
		};
		const shown = page.getByTestId('amount-display');
		const money = page.getByTestId('amount-formatted');
		const keyHeight = async (p: Page) => (await p.getByRole('group', { name: WORDS[lang].keypad }).getByRole('button', { name: '7', exact: true }).boundingBox())!.height;

		await press('68.5');
		await expect(shown).toHaveText('¥68.5');
		await expect(money).toHaveText('¥68.50');
		const withMoney: number[] = [];
		for (const size of SIZES) {
			await page.setViewportSize(size);
			withMoney.push(await keyHeight(page));
		}
		await press('0');
		await expect(shown).toHaveText('¥68.50');
		await expect(money).toHaveCount(0);
		for (const [i, size] of SIZES.entries()) {
			await page.setViewportSize(size);
			await screenshot(page, `qa-counter-amount-once-${lang}-${size.width}`);
			expect(await keyHeight(page), `the keys keep their size as the money line goes (${size.width}px)`).toBe(withMoney[i]);
		}

		for (const size of SIZES) {
			await page.setViewportSize(size);
			await pad.getByRole('button', { name: WORDS[lang].clear, exact: true }).click();
			await page.getByRole('button', { name: '¥20', exact: true }).click();
			await expect(money, `${size.width}px`).toHaveText('¥20.00');
		}

		// The largest amount still fits its box, beside the label and its money.
		await pad.getByRole('button', { name: WORDS[lang].clear, exact: true }).click();
		await press('1000000.00');
		await expect(shown).toHaveText('¥1000000.00');
		await expect(money).toHaveText('¥1,000,000.00');
		for (const size of SIZES) {
			await page.setViewportSize(size);
			await screenshot(page, `qa-counter-amount-max-${lang}-${size.width}`);
			const box = (await page.locator('.display').boundingBox())!;
			for (const part of [shown, money]) {
				const b = (await part.boundingBox())!;
				expect(b.x, `${size.width}px`).toBeGreaterThanOrEqual(box.x);
				expect(b.x + b.width, `${size.width}px`).toBeLessThanOrEqual(box.x + box.width);
			}
		}
	});
}
