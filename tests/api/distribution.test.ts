import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { cny, couponId, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/** Coupons reaching customers: claim links (posters) and sharing with a contact (issue 8). */
describe.each(dialects)('coupon distribution on %s', (dialect) => {
  let api: TestApi;
  let manager: string;
  let cafe: string;
  let alice: string;
  let bob: string;
  let carol: string;
  const inAWeek = () => new Date(api.clock.now() + 7 * 86_400_000).toISOString();
  const campaign = async (body: Record<string, unknown>) => {
    const res = await api.request('POST', '/api/campaigns', { token: manager, key: newKey(), body: { rule: { kind: 'fixed', off: 300 }, validUntil: inAWeek(), ...body } });
    expect(res.status).toBe(201);
    return res.body.campaign.id as string;
  };
  const link = async (campaignId: string) => {
    const res = await api.request('POST', `/api/campaigns/${campaignId}/claim-links`, { token: manager, key: newKey(), body: {} });
    expect(res.status).toBe(201);
    return res.body.link.token as string;
  };
  beforeAll(async () => {
    api = await startTestApi(dialect);
    ({ owner: manager, cafe, alice, bob, carol } = await signInDemo(api, 'owner', 'cafe', 'alice', 'bob', 'carol'));
  });
  useInvariantCheck(() => api);

  it('a poster link gives a signed-in customer one coupon, shows the offer before sign-in, and the coupon pays', async () => {
    const token = await link(await campaign({ title: 'Scan to get 3 off' }));
    const offer = await api.request('GET', `/api/claims/${token}`);
    expect(offer.status).toBe(200);
    expect(offer.body).toMatchObject({ open: true, campaign: { title: 'Scan to get 3 off', rule: { kind: 'fixed', off: 300 } } });
    const claimed = await api.request('POST', `/api/claims/${token}`, { token: alice, key: newKey(), body: {} });
    expect(claimed.status).toBe(201);
    const second = await api.request('POST', `/api/claims/${token}`, { token: alice, key: newKey(), body: {} });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('LIMIT_REACHED');
    const paid = await pay(api, cafe, await newCode(api, alice, claimed.body.coupon.id), 1000);
    expect(paid.body.payment.deduction.amount).toBe(300);
    expect((await api.request('POST', `/api/claims/${token}`, { token: undefined, key: newKey(), body: {} })).status).toBe(401);
  });

  it("a claim link's offer tells a signed-in customer who holds as many as allowed (used ones too) before they tap, and nobody else", async () => {
    const seenBy = async (token: string, who?: string) => {
      const res = await api.request('GET', `/api/claims/${token}`, { token: who });
      expect(res.status).toBe(200);
      return res.body.limitReached as boolean;
    };
    const claim = async (token: string, who: string) => api.request('POST', `/api/claims/${token}`, { token: who, key: newKey(), body: {} });

    // No limit set: one each, as the claim itself applies it.
    const one = await link(await campaign({ title: 'One each from the poster' }));
    expect(await seenBy(one, alice)).toBe(false);
    const got = await claim(one, alice);
    expect(got.status).toBe(201);
    expect(await seenBy(one, alice)).toBe(true);
    expect((await claim(one, alice)).body.error.code).toBe('LIMIT_REACHED');
    // Spent, the coupon still counts: the claim would still be refused, and the page says so.
    expect((await pay(api, cafe, await newCode(api, alice, got.body.coupon.id), 1000)).body.payment.status).toBe('succeeded');
    expect(await seenBy(one, alice)).toBe(true);
    expect((await claim(one, alice)).body.error.code).toBe('LIMIT_REACHED');
    // Anyone else, signed out, a stale token or a cashier's: the offer as it was, with nothing said of alice.
    expect(await seenBy(one, bob)).toBe(false);
    expect(await seenBy(one)).toBe(false);
    expect(await seenBy(one, 'not-a-session-token-at-all')).toBe(false);
    expect(await seenBy(one, cafe)).toBe(false);
    expect((await api.request('GET', `/api/claims/${one}`, { token: alice })).body).toMatchObject({ open: true, limitReached: true, campaign: { title: 'One each from the poster' } });

    // A campaign allowing two: reached at the second, not the first.
    const two = await link(await campaign({ title: 'Two each', perCustomerLimit: 2 }));
    expect((await claim(two, carol)).status).toBe(201);
    expect(await seenBy(two, carol)).toBe(false);
    expect((await claim(two, carol)).status).toBe(201);
    expect(await seenBy(two, carol)).toBe(true);
  });

  it("a campaign's current claim link is the newest one made, the same at every read; none before the first, and only for its own shop", async () => {
    const id = await campaign({ title: 'One poster' });
    const none = await api.request('GET', `/api/campaigns/${id}/claim-links/current`, { token: manager });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ link: null });

    const first = await link(id);
    const read = async () => (await api.request('GET', `/api/campaigns/${id}/claim-links/current`, { token: manager })).body;
    expect(await read()).toMatchObject({ link: { token: first, path: `/claim/${first}`, campaign: { id, title: 'One poster', rule: { kind: 'fixed', off: 300 } } } });
    expect((await read()).link.token).toBe(first);
    // Claims through the link do not change which link is current.
    expect((await api.request('POST', `/api/claims/${first}`, { token: alice, key: newKey(), body: {} })).status).toBe(201);
    expect((await read()).link.token).toBe(first);

    // A link made later (the API still makes a new one on every POST) becomes the current one; the older still works.
    api.clock.advance(1_000);
    const second = await link(id);
    expect(second).not.toBe(first);
    expect((await read()).link.token).toBe(second);
    expect((await api.request('GET', `/api/claims/${first}`)).body.open).toBe(true);

    // Another shop's manager, a cashier, a customer, an unknown or malformed campaign id.
    const books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    expect((await api.request('GET', `/api/campaigns/${id}/claim-links/current`, { token: books })).status).toBe(403);
    expect((await api.request('GET', `/api/campaigns/${id}/claim-links/current`, { token: cafe })).status).toBe(403);
    expect((await api.request('GET', `/api/campaigns/${id}/claim-links/current`, { token: alice })).status).toBe(403);
    const unknown = await api.request('GET', `/api/campaigns/cmp_nosuchcampaign000000/claim-links/current`, { token: manager });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const malformed = await api.request('GET', `/api/campaigns/${encodeURIComponent('not an id!')}/claim-links/current`, { token: manager });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_REQUEST');
  });

  const replace = (id: string, token: string, who = manager, key = newKey()) =>
    api.request('POST', `/api/campaigns/${id}/claim-links/${token}/replacement`, { token: who, key, body: {} });
  const current = async (id: string) => (await api.request('GET', `/api/campaigns/${id}/claim-links/current`, { token: manager })).body.link?.token;
  const linksOf = (id: string) => api.deps.db.kysely.selectFrom('claim_links').select(['token', 'claims', 'revoked_at']).where('campaign_id', '=', id).execute();

  it('a leaked link replaced: it claims nothing and says why, the poster shows the new one, coupons claimed through it still pay', async () => {
    const id = await campaign({ title: 'Leaked poster' });
    const old = await link(id);
    const before = await api.request('POST', `/api/claims/${old}`, { token: alice, key: newKey(), body: {} });
    expect(before.status).toBe(201);

    api.clock.advance(1_000);
    const key = newKey();
    const replaced = await replace(id, old, manager, key);
    expect(replaced.status).toBe(201);
    const fresh = replaced.body.link.token as string;
    expect(fresh).not.toBe(old);
    expect(replaced.body).toMatchObject({ link: { path: `/claim/${fresh}`, campaign: { id, title: 'Leaked poster' } }, replaced: { token: old, withdrawnAt: new Date(api.clock.now()).toISOString() } });
    expect(await current(id)).toBe(fresh);

    // The old link: its page and its claim both say it was withdrawn, and nothing is given.
    for (const res of [await api.request('GET', `/api/claims/${old}`), await api.request('POST', `/api/claims/${old}`, { token: bob, key: newKey(), body: {} })]) {
      expect([res.status, res.body.error?.code]).toEqual([410, 'CLAIM_LINK_WITHDRAWN']);
    }
    expect((await api.request('GET', '/api/coupons', { token: bob })).body.coupons.some((c: any) => c.campaignId === id)).toBe(false);

    // The new one works; alice's coupon from the old one is still hers, listed, and pays.
    expect((await api.request('GET', `/api/claims/${fresh}`)).body.open).toBe(true);
    expect((await api.request('POST', `/api/claims/${fresh}`, { token: bob, key: newKey(), body: {} })).status).toBe(201);
    const alices = (await api.request('GET', '/api/coupons', { token: alice })).body.coupons.find((c: any) => c.id === before.body.coupon.id);
    expect(alices).toMatchObject({ campaignId: id, state: 'available' });
    const paid = await pay(api, cafe, await newCode(api, alice, alices.id), 1000);
    expect(paid.body.payment).toMatchObject({ status: 'succeeded', deduction: cny(300) });
    const stats = (await api.request('GET', `/api/campaigns/${id}/stats`, { token: manager })).body;
    expect(stats).toMatchObject({ issued: 2, claimed: 2, redeemed: 1 });

    // The same request again: the first answer, and no third link. The key for another link is refused; the old
    // link replaced again with a new key is told it was (a second tablet must not withdraw the successor).
    api.clock.advance(1_000);
    const again = await replace(id, old, manager, key);
    expect([again.status, again.headers.get('idempotent-replayed'), again.body]).toEqual([201, 'true', replaced.body]);
    expect((await linksOf(id)).map((l) => [l.token, l.revoked_at === null]).sort()).toEqual([[fresh, true], [old, false]].sort());
    const mismatch = await replace(id, fresh, manager, key);
    expect([mismatch.status, mismatch.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    const twice = await replace(id, old);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_REPLACED']);
    expect(await current(id)).toBe(fresh);
  });

  it("only a manager of the campaign's shop replaces its link; every other ask is refused and the link keeps working", async () => {
    const id = await campaign({ title: 'Not yours to replace' });
    const token = await link(id);
    const books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    const refusals = [
      [await replace(id, token, cafe), 403, 'FORBIDDEN'],
      [await replace(id, token, books), 403, 'FORBIDDEN'],
      [await replace(id, token, alice), 403, 'FORBIDDEN'],
      [await api.request('POST', `/api/campaigns/${id}/claim-links/${token}/replacement`, { body: {} }), 401, 'UNAUTHENTICATED'],
      [await replace('cmp_nosuchcampaign000000', token), 404, 'NOT_FOUND'],
      // A link of another campaign of the same shop, named under this one.
      [await replace(await campaign({ title: 'Another' }), token), 404, 'NOT_FOUND'],
      [await replace(id, 'nosuchlink0000000000000'), 404, 'NOT_FOUND'],
      [await replace(id, 'short'), 400, 'INVALID_REQUEST'],
      [await api.request('POST', `/api/campaigns/${id}/claim-links/${token}/replacement`, { token: manager, body: {} }), 400, 'INVALID_REQUEST'], // no key
      [await api.request('POST', `/api/campaigns/${id}/claim-links/${token}/replacement`, { token: manager, key: newKey(), body: { token: 'x' } }), 400, 'INVALID_REQUEST'],
    ] as const;
    expect(refusals.map(([res]) => [res.status, res.body.error?.code])).toEqual(refusals.map(([, status, code]) => [status, code]));
    expect(await current(id)).toBe(token);
    expect((await api.request('POST', `/api/claims/${token}`, { token: carol, key: newKey(), body: {} })).status).toBe(201);
  });

  it('two tablets replacing one link at once make one new link, and claims racing a replacement come before it or are refused', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await campaign({ title: `Raced ${round}`, perCustomerLimit: 10 });
      const old = await link(id);
      const [a, b, ...claims] = await Promise.all([
        replace(id, old),
        replace(id, old),
        ...[alice, bob, carol, alice].map((who) => api.request('POST', `/api/claims/${old}`, { token: who, key: newKey(), body: {} })),
      ]);
      expect([a.status, b.status].sort(), `round ${round}: ${JSON.stringify([a.body, b.body])}`).toEqual([201, 409]);
      expect((a.status === 409 ? a : b).body.error.code).toBe('ALREADY_REPLACED');
      const winner = (a.status === 201 ? a : b).body.link.token;
      expect(await current(id)).toBe(winner);
      expect(claims.map((r) => (r.status === 201 ? 201 : `${r.status} ${r.body.error?.code}`)).filter((s) => s !== 201 && s !== '410 CLAIM_LINK_WITHDRAWN')).toEqual([]);
      // Every claim that got a coupon is counted on the old link, and no coupon was given after it was withdrawn.
      const links = await linksOf(id);
      expect(links).toHaveLength(2);
      const given = claims.filter((r) => r.status === 201).length;
      expect(links.find((l) => l.token === old)).toMatchObject({ claims: given });
      const stats = (await api.request('GET', `/api/campaigns/${id}/stats`, { token: manager })).body;
      expect(stats.issued).toBe(given);
    }
  });

  it.runIf(dialect === 'postgres')('a claim caught behind a replacement that commits first is refused, and gives no coupon', async () => {
    const id = await campaign({ title: 'Caught in between' });
    const old = await link(id);
    // Another server's replacement, held open just after it withdrew the link (the first thing it writes).
    const other = new pg.Client({ connectionString: api.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('update claim_links set revoked_at = $1 where token = $2', [api.clock.now(), old]);
      const claim = api.request('POST', `/api/claims/${old}`, { token: bob, key: newKey(), body: {} });
      // The claim has read the link as live (the withdrawal is not committed) and now waits for its row.
      await expect.poll(async () => Number((await other.query("select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")).rows[0].n)).toBe(1);
      await other.query('commit');
      const res = await claim;
      expect([res.status, res.body.error?.code]).toEqual([410, 'CLAIM_LINK_WITHDRAWN']);
    } finally {
      await other.end();
    }
    expect((await api.request('GET', '/api/coupons', { token: bob })).body.coupons.some((c: any) => c.campaignId === id)).toBe(false);
    expect((await linksOf(id))[0]).toMatchObject({ claims: 0 });
  });

  it('50 customers claiming at once from a link with stock 5 get exactly 5 coupons', async () => {
    const token = await link(await campaign({ title: 'Only five', stock: 5 }));
    const customers: string[] = [];
    for (let i = 0; i < 50; i++) {
      const handle = `claimer-${dialect}-${i}`;
      expect((await api.request('POST', '/api/customers', { body: { handle, pin: '123456' } })).status).toBe(201);
    }
    // Sign-ins are slow on purpose (scrypt); do them before the race so the claims really run together.
    for (let i = 0; i < 50; i++) customers.push(await api.signIn('customer', `claimer-${dialect}-${i}`, '123456'));
    const results = await Promise.all(customers.map((t) => api.request('POST', `/api/claims/${token}`, { token: t, key: newKey(), body: {} })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'OUT_OF_STOCK')).toBe(true);
    expect(results.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    const offer = await api.request('GET', `/api/claims/${token}`);
    expect(offer.body).toMatchObject({ open: false, campaign: { remaining: 0 } });
  }, 120_000);

  it('a shared coupon has one owner at every moment: the sender sees it shared, the contact claims it, nobody else can', async () => {
    const fiveOff = await couponId(api, alice, 'fixed');
    const shared = await api.request('POST', `/api/coupons/${fiveOff}/shares`, { token: alice, body: {} });
    expect(shared.status).toBe(201);
    const token = shared.body.share.token;
    let mine = await api.request('GET', '/api/coupons', { token: alice });
    expect(mine.body.coupons.find((c: any) => c.id === fiveOff)).toMatchObject({ state: 'shared', shareToken: token });
    // While offered it cannot pay.
    const blocked = await api.request('POST', '/api/paycodes', { token: alice, body: { couponId: fiveOff } });
    expect(blocked.status).toBe(409);
    expect((await api.request('GET', `/api/shares/${token}`)).body.share).toMatchObject({ from: 'alice', status: 'open' });

    const [b, c] = await Promise.all([
      api.request('POST', `/api/shares/${token}/claim`, { token: bob, body: {} }),
      api.request('POST', `/api/shares/${token}/claim`, { token: carol, body: {} }),
    ]);
    expect([b.status, c.status].sort()).toEqual([201, 409]);
    const winner = b.status === 201 ? bob : carol;
    const loser = b.status === 201 ? carol : bob;
    const winnerCoupons = await api.request('GET', '/api/coupons', { token: winner });
    expect(winnerCoupons.body.coupons.find((x: any) => x.id === fiveOff)).toMatchObject({ state: 'available' });
    expect((await api.request('GET', '/api/coupons', { token: loser })).body.coupons.some((x: any) => x.id === fiveOff)).toBe(false);
    // The spent link tells the one who claimed it that it is theirs; the other, anyone signed out, and a stale
    // sign-in only that it was claimed.
    const seenBy = async (session?: string) => (await api.request('GET', `/api/shares/${token}`, session ? { token: session } : {})).body.share;
    expect(await seenBy(winner)).toMatchObject({ status: 'claimed', claimedByYou: true });
    expect(await seenBy(loser)).toMatchObject({ status: 'claimed', claimedByYou: false });
    expect(await seenBy()).toMatchObject({ status: 'claimed', claimedByYou: false });
    expect(await seenBy('not-a-session-token-at-all')).toMatchObject({ status: 'claimed', claimedByYou: false });
    mine = await api.request('GET', '/api/coupons', { token: alice });
    expect(mine.body.coupons.some((x: any) => x.id === fiveOff)).toBe(false);
    expect(mine.body.given.find((g: any) => g.couponId === fiveOff)).toMatchObject({ to: b.status === 201 ? 'bob' : 'carol' });
    const paid = await pay(api, cafe, await newCode(api, winner, fiveOff), 2000);
    expect(paid.body.payment.deduction.amount).toBe(500);
  });

  it('an unclaimed offer can be taken back; afterwards nobody can claim it and the coupon pays for its owner again', async () => {
    const id = await couponId(api, bob, 'fixed').catch(async () => {
      const cid = await campaign({ title: 'Sharable 1', shareable: true });
      return (await api.request('POST', `/api/campaigns/${cid}/grants`, { token: manager, key: newKey(), body: { customer: 'bob' } })).body.coupon.id;
    });
    const shared = await api.request('POST', `/api/coupons/${id}/shares`, { token: bob, body: {} });
    expect(shared.status).toBe(201);
    const back = await api.request('DELETE', `/api/shares/${shared.body.share.token}`, { token: bob });
    expect(back.status).toBe(204);
    const late = await api.request('POST', `/api/shares/${shared.body.share.token}/claim`, { token: alice, body: {} });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('SHARE_TAKEN_BACK');
    const coupons = await api.request('GET', '/api/coupons', { token: bob });
    expect(coupons.body.coupons.find((c: any) => c.id === id).state).toBe('available');
  });

  it('a claim racing the sender taking it back is told "taken back", and a repeated claim says where the coupon is now', async () => {
    const cid = await campaign({ title: 'Pass it on', shareable: true });
    const grant = async (customer: string) => (await api.request('POST', `/api/campaigns/${cid}/grants`, { token: manager, key: newKey(), body: { customer } })).body.coupon.id as string;
    for (let round = 0; round < 3; round++) {
      const id = await grant('alice');
      const token = (await api.request('POST', `/api/coupons/${id}/shares`, { token: alice, body: {} })).body.share.token;
      const [back, ...claims] = await Promise.all([
        api.request('DELETE', `/api/shares/${token}`, { token: alice }),
        ...[bob, carol, bob].map((who) => api.request('POST', `/api/shares/${token}/claim`, { token: who, body: {} })),
      ]);
      if (back.status === 204) {
        // Taken back first: every claim is told so, none that someone else has it.
        expect(claims.map((r) => [r.status, r.body.error?.code])).toEqual(claims.map(() => [410, 'SHARE_TAKEN_BACK']));
      } else {
        expect(claims.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
      }
    }
    // bob claims from alice, offers it on to carol, who claims it; bob's first link tapped again is no coupon of his.
    const id = await grant('alice');
    const first = (await api.request('POST', `/api/coupons/${id}/shares`, { token: alice, body: {} })).body.share.token;
    const claimed = await api.request('POST', `/api/shares/${first}/claim`, { token: bob, body: {} });
    expect(claimed.body.coupon).toMatchObject({ id, state: 'available' });
    expect((await api.request('POST', `/api/shares/${first}/claim`, { token: bob, body: {} })).body.coupon).toMatchObject({ id, state: 'available' });
    const onward = (await api.request('POST', `/api/coupons/${id}/shares`, { token: bob, body: {} })).body.share.token;
    expect((await api.request('POST', `/api/shares/${first}/claim`, { token: bob, body: {} })).body.coupon).toMatchObject({ id, state: 'shared' });
    expect((await api.request('POST', `/api/shares/${onward}/claim`, { token: carol, body: {} })).status).toBe(201);
    const again = await api.request('POST', `/api/shares/${first}/claim`, { token: bob, body: {} });
    expect([again.status, again.body.error?.code]).toEqual([409, 'ALREADY_CLAIMED']);
    expect((await api.request('GET', '/api/coupons', { token: bob })).body.coupons.some((c: any) => c.id === id)).toBe(false);
  });

  it("a shared coupon counts against the receiver's per-customer limit, also when two arrive at once, and a refused claim leaves the offer open", async () => {
    const cid = await campaign({ title: 'One each, pass it on', shareable: true, perCustomerLimit: 1 });
    const grant = async (customer: string) => {
      const res = await api.request('POST', `/api/campaigns/${cid}/grants`, { token: manager, key: newKey(), body: { customer } });
      expect(res.status).toBe(201);
      return res.body.coupon.id as string;
    };
    const share = async (token: string, coupon: string) => (await api.request('POST', `/api/coupons/${coupon}/shares`, { token, body: {} })).body.share.token as string;
    const [alices, bobs] = [await grant('alice'), await grant('bob')];
    const offer = await share(alice, alices);

    // bob holds his one already: the offer is refused him, and stays open for someone who may take it.
    const refused = await api.request('POST', `/api/shares/${offer}/claim`, { token: bob, body: {} });
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'LIMIT_REACHED']);
    expect((await api.request('GET', `/api/shares/${offer}`)).body.share.status).toBe('open');
    const ofCampaign = async (token: string) => (await api.request('GET', '/api/coupons', { token })).body.coupons.filter((c: any) => c.campaignId === cid).map((c: any) => c.id);
    expect(await ofCampaign(bob)).toEqual([bobs]);

    // Two offers of the campaign claimed at the same moment by a customer who holds none: one comes, one is refused.
    const dan = 'share-limit-dan';
    expect((await api.request('POST', '/api/customers', { body: { handle: dan, pin: '1234' } })).status).toBe(201);
    const danToken = await api.signIn('customer', dan, '1234');
    const other = await share(bob, bobs);
    const claims = await Promise.all([offer, other].map((t) => api.request('POST', `/api/shares/${t}/claim`, { token: danToken, body: {} })));
    expect(claims.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(claims.find((r) => r.status === 409)!.body.error.code).toBe('LIMIT_REACHED');
    expect(await ofCampaign(danToken)).toHaveLength(1);
  });

  it('refuses sharing a coupon of a campaign that does not allow it, and a share expires with its coupon', async () => {
    const threshold = await couponId(api, carol, 'threshold');
    const refused = await api.request('POST', `/api/coupons/${threshold}/shares`, { token: carol, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('NOT_SHAREABLE');

    const cid = await campaign({ title: 'Short-lived', shareable: true, validUntil: new Date(api.clock.now() + 60_000).toISOString() });
    const granted = await api.request('POST', `/api/campaigns/${cid}/grants`, { token: manager, key: newKey(), body: { customer: 'carol' } });
    const shared = await api.request('POST', `/api/coupons/${granted.body.coupon.id}/shares`, { token: carol, body: {} });
    api.clock.advance(61_000);
    const late = await api.request('POST', `/api/shares/${shared.body.share.token}/claim`, { token: alice, body: {} });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('SHARE_EXPIRED');
    const coupons = await api.request('GET', '/api/coupons', { token: carol });
    expect(coupons.body.coupons.find((c: any) => c.id === granted.body.coupon.id).state).toBe('expired');
  });

  it('a wallet of many coupons pages, newest first, and following the pages shows every coupon once, the last granted included', async () => {
    expect((await api.request('POST', '/api/customers', { body: { handle: `hoarder-${dialect}`, pin: '123456' } })).status).toBe(201);
    const hoarder = await api.signIn('customer', `hoarder-${dialect}`, '123456');
    const bulk = await campaign({ title: 'Bulk', rule: { kind: 'fixed', off: 1 }, perCustomerLimit: 1000 });
    const granted: string[] = [];
    for (let i = 0; i < 7; i++) {
      api.clock.advance(1_000); // ids are time-ordered to the millisecond, and this clock stands still
      const res = await api.request('POST', `/api/campaigns/${bulk}/grants`, { token: manager, key: newKey(), body: { customer: `hoarder-${dialect}` } });
      granted.push(res.body.coupon.id);
    }
    api.clock.advance(1_000);
    const late = await campaign({ title: 'Expires last', rule: { kind: 'fixed', off: 5000 }, validUntil: new Date(api.clock.now() + 300 * 86_400_000).toISOString() });
    const lastGrant = await api.request('POST', `/api/campaigns/${late}/grants`, { token: manager, key: newKey(), body: { customer: `hoarder-${dialect}` } });
    granted.push(lastGrant.body.coupon.id);

    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page: any = await api.request('GET', `/api/coupons?limit=3${before ? `&before=${before}` : ''}`, { token: hoarder });
      expect(page.status).toBe(200);
      expect(page.body.coupons.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.coupons.map((c: any) => c.id));
      before = page.body.next;
      pages++;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...granted].reverse());
    expect((await api.request('GET', '/api/coupons?limit=201', { token: hoarder })).status).toBe(400);

    // A manager's campaigns page the same way.
    const all = await api.request('GET', '/api/campaigns', { token: manager });
    const firstTwo = await api.request('GET', '/api/campaigns?limit=2', { token: manager });
    expect(firstTwo.body.campaigns.map((c: any) => c.id)).toEqual([late, bulk]);
    const rest = await api.request('GET', `/api/campaigns?before=${firstTwo.body.next}`, { token: manager });
    expect([...firstTwo.body.campaigns, ...rest.body.campaigns].map((c: any) => c.id)).toEqual(all.body.campaigns.map((c: any) => c.id));
    expect(rest.body.next).toBeNull();
  });

  it("the campaign's page counts issued, claimed, redeemed, stock and budget left, and deductions by day", async () => {
    const cid = await campaign({ title: 'Counted', stock: 10, budget: cny(10_000) });
    const token = await link(cid);
    await api.request('POST', `/api/claims/${token}`, { token: alice, key: newKey(), body: {} });
    const claimed = await api.request('POST', `/api/claims/${token}`, { token: bob, key: newKey(), body: {} });
    const paid = await pay(api, cafe, await newCode(api, bob, claimed.body.coupon.id), 1500);
    const stats = await api.request('GET', `/api/campaigns/${cid}/stats`, { token: manager });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ issued: 2, claimed: 2, redeemed: 1, available: 1, remainingStock: 8, deduction: cny(300), remainingBudget: cny(9_700) });
    expect(stats.body.byDay.reduce((s: number, d: any) => s + d.deduction.amount, 0)).toBe(300);
    expect((await api.request('GET', `/api/campaigns/${cid}/stats`, { token: cafe })).status).toBe(403);

    // A full refund undoes the use everywhere on the page: the coupon, the budget, the deductions and the days.
    const refund = await api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: {} });
    expect(refund.status).toBe(201);
    const after = await api.request('GET', `/api/campaigns/${cid}/stats`, { token: manager });
    expect(after.body).toMatchObject({ redeemed: 0, available: 2, deduction: cny(0), remainingBudget: cny(10_000) });
    expect(after.body.byDay).toEqual([]);
  });

  it('a use refunded in full after the campaign ended is counted as expired, as its deduction is gone', async () => {
    const cid = await campaign({ title: 'Short', validUntil: new Date(api.clock.now() + 3_600_000).toISOString() });
    const claimed = await api.request('POST', `/api/claims/${await link(cid)}`, { token: carol, key: newKey(), body: {} });
    // Carol may have spent 15.00 of her 20.00 already: she pays if she won the race for alice's share, above.
    await api.request('POST', '/api/wallet/topups', { token: carol, key: newKey(), body: { amount: cny(2000) } });
    const paid = await pay(api, cafe, await newCode(api, carol, claimed.body.coupon.id), 1500);
    expect(paid.body.payment.deduction).toEqual(cny(300));
    api.clock.advance(2 * 3_600_000);
    expect((await api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: {} })).status).toBe(201);
    const stats = await api.request('GET', `/api/campaigns/${cid}/stats`, { token: manager });
    expect(stats.body).toMatchObject({ issued: 1, redeemed: 0, expired: 1, available: 0, deduction: cny(0) });
  });
});

