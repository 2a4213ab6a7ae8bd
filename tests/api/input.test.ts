/**
 * Bad input changes nothing and never gets a 5xx. Each test takes a snapshot of the ledger (every account's
 * balance and their sum), the transfers and the payments, throws bad requests at the API with a live payment
 * code inside them, checks the exact refusal, and then checks that nothing moved — except what the test says
 * (a 402 decline is a recorded payment) — and, where a code was at stake, that it still pays as usual.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { balance, cny, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const BODY_LIMIT_BYTES = 256 * 1024; // the documented limit (api/app.ts BODY_MAX_BYTES)

interface Snapshot {
  balances: Record<string, number>;
  sum: number;
  transfers: number;
  payments: number;
}

async function snapshot(api: TestApi): Promise<Snapshot> {
  const db = api.deps.db.kysely;
  const accounts = await db.selectFrom('accounts').select(['id', 'balance']).execute();
  const balances = Object.fromEntries(accounts.map((a) => [a.id, Number(a.balance)]));
  const transfers = await db.selectFrom('transfers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const payments = await db.selectFrom('payments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return {
    balances,
    sum: Object.values(balances).reduce((a, b) => a + b, 0),
    transfers: Number(transfers.n),
    payments: Number(payments.n),
  };
}

/** The ledger is exactly as before; `newPayments` declines were recorded meanwhile, as the test expects. */
async function expectUnchanged(api: TestApi, before: Snapshot, newPayments = 0) {
  const after = await snapshot(api);
  expect(after.balances).toEqual(before.balances);
  expect(after.sum).toBe(before.sum);
  expect(after.transfers).toBe(before.transfers);
  expect(after.payments).toBe(before.payments + newPayments);
}

function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(0);
}

const paymentJson = (code: unknown, amount: string, rest = '') => `{"code":${JSON.stringify(code)},"amount":${amount}${rest}}`;

