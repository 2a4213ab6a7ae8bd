/**
 * Live results over server-sent events, through a real HTTP server (EventSource needs a socket, not
 * app.request): the harness's app served by @hono/node-server on a free port, and on PostgreSQL two separate
 * server processes (`tsx api/main.ts`) on one database, where events fan out through LISTEN/NOTIFY.
 *
 * Nothing here is timed: a stream is read into a list as it arrives, and a test waits (generously) until the
 * event it expects is in the list. That something did NOT arrive is shown by order instead of by waiting: the
 * stream of another shop gets that shop's next payment first, and the events of one stream arrive in order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { openDatabase } from '../../api/db/connect.js';
import { checkInvariants } from '../../api/ledger/invariants.js';
import { cny, dialects, freshDatabaseUrl, newCode, newKey, pay, startTestApi, useInvariantCheck, type DialectName, type TestApi } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** How long a test waits for something that should take milliseconds, before it calls it lost. */
const PATIENCE_MS = 15_000;
/** Starting a server process compiles TypeScript (tsx); on two shared cores under load that can take a while. */
const SERVER_START_MAX_MS = 100_000;
/** For the tests that start server processes: a few starts, each up to SERVER_START_MAX_MS in the worst case. */
const PROCESS_TEST_TIMEOUT_MS = 240_000;

interface SseEvent {
  event: string;
  data: any;
}

interface Stream {
  status: number;
  body: any;
  events: SseEvent[];
  /** Resolves with the first event that matches, waiting for it if need be; fails after PATIENCE_MS. */
  next(match: (e: SseEvent) => boolean, what: string): Promise<SseEvent>;
  payments(): any[];
  close(): void;
  /** Resolves when the server ends the stream; fails after PATIENCE_MS. */
  ended(): Promise<void>;
}

/** Opens GET /api/events?ticket=… and parses the stream into `events` as it arrives. */
async function openStream(base: string, ticket: string): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events?ticket=${encodeURIComponent(ticket)}`, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  const events: SseEvent[] = [];
  let body: any = null;
  let done = false;
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
            }
            if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')) });
          }
        }
      } catch {
        // aborted by close()
      }
      done = true;
    })();
  } else {
    body = await res.json().catch(() => null);
  }
  return {
    status: res.status,
    body,
    events,
    async next(match, what) {
      const deadline = Date.now() + PATIENCE_MS;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no ${what} on the stream; it got: ${JSON.stringify(events.map((e) => [e.event, e.data?.payment?.id]))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    payments: () => events.filter((e) => e.event === 'payment').map((e) => e.data.payment),
    close: () => controller.abort(),
    async ended() {
      const deadline = Date.now() + PATIENCE_MS;
      while (!done) {
        if (Date.now() > deadline) throw new Error('the stream is still open');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

const paymentEvent = (id: string, status?: string) => (e: SseEvent) => e.event === 'payment' && e.data.payment.id === id && (!status || e.data.payment.status === status);

async function httpJson(base: string, method: string, url: string, options: { token?: string; key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers['idempotency-key'] = options.key;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${url}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * One API for the describe block on a fresh database, served over HTTP on a free port (an event stream needs a socket,
 * which app.request has not): `started` is given it and its address before the tests. After them the server and the
 * `streams` opened are closed, and the ledger is checked.
 */
function useServedApi(dialect: DialectName, streams: Stream[], started: (api: TestApi, base: string) => void) {
  let api: TestApi | undefined;
  let server: ReturnType<typeof serve>;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    const app = createApp(api.deps);
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    });
    started(api, `http://127.0.0.1:${port}`);
  });
  useInvariantCheck(() => api);
  afterAll(async () => {
    for (const s of streams) s.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  });
}

