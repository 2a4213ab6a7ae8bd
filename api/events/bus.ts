import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { PaymentView } from '../payments/view.js';

/**
 * Live results for the screens. A payment event goes to its customer and to every signed-in cashier of its
 * merchant. With SQLite there is one process, so the bus is in memory. With PostgreSQL there may be many API
 * processes: each publishes through NOTIFY and delivers what its LISTEN connection hears, its own events
 * included, so every process sees every payment exactly once.
 */
export interface PaymentEvent {
  type: 'payment';
  payment: PaymentView;
}
type Listener = (event: PaymentEvent) => void;

export interface EventBus {
  publish(event: PaymentEvent): Promise<void>;
  subscribe(filter: { customerId?: string; merchantId?: string }, listener: Listener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'pos_events';
/** NOTIFY payloads must stay under 8000 bytes; a payment view is well under 2000. */
const NOTIFY_PAYLOAD_MAX = 7_900;

export async function createEventBus(db: Db): Promise<EventBus> {
  const listeners = new Set<{ filter: { customerId?: string; merchantId?: string }; listener: Listener }>();
  const deliver = (event: PaymentEvent) => {
    for (const { filter, listener } of listeners) {
      const p = event.payment;
      if ((filter.customerId && filter.customerId === p.customerId) || (filter.merchantId && filter.merchantId === p.merchantId)) {
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
        deliver(JSON.parse(payload) as PaymentEvent);
      } catch {
        // A malformed payload is ignored; screens fall back to fetching.
      }
    });
  }
  return {
    async publish(event) {
      const payload = JSON.stringify(event);
      if (db.dialect === 'postgres' && payload.length <= NOTIFY_PAYLOAD_MAX) {
        try {
          await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(db.kysely);
          return;
        } catch {
          // Fall through to local delivery: this process's screens still get it.
        }
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
