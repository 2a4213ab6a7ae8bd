/** Steps a user takes, shared by the specs, plus screenshots and the axe check. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

const AXE_SOURCE = readFileSync(join(import.meta.dirname, '../../../node_modules/axe-core/axe.min.js'), 'utf8');
const SHOTS = join(import.meta.dirname, '../../../test-results/screenshots');

export async function signInCustomer(page: Page, handle: string, pin: string): Promise<void> {
	await page.goto('/customer');
	await page.getByLabel('Your handle').fill(handle);
	await page.getByLabel('PIN').fill(pin);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('balance')).toContainText('¥');
}

export async function signInCashier(page: Page, merchant = 'demo-cafe', handle = 'cashier-1', pin = '1234'): Promise<void> {
	await page.goto('/cashier');
	await page.getByLabel('Shop').fill(merchant);
	await page.getByLabel('Cashier').fill(handle);
	await page.getByLabel('PIN').fill(pin);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
}

/** Presses keypad keys for an amount written like "80" or "12.5". */
export async function keyAmount(page: Page, amount: string): Promise<void> {
	const pad = page.getByRole('group', { name: 'Amount keypad' });
	for (const ch of amount) {
		await pad.getByRole('button', { name: ch === '.' ? 'Decimal point' : ch, exact: true }).click();
	}
}

/**
 * A sale keyed on the keypad and its code typed in the field, with the network gone (the context offline): queued on
 * the tablet, and the counter left for the next customer. Sent when the network comes back.
 */
export async function queueSaleOffline(page: Page, amount: string, code: string): Promise<void> {
	await keyAmount(page, amount);
	const field = page.getByLabel('Or type the code');
	await field.fill(code);
	await field.press('Enter');
	await expect(page.getByTestId('charge-queued')).toContainText('Queued — not yet paid');
	await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
}

/**
 * A sale keyed while the tablet is offline with `code`, which the server declines once the tablet is back online: the
 * counter's "Declined after sending" list, opened where a phone folds it to its heading, and its one entry.
 */
export async function saleDeclinedAfterSync(page: Page, amount: string, code: string, opts: { phone: boolean }) {
	await page.context().setOffline(true);
	await queueSaleOffline(page, amount, code);
	await page.context().setOffline(false);
	const list = page.getByTestId('declined-after-sync');
	await expect(list).toBeVisible();
	if (opts.phone) await list.getByRole('button', { name: 'Show', expanded: false }).click();
	const entry = list.getByTestId('declined-entry');
	await expect(entry).toHaveCount(1);
	return { list, entry };
}

/**
 * A handheld scanner reading a code: its digits and Enter, dispatched in the page in one burst as a scanner's keys
 * arrive, with no field focused (typed through the test driver on a busy machine, keys can come further apart than a
 * scanner's and are then taken for a person's).
 */
export async function scanWithHandheld(page: Page, code: string): Promise<void> {
	await page.evaluate((digits) => {
		(document.activeElement as HTMLElement | null)?.blur();
		for (const key of [...digits, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
	}, code);
}

/**
 * A handheld scanner typing at its own pace, 10 ms a key by default: each call sends the next keys of its run, stamped
 * `stepMs` after the last key sent, however long the test took in between. So one read can be split around something
 * awaited (the charge's answer landing between its ninth and tenth digit) and still reach the page as one scan, as it
 * would at the counter, whatever the test driver's own pace on a busy machine.
 */
export async function pacedScanner(page: Page, stepMs = 10): Promise<(keys: string[]) => Promise<void>> {
	let at = await page.evaluate(() => performance.now());
	return async (keys) => {
		at = await page.evaluate(
			({ keys, from, stepMs }) => {
				(document.activeElement as HTMLElement | null)?.blur();
				let t = from;
				for (const key of keys) {
					const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
					Object.defineProperty(e, 'timeStamp', { value: (t += stepMs) });
					window.dispatchEvent(e);
				}
				return t;
			},
			{ keys, from: at, stepMs }
		);
	};
}

/**
 * A handheld scanner reading a code while a text field has the focus: real key events through the browser's input
 * pipeline (so each digit reaches the field, and Enter would submit its form), stamped 5 ms apart as a scanner's
 * are, whatever the test driver's own pace on a busy machine.
 */
export async function scanIntoFocusedField(page: Page, code: string): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	const stepS = 0.005;
	let at = Date.now() / 1000;
	for (const key of [...code, 'Enter']) {
		const enter = key === 'Enter';
		const common = { key, code: enter ? 'Enter' : `Digit${key}`, windowsVirtualKeyCode: enter ? 13 : key.charCodeAt(0) };
		await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: enter ? '\r' : key, timestamp: (at += stepS), ...common });
		await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: at + stepS / 2, ...common });
	}
	await cdp.detach();
}

