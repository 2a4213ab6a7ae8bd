/**
 * The auth matrix: every route of the API, asked by every kind of caller — nobody, an expired session, a
 * signed-out session, the customer, another customer, a cashier and a manager of another shop, the shop's
 * cashier, the shop's manager — with a request that would succeed for the right one. Each cell has its expected
 * status (and error code); a 2xx answer is also checked for whose data it holds. The matrix fails when the
 * OpenAPI document lists a route it does not cover. Then: sign-in never tells whether a handle or a shop exists,
 * and random Authorization headers never get past authentication.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { createApi } from '../../api/app.js';
import { dialects, startTestApi, useInvariantCheck, type TestApi } from './harness.js';
import { ROUTE_CASES } from '../support/route-cases.js';
import { buildWorld, CALLERS, type World, type Who } from '../support/world.js';

const U = 401;
type Row = Record<Who, number>;
/** Public: the same for everyone, whatever token comes along. */
const everyone = (status: number): Row => Object.fromEntries(CALLERS.map((who) => [who, status])) as Row;
/** Needs a live session; then by caller. */
const signedIn = (customer: number, otherCustomer: number, otherShopCashier: number, otherShopManager: number, cashier: number, manager: number): Row => ({
  none: U,
  expired: U,
  signedOut: U,
  customer,
  otherCustomer,
  otherShopCashier,
  otherShopManager,
  cashier,
  manager,
});
const customers = (own: number, other: number) => signedIn(own, other, 403, 403, 403, 403);
const staff = (otherShopCashier: number, otherShopManager: number, cashier: number, manager: number) => signedIn(403, 403, otherShopCashier, otherShopManager, cashier, manager);

