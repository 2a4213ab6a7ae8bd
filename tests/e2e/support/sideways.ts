/** Whether a screen fits the width it is given (large text, page zoom): nothing past its edges, no sideways scroll. */
import { expect, type Page } from '@playwright/test';

/** What sticks out past the right edge of the screen (the page scrolls sideways for it), and the page's width. */
async function sideways(page: Page): Promise<{ scrollWidth: number; width: number; over: string[] }> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const over = [...document.querySelectorAll('body *')]
			.filter((e) => {
				const r = e.getBoundingClientRect();
				return r.width > 0 && (r.right > width + 1 || r.left < -1) && !e.closest('.visually-hidden');
			})
			.map((e) => `${e.tagName}.${[...e.classList].join('.')} "${(e.textContent ?? '').trim().slice(0, 20)}"`);
		return { scrollWidth: document.documentElement.scrollWidth, width, over };
	});
}

/** Nothing on `screen` (named in the failure) is past the screen's edge, and the page is no wider than the screen. */
export async function expectNothingSideways(page: Page, screen: string): Promise<void> {
	const s = await sideways(page);
	expect(s.over, `${screen}: past the screen's edge`).toEqual([]);
	expect(s.scrollWidth, `${screen}: the page's width`).toBeLessThanOrEqual(s.width);
}
