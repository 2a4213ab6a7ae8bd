import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { PaymentView } from '../payments/view.js';

/**
 * Live results for the screens. A payment event goes to its customer and to every signed-in cashier of its
 * merchant; a paycode event to its customer alone. With SQLite there is one process, so the bus is in memory.
 * With PostgreSQL there may be many API processes: each publishes through NOTIFY and delivers what its LISTEN
 * connection hears, its own events included, so every process sees every event exactly once.
 */
export interface PaymentEvent {
  type: 'payment';
  payment: PaymentView;
}
/**
 * A payment code was made for this customer, living until `expiresAt` (ms): it retired whichever code they showed
 * before (one live code per customer), so a phone showing an older code puts it away and says why. It names the
 * code by its expiry only, never by its digits.
 */
export interface PaycodeEvent {
  type: 'paycode';
  customerId: string;
  expiresAt: number;
}
/**
 * Cash was put on this customer's wallet at a shop's counter (api/topups/), or taken back off it, or the customer added
 * money in the app (POST /wallet/topups, api/ledger/routes.ts): a phone showing the wallet reads its balance again
 * (the customer's other phones too), and the shop's tills read the day's top-up cash again (Today's line). To the
 * customer's own streams and, for the counter's, the shop's, as a payment event.
 */
export interface TopUpEvent {
  type: 'topup';
  customerId: string;
  /** The shop whose counter took the cash; none for the customer's own top-up in the app, which no shop's till counts. */
  merchantId?: string;
  amount: number;
  at: number;
  /** A manager took the top-up back (api/topups/reversal.ts): the amount left the wallet. */
  reversed?: boolean;
}
export type BusEvent = PaymentEvent | PaycodeEvent | TopUpEvent;
type Listener = (event: BusEvent) => void;

/** Whether a stream subscribed with `filter` is told of `event`: a code is its customer's business alone. */
function isFor(filter: { customerId?: string; merchantId?: string }, event: BusEvent): boolean {
  if (event.type === 'paycode') return filter.customerId !== undefined && filter.customerId === event.customerId;
  const p = event.type === 'topup' ? event : event.payment;
  return (filter.customerId !== undefined && filter.customerId === p.customerId) || (filter.merchantId !== undefined && filter.merchantId === p.merchantId);
}

export interface EventBus {
  publish(event: BusEvent): Promise<void>;
  subscribe(filter: { customerId?: string; merchantId?: string }, listener: Listener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'pos_events';
/**
 * NOTIFY payloads must stay under 8000 bytes, in bytes (a payment view is well under 2000): counted in string length,
 * a view naming shops in Chinese (three bytes a character) passed as short, its NOTIFY failed, and so did the events
 * sent in the same statement, which then reached this process's screens only.
 */
const NOTIFY_PAYLOAD_MAX_BYTES = 7_900;
/** At most this many events in one NOTIFY statement. */
const NOTIFY_BATCH_MAX = 200;

export async function createEventBus(db: Db): Promise<EventBus> {
  const listeners = new Set<{ filter: { customerId?: string; merchantId?: string }; listener: Listener }>();
  const deliver = (event: BusEvent) => {
    for (const { filter, listener } of listeners) {
      if (isFor(filter, event)) {
        try {
          listener(event);
        } catch {
          // One broken stream must not stop the others.
        }
      }
    }
  };
  let unlisten: (() => Promise<void>) | undefined;
  if (db.listen) {
    unlisten = await db.listen(CHANNEL, (payload) => {
      try {
        deliver(JSON.parse(payload) as BusEvent);
      } catch {
        // A malformed payload is ignored; screens fall back to fetching.
      }
    });
  }
  /**
   * NOTIFYs wait here while the previous ones are being sent, and then go together in one statement: each
   * NOTIFY outside a transaction is a commit of its own on PostgreSQL (a WAL flush), and under load dozens of
   * payments settle in one group. Each publish still resolves only once its own event was sent.
   */
  const queue: { payload: string; event: BusEvent; done: () => void }[] = [];
  let sending = false;
  const sendQueued = async () => {
    sending = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, NOTIFY_BATCH_MAX);
        try {
          await sql`select pg_notify(${CHANNEL}, p) from unnest(${batch.map((b) => b.payload)}::text[]) with ordinality as t(p, n) order by n`.execute(db.kysely);
        } catch {
          // Fall back to local delivery: this process's screens still get them.
          for (const b of batch) deliver(b.event);
        }
        for (const b of batch) b.done();
      }
    } finally {
      sending = false;
    }
  };
  return {
    async publish(event) {
      // Serialised only where it travels (PostgreSQL's NOTIFY). With SQLite, one process, the event is handed to
      // the streams as it is; turning every payment's view (~1 KB) into text for nothing cost ~3 µs a payment.
      const payload = db.dialect === 'postgres' ? JSON.stringify(event) : undefined;
      if (payload !== undefined && Buffer.byteLength(payload) <= NOTIFY_PAYLOAD_MAX_BYTES) {
        await new Promise<void>((done) => {
          queue.push({ payload, event, done });
          if (!sending) void sendQueued();
        });
        return;
      }
      deliver(event);
    },
    subscribe(filter, listener) {
      const entry = { filter, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    async close() {
      listeners.clear();
      await unlisten?.();
    },
  };
}
