/**
 * `npm start`: bundles the API when its sources changed (scripts/build-api.mjs, about a second), then runs
 * the bundle in this process with plain node. The bundle itself builds the front end when that is stale,
 * opens the database, seeds the demo on an empty one and serves everything on one port (api/main.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { apiBundleIsStale, apiBundlePath } from './build-api.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (apiBundleIsStale(root)) {
  console.log('Bundling the API…');
  // In a child process, so that esbuild's memory is not the server's.
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build-api.mjs'), '--force'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(1);
}
await import(pathToFileURL(apiBundlePath(root)).href);
