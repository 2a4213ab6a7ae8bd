/**
 * SQLite's commit and its fsync (api/db/wal-sync.ts): the COMMIT no longer syncs on the event loop, so the
 * driver must not let anybody hear of a commit before the WAL is on disk: not the transaction's caller, not a
 * read on the other connection. A real SQLite file and the app's own connection code; the fsync is the real
 * one, wrapped so the test can hold it back or make it fail.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../api/db/connect.js';
import { inOwnTransaction } from '../../../api/db/tx.js';

/** An fsync the test lets through one at a time (or fails), counting the calls, once it is armed. */
function heldFsync() {
  const waiting: { release: () => void; fail: (error: Error) => void }[] = [];
  let calls = 0;
  let armed = false;
  const fsync = async (handle: FileHandle) => {
    await handle.sync();
    if (!armed) return; // opening the database: migrations commit too
    calls++;
    await new Promise<void>((release, fail) => waiting.push({ release, fail }));
  };
  return {
    fsync,
    arm() {
      armed = true;
    },
    get calls() {
      return calls;
    },
    async next() {
      for (let i = 0; i < 200 && waiting.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      const first = waiting.shift();
      if (!first) throw new Error('no fsync is waiting');
      return first;
    },
  };
}

const turn = () => new Promise((r) => setTimeout(r, 20));

describe('the WAL fsync after each SQLite commit', () => {
  let dir: string;
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  async function open(fsync: ReturnType<typeof heldFsync>) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-walsync-'));
    db = await openDatabase(`sqlite:${path.join(dir, 'w.db')}`, { walFsync: fsync.fsync });
    fsync.arm();
    return db;
  }
  const row = (key: string) => ({ scope: 'wal', key, request_hash: 'h', response_status: 200, response_body: '{}', created_at: 0 });
  const count = async (db: Db) =>
    Number((await db.kysely.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('n')).where('scope', '=', 'wal').executeTakeFirstOrThrow()).n);

  it('a transaction is done, and a read sees it, only once its fsync has returned', async () => {
    const held = heldFsync();
    const db = await open(held);
    let done = false;
    const tx = inOwnTransaction(db.kysely, (trx) => trx.insertInto('idempotency_keys').values(row('a')).execute()).then(() => (done = true));
    const fsync = await held.next();
    let seen: number | undefined;
    const read = count(db).then((n) => (seen = n));
    await turn();
    expect(done).toBe(false);
    expect(seen).toBeUndefined();
    fsync.release();
    await tx;
    await read;
    expect(seen).toBe(1);
  });

  it('while one fsync runs the writer is free: later commits go through and share the next fsync', async () => {
    const held = heldFsync();
    const db = await open(held);
    const finished: string[] = [];
    const insert = (key: string) => inOwnTransaction(db.kysely, (trx) => trx.insertInto('idempotency_keys').values(row(key)).execute()).then(() => finished.push(key));
    const first = insert('first');
    const firstSync = await held.next();
    const later = [insert('second'), insert('third')];
    await turn();
    // Both committed (the writer did not wait for the disk), yet neither is done, nor visible to a read.
    expect(held.calls).toBe(1);
    expect(finished).toEqual([]);
    let seen: number | undefined;
    const read = count(db).then((n) => (seen = n));
    firstSync.release();
    await first;
    const secondSync = await held.next();
    await turn();
    expect(held.calls).toBe(2);
    expect(finished).toEqual(['first']);
    expect(seen).toBeUndefined();
    secondSync.release();
    await Promise.all([...later, read]);
    expect(finished.sort()).toEqual(['first', 'second', 'third']);
    expect(seen).toBe(3);
  });

  it('a failed fsync reaches the caller as an error, not as a payment taken', async () => {
    const held = heldFsync();
    const db = await open(held);
    const tx = inOwnTransaction(db.kysely, (trx) => trx.insertInto('idempotency_keys').values(row('lost')).execute());
    (await held.next()).fail(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    await expect(tx).rejects.toThrow(/EIO/);
    // The next commit syncs again and succeeds.
    const next = inOwnTransaction(db.kysely, (trx) => trx.insertInto('idempotency_keys').values(row('next')).execute());
    (await held.next()).release();
    await next;
  });
});
