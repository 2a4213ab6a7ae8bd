import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** What `npm start` prints (api/main.ts, run by tsx as the scripts are), up to its start-up lines, then stopped. */
async function startupOutput(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(await freePort()), HOST: '127.0.0.1', BUILD_ON_START: '0', LOG_LEVEL: 'warn', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    // The last of the start-up lines said every time: the rest of that block came with it or before it.
    if (output.includes('Manage → Shop settings.')) child.kill('SIGTERM');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return output;
}

/**
 * A new owner starts the server with DEMO=0 as the README says: nobody can sign in at /cashier until a shop is opened,
 * so the start says how to open one. A database with a shop (the demo's, or one opened) is not told so.
 */
describe('the first start without the demo', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-first-start-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says how to open the shop with npm run shop; a start with the demo does not', { timeout: 120_000 }, async () => {
    const empty = await startupOutput({ DEMO: '0', DATABASE_URL: `sqlite:${path.join(dir, 'empty.db')}` });
    expect(empty).toContain('Coupon POS is ready');
    expect(empty).toContain('No shop yet: open yours, with its first manager');
    expect(empty).toContain('npm run shop -- --handle corner-cafe --name "Corner Café" --manager ana --pin 482913 --time-zone Europe/Berlin');

    const demo = await startupOutput({ DEMO: '1', DATABASE_URL: `sqlite:${path.join(dir, 'demo.db')}` });
    expect(demo).toContain('Coupon POS is ready');
    expect(demo).not.toContain('No shop yet');
  });
});