/** Holds back every request to `url` until the returned function is called (an answer still on its way). */
export async function holdRequests(page: Page, url: Parameters<Page['route']>[0]): Promise<() => void> {
	let release: () => void = () => undefined;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route(url, async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

/**
 * Holds back the app's script chunks whose code contains `marker` (a test id or a name only that code has) until
 * `release` is called: code split off the first load, still on its way. `held` counts the chunks held so far.
 */
export async function holdChunks(page: Page, marker: string): Promise<{ held: () => number; release: () => void }> {
	let release: () => void = () => undefined;
	const released = new Promise<void>((resolve) => (release = resolve));
	let held = 0;
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (body.includes(marker)) {
			held++;
			await released;
		}
		await route.fulfill({ response, body });
	});
	return { held: () => held, release };
}

/**
 * The first `times` GET requests to `url` fail: as if offline, or with the server's error answer when `serverError`.
 * Returns how many failures are still to come.
 */
export async function failFirstReads(page: Page, url: string, times: number, serverError = false): Promise<() => number> {
	let left = times;
	await page.route(url, async (route) => {
		if (route.request().method() !== 'GET' || left <= 0) return route.continue();
		left--;
		if (serverError) await route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } } });
		else await route.abort('internetdisconnected');
	});
	return () => left;
}

/**
 * The first POST to `url` (the first `times`) reaches the server, which carries it out, and its answer never reaches
 * the page (the connection dropped on the way back). Returns how many POSTs were sent so far.
 */
export async function loseFirstAnswer(page: Page, url: string, times = 1): Promise<() => number> {
	let sent = 0;
	await page.route(url, async (route) => {
		if (route.request().method() !== 'POST') return route.fallback();
		sent += 1;
		if (sent > times) return route.continue();
		await route.fetch();
		await route.abort('connectionreset');
	});
	return () => sent;
}

/** The language button of the customer's and the claim screens (English ⇄ 简体中文). */
export const switchLanguage = (page: Page) => page.locator('button.lang').click();

/** The Chinese words are fetched at the first switch: fetched before the network goes, so the screen can switch offline. */
export async function preloadChinese(page: Page): Promise<void> {
	await switchLanguage(page);
	await expect(page.locator('button.lang .long')).toHaveText('English');
	await switchLanguage(page);
	await expect(page.locator('button.lang .long')).toHaveText('简体中文');
}

/**
 * Saves what the screen looks like, to be looked at when the screen is worked on (test-results/screenshots). The
 * full run (`npm test`, scripts/test.sh) sets SCREENSHOTS=0: its ~530 pictures were written for no one to look at and
 * cost about a minute of the run (~0.25 s each on two cores); `SCREENSHOTS=1 npm test` takes them all.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
	if (process.env.SCREENSHOTS === '0') return;
	const { width } = page.viewportSize() ?? { width: 0 };
	await page.screenshot({ path: join(SHOTS, `${name}-${width <= 500 ? 'phone' : 'tablet'}.png`), fullPage: true });
}

/**
 * Runs axe-core in the page and fails on serious or critical violations, listing them.
 * The server's Content-Security-Policy blocks inline <script> tags (page.addScriptTag), and we
 * keep that policy on in tests so a CSP break in the app shows up; so axe's source is evaluated
 * through the DevTools protocol, which the policy does not govern.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
	// The screen at rest: the counter's keys dim for a moment after something moved them (src/lib/ui/settle.ts), which
	// is not the contrast they are read at. A full-page screenshot just taken moved them too (it resizes the page), and
	// that move is seen a frame later.
	await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
	await expect(page.locator('[data-settling]')).toHaveCount(0);
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
		const result = await axe.run(document, { resultTypes: ['violations'] });
		return result.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
	});
	expect(violations, `axe on ${screen}`).toEqual([]);
}

/**
 * Puts a session in the origin's localStorage, where the app keeps it, from a page of the origin that runs no app:
 * the health check's JSON. Opening the landing page for it cost every test a second start of the app.
 */