/** The expected matrix. The subject of each request belongs to `customer` (alice) and to the café. */
const EXPECTED: Record<string, Row> = {
  'POST /api/sessions': everyone(201),
  'DELETE /api/sessions/current': signedIn(204, 204, 204, 204, 204, 204),
  'GET /api/me': signedIn(200, 200, 200, 200, 200, 200),
  'GET /api/sign-in-help': everyone(200),
  'POST /api/customers': everyone(201),
  'POST /api/customers/me/pin': customers(200, 200), // each their own
  'GET /api/wallet': customers(200, 200),
  'GET /api/wallet/topups': customers(200, 200), // each their own (checked below)
  'POST /api/wallet/topups': customers(201, 201),
  'GET /api/coupons': customers(200, 200),
  'POST /api/paycodes': customers(201, 404), // with alice's coupon
  'DELETE /api/paycodes/current': customers(204, 204), // each puts away their own code
  'POST /api/payments': staff(201, 201, 201, 201), // any till takes a code
  'POST /api/payments/batch': staff(200, 200, 200, 200),
  'POST /api/topups/preview': staff(200, 200, 200, 200), // any till names the customer of a code
  'POST /api/topups': staff(201, 201, 201, 201), // any till takes cash for a customer's wallet
  'GET /api/topups': staff(200, 200, 200, 200), // each shop's own
  'POST /api/topups/{id}/reversal': staff(403, 404, 403, 201), // the café's managers only; another shop's top-up is unknown
  'GET /api/payments': signedIn(200, 200, 200, 200, 200, 200), // each sees their own (checked below)
  'GET /api/payments/{id}': signedIn(200, 404, 404, 404, 200, 200),
  'POST /api/payments/{id}/refunds': staff(404, 404, 201, 201),
  'GET /api/wallet/refunds': customers(200, 200), // each their own (checked below)
  'POST /api/payments/{id}/paid-in-cash': staff(404, 404, 201, 201), // a payment of the café's, declined
  'POST /api/payments/{id}/not-paid': staff(404, 404, 201, 201), // the same: any cashier of the café, as for cash
  'DELETE /api/payments/{id}/not-paid': staff(403, 404, 403, 200), // taken back by the café's managers only; another shop's payment is unknown
  'POST /api/campaigns': staff(403, 201, 403, 201),
  'GET /api/campaigns': staff(403, 200, 403, 200),
  'PATCH /api/campaigns/{id}': staff(403, 404, 403, 200),
  'POST /api/campaigns/{id}/end': staff(403, 404, 403, 200),
  'POST /api/campaigns/{id}/grants': staff(403, 404, 403, 201),
  'POST /api/campaigns/{id}/claim-links': staff(403, 404, 403, 201),
  'GET /api/campaigns/{id}/claim-links/current': staff(403, 404, 403, 200),
  'POST /api/campaigns/{id}/claim-links/{token}/replacement': staff(403, 404, 403, 201),
  'GET /api/campaigns/{id}/stats': staff(403, 404, 403, 200),
  'GET /api/claims/{token}': everyone(200),
  'POST /api/claims/{token}': customers(201, 201),
  'POST /api/coupons/{id}/shares': customers(201, 404), // alice's coupon
  'GET /api/shares/{token}': everyone(200),
  'POST /api/shares/{token}/claim': customers(409, 201), // alice's own offer: OWN_SHARE
  'DELETE /api/shares/{token}': customers(204, 404),
  'POST /api/events/ticket': signedIn(201, 201, 201, 201, 201, 201),
  'GET /api/events': signedIn(200, 200, 200, 200, 200, 200),
  'GET /api/reports/daily': staff(200, 200, 200, 200), // each shop its own day
  'GET /api/reports/period': staff(200, 200, 200, 200), // each shop its own days, as the Day report
  'GET /api/reports/x': staff(200, 200, 200, 200),
  'POST /api/reports/z': staff(403, 201, 403, 201),
  'GET /api/reports/z': staff(200, 200, 200, 200),
  'GET /api/reports/z/{number}': staff(404, 404, 200, 200), // the café's report 2; the bookshop has none
  'GET /api/reports/platform': staff(403, 200, 403, 200),
  'PUT /api/tablets/{terminalId}/unsent': staff(200, 200, 200, 200), // any till tells what it holds, for its own shop
  'GET /api/tablets/unsent': staff(403, 200, 403, 200), // each manager their own shop's tablets
  'DELETE /api/tablets/{terminalId}/unsent': staff(403, 404, 403, 200), // forgotten by the café's managers only; the bookshop has no row for that tablet
  'GET /api/staff': staff(403, 200, 403, 200), // each manager their own shop's
  'POST /api/staff': staff(403, 201, 403, 201), // into the manager's own shop
  'POST /api/staff/{id}/pin': staff(403, 404, 403, 200),
  'POST /api/staff/{id}/sign-out': staff(403, 404, 403, 200),
  'POST /api/staff/{id}/removal': staff(403, 404, 403, 200),
  'PUT /api/staff/{id}/manager': staff(403, 404, 403, 200),
  'GET /api/shop': staff(200, 200, 200, 200), // each their own shop (checked below)
  'PATCH /api/shop': staff(403, 200, 403, 200),
  'GET /api/health': everyone(200),
  'GET /api/openapi.json': everyone(200),
};

const ERROR_CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

type Answer = Awaited<ReturnType<TestApi['request']>>;

/** What a 2xx answer must (not) contain for this caller: their own data, nobody else's. */
/**
 * The OpenAPI document is the public contract (DESIGN.md): each route's answer is described by a schema there.
 * Every successful answer of the matrix is held to the schema the document gives for its status, so the document
 * cannot drift from what the API sends: a field the API sends that the document does not name (one a schema
 * would drop) is a problem too. Health and the document itself are left out of the document on purpose.
 */
const documented = new Map<string, ZodType>();
for (const definition of createApi().openAPIRegistry.definitions) {
  if (definition.type !== 'route') continue;
  for (const [status, response] of Object.entries(definition.route.responses ?? {})) {
    const schema = (response as { content?: Record<string, { schema?: unknown }> }).content?.['application/json']?.schema;
    if (schema) documented.set(`${definition.route.method.toUpperCase()} /api${definition.route.path} ${status}`, schema as ZodType);
  }
}

function contractProblems(route: string, who: Who, res: Answer): string[] {
  if (res.status === 204 || !res.headers.get('content-type')?.startsWith('application/json') || route === 'GET /api/health' || route === 'GET /api/openapi.json') return [];
  const schema = documented.get(`${route} ${res.status}`);
  if (!schema) return [`${route} as ${who}: the document describes no ${res.status} answer`];
  const parsed = schema.safeParse(res.body);
  if (!parsed.success) return [`${route} as ${who}: the answer is not as documented: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ').slice(0, 300)}`];
  const undocumented = fieldsDropped(res.body, parsed.data, '');
  return undocumented.length ? [`${route} as ${who}: fields the document does not name: ${undocumented.slice(0, 8).join(', ')}`] : [];
}

