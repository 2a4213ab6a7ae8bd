/**
 * Seeds a bench database from the command line and writes what it made (tokens, codes) as JSON to a file:
 *   node --import tsx bench/seed-cli.ts <database url> <customers> <out.json>
 * The A/B comparison (compare.ts) runs it from an export of an older commit, so that the rows match that
 * commit's schema and migrations.
 */
import { writeFileSync } from 'node:fs';
import { seedBench } from './lib/seed.js';

const [url, customers, out] = process.argv.slice(2);
if (!url || !customers || !out) {
  console.error('usage: seed-cli.ts <database url> <customers> <out.json>');
  process.exit(2);
}
const data = await seedBench(url, { customers: Number(customers) });
writeFileSync(out, JSON.stringify(data));
