/**
 * A small world for the auth matrix and the web-security suite: every kind of caller, and the things they ask
 * about (a payment of the customer at the café, the café's campaigns, a claim link, closed days). The callers:
 *   none               no Authorization header
 *   expired            a café manager's session past its 12 hours
 *   signedOut          a café manager's session after DELETE /api/sessions/current
 *   customer           alice, whose payment, coupons and shares the requests are about
 *   otherCustomer      bob
 *   otherShopCashier   the bookshop's cashier
 *   otherShopManager   a manager of the bookshop (added here: the demo has none)
 *   cashier            the café's cashier (no manage rights)
 *   manager            the café's owner
 */
import { expect } from 'vitest';
import { createApp } from '../../api/app.js';
import { hashPin } from '../../api/auth/pins.js';
import { newId } from '../../api/ids.js';
import { cny, newCode, newKey, type TestApi } from '../api/harness.js';

export const CALLERS = ['none', 'expired', 'signedOut', 'customer', 'otherCustomer', 'otherShopCashier', 'otherShopManager', 'cashier', 'manager'] as const;
export type Who = (typeof CALLERS)[number];

/** The bookshop's manager the demo lacks; PIN for the fixture only. */
export const BOOKS_MANAGER = { handle: 'books-boss', pin: '8642' };

export interface World {
  api: TestApi;
  /** The same app, for raw requests the harness would tidy up (streams, odd headers). */
  app: ReturnType<typeof createApp>;
  tokens: Record<Who, string | undefined>;
  /** A fresh session of the same person, for requests that end it (sign-out). */
  freshToken(who: Who): Promise<string | undefined>;
  ids: {
    customerId: string;
    otherCustomerId: string;
    payment: string;
    campaign: string;
    linkCampaign: string;
    /** A campaign the matrix ends (ending one already ended answers the same). */
    endingCampaign: string;
    claimLink: string;
    cafeZ: number;
    /** A cashier of the café's, whose PIN the matrix sets. */
    staffMember: string;
  };
  /** A new cashier of the café's, for a cell that removes one. */
  newStaffMember(): Promise<string>;
  /** A live code of carol's (the payer for payment cells), so any till can take a 1-fen payment with it. */
  payerCode(): Promise<string>;
  /** A new coupon of the café's shareable campaign, held by alice. */
  aliceCoupon(): Promise<string>;
  /** A new open share of one of alice's coupons. */
  aliceShare(): Promise<string>;
}

