import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../api/auth/pins.js';
import { createSession } from '../../api/auth/sessions.js';
import { inTransaction } from '../../api/db/tx.js';
import { addCashier, openShop } from '../../api/staff/shops.js';
import { cny, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A shop's manager running the staff: adding a cashier who then works the till, setting a forgotten PIN (their
 * tablets are signed out, the old PIN stops working), removing one who left (they cannot sign in; their sales
 * keep their name), making one a manager or taking it back.
 */
describe.each(dialects)('the shop staff on %s', (dialect) => {
  let api: TestApi;
  let owner: string;
  const signInAt = (handle: string, pin: string) =>
    api.request('POST', '/api/sessions', { body: { role: 'cashier', merchant: 'demo-cafe', handle, pin } });
  const add = (body: Record<string, unknown>, key = newKey(), token = owner) => api.request('POST', '/api/staff', { token, key, body });
  const setPin = (id: string, pin: string, token = owner, key = newKey()) => api.request('POST', `/api/staff/${id}/pin`, { token, key, body: { pin } });
  const remove = (id: string, token = owner, key = newKey()) => api.request('POST', `/api/staff/${id}/removal`, { token, key, body: {} });
  const signOut = (id: string, token = owner, key = newKey()) => api.request('POST', `/api/staff/${id}/sign-out`, { token, key, body: {} });
  const setManager = (id: string, canManage: boolean, token = owner, key = newKey()) => api.request('PUT', `/api/staff/${id}/manager`, { token, key, body: { canManage } });
  const staff = async () => (await api.request('GET', '/api/staff', { token: owner })).body.staff as { id: string; handle: string; canManage: boolean; signedInSessions: number }[];
  const me = (token: string) => api.request('GET', '/api/me', { token });

  beforeAll(async () => {
    api = await startTestApi(dialect);
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
  });
  useInvariantCheck(() => api);

  // Two processes of its own (tsx compiling the script), slow on a busy machine: a longer timeout, not a timed check.
  it('`npm run shop` opens a real shop beside the running server: its manager signs in and adds a cashier', { timeout: 120_000 }, () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/new-shop.ts', ...args], { env: { ...process.env, DATABASE_URL: api.databaseUrl }, encoding: 'utf8' });
    const unknownZone = run(['--handle', 'corner-cafe', '--name', 'Corner Café', '--manager', 'ana', '--pin', '482913', '--time-zone', 'Europe/Nowhere']);
    expect([unknownZone.status, unknownZone.stderr]).toEqual([2, expect.stringContaining('--time-zone')]);
    const opened = run(['--handle', 'corner-cafe', '--name', 'Corner Café', '--manager', 'ana', '--pin', '482913', '--time-zone', 'Europe/Berlin']);
    expect(opened.status, opened.stderr).toBe(0);
    expect(opened.stdout).toContain('Europe/Berlin');
    expect(run(['--handle', 'corner-cafe', '--name', 'Again', '--manager', 'bob', '--pin', '482913']).status).toBe(1);
    return (async () => {
      const session = await api.request('POST', '/api/sessions', { body: { role: 'cashier', merchant: 'corner-cafe', handle: 'ana', pin: '482913' } });
      // Its day is Berlin's, whatever the server's TIME_ZONE (UTC here); the demo shops keep the server's.
      expect(session.body).toMatchObject({ role: 'cashier', canManage: true, merchantName: 'Corner Café', timeZone: 'Europe/Berlin' });
      const added = await add({ handle: 'ben', pin: '1357' }, newKey(), session.body.token);
      expect(added.status).toBe(201);
      const staffThere = await api.request('GET', '/api/staff', { token: session.body.token });
      expect(staffThere.body.staff.map((s: any) => s.handle)).toEqual(['ana', 'ben']);
    })();
  });

  it('a cashier the manager adds signs in with their PIN and takes payments; a repeat of the request adds no second one', async () => {
    const key = newKey();
    const added = await add({ handle: 'dana', pin: '5678' }, key);
    expect(added.status).toBe(201);
    expect(added.body.cashier).toMatchObject({ handle: 'dana', canManage: false, signedInSessions: 0 });
    expect(JSON.stringify(added.body)).not.toContain('5678');
    const again = await add({ handle: 'dana', pin: '5678' }, key);
    expect([again.status, again.body.cashier.id]).toEqual([201, added.body.cashier.id]);
    expect((await staff()).filter((s) => s.handle === 'dana')).toHaveLength(1);

    const session = await signInAt('dana', '5678');
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({ role: 'cashier', canManage: false });
    const paid = await pay(api, session.body.token, await newCode(api, await api.signIn('customer', 'bob', '2222')), 250);
    expect([paid.status, paid.body.payment.cashierId]).toEqual([201, added.body.cashier.id]);
    expect((await staff()).find((s) => s.handle === 'dana')!.signedInSessions).toBe(1);
    // A plain cashier cannot manage the staff.
    expect((await api.request('GET', '/api/staff', { token: session.body.token })).status).toBe(403);
  });

  it('refuses a handle the shop has, or had, and a PIN that is not 4–12 digits', async () => {
    expect((await add({ handle: 'cashier-1', pin: '5678' })).body.error).toMatchObject({ code: 'HANDLE_TAKEN', field: 'handle' });
    const gone = await add({ handle: 'ellis', pin: '5678' });
    expect((await remove(gone.body.cashier.id)).status).toBe(200);
    const reused = await add({ handle: 'ellis', pin: '5678' });
    expect([reused.status, reused.body.error]).toEqual([409, expect.objectContaining({ code: 'HANDLE_OF_REMOVED_CASHIER', field: 'handle' })]);
    expect(reused.body.error.message).toMatch(/removed/);
    for (const pin of ['123', '12a4', '1234567890123']) {
      const res = await add({ handle: `pin-${pin.length}x`, pin });
      expect(res.status).toBe(400);
    }
  });

  it('a new PIN signs the cashier out everywhere and the old one stops working; a manager setting their own keeps this tablet', async () => {
    const fay = (await add({ handle: 'fay', pin: '1111' })).body.cashier.id as string;
    const tablets = [(await signInAt('fay', '1111')).body.token, (await signInAt('fay', '1111')).body.token];
    expect((await setPin(fay, '2222')).status).toBe(200);
    for (const token of tablets) expect((await me(token)).status).toBe(401);
    expect((await signInAt('fay', '1111')).status).toBe(401);
    expect((await signInAt('fay', '2222')).status).toBe(201);

    const mine = (await me(owner)).body.cashierId as string;
    const otherTablet = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    expect((await setPin(mine, '9898')).status).toBe(200);
    expect((await me(owner)).status).toBe(200);
    expect((await me(otherTablet)).status).toBe(401);
    expect((await signInAt('owner', '9898')).status).toBe(201);
    // Back, for the other tests and files that sign in as the owner.
    expect((await setPin(mine, '9999')).status).toBe(200);
  });

  it('a manager signs a cashier out on every tablet (one lost): those tablets are refused, the same PIN signs in again, and a repeat signs out nobody new', async () => {
    const hal = (await add({ handle: 'hal', pin: '3131' })).body.cashier.id as string;
    const tablets = [(await signInAt('hal', '3131')).body.token, (await signInAt('hal', '3131')).body.token];
    expect((await staff()).find((s) => s.id === hal)?.signedInSessions).toBe(2);

    const key = newKey();
    const done = await signOut(hal, owner, key);
    expect([done.status, done.body.signedOut, done.body.cashier.signedInSessions]).toEqual([200, 2, 0]);
    for (const token of tablets) expect((await me(token)).status).toBe(401);
    // The PIN is unchanged: the cashier signs in again with it, and a repeat of the request (its answer lost) returns
    // the first answer and does not sign out the tablet signed in since.
    const again = (await signInAt('hal', '3131')).body.token as string;
    const repeat = await signOut(hal, owner, key);
    expect([repeat.status, repeat.body.signedOut]).toEqual([200, 2]);
    expect((await me(again)).status).toBe(200);
    // A new request signs out that one too; one more finds none signed in.
    expect((await signOut(hal)).body.signedOut).toBe(1);
    expect((await me(again)).status).toBe(401);
    expect((await signOut(hal)).body).toMatchObject({ signedOut: 0, cashier: { signedInSessions: 0 } });

    // A manager signing themselves out ends their other tablets, not this one.
    const mine = (await me(owner)).body.cashierId as string;
    const otherTablet = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    expect((await signOut(mine)).body.signedOut).toBe(1);
    expect((await me(otherTablet)).status).toBe(401);
    expect((await me(owner)).status).toBe(200);
    // Only a manager, and only their own shop's staff; a removed cashier is said as that.
    const cashier = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    expect((await signOut(hal, cashier)).status).toBe(403);
    const booksCashier = (await me(await api.signIn('cashier', 'cashier-1', '4321', 'demo-books'))).body.cashierId as string;
    expect((await signOut(booksCashier)).status).toBe(404);
    expect((await remove(hal)).status).toBe(200);
    expect((await signOut(hal)).body.error.code).toBe('CASHIER_REMOVED');
  });

  it("a tablet refused says why its sign-in ended: a new PIN, a manager's sign-out, a removal, its own sign-out, or run out", async () => {
    // The tablet was told every reason there could be, not which (owner review): the 401 keeps its code, and says `reason`.
    const refused = async (token: string) => {
      const answer = await me(token);
      expect([answer.status, answer.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      return answer.body.error.reason as string | undefined;
    };
    const ivy = (await add({ handle: 'ivy', pin: '4141' })).body.cashier.id as string;
    const before = (await signInAt('ivy', '4141')).body.token as string;
    expect((await setPin(ivy, '4242')).status).toBe(200);
    expect(await refused(before)).toBe('pin_changed');

    const lost = (await signInAt('ivy', '4242')).body.token as string;
    expect((await signOut(ivy)).body.signedOut).toBe(1);
    expect(await refused(lost)).toBe('signed_out_by_manager');

    const own = (await signInAt('ivy', '4242')).body.token as string;
    expect((await api.request('DELETE', '/api/sessions/current', { token: own })).status).toBe(204);
    expect(await refused(own)).toBe('signed_out');

    // Whatever is asked with it, not only GET /me.
    const last = (await signInAt('ivy', '4242')).body.token as string;
    expect((await remove(ivy)).status).toBe(200);
    expect(await refused(last)).toBe('removed');
    const charge = await api.request('POST', '/api/payments', { token: last, key: newKey(), body: { code: '0'.repeat(18), amount: cny(100) } });
    expect([charge.status, charge.body.error.reason]).toEqual([401, 'removed']);

    // A token the server never gave says nothing of a session.
    expect(await refused('x'.repeat(43))).toBeUndefined();

    // Run out (the shift's 12 hours): said as that; then the owner signs in again, for the tests after this one.
    const shift = (await signInAt('cashier-1', '1234')).body.token as string;
    api.clock.advance(12 * 3_600_000 + 1);
    expect(await refused(shift)).toBe('expired');
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
  });

  it("a cashier made a manager can manage on the tablet they are signed in on; taken back, that tablet loses it at once and stays a till", async () => {
    const hana = (await add({ handle: 'hana', pin: '3131' })).body.cashier.id as string;
    const tablet = (await signInAt('hana', '3131')).body.token as string;
    expect((await api.request('GET', '/api/staff', { token: tablet })).status).toBe(403);

    const key = newKey();
    const made = await setManager(hana, true, owner, key);
    expect([made.status, made.body.cashier]).toEqual([200, expect.objectContaining({ id: hana, handle: 'hana', canManage: true, signedInSessions: 1 })]);
    // The same request again changes nothing more; the key with the other answer is another request.
    expect((await setManager(hana, true, owner, key)).body).toEqual(made.body);
    expect((await setManager(hana, false, owner, key)).body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect((await me(tablet)).body).toMatchObject({ cashierId: hana, canManage: true });
    expect((await api.request('GET', '/api/staff', { token: tablet })).status).toBe(200);
    expect((await staff()).find((s) => s.id === hana)!.canManage).toBe(true);

    const taken = await setManager(hana, false);
    expect([taken.status, taken.body.cashier.canManage]).toEqual([200, false]);
    // Still signed in, at the till; no longer a manager there, on this request already.
    expect((await me(tablet)).body).toMatchObject({ cashierId: hana, canManage: false });
    expect((await api.request('GET', '/api/staff', { token: tablet })).status).toBe(403);
    expect((await setManager(hana, true, tablet)).status).toBe(403);
    const sale = await pay(api, tablet, await newCode(api, await api.signIn('customer', 'bob', '2222')), 120);
    expect(sale.status).toBe(201);
    // Signing in again does not bring it back.
    expect((await signInAt('hana', '3131')).body.canManage).toBe(false);

    // Nobody takes back their own; another shop's cashier, or one removed, is not there to change.
    const mine = (await me(owner)).body.cashierId as string;
    const own = await setManager(mine, false);
    expect([own.status, own.body.error.code]).toEqual([409, 'CANNOT_DEMOTE_SELF']);
    expect((await me(owner)).body.canManage).toBe(true);
    const booksCashier = (await me(await api.signIn('cashier', 'cashier-1', '4321', 'demo-books'))).body.cashierId as string;
    expect((await setManager(booksCashier, true)).status).toBe(404);
    expect((await remove(hana)).status).toBe(200);
    expect((await setManager(hana, true)).status).toBe(410);
    expect((await api.request('PUT', `/api/staff/${hana}/manager`, { token: owner, body: { canManage: true } })).status).toBe(400);
  });

  it('two managers removing, or taking back, each other at the same moment leave the shop a manager: one of them is refused LAST_MANAGER', async () => {
    const pinHash = await hashPin('5151');
    let shops = 0;
    /** A shop of its own with exactly two managers, each signed in on a tablet. */
    const twoManagers = async () => {
      const now = api.clock.now();
      const [merchantId, ann, ben] = await inTransaction(api.deps.db.kysely, async (trx) => {
        const id = await openShop(trx, { handle: `duo-${++shops}`, name: `Duo ${shops}`, currency: 'CNY', now });
        const managers = await Promise.all(['ann', 'ben'].map((handle) => addCashier(trx, { merchantId: id, handle, pinHash, canManage: true, now })));
        return [id, ...managers] as [string, string, string];
      });
      const tablet = async (cashierId: string) =>
        (await createSession(api.deps.db.kysely, { role: 'cashier', cashierId, merchantId, canManage: true }, now, 3_600_000)).token;
      return { merchantId, ann: { id: ann, token: await tablet(ann) }, ben: { id: ben, token: await tablet(ben) } };
    };
    const removal = (by: string, of: string) => api.request('POST', `/api/staff/${of}/removal`, { token: by, key: newKey(), body: {} });
    const demotion = (by: string, of: string) => api.request('PUT', `/api/staff/${of}/manager`, { token: by, key: newKey(), body: { canManage: false } });
    const races = { 'remove each other': [removal, removal], 'take back each other': [demotion, demotion], 'one removes, the other takes back': [removal, demotion] } as const;
    // A few rounds each: on PostgreSQL the two run truly side by side, and one round may happen to run them apart:
    // the second then comes after the first took its tablet's right (signed out: 401; no longer a manager: 403).
    let lastManager = 0;
    for (const [race, [first, second]] of Object.entries(races)) {
      for (let round = 0; round < 4; round++) {
        const { merchantId, ann, ben } = await twoManagers();
        const answers = await Promise.all([first(ann.token, ben.id), second(ben.token, ann.id)]);
        const what = `${race}, round ${round}: ${JSON.stringify(answers.map((a) => [a.status, a.body]))}`;
        expect(answers.filter((a) => a.status === 200), what).toHaveLength(1);
        const refused = answers.find((a) => a.status !== 200)!;
        expect([[409, 'LAST_MANAGER'], [401, 'UNAUTHENTICATED'], [403, 'FORBIDDEN']], what).toContainEqual([refused.status, refused.body.error.code]);
        if (refused.status === 409) {
          lastManager++;
          expect(refused.body.error.message, what).toMatch(/manager/);
        }
        const managers = await api.deps.db.kysely.selectFrom('cashiers').select('handle').where('merchant_id', '=', merchantId).where('removed_at', 'is', null).where('can_manage', '=', 1).execute();
        expect(managers, what).toHaveLength(1);
        // And the one left manages the shop from their tablet.
        const survivor = managers[0]!.handle === 'ann' ? ann : ben;
        expect((await api.request('GET', '/api/staff', { token: survivor.token })).status, what).toBe(200);
      }
    }
    // Most rounds do race: both past the sign-in check before either changed anything.
    expect(lastManager).toBeGreaterThan(0);
  });

  it('a removed cashier is signed out, cannot sign in, leaves the list, and their sales keep their name; a manager cannot remove themselves', async () => {
    const gil = (await add({ handle: 'gil', pin: '4444' })).body.cashier.id as string;
    const token = (await signInAt('gil', '4444')).body.token as string;
    const sale = await pay(api, token, await newCode(api, await api.signIn('customer', 'alice', '1111')), 300);
    expect(sale.status).toBe(201);

    const key = newKey();
    const removed = await remove(gil, owner, key);
    expect([removed.status, removed.body.removed]).toEqual([200, 'gil']);
    expect((await remove(gil, owner, key)).status).toBe(200);
    // Removed already (on another tablet, say): said as that, by its code, whatever is asked of them.
    for (const again of [await remove(gil), await setPin(gil, '5656'), await setManager(gil, true)]) {
      expect([again.status, again.body.error.code]).toEqual([410, 'CASHIER_REMOVED']);
    }
    expect((await me(token)).status).toBe(401);
    expect((await signInAt('gil', '4444')).status).toBe(401);
    expect((await staff()).map((s) => s.handle)).not.toContain('gil');
    const listed = await api.request('GET', `/api/payments/${sale.body.payment.id}`, { token: owner });
    expect(listed.body.payment).toMatchObject({ cashierId: gil, amount: cny(300) });

    const mine = (await me(owner)).body.cashierId as string;
    expect((await remove(mine)).body.error.code).toBe('CANNOT_REMOVE_SELF');
    // Another shop's cashier is not this manager's to touch.
    const booksCashier = (await me(await api.signIn('cashier', 'cashier-1', '4321', 'demo-books'))).body.cashierId as string;
    expect((await setPin(booksCashier, '1212')).status).toBe(404);
    expect((await remove(booksCashier)).status).toBe(404);
  });
});
