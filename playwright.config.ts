import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/e2e/support/browser';

/**
 * End-to-end tests in a real Chromium against the real server (the API bundled as `npm start` runs it) on a fresh
 * SQLite file per test file (tests/e2e/support/server.ts). The front end is built once, in
 * global-setup.ts, when build/ is older than the sources.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	// Two cores, shared with the server each worker starts: two workers keep both busy.
	workers: 2,
	fullyParallel: false,
	forbidOnly: true,
	// One retry: a clean CI run (2026-11-30, d3adcf8) failed once in the camera test with the scanner open and no
	// code recognised in 20 s, no request sent, while two workers' browsers and servers shared two cores; it
	// passed alone three times in a row and in every other run. A test that fails twice still fails the run, and
	// the list reporter prints "flaky" for one that passed on its retry. (That camera failure was found later not to be
	// load: about 1 payment code in 40 was never found by html5-qrcode's decoder as filmed; src/lib/scan/decode-in-turns.ts.)
	retries: 1,
	timeout: 90_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
	outputDir: 'test-results/artifacts',
	use: {
		browserName: 'chromium',
		launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
		locale: 'en-GB',
		timezoneId: 'Asia/Shanghai',
		// The service worker precaches the whole app on first load; in most tests that is only load on a
		// busy two-core machine. Tests of offline behaviour turn it back on with
		// test.use({ serviceWorkers: 'allow' }).
		serviceWorkers: 'block',
		// Recorded on the retry only: recording every test (DOM snapshots and screenshots at each step) took a
		// third of the run's time on a two-core AMD VM (10 tests: 102 s with, 69 s without; session 17). A test
		// that fails twice, the one that fails the run, leaves the trace of its second try.
		trace: 'on-first-retry',
		screenshot: 'only-on-failure'
	}
});
