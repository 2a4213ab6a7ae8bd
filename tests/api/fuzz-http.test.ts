/**
 * Bad HTTP on a real socket: the server main.ts runs (api/http/client-errors.ts nodeServer) in front of the real
 * app, fed raw bytes — broken or missing Host headers, a backslash in the path, odd Expect, Content-Length and
 * Transfer-Encoding headers, high bytes, odd versions and methods — fixed cases, then random ones (fast-check,
 * fixed seed: FUZZ_SEED=<n> to try another). Every complete request gets an answer; none is a 5xx; every 4xx is
 * `{error:{code, message}}` (a bare status line would be a non-JSON error); a refused one changes nothing.
 */
import net from 'node:net';
import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeServer } from '../../api/http/client-errors.js';
import { buildApp } from '../../api/server.js';
import { cny, dialects, newCode, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_HTTP_RUNS ?? 400);

interface RawAnswer {
  status: number;
  head: string;
  body: string;
}

/** Sends raw bytes, reads until the server closes (every request here says Connection: close) or 3 s pass. */
function raw(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    socket.on('data', (d) => chunks.push(d));
    socket.on('close', done);
    socket.on('error', () => {});
    setTimeout(() => {
      socket.destroy();
      done();
    }, 3_000);
  });
}

/** The last answer on the wire (after any 100 Continue), its body de-chunked. */
function parse(answer: string): RawAnswer | undefined {
  const answers = answer.split(/(?=HTTP\/1\.[01] \d{3} )/).filter((a) => !/^HTTP\/1\.[01] 100 /.test(a));
  const last = answers[answers.length - 1];
  if (!last?.startsWith('HTTP/')) return undefined;
  const at = last.indexOf('\r\n\r\n');
  const head = at < 0 ? last : last.slice(0, at);
  let body = at < 0 ? '' : last.slice(at + 4);
  if (/\r\ntransfer-encoding: chunked/i.test(head)) {
    let out = '';
    let rest = body;
    for (;;) {
      const line = rest.indexOf('\r\n');
      const size = parseInt(rest.slice(0, line), 16);
      if (!(size > 0)) break;
      out += rest.slice(line + 2, line + 2 + size);
      rest = rest.slice(line + 2 + size + 2);
    }
    body = out;
  }
  return { status: Number(head.split(' ')[1]), head, body: Buffer.from(body, 'latin1').toString('utf8') };
}

