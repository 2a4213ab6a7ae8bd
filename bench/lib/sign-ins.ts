/**
 * Sign-ins through HTTP before a server's memory is watched, as a shop's morning brings them: the bench's customers
 * and cashiers are seeded with sessions (seed.ts), so without this the server would never hash a PIN. Each sign-in
 * hashes one with scrypt (16 MiB, on one of libuv's four threads), and what glibc's allocator keeps of those blocks
 * afterwards is part of a real server's memory (docs/SCALING.md, session 32): 8 sign-ins took an idle server
 * from 96 to 133 MB with glibc's moving mmap threshold.
 */
import { BENCH_PIN, type BenchCustomer } from './seed.js';
import type { RunningServer } from './server.js';

/** Four at a time, one per libuv thread: the most scrypt blocks a server holds at once. */
const AT_ONCE = 4;

/** Signs in `count` distinct customers (sign-ins of one handle run one at a time on the server: auth/routes.ts). */
export async function signInAsTheDayStarts(server: RunningServer, customers: readonly BenchCustomer[], count = 16): Promise<void> {
  const who = customers.slice(-count);
  for (let i = 0; i < who.length; i += AT_ONCE) {
    await Promise.all(
      who.slice(i, i + AT_ONCE).map(async (c) => {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'customer', handle: c.handle, pin: BENCH_PIN }),
        });
        if (res.status !== 201) throw new Error(`sign-in of ${c.handle}: ${res.status} ${await res.text()}`);
      }),
    );
  }
}
