/**
 * Web security at the HTTP layer, route by route (the same route list as the auth matrix):
 * - every answer — success or error, API or page — says nosniff, no referrer, no framing; over HTTPS it pins
 *   HTTPS (HSTS);
 * - answers that hold a session token or someone's money are never kept by a cache;
 * - every route that takes a body refuses anything but application/json (415: no form posts, no CSRF) and any
 *   body over the size limit (413), before it does anything;
 * - CORS stays closed: a request from another origin never gets Access-Control-Allow-Origin, a preflight
 *   never gets permission;
 * - the app's pages (build/200.html, when the front end is built) carry a Content-Security-Policy that allows
 *   exactly their own inline scripts and forbids framing, plugins and <base>;
 * - random requests (method, path, content type, body, token, origin) never get a 5xx or lose these headers.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BODY_MAX_BYTES, createApp } from '../../api/app.js';
import { staticSite } from '../../api/node-static.js';
import { dialects, newKey, startTestApi, useInvariantCheck, type TestApi } from './harness.js';
import { ROUTE_CASES } from '../support/route-cases.js';
import { buildWorld, type World, type Who } from '../support/world.js';

const BUILD_DIR = path.resolve(import.meta.dirname, '../../build');
const PAGE = path.join(BUILD_DIR, '200.html');
const EVIL_ORIGIN = 'https://evil.example';

type Headers_ = { get(name: string): string | null };

/** The headers every answer carries, whatever its status. Returns what is missing or wrong. */
function securityHeaderProblems(headers: Headers_): string[] {
  const problems: string[] = [];
  if (headers.get('x-content-type-options') !== 'nosniff') problems.push(`X-Content-Type-Options: ${headers.get('x-content-type-options')}`);
  const referrer = headers.get('referrer-policy');
  if (!['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(referrer ?? '')) problems.push(`Referrer-Policy: ${referrer}`);
  const frame = headers.get('x-frame-options');
  const ancestors = /frame-ancestors\s+'none'/.test(headers.get('content-security-policy') ?? '');
  if (frame !== 'DENY' && frame !== 'SAMEORIGIN' && !ancestors) problems.push(`framing allowed: X-Frame-Options ${frame}, no frame-ancestors`);
  if (headers.get('access-control-allow-origin') !== null) problems.push(`Access-Control-Allow-Origin: ${headers.get('access-control-allow-origin')}`);
  if (headers.get('access-control-allow-credentials') !== null) problems.push('Access-Control-Allow-Credentials present');
  if (headers.get('x-powered-by') !== null) problems.push(`X-Powered-By: ${headers.get('x-powered-by')}`);
  return problems;
}

/** Reads at most the first chunk of a body (an event stream never ends), then lets it go. */
async function firstChunk(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return value ? new TextDecoder().decode(value) : '';
}

describe.each(dialects)('web security on %s', (dialect) => {
  let api: TestApi;
  let w: World;
  /** The whole server as main.ts builds it: the API plus the built pages when there are any. */
  let site: ReturnType<typeof createApp>;

  beforeAll(async () => {
    api = await startTestApi(dialect);
    w = await buildWorld(api);
    site = createApp(api.deps, { serveStatic: staticSite(BUILD_DIR) });
  });
  useInvariantCheck(() => api);

  it('every route answers with nosniff, no referrer, no framing and no CORS grant, on success and on error, even asked from another origin', async () => {
    const problems: string[] = [];
    let successes = 0;
    for (const c of ROUTE_CASES) {
      for (const who of ['manager', 'customer', 'none'] as Who[]) {
        const res = await c.send(w, who, { origin: EVIL_ORIGIN });
        if (res.status < 300) successes++;
        for (const p of securityHeaderProblems(res.headers)) problems.push(`${c.route} as ${who} (${res.status}): ${p}`);
      }
    }
    expect(problems).toEqual([]);
    // Not only refusals were looked at: most routes answered one of the callers with success.
    expect(successes).toBeGreaterThanOrEqual(ROUTE_CASES.length);
  });

  it('over HTTPS (direct or behind a TLS proxy) every answer pins HTTPS for a year with HSTS', async () => {
    const answers = [
      await w.app.request('https://pos.example/api/health'),
      await w.app.request('https://pos.example/api/wallet'),
      await w.app.request('/api/me', { headers: { 'x-forwarded-proto': 'https', authorization: `Bearer ${w.tokens.customer}` } }),
      await w.app.request('https://pos.example/api/nope', { method: 'POST' }),
    ];
    for (const res of answers) {
      const hsts = res.headers.get('strict-transport-security') ?? '';
      const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
      expect(maxAge, `HSTS "${hsts}" on ${res.status}`).toBeGreaterThanOrEqual(31_536_000);
    }
  });

  it('answers that hold a session token, a ticket or someone’s money tell caches not to store them', async () => {
    const sensitive: [string, string, Who, unknown?][] = [
      ['POST', '/api/sessions', 'none', { role: 'customer', handle: 'carol', pin: '3333' }],
      ['GET', '/api/me', 'customer'],
      ['GET', '/api/wallet', 'customer'],
      ['GET', '/api/coupons', 'customer'],
      ['GET', '/api/payments', 'customer'],
      ['GET', `/api/payments/${w.ids.payment}`, 'cashier'],
      ['POST', '/api/events/ticket', 'cashier'],
      ['GET', '/api/reports/x', 'cashier'],
    ];
    const problems: string[] = [];
    for (const [method, url, who, body] of sensitive) {
      const res = await api.request(method, url, { token: w.tokens[who], body });
      expect(res.status, `${method} ${url}`).toBeLessThan(300);
      const cache = res.headers.get('cache-control') ?? '';
      if (!/no-store/.test(cache)) problems.push(`${method} ${url}: Cache-Control "${cache}"`);
    }
    expect(problems).toEqual([]);
  });

  it('every route that takes a body refuses forms, text and undeclared bodies with 415, and changes nothing', async () => {
    const types = ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'application/xml', 'application/jsonx', undefined];
    const topupsBefore = (await api.request('GET', '/api/wallet', { token: w.tokens.customer })).body.balance;
    const problems: string[] = [];
    let cells = 0;
    for (const c of ROUTE_CASES.filter((r) => r.body || r.method === 'DELETE')) {
      for (const type of types) {
        const token = c.route.startsWith('POST /api/wallet') || c.route.includes('/shares') || c.route.includes('/claims') || c.route === 'POST /api/paycodes' ? w.tokens.customer : w.tokens.manager;
        // What a cross-site form or a "simple" fetch would send: a body that is valid JSON, under another type.
        const body = c.route === 'POST /api/wallet/topups' ? '{"amount":{"amount":100,"currency":"CNY"}}' : '{}';
        const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'idempotency-key': newKey() };
        if (type) headers['content-type'] = type;
        const res = await w.app.request(c.path(w), { method: c.method, headers, body });
        cells++;
        const answer = await res.json().catch(() => null);
        if (res.status !== 415 || answer?.error?.code !== 'UNSUPPORTED_MEDIA_TYPE') problems.push(`${c.method} ${c.path(w)} as ${type ?? '(no type)'}: ${res.status} ${JSON.stringify(answer)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(cells).toBeGreaterThan(60);
    expect((await api.request('GET', '/api/wallet', { token: w.tokens.customer })).body.balance).toEqual(topupsBefore);
    // The DELETE of the session was refused too: the manager is still signed in.
    expect((await api.request('GET', '/api/me', { token: w.tokens.manager })).status).toBe(200);
  });

  it('every route that takes a body refuses one over the size limit with 413, declared or streamed', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(BODY_MAX_BYTES) });
    const problems: string[] = [];
    for (const c of ROUTE_CASES.filter((r) => r.body)) {
      const res = await w.app.request(c.path(w), {
        method: c.method,
        headers: { authorization: `Bearer ${w.tokens.manager}`, 'idempotency-key': newKey(), 'content-type': 'application/json' },
        body: big,
      });
      const answer = await res.json().catch(() => null);
      if (res.status !== 413 || answer?.error?.code !== 'PAYLOAD_TOO_LARGE') problems.push(`${c.method} ${c.path(w)}: ${res.status} ${JSON.stringify(answer)}`);
    }
    expect(problems).toEqual([]);
  });

  it('a session token in a URL never opens the event stream: only a single-use ticket does', async () => {
    const token = w.tokens.cashier!;
    for (const query of [`ticket=${token}`, `token=${token}`, `access_token=${token}`, `authorization=Bearer%20${token}`]) {
      const res = await w.app.request(`/api/events?${query}`);
      const text = await firstChunk(res);
      expect(res.status, `${query} -> ${text}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    // The same token in the header does open it, so the refusals above are about the URL, not the token.
    const ok = await w.app.request('/api/events', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    await firstChunk(ok);
  });

  it('CORS is closed: a preflight from another origin gets no permission, for any route', async () => {
    const problems: string[] = [];
    for (const c of ROUTE_CASES) {
      const res = await w.app.request(c.path(w), {
        method: 'OPTIONS',
        headers: { origin: EVIL_ORIGIN, 'access-control-request-method': c.method, 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
      });
      for (const name of ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-allow-credentials']) {
        if (res.headers.get(name) !== null) problems.push(`OPTIONS ${c.path(w)}: ${name}: ${res.headers.get(name)}`);
      }
      if (res.status < 300) problems.push(`OPTIONS ${c.path(w)}: ${res.status}`);
      problems.push(...securityHeaderProblems(res.headers).map((p) => `OPTIONS ${c.path(w)}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it(
    fs.existsSync(PAGE)
      ? "the app's pages carry a strict Content-Security-Policy that allows exactly their inline scripts"
      : 'without a built front end, the API answers still forbid framing (build/200.html is checked once it exists)',
    async () => {
      if (!fs.existsSync(PAGE)) {
        const res = await site.request('/cashier');
        expect(res.status).toBe(404);
        expect(securityHeaderProblems(res.headers)).toEqual([]);
        return;
      }
      for (const url of ['/', '/cashier', '/customer', '/customer/history', '/no/such/page']) {
        const res = await site.request(url);
        const html = await res.text();
        expect(res.status, url).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(securityHeaderProblems(res.headers), url).toEqual([]);
        const policy = res.headers.get('content-security-policy') ?? '';
        const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
        expect(directives['frame-ancestors'], url).toEqual(["'none'"]);
        expect(directives['object-src'], url).toEqual(["'none'"]);
        expect(directives['base-uri'], url).toEqual(["'none'"]);
        expect(directives['default-src'], url).toEqual(["'self'"]);
        const scripts: string[] = directives['script-src'] ?? [];
        expect(scripts, url).not.toContain("'unsafe-inline'");
        expect(scripts, url).not.toContain("'unsafe-eval'");
        expect(scripts.filter((s) => !s.startsWith("'sha256-") && s !== "'self'"), url).toEqual([]);
        // Every inline script of the page is allowed by its hash (else the app would not start), and no other.
        const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).filter((s) => s.trim());
        const { createHash } = await import('node:crypto');
        const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
        expect(scripts.filter((s) => s.startsWith("'sha256-")).sort(), url).toEqual([...new Set(hashes)].sort());
      }
      // Static files get the same headers; the service worker and the manifest too.
      for (const url of ['/sw.js', '/manifest.webmanifest', '/favicon.svg']) {
        const res = await site.request(url);
        await res.arrayBuffer();
        expect(res.status, url).toBe(200);
        expect(securityHeaderProblems(res.headers), url).toEqual([]);
      }
    },
  );

  it('random requests — any method, path, content type, body, token and origin — never get a 5xx or lose a security header', async () => {
    const paths = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ROUTE_CASES.map((c) => c.path(w))) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ROUTE_CASES.map((c) => c.path(w))), fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@/?-]{0,30}$/)).map(([p, tail]) => p + tail) },
      { weight: 1, arbitrary: fc.stringMatching(/^\/[A-Za-z0-9%._~!$&'()*+,;=:@/-]{0,60}$/) },
      { weight: 1, arbitrary: fc.constantFrom('/', '/cashier', '/customer', '/sw.js', '/_app/nope.js', '/api', '/api/', '/API/wallet', '/api//wallet', '/api/../api/wallet', '/%2e%2e/etc/passwd', '/api/%00') },
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
      path: paths,
      type: fc.option(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/octet-stream', 'APPLICATION/JSON'), { nil: undefined }),
      body: fc.option(fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 60 })), { nil: undefined }),
      who: fc.constantFrom<Who>('none', 'customer', 'manager', 'expired'),
      origin: fc.option(fc.constantFrom(EVIL_ORIGIN, 'null', 'http://localhost:3000'), { nil: undefined }),
      key: fc.boolean(),
    });
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        cases++;
        const headers: Record<string, string> = {};
        if (r.type) headers['content-type'] = r.type;
        if (r.origin) headers.origin = r.origin;
        if (w.tokens[r.who]) headers.authorization = `Bearer ${w.tokens[r.who]}`;
        if (r.key) headers['idempotency-key'] = newKey();
        const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
        const res = await site.request(r.path, { method: r.method, headers, body: hasBody ? r.body : undefined });
        const text = await firstChunk(res);
        const what = `${r.method} ${r.path} ${JSON.stringify(r)} -> ${res.status} ${text.slice(0, 200)}`;
        expect(res.status, what).toBeLessThan(500);
        expect(securityHeaderProblems(res.headers), what).toEqual([]);
        if (res.status >= 400 && r.path.startsWith('/api/') && r.method !== 'HEAD') expect(JSON.parse(text).error.code, what).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 300 },
    );
    console.log(`request fuzz on ${dialect}: ${cases} cases`);
  });
});
