/**
 * Bundle sizes per route: builds the app (unless --no-build) and reports the gzipped JavaScript a
 * browser loads to show each route, from Vite's manifest and SvelteKit's route dictionary.
 *
 *   npx tsx scripts/size.ts [--no-build]
 *
 * "Initial" is what the first visit to a route loads: SvelteKit's start and app entries, the
 * root layout and error nodes (the client loads them eagerly), the route's layouts and page, and
 * everything they import statically. Dynamic imports (the camera decoder, workbox-window) are
 * listed apart as "lazy": they load later, on the scan screen or after the page is up.
 * Exits 1 when a route is over its budget.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budgets in gzipped KB (issue 4): the counter must open fast on a cheap tablet, the code screen on a phone. */
const BUDGETS_KB: Record<string, number> = {
	'/cashier': 100,
	'/cashier/payments': 100,
	'/cashier/report': 100,
	'/cashier/manage': 100,
	'/customer': 80,
	'/customer/history': 80
};

const ROOT = process.cwd();
const CLIENT = join(ROOT, '.svelte-kit/output/client');
const GENERATED = '.svelte-kit/generated/client-optimized';

interface ManifestChunk {
	file: string;
	imports?: string[];
	dynamicImports?: string[];
	isEntry?: boolean;
}

if (!process.argv.includes('--no-build')) {
	console.log('Building…');
	try {
		execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'pipe' });
	} catch (e) {
		const err = e as { stdout?: Buffer; stderr?: Buffer };
		process.stderr.write(err.stdout ?? '');
		process.stderr.write(err.stderr ?? '');
		throw new Error('vite build failed');
	}
}

const manifest = JSON.parse(readFileSync(join(CLIENT, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
const appSource = readFileSync(join(ROOT, GENERATED, 'app.js'), 'utf8');
const dictionaryText = appSource.match(/export const dictionary = (\{[\s\S]*?\n\t\});/)?.[1];
if (!dictionaryText) throw new Error('route dictionary not found in app.js');
// Values look like [5,[2]] or [4]: page node, then layout nodes (negative ids mean "no server data").
const dictionary = Function(`return ${dictionaryText}`)() as Record<string, [number, (number | undefined)[]?]>;

const gzipCache = new Map<string, { raw: number; gz: number }>();
function sizeOf(file: string) {
	let s = gzipCache.get(file);
	if (!s) {
		const buf = readFileSync(join(CLIENT, file));
		s = { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
		gzipCache.set(file, s);
	}
	return s;
}

/** Static closure of manifest keys (JS only), collecting dynamic imports on the way. */
function closure(keys: string[]): { files: Set<string>; lazy: Set<string> } {
	const files = new Set<string>();
	const lazy = new Set<string>();
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key)) return;
		seen.add(key);
		const chunk = manifest[key];
		if (!chunk) throw new Error(`not in manifest: ${key}`);
		if (chunk.file.endsWith('.js')) files.add(chunk.file);
		chunk.imports?.forEach(visit);
		chunk.dynamicImports?.forEach((d) => lazy.add(d));
	};
	keys.forEach(visit);
	return { files, lazy };
}

const node = (n: number) => `${GENERATED}/nodes/${Math.abs(n)}.js`;
const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry && !k.includes('/nodes/'));
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const rows: string[][] = [];
let failed = false;
for (const [route, [page, layouts = []]] of Object.entries(dictionary)) {
	const keys = [...entries, node(0), node(1), ...layouts.filter((l): l is number => l !== undefined).map(node), node(page)];
	const { files, lazy } = closure(keys);
	let raw = 0;
	let gz = 0;
	for (const f of files) {
		const s = sizeOf(f);
		raw += s.raw;
		gz += s.gz;
	}
	// Lazy chunks reachable from this route, minus the route nodes app.js can load (other routes).
	const lazyFiles = [...lazy].filter((k) => !k.includes('/nodes/') && !k.includes('error-template'));
	// Each lazy file once, though several dynamic imports may share it (Dexie, say).
	const lazySet = new Set<string>();
	const lazyNames: string[] = [];
	for (const k of lazyFiles) {
		const sub = closure([k]);
		for (const f of sub.files) if (!files.has(f)) lazySet.add(f);
		lazyNames.push(k.replace(/^node_modules\//, '').replace(/^src\//, '').split('/').slice(-1)[0]);
	}
	let lazyGz = 0;
	for (const f of lazySet) lazyGz += sizeOf(f).gz;
	const budget = BUDGETS_KB[route];
	const over = budget !== undefined && gz / 1024 > budget;
	if (over) failed = true;
	rows.push([
		route,
		String(files.size),
		kb(raw),
		kb(gz),
		budget === undefined ? '—' : `${budget}`,
		budget === undefined ? '' : over ? 'OVER' : 'ok',
		lazyNames.length ? `${kb(lazyGz)} (${lazyNames.join(', ')})` : '—'
	]);
}

const header = ['route', 'js files', 'raw KB', 'gzip KB', 'budget KB', '', 'lazy gzip KB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
rows.forEach((r) => console.log(line(r)));
if (failed) {
	console.error('\nA route is over its budget.');
	process.exit(1);
}