/**
 * An offer says the currency of its rule's amounts with or without a minimum spend: the offer page took it from the
 * minimum spend alone and fell back to CNY, so on a yen ledger a campaign's ¥300 off with no minimum read as ¥3 off.
 */
describe.each(dialects)('an offer on a ledger kept in another currency, on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect, { currency: 'JPY' });
  });
  // The books checked and the database closed and dropped, as for every other API of the suite.
  useInvariantCheck(() => api);

  it('a claim link, its current link, its campaign’s stats and a share say the ledger’s currency, with no minimum spend', async () => {
    const manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const alice = await api.signIn('customer', 'alice', '1111');
    const made = await api.request('POST', '/api/campaigns', {
      token: manager,
      key: newKey(),
      body: { title: 'Yen off', rule: { kind: 'fixed', off: 300 }, validUntil: new Date(api.clock.now() + 86_400_000).toISOString() },
    });
    expect(made.status).toBe(201);
    const id = made.body.campaign.id;
    const created = await api.request('POST', `/api/campaigns/${id}/claim-links`, { token: manager, key: newKey(), body: {} });
    expect(created.body.link.campaign).toMatchObject({ minimumSpend: null, currency: 'JPY', rule: { kind: 'fixed', off: 300 } });
    const offer = await api.request('GET', `/api/claims/${created.body.link.token}`);
    expect(offer.body.campaign).toMatchObject({ minimumSpend: null, currency: 'JPY' });
    const current = await api.request('GET', `/api/campaigns/${id}/claim-links/current`, { token: manager });
    expect(current.body.link.campaign.currency).toBe('JPY');
    const stats = await api.request('GET', `/api/campaigns/${id}/stats`, { token: manager });
    expect(stats.body.campaign.currency).toBe('JPY');

    const fiveOff = await couponId(api, alice, 'fixed');
    const shared = await api.request('POST', `/api/coupons/${fiveOff}/shares`, { token: alice, body: {} });
    expect(shared.status).toBe(201);
    const view = await api.request('GET', `/api/shares/${shared.body.share.token}`);
    expect(view.body.share.campaign).toMatchObject({ minimumSpend: null, currency: 'JPY' });
  });
});