describe.each(dialects)('live payment events on %s', (dialect) => {
  let api: TestApi;
  let base: string;
  const streams: Stream[] = [];

  const ticketFor = async (token: string) => {
    const res = await api.request('POST', '/api/events/ticket', { token });
    expect(res.status).toBe(201);
    return res.body.ticket as string;
  };
  const listen = async (token: string) => {
    const stream = await openStream(base, await ticketFor(token));
    streams.push(stream);
    expect(stream.status).toBe(200);
    // The server subscribes before it says ready, so nothing sent after this can be missed.
    await stream.next((e) => e.event === 'ready', 'ready event');
    return stream;
  };

  useServedApi(dialect, streams, (started, url) => ((api = started), (base = url)));

  it("the customer and every till of the shop see a payment as it happens; another shop's till does not", async () => {
    const alice = await api.signIn('customer', 'alice', '1111');
    const bob = await api.signIn('customer', 'bob', '2222');
    const cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    const [aliceStream, bobStream, cafeStream, ownerStream, booksStream] = (await Promise.all([alice, bob, cafe, owner, books].map(listen))) as [Stream, Stream, Stream, Stream, Stream];

    const paid = await pay(api, cafe, await newCode(api, alice), 2300);
    expect(paid.status).toBe(201);
    const id = paid.body.payment.id;
    for (const stream of [aliceStream, cafeStream, ownerStream]) {
      const event = await stream.next(paymentEvent(id), `payment ${id}`);
      expect(event.data.payment).toMatchObject({ id, status: 'succeeded', amount: cny(2300), charged: cny(2300), merchantName: 'Demo Café', customerHandle: 'alice' });
    }

    // Next, a payment at the bookshop by bob: it is the first payment the bookshop's till and bob ever see, so
    // they never saw alice's café payment, which came before it.
    const other = await pay(api, books, await newCode(api, bob), 700);
    expect(other.status).toBe(201);
    await booksStream.next(paymentEvent(other.body.payment.id), 'the bookshop payment');
    await bobStream.next(paymentEvent(other.body.payment.id), "bob's payment");
    expect(booksStream.payments().map((p) => p.id)).toEqual([other.body.payment.id]);
    expect(bobStream.payments().map((p) => p.id)).toEqual([other.body.payment.id]);
    // And alice's phone and the café's tills did not get bob's bookshop payment: alice's next payment comes
    // right after her first.
    const again = await pay(api, cafe, await newCode(api, alice), 100);
    expect(again.status).toBe(201);
    await aliceStream.next(paymentEvent(again.body.payment.id), "alice's second payment");
    await cafeStream.next(paymentEvent(again.body.payment.id), "the café's second payment");
    expect(aliceStream.payments().map((p) => p.id)).toEqual([id, again.body.payment.id]);
    expect(cafeStream.payments().map((p) => p.id)).toEqual([id, again.body.payment.id]);
  });

  it('an idle stream says `ping` each heartbeat, as its `ready` said: an event, which a browser hears (a comment it would not)', async () => {
    const heartbeatMs = api.deps.config.eventsHeartbeatMs;
    api.deps.config.eventsHeartbeatMs = 300;
    try {
      const stream = await listen(await api.signIn('customer', 'alice', '1111'));
      expect(stream.events[0]).toEqual({ event: 'ready', data: { heartbeatMs: 300 } });
      await stream.next((e) => e.event === 'ping', 'ping event');
      expect(stream.events.find((e) => e.event === 'ping')!.data).toEqual({});
      stream.close();
    } finally {
      api.deps.config.eventsHeartbeatMs = heartbeatMs;
    }
  });

  it("a code made for a customer is told, by its expiry only, to each of that customer's streams and nobody else's", async () => {
    // alice signed in on two phones; bob; a till of the shop.
    const [phoneA, phoneB, bob, cafe] = await Promise.all([
      api.signIn('customer', 'alice', '1111'),
      api.signIn('customer', 'alice', '1111'),
      api.signIn('customer', 'bob', '2222'),
      api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe'),
    ]);
    const [streamA, streamB, bobStream, cafeStream] = (await Promise.all([phoneA, phoneB, bob, cafe].map(listen))) as [Stream, Stream, Stream, Stream];
    const paycodeEvents = (stream: Stream) => stream.events.filter((e) => e.event === 'paycode');

    const first = await api.request('POST', '/api/paycodes', { token: phoneA, body: {} });
    expect(first.status).toBe(201);
    api.clock.advance(1_000); // the phones tell codes apart by their expiry: this test's clock stands still otherwise
    const second = await api.request('POST', '/api/paycodes', { token: phoneB, body: {} });
    expect(second.status).toBe(201);
    for (const stream of [streamA, streamB]) {
      await stream.next((e) => e.event === 'paycode' && e.data.expiresAt === second.body.expiresAt, 'the second code');
      // Both codes, in the order they were made, each named by its expiry and nothing more (never its digits).
      expect(paycodeEvents(stream).map((e) => e.data)).toEqual([{ expiresAt: first.body.expiresAt }, { expiresAt: second.body.expiresAt }]);
    }

    // Nobody else hears of alice's codes: bob hears of his own only, the till of none (it hears the payment).
    const bobsCode = await newCode(api, bob);
    await bobStream.next((e) => e.event === 'paycode', "bob's code");
    const paid = await pay(api, cafe, second.body.code, 500);
    expect(paid.status).toBe(201);
    await cafeStream.next(paymentEvent(paid.body.payment.id), 'the payment');
    await streamA.next(paymentEvent(paid.body.payment.id), 'the payment');
    expect(paycodeEvents(bobStream)).toHaveLength(1);
    expect(paycodeEvents(cafeStream)).toEqual([]);
    expect(paycodeEvents(streamA)).toHaveLength(2);
    expect(bobsCode).toMatch(/^\d{18}$/);
  });

  it('a declined payment and a refund reach the screens too, with the new state', async () => {
    const carol = await api.signIn('customer', 'carol', '3333');
    const cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const [phone, till] = await Promise.all([listen(carol), listen(cafe)]);

    const carolsCode = await newCode(api, carol);
    const declined = await pay(api, cafe, carolsCode, 1_000_000);
    expect(declined.status).toBe(402);
    const seen = await phone.next(paymentEvent(declined.body.payment.id), 'the declined payment');
    expect(seen.data.payment).toMatchObject({ status: 'declined', reason: 'INSUFFICIENT_FUNDS' });
    const atTill = await till.next(paymentEvent(declined.body.payment.id, 'declined'), 'the declined payment at the till');
    expect(atTill.data.payment.customerHandle).toBe('carol');
    // That used code read again at the café, which saw it was Carol's: the till is told so (USED_HERE).
    const again = await pay(api, cafe, carolsCode, 100);
    const usedHere = await till.next(paymentEvent(again.body.payment.id, 'declined'), 'the used code again at the till');
    expect([usedHere.data.payment.reason, usedHere.data.payment.reasonDetail, usedHere.data.payment.customerHandle]).toEqual(['CODE_USED', 'USED_HERE', 'carol']);
    // A photo of it held up at another shop: that till is told the decline without whose code it was; the phone
    // is told of the attempt.
    const books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    const otherTill = await listen(books);
    const photo = await pay(api, books, carolsCode, 100);
    const stale = await otherTill.next(paymentEvent(photo.body.payment.id, 'declined'), 'the stale code at the other till');
    expect([stale.data.payment.reason, stale.data.payment.customerHandle, stale.data.payment.customerId]).toEqual(['CODE_USED', null, null]);
    expect((await phone.next(paymentEvent(photo.body.payment.id), 'the attempt on the phone')).data.payment.customerHandle).toBe('carol');

    // The decline written off as not paid and a manager taking that back: the shop's records, told to the till (with
    // the trace of the note taken back), never to the phone, whose payment stays the decline it was told.
    const owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const notPaid = `/api/payments/${declined.body.payment.id}/not-paid`;
    expect((await api.request('POST', notPaid, { token: cafe, key: newKey(), body: { note: 'Left' } })).status).toBe(201);
    expect((await api.request('DELETE', notPaid, { token: owner, key: newKey() })).status).toBe(200);
    const takenBack = await till.next((e) => e.event === 'payment' && e.data.payment.id === declined.body.payment.id && e.data.payment.notPaidTakenBack?.length === 1, 'the take-back at the till');
    expect(takenBack.data.payment).toMatchObject({ notPaid: null, notPaidTakenBack: [{ note: 'Left', cashierHandle: 'cashier-1', takenBackByHandle: 'owner' }] });

    const paid = await pay(api, cafe, await newCode(api, carol), 1200);
    expect(paid.status).toBe(201);
    const refund = await api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(200) } });
    expect(refund.status).toBe(201);
    for (const stream of [phone, till]) {
      const event = await stream.next(paymentEvent(paid.body.payment.id, 'partially_refunded'), 'the refund');
      expect(event.data.payment.refunded).toEqual(cny(200));
    }
    expect(phone.payments().filter((p) => p.id === declined.body.payment.id)).toHaveLength(1);
  });

  it('a till signed out hears nothing more: its stream ends at the next event, which the other tills still get', async () => {
    const alice = await api.signIn('customer', 'alice', '1111');
    const cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const leaving = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const [stays, goes] = (await Promise.all([cafe, leaving].map(listen))) as [Stream, Stream];
    expect((await api.request('DELETE', '/api/sessions/current', { token: leaving })).status).toBe(204);

    const paid = await pay(api, cafe, await newCode(api, alice), 800);
    await stays.next(paymentEvent(paid.body.payment.id), 'the payment at the till still signed in');
    await goes.ended();
    expect(goes.payments().map((p) => p.id)).not.toContain(paid.body.payment.id);
  });

  it('a ticket opens one stream, once, within 30 seconds, and only while its session lasts', async () => {
    const bob = await api.signIn('customer', 'bob', '2222');
    const ticket = await ticketFor(bob);
    const first = await openStream(base, ticket);
    streams.push(first);
    expect(first.status).toBe(200);
    const second = await openStream(base, ticket);
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe('UNAUTHENTICATED');

    // Two connections racing with one ticket: exactly one stream opens.
    const contested = await ticketFor(bob);
    const racing = await Promise.all(Array.from({ length: 5 }, () => openStream(base, contested)));
    streams.push(...racing);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);

    const late = await ticketFor(bob);
    api.clock.advance(31_000);
    const expired = await openStream(base, late);
    expect(expired.status).toBe(401);

    const orphan = await ticketFor(bob);
    expect((await api.request('DELETE', '/api/sessions/current', { token: bob })).status).toBe(204);
    const signedOut = await openStream(base, orphan);
    expect(signedOut.status).toBe(401);

    // A session token is not a ticket: it never belongs in a URL, and the server does not take it from one.
    const alice = await api.signIn('customer', 'alice', '1111');
    const tokenInUrl = await openStream(base, alice);
    expect(tokenInUrl.status).toBe(401);
    for (const made of ['not-a-ticket-at-all', 'x'.repeat(100)]) expect((await openStream(base, made)).status).toBe(401);
  });
});

