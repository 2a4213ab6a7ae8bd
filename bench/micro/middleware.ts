/**
 * What one middleware costs on the empty route, on @hono/node-server 2.x: a bare Hono app per variant, each in
 * its own process, measured in turn (two rounds, alternating) by the bench's load generator. Found while
 * explaining why GET /api/health fell by half between aa9d958 and group commit's tree (bench/compare.md):
 * reading `c.res.headers` after `await next()` turns node-server's lightweight response into a full Response.
 *   npx tsx bench/micro/middleware.ts      → bench/micro/middleware.md
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad } from '../load/run-load.js';
import { loadAverage } from '../lib/machine.js';
import { ROOT } from '../lib/paths.js';
import { freePort } from '../lib/server.js';
import { VARIANTS } from './middleware-server.js';

const ROUNDS = 2;
const names = Object.keys(VARIANTS);
const ports = await Promise.all(names.map(() => freePort()));
const servers = names.map((v, i) => spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/micro/middleware-server.ts'), v, String(ports[i])], { stdio: 'inherit' }));
try {
  for (const port of ports) {
    for (let i = 0; i < 100; i++) {
      if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const loadStart = loadAverage();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, name] of names.entries()) {
      const r = await runLoad({ scenario: 'health', targets: [{ host: '127.0.0.1', port: ports[i]! }], concurrency: 32, durationMs: 3_000, warmupMs: 500, items: [], cashierTokens: [], keyPrefix: 'm' });
      rates[name]!.push(r.perSecond);
      console.log(`${name}: ${r.perSecond.toFixed(0)}/s`);
    }
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const base = mean(rates.none!);
  const rows = names.map((n) => `| ${VARIANTS[n]} | ${mean(rates[n]!).toFixed(0)} | ${((mean(rates[n]!) / base) * 100).toFixed(0)}% |`);
  writeFileSync(
    join(ROOT, 'bench/micro/middleware.md'),
    [
      '# One middleware on the empty route (@hono/node-server 2.x)',
      `\`npx tsx bench/micro/middleware.ts\` on ${new Date().toISOString()}, load average ${loadStart.join(', ')} → ${loadAverage().join(', ')}; GET /api/health at c=32, mean of ${ROUNDS} alternating rounds.`,
      ['| middleware | requests/s | of none |', '|---|---|---|', ...rows].join('\n'),
    ].join('\n\n') + '\n',
  );
} finally {
  for (const s of servers) s.kill();
}
