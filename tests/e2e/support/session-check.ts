/** The kept sign-in and its check at start (GET /api/me), as the open-hanging and sign-in-ended tests set them up. */
import type { BrowserContext, Page, Route } from '@playwright/test';

const isSessionCheck = (url: URL) => url.pathname === '/api/me';

/**
 * GET /api/me hangs, on the browser context (the service worker's requests too), until released: a network that takes
 * the request and does not answer yet.
 */
export async function holdSessionCheck(ctx: BrowserContext) {
	const held: Route[] = [];
	const handler = (route: Route) => void held.push(route);
	await ctx.route(isSessionCheck, handler);
	return {
		held,
		release: async () => {
			await ctx.unroute(isSessionCheck, handler);
			for (const route of held.splice(0)) await route.continue().catch(() => undefined);
		}
	};
}

/** The sign-in of `role` kept on the device, changed as `change` says (what it kept before a change on the server). */
export async function changeKeptSession(page: Page, role: 'cashier' | 'customer', change: Record<string, unknown>): Promise<void> {
	await page.evaluate(
		([key, c]) => {
			const kept = JSON.parse(localStorage.getItem(key)!) as { session: Record<string, unknown> };
			Object.assign(kept.session, c);
			localStorage.setItem(key, JSON.stringify(kept));
		},
		[`pos.session.${role}`, change] as const
	);
}