async function rememberSession(page: Page, key: string, value: object): Promise<void> {
	await page.goto('/api/health');
	await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(value)] as const);
}

/**
 * Opens the counter already signed in, the way a tablet that signed in yesterday does: the
 * session is in localStorage and the app checks it with GET /api/me. Quicker than the form, which
 * has its own test.
 */
export async function openCounterSignedIn(page: Page, baseUrl: string, merchant = 'demo-cafe', handle = 'cashier-1', pin = '1234'): Promise<string> {
	const res = await fetch(`${baseUrl}/api/sessions`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ role: 'cashier', merchant, handle, pin })
	});
	const { token, ...session } = (await res.json()) as { token: string };
	await rememberSession(page, 'pos.session.cashier', { token, session });
	await page.goto('/cashier');
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	return token;
}

/** The same for a customer's phone. */
export async function openCustomerSignedIn(page: Page, baseUrl: string, handle: string, pin: string): Promise<string> {
	const res = await fetch(`${baseUrl}/api/sessions`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ role: 'customer', handle, pin })
	});
	const { token, ...session } = (await res.json()) as { token: string };
	await rememberSession(page, 'pos.session.customer', { token, session });
	await page.goto('/customer');
	await expect(page.getByTestId('balance')).toContainText('¥');
	return token;
}

/**
 * When the phone last compared what it read of the wallet's refunds and charges with what it had seen (its
 * pos.customer-refunds-seen entry), null before its first sight of this customer.
 */
export const newsComparedAt = (page: Page): Promise<string | null> =>
	page.evaluate(() => {
		const key = Object.keys(localStorage).find((k) => k.startsWith('pos.customer-refunds-seen.'));
		return key ? ((JSON.parse(localStorage.getItem(key) ?? '{}') as { savedAt?: string }).savedAt ?? null) : null;
	});

/**
 * The phone has read the wallet's history once (in the background, after the balance is on screen): what it will
 * compare later reads with. A sale or refund made before that is in its first sight, which tells nothing: a test that
 * expects a notice of one waits for this first.
 */
export async function firstSightTaken(page: Page): Promise<void> {
	await expect.poll(() => newsComparedAt(page)).not.toBeNull();
}

/**
 * Resolves when the page's live event stream has opened (the server's answer to /api/events began), so that what the
 * shop does next reaches the screen as an event: one sent before it opened is not replayed. Armed before the page
 * opens: `const live = liveStreamOpens(page); await openCustomerSignedIn(…); await live;`.
 */
export const liveStreamOpens = (page: Page): Promise<unknown> => page.waitForResponse((res) => res.url().includes('/api/events?ticket=') && res.status() === 200);

/** Screenshots a screen at phone and tablet size and checks it with axe at both. */
export async function captureBoth(page: Page, name: string): Promise<void> {
	const original = page.viewportSize();
	for (const size of [
		{ width: 390, height: 844 },
		{ width: 1024, height: 768 }
	]) {
		await page.setViewportSize(size);
		await screenshot(page, name);
		await expectAccessible(page, `${name} at ${size.width}px`);
	}
	if (original) await page.setViewportSize(original);
}

/** Waits until the page is controlled by the service worker (after its first install). */
export async function controlledByWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/**
 * Counts the shakes of the counter's amount (the animations started on its box: a 300 ms shake can be over before a
 * busy test looks); the returned function reads the count so far.
 */
export async function countShakes(page: Page): Promise<() => Promise<number>> {
	await page.getByTestId('amount-display').evaluate((el) => {
		const box = el.parentElement!;
		const animate = box.animate.bind(box);
		(window as unknown as { shakes: number }).shakes = 0;
		box.animate = (...args: Parameters<Element['animate']>) => {
			(window as unknown as { shakes: number }).shakes++;
			return animate(...args);
		};
	});
	return () => page.evaluate(() => (window as unknown as { shakes: number }).shakes);
}

/**
 * Where an element's top is on the page, not in the window (which scrolls to what is clicked): what a test compares to
 * say that content did not move under the user's finger as a read came.
 */
export const pageTop = (element: Locator): Promise<number> => element.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
