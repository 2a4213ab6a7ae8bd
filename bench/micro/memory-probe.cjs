/**
 * Preloaded into a bench server (`node --require`) by memory-ab.ts: samples process.memoryUsage() every 50 ms and
 * writes to MEMORY_PROBE_OUT the sample with the highest RSS (with V8's heap spaces then) and each field's highest
 * value; on SIGUSR2 it collects garbage (the server runs with --expose-gc) and adds what is still live. The API is
 * untouched, so any commit's server can be read the same way.
 */
'use strict';
const { writeFileSync } = require('node:fs');
const v8 = require('node:v8');
const { isMainThread } = require('node:worker_threads');

const out = process.env.MEMORY_PROBE_OUT;
const spaces = () => Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
// Workers inherit the preload (execArgv): only the main thread's heap is the server's (SQLite's checkpointer is a worker).
if (out && isMainThread) {
  let atPeak = null;
  let afterGc = null;
  const max = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const write = () => writeFileSync(out, JSON.stringify({ atPeak, max, afterGc }));
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    let changed = false;
    for (const k of Object.keys(max)) if (m[k] > max[k]) ((max[k] = m[k]), (changed = true));
    if (!atPeak || m.rss > atPeak.rss) ((atPeak = { ...m, spaces: spaces() }), (changed = true));
    // Written when something grew: the server may be killed without an exit handler running.
    if (changed) write();
  }, 50);
  timer.unref();
  process.on('SIGUSR2', () => {
    if (typeof global.gc === 'function') (global.gc(), global.gc());
    afterGc = { ...process.memoryUsage(), spaces: spaces() };
    write();
  });
}