describe.each(dialects)('bad HTTP on a real socket on %s', (dialect) => {
  let api: TestApi;
  let server: Server;
  let port = 0;
  let cafe = '';
  let alice = '';

  beforeAll(async () => {
    api = await startTestApi(dialect);
    server = nodeServer(buildApp(api.deps).fetch, '127.0.0.1');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    alice = await api.signIn('customer', 'alice', '1111');
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  useInvariantCheck(() => api);

  /** Money and payments as they stand: a refused request leaves them so. */
  async function ledger() {
    const db = api.deps.db.kysely;
    const accounts = await db.selectFrom('accounts').select(['id', 'balance']).orderBy('id').execute();
    const payments = await db.selectFrom('payments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const keys = await db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return JSON.stringify({ accounts: accounts.map((a) => [a.id, String(a.balance)]), payments: String(payments.n), keys: String(keys.n) });
  }

  async function expectAnswered(bytes: Buffer, what: string) {
    const before = await ledger();
    const text = await raw(port, bytes);
    const answer = parse(text);
    const say = `${what}: ${JSON.stringify(bytes.toString('latin1').slice(0, 300))} -> ${JSON.stringify(text.slice(0, 400))}`;
    expect(answer, say).toBeDefined();
    expect(answer!.status, say).toBeLessThan(500);
    if (answer!.status >= 400 && !bytes.toString('latin1').startsWith('HEAD ')) {
      expect(answer!.head, say).toMatch(/\r\ncontent-type: application\/json/i);
      const body = JSON.parse(answer!.body);
      expect(body.error.code, say).toMatch(/^[A-Z][A-Z_]*$/);
      expect(body.error.message.length, say).toBeGreaterThan(0);
    }
    if (answer!.status >= 400 && answer!.status !== 402) expect(await ledger(), say).toBe(before);
    return answer!;
  }

  const payment = async () => JSON.stringify({ code: await newCode(api, alice), amount: cny(1) });
  const post = (body: string, extra = '', key = `fz-http-${Math.random().toString(36).slice(2)}`) =>
    Buffer.from(
      `POST /api/payments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${cafe}\r\nIdempotency-Key: ${key}\r\nContent-Type: application/json\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      'latin1',
    );

  it('requests the Node adapter or Node itself cannot take are refused in the error format, not with a bare status', async () => {
    const get = (target: string, headers: string) => Buffer.from(`GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`, 'latin1');
    const cases: [string, Buffer, number][] = [
      ['no Host header', get('/api/health', ''), 400],
      ['a Host header with spaces', get('/api/health', 'Host: a b c\r\n'), 400],
      ['a Host header with a path and a bad port', get('/api/health', 'Host: evil/../x:99999\r\n'), 400],
      ['a Host header of high bytes', get('/api/health', 'Host: \u00e9vil\u00ff\r\n'), 400],
      ['a backslash in the path', get('/api\\wallet', 'Host: localhost\r\n'), 400],
      ['a backslash in the path, signed in', get('/api\\payments', `Host: localhost\r\nAuthorization: Bearer ${cafe}\r\n`), 400],
      ['an Expect the server does not know', post(await payment(), 'Expect: 200-ok\r\n'), 417],
    ];
    for (const [what, bytes, status] of cases) {
      const answer = await expectAnswered(bytes, what);
      expect(answer.status, what).toBe(status);
    }
    // And what is well formed still reaches the app: HTTP/1.0 without a Host, an absolute-form target, 100-continue.
    expect((await expectAnswered(Buffer.from('GET /api/health HTTP/1.0\r\n\r\n'), 'HTTP/1.0')).status).toBe(200);
    expect((await expectAnswered(get('http://localhost/api/health', 'Host: localhost\r\n'), 'absolute form')).status).toBe(200);
    expect((await expectAnswered(post(await payment(), 'Expect: 100-continue\r\n'), '100-continue')).status).toBe(201);
  });

  it('random request lines and headers never get a 5xx or a bare error, and a refused payment moves nothing', async () => {
    const started = Date.now();
    const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/);
    const printable = fc.stringMatching(/^[ -~]{0,40}$/);
    const high = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => Buffer.from(b).toString('latin1').replace(/[\r\n]/g, 'x'));
    const hostValue = fc.oneof(
      fc.constantFrom('localhost', 'localhost:3000', '127.0.0.1', '[::1]', '[::1]:80', '', ' ', 'a b', 'x:99999', 'x:-1', 'x:', ':80', 'ex_ample', '..', 'évil', 'a'.repeat(300), 'localhost, other', 'user@host', 'host/path', 'host?q', 'host#f', '%00', 'LOCALHOST'),
      printable,
      high,
    );
    const target = fc.oneof(
      fc.constantFrom('/api/health', '/api/wallet', '/api/payments', '/api/payments/batch', '/api/reports/x', '/api/openapi.json', '/', '*', '/api/..%2f..%2f', '/api/%', '/api/%E0%A4%A', '/api\\x', '/api/x\\?y\\z', 'http://localhost/api/health', 'https://evil.example/api/wallet', 'ftp://x/', '//api/health', '/api/health?' + 'a'.repeat(2000)),
      fc.stringMatching(/^\/[!-~]{0,40}$/),
      high.map((h) => `/api/${h}`),
    );
    const header = fc.oneof(
      fc.tuple(fc.constantFrom('Expect'), fc.constantFrom('100-continue', '200-ok', '', '100-Continue', 'x')),
      fc.tuple(fc.constantFrom('Content-Length'), fc.constantFrom('0', '-1', 'abc', '1e3', ' 0', '00', '99999999999999999999')),
      fc.tuple(fc.constantFrom('Transfer-Encoding'), fc.constantFrom('chunked', 'gzip', 'identity', 'chunked, chunked', 'x')),
      fc.tuple(fc.constantFrom('Authorization'), fc.oneof(fc.constant(`Bearer ${cafe}`), fc.constant('Bearer'), printable, high)),
      fc.tuple(fc.constantFrom('Idempotency-Key', 'Content-Type', 'Accept', 'Origin', 'X-Forwarded-For', 'X-Forwarded-Proto', 'Cookie', 'Range', 'If-None-Match', 'Upgrade', 'Connection'), fc.oneof(printable, high)),
      fc.tuple(token, fc.oneof(printable, high)),
    );
    const request = fc.record({
      method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'get'), token),
      target,
      version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.2', 'HTTP/9.9', 'HTTP/1.1 x'),
      host: fc.option(hostValue, { nil: undefined }),
      headers: fc.array(header, { maxLength: 4 }),
      body: fc.option(fc.oneof(fc.constant('PAYMENT'), fc.constant('{}'), printable, high), { nil: undefined }),
    });
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        cases++;
        const body = r.body === 'PAYMENT' ? await payment() : r.body;
        const lines = [`${r.method} ${r.target} ${r.version}`];
        if (r.host !== undefined) lines.push(`Host: ${r.host}`);
        // Chunked and declared lengths the fixed cases cover; here a body, if any, is sent with its true length,
        // so that every request is complete and must be answered.
        for (const [name, value] of r.headers) if (!/^(content-length|transfer-encoding|connection)$/i.test(name)) lines.push(`${name}: ${value}`);
        if (body !== undefined) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body, 'latin1')}`);
        lines.push('Connection: close');
        const bytes = Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`, 'latin1');
        await expectAnswered(bytes, 'random');
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`HTTP fuzz on ${dialect}: ${cases} cases (seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
