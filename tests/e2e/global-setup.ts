/**
 * Builds the front end once before the run when build/ is missing or older than anything it is
 * built from, so the servers the tests start serve the current app. Not per test: a build takes
 * ~15 s on two cores.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

export default function globalSetup(): void {
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
