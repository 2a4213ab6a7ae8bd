/**
 * Builds the front end once before the run when build/ is missing or older than anything it is
 * built from, so the servers the tests start serve the current app. Not per test: a build takes
 * ~15 s on two cores. And bundles the API for those servers, as `npm start` does (about a second): each
 * test file starts its own server, and plain node on the bundle starts without compiling the API each time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildApi } from '../../scripts/build-api.mjs';
import { E2E_SERVER_BUNDLE, prepareDemoTemplate } from './support/server';

const ROOT = join(import.meta.dirname, '../..');
const INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

export default async function globalSetup(): Promise<() => void> {
	// Always: the bundle must be of the API as it is now, and esbuild takes about a second.
	await buildApi(ROOT, E2E_SERVER_BUNDLE);
	buildFrontEnd();
	// The demo, seeded once for the run by the API just bundled; each file's server starts on a copy (server.ts).
	return prepareDemoTemplate();
}

function buildFrontEnd(): void {
	const marker = join(ROOT, 'build/200.html');
	const sourcesMs = Math.max(...INPUTS.map((p) => join(ROOT, p)).filter(existsSync).map(newestMtime));
	if (existsSync(marker) && statSync(marker).mtimeMs >= sourcesMs) return;
	console.log('[e2e] building the front end (build/ is older than src/)…');
	const build = () => execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'pipe' });
	try {
		build();
	} catch {
		// Another build (npm start, a teammate) may have been writing .svelte-kit/output at the same time.
		build();
	}
}
