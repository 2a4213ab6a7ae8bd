/** How the tests launch Chromium (team brief: Debian's Chromium when present, quiet on a closed network). */
import { existsSync } from 'node:fs';

/** The full browser, as a shop's tablet runs it: what the benchmarks time (the camera's QR to the result, the heap). */
export const FULL_CHROMIUM_PATH = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

/**
 * What the tests run: Debian's Chromium headless shell, the same engine without the desktop browser around it, which
 * is what Playwright itself runs headless with its own download. The full browser in headless mode made the browser
 * tests take about twice as long on a 2-core VM (31 spec files, 91 tests: 8.5 min against 4.6 min; session 23),
 * spent in Chromium's own work for each fresh page. The full browser is still used where the shell is missing.
 */
export const CHROMIUM_PATH = existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : FULL_CHROMIUM_PATH;

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

/** Chromium flags for a fake camera that plays `y4mFile` (STACK.md), permission granted without a prompt. */
export function fakeCameraArgs(y4mFile: string): string[] {
	return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4mFile}`];
}

export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 1024, height: 768 };

/** What playwright.config.ts `use` gives the `page` fixture, for contexts a test makes itself. */
export const CONTEXT_DEFAULTS = { locale: 'en-GB', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' } as const;