/** The paths of the fields in `sent` that are not in `kept` (what a schema dropped). */
function fieldsDropped(sent: unknown, kept: unknown, at: string): string[] {
  if (Array.isArray(sent)) return Array.isArray(kept) ? sent.flatMap((item, i) => fieldsDropped(item, kept[i], `${at}[${i}]`)) : [];
  if (sent === null || typeof sent !== 'object' || kept === null || typeof kept !== 'object') return [];
  return Object.entries(sent).flatMap(([key, value]) => (key in kept ? fieldsDropped(value, (kept as Record<string, unknown>)[key], at ? `${at}.${key}` : key) : [at ? `${at}.${key}` : key]));
}

function contentProblems(w: World, route: string, who: Who, res: Answer, me: Record<Who, any>): string[] {
  const problems: string[] = [];
  const mine = me[who];
  const say = (ok: boolean, what: string) => ok || problems.push(`${route} as ${who}: ${what}`);
  switch (route) {
    case 'GET /api/me':
      say(res.body.role === mine.role && res.body.customerId === mine.customerId && res.body.cashierId === mine.cashierId, `/me says ${JSON.stringify(res.body)}`);
      break;
    case 'GET /api/wallet':
      say(res.body.accountId === mine.accountId, 'another wallet');
      break;
    case 'GET /api/payments': {
      const listed: any[] = res.body.payments;
      const seesSubject = listed.some((p) => p.id === w.ids.payment);
      say(seesSubject === ['customer', 'cashier', 'manager'].includes(who), `the café's payment of alice is ${seesSubject ? '' : 'not '}listed`);
      for (const p of listed) say(mine.role === 'customer' ? p.customerId === mine.customerId : p.merchantId === mine.merchantId, `lists payment ${p.id} of someone else`);
      break;
    }
    case 'GET /api/wallet/refunds': {
      const seesSubject = res.body.refunds.some((r: any) => r.paymentId === w.ids.payment);
      say(seesSubject === (who === 'customer'), `the refunds of alice's payment are ${seesSubject ? '' : 'not '}listed`);
      break;
    }
    case 'GET /api/payments/{id}':
      say(res.body.payment.id === w.ids.payment, 'another payment');
      break;
    case 'POST /api/campaigns/{id}/claim-links/{token}/replacement':
      say(res.body.link.campaign.id === w.ids.linkCampaign, 'a link of another campaign');
      break;
    case 'GET /api/campaigns':
      for (const c of res.body.campaigns) say(c.issuerMerchantId === mine.merchantId, `lists campaign ${c.id} of another shop`);
      say(res.body.campaigns.some((c: any) => c.id === w.ids.campaign) === (who === 'manager'), "the café's campaign shows up in the wrong list");
      break;
    case 'GET /api/reports/z': {
      // Each shop sees its own closed days: the café's are closed by its owner, the bookshop's by its manager.
      const closer = mine.merchantId === me.manager.merchantId ? me.manager.cashierId : me.otherShopManager.cashierId;
      say(res.body.reports.length > 0 && res.body.reports.every((r: any) => r.closedBy === closer), `closed days of another shop: ${JSON.stringify(res.body.reports.map((r: any) => r.closedBy))}`);
      break;
    }
    case 'GET /api/shop':
    case 'PATCH /api/shop':
      say(res.body.shop.handle === mine.merchantHandle, `the shop ${res.body.shop.handle}`);
      break;
    case 'GET /api/events':
      say((res.headers.get('content-type') ?? '').startsWith('text/event-stream'), 'not an event stream');
      break;
  }
  return problems;
}

