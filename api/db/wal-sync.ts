import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The fsync of SQLite's write-ahead log, off the event loop.
 *
 * With `synchronous = FULL`, SQLite fsyncs the WAL inside every COMMIT, and better-sqlite3 runs on the event
 * loop: for about 1.4 ms a commit (measured under the settlement benchmark on this machine) no request is read,
 * parsed or answered. So the writer runs with `synchronous = NORMAL` (a COMMIT only writes its frames to the WAL)
 * and the driver (sqlite-dialect.ts) calls `sync()` after every COMMIT and waits for it, on libuv's thread
 * pool, before the transaction counts as done. Nobody hears of a commit before its frames are on disk, so an
 * acknowledged payment survives a power cut exactly as with FULL (DESIGN.md, durability first):
 * - the WAL is append-only between checkpoints, so one fsync covers every frame written before it started,
 *   the header of a restarted WAL included;
 * - checkpoints run on their own connection (sqlite-checkpointer.ts), where NORMAL still syncs the WAL before
 *   and the database file after each one, so the WAL is only restarted over frames already in the database.
 * Reads outside transactions wait while a commit is not yet on disk (`pending`), so nothing is shown that a
 * power cut could still take back: with FULL, SQLite too lets readers see a commit only after its fsync.
 *
 * Concurrent commits share fsyncs: one asked for while another runs waits for the next, which starts when the
 * running one ends and covers every commit made meanwhile.
 */
export class WalSync {
  #handle: Promise<FileHandle> | null = null;
  #running: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  /** Commits made so far, and how many of them an fsync has made durable. */
  #committed = 0;
  #durable = 0;

  /** `fsync` is for tests, which hold it back to see who waits for it. */
  constructor(
    readonly walFile: string,
    private readonly fsync: (handle: FileHandle) => Promise<void> = (handle) => handle.sync(),
  ) {}

  /**
   * Call at once after a commit, in the same synchronous step (so no read can come between): resolves once
   * everything written to the WAL before the call is on disk.
   */
  sync(): Promise<void> {
    this.#committed++;
    return this.#next();
  }

  /** While a commit is not yet on disk, the fsync that will make it so: reads wait for it (none: null). */
  get pending(): Promise<void> | null {
    return this.#durable < this.#committed ? (this.#queued ?? this.#running) : null;
  }

  async close(): Promise<void> {
    await this.pending?.catch(() => {});
    const handle = this.#handle;
    this.#handle = null;
    await (await handle?.catch(() => null))?.close();
  }

  #next(): Promise<void> {
    if (this.#running === null) {
      const upTo = this.#committed;
      const run: Promise<void> = this.#fsyncOnce().then(
        () => {
          this.#durable = Math.max(this.#durable, upTo);
          if (this.#running === run) this.#running = null;
        },
        (error: unknown) => {
          if (this.#running === run) this.#running = null;
          throw error;
        },
      );
      this.#running = run;
      return run;
    }
    // The fsync in flight may have started before this commit's frames were written: the next one, which
    // starts when it ends, covers every commit made meanwhile.
    this.#queued ??= this.#running
      .catch(() => {})
      .then(() => {
        this.#queued = null;
        return this.#next();
      });
    return this.#queued;
  }

  async #fsyncOnce(): Promise<void> {
    this.#handle ??= openWal(this.walFile);
    let handle: FileHandle;
    try {
      handle = await this.#handle;
    } catch (error) {
      this.#handle = null;
      throw error;
    }
    await this.fsync(handle);
  }
}

/**
 * The WAL stays the same file while the database is open (SQLite truncates it, never deletes it, until the last
 * connection closes), so it is opened once. Its directory is synced once as well, so that the file's name
 * survives a power cut along with its content.
 */
async function openWal(walFile: string): Promise<FileHandle> {
  const directory = await open(dirname(walFile), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
  return open(walFile, 'r');
}