/**
 * PostgreSQL restarts and fails over; a proxy drops idle connections. The connection that LISTENs for events is
 * one of them: when it is cut, live results must keep coming once the database is back, not stop until the
 * server is restarted. Here the database cuts only this test's LISTEN connection (pg_terminate_backend).
 */
describe.each(dialects.filter((d) => d === 'postgres'))('live events on %s after the event connection drops', (dialect) => {
  let api: TestApi;
  let base: string;
  const streams: Stream[] = [];

  useServedApi(dialect, streams, (started, url) => ((api = started), (base = url)));

  it('the till still sees payments after the database cut the connection events arrive on', async () => {
    const cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const alice = await api.signIn('customer', 'alice', '1111');
    const ticket = await api.request('POST', '/api/events/ticket', { token: cafe });
    const till = await openStream(base, ticket.body.ticket);
    streams.push(till);
    await till.next((e) => e.event === 'ready', 'ready event');
    const before = await pay(api, cafe, await newCode(api, alice), 100);
    await till.next(paymentEvent(before.body.payment.id), 'the payment before the cut');

    const database = new URL(api.databaseUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: api.databaseUrl });
    await admin.connect();
    try {
      const cut = await admin.query(
        `select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = $1 and query ilike 'listen%' and pid <> pg_backend_pid()`,
        [database],
      );
      expect(cut.rows.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }

    // Payments go on at the counter; the till's screen must catch up with them, without a restart.
    const after: string[] = [];
    const deadline = Date.now() + 10_000;
    while (!till.payments().some((p) => after.includes(p.id)) && Date.now() < deadline) {
      const paid = await pay(api, cafe, await newCode(api, alice), 100);
      expect(paid.status).toBe(201);
      after.push(paid.body.payment.id);
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(till.payments().some((p) => after.includes(p.id)), `none of ${after.length} payments after the cut reached the till`).toBe(true);
  });
});

/** A free TCP port on this machine (the OS picks it; we release it for the server to take). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Process {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts api/main.ts (through tsx, unbundled: production runs the same code bundled) on its own port, and waits until it answers /api/health. */
async function startServer(databaseUrl: string, demo: boolean): Promise<Process> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', BUILD_ON_START: '0', LOG_LEVEL: 'silent', DEMO: demo ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Should this test worker die without its afterAll, the server must not outlive it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  void exited.then(() => process.off('exit', orphanGuard));
  return { child, base: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Waits until the server is healthy; resolves false if it exited first. */
async function healthy(server: Process): Promise<boolean> {
  let gone = false;
  void server.exited.then(() => (gone = true));
  const deadline = Date.now() + SERVER_START_MAX_MS;
  while (Date.now() < deadline) {
    if (gone) return false;
    try {
      const res = await fetch(`${server.base}/api/health`);
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${server.output()}`);
}

async function stopServer(server: Process | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
}

async function signInOver(base: string, body: object): Promise<string> {
  const res = await httpJson(base, 'POST', '/api/sessions', { body });
  expect(res.status).toBe(201);
  return res.body.token;
}

describe.each(dialects.filter((d) => d === 'postgres'))('two server processes on one %s database', () => {
  const started: Process[] = [];
  const databases: { url: string; drop(): Promise<void> }[] = [];
  const streams: Stream[] = [];

  afterAll(async () => {
    for (const s of streams) s.close();
    await Promise.all(started.map(stopServer));
    for (const database of databases) {
      // Payments went through both processes: the books they left must balance (DESIGN.md "Ledger"), as after
      // every other scenario of the suite.
      const db = await openDatabase(database.url, { migrate: false });
      try {
        expect((await checkInvariants(db.kysely)).violations).toEqual([]);
      } finally {
        await db.close();
      }
      await database.drop();
    }
  }, 30_000);

  it('a payment made through one server reaches the event streams opened on the other', async () => {
    const db = await freshDatabaseUrl('postgres');
    databases.push(db);
    // A seeds the demo data; B, started at the same time with DEMO=0, only migrates (under the migrator's lock).
    const [a, b] = await Promise.all([startServer(db.url, true), startServer(db.url, false)]);
    started.push(a, b);
    expect(await Promise.all([healthy(a), healthy(b)])).toEqual([true, true]);

    // Sessions live in the database: signed in on A, the same token works on B.
    const cafe = await signInOver(a.base, { role: 'cashier', merchant: 'demo-cafe', handle: 'cashier-1', pin: '1234' });
    const alice = await signInOver(a.base, { role: 'customer', handle: 'alice', pin: '1111' });
    const open = async (server: Process, token: string) => {
      const ticket = await httpJson(server.base, 'POST', '/api/events/ticket', { token });
      expect(ticket.status).toBe(201);
      const stream = await openStream(server.base, ticket.body.ticket);
      streams.push(stream);
      expect(stream.status).toBe(200);
      await stream.next((e) => e.event === 'ready', 'ready event');
      return stream;
    };
    const [tillOnB, phoneOnB, tillOnA] = await Promise.all([open(b, cafe), open(b, alice), open(a, cafe)]);

    const code = await httpJson(a.base, 'POST', '/api/paycodes', { token: alice, body: {} });
    expect(code.status).toBe(201);
    const paid = await httpJson(a.base, 'POST', '/api/payments', { token: cafe, key: newKey(), body: { code: code.body.code, amount: cny(1800) } });
    expect(paid.status).toBe(201);
    const id = paid.body.payment.id;
    for (const stream of [tillOnB, phoneOnB, tillOnA]) {
      const event = await stream.next(paymentEvent(id), `payment ${id} made on A`);
      expect(event.data.payment).toMatchObject({ id, status: 'succeeded', charged: cny(1800) });
    }

    // And the other way round, B to A; each stream gets each payment exactly once, in order.
    const code2 = await httpJson(b.base, 'POST', '/api/paycodes', { token: alice, body: {} });
    const paid2 = await httpJson(b.base, 'POST', '/api/payments', { token: cafe, key: newKey(), body: { code: code2.body.code, amount: cny(300) } });
    expect(paid2.status).toBe(201);
    for (const stream of [tillOnA, tillOnB, phoneOnB]) {
      await stream.next(paymentEvent(paid2.body.payment.id), `payment made on B`);
      expect(stream.payments().map((p) => p.id)).toEqual([id, paid2.body.payment.id]);
    }
  }, PROCESS_TEST_TIMEOUT_MS);

  it('two servers started at the same moment on an empty database both come up, with the demo data seeded once', async () => {
    const db = await freshDatabaseUrl('postgres');
    databases.push(db);
    const [a, b] = await Promise.all([startServer(db.url, true), startServer(db.url, true)]);
    started.push(a, b);
    const [upA, upB] = await Promise.all([healthy(a), healthy(b)]);
    expect({ upA, upB, output: upA && upB ? '' : `${a.output()}\n${b.output()}`.slice(0, 2000) }).toEqual({ upA: true, upB: true, output: '' });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const merchants = await client.query(`select handle from merchants order by handle`);
      expect(merchants.rows.map((r) => r.handle)).toEqual(['demo-books', 'demo-cafe']);
      const customers = await client.query(`select count(*)::int as n from customers`);
      expect(customers.rows[0].n).toBe(3);
    } finally {
      await client.end();
    }
    // Both serve: a sign-in on each.
    await signInOver(a.base, { role: 'customer', handle: 'bob', pin: '2222' });
    await signInOver(b.base, { role: 'customer', handle: 'bob', pin: '2222' });
  }, PROCESS_TEST_TIMEOUT_MS);
});
