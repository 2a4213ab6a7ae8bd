/**
 * Every route of the API with a request that would succeed for the right caller: a fresh code, key or share
 * for each send, so requests never trip over each other. The auth matrix sends each of them as every kind of
 * caller; the web-security suite uses the same list to check headers and content types on every route. The
 * matrix test fails when the OpenAPI document lists a route this file does not know.
 */
import { AMOUNT_MAX_MINOR } from '../../api/money.js';
import { cny, newKey, type TestApi } from '../api/harness.js';
import type { World, Who } from './world.js';

type Answer = Awaited<ReturnType<TestApi['request']>>;

export interface RouteCase {
  /** `METHOD /api/path/{param}` as the OpenAPI document names it. */
  route: string;
  method: string;
  /** A concrete path for the route in this world. */
  path(w: World): string;
  /** Whether the route takes a JSON body (and so refuses other content types with 415). */
  body: boolean;
  /** Sends the request as `who`, with any extra headers (an Origin, say). */
  send(w: World, who: Who, headers?: Record<string, string>): Promise<Answer>;
}

const today = (w: World) => new Date(w.api.clock.now()).toISOString().slice(0, 10);

function route(
  route: string,
  path: (w: World) => string,
  make: (w: World, who: Who) => Promise<{ body?: unknown; key?: boolean; token?: string | undefined }> | { body?: unknown; key?: boolean; token?: string | undefined } = () => ({}),
): RouteCase {
  const [method] = route.split(' ');
  return custom(route, path, async (w, who, headers) => {
    const made = await make(w, who);
    const token = 'token' in made ? made.token : w.tokens[who];
    return w.api.request(method!, path(w), { token, key: made.key ? newKey() : undefined, body: made.body, headers });
  });
}

function custom(route: string, path: (w: World) => string, send: RouteCase['send']): RouteCase {
  const [method] = route.split(' ');
  return { route, method: method!, path, body: (method === 'POST' || method === 'PUT' || method === 'PATCH') && route !== 'POST /api/events/ticket', send };
}

const fixed = (p: string) => () => p;
/** Any well-formed token: enough for checks that happen before the route looks anything up. */
const SOME_TOKEN = 'matrix0000000000000000';

/**
 * The event stream never ends, so it is read through the app itself: the answer's head, and for a stream its
 * first event, then the stream is cancelled.
 */
