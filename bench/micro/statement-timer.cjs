/**
 * Where SQLite's time goes, statement by statement: preload it into any node process that uses better-sqlite3
 * and it prints, at exit, each statement's count, total and mean wall time (COMMIT's fsync included), slowest
 * first. Earlier sessions patched the driver by hand for this; this leaves the API untouched.
 *   node --require ./bench/micro/statement-timer.cjs dist/micro.mjs sqlite 2000 1
 * (micro.mjs: see settle-inprocess.ts). Patches better-sqlite3 as found from the working directory.
 */
const Database = require(require.resolve('better-sqlite3', { paths: [process.cwd()] }));

const stats = new Map();
function record(sql, started) {
  const micros = Number(process.hrtime.bigint() - started) / 1000;
  const key = sql.replace(/\s+/g, ' ').trim().slice(0, 100);
  const entry = stats.get(key) ?? { count: 0, micros: 0 };
  entry.count++;
  entry.micros += micros;
  stats.set(key, entry);
}

const scratch = new Database(':memory:');
const statementProto = Object.getPrototypeOf(scratch.prepare('select 1'));
scratch.close();
for (const method of ['run', 'all', 'get', 'iterate']) {
  const original = statementProto[method];
  statementProto[method] = function (...args) {
    const started = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      record(this.source, started);
    }
  };
}
const exec = Database.prototype.exec;
Database.prototype.exec = function (sql) {
  const started = process.hrtime.bigint();
  try {
    return exec.call(this, sql);
  } finally {
    record(sql, started);
  }
};

process.on('exit', () => {
  const rows = [...stats].sort((a, b) => b[1].micros - a[1].micros).slice(0, 30);
  console.log('  count   total ms   mean µs  statement');
  for (const [sql, { count, micros }] of rows) {
    console.log(`${String(count).padStart(7)} ${(micros / 1000).toFixed(0).padStart(10)} ${(micros / count).toFixed(1).padStart(9)}  ${sql}`);
  }
});