export async function buildWorld(api: TestApi): Promise<World> {
  const signIn = async (who: Who): Promise<string | undefined> => {
    switch (who) {
      case 'none':
        return undefined;
      case 'customer':
        return api.signIn('customer', 'alice', '1111');
      case 'otherCustomer':
        return api.signIn('customer', 'bob', '2222');
      case 'otherShopCashier':
        return api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
      case 'otherShopManager':
        return api.signIn('cashier', BOOKS_MANAGER.handle, BOOKS_MANAGER.pin, 'demo-books');
      case 'cashier':
        return api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
      default:
        return api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    }
  };

  const k = api.deps.db.kysely;
  const books = await k.selectFrom('merchants').select('id').where('handle', '=', 'demo-books').executeTakeFirstOrThrow();
  const exists = await k.selectFrom('cashiers').select('id').where('merchant_id', '=', books.id).where('handle', '=', BOOKS_MANAGER.handle).executeTakeFirst();
  if (!exists) {
    const now = api.clock.now();
    await k
      .insertInto('cashiers')
      .values({ id: newId('csh', now), merchant_id: books.id, handle: BOOKS_MANAGER.handle, pin_hash: await hashPin(BOOKS_MANAGER.pin), can_manage: 1, created_at: now })
      .execute();
  }

  // The expired session is made first and the clock moved to just before its end; everyone else signs in then,
  // and two minutes later only that one has run out.
  const expired = await signIn('manager');
  api.clock.advance(api.deps.config.sessionTtlMs - 60_000);
  const signedOut = await signIn('manager');
  const out = await api.request('DELETE', '/api/sessions/current', { token: signedOut });
  expect(out.status).toBe(204);
  const tokens = { none: undefined, expired, signedOut } as Record<Who, string | undefined>;
  for (const who of CALLERS) if (!(who in tokens)) tokens[who] = await signIn(who);
  api.clock.advance(120_000);
  expect((await api.request('GET', '/api/me', { token: expired })).status).toBe(401);

  const me = async (who: Who) => (await api.request('GET', '/api/me', { token: tokens[who] })).body;
  const customerId = (await me('customer')).customerId;
  const otherCustomerId = (await me('otherCustomer')).customerId;
  const carol = await api.signIn('customer', 'carol', '3333');

  const paid = await api.request('POST', '/api/payments', { token: tokens.cashier, key: newKey(), body: { code: await newCode(api, tokens.customer!), amount: cny(500) } });
  expect(paid.status).toBe(201);
  const until = new Date(api.clock.now() + 30 * 86_400_000).toISOString();
  const campaign = await api.request('POST', '/api/campaigns', {
    token: tokens.manager,
    key: newKey(),
    body: { title: 'Matrix coupon', rule: { kind: 'fixed', off: 100 }, validUntil: until, shareable: true },
  });
  expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
  const linkCampaign = await api.request('POST', '/api/campaigns', {
    token: tokens.manager,
    key: newKey(),
    body: { title: 'Matrix poster', rule: { kind: 'fixed', off: 50 }, validUntil: until, perCustomerLimit: 100 },
  });
  expect(linkCampaign.status).toBe(201);
  const endingCampaign = await api.request('POST', '/api/campaigns', {
    token: tokens.manager,
    key: newKey(),
    body: { title: 'Matrix short-lived', rule: { kind: 'fixed', off: 10 }, validUntil: until },
  });
  expect(endingCampaign.status).toBe(201);
  const link = await api.request('POST', `/api/campaigns/${linkCampaign.body.campaign.id}/claim-links`, { token: tokens.manager, key: newKey(), body: {} });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  // Two closed days at the café, so report number 2 exists there and not at the bookshop.
  let cafeZ = 0;
  for (let i = 0; i < 2; i++) {
    const z = await api.request('POST', '/api/reports/z', { token: tokens.manager, key: newKey(), body: {} });
    expect(z.status, JSON.stringify(z.body)).toBe(201);
    cafeZ = z.body.report.number;
  }

  const newStaffMember = async () => {
    const handle = `mx-${newKey().toLowerCase().replace(/[^a-z0-9]/g, '').slice(-20)}`;
    const added = await api.request('POST', '/api/staff', { token: tokens.manager, key: newKey(), body: { handle, pin: '2468' } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    return added.body.cashier.id as string;
  };
  const staffMember = await newStaffMember();

  const world: World = {
    api,
    app: createApp(api.deps),
    tokens,
    freshToken: async (who) => (who === 'none' || who === 'expired' || who === 'signedOut' ? tokens[who] : signIn(who)),
    ids: {
      customerId,
      otherCustomerId,
      payment: paid.body.payment.id,
      campaign: campaign.body.campaign.id,
      linkCampaign: linkCampaign.body.campaign.id,
      endingCampaign: endingCampaign.body.campaign.id,
      claimLink: link.body.link.token,
      cafeZ,
      staffMember,
    },
    newStaffMember,
    payerCode: () => newCode(api, carol),
    async aliceCoupon() {
      const grant = await api.request('POST', `/api/campaigns/${world.ids.campaign}/grants`, { token: tokens.manager, key: newKey(), body: { customer: 'alice' } });
      expect(grant.status).toBe(201);
      return grant.body.coupon.id;
    },
    async aliceShare() {
      const share = await api.request('POST', `/api/coupons/${await world.aliceCoupon()}/shares`, { token: tokens.customer, body: {} });
      expect(share.status, JSON.stringify(share.body)).toBe(201);
      return share.body.share.token;
    },
  };
  return world;
}