async function openEvents(w: World, who: Who, headers: Record<string, string> = {}): Promise<Answer> {
  const token = w.tokens[who];
  const res = await w.app.request('/api/events', { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  if (!(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    return { status: res.status, body: await res.json(), headers: res.headers };
  }
  const reader = res.body!.getReader();
  const first = await reader.read();
  await reader.cancel();
  return { status: res.status, body: new TextDecoder().decode(first.value), headers: res.headers };
}

export const ROUTE_CASES: RouteCase[] = [
  route('POST /api/sessions', fixed('/api/sessions'), () => ({ body: { role: 'customer', handle: 'carol', pin: '3333' } })),
  route('DELETE /api/sessions/current', fixed('/api/sessions/current'), async (w, who) => ({ token: await w.freshToken(who) })),
  route('GET /api/me', fixed('/api/me')),
  route('GET /api/sign-in-help', fixed('/api/sign-in-help')),
  route('POST /api/customers', fixed('/api/customers'), () => ({ body: { handle: `mx-${newKey().toLowerCase().replace(/[^a-z0-9-]/g, '').slice(-30)}`, pin: '1357' } })),
  route('GET /api/wallet', fixed('/api/wallet')),
  route('GET /api/wallet/topups', fixed('/api/wallet/topups')),
  route('POST /api/wallet/topups', fixed('/api/wallet/topups'), () => ({ key: true, body: { amount: cny(100) } })),
  route('GET /api/coupons', fixed('/api/coupons')),
  // Each customer's own PIN, set again to itself: the world's sign-ins stay good for the other cells.
  custom('POST /api/customers/me/pin', fixed('/api/customers/me/pin'), async (w, who, headers) => {
    const pin = who === 'otherCustomer' ? '2222' : '1111';
    return w.api.request('POST', '/api/customers/me/pin', { token: w.tokens[who], key: newKey(), body: { currentPin: pin, newPin: pin }, headers });
  }),
  route('POST /api/paycodes', fixed('/api/paycodes'), async (w) => ({ body: { couponId: await w.aliceCoupon() } })),
  route('DELETE /api/paycodes/current', fixed('/api/paycodes/current')),
  route('POST /api/payments', fixed('/api/payments'), async (w) => ({ key: true, body: { code: await w.payerCode(), amount: cny(1) } })),
  route('POST /api/payments/batch', fixed('/api/payments/batch'), async (w) => ({
    body: { terminalId: 'matrix', items: [{ idempotencyKey: newKey(), code: await w.payerCode(), amount: cny(1), scannedAt: new Date(w.api.clock.now()).toISOString() }] },
  })),
  route('POST /api/topups/preview', fixed('/api/topups/preview'), async (w) => ({ body: { code: await w.payerCode(), amount: cny(1) } })),
  route('POST /api/topups', fixed('/api/topups'), async (w) => ({ key: true, body: { code: await w.payerCode(), amount: cny(1) } })),
  route('GET /api/topups', fixed('/api/topups')),
  // A fresh top-up at the café for each send (one reversed answers ALREADY_REVERSED), reversed by whoever asks.
  custom('POST /api/topups/{id}/reversal', () => `/api/topups/ctu_${SOME_TOKEN}/reversal`, async (w, who, headers) => {
    const made = await w.api.request('POST', '/api/topups', { token: w.tokens.cashier, key: newKey(), body: { code: await w.payerCode(), amount: cny(1) } });
    if (made.status !== 201) throw new Error(`a top-up to reverse: ${made.status} ${JSON.stringify(made.body)}`);
    return w.api.request('POST', `/api/topups/${made.body.topUp.id}/reversal`, { token: w.tokens[who], key: newKey(), body: {}, headers });
  }),
  route('GET /api/payments', fixed('/api/payments?limit=200')),
  route('GET /api/payments/{id}', (w) => `/api/payments/${w.ids.payment}`),
  route('POST /api/payments/{id}/refunds', (w) => `/api/payments/${w.ids.payment}/refunds`, () => ({ key: true, body: { amount: cny(1) } })),
  // After the refunds above: alice's list holds those of the café's payment.
  route('GET /api/wallet/refunds', fixed('/api/wallet/refunds')),
  // A payment declined at the café just now (more than carol's wallet holds), noted as paid in cash by whoever asks.
  custom('POST /api/payments/{id}/paid-in-cash', (w) => `/api/payments/${w.ids.payment}/paid-in-cash`, async (w, who, headers) => {
    const declined = await w.api.request('POST', '/api/payments', { token: w.tokens.cashier, key: newKey(), body: { code: await w.payerCode(), amount: cny(AMOUNT_MAX_MINOR) } });
    if (declined.status !== 402) throw new Error(`a declined payment to note: ${declined.status} ${JSON.stringify(declined.body)}`);
    return w.api.request('POST', `/api/payments/${declined.body.payment.id}/paid-in-cash`, { token: w.tokens[who], key: newKey(), body: { note: 'Took it in cash' }, headers });
  }),
  // The same, noted as not paid: the customer left.
  custom('POST /api/payments/{id}/not-paid', (w) => `/api/payments/${w.ids.payment}/not-paid`, async (w, who, headers) => {
    const declined = await w.api.request('POST', '/api/payments', { token: w.tokens.cashier, key: newKey(), body: { code: await w.payerCode(), amount: cny(AMOUNT_MAX_MINOR) } });
    if (declined.status !== 402) throw new Error(`a declined payment to note: ${declined.status} ${JSON.stringify(declined.body)}`);
    return w.api.request('POST', `/api/payments/${declined.body.payment.id}/not-paid`, { token: w.tokens[who], key: newKey(), body: { note: 'Left without paying' }, headers });
  }),
  // The same, noted as not paid by the café's cashier, then taken back by whoever asks.
  custom('DELETE /api/payments/{id}/not-paid', (w) => `/api/payments/${w.ids.payment}/not-paid`, async (w, who, headers) => {
    const declined = await w.api.request('POST', '/api/payments', { token: w.tokens.cashier, key: newKey(), body: { code: await w.payerCode(), amount: cny(AMOUNT_MAX_MINOR) } });
    if (declined.status !== 402) throw new Error(`a declined payment to note: ${declined.status} ${JSON.stringify(declined.body)}`);
    const path = `/api/payments/${declined.body.payment.id}/not-paid`;
    const noted = await w.api.request('POST', path, { token: w.tokens.cashier, key: newKey(), body: { note: 'Left without paying' } });
    if (noted.status !== 201) throw new Error(`a not-paid note to take back: ${noted.status} ${JSON.stringify(noted.body)}`);
    return w.api.request('DELETE', path, { token: w.tokens[who], key: newKey(), headers });
  }),
  route('POST /api/campaigns', fixed('/api/campaigns'), (w) => ({
    key: true,
    body: { title: 'Matrix campaign', rule: { kind: 'percent', percent: 5 }, validUntil: new Date(w.api.clock.now() + 86_400_000).toISOString() },
  })),
  route('GET /api/campaigns', fixed('/api/campaigns')),
  route('PATCH /api/campaigns/{id}', (w) => `/api/campaigns/${w.ids.linkCampaign}`, (w) => ({ key: true, body: { validUntil: new Date(w.api.clock.now() + 60 * 86_400_000).toISOString() } })),
  route('POST /api/campaigns/{id}/end', (w) => `/api/campaigns/${w.ids.endingCampaign}/end`, () => ({ key: true, body: {} })),
  route('POST /api/campaigns/{id}/grants', (w) => `/api/campaigns/${w.ids.campaign}/grants`, () => ({ key: true, body: { customer: 'bob' } })),
  route('POST /api/campaigns/{id}/claim-links', (w) => `/api/campaigns/${w.ids.linkCampaign}/claim-links`, () => ({ key: true, body: {} })),
  route('GET /api/campaigns/{id}/claim-links/current', (w) => `/api/campaigns/${w.ids.linkCampaign}/claim-links/current`),
  // A fresh link of the poster's campaign for each send (one replaced already answers ALREADY_REPLACED), replaced
  // by whoever asks.
  custom('POST /api/campaigns/{id}/claim-links/{token}/replacement', (w) => `/api/campaigns/${w.ids.linkCampaign}/claim-links/${SOME_TOKEN}/replacement`, async (w, who, headers) => {
    const made = await w.api.request('POST', `/api/campaigns/${w.ids.linkCampaign}/claim-links`, { token: w.tokens.manager, key: newKey(), body: {} });
    if (made.status !== 201) throw new Error(`a link to replace: ${made.status} ${JSON.stringify(made.body)}`);
    return w.api.request('POST', `/api/campaigns/${w.ids.linkCampaign}/claim-links/${made.body.link.token}/replacement`, { token: w.tokens[who], key: newKey(), body: {}, headers });
  }),
  route('GET /api/campaigns/{id}/stats', (w) => `/api/campaigns/${w.ids.campaign}/stats`),
  route('GET /api/claims/{token}', (w) => `/api/claims/${w.ids.claimLink}`),
  route('POST /api/claims/{token}', (w) => `/api/claims/${w.ids.claimLink}`, () => ({ key: true, body: {} })),
  // Alice's coupon, offered by whoever asks; alice's open offers, looked at, claimed or taken back by whoever asks.
  custom('POST /api/coupons/{id}/shares', () => `/api/coupons/cpn_${SOME_TOKEN}/shares`, async (w, who, headers) =>
    w.api.request('POST', `/api/coupons/${await w.aliceCoupon()}/shares`, { token: w.tokens[who], body: {}, headers }),
  ),
  custom('GET /api/shares/{token}', () => `/api/shares/${SOME_TOKEN}`, async (w, who, headers) =>
    w.api.request('GET', `/api/shares/${await w.aliceShare()}`, { token: w.tokens[who], headers }),
  ),
  custom('POST /api/shares/{token}/claim', () => `/api/shares/${SOME_TOKEN}/claim`, async (w, who, headers) =>
    w.api.request('POST', `/api/shares/${await w.aliceShare()}/claim`, { token: w.tokens[who], body: {}, headers }),
  ),
  custom('DELETE /api/shares/{token}', () => `/api/shares/${SOME_TOKEN}`, async (w, who, headers) =>
    w.api.request('DELETE', `/api/shares/${await w.aliceShare()}`, { token: w.tokens[who], headers }),
  ),
  route('POST /api/events/ticket', fixed('/api/events/ticket')),
  custom('GET /api/events', fixed('/api/events'), openEvents),
  route('GET /api/reports/daily', (w) => `/api/reports/daily?date=${today(w)}`),
  route('GET /api/reports/period', (w) => `/api/reports/period?from=${today(w)}&to=${today(w)}`),
  route('GET /api/reports/x', fixed('/api/reports/x')),
  route('POST /api/reports/z', fixed('/api/reports/z'), () => ({ key: true, body: {} })),
  route('GET /api/reports/z', fixed('/api/reports/z')),
  route('GET /api/reports/z/{number}', (w) => `/api/reports/z/${w.ids.cafeZ}`),
  route('GET /api/reports/platform', (w) => `/api/reports/platform?from=${today(w)}&to=${today(w)}`),
  // The same report from every caller: for each shop one tablet's state, told again (no change, 200).
  route('PUT /api/tablets/{terminalId}/unsent', fixed('/api/tablets/matrix-till/unsent'), () => ({
    body: { sequence: 1, count: 1, amount: { amount: 100, currency: 'CNY' }, oldestQueuedAt: '2026-01-01T00:00:00.000Z' },
  })),
  route('GET /api/tablets/unsent', fixed('/api/tablets/unsent')),
  // A tablet of the café's that told what it holds, a new one for each send, forgotten by whoever asks.
  custom('DELETE /api/tablets/{terminalId}/unsent', fixed('/api/tablets/matrix-gone/unsent'), async (w, who, headers) => {
    const terminal = `matrix-gone-${newKey().replace(/[^A-Za-z0-9]/g, '').slice(-12)}`;
    const told = await w.api.request('PUT', `/api/tablets/${terminal}/unsent`, { token: w.tokens.cashier, body: { sequence: 1, count: 0, amount: { amount: 0, currency: 'CNY' }, oldestQueuedAt: null } });
    if (told.status !== 200) throw new Error(`a tablet to forget: ${told.status} ${JSON.stringify(told.body)}`);
    return w.api.request('DELETE', `/api/tablets/${terminal}/unsent`, { token: w.tokens[who], key: newKey(), headers });
  }),
  route('GET /api/staff', fixed('/api/staff')),
  route('POST /api/staff', fixed('/api/staff'), () => ({ key: true, body: { handle: `mx-${newKey().toLowerCase().replace(/[^a-z0-9]/g, '').slice(-20)}`, pin: '2468' } })),
  route('POST /api/staff/{id}/pin', (w) => `/api/staff/${w.ids.staffMember}/pin`, () => ({ key: true, body: { pin: '1357' } })),
  route('POST /api/staff/{id}/sign-out', (w) => `/api/staff/${w.ids.staffMember}/sign-out`, () => ({ key: true, body: {} })),
  // Stays a plain cashier: the manager's answer is the same each time.
  route('PUT /api/staff/{id}/manager', (w) => `/api/staff/${w.ids.staffMember}/manager`, () => ({ key: true, body: { canManage: false } })),
  // A fresh cashier of the café's for each send (one removed already answers 404).
  custom('POST /api/staff/{id}/removal', (w) => `/api/staff/${w.ids.staffMember}/removal`, async (w, who, headers) =>
    w.api.request('POST', `/api/staff/${await w.newStaffMember()}/removal`, { token: w.tokens[who], key: newKey(), body: {}, headers }),
  ),
  route('GET /api/shop', fixed('/api/shop')),
  // The limit each shop already has: the manager's change leaves the shops as the other routes expect them.
  route('PATCH /api/shop', fixed('/api/shop'), () => ({ key: true, body: { offlineLimits: { countMax: 50 } } })),
  route('GET /api/health', fixed('/api/health')),
  route('GET /api/openapi.json', fixed('/api/openapi.json')),
];
