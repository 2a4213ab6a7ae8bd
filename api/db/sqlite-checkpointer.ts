import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * WAL checkpoints on a thread of their own. In WAL mode a commit appends to the -wal file (and, with
 * synchronous=FULL, fsyncs it); now and then the pages gathered there must be copied back into the database
 * file and both fsynced: a checkpoint. SQLite does that by itself inside whichever COMMIT crosses 1,000 pages,
 * and better-sqlite3 runs on the event loop, so once every few hundred payments one request stalled every
 * other for tens of milliseconds (commits of 2 ms on average, up to 120 ms, under the settlement benchmark).
 *
 * Here the writer's automatic checkpoints are off, and a worker thread with its own connection runs a PASSIVE
 * checkpoint every CHECKPOINT_EVERY_MS: it copies what no reader still needs and never blocks a writer.
 * Durability is unchanged: a commit is on disk once the WAL is fsynced, before it is acknowledged; the
 * checkpoint only moves it. Should the thread die, the writer takes its automatic checkpoints back.
 */
const CHECKPOINT_EVERY_MS = 100;
/** The WAL file is cut back to this size when it is reused, so one burst does not leave a large file behind. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** SQLite's own default, restored when the checkpoint thread is gone. */
const AUTO_CHECKPOINT_PAGES = 1000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // A busy database or a file being closed: the next tick tries again.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(writer: BetterSqlite3.Database, file: string): Checkpointer {
  writer.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  writer.pragma('wal_autocheckpoint = 0');
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, module, everyMs: CHECKPOINT_EVERY_MS } });
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fallBack = () => {
    if (stopping || !writer.open) return;
    writer.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  };
  worker.once('error', fallBack);
  worker.once('exit', fallBack);
  worker.unref();
  return {
    async stop() {
      if (stopping) return exited;
      stopping = true;
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
