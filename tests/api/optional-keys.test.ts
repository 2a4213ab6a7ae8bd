import { beforeAll, describe, expect, it } from 'vitest';
import { requestHash } from '../../api/http/idempotency.js';
import { dialects, newKey, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * Sign-up, offering a coupon to a friend and taking a friend's offer took no Idempotency-Key in v1 of the public
 * contract; they take one now, optionally (README "One discounted payment with curl"). With a key, a repeat after a
 * lost answer is answered as the first request was and changes nothing, where it used to be told "handle taken" or
 * "not available"; another request under the key is refused; without a key they answer as they always did.
 */
describe.each(dialects)('optional Idempotency-Keys on %s', (dialect) => {
  let api: TestApi;
  let manager: string;
  let alice: string;
  let bob: string;
  let carol: string;
  let shareable: string;

  const countRows = async (table: 'customers' | 'coupon_shares' | 'idempotency_keys') =>
    Number((await api.deps.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const grant = async (customer: string) => {
    const res = await api.request('POST', `/api/campaigns/${shareable}/grants`, { token: manager, key: newKey(), body: { customer } });
    expect(res.status).toBe(201);
    return res.body.coupon.id as string;
  };
  const couponOf = async (token: string, id: string) => (await api.request('GET', '/api/coupons', { token })).body.coupons.find((c: any) => c.id === id);
  const sharesOf = (couponId: string) => api.deps.db.kysely.selectFrom('coupon_shares').selectAll().where('coupon_id', '=', couponId).execute();

  beforeAll(async () => {
    api = await startTestApi(dialect);
    manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    alice = await api.signIn('customer', 'alice', '1111');
    bob = await api.signIn('customer', 'bob', '2222');
    carol = await api.signIn('customer', 'carol', '3333');
    const until = new Date(api.clock.now() + 7 * 86_400_000).toISOString();
    const made = await api.request('POST', '/api/campaigns', { token: manager, key: newKey(), body: { title: 'Pass it on', rule: { kind: 'fixed', off: 300 }, validUntil: until, shareable: true } });
    expect(made.status).toBe(201);
    shareable = made.body.campaign.id;
  });
  useInvariantCheck(() => api);

  it('a sign-up repeated with its key makes one wallet and answers as the first did; another handle or PIN under the key is refused', async () => {
    const key = newKey();
    const before = await countRows('customers');
    const first = await api.request('POST', '/api/customers', { key, body: { handle: 'keyed-dana', pin: '4826' } });
    expect(first.status).toBe(201);
    // The answer was lost; the phone sends the same again: the same wallet, not "handle taken".
    const again = await api.request('POST', '/api/customers', { key, body: { handle: 'keyed-dana', pin: '4826' } });
    expect([again.status, again.body, again.headers.get('idempotent-replayed')]).toEqual([201, first.body, 'true']);
    expect(await countRows('customers')).toBe(before + 1);

    // The key reused for another handle, or the same handle with another PIN, is another request.
    const otherHandle = await api.request('POST', '/api/customers', { key, body: { handle: 'keyed-erin', pin: '4826' } });
    expect([otherHandle.status, otherHandle.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    const otherPin = await api.request('POST', '/api/customers', { key, body: { handle: 'keyed-dana', pin: '5937' } });
    expect([otherPin.status, otherPin.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    expect(await countRows('customers')).toBe(before + 1);
    expect((await api.request('POST', '/api/sessions', { body: { role: 'customer', handle: 'keyed-erin', pin: '4826' } })).status).toBe(401);
    // The wallet is the first request's: its PIN signs in.
    const me = await api.request('GET', '/api/me', { token: await api.signIn('customer', 'keyed-dana', '4826') });
    expect(me.body.customerId).toBe(first.body.customerId);

    // The key's record holds no PIN, nor a hash of the request a guesser could rebuild from a PIN tried.
    const stored = await api.deps.db.kysely.selectFrom('idempotency_keys').selectAll().where('scope', '=', 'sign-up').where('key', '=', key).executeTakeFirstOrThrow();
    expect(stored.response_body).not.toContain('4826');
    for (const guess of [{ signUp: 'keyed-dana', pin: '4826' }, { handle: 'keyed-dana', pin: '4826' }]) {
      expect(stored.request_hash).not.toBe(requestHash('POST', '/api/customers', guess));
    }
  });

  it('a sign-up without a key answers as before: a repeat is told the handle is taken, and nothing is kept for it', async () => {
    const [customers, keys] = [await countRows('customers'), await countRows('idempotency_keys')];
    const first = await api.request('POST', '/api/customers', { body: { handle: 'keyless-fern', pin: '4826' } });
    expect(first.status).toBe(201);
    const again = await api.request('POST', '/api/customers', { body: { handle: 'keyless-fern', pin: '4826' } });
    expect([again.status, again.body.error.code, again.body.error.field]).toEqual([409, 'HANDLE_TAKEN', 'handle']);
    expect([await countRows('customers'), await countRows('idempotency_keys')]).toEqual([customers + 1, keys]);
    // A new key for a handle someone has is refused as before, and the refusal is not kept: it changed nothing.
    const taken = await api.request('POST', '/api/customers', { key: newKey(), body: { handle: 'alice', pin: '4826' } });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'HANDLE_TAKEN']);
    expect(await countRows('idempotency_keys')).toBe(keys);
    const badKey = await api.request('POST', '/api/customers', { key: 'has space', body: { handle: 'keyless-gil', pin: '4826' } });
    expect([badKey.status, badKey.body.error.field]).toEqual([400, 'idempotency-key']);
    expect(await countRows('customers')).toBe(customers + 1);
  });

  it('an offer repeated with its key is one share with one link; the key for another coupon is refused; without a key as before', async () => {
    const [one, two, three] = [await grant('alice'), await grant('alice'), await grant('alice')];
    const key = newKey();
    const first = await api.request('POST', `/api/coupons/${one}/shares`, { token: alice, key, body: {} });
    expect(first.status).toBe(201);
    const again = await api.request('POST', `/api/coupons/${one}/shares`, { token: alice, key, body: {} });
    expect([again.status, again.body, again.headers.get('idempotent-replayed')]).toEqual([201, first.body, 'true']);
    expect((await sharesOf(one)).map((s) => s.token)).toEqual([first.body.share.token]);
    expect(await couponOf(alice, one)).toMatchObject({ state: 'shared', shareToken: first.body.share.token });

    const other = await api.request('POST', `/api/coupons/${two}/shares`, { token: alice, key, body: {} });
    expect([other.status, other.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    expect(await sharesOf(two)).toEqual([]);
    expect(await couponOf(alice, two)).toMatchObject({ state: 'available' });
    // The customer's keys are one scope: a top-up's key is not a share's.
    const topUpKey = newKey();
    expect((await api.request('POST', '/api/wallet/topups', { token: alice, key: topUpKey, body: { amount: { amount: 100, currency: 'CNY' } } })).status).toBe(201);
    const crossed = await api.request('POST', `/api/coupons/${two}/shares`, { token: alice, key: topUpKey, body: {} });
    expect([crossed.status, crossed.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);

    const keyless = await api.request('POST', `/api/coupons/${three}/shares`, { token: alice, body: {} });
    expect(keyless.status).toBe(201);
    const keylessAgain = await api.request('POST', `/api/coupons/${three}/shares`, { token: alice, body: {} });
    expect([keylessAgain.status, keylessAgain.body.error.code]).toEqual([409, 'COUPON_NOT_AVAILABLE']);
    expect(await sharesOf(three)).toHaveLength(1);
  });

  it("taking a friend's offer, repeated with its key, answers as the first time, even once the coupon has moved on; another offer under the key is refused", async () => {
    const offer = async () => (await api.request('POST', `/api/coupons/${await grant('alice')}/shares`, { token: alice, key: newKey(), body: {} })).body.share as { token: string; couponId: string };
    const [gift, second, third] = [await offer(), await offer(), await offer()];
    const key = newKey();
    const first = await api.request('POST', `/api/shares/${gift.token}/claim`, { token: bob, key, body: {} });
    expect(first.status).toBe(201);
    expect(first.body.coupon).toMatchObject({ id: gift.couponId, state: 'available' });
    const again = await api.request('POST', `/api/shares/${gift.token}/claim`, { token: bob, key, body: {} });
    expect([again.status, again.body, again.headers.get('idempotent-replayed')]).toEqual([201, first.body, 'true']);
    const bobId = (await api.request('GET', '/api/me', { token: bob })).body.customerId;
    expect((await sharesOf(gift.couponId)).map((s) => s.to_customer_id)).toEqual([bobId]);
    expect(await couponOf(bob, gift.couponId)).toMatchObject({ state: 'available' });

    // bob passes it on: a repeat under the first key is still the first answer; one without a key says where it is now.
    expect((await api.request('POST', `/api/coupons/${gift.couponId}/shares`, { token: bob, key: newKey(), body: {} })).status).toBe(201);
    const replayed = await api.request('POST', `/api/shares/${gift.token}/claim`, { token: bob, key, body: {} });
    expect([replayed.status, replayed.body]).toEqual([201, first.body]);
    const keylessNow = await api.request('POST', `/api/shares/${gift.token}/claim`, { token: bob, body: {} });
    expect([keylessNow.status, keylessNow.body.coupon.state]).toEqual([201, 'shared']);

    const other = await api.request('POST', `/api/shares/${second.token}/claim`, { token: bob, key, body: {} });
    expect([other.status, other.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    expect((await api.request('GET', `/api/shares/${second.token}`)).body.share.status).toBe('open');
    expect(await couponOf(alice, second.couponId)).toMatchObject({ state: 'shared' });

    // Without a key, as before: carol takes the third, and her repeat is told it is hers.
    const keyless = await api.request('POST', `/api/shares/${third.token}/claim`, { token: carol, body: {} });
    expect(keyless.status).toBe(201);
    const keylessAgain = await api.request('POST', `/api/shares/${third.token}/claim`, { token: carol, body: {} });
    expect([keylessAgain.status, keylessAgain.body.coupon]).toEqual([201, keyless.body.coupon]);
  });

  it('taking an offer back again answers 204 again and changes nothing; an offer claimed meanwhile is still refused', async () => {
    const coupon = await grant('alice');
    const { token } = (await api.request('POST', `/api/coupons/${coupon}/shares`, { token: alice, key: newKey(), body: {} })).body.share;
    expect((await api.request('DELETE', `/api/shares/${token}`, { token: alice })).status).toBe(204);
    const [revoked] = await sharesOf(coupon);
    api.clock.advance(1_000);
    // The answer was lost; the phone takes it back again: done, not "already claimed or taken back".
    expect((await api.request('DELETE', `/api/shares/${token}`, { token: alice })).status).toBe(204);
    expect(await sharesOf(coupon)).toEqual([revoked]);
    expect(await couponOf(alice, coupon)).toMatchObject({ state: 'available' });
    const late = await api.request('POST', `/api/shares/${token}/claim`, { token: bob, body: {} });
    expect([late.status, late.body.error.code]).toEqual([410, 'SHARE_TAKEN_BACK']);
    // Someone else's offer is still none of hers to take back.
    expect((await api.request('DELETE', `/api/shares/${token}`, { token: bob })).status).toBe(404);

    const claimedCoupon = await grant('alice');
    const claimed = (await api.request('POST', `/api/coupons/${claimedCoupon}/shares`, { token: alice, key: newKey(), body: {} })).body.share.token;
    expect((await api.request('POST', `/api/shares/${claimed}/claim`, { token: carol, body: {} })).status).toBe(201);
    const tooLate = await api.request('DELETE', `/api/shares/${claimed}`, { token: alice });
    expect([tooLate.status, tooLate.body.error.code]).toEqual([409, 'ALREADY_CLAIMED']);
  });

  it('the OpenAPI document lists the optional header on these routes, the required one where it is required, and none on sign-in', async () => {
    const doc = (await api.request('GET', '/api/openapi.json')).body;
    const keyHeader = (path: string, method: string) =>
      (doc.paths[path][method].parameters ?? []).find((p: any) => p.in === 'header' && p.name === 'idempotency-key') as { required?: boolean; description?: string } | undefined;
    for (const [path, method] of [
      ['/api/customers', 'post'],
      ['/api/coupons/{id}/shares', 'post'],
      ['/api/shares/{token}/claim', 'post'],
    ] as const) {
      const header = keyHeader(path, method);
      expect(header, `${method} ${path}`).toBeDefined();
      expect(header!.required ?? false, `${method} ${path}`).toBe(false);
      expect(header!.description, `${method} ${path}`).toMatch(/^Optional here/);
    }
    for (const [path, method] of [
      ['/api/wallet/topups', 'post'],
      ['/api/customers/me/pin', 'post'],
      ['/api/claims/{token}', 'post'],
    ] as const) {
      expect(keyHeader(path, method)?.required, `${method} ${path}`).toBe(true);
    }
    for (const [path, method] of [
      ['/api/sessions', 'post'],
      ['/api/paycodes', 'post'],
      ['/api/events/ticket', 'post'],
    ] as const) {
      expect(keyHeader(path, method), `${method} ${path}`).toBeUndefined();
    }
  });
});
