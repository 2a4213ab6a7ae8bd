/**
 * The Node edge of the app: reads the environment, builds the front end if it is missing or stale, opens the
 * database, serves the API and the built PWA from one process on one port, and shuts down cleanly on a signal.
 * The process's own business (the build, files served from disk, signals) stays here and in node-static.ts; the
 * app (app.ts) is a Hono app that also runs under app.request() in the tests.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig, machineTimeZone } from './config.js';
import { isEmpty } from './demo/seed.js';
import { staticSite } from './node-static.js';
import { buildApp, startDeps } from './server.js';
import { nodeServer } from './http/client-errors.js';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** The build is stale when any source of it is newer than the fallback page the build wrote last. */
function ensureBuild(staticDir: string): void {
  const marker = path.join(staticDir, '200.html');
  const builtAt = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
  const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => path.join(root, p));
  const sourceAt = Math.max(...sources.map(newestMtime));
  if (builtAt >= sourceAt) return;
  console.log(builtAt ? 'The front end changed since the last build; building it…' : 'Building the front end (first start)…');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The front-end build failed; see the output above.');
}

/**
 * A relative SQLite file is found from the project, as build/ is: the default `data/pos.db` must be the same
 * ledger whether the server is started by `npm start` or by a service manager from another directory.
 */
function sqliteFromProject(databaseUrl: string): string {
  if (!databaseUrl.startsWith('sqlite:')) return databaseUrl;
  const file = databaseUrl.slice('sqlite:'.length);
  return file === ':memory:' || path.isAbsolute(file) ? databaseUrl : `sqlite:${path.resolve(root, file)}`;
}

async function main() {
  const loaded = loadConfig(process.env, machineTimeZone());
  const config = { ...loaded, databaseUrl: sqliteFromProject(loaded.databaseUrl) };
  const staticDir = path.resolve(root, config.staticDir);
  // `vite build` writes build/; a STATIC_DIR elsewhere holds a build made by someone else, served as it is.
  if (config.buildOnStart && staticDir === path.join(root, 'build')) ensureBuild(staticDir);
  const deps = await startDeps(config);
  // Started with DEMO=0 on a new database, nobody can sign in at /cashier until a shop is opened.
  const noShopYet = await isEmpty(deps.db);
  const app = buildApp(deps, staticSite(staticDir));
  const server = nodeServer(app.fetch, config.host);
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    deps.log.info({ port, database: deps.db.dialect }, `serving on http://localhost:${port}`);
    if (config.logLevel !== 'silent') {
      console.log(`Coupon POS is ready: http://localhost:${port}  (database: ${deps.db.dialect})`);
      // Said at every start: a shop's day (its reports, the close) splits at midnight in this zone unless it has its own.
      console.log(`Shops without a time zone of their own count their day in ${config.timeZone} (TIME_ZONE${process.env.TIME_ZONE ? '' : ", this machine's zone"}); a manager sets a shop's on Manage → Shop settings.`);
      if (noShopYet) {
        console.log('No shop yet: open yours, with its first manager, from another terminal (README, "Running it for a shop"):');
        console.log('  npm run shop -- --handle corner-cafe --name "Corner Café" --manager ana --pin 482913 --time-zone Europe/Berlin');
      }
    }
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    await deps.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
