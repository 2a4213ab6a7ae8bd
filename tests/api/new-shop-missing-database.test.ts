import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ServerProcess } from '../support/server.js';

/**
 * An owner trying PostgreSQL names a database not made yet (README, "Running on PostgreSQL": createdb first). The server
 * and `npm run shop` make the schema, not the database: both say so in a line that gives the createdb command to run,
 * and `npm run shop` prints no stack trace.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('a DATABASE_URL naming a PostgreSQL database that does not exist', () => {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://localhost/x');
  url.pathname = `/pos_not_made_${process.pid}`;
  const databaseUrl = url.toString();
  const createdb = `createdb -h ${url.hostname}${url.port ? ` -p ${url.port}` : ''}${url.username ? ` -U ${url.username}` : ''} pos_not_made_${process.pid}`;

  // tsx compiling the script and the server's own process: slow on a busy machine, a long timeout, not a timed check.
  it('npm run shop says to make it with createdb, without a stack trace, and exits 1', { timeout: 120_000 }, () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/new-shop.ts', '--handle', 'corner-cafe', '--name', 'Corner Café', '--manager', 'ana', '--pin', '482913'],
      { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`database "pos_not_made_${process.pid}" does not exist: make it once with \`${createdb}\` (README, "Running on PostgreSQL"), then try again.`);
  });

  it('the server stops at start with the same line', { timeout: 120_000 }, async () => {
    await expect(ServerProcess.start({ databaseUrl })).rejects.toThrow(`database "pos_not_made_${process.pid}" does not exist: make it once with \`${createdb}\``);
  });
});
