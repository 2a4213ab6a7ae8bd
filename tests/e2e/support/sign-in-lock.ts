/** What the sign-in says when wrong PINs paused it: until when, by the server's Retry-After. */
import { expect, type Page } from '@playwright/test';
import { CONTEXT_DEFAULTS } from './browser';

/**
 * Does `signIn` (a tap that the server answers `status`: 429, or 401 for the last wrong PIN before the pause) and gives the clock times the sign-in may name as the pause's end:
 * the answer's time plus its Retry-After, up to the minute, as the phone writes a time (hours and minutes, in the browser's zone), for
 * the moments before and after the answer, so a minute turning between them cannot fail the test.
 */
export async function pausedUntil(page: Page, signIn: () => Promise<void>, status = 429): Promise<string[]> {
	const before = Date.now();
	const [answer] = await Promise.all([page.waitForResponse((res) => res.url().endsWith('/api/sessions') && res.request().method() === 'POST'), signIn()]);
	const after = Date.now();
	expect(answer.status()).toBe(status);
	const seconds = Number(answer.headers()['retry-after']);
	expect(seconds).toBeGreaterThan(0);
	const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: CONTEXT_DEFAULTS.timezoneId });
	// Rounded up to the minute, as the sign-in says it (a pause is never said to end before it does).
	const minuteUp = (ms: number) => Math.ceil(ms / 60_000) * 60_000;
	return [...new Set([time.format(minuteUp(before + seconds * 1000)), time.format(minuteUp(after + seconds * 1000))])];
}
