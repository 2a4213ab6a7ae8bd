import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../../api/config.js';
import { startDeps } from '../../api/server.js';
import { dialects, startTestApi } from './harness.js';

/** What the server refuses at start, so that a mistake in its settings never reaches the counter as a 500. */
describe('starting the server', () => {
  it('refuses a time zone the runtime does not know, and takes a real one', () => {
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Base' })).toThrow(/TIME_ZONE: not an IANA time zone/);
    expect(loadConfig({ TIME_ZONE: 'Asia/Shanghai' }).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({}).timeZone).toBe('UTC');
  });

  describe.each(dialects)('on %s', (dialect) => {
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

    it('the sign-in screens are told to offer the demo logins only where the demo data is', async () => {
      const demo = await startTestApi(dialect);
      expect((await demo.request('GET', '/api/sign-in-help')).body).toEqual({ demo: true });
      const empty = await startTestApi(dialect, { demo: false });
      expect((await empty.request('GET', '/api/sign-in-help')).body).toEqual({ demo: false });
    });
  });
});