describe.each(dialects)('auth matrix on %s', (dialect) => {
  let api: TestApi;
  let w: World;
  const me = {} as Record<Who, any>;
  let cells = 0;
  let checked = 0;

  beforeAll(async () => {
    api = await startTestApi(dialect);
    w = await buildWorld(api);
    for (const who of CALLERS) {
      if (!w.tokens[who] || who === 'expired' || who === 'signedOut') continue;
      me[who] = (await api.request('GET', '/api/me', { token: w.tokens[who] })).body;
      if (me[who].role === 'customer') me[who].accountId = (await api.request('GET', '/api/wallet', { token: w.tokens[who] })).body.accountId;
    }
  });
  useInvariantCheck(() => api);
  afterAll(() => {
    console.log(`auth matrix on ${dialect}: ${checked} of ${cells} cells as expected (${ROUTE_CASES.length} routes × ${CALLERS.length} callers)`);
  });

  it('covers every route of the OpenAPI document, and nothing it does not document but health and the document itself', async () => {
    const doc = (await api.request('GET', '/api/openapi.json')).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    const covered = ROUTE_CASES.map((c) => c.route);
    expect(covered.filter((r) => !documented.includes(r)).sort()).toEqual(['GET /api/health', 'GET /api/openapi.json']);
    expect(documented.filter((r) => !covered.includes(r))).toEqual([]);
    expect(Object.keys(EXPECTED).sort()).toEqual([...covered].sort());
  });

  it('every route of the document describes its error answers with the Error body, the ones not listed by status included', async () => {
    const doc = (await api.request('GET', '/api/openapi.json')).body;
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, any> }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        // 402 is a recorded decline: the payment itself, with why (its own body, on purpose).
        const errors = Object.entries(op.responses).filter(([status]) => status === 'default' || (Number(status) >= 400 && status !== '402'));
        if (!op.responses.default) missing.push(`${method} ${path}: no default`);
        for (const [status, r] of errors) {
          const ref = r.content?.['application/json']?.schema?.$ref;
          if (ref !== '#/components/schemas/Error') missing.push(`${method} ${path} ${status}: ${JSON.stringify(r.content)}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("every `pattern` in the document is a plain regex other tools can use: a campaign title or shop name in it validates", async () => {
    const doc = (await api.request('GET', '/api/openapi.json')).body;
    const patterns = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) k === 'pattern' && typeof v === 'string' ? patterns.add(v) : walk(v);
    };
    walk(doc);
    expect(patterns.size).toBeGreaterThan(0);
    // A validator built from the document (ajv, a generated client) compiles each pattern without flags.
    for (const p of patterns) expect(() => new RegExp(p), p).not.toThrow();
    const title = doc.components.schemas.CampaignRequest.properties.title.pattern as string;
    for (const ok of ['Corner Café', '满¥50减¥10', 'Weekend latte: ¥8 off']) expect(new RegExp(title).test(ok), ok).toBe(true);
    for (const bad of ['two\nlines', 'tab\there', 'bell\u0007', 'swapped \u202Eedoc', 'sep\u2028line']) expect(new RegExp(title).test(bad), JSON.stringify(bad)).toBe(false);
  });

  it.each(ROUTE_CASES.map((c) => [c.route, c] as const))('%s answers each caller as expected', async (route, c) => {
    const problems: string[] = [];
    for (const who of CALLERS) {
      const expected = EXPECTED[route]![who];
      const res = await c.send(w, who);
      cells++;
      const code = res.body?.error?.code;
      if (res.status !== expected) {
        problems.push(`${route} as ${who}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}, expected ${expected}`);
        continue;
      }
      if (ERROR_CODES[expected] && code !== ERROR_CODES[expected]) {
        problems.push(`${route} as ${who}: ${expected} with code ${code}, expected ${ERROR_CODES[expected]}`);
        continue;
      }
      if (expected < 300) {
        const content = [...contentProblems(w, route, who, res, me), ...contractProblems(route, who, res)];
        if (content.length) {
          problems.push(...content);
          continue;
        }
      }
      checked++;
    }
    expect(problems).toEqual([]);
  });

  it('a caller who may not use a route hears 401 or 403 first, even when what they sent is malformed too', async () => {
    const problems: string[] = [];
    let cases = 0;
    for (const c of ROUTE_CASES.filter((r) => r.body)) {
      for (const who of CALLERS) {
        const expected = EXPECTED[c.route]![who];
        if (expected !== 401 && expected !== 403) continue;
        // A body no route accepts (schemas are strict) and no Idempotency-Key: the right caller would get a 400.
        const res = await api.request(c.method, c.path(w), { token: w.tokens[who], body: { notAField: 'x' } });
        cases++;
        if (res.status !== expected || res.body?.error?.code !== ERROR_CODES[expected]) {
          problems.push(`${c.route} as ${who}: ${res.status} ${res.body?.error?.code}, expected ${expected}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(cases).toBeGreaterThan(50);
    // And the caller who may: told what is wrong with the body.
    const rightful = await api.request('POST', '/api/payments', { token: w.tokens.cashier, body: { notAField: 'x' } });
    expect(rightful.status).toBe(400);
    // The scheme name of the Authorization header is case-insensitive.
    const lower = await api.request('GET', '/api/me', { headers: { authorization: `bearer ${w.tokens.customer}` } });
    expect(lower.status).toBe(200);
  });

  it('sign-in answers alike for an unknown handle, a wrong PIN, an unknown shop and a handle of another shop', async () => {
    const attempts = [
      { role: 'customer', handle: 'alice', pin: '0000' },
      { role: 'customer', handle: 'nobody-here', pin: '1111' },
      { role: 'cashier', merchant: 'demo-cafe', handle: 'cashier-1', pin: '0000' },
      { role: 'cashier', merchant: 'demo-cafe', handle: 'nobody-here', pin: '1234' },
      { role: 'cashier', merchant: 'no-such-shop', handle: 'cashier-1', pin: '1234' },
      { role: 'cashier', merchant: 'demo-books', handle: 'owner', pin: '9999' }, // owner is the café's
    ];
    const answers = [];
    for (const body of attempts) {
      const res = await api.request('POST', '/api/sessions', { body });
      answers.push({ status: res.status, body: res.body, retryAfter: res.headers.get('retry-after') });
    }
    // Each a first wrong try for its handle: the same tries left, whether the handle, the shop or the PIN was wrong.
    expect(answers[0]).toEqual({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS', message: expect.any(String), triesLeft: 4 } }, retryAfter: null });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // The wrong tries count like any others: let the window pass so they do not lock the rest of the file.
    api.clock.advance(16 * 60_000);
  });

  it('random Authorization headers never get past authentication, and never cause a 5xx', async () => {
    const valid = w.tokens.customer!;
    const header = fc.oneof(
      fc.stringMatching(/^[ -~]{0,120}$/),
      fc.stringMatching(/^[A-Za-z0-9_-]{10,100}$/).map((t) => `Bearer ${t}`),
      fc.nat(valid.length - 1).chain((i) => fc.constantFrom(...'AZaz09_-').filter((ch) => ch !== valid[i]).map((ch) => `Bearer ${valid.slice(0, i)}${ch}${valid.slice(i + 1)}`)),
      fc.constantFrom(
        valid,
        `Bearer ${valid}x`,
        `Bearer ${valid.slice(1)}`,
        `Bearer ${valid}, Bearer ${valid}`,
        `Basic ${Buffer.from('alice:1111').toString('base64')}`,
        `Bearer ${w.tokens.expired}`,
        `Bearer ${w.tokens.signedOut}`,
        'Bearer',
        'Bearer ',
        `Bearer ${'A'.repeat(101)}`,
      ),
    );
    const protectedRoutes = [
      ['GET', '/api/me'],
      ['GET', '/api/wallet'],
      ['GET', '/api/coupons'],
      ['GET', '/api/payments'],
      ['GET', '/api/campaigns'],
      ['GET', '/api/reports/x'],
      ['POST', '/api/events/ticket'],
    ] as const;
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(header, fc.constantFrom(...protectedRoutes), async (authorization, [method, path]) => {
        cases++;
        const res = await w.app.request(path, { method, headers: { authorization } });
        const body = await res.json();
        expect(res.status, `${method} ${path} with "${authorization}"`).toBe(401);
        expect(body.error.code).toBe('UNAUTHENTICATED');
      }),
      { numRuns: 300 },
    );
    console.log(`authorization fuzz on ${dialect}: ${cases} cases`);
    // And the untouched token still works: the fuzz did not pass only because everything was refused.
    expect((await api.request('GET', '/api/me', { token: valid })).status).toBe(200);
  });
});
