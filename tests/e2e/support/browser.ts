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

/**
 * Measured in session 50 and left out, as they saved nothing: --in-process-gpu (30 spec files, 82 tests, two workers:
 * 428 against 424 CPU-seconds), prefers-reduced-motion for every page (the code screen's pulsing dot), and, on 25
 * sign-in forms opened one after another, --renderer-process-limit=1, --disable-site-isolation-trials and
 * --js-flags=--no-opt (49–54 against 54–56 CPU-seconds; --in-process-gpu gave 49 there too and nothing over the 30
 * files, so these were not carried further); --single-process broke contexts.
 * What a test costs is mostly the browser opening a fresh context and the app in it: ~2.4 CPU-seconds for a test that
 * only opens the signed-in counter or phone (40 such tests, one worker), some 40% of the full run's CPU.
 */
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
