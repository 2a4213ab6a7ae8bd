import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { send, ServerProcess } from '../support/server.js';

/**
 * A new shop owner runs the server on the shop's own computer, its clock set to where the shop is, and sets no
 * TIME_ZONE: the shop's day (Today, the Day report, the Z close) starts at the owner's midnight, not at UTC's, and
 * `npm run shop` says which zone that is and where to change it. An explicit TIME_ZONE still wins.
 */
describe("a server and `npm run shop` on a machine whose clock is Shanghai's, with no TIME_ZONE", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-machine-zone-'));
  const databaseUrl = `sqlite:${path.join(dir, 'pos.db')}`;
  const { TIME_ZONE: _unset, ...envWithoutZone } = process.env;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // A sign-in is safe to send again (it makes a second session, nothing else). Sent once more when no answer came: the
  // kept-alive connection of the first sign-in can be closed by the server (its 5 s idle limit) just as it is reused,
  // after npm run shop took longer than that on a busy machine.
  const signIn = async (server: ServerProcess, merchant: string, handle: string, pin: string) => {
    const body = { role: 'cashier', merchant, handle, pin };
    const answer = (await send(server.base, 'POST', '/api/sessions', { body })) ?? (await send(server.base, 'POST', '/api/sessions', { body }));
    expect(answer?.status).toBe(201);
    return answer!.body as { timeZone: string; token: string };
  };

  // Processes of its own (the server, tsx compiling the script), slow on a busy machine: a long timeout, not a timed check.
  it("counts the demo's day and a new shop's in the machine's zone, and npm run shop says where to change it", { timeout: 120_000 }, async () => {
    const previous = process.env.TIME_ZONE;
    delete process.env.TIME_ZONE;
    try {
      const server = await ServerProcess.start({ databaseUrl, env: { TZ: 'Asia/Shanghai' } });
      servers.push(server);
      expect((await signIn(server, 'demo-cafe', 'owner', '9999')).timeZone).toBe('Asia/Shanghai');
      // The demo's campaigns are whole days on that clock too: from Shanghai's midnight to Shanghai's midnight (16:00
      // UTC), not UTC's (which a phone in Shanghai showed as coupons ending at 08:00).
      const alice = await send(server.base, 'POST', '/api/sessions', { body: { role: 'customer', handle: 'alice', pin: '1111' } });
      const coupons = await send(server.base, 'GET', '/api/coupons', { token: (alice!.body as { token: string }).token });
      const held = (coupons!.body as { coupons: { validFrom: string; validUntil: string }[] }).coupons;
      expect(held).toHaveLength(3);
      for (const c of held) {
        expect(c.validFrom).toMatch(/T16:00:00\.000Z$/);
        expect(c.validUntil).toMatch(/T16:00:00\.000Z$/);
      }

      const shop = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/new-shop.ts', '--handle', 'corner-cafe', '--name', 'Corner Café', '--manager', 'ana', '--pin', '482913'],
        { env: { ...envWithoutZone, TZ: 'Asia/Shanghai', DATABASE_URL: databaseUrl }, encoding: 'utf8' },
      );
      expect(shop.status, shop.stderr).toBe(0);
      expect(shop.stdout).toContain("starts at midnight in Asia/Shanghai (this machine's clock), saved as the shop's own");
      expect(shop.stdout).toContain('Manage → Shop settings');
      expect((await signIn(server, 'corner-cafe', 'ana', '482913')).timeZone).toBe('Asia/Shanghai');
      await server.stop();

      // TIME_ZONE, when set, is the server's zone whatever the machine's clock: the demo's shops, which have no zone
      // of their own, follow it; the shop opened with npm run shop keeps the zone it was opened in (its midnight,
      // and its closed Z reports' days, do not move with the server), and GET /api/shop says which is which.
      const utc = await ServerProcess.start({ databaseUrl, env: { TZ: 'Asia/Shanghai', TIME_ZONE: 'UTC' } });
      servers.push(utc);
      expect((await signIn(utc, 'demo-cafe', 'owner', '9999')).timeZone).toBe('UTC');
      const ana = await signIn(utc, 'corner-cafe', 'ana', '482913');
      expect(ana.timeZone).toBe('Asia/Shanghai');
      const corner = await send(utc.base, 'GET', '/api/shop', { token: ana.token });
      expect(corner?.body.shop).toMatchObject({ timeZone: 'Asia/Shanghai', timeZoneIsServers: false });

      // Opened with TIME_ZONE set, a shop keeps that zone, spelt as the tablets list it.
      const opened = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/new-shop.ts', '--handle', 'north-cafe', '--name', 'North Café', '--manager', 'berta', '--pin', '482914'],
        { env: { ...envWithoutZone, TZ: 'Asia/Shanghai', TIME_ZONE: 'europe/berlin', DATABASE_URL: databaseUrl }, encoding: 'utf8' },
      );
      expect(opened.status, opened.stderr).toBe(0);
      expect(opened.stdout).toContain('starts at midnight in Europe/Berlin (TIME_ZONE here)');
      expect((await signIn(utc, 'north-cafe', 'berta', '482914')).timeZone).toBe('Europe/Berlin');
    } finally {
      if (previous !== undefined) process.env.TIME_ZONE = previous;
    }
  });
});
