import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run shop` takes the shop's and the manager's handles as the sign-in screen and the Staff page do, lowercased
 * ("--manager Ana" is ana, who then signs in as Ana or ana), and says that the PIN given on the command line stays
 * in the shell's history, and where the manager chooses their own.
 */
describe('npm run shop with capitals in its handles', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-new-shop-handles-'));
  const file = path.join(dir, 'pos.db');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // A process of its own (tsx compiling the script), slow on a busy machine: a long timeout, not a timed check.
  it('opens the shop under the lowercased handles and says to choose a PIN of their own', { timeout: 120_000 }, () => {
    const shop = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/new-shop.ts', '--handle', ' Corner-Cafe', '--name', 'Corner Café', '--manager', 'Ana ', '--pin', '482913', '--time-zone', 'Europe/Berlin'],
      { env: { ...process.env, DATABASE_URL: `sqlite:${file}` }, encoding: 'utf8' },
    );
    expect(shop.status, shop.stderr).toBe(0);
    expect(shop.stdout).toContain('Sign in at /cashier with shop corner-cafe, handle ana and the PIN given.');
    expect(shop.stdout).toContain("The PIN given stays in this shell's history: once signed in, ana chooses their own under Manage → Staff and PINs → New PIN.");
    const db = new Database(file, { readonly: true });
    try {
      const merchant = db.prepare('select id, handle from merchants').get() as { id: string; handle: string };
      expect(merchant.handle).toBe('corner-cafe');
      const cashiers = db.prepare('select handle from cashiers where merchant_id = ?').all(merchant.id) as { handle: string }[];
      expect(cashiers.map((c) => c.handle)).toEqual(['ana']);
    } finally {
      db.close();
    }
  });
});
