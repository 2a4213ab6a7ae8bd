/**
 * PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. The bus measured the payload in UTF-16 units, so an
 * event of shop names in Chinese (three bytes a character in UTF-8) passed as short, and its NOTIFY failed; and it
 * failed for every event sent in the same statement, which were then told to this process's screens only: a till
 * or a phone connected to another API process missed them. An event too big for NOTIFY now goes to this process's
 * streams alone, and the events sent beside it still reach every process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../api/db/connect.js';
import { createEventBus, type BusEvent, type EventBus } from '../../api/events/bus.js';
import { dialects, freshDatabaseUrl } from './harness.js';

describe.each(dialects.filter((d) => d === 'postgres'))('an event too big for NOTIFY on %s', (dialect) => {
  let drop: () => Promise<void>;
  let dbs: Db[] = [];
  let buses: EventBus[] = [];

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(dialect);
    drop = fresh.drop;
    // Two API processes' worth: each its own pool and its own LISTEN connection on the one database.
    dbs = [await openDatabase(fresh.url), await openDatabase(fresh.url, { migrate: false })];
    buses = await Promise.all(dbs.map((db) => createEventBus(db)));
  });
  afterAll(async () => {
    for (const bus of buses) await bus.close();
    for (const db of dbs) await db.close();
    await drop?.();
  });

  it("reaches this process's streams, and the events sent with it reach the other process's too", async () => {
    const here: BusEvent[] = [];
    const there: BusEvent[] = [];
    buses[0]!.subscribe({ customerId: 'cus_a' }, (e) => here.push(e));
    buses[1]!.subscribe({ customerId: 'cus_a' }, (e) => there.push(e));
    // 3,000 characters: under the 7,900 the bus allows a payload, 9,000 bytes and more in UTF-8.
    const big = { type: 'payment', payment: { id: 'pay_big', customerId: 'cus_a', merchantId: 'mer_a', couponShops: ['咖啡店'.repeat(1_000)] } } as unknown as BusEvent;
    const code = (expiresAt: number): BusEvent => ({ type: 'paycode', customerId: 'cus_a', expiresAt });
    // The first is on its way when the next two are published: those two go out together, in one statement.
    await Promise.all([buses[0]!.publish(code(1)), buses[0]!.publish(big), buses[0]!.publish(code(2))]);

    const codesThere = () => there.flatMap((e) => (e.type === 'paycode' ? [e.expiresAt] : []));
    await expect.poll(codesThere, { timeout: 5_000 }).toEqual([1, 2]);
    // Here, all three: the big one handed to this process's streams as it is.
    await expect.poll(() => here.map((e) => (e.type === 'paycode' ? `code ${e.expiresAt}` : e.type === 'payment' ? e.payment.id : e.type)).sort(), { timeout: 5_000 }).toEqual(['code 1', 'code 2', 'pay_big']);
    expect(there.some((e) => e.type === 'payment')).toBe(false);
  });
});
