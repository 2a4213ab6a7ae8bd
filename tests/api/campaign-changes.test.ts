import { beforeAll, describe, expect, it } from 'vitest';
import { cny, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A manager changing a campaign that is running: ending it now (a set-up mistake, a campaign losing money),
 * moving its end, raising its stock or budget once it sold out or ran dry.
 */
describe.each(dialects)('changing a running campaign on %s', (dialect) => {
  let api: TestApi;
  let manager: string;
  let cafe: string;
  let alice: string;
  let bob: string;
  const DAY = 86_400_000;
  const inDays = (days: number) => new Date(api.clock.now() + days * DAY).toISOString();
  const campaign = async (body: Record<string, unknown>) => {
    const res = await api.request('POST', '/api/campaigns', { token: manager, key: newKey(), body: { rule: { kind: 'fixed', off: 300 }, validUntil: inDays(7), ...body } });
    expect(res.status).toBe(201);
    return res.body.campaign.id as string;
  };
  const grant = (id: string, customer: string) => api.request('POST', `/api/campaigns/${id}/grants`, { token: manager, key: newKey(), body: { customer } });
  const change = (id: string, body: unknown, token = manager, key = newKey()) => api.request('PATCH', `/api/campaigns/${id}`, { token, key, body });
  const end = (id: string, token = manager, key = newKey()) => api.request('POST', `/api/campaigns/${id}/end`, { token, key, body: {} });
  const couponState = async (token: string, id: string) => (await api.request('GET', '/api/coupons', { token })).body.coupons.find((c: any) => c.id === id)?.state;

  beforeAll(async () => {
    api = await startTestApi(dialect);
    ({ owner: manager, cafe, alice, bob } = await signInDemo(api, 'owner', 'cafe', 'alice', 'bob'));
  });
  useInvariantCheck(() => api);

  it('ending a campaign now expires its unused coupons, refuses its links and grants, and a repeat changes nothing', async () => {
    const id = await campaign({ title: 'Set up wrong' });
    const unused = (await grant(id, 'alice')).body.coupon.id;
    const onCode = (await grant(id, 'bob')).body.coupon.id;
    const code = await newCode(api, bob, onCode);
    const link = (await api.request('POST', `/api/campaigns/${id}/claim-links`, { token: manager, key: newKey(), body: {} })).body.link.token;

    api.clock.advance(1_000);
    const key = newKey();
    const ended = await end(id, manager, key);
    expect(ended.status).toBe(200);
    expect(Date.parse(ended.body.campaign.validUntil)).toBe(api.clock.now());
    expect(await couponState(alice, unused)).toBe('expired');
    expect((await grant(id, 'alice')).body.error.code).toBe('CAMPAIGN_ENDED');
    expect((await api.request('POST', `/api/claims/${link}`, { token: alice, key: newKey(), body: {} })).body.error.code).toBe('CAMPAIGN_ENDED');
    // The code Bob made before the end with its coupon pays without it now: the coupon was not used in time.
    api.clock.advance(1_000);
    const paid = await pay(api, cafe, code, 1000);
    expect(paid.body.payment).toMatchObject({ status: 'declined', reason: 'COUPON_NOT_APPLICABLE', reasonDetail: 'EXPIRED' });

    api.clock.advance(1_000);
    const again = await end(id, manager, key);
    expect([again.status, again.body.campaign.validUntil]).toEqual([200, ended.body.campaign.validUntil]);
    const later = await end(id);
    expect([later.status, later.body.campaign.validUntil]).toEqual([200, ended.body.campaign.validUntil]);
  });

  it('a campaign not started yet ends before it begins: its start comes forward, never after its end', async () => {
    const plannedFrom = inDays(7);
    const plannedUntil = inDays(14);
    const id = await campaign({ title: 'Next week', validFrom: plannedFrom, validUntil: plannedUntil });
    const key = newKey();
    const ended = await end(id, manager, key);
    expect(ended.status).toBe(200);
    expect(ended.body.campaign.validFrom).toBe(ended.body.campaign.validUntil);
    // The period it was planned for is kept, for its manager to read beside "cancelled".
    expect(ended.body.campaign.planned).toEqual({ validFrom: plannedFrom, validUntil: plannedUntil });
    const listed = async () => (await api.request('GET', '/api/campaigns', { token: manager })).body.campaigns.find((c: any) => c.id === id);
    expect((await listed()).planned).toEqual({ validFrom: plannedFrom, validUntil: plannedUntil });
    // Ending it again, with the same key or a new one, keeps them as they were.
    api.clock.advance(1_000);
    expect((await end(id, manager, key)).body.campaign.planned).toEqual({ validFrom: plannedFrom, validUntil: plannedUntil });
    expect((await end(id)).body.campaign.planned).toEqual({ validFrom: plannedFrom, validUntil: plannedUntil });
    // Moving its end again would start it at once, not next week as planned: it is over.
    api.clock.advance(1_000);
    const reopened = await change(id, { validUntil: inDays(14) });
    expect([reopened.status, reopened.body.error.code]).toEqual([409, 'CAMPAIGN_ENDED']);
    expect((await grant(id, 'alice')).body.error.code).toBe('CAMPAIGN_ENDED');
    expect(await listed()).toMatchObject({ validFrom: ended.body.campaign.validFrom, validUntil: ended.body.campaign.validUntil, planned: { validFrom: plannedFrom, validUntil: plannedUntil } });
  });

  it('a campaign cancelled before it began takes no change at all: neither a larger stock nor a larger budget', async () => {
    const id = await campaign({ title: 'Cancelled, then raised', validFrom: inDays(7), validUntil: inDays(14), stock: 10, budget: cny(3000) });
    expect((await end(id)).status).toBe(200);
    api.clock.advance(1_000);
    for (const body of [{ stock: 50 }, { budget: cny(9000) }, { stock: 50, budget: cny(9000) }]) {
      const refused = await change(id, body);
      expect([refused.status, refused.body.error.code], JSON.stringify(body)).toEqual([409, 'CAMPAIGN_ENDED']);
      expect(refused.body.error.message).toMatch(/before it began/);
    }
    const listed = (await api.request('GET', '/api/campaigns', { token: manager })).body.campaigns.find((c: any) => c.id === id);
    expect([listed.stock, listed.budget]).toEqual([10, cny(3000)]);
  });

  it('a campaign ended once it had run may still have its stock and budget raised, for when it is reopened', async () => {
    const id = await campaign({ title: 'Ran, ended, raised', stock: 1, budget: cny(300) });
    expect((await grant(id, 'alice')).status).toBe(201);
    api.clock.advance(3_600_000);
    expect((await end(id)).status).toBe(200);
    api.clock.advance(1_000);
    const raised = await change(id, { stock: 2, budget: cny(600) });
    expect([raised.status, raised.body.campaign.stock, raised.body.campaign.budget]).toEqual([200, 2, cny(600)]);
    const reopened = await change(id, { validUntil: inDays(7) });
    expect(reopened.status).toBe(200);
    expect((await grant(id, 'bob')).status).toBe(201);
  });

  it('a campaign ended once it has run, or never ended, has no planned period: its own dates say it all', async () => {
    const running = await campaign({ title: 'Ran a day' });
    expect((await api.request('GET', '/api/campaigns', { token: manager })).body.campaigns.find((c: any) => c.id === running).planned).toBeNull();
    api.clock.advance(3_600_000);
    const ended = await end(running);
    expect(ended.body.campaign.planned).toBeNull();
    expect(Date.parse(ended.body.campaign.validUntil)).toBeGreaterThan(Date.parse(ended.body.campaign.validFrom));
  });

  it('two raises of the stock at once: the higher one stands, whichever commits last', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await campaign({ title: `Raised twice ${round}`, stock: 10 });
      const [a, b] = await Promise.all([change(id, { stock: 20 }), change(id, { stock: 15 })]);
      const list = (await api.request('GET', '/api/campaigns', { token: manager })).body.campaigns;
      expect(list.find((c: any) => c.id === id).stock, `round ${round}: ${a.status} / ${b.status}`).toBe(20);
      // The lower one either came first (and was then raised past) or came second and was refused.
      expect([200, 422]).toContain(b.status);
    }
  });

  it('a campaign made with a key is made once: its retry after its end passed gets the first answer', async () => {
    const key = newKey();
    const body = { title: 'Retried late', rule: { kind: 'fixed', off: 300 }, validUntil: new Date(api.clock.now() + 3_600_000).toISOString() };
    const first = await api.request('POST', '/api/campaigns', { token: manager, key, body });
    api.clock.advance(2 * 3_600_000);
    const retry = await api.request('POST', '/api/campaigns', { token: manager, key, body });
    expect([retry.status, retry.body.campaign?.id]).toEqual([201, first.body.campaign.id]);
  });

  it('sold out, then the stock raised: grants go on; the stock never goes down', async () => {
    const id = await campaign({ title: 'Two only', stock: 2 });
    expect((await grant(id, 'alice')).status).toBe(201);
    expect((await grant(id, 'bob')).status).toBe(201);
    expect((await grant(id, 'alice')).body.error.code).toBe('OUT_OF_STOCK');
    const lower = await change(id, { stock: 1 });
    expect([lower.status, lower.body.error.code, lower.body.error.field]).toEqual([422, 'STOCK_NOT_RAISED', 'stock']);
    const raised = await change(id, { stock: 3 });
    expect([raised.status, raised.body.campaign.stock, raised.body.campaign.issued]).toEqual([200, 3, 2]);
    expect((await grant(id, 'alice')).status).toBe(201);
    expect((await grant(id, 'bob')).body.error.code).toBe('OUT_OF_STOCK');
  });

  it('a budget run dry, then raised: the next coupon saves again; the budget never goes down', async () => {
    const id = await campaign({ title: 'Small budget', budget: cny(300) });
    const first = (await grant(id, 'alice')).body.coupon.id;
    const second = (await grant(id, 'bob')).body.coupon.id;
    expect((await pay(api, cafe, await newCode(api, alice, first), 1000)).body.payment.deduction.amount).toBe(300);
    const dry = await pay(api, cafe, await newCode(api, bob, second), 1000);
    expect(dry.body.payment.reasonDetail).toBe('BUDGET_EXHAUSTED');
    expect((await change(id, { budget: cny(200) })).body.error.code).toBe('BUDGET_NOT_RAISED');
    const raised = await change(id, { budget: cny(600) });
    expect([raised.status, raised.body.campaign.budget, raised.body.campaign.spent]).toEqual([200, cny(600), cny(300)]);
    expect((await pay(api, cafe, await newCode(api, bob, second), 1000)).body.payment.deduction.amount).toBe(300);
  });

  it('the end moves later (reopening an ended campaign) or earlier, but not into the past', async () => {
    const id = await campaign({ title: 'Moving end' });
    const coupon = (await grant(id, 'alice')).body.coupon.id;
    api.clock.advance(60_000);
    await end(id);
    expect(await couponState(alice, coupon)).toBe('expired');
    const past = await change(id, { validUntil: new Date(api.clock.now() - 1).toISOString() });
    expect([past.status, past.body.error.code]).toEqual([422, 'END_IN_PAST']);
    const reopened = await change(id, { validUntil: inDays(3) });
    expect([reopened.status, reopened.body.campaign.validUntil]).toEqual([200, inDays(3)]);
    expect(await couponState(alice, coupon)).toBe('available');
    expect((await pay(api, cafe, await newCode(api, alice, coupon), 1000)).body.payment.deduction.amount).toBe(300);
  });

  it('a coupon whose sale was refunded in full while the campaign was ended is the customer’s again once it is reopened', async () => {
    const id = await campaign({ title: 'Refunded meanwhile' });
    const coupon = (await grant(id, 'bob')).body.coupon.id;
    const paid = await pay(api, cafe, await newCode(api, bob, coupon), 1000);
    expect(paid.body.payment.deduction.amount).toBe(300);
    api.clock.advance(60_000);
    await end(id);
    const refund = await api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: { amount: paid.body.payment.amount } });
    expect([refund.status, refund.body.refund.couponReturned]).toEqual([201, false]); // the campaign is over
    expect(await couponState(bob, coupon)).toBe('redeemed');
    expect((await change(id, { validUntil: inDays(3) })).status).toBe(200);
    expect(await couponState(bob, coupon)).toBe('available');
    expect((await pay(api, cafe, await newCode(api, bob, coupon), 1000)).body.payment.deduction.amount).toBe(300);
  });

  it('a campaign whose end has already passed is not made', async () => {
    const res = await api.request('POST', '/api/campaigns', {
      token: manager,
      key: newKey(),
      body: { title: 'Typed last month', rule: { kind: 'fixed', off: 300 }, validFrom: inDays(-30), validUntil: inDays(-10) },
    });
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([422, 'END_IN_PAST', 'validUntil']);
    // The form's usual request has no start: the answer is still about the end, not about a start nobody typed.
    const noStart = await api.request('POST', '/api/campaigns', {
      token: manager,
      key: newKey(),
      body: { title: 'Typed yesterday', rule: { kind: 'fixed', off: 300 }, validUntil: inDays(-1) },
    });
    expect([noStart.status, noStart.body.error.code, noStart.body.error.field]).toEqual([422, 'END_IN_PAST', 'validUntil']);
  });

  it('a saving above the order it needs, or above the whole budget, is refused as the form refuses it', async () => {
    const create = (title: string, extra: Record<string, unknown>) =>
      api.request('POST', '/api/campaigns', { token: manager, key: newKey(), body: { title, validUntil: inDays(5), ...extra } });
    const refused = async (res: Awaited<ReturnType<typeof create>>) => [res.status, res.body.error?.code, res.body.error?.field];
    // "¥50 off orders of ¥1": every order up to ¥50 would pay nothing, at the shop's cost.
    expect(await refused(await create('Threshold over its minimum', { rule: { kind: 'threshold', minimum: 100, off: 5000 } }))).toEqual([422, 'SAVING_OVER_MINIMUM', 'rule.off']);
    expect(await refused(await create('Fixed over the minimum spend', { rule: { kind: 'fixed', off: 5000 }, minimumSpend: cny(100) }))).toEqual([422, 'SAVING_OVER_MINIMUM', 'rule.off']);
    expect(await refused(await create('Budget under one saving', { rule: { kind: 'fixed', off: 500 }, budget: cny(400) }))).toEqual([422, 'BUDGET_BELOW_SAVING', 'budget.amount']);
    const names = (await api.deps.db.kysely.selectFrom('campaigns').select('title').execute()).map((c) => c.title);
    expect(names).not.toContain('Threshold over its minimum');
    // At the edge they stand: a saving equal to the minimum, a budget of exactly one saving; a percent has no fixed saving.
    expect((await create('Equal to its minimum', { rule: { kind: 'threshold', minimum: 5000, off: 5000 } })).status).toBe(201);
    expect((await create('Fixed equal to the minimum spend', { rule: { kind: 'fixed', off: 500 }, minimumSpend: cny(500), budget: cny(500) })).status).toBe(201);
    // A minimum spend of 0 is none: a plain fixed saving stands.
    expect((await create('Fixed with a zero minimum spend', { rule: { kind: 'fixed', off: 500 }, minimumSpend: cny(0) })).status).toBe(201);
    expect((await create('Percent with a small minimum', { rule: { kind: 'percent', percent: 50, cap: null }, minimumSpend: cny(100), budget: cny(100) })).status).toBe(201);
  });

  it('a threshold with a minimum spend above its own minimum is refused: its poster would promise the saving on orders it declines', async () => {
    const body = (title: string, minimumSpend: number) => ({ title, rule: { kind: 'threshold', minimum: 5000, off: 1000 }, validUntil: inDays(5), minimumSpend: cny(minimumSpend) });
    const key = newKey();
    const over = await api.request('POST', '/api/campaigns', { token: manager, key, body: body('From 50, but 80', 8000) });
    expect([over.status, over.body.error?.code, over.body.error?.field]).toEqual([422, 'MINIMUM_SPEND_OVER_THRESHOLD', 'minimumSpend.amount']);
    expect(over.body.error.message).toMatch(/minimum spend is above the threshold/);
    // A retry with the same key is refused the same way: nothing was stored under it.
    const retried = await api.request('POST', '/api/campaigns', { token: manager, key, body: body('From 50, but 80', 8000) });
    expect([retried.status, retried.body.error?.code]).toEqual([422, 'MINIMUM_SPEND_OVER_THRESHOLD']);
    // A single minor unit above is enough to decline an order the poster promises.
    const byOne = await api.request('POST', '/api/campaigns', { token: manager, key: newKey(), body: body('From 50, but 50.01', 5001) });
    expect(byOne.body.error?.code).toBe('MINIMUM_SPEND_OVER_THRESHOLD');
    const titles = (await api.deps.db.kysely.selectFrom('campaigns').select('title').execute()).map((c) => c.title);
    expect(titles).not.toContain('From 50, but 80');
    expect(titles).not.toContain('From 50, but 50.01');
    // Equal or lower asks nothing the threshold does not: a ¥50 order still gets its ¥10 off.
    for (const [title, spend] of [['From 50, and 50', 5000], ['From 50, and 20', 2000]] as const) {
      const made = await api.request('POST', '/api/campaigns', { token: manager, key: newKey(), body: body(title, spend) });
      expect(made.status).toBe(201);
      const coupon = (await grant(made.body.campaign.id, 'alice')).body.coupon.id;
      const paid = await pay(api, cafe, await newCode(api, alice, coupon), 5000);
      expect([paid.body.payment.status, paid.body.payment.deduction.amount]).toEqual(['succeeded', 1000]);
    }
  });

  it('only a manager of the issuing shop may change a campaign, with something to change, and a key', async () => {
    const id = await campaign({ title: 'Ours' });
    const books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    expect((await change(id, { stock: 5 }, cafe)).status).toBe(403);
    expect((await end(id, cafe)).status).toBe(403);
    const other = await change(id, { validUntil: inDays(9) }, books);
    expect(other.status).toBe(403);
    const empty = await change(id, {});
    expect([empty.status, empty.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    const unknown = await change(id, { title: 'renamed' });
    expect(unknown.status).toBe(400);
    const noKey = await api.request('PATCH', `/api/campaigns/${id}`, { token: manager, body: { validUntil: inDays(9) } });
    expect(noKey.status).toBe(400);
    // Another shop's manager would hear "not found"; the demo has none, so a made-up id stands in.
    expect((await change('cmp_00000000000000000000000000', { validUntil: inDays(9) })).status).toBe(404);
  });
});
