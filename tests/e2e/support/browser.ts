/** How the tests launch Chromium (team brief: Debian's /usr/bin/chromium when present, quiet on a closed network). */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

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