describe.each(dialects)('bad input on %s', (dialect) => {
  let api: TestApi;
  let app: ReturnType<typeof createApp>;
  let cafe: string;
  let owner: string;
  let bob: string;
  let alice: string;

  beforeAll(async () => {
    api = await startTestApi(dialect);
    // A second handle on the same app, for requests the harness would tidy up (no Content-Type, raw streams).
    app = createApp(api.deps);
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    bob = await api.signIn('customer', 'bob', '2222');
    alice = await api.signIn('customer', 'alice', '1111');
  });
  useInvariantCheck(() => api);

  const rawPay = (body: string, headers: Record<string, string> = {}) => api.request('POST', '/api/payments', { token: cafe, key: newKey(), body, headers });

  /** After the bad requests, the live code still pays the full amount, with no discount of the client's making. */
  async function expectCodeStillPays(code: string, amount = 1000) {
    const before = await balance(api, bob);
    const res = await pay(api, cafe, code, amount);
    expect(res.status).toBe(201);
    expect(res.body.payment.amount).toEqual(cny(amount));
    expect(res.body.payment.deduction).toEqual(cny(0));
    expect(res.body.payment.charged).toEqual(cny(amount));
    expect(await balance(api, bob)).toBe(before - amount);
  }

  it('a payment that brings its own deduction, charge, status or any unknown field is refused, naming the field', async () => {
    const code = await newCode(api, bob);
    const before = await snapshot(api);
    const planted: [string, unknown][] = [
      ['deduction', cny(1000)],
      ['charged', cny(1)],
      ['status', 'succeeded'],
      ['settlement', cny(0)],
      ['couponId', 'cpn_anything'],
      ['customerId', 'cus_someone'],
      ['merchantId', 'mer_elsewhere'],
      ['discount', 50],
      ['__proto__', { deduction: 1000 }],
      ['constructor', { prototype: { charged: 1 } }],
    ];
    for (const [field, value] of planted) {
      const res = await rawPay(paymentJson(code, JSON.stringify(cny(1000)), `,${JSON.stringify(field)}:${JSON.stringify(value)}`));
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.field).toBe(field);
    }
    // Hidden one level down, inside the money object.
    const nested = await rawPay(paymentJson(code, '{"amount":1000,"currency":"CNY","deduction":1000}'));
    expectError(nested, 400, 'INVALID_REQUEST');
    expect(nested.body.error.field).toMatch(/deduction/);
    await expectUnchanged(api, before);
    await expectCodeStillPays(code);
  });

  it('an unknown query parameter is refused, saying it was in the query string, and changes nothing', async () => {
    const code = await newCode(api, bob);
    const res = await api.request('DELETE', '/api/paycodes/current?foo=1', { token: bob });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.message).toBe('query: Unknown field: foo.');
    await expectCodeStillPays(code);
  });

  it('amounts that are not whole positive minor units are refused and the code is not used up', async () => {
    const code = await newCode(api, bob);
    const before = await snapshot(api);
    // Sent as raw JSON text, so the server parses exactly these characters.
    const notIntegers = ['1.5', '"100"', '9007199254740993', '1e309', '-1e309', 'null', 'true', '[]', '{}', '0.1'];
    for (const amount of notIntegers) {
      const res = await rawPay(paymentJson(code, `{"amount":${amount},"currency":"CNY"}`));
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.field).toBe('amount.amount');
    }
    for (const amount of ['-1', '0', '-0', '100000001', '9007199254740991']) {
      const res = await rawPay(paymentJson(code, `{"amount":${amount},"currency":"CNY"}`));
      expectError(res, 422, 'AMOUNT_OUT_OF_RANGE');
      expect(res.body.error.field).toBe('amount.amount');
    }
    for (const amount of ['100', '"CNY"', 'null']) {
      const res = await rawPay(paymentJson(code, amount));
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.field).toMatch(/^amount/);
    }
    await expectUnchanged(api, before);
    await expectCodeStillPays(code);
  });

  it('money in another currency is refused as a currency mismatch; a malformed currency as a bad request', async () => {
    const code = await newCode(api, bob);
    const before = await snapshot(api);
    for (const currency of ['USD', 'EUR', 'JPY']) {
      const res = await rawPay(paymentJson(code, JSON.stringify({ amount: 1000, currency })));
      expectError(res, 422, 'CURRENCY_MISMATCH');
      expect(res.body.error.field).toBe('amount.currency');
    }
    for (const currency of ['cny', 'CN', 'CNYY', '', ' CNY', 'C'.repeat(100_000), 156]) {
      const res = await rawPay(paymentJson(code, JSON.stringify({ amount: 1000, currency })));
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.field).toBe('amount.currency');
    }
    const missing = await rawPay(paymentJson(code, '{"amount":1000}'));
    expectError(missing, 400, 'INVALID_REQUEST');
    const topup = await api.request('POST', '/api/wallet/topups', { token: bob, key: newKey(), body: { amount: { amount: 1000, currency: 'USD' } } });
    expectError(topup, 422, 'CURRENCY_MISMATCH');
    await expectUnchanged(api, before);
    await expectCodeStillPays(code);
  });

  it('the largest amount is accepted and declined for want of money; one fen more is out of range and not recorded', async () => {
    const code = await newCode(api, bob);
    const before = await snapshot(api);
    const over = await pay(api, cafe, code, 100_000_001);
    expectError(over, 422, 'AMOUNT_OUT_OF_RANGE');
    await expectUnchanged(api, before);
    const largest = await pay(api, cafe, code, 100_000_000);
    expect(largest.status).toBe(402);
    expect(largest.body.payment.reason).toBe('INSUFFICIENT_FUNDS');
    expect(largest.body.payment.amount).toEqual(cny(100_000_000));
    await expectUnchanged(api, before, 1);
    // The smallest amount pays.
    const smallest = await pay(api, cafe, await newCode(api, bob), 1);
    expect(smallest.status).toBe(201);
    expect(smallest.body.payment.charged).toEqual(cny(1));
  });

  it('huge strings anywhere are refused without harm', async () => {
    const code = await newCode(api, bob);
    const before = await snapshot(api);
    const huge = 'x'.repeat(200_000);
    const digits = '8'.repeat(200_000);
    const bodies: [string, string | null][] = [
      [paymentJson(digits, JSON.stringify(cny(1000))), 'code'],
      [paymentJson(huge, JSON.stringify(cny(1000))), 'code'],
      [paymentJson(code, JSON.stringify(cny(1000)), `,"scannedAt":${JSON.stringify(huge)}`), 'scannedAt'],
      [paymentJson(code, JSON.stringify(cny(1000)), `,"terminalId":${JSON.stringify(huge)}`), 'terminalId'],
      [paymentJson(code, JSON.stringify(cny(1000)), `,${JSON.stringify(huge)}:1`), null],
    ];
    for (const [body, field] of bodies) {
      const res = await rawPay(body);
      expectError(res, 400, 'INVALID_REQUEST');
      if (field) expect(res.body.error.field).toBe(field);
    }
    const longKey = await api.request('POST', '/api/payments', { token: cafe, key: 'k'.repeat(101), body: { code, amount: cny(1000) } });
    expectError(longKey, 400, 'INVALID_REQUEST');
    const signIn = await api.request('POST', '/api/sessions', { body: { role: 'customer', handle: huge, pin: '1111' } });
    expectError(signIn, 400, 'INVALID_REQUEST');
    expect(signIn.body.error.field).toBe('handle');
    const signUp = await api.request('POST', '/api/customers', { body: { handle: 'newbie', pin: digits } });
    expectError(signUp, 400, 'INVALID_REQUEST');
    expect(signUp.body.error.field).toBe('pin');
    const campaign = await api.request('POST', '/api/campaigns', {
      token: owner,
      key: newKey(),
      body: { title: huge, rule: { kind: 'fixed', off: 100 }, validUntil: new Date(api.clock.now() + 86_400_000).toISOString() },
    });
    expectError(campaign, 400, 'INVALID_REQUEST');
    expect(campaign.body.error.field).toBe('title');
    // PostgreSQL refuses a NUL in text outright: refused here as input, not failed there as a 500.
    const nul = await api.request('POST', '/api/campaigns', {
      token: owner,
      key: newKey(),
      body: { title: 'Half\u0000off', rule: { kind: 'fixed', off: 100 }, validUntil: new Date(api.clock.now() + 86_400_000).toISOString() },
    });
    expectError(nul, 400, 'INVALID_REQUEST');
    expect(nul.body.error.field).toBe('title');
    await expectUnchanged(api, before);
    await expectCodeStillPays(code);
  });

  it('a code that is not 18 digits is a bad request, not a recorded payment', async () => {
    const code = await newCode(api, bob);
    const before = await snapshot(api);
    const notCodes: unknown[] = [
      code.slice(0, 17),
      `${code}0`,
      `${code.slice(0, 17)}x`,
      ` ${code.slice(1)}`,
      `${code.slice(0, 9)} ${code.slice(10)}`,
      `${code}\n`,
      `+${code.slice(1)}`,
      code.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))), // full-width digits
      Number(code),
      '',
      null,
    ];
    for (const bad of notCodes) {
      const res = await rawPay(paymentJson(bad, JSON.stringify(cny(1000))));
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.field).toBe('code');
    }
    const missing = await rawPay(`{"amount":${JSON.stringify(cny(1000))}}`);
    expectError(missing, 400, 'INVALID_REQUEST');
    expect(missing.body.error.field).toBe('code');
    await expectUnchanged(api, before);
    await expectCodeStillPays(code);
  });

  it('an 18-digit code that is not live is declined as unknown, whatever its prefix, and recorded with nothing moved', async () => {
    const before = await snapshot(api);
    // Ours (88), WeChat Pay's (13), Alipay's (28), UnionPay's (62), all zeros.
    const unknown = ['880000000000000001', '134567890123456789', '281234567890123456', '621234567890123456', '000000000000000000'];
    for (const code of unknown) {
      const res = await pay(api, cafe, code, 1000);
      expect(res.status).toBe(402);
      expect(res.body.error.code).toBe('CODE_UNKNOWN');
      expect(res.body.payment.status).toBe('declined');
      expect(res.body.payment.reason).toBe('CODE_UNKNOWN');
      expect(res.body.payment.customerId).toBeNull();
      expect(res.body.payment.charged).toEqual(cny(0));
    }
    await expectUnchanged(api, before, unknown.length);
  });

  it('malformed JSON is a bad request on every route that takes a body', async () => {
    const code = await newCode(api, bob);
    const before = await snapshot(api);
    const malformed = ['', '{', '{"code":', "{'code':'1'}", 'NaN', '{"a":1}{"b":2}', '{"code":"1",}', 'undefined', '\u0000', '[', 'nul'];
    const routes: [string, string | undefined][] = [
      ['/api/payments', cafe],
      ['/api/paycodes', bob],
      ['/api/sessions', undefined],
      ['/api/customers', undefined],
      ['/api/wallet/topups', bob],
      ['/api/campaigns', owner],
    ];
    for (const [path, token] of routes) {
      for (const body of malformed) {
        const res = await api.request('POST', path, { token, key: newKey(), body, headers: { 'content-type': 'application/json' } });
        expectError(res, 400, 'INVALID_REQUEST');
      }
      for (const body of ['null', '[]', '"text"', '42', 'true']) {
        const res = await api.request('POST', path, { token, key: newKey(), body });
        expectError(res, 400, 'INVALID_REQUEST');
      }
    }
    await expectUnchanged(api, before);
    await expectCodeStillPays(code);
  });

  it('a body that is not declared as JSON is refused with 415, even when it would be a valid payment', async () => {
    const code = await newCode(api, bob);
    const before = await snapshot(api);
    const valid = JSON.stringify({ code, amount: cny(1000) });
    // The last two are JSON in a charset the server would misread ("Café" stored with a replacement character).
    const types = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json', 'application/jsonp', 'application/json-patch+json', 'application/javascript', 'application/json; charset=iso-8859-1', 'application/json;charset="UTF-16"'];
    for (const type of types) {
      const res = await rawPay(valid, { 'content-type': type });
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    // A classic cross-site form post.
    const form = await rawPay(`code=${code}&amount[amount]=1000&amount[currency]=CNY`, { 'content-type': 'application/x-www-form-urlencoded' });
    expectError(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    // No Content-Type at all (the harness always adds one, so this goes to the app directly).
    const bare = await app.request('/api/payments', { method: 'POST', headers: { authorization: `Bearer ${cafe}`, 'idempotency-key': newKey() }, body: valid });
    expect(bare.status).toBe(415);
    expect((await bare.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    for (const [path, token] of [['/api/sessions', undefined], ['/api/wallet/topups', bob], ['/api/paycodes', bob]] as const) {
      const res = await api.request('POST', path, { token, key: newKey(), body: '{}', headers: { 'content-type': 'text/plain' } });
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    await expectUnchanged(api, before);
    // JSON with a charset parameter, in any letter case, is JSON.
    const res = await api.request('POST', '/api/payments', { token: cafe, key: newKey(), body: valid, headers: { 'content-type': 'Application/JSON; charset=UTF8' } });
    expect(res.status).toBe(201);
  });

  it('a body over the size limit is refused with 413, declared or not', async () => {
    const code = await newCode(api, bob);
    const before = await snapshot(api);
    // A valid payment padded with whitespace: only its size is wrong.
    const big = JSON.stringify({ code, amount: cny(1000) }) + ' '.repeat(BODY_LIMIT_BYTES);
    const declared = await rawPay(big, { 'content-length': String(Buffer.byteLength(big)) });
    expectError(declared, 413, 'PAYLOAD_TOO_LARGE');
    const undeclared = await rawPay(big);
    expectError(undeclared, 413, 'PAYLOAD_TOO_LARGE');
    // Streamed in chunks, without a length, as a chunked upload arrives.
    const chunks = 40;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ code, amount: cny(1000) })));
        for (let i = 0; i < chunks; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(BODY_LIMIT_BYTES / 20)));
        controller.close();
      },
    });
    const streamed = await app.request('/api/payments', {
      method: 'POST',
      headers: { authorization: `Bearer ${cafe}`, 'idempotency-key': newKey(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const bigBatch = await api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId: 't', items: [], pad: 'x'.repeat(BODY_LIMIT_BYTES) } });
    expectError(bigBatch, 413, 'PAYLOAD_TOO_LARGE');
    await expectUnchanged(api, before);
    await expectCodeStillPays(code);
  });

  it('an offline batch with too many or malformed items is refused as a whole, and nothing in it is paid', async () => {
    const code = await newCode(api, bob);
    const before = await snapshot(api);
    const item = (i: number) => ({ idempotencyKey: `bulk-${i}`, code, amount: cny(100), scannedAt: new Date(api.clock.now()).toISOString() });
    const tooMany = await api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId: 't1', items: Array.from({ length: 501 }, (_, i) => item(i)) } });
    expectError(tooMany, 400, 'INVALID_REQUEST');
    const empty = await api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId: 't1', items: [] } });
    expectError(empty, 400, 'INVALID_REQUEST');
    const planted = await api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId: 't1', items: [{ ...item(1), deduction: cny(100) }] } });
    expectError(planted, 400, 'INVALID_REQUEST');
    expect(planted.body.error.field).toBe('deduction');
    await expectUnchanged(api, before);
    await expectCodeStillPays(code);
  });

  it('list and report queries with impossible dates or limits are refused, not answered with some other day', async () => {
    for (const query of ['date=2024-02-30', 'date=2024-13-01', 'date=9999-99-99', 'date=today', 'limit=0', 'limit=201', 'limit=abc', 'before=%00']) {
      const res = await api.request('GET', `/api/payments?${query}`, { token: cafe });
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.field).toBe(query.split('=')[0]);
    }
    // Every list takes the same page size, up to 200, the closed days too.
    for (const list of ['/api/payments', '/api/reports/z']) {
      expect((await api.request('GET', `${list}?limit=200`, { token: cafe })).status, list).toBe(200);
      expect((await api.request('GET', `${list}?limit=201`, { token: cafe })).body.error?.field, list).toBe('limit');
    }
    for (const date of ['2024-02-30', '2024-13-01', '20240101']) {
      const res = await api.request('GET', `/api/reports/daily?date=${date}`, { token: cafe });
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.field).toBe('date');
    }
  });

  it('a Z close with queued offline figures that cannot be is refused, and no report is closed', async () => {
    const closed = async () => (await api.request('GET', '/api/reports/z', { token: owner })).body.reports.length;
    const before = await closed();
    const impossible = [
      { count: 0, amount: cny(-9_007_199_254_740_991) },
      { count: 0, amount: cny(1) }, // nothing queued that adds up to something
      { count: 2, amount: cny(1) }, // two charges of at least a fen each
      { count: 1, amount: cny(100_000_001) }, // one charge over the largest amount
      { count: 3, amount: cny(-300) },
    ];
    for (const queuedOffline of impossible) {
      const res = await api.request('POST', '/api/reports/z', { token: owner, key: newKey(), body: { queuedOffline } });
      expectError(res, 422, 'AMOUNT_OUT_OF_RANGE');
      expect(res.body.error.field).toBe('queuedOffline.amount.amount');
    }
    expect(await closed()).toBe(before);
  });

  it('a refund of nothing or less is out of range, whatever is left to refund, and moves nothing', async () => {
    const code = await newCode(api, bob);
    const paid = await pay(api, cafe, code, 500);
    expect(paid.status).toBe(201);
    const before = await snapshot(api);
    for (const amount of [0, -1, -500]) {
      const res = await api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(amount) } });
      expectError(res, 422, 'AMOUNT_OUT_OF_RANGE');
      expect(res.body.error.field).toBe('amount.amount');
    }
    await expectUnchanged(api, before);
  });

  it('unknown routes answer 404, and a known route asked with the wrong method 405 naming the right ones', async () => {
    const before = await snapshot(api);
    const missing: [string, string, unknown][] = [
      ['GET', '/api/nope', undefined],
      ['POST', '/api/nope', {}],
      ['GET', '/api', undefined],
      ['GET', '/api/payments/pay_doesnotexist', undefined],
      ['POST', '/api/payments/pay_doesnotexist/refunds', {}],
      ['GET', '/api/v2/payments', undefined],
    ];
    for (const [method, path, body] of missing) {
      const res = await api.request(method, path, { token: cafe, key: newKey(), body });
      expectError(res, 404, 'NOT_FOUND');
    }
    const wrongMethod: [string, string, unknown, string][] = [
      ['PUT', '/api/payments', {}, 'GET, HEAD, POST'],
      ['DELETE', '/api/wallet', undefined, 'GET, HEAD'],
      ['PATCH', '/api/payments/pay_x', {}, 'GET, HEAD'],
    ];
    for (const [method, path, body, allow] of wrongMethod) {
      const res = await api.request(method, path, { token: cafe, key: newKey(), body });
      expectError(res, 405, 'METHOD_NOT_ALLOWED');
      expect(res.headers.get('allow')?.split(', ').sort().join(', ')).toBe(allow);
    }
    await expectUnchanged(api, before);
  });

  it('a state change without a valid Idempotency-Key is refused and changes nothing', async () => {
    const code = await newCode(api, bob);
    const paid = await pay(api, cafe, await newCode(api, alice), 500);
    expect(paid.status).toBe(201);
    const before = await snapshot(api);
    const until = new Date(api.clock.now() + 86_400_000).toISOString();
    const requests: [string, string, string, unknown][] = [
      ['/api/payments', cafe, 'payment', { code, amount: cny(1000) }],
      [`/api/payments/${paid.body.payment.id}/refunds`, cafe, 'refund', {}],
      ['/api/wallet/topups', bob, 'top-up', { amount: cny(1000) }],
      ['/api/campaigns', owner, 'campaign', { title: 'No key', rule: { kind: 'fixed', off: 100 }, validUntil: until }],
    ];
    for (const [path, token, , body] of requests) {
      const missing = await api.request('POST', path, { token, body });
      expectError(missing, 400, 'INVALID_REQUEST');
      expect(missing.body.error.field).toBe('idempotency-key');
      expect(missing.body.error.message).toBe('idempotency-key: Required.');
      for (const key of ['has space', 'caf\u00e9', 'k'.repeat(101), 'semi;colon', 'a/b', '{"json":1}']) {
        const bad = await api.request('POST', path, { token, body, key });
        expectError(bad, 400, 'INVALID_REQUEST');
      }
    }
    await expectUnchanged(api, before);
    const campaigns = await api.request('GET', '/api/campaigns', { token: owner });
    expect(campaigns.body.campaigns.filter((c: any) => c.title === 'No key')).toHaveLength(0);
    await expectCodeStillPays(code);
  });

  it('a manager cannot make the platform fund, or other shops honour, a campaign of their own', async () => {
    const before = await snapshot(api);
    const until = new Date(api.clock.now() + 86_400_000).toISOString();
    const base = { title: 'Mine', rule: { kind: 'fixed', off: 100 }, validUntil: until };
    for (const [field, value] of [['funding', 'platform'], ['merchants', 'all'], ['allMerchants', true], ['issued', 0], ['spent', cny(0)]] as const) {
      const res = await api.request('POST', '/api/campaigns', { token: owner, key: newKey(), body: { ...base, [field]: value } });
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.field).toBe(field);
    }
    const rules: unknown[] = [
      { kind: 'percent', percent: 0 },
      { kind: 'percent', percent: 101 },
      { kind: 'percent', percent: 12.5 },
      { kind: 'fixed', off: 0 },
      { kind: 'fixed', off: -100 },
      { kind: 'threshold', minimum: 5000 },
      { kind: 'free', off: 100 },
      { kind: 'fixed', off: 100, percent: 50 },
    ];
    for (const rule of rules) {
      const res = await api.request('POST', '/api/campaigns', { token: owner, key: newKey(), body: { ...base, rule } });
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.field).toMatch(/^rule|percent/);
    }
    const backwards = await api.request('POST', '/api/campaigns', { token: owner, key: newKey(), body: { ...base, validFrom: new Date(Date.parse(until) + 86_400_000).toISOString(), validUntil: until } });
    expectError(backwards, 400, 'INVALID_REQUEST');
    const notADate = await api.request('POST', '/api/campaigns', { token: owner, key: newKey(), body: { ...base, validUntil: 'tomorrow' } });
    expectError(notADate, 400, 'INVALID_REQUEST');
    const budget = await api.request('POST', '/api/campaigns', { token: owner, key: newKey(), body: { ...base, budget: { amount: 1000, currency: 'USD' } } });
    expectError(budget, 422, 'CURRENCY_MISMATCH');
    await expectUnchanged(api, before);
    const campaigns = await api.request('GET', '/api/campaigns', { token: owner });
    expect(campaigns.body.campaigns.filter((c: any) => c.title === 'Mine')).toHaveLength(0);
  });

  it('sign-in and sign-up refuse malformed handles, PINs and extra fields', async () => {
    const before = await snapshot(api);
    const signIns: unknown[] = [
      { role: 'customer', handle: 'alice', pin: 1111 },
      { role: 'customer', handle: 'Alice', pin: '1111' },
      { role: 'customer', handle: 'alice', pin: '111' },
      { role: 'customer', handle: 'alice', pin: '1111', admin: true },
      { role: 'admin', handle: 'alice', pin: '1111' },
      { role: 'cashier', handle: 'cashier-1', pin: '1234' },
      { role: 'customer', handle: 'al', pin: '1111' },
    ];
    for (const body of signIns) expectError(await api.request('POST', '/api/sessions', { body }), 400, 'INVALID_REQUEST');
    const signUps: unknown[] = [
      { handle: 'new one', pin: '1234' },
      { handle: 'newone', pin: '12a4' },
      { handle: 'newone', pin: '1234', balance: cny(1_000_000) },
      { handle: 'ünïcode', pin: '1234' },
    ];
    for (const body of signUps) expectError(await api.request('POST', '/api/customers', { body }), 400, 'INVALID_REQUEST');
    const topups: [unknown, number, string][] = [
      [{ amount: cny(0) }, 422, 'AMOUNT_OUT_OF_RANGE'],
      [{ amount: cny(-500) }, 422, 'AMOUNT_OUT_OF_RANGE'],
      [{ amount: cny(100_000_001) }, 422, 'AMOUNT_OUT_OF_RANGE'],
      [{ amount: { amount: 1.5, currency: 'CNY' } }, 400, 'INVALID_REQUEST'],
      [{ amount: cny(100), accountId: 'acc_platform_CNY' }, 400, 'INVALID_REQUEST'],
    ];
    for (const [body, status, code] of topups) expectError(await api.request('POST', '/api/wallet/topups', { token: bob, key: newKey(), body }), status, code);
    await expectUnchanged(api, before);
    const signedUp = await api.request('POST', '/api/customers', { body: { handle: 'newone', pin: '1234' } });
    expect(signedUp.status).toBe(201);
  });

  it('random JSON bodies on the state-changing routes never give a 5xx, and every refusal is in the error format', async () => {
    const LIVE = 'live code';
    const anything = fc.jsonValue({ maxDepth: 3 });
    /** Mostly the valid thing, sometimes anything at all. */
    const mostly = <T>(valid: fc.Arbitrary<T>, ...wrong: fc.Arbitrary<unknown>[]) =>
      fc.oneof({ weight: 12, arbitrary: valid as fc.Arbitrary<unknown> }, ...wrong.map((arbitrary) => ({ weight: 1, arbitrary })), { weight: 1, arbitrary: anything });
    const money = mostly(
      fc.record({
        amount: mostly(fc.integer({ min: 1, max: 20_000 }), fc.integer(), fc.double(), fc.constantFrom(0, -1, 100_000_001, 2 ** 53)),
        currency: mostly(fc.constant('CNY'), fc.constantFrom('USD', 'cny', '')),
      }),
    );
    const time = mostly(
      fc.integer({ min: -26, max: 1 }).map((h) => new Date(api.clock.now() + h * 3_600_000).toISOString()),
      fc.string(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
    const id = mostly(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.string());
    // Near-valid bodies: the route's own fields, each usually right and present, and now and then an extra one.
    const near = (shape: Record<string, fc.Arbitrary<unknown>>, required: string[]) =>
      fc
        .tuple(
          fc.record(shape, { requiredKeys: required }),
          fc.oneof({ weight: 5, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), anything, { minKeys: 1, maxKeys: 2 }) }),
        )
        .map(([body, extra]) => ({ ...extra, ...body }));
    const routes: { path: string; token: () => string | undefined; body: fc.Arbitrary<unknown> }[] = [
      {
        path: '/api/payments',
        token: () => cafe,
        body: near(
          {
            code: mostly(fc.oneof(fc.constant(LIVE), fc.stringMatching(/^[0-9]{18}$/)), fc.string({ maxLength: 20 })),
            amount: money,
            scannedAt: time,
            terminalId: id,
            sequence: mostly(fc.integer({ min: 1, max: 1000 }), fc.integer()),
          },
          ['code', 'amount'],
        ),
      },
      { path: '/api/paycodes', token: () => bob, body: near({ couponId: mostly(fc.constant(null), id) }, []) },
      {
        path: '/api/sessions',
        token: () => undefined,
        body: near(
          {
            role: mostly(fc.constantFrom('customer', 'cashier'), fc.string()),
            merchant: mostly(fc.constantFrom('demo-cafe', 'demo-books', 'nowhere')),
            handle: mostly(fc.constantFrom('alice', 'bob', 'carol', 'cashier-1', 'owner'), fc.stringMatching(/^[a-z0-9._-]{3,40}$/), fc.string()),
            pin: mostly(fc.constantFrom('1111', '2222', '1234', '9999'), fc.stringMatching(/^[0-9]{4,12}$/), fc.integer()),
          },
          ['role', 'handle', 'pin'],
        ),
      },
      { path: '/api/wallet/topups', token: () => bob, body: near({ amount: money }, ['amount']) },
      {
        path: '/api/campaigns',
        token: () => owner,
        body: near(
          {
            title: mostly(fc.string({ minLength: 1, maxLength: 80 }), fc.string({ maxLength: 200 })),
            rule: mostly(
              fc.oneof(
                fc.record({ kind: fc.constant('fixed'), off: fc.integer({ min: -10, max: 100_000_001 }) }),
                fc.record({ kind: fc.constant('percent'), percent: fc.integer({ min: -1, max: 101 }), cap: fc.option(fc.integer({ min: 0, max: 10_000 })) }, { requiredKeys: ['kind', 'percent'] }),
                fc.record({ kind: fc.constant('threshold'), minimum: fc.integer({ min: 0, max: 10_000 }), off: fc.integer({ min: 0, max: 10_000 }) }),
              ),
            ),
            validFrom: time,
            validUntil: time,
            minimumSpend: money,
            stock: mostly(fc.integer({ min: 1, max: 100 }), fc.integer()),
            perCustomerLimit: mostly(fc.integer({ min: 1, max: 10 }), fc.integer()),
            budget: money,
          },
          ['title', 'rule', 'validUntil'],
        ),
      },
    ];
    const request = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        // Mostly near-valid bodies for the route; the rest random JSON or random text.
        sent: fc.oneof(
          { weight: 4, arbitrary: route.body.map((b) => JSON.stringify(b)) },
          { weight: 1, arbitrary: anything.map((b) => JSON.stringify(b)) },
          { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
        ),
        key: fc.oneof(
          { weight: 6, arbitrary: fc.constant('fresh') },
          { weight: 1, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.stringMatching(/^[ -~]{0,120}$/) },
        ),
      }),
    );
    let pastSchemas = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ route, sent, key }) => {
        // A live code of carol's where the body asks for one, so payments reach the ledger for real.
        const body = sent.includes(JSON.stringify(LIVE)) ? sent.replace(JSON.stringify(LIVE), JSON.stringify(await newCode(api, alice))) : sent;
        const res = await api.request('POST', route.path, { token: route.token(), key: key === 'fresh' ? newKey() : key, body, headers: { 'content-type': 'application/json' } });
        if (res.status !== 400) pastSchemas++;
        expect(res.status, `${route.path} ${body}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(typeof res.body?.error?.code, `${route.path} ${body} -> ${JSON.stringify(res.body)}`).toBe('string');
          expect(typeof res.body.error.message).toBe('string');
        }
      }),
      { numRuns: 200 },
    );
    // The bodies were near enough to valid to get past the schemas too (about a quarter do), not only bounce off them.
    expect(pastSchemas).toBeGreaterThanOrEqual(20);
  });
});
