import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { defaultConfig, loadConfig } from '../../api/config.js';
import { startDeps } from '../../api/server.js';
import { ServerProcess } from '../support/server.js';
import { dialects, newKey, startTestApi as startApi, type TestApi } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** What the server refuses at start, so that a mistake in its settings never reaches the counter as a 500. */
describe('starting the server', () => {
  it('refuses a time zone the runtime does not know, and takes a real one', () => {
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Base' })).toThrow(/TIME_ZONE: not an IANA time zone/);
    expect(loadConfig({ TIME_ZONE: 'Asia/Shanghai' }).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({}).timeZone).toBe('UTC');
  });

  it('refuses a DATABASE_URL of any scheme but sqlite: and postgres://, so a typo cannot open a second ledger', () => {
    for (const typo of ['postgress://postgres@127.0.0.1/pos', 'mysql://root@localhost/pos', 'data/pos.db', 'sqlite:']) {
      expect(() => loadConfig({ DATABASE_URL: typo }), typo).toThrow(/DATABASE_URL: must be sqlite:<file> or postgres:\/\//);
    }
    for (const url of ['sqlite:data/pos.db', 'postgres://u@h/db', 'postgresql://u@h:5432/db']) expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('refuses a SQLITE_CACHE_KIB that is not a whole number of KiB in range, instead of quietly using the default', () => {
    for (const bad of ['64MB', '-1', '0.5', '100']) expect(() => loadConfig({ SQLITE_CACHE_KIB: bad }), bad).toThrow(/SQLITE_CACHE_KIB/);
    expect(loadConfig({ SQLITE_CACHE_KIB: '65536' }).sqliteCacheKib).toBe(65_536);
    expect(loadConfig({}).sqliteCacheKib).toBe(32_768);
  });

  it('a server started from another directory keeps its relative SQLite file in the project, and a misspelt scheme does not start', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-cwd-'));
    const relative = `data/startup-test-${process.pid}.db`;
    const inProject = path.join(ROOT, relative);
    const server = await ServerProcess.start({ databaseUrl: `sqlite:${relative}`, cwd: elsewhere });
    try {
      const signIn = await fetch(`${server.base}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'customer', handle: 'alice', pin: '1111' }),
      });
      expect(signIn.status).toBe(201);
      expect(fs.existsSync(inProject)).toBe(true);
      expect(fs.existsSync(path.join(elsewhere, relative))).toBe(false);
    } finally {
      await server.stop();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(inProject + suffix, { force: true });
    }
    await expect(ServerProcess.start({ databaseUrl: 'postgress://postgres@127.0.0.1:5432/pos', cwd: elsewhere })).rejects.toThrow(/DATABASE_URL: must be sqlite/);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }, 120_000);

  describe.each(dialects)('on %s', (dialect) => {
    // Each test starts its own API: all are closed and their databases dropped at the end (they were left behind,
    // five PostgreSQL databases a run).
    const started: TestApi[] = [];
    const startTestApi = async (...args: Parameters<typeof startApi>) => {
      const api = await startApi(...args);
      started.push(api);
      return api;
    };
    afterAll(async () => {
      for (const api of started.splice(0)) await api.close();
    });

    it('refuses a CURRENCY other than the one its ledger keeps, and opens no account in it', async () => {
      const api = await startTestApi(dialect);
      const before = await api.deps.db.kysely.selectFrom('accounts').select(['id', 'currency']).orderBy('id').execute();
      await expect(startDeps(defaultConfig({ databaseUrl: api.databaseUrl, logLevel: 'silent', currency: 'USD' }))).rejects.toThrow(
        'This database keeps its money in CNY, but CURRENCY is USD',
      );
      expect(await api.deps.db.kysely.selectFrom('accounts').select(['id', 'currency']).orderBy('id').execute()).toEqual(before);
      // The same currency starts as ever.
      const again = await startDeps(defaultConfig({ databaseUrl: api.databaseUrl, logLevel: 'silent', currency: 'CNY' }));
      await again.stop();
    });

    it('a restart after 0007 was cut off part-way (its columns added, not recorded) finishes it', async () => {
      const api = await startTestApi(dialect);
      const db = api.deps.db.kysely;
      await db.schema.dropIndex('refunds_customer').execute();
      // Cut off in 0007: neither it nor any later migration was recorded.
      await db.deleteFrom('kysely_migration' as never).where('name' as never, '>=', '0007_refund_history' as never).execute();
      const again = await startDeps(defaultConfig({ databaseUrl: api.databaseUrl, logLevel: 'silent' }));
      await again.stop();
      const migrated = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect((migrated as { name: string }[]).map((m) => m.name)).toEqual(expect.arrayContaining(['0007_refund_history', '0008_z_earlier_refunds']));
    });

    it('a database from before cancelled campaigns kept their planned dates gains them; one cancelled then reads as before', async () => {
      const api = await startTestApi(dialect);
      const manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
      const DAY = 86_400_000;
      const inDays = (days: number) => new Date(api.clock.now() + days * DAY).toISOString();
      const cancelled = async (request: TestApi['request'], title: string) => {
        const made = await request('POST', '/api/campaigns', { token: manager, key: newKey(), body: { title, rule: { kind: 'fixed', off: 300 }, validFrom: inDays(7), validUntil: inDays(14) } });
        expect(made.status).toBe(201);
        const ended = await request('POST', `/api/campaigns/${made.body.campaign.id}/end`, { token: manager, key: newKey(), body: {} });
        expect(ended.status).toBe(200);
        return made.body.campaign as { id: string; validFrom: string; validUntil: string };
      };
      const old = await cancelled(api.request, 'Cancelled before 0010');
      // The database as it was before 0010: neither column, and 0010 not recorded.
      const db = api.deps.db.kysely;
      for (const column of ['planned_from', 'planned_until']) await db.schema.alterTable('campaigns').dropColumn(column).execute();
      // Those after it unrecorded too (their tables stay: each checks before it creates), or the migrator finds them out of order.
      await db.deleteFrom('kysely_migration' as never).where('name' as never, '>=', '0010_cancelled_campaign_plans' as never).execute();

      const again = await startDeps(defaultConfig({ databaseUrl: api.databaseUrl, logLevel: 'silent' }), api.clock);
      try {
        const app = createApp(again);
        const request: TestApi['request'] = async (method, url, options = {}) => {
          const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };
          if (options.key) headers['idempotency-key'] = options.key;
          const res = await app.request(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
          return { status: res.status, body: await res.json(), headers: res.headers };
        };
        const columns = (await again.db.kysely.introspection.getTables()).find((t) => t.name === 'campaigns')!.columns.map((c) => c.name);
        expect(columns).toEqual(expect.arrayContaining(['planned_from', 'planned_until']));
        const listed = async (id: string) => (await request('GET', '/api/campaigns', { token: manager })).body.campaigns.find((c: { id: string }) => c.id === id);
        // Its planned dates were lost when it was ended: it still reads as ended before it began, without them.
        const before = await listed(old.id);
        expect(before.planned).toBeNull();
        expect(before.validFrom).toBe(before.validUntil);
        // One cancelled now keeps them.
        const now = await cancelled(request, 'Cancelled after 0010');
        expect((await listed(now.id)).planned).toEqual({ validFrom: now.validFrom, validUntil: now.validUntil });
      } finally {
        await again.stop();
      }
    });

    it('the sign-in screens are told to offer the demo logins only where the demo data is', async () => {
      const demo = await startTestApi(dialect);
      expect((await demo.request('GET', '/api/sign-in-help')).body).toEqual({ demo: true });
      const empty = await startTestApi(dialect, { demo: false });
      expect((await empty.request('GET', '/api/sign-in-help')).body).toEqual({ demo: false });
    });

    it('the demo logins stop being offered once one of their PINs is changed, as the README advises before going live', async () => {
      const api = await startTestApi(dialect);
      const carol = await api.signIn('customer', 'carol', '3333');
      const changed = await api.request('POST', '/api/customers/me/pin', { token: carol, key: newKey(), body: { currentPin: '3333', newPin: '808080' } });
      expect(changed.status).toBe(200);
      expect((await api.request('GET', '/api/sign-in-help')).body).toEqual({ demo: false });
    });
  });
});
