/**
 * Group commit on SQLite (api/db/group-commit.ts): transactions asked for together share one physical
 * transaction and one COMMIT, yet each behaves as its own: it sees the ones before it, a failure undoes only
 * itself, and nobody hears "done" before the shared COMMIT. A real SQLite file, the app's own connection code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../api/db/connect.js';
import { inTransaction } from '../../../api/db/tx.js';

describe('group commit on SQLite', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-group-'));
    db = await openDatabase(`sqlite:${path.join(dir, 'g.db')}`);
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const keyRow = (scope: string, key: string) => ({ scope, key, request_hash: 'h', response_status: 200, response_body: '{}', created_at: 0 });
  const count = async (scope: string) =>
    Number((await db.kysely.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('n')).where('scope', '=', scope).executeTakeFirstOrThrow()).n);

  it('ten concurrent transactions share one: each sees the earlier ones, outsiders see none until the commit, a failing one undoes only itself', async () => {
    const seenInside: number[] = [];
    const seenOutside: number[] = [];
    const answers = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        inTransaction(db.kysely, async (trx) => {
          await trx.insertInto('idempotency_keys').values(keyRow('group', `k${i}`)).execute();
          const inside = await trx.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('n')).where('scope', '=', 'group').executeTakeFirstOrThrow();
          seenInside.push(Number(inside.n));
          // A read outside any transaction (the reader connection) sees only what is committed.
          seenOutside.push(await count('group'));
          if (i === 4) throw new Error('the fifth one fails');
          return i;
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((answers[4] as PromiseRejectedResult).reason.message).toBe('the fifth one fails');
    // One physical transaction: the k-th saw the k−1 before it (the failed one's row gone again), nobody outside saw any.
    expect(seenInside).toEqual([1, 2, 3, 4, 5, 5, 6, 7, 8, 9]);
    expect(seenOutside).toEqual(Array(10).fill(0));
    expect(await count('group')).toBe(9);
    const keys = await db.kysely.selectFrom('idempotency_keys').select('key').where('scope', '=', 'group').orderBy('key').execute();
    expect(keys.map((k) => k.key)).not.toContain('k4');
  });

  it('a transaction alone commits by itself, and its error leaves nothing behind', async () => {
    await expect(
      inTransaction(db.kysely, async (trx) => {
        await trx.insertInto('idempotency_keys').values(keyRow('alone', 'a')).execute();
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await count('alone')).toBe(0);
    await inTransaction(db.kysely, (trx) => trx.insertInto('idempotency_keys').values(keyRow('alone', 'b')).execute());
    expect(await count('alone')).toBe(1);
  });

  it('a unique violation inside a group fails that caller only, and the first writer of the key wins', async () => {
    const answers = await Promise.allSettled(
      ['x', 'dup', 'y', 'dup'].map((key) => inTransaction(db.kysely, (trx) => trx.insertInto('idempotency_keys').values(keyRow('unique', key)).execute())),
    );
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((answers[3] as PromiseRejectedResult).reason.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(await count('unique')).toBe(3);
  });
});
