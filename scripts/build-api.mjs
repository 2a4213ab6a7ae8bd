/**
 * Bundles the API (api/main.ts and everything it imports) into one plain ES module, dist/server.mjs, with
 * esbuild. `npm start` runs that file with plain node: the TypeScript loader (tsx) that tests and development
 * use costs about 70 MB of resident memory and a slower start, and production needs neither. Native and
 * optional modules (better-sqlite3, pg-native) stay outside the bundle and load from node_modules as usual.
 *
 *   node scripts/build-api.mjs            builds when any file under api/ is newer than the bundle
 *   node scripts/build-api.mjs --force    builds in any case
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * dist/ sits one level below the root, as api/ does, so main.ts finds build/ and node_modules the same way.
 * @param {string} root
 */
export function apiBundlePath(root, name = 'server.mjs') {
  return path.join(root, 'dist', name);
}

/** @param {string} target */
function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** @param {string} root */
export function apiBundleIsStale(root, outfile = apiBundlePath(root)) {
  if (!fs.existsSync(outfile)) return true;
  const sources = Math.max(newestMtime(path.join(root, 'api')), newestMtime(path.join(root, 'package-lock.json')));
  return fs.statSync(outfile).mtimeMs < sources;
}

/**
 * @param {string} root
 * @param {string} [outfile]
 */
export async function buildApi(root, outfile = apiBundlePath(root)) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'api/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'pg-native'],
    // Bundled CommonJS packages (pg, pino) call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (process.argv.includes('--force') || apiBundleIsStale(root)) {
    const out = await buildApi(root);
    console.log(`built ${path.relative(root, out)}`);
  } else console.log('dist/server.mjs is up to date');
}
