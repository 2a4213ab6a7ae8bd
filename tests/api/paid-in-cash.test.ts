import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { AMOUNT_MAX_MINOR } from '../../api/money.js';
import { balance, cny, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A payment declined when an offline tablet synced it, which the customer then paid in cash at the counter:
 * the cashier's "Paid in cash" is recorded on the server, shown on the payment, and counted in the day report,
 * the X report and the next Z report, so that the shop's figures match the cash in its till.
 */
describe.each(dialects)('a declined payment paid in cash on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let manager: string;
  let bookshop: string;
  let bob: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    ({ cafe, owner: manager, books: bookshop, bob } = await signInDemo(api, 'cafe', 'owner', 'books', 'bob'));
  });
  useInvariantCheck(() => api);

  /** More than bob's wallet holds, or a code no one was given: declined, recorded, nothing moved. */
  let unknownCodes = 0;
  async function declinedPayment(amount = AMOUNT_MAX_MINOR) {
    const code = amount === AMOUNT_MAX_MINOR ? await newCode(api, bob) : `8800000000000001${String(++unknownCodes).padStart(2, '0')}`;
    const res = await pay(api, cafe, code, amount);
    expect(res.status).toBe(402);
    return res.body.payment;
  }
  const noteCash = (id: string, note: string, token = cafe, key = newKey()) =>
    api.request('POST', `/api/payments/${id}/paid-in-cash`, { token, key, body: { note } });
  const dayReport = async () => (await api.request('GET', '/api/reports/daily', { token: cafe })).body;

  it('is noted once, shown on the payment, counted in the day and X reports, and moves no money', async () => {
    const before = { wallet: await balance(api, bob), day: await dayReport() };
    const declined = await declinedPayment(1_234_567); // a code no one was given
    const key = newKey();
    const noted = await noteCash(declined.id, '  Took ¥12,345.67 in cash  ', cafe, key);
    expect(noted.status).toBe(201);
    expect(noted.body.payment).toMatchObject({ id: declined.id, status: 'declined', paidInCash: { note: 'Took ¥12,345.67 in cash' } });
    expect(noted.body.payment.paidInCash.at).toBe(new Date(api.clock.now()).toISOString());

    // The same request again (a lost answer) replays; another "paid in cash" for it is refused.
    const replay = await noteCash(declined.id, '  Took ¥12,345.67 in cash  ', cafe, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(noted.body);
    const otherNote = await noteCash(declined.id, 'Took it in cash', cafe, key);
    expect([otherNote.status, otherNote.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    const twice = await noteCash(declined.id, 'again', cafe);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_PAID_IN_CASH');

    const shown = await api.request('GET', `/api/payments/${declined.id}`, { token: cafe });
    expect(shown.body.payment.paidInCash.note).toBe('Took ¥12,345.67 in cash');
    const listed = await api.request('GET', '/api/payments?limit=200', { token: cafe });
    expect(listed.body.payments.find((p: { id: string }) => p.id === declined.id).paidInCash.note).toBe('Took ¥12,345.67 in cash');

    const day = await dayReport();
    expect(day.paidInCashCount).toBe(before.day.paidInCashCount + 1);
    expect(day.paidInCash).toEqual(cny(before.day.paidInCash.amount + 1_234_567));
    expect(day.settlement).toEqual(before.day.settlement); // the cash is in the till, not in the ledger
    expect(await balance(api, bob)).toBe(before.wallet);
    const x = await api.request('GET', '/api/reports/x', { token: cafe });
    expect(x.body.figures).toMatchObject({ paidInCashCount: 1, paidInCash: cny(1_234_567) });
  });

  it('goes into the Z report of the period it was taken in, even when its payment was closed in an earlier one', async () => {
    const declined = await declinedPayment(800);
    const open = (await api.request('GET', '/api/reports/x', { token: cafe })).body.figures;
    const z1 = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z1.status).toBe(201);
    expect(z1.body.report.figures).toMatchObject({ paidInCashCount: open.paidInCashCount, paidInCash: open.paidInCash });

    api.clock.advance(60_000);
    expect((await noteCash(declined.id, '¥8 in cash')).status).toBe(201);
    const closed = await api.request('GET', `/api/reports/z/${z1.body.report.number}`, { token: cafe });
    expect(closed.body.report.figures).toEqual(z1.body.report.figures);
    const z2 = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z2.body.report.figures).toMatchObject({ count: 0, declinedCount: 0, paidInCashCount: 1, paidInCash: cny(800) });
    const csv = await api.request('GET', `/api/reports/z/${z2.body.report.number}?format=csv`, { token: cafe });
    expect(csv.body).toContain('\r\nPaid in cash after a decline (payments),1,\r\n');
    expect(csv.body).toContain('\r\nPaid in cash after a decline,800,8.00\r\n');
  });

  it('a Z report closed before cash settlements existed reads as none, in JSON and CSV', async () => {
    const z = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    const db = api.deps.db.kysely;
    const cafeId = (await db.selectFrom('merchants').select('id').where('handle', '=', 'demo-cafe').executeTakeFirstOrThrow()).id;
    const stored = await db.selectFrom('z_reports').select(['id', 'figures']).where('merchant_id', '=', cafeId).where('number', '=', z.body.report.number).executeTakeFirstOrThrow();
    const { paidInCashCount: _count, paidInCash: _cash, ...older } = JSON.parse(stored.figures);
    await db.updateTable('z_reports').set({ figures: JSON.stringify(older) }).where('id', '=', stored.id).execute();
    const json = await api.request('GET', `/api/reports/z/${z.body.report.number}`, { token: cafe });
    expect(json.body.report.figures).toMatchObject({ paidInCashCount: 0, paidInCash: cny(0) });
    const csv = await api.request('GET', `/api/reports/z/${z.body.report.number}?format=csv`, { token: cafe });
    expect(csv.body).toContain('\r\nPaid in cash after a decline (payments),0,\r\n');
    expect(csv.body).not.toContain('undefined');
  });

  it('two tablets noting one payment at once: one is recorded, the other told so; its customer is not told', async () => {
    const app = createApp(api.deps);
    // The customer's live stream, read through the app: the first payment event it gets after the cash notes.
    const stream = await app.request('/api/events', { headers: { authorization: `Bearer ${bob}` } });
    const reader = stream.body!.getReader();
    const declined = await declinedPayment();
    const answers = await Promise.all([noteCash(declined.id, 'Took it in cash'), noteCash(declined.id, 'Took it in cash too')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('ALREADY_PAID_IN_CASH');
    const paid = await pay(api, cafe, await newCode(api, bob), 100);
    expect(paid.status).toBe(201);
    let text = '';
    while (!text.includes(`"id":"${paid.body.payment.id}"`)) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const seen = [...text.matchAll(/event: payment\ndata: (.*)\n/g)].map(([, data]) => JSON.parse(data!).payment.id as string);
    // Its declined attempt was told when it happened; the shop's cash record of it is not sent to the phone.
    expect(seen.filter((id) => id === declined.id)).toHaveLength(1);
    // Nor shown to the customer: the note and the cashier are the shop's.
    const asCustomer = await api.request('GET', `/api/payments/${declined.id}`, { token: bob });
    expect(asCustomer.body.payment.paidInCash).toBeNull();
    const list = await api.request('GET', '/api/payments?limit=200', { token: bob });
    // The declined payment is on bob's list (an empty list would pass "every" below), without the shop's note.
    expect(list.body.payments.find((p: { id: string }) => p.id === declined.id)).toMatchObject({ status: 'declined', paidInCash: null });
    expect(list.body.payments.filter((p: { paidInCash: unknown }) => p.paidInCash !== null)).toEqual([]);
  });

  it('refuses a payment that was not declined, another shop, a customer and an empty note, and records nothing', async () => {
    const open = (await api.request('GET', '/api/reports/x', { token: cafe })).body.figures;
    const paid = await pay(api, cafe, await newCode(api, bob), 100);
    expect(paid.status).toBe(201);
    const notDeclined = await noteCash(paid.body.payment.id, 'cash');
    expect([notDeclined.status, notDeclined.body.error.code]).toEqual([409, 'NOT_DECLINED']);

    const declined = await declinedPayment();
    const otherShop = await noteCash(declined.id, 'cash', bookshop);
    expect([otherShop.status, otherShop.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await noteCash(declined.id, 'cash', bob)).status).toBe(403);
    for (const note of ['', '   ', 'x'.repeat(201), 'cash\u0000', 'two\nlines']) {
      const bad = await noteCash(declined.id, note);
      expect(bad.status, note).toBe(400);
      expect(bad.body.error.field).toBe('note');
    }
    const missing = await api.request('POST', `/api/payments/${declined.id}/paid-in-cash`, { token: cafe, key: newKey(), body: {} });
    expect(missing.status).toBe(400);
    const shown = await api.request('GET', `/api/payments/${declined.id}`, { token: cafe });
    expect(shown.body.payment.paidInCash).toBeNull();
    const x = await api.request('GET', '/api/reports/x', { token: cafe });
    expect(x.body.figures).toMatchObject({ paidInCashCount: open.paidInCashCount, paidInCash: open.paidInCash });
  });
});
