import { beforeAll, describe, expect, it } from 'vitest';
import { AMOUNT_MAX_MINOR } from '../../api/money.js';
import { balance, cny, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A declined sale the customer walked away from: the cashier takes it off the counter's list as "Not paid — customer
 * left", the server records it, and the Day, X and Z reports (and their files) count it apart, with no cash. Before
 * it, the only way to clear the list was a false "Paid in cash", which put in the till's figures cash the drawer did
 * not hold.
 */
describe.each(dialects)('a declined payment noted as not paid on %s', (dialect) => {
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

  /** A code no one was given (or, at the maximum, more than bob holds): declined, recorded, nothing moved. */
  let unknownCodes = 0;
  async function declinedPayment(amount = AMOUNT_MAX_MINOR) {
    const code = amount === AMOUNT_MAX_MINOR ? await newCode(api, bob) : `8800000000000002${String(++unknownCodes).padStart(2, '0')}`;
    const res = await pay(api, cafe, code, amount);
    expect(res.status).toBe(402);
    return res.body.payment;
  }
  const noteNotPaid = (id: string, body: unknown = { note: '' }, token = cafe, key = newKey()) =>
    api.request('POST', `/api/payments/${id}/not-paid`, { token, key, body });
  const noteCash = (id: string, note: string, token = cafe) => api.request('POST', `/api/payments/${id}/paid-in-cash`, { token, key: newKey(), body: { note } });
  const dayReport = async () => (await api.request('GET', '/api/reports/daily', { token: cafe })).body;

  it('is noted once, shown to the shop, counted apart in the day and X reports, never as cash, and moves no money', async () => {
    const before = { wallet: await balance(api, bob), day: await dayReport() };
    const declined = await declinedPayment(650);
    const key = newKey();
    const noted = await noteNotPaid(declined.id, { note: '  Walked out  ' }, cafe, key);
    expect(noted.status).toBe(201);
    expect(noted.body.payment).toMatchObject({ id: declined.id, status: 'declined', paidInCash: null, notPaid: { note: 'Walked out', cashierHandle: 'cashier-1' } });
    expect(noted.body.payment.notPaid.at).toBe(new Date(api.clock.now()).toISOString());

    // The same request again (a lost answer) replays; the key sent with another note, or another note as not paid, is refused.
    const replay = await noteNotPaid(declined.id, { note: '  Walked out  ' }, cafe, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(noted.body);
    const otherNote = await noteNotPaid(declined.id, { note: 'Ran off' }, cafe, key);
    expect([otherNote.status, otherNote.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    const twice = await noteNotPaid(declined.id);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_NOT_PAID']);
    // A sale is paid in cash or not paid, not both: cash for it now would be made up.
    const cash = await noteCash(declined.id, 'Took it in cash');
    expect([cash.status, cash.body.error.code]).toEqual([409, 'NOTED_NOT_PAID']);

    // The shop's detail and list say so, with who noted it.
    const shown = await api.request('GET', `/api/payments/${declined.id}`, { token: cafe });
    expect(shown.body.payment.notPaid).toEqual(noted.body.payment.notPaid);
    const listed = await api.request('GET', '/api/payments?limit=200', { token: cafe });
    expect(listed.body.payments.find((p: { id: string }) => p.id === declined.id).notPaid.note).toBe('Walked out');

    // Counted apart: the declined count as it was, the till's cash untouched, the money in the ledger unmoved.
    const day = await dayReport();
    expect(day).toMatchObject({
      notPaidCount: before.day.notPaidCount + 1,
      notPaid: cny(before.day.notPaid.amount + 650),
      declinedCount: before.day.declinedCount + 1,
      paidInCashCount: before.day.paidInCashCount,
      paidInCash: before.day.paidInCash,
      settlement: before.day.settlement,
    });
    expect(await balance(api, bob)).toBe(before.wallet);
    const x = await api.request('GET', '/api/reports/x', { token: cafe });
    expect(x.body.figures).toMatchObject({ notPaidCount: 1, notPaid: cny(650), paidInCashCount: 0 });
    // The Day report's file says it too, as a count and an amount, in both languages.
    const csv = await api.request('GET', '/api/reports/daily?format=csv', { token: cafe });
    expect(csv.body).toContain('\r\nNot paid after a decline: customer left (payments),1,\r\n');
    expect(csv.body).toContain('\r\nNot paid after a decline: customer left,650,6.50\r\n');
    const zh = await api.request('GET', '/api/reports/daily?format=csv&lang=zh', { token: cafe });
    expect(zh.body).toContain('\r\n拒付后未付款，顾客已离开,650,6.50\r\n');

    // Traceable to who wrote it off: By cashier gives it to the cashier who noted it, on screen and in the file...
    const mine = (d: any) => d.byCashier.find((r: { handle: string }) => r.handle === 'cashier-1');
    const was = mine(before.day) ?? { notPaidCount: 0, notPaid: cny(0) };
    expect(mine(day)).toMatchObject({ notPaidCount: was.notPaidCount + 1, notPaid: cny(was.notPaid.amount + 650) });
    expect(x.body.figures.byCashier.find((r: { handle: string }) => r.handle === 'cashier-1')).toMatchObject({ notPaidCount: 1, notPaid: cny(650) });
    const lines = String(csv.body).split('\r\n');
    const heading = lines.find((l) => l.startsWith('Cashier,Payments,'))!;
    expect(heading.endsWith(',Declined,Not paid after a decline: customer left (payments),Not paid after a decline: customer left (CNY)')).toBe(true);
    expect(lines.find((l) => l.startsWith('cashier-1,'))!.endsWith(`,${mine(day).notPaidCount},${(mine(day).notPaid.amount / 100).toFixed(2)}`)).toBe(true);
    // ...and the file lists it, as it lists cash for a decline: when, which payment, who, how much, the note.
    const inFile = lines.indexOf('Not paid after a decline: customer left');
    expect(inFile).toBeGreaterThan(0);
    expect(lines[inFile + 1]).toBe('Time,Payment,Cashier,Written off (not in the till) (CNY),Note');
    expect(lines[inFile + 2]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(:\\d{2})?,${declined.id},cashier-1,6\\.50,Walked out$`));
    const zhLines = String(zh.body).split('\r\n');
    const zhListed = zhLines.indexOf('拒付后未付款，顾客已离开');
    expect(zhLines[zhListed + 1]).toBe('时间,付款单号,收银员,核销金额（不在钱箱中）（CNY）,备注');
    expect(zhLines[zhListed + 2]).toContain(`,${declined.id},cashier-1,6.50,Walked out`);
  });

  it('goes into the Z report of the period it was noted in, which keeps it once closed', async () => {
    const declined = await declinedPayment(300);
    const z1 = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z1.status).toBe(201);
    api.clock.advance(60_000);
    expect((await noteNotPaid(declined.id)).status).toBe(201);
    // Closed before it was noted: Z 1 is as it was, and the open period holds it.
    const closed = await api.request('GET', `/api/reports/z/${z1.body.report.number}`, { token: cafe });
    expect(closed.body.report.figures).toEqual(z1.body.report.figures);
    const z2 = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z2.body.report.figures).toMatchObject({ count: 0, declinedCount: 0, notPaidCount: 1, notPaid: cny(300), paidInCashCount: 0 });
    // A cashier who did nothing else that period still has their line: the write-off is theirs.
    expect(z2.body.report.figures.byCashier).toEqual([expect.objectContaining({ handle: 'cashier-1', count: 0, notPaidCount: 1, notPaid: cny(300) })]);
    const csv = await api.request('GET', `/api/reports/z/${z2.body.report.number}?format=csv`, { token: cafe });
    expect(csv.body).toContain('\r\nNot paid after a decline: customer left (payments),1,\r\n');
    expect(csv.body).toContain('\r\nNot paid after a decline: customer left,300,3.00\r\n');
    const x = await api.request('GET', '/api/reports/x', { token: cafe });
    expect(x.body.figures).toMatchObject({ notPaidCount: 0, notPaid: cny(0) });
  });

  it('a Z report closed before sales were noted as not paid reads as none', async () => {
    expect((await noteNotPaid((await declinedPayment(250)).id)).status).toBe(201);
    const z = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    const db = api.deps.db.kysely;
    const cafeId = (await db.selectFrom('merchants').select('id').where('handle', '=', 'demo-cafe').executeTakeFirstOrThrow()).id;
    const stored = await db.selectFrom('z_reports').select(['id', 'figures']).where('merchant_id', '=', cafeId).where('number', '=', z.body.report.number).executeTakeFirstOrThrow();
    const { notPaidCount: _count, notPaid: _amount, ...older } = JSON.parse(stored.figures);
    older.byCashier = older.byCashier.map(({ notPaidCount: _c, notPaid: _a, ...line }: Record<string, unknown>) => line);
    await db.updateTable('z_reports').set({ figures: JSON.stringify(older) }).where('id', '=', stored.id).execute();
    const json = await api.request('GET', `/api/reports/z/${z.body.report.number}`, { token: cafe });
    expect(json.body.report.figures).toMatchObject({ notPaidCount: 0, notPaid: cny(0) });
    expect(json.body.report.figures.byCashier).toEqual([expect.objectContaining({ handle: 'cashier-1', notPaidCount: 0, notPaid: cny(0) })]);
  });

  it('refuses a sale paid or paid in cash, another shop, a customer and a bad note, and records nothing', async () => {
    const open = (await api.request('GET', '/api/reports/x', { token: cafe })).body.figures;
    const paid = await pay(api, cafe, await newCode(api, bob), 100);
    expect(paid.status).toBe(201);
    const notDeclined = await noteNotPaid(paid.body.payment.id);
    expect([notDeclined.status, notDeclined.body.error.code]).toEqual([409, 'NOT_DECLINED']);

    const cashFirst = await declinedPayment(200);
    expect((await noteCash(cashFirst.id, 'Took ¥2')).status).toBe(201);
    const afterCash = await noteNotPaid(cashFirst.id);
    expect([afterCash.status, afterCash.body.error.code]).toEqual([409, 'ALREADY_PAID_IN_CASH']);

    const declined = await declinedPayment();
    const otherShop = await noteNotPaid(declined.id, { note: '' }, bookshop);
    expect([otherShop.status, otherShop.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await noteNotPaid(declined.id, { note: '' }, bob)).status).toBe(403);
    const unknown = await noteNotPaid('pay_000000000000000000000');
    expect(unknown.status).toBe(404);
    for (const body of [{ note: 'x'.repeat(201) }, { note: 'left\u0000' }, { note: 'two\nlines' }, { note: 5 }, { note: '', amount: 1 }]) {
      const bad = await noteNotPaid(declined.id, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe('INVALID_REQUEST');
    }
    const noKey = await api.request('POST', `/api/payments/${declined.id}/not-paid`, { token: cafe, body: {} });
    expect(noKey.status).toBe(400);
    const shown = await api.request('GET', `/api/payments/${declined.id}`, { token: cafe });
    expect(shown.body.payment.notPaid).toBeNull();
    const x = await api.request('GET', '/api/reports/x', { token: cafe });
    expect(x.body.figures).toMatchObject({ notPaidCount: open.notPaidCount, notPaid: open.notPaid });

    // With no note at all (the body empty) it is recorded, note ''; the customer is not shown the shop's record.
    const noNote = await noteNotPaid(declined.id, {});
    expect(noNote.status).toBe(201);
    expect(noNote.body.payment.notPaid.note).toBe('');
    const asCustomer = await api.request('GET', `/api/payments/${declined.id}`, { token: bob });
    expect(asCustomer.body.payment.notPaid).toBeNull();
  });
});

/**
 * The customer came back and paid, or the cashier tapped "Not paid" by mistake: a manager takes the note back, and
 * the sale can be noted as paid in cash, so the till's figures hold the cash in the drawer. Until the next Z report
 * closes it: a closed Z report keeps what it counted.
 */
describe.each(dialects)('a "not paid" taken back by a manager on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let owner: string;
  let bookshop: string;
  let bob: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    ({ cafe, owner, books: bookshop, bob } = await signInDemo(api, 'cafe', 'owner', 'books', 'bob'));
  });
  useInvariantCheck(() => api);

  async function notedNotPaid() {
    const declined = await pay(api, cafe, await newCode(api, bob), AMOUNT_MAX_MINOR);
    expect(declined.status).toBe(402);
    const id = declined.body.payment.id as string;
    expect((await api.request('POST', `/api/payments/${id}/not-paid`, { token: cafe, key: newKey(), body: { note: 'Walked out' } })).status).toBe(201);
    return id;
  }
  const takeBack = (id: string, token = owner, key = newKey()) => api.request('DELETE', `/api/payments/${id}/not-paid`, { token, key });
  const x = async () => (await api.request('GET', '/api/reports/x', { token: cafe })).body.figures;

  it('is taken back by a manager, replayed by its key, and then the sale can be noted as paid in cash', async () => {
    const before = await x();
    const id = await notedNotPaid();
    expect(await x()).toMatchObject({ notPaidCount: before.notPaidCount + 1 });

    const key = newKey();
    const taken = await takeBack(id, owner, key);
    expect(taken.status).toBe(200);
    expect(taken.body.payment).toMatchObject({ id, status: 'declined', notPaid: null, paidInCash: null });
    // A lost answer sent again: the same answer, not "there is nothing to take back".
    const replay = await takeBack(id, owner, key);
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(replay.body).toEqual(taken.body);
    // A new key finds nothing to take back.
    const again = await takeBack(id);
    expect([again.status, again.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(await x()).toMatchObject({ notPaidCount: before.notPaidCount, notPaid: before.notPaid });

    const cash = await api.request('POST', `/api/payments/${id}/paid-in-cash`, { token: cafe, key: newKey(), body: { note: 'Came back and paid' } });
    expect(cash.status).toBe(201);
    expect(cash.body.payment).toMatchObject({ notPaid: null, paidInCash: { note: 'Came back and paid' } });
    expect(await x()).toMatchObject({ paidInCashCount: before.paidInCashCount + 1, notPaidCount: before.notPaidCount });
  });

  it('leaves a trace of who noted it and who took it back, on the sale and in the Day report file, and can be noted again', async () => {
    const day = async () => (await api.request('GET', '/api/reports/daily', { token: owner })).body;
    const before = { x: await x(), day: await day() };
    const period = async () => (await api.request('GET', `/api/reports/period?from=${before.day.date}&to=${before.day.date}`, { token: owner })).body;
    const beforePeriod = await period();
    const id = await notedNotPaid();
    const notedAt = new Date(api.clock.now()).toISOString();
    api.clock.advance(17 * 60_000);
    const taken = await takeBack(id);
    expect(taken.status).toBe(200);
    const first = {
      at: notedAt,
      note: 'Walked out',
      cashierId: expect.any(String),
      cashierHandle: 'cashier-1',
      takenBackAt: new Date(api.clock.now()).toISOString(),
      takenBackBy: expect.any(String),
      takenBackByHandle: 'owner',
    };
    expect(taken.body.payment).toMatchObject({ notPaid: null, paidInCash: null, notPaidTakenBack: [first] });
    // The shop's detail and list say so; the customer is told nothing of the shop's records.
    const shown = await api.request('GET', `/api/payments/${id}`, { token: cafe });
    expect(shown.body.payment.notPaidTakenBack).toEqual(taken.body.payment.notPaidTakenBack);
    const listed = await api.request('GET', '/api/payments?limit=200', { token: cafe });
    expect(listed.body.payments.find((p: { id: string }) => p.id === id).notPaidTakenBack).toEqual(taken.body.payment.notPaidTakenBack);
    const asCustomer = await api.request('GET', `/api/payments/${id}`, { token: bob });
    expect(asCustomer.body.payment).toMatchObject({ notPaid: null, notPaidTakenBack: [] });

    // Noted again (the customer left after all), the live note is the new one, and the figures count it once.
    api.clock.advance(60_000);
    const again = await api.request('POST', `/api/payments/${id}/not-paid`, { token: cafe, key: newKey(), body: { note: 'Ran off' } });
    expect(again.status).toBe(201);
    expect(again.body.payment).toMatchObject({ notPaid: { note: 'Ran off', zNumber: null }, notPaidTakenBack: [first] });
    const live = { notPaidCount: before.x.notPaidCount + 1, notPaid: cny(before.x.notPaid.amount + AMOUNT_MAX_MINOR) };
    expect(await x()).toMatchObject(live);
    const dayNow = await day();
    expect(dayNow).toMatchObject({ notPaidCount: before.day.notPaidCount + 1, notPaid: cny(before.day.notPaid.amount + AMOUNT_MAX_MINOR) });
    expect(await period()).toMatchObject({ notPaidCount: beforePeriod.notPaidCount + 1 });

    // Taken back again, then paid in cash: both notes stay on the sale, none in the figures.
    api.clock.advance(60_000);
    const second = await takeBack(id);
    expect(second.body.payment.notPaidTakenBack).toEqual([first, expect.objectContaining({ note: 'Ran off', takenBackByHandle: 'owner' })]);
    const cash = await api.request('POST', `/api/payments/${id}/paid-in-cash`, { token: cafe, key: newKey(), body: { note: 'Came back and paid' } });
    expect(cash.body.payment).toMatchObject({ notPaid: null, paidInCash: { note: 'Came back and paid' } });
    expect(cash.body.payment.notPaidTakenBack).toHaveLength(2);
    expect(await x()).toMatchObject({ notPaidCount: before.x.notPaidCount, notPaid: before.x.notPaid, paidInCashCount: before.x.paidInCashCount + 1 });
    const dayAfter = await day();
    expect(dayAfter).toMatchObject({ notPaidCount: before.day.notPaidCount, notPaid: before.day.notPaid });
    const mine = (d: any) => d.byCashier.find((r: { handle: string }) => r.handle === 'cashier-1') ?? { notPaidCount: 0 };
    expect(mine(dayAfter).notPaidCount).toBe(mine(before.day).notPaidCount);
    expect(await period()).toMatchObject({ notPaidCount: beforePeriod.notPaidCount, notPaid: beforePeriod.notPaid });

    // The Day report's file lists both, apart from the figures: when and who took it back, when and who noted it, the note.
    const lines = String((await api.request('GET', '/api/reports/daily?format=csv', { token: owner })).body).split('\r\n');
    const listed2 = lines.indexOf('“Not paid” taken back (in none of the figures above)');
    expect(listed2).toBeGreaterThan(0);
    expect(lines[listed2 + 1]).toBe('Time,Payment,Taken back by,Had written off (CNY),Noted not paid at,Noted by,Note');
    const when = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(:\\d{2})?';
    const amount = (AMOUNT_MAX_MINOR / 100).toFixed(2);
    const rows = lines.slice(listed2 + 2).filter((l) => l.includes(`,${id},`));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`^${when},${id},owner,${amount},${when},cashier-1,Walked out$`));
    expect(rows[1]).toMatch(new RegExp(`^${when},${id},owner,${amount},${when},cashier-1,Ran off$`));
    const zh = String((await api.request('GET', '/api/reports/daily?format=csv&lang=zh', { token: owner })).body).split('\r\n');
    const zhListed = zh.indexOf('已撤回的“未付款”（不计入以上任何数字）');
    expect(zh[zhListed + 1]).toBe('时间,付款单号,撤回人,原核销金额（CNY）,记为未付款时间,记录人,备注');
    expect(zh.slice(zhListed + 2).some((l) => l.includes(`,${id},owner,${amount},`) && l.endsWith(',cashier-1,Walked out'))).toBe(true);

    // The next Z report counts neither note.
    const open = await x();
    const z = await api.request('POST', '/api/reports/z', { token: owner, key: newKey(), body: {} });
    expect(z.body.report.figures).toMatchObject({ notPaidCount: open.notPaidCount, notPaid: open.notPaid });
  });

  it('keeps a sale noted and taken back over and over to its newest 10 notes on the sale (the Day file lists all)', async () => {
    const id = await notedNotPaid();
    expect((await takeBack(id)).status).toBe(200);
    for (let i = 1; i <= 10; i++) {
      api.clock.advance(1_000);
      expect((await api.request('POST', `/api/payments/${id}/not-paid`, { token: cafe, key: newKey(), body: { note: `Again ${i}` } })).status).toBe(201);
      expect((await takeBack(id)).status).toBe(200);
    }
    const shown = (await api.request('GET', `/api/payments/${id}`, { token: cafe })).body.payment.notPaidTakenBack;
    expect(shown.map((t: { note: string }) => t.note)).toEqual(Array.from({ length: 10 }, (_, i) => `Again ${i + 1}`));
  });

  it('is refused to a cashier, another shop and a customer, for a sale never noted, and changes nothing', async () => {
    const id = await notedNotPaid();
    const cashier = await takeBack(id, cafe);
    expect([cashier.status, cashier.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await takeBack(id, bob)).status).toBe(403);
    expect((await takeBack(id, bookshop)).status).toBe(403);
    const noKey = await api.request('DELETE', `/api/payments/${id}/not-paid`, { token: owner });
    expect(noKey.status).toBe(400);
    const shown = await api.request('GET', `/api/payments/${id}`, { token: cafe });
    expect(shown.body.payment.notPaid).toMatchObject({ note: 'Walked out' });

    const never = await pay(api, cafe, await newCode(api, bob), AMOUNT_MAX_MINOR);
    const none = await takeBack(never.body.payment.id);
    expect([none.status, none.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await takeBack('pay_000000000000000000000')).status).toBe(404);
  });

  it('is refused once a Z report has closed it, which keeps counting it', async () => {
    const id = await notedNotPaid();
    const before = await api.request('GET', `/api/payments/${id}`, { token: cafe });
    expect(before.body.payment.notPaid).toMatchObject({ note: 'Walked out', zNumber: null });
    const open = await x();
    const z = await api.request('POST', '/api/reports/z', { token: owner, key: newKey(), body: {} });
    expect(z.status).toBe(201);
    expect(z.body.report.figures).toMatchObject({ notPaidCount: open.notPaidCount, notPaid: open.notPaid });
    const closed = await takeBack(id);
    expect([closed.status, closed.body.error.code]).toEqual([409, 'NOT_PAID_CLOSED']);
    expect(closed.body.error.message).toContain(`Z report ${z.body.report.number}`);
    const shown = await api.request('GET', `/api/payments/${id}`, { token: cafe });
    // The sale's detail names the Z report, so a screen offers no take-back the server would refuse.
    expect(shown.body.payment.notPaid).toMatchObject({ note: 'Walked out', zNumber: z.body.report.number });
    const cash = await api.request('POST', `/api/payments/${id}/paid-in-cash`, { token: cafe, key: newKey(), body: { note: 'Too late' } });
    expect([cash.status, cash.body.error.code]).toEqual([409, 'NOTED_NOT_PAID']);
  });
});
