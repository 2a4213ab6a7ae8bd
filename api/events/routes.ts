import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { authenticate, sessionByHash, signedInOnly } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, jsonResponse } from '../http/schemas.js';
import { newToken, sha256 } from '../ids.js';
import { forShopRecords, shopRecordsOf } from '../payments/view.js';

/**
 * A ticket lets a browser's EventSource (which sends no Authorization header) open the stream once. Asking for one
 * takes no Idempotency-Key, as signing in takes none (auth/routes.ts): the ticket is stored only hashed, and a
 * replayed answer would need it readable. A repeat makes a second ticket, which expires unused in 30 s.
 */
const TICKET_TTL_MS = 30_000;

export const eventRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/events/ticket',
      tags: ['events'],
      summary: 'A single-use ticket (30 s) to open the event stream without putting the session token in a URL',
      security: bearer,
      middleware: [signedInOnly],
      responses: { 201: jsonResponse('Ticket', z.object({ ticket: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const auth = await authenticate(c);
      const { db, clock } = c.get('deps');
      const ticket = newToken();
      await db.kysely
        .insertInto('event_tickets')
        .values({ ticket_hash: sha256(ticket), session_hash: auth.tokenHash, expires_at: clock.now() + TICKET_TTL_MS, used: 0 })
        .execute();
      return c.json({ ticket }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/events',
      tags: ['events'],
      summary: 'Server-sent events: `payment` events carry {payment} for this customer or this cashier\'s merchant; `paycode` events carry {expiresAt} of a code just made for this customer (it retired any older one); `topup` events carry {amount, at} of money put on this customer\'s wallet (cash at a counter, or added in the app), or of cash put on at this cashier\'s shop\'s counter; `ready` ({heartbeatMs}) opens the stream, and `ping` ({}) comes after every heartbeatMs without another event',
      request: { query: z.object({ ticket: z.string().min(10).max(100).optional() }) },
      responses: { 200: { description: 'text/event-stream' }, ...errorResponses },
    }),
    async (c) => {
      const { db, clock, events, sessions, log, config } = c.get('deps');
      const { ticket } = c.req.valid('query');
      let auth;
      if (ticket) {
        const now = clock.now();
        // Single use: the UPDATE claims the ticket; a second use finds it already used.
        const claimed = await db.kysely
          .updateTable('event_tickets')
          .set({ used: 1 })
          .where('ticket_hash', '=', sha256(ticket))
          .where('used', '=', 0)
          .where('expires_at', '>', now)
          .returning('session_hash')
          .executeTakeFirst();
        auth = claimed ? await sessionByHash(db.kysely, claimed.session_hash, now) : undefined;
        if (!auth) throw new ApiError(401, 'UNAUTHENTICATED', 'This event ticket is unknown, used or expired; ask for a new one.');
      } else {
        auth = await authenticate(c);
      }
      const filter = auth.role === 'customer' ? { customerId: auth.customerId } : { merchantId: auth.merchantId };
      const { tokenHash } = auth;
      // A stream outlives the request that opened it: before each event and each ping it asks again whether its
      // session still stands (from this process's session cache, so at most one read per SESSION_CACHE_MS), and
      // ends once it was signed out or expired, rather than telling a signed-out till the shop's sales.
      // A session that cannot be read (the database away for a moment) cannot be vouched for either: the stream
      // ends, and the browser opens another with a fresh ticket, which authenticates again.
      const stillSignedIn = async () => {
        const now = clock.now();
        try {
          return (sessions.get(tokenHash, now) ?? (await sessionByHash(db.kysely, tokenHash, now, sessions))) !== undefined;
        } catch (error) {
          log.warn({ err: error }, 'event stream: its session could not be checked; ending it');
          return false;
        }
      };
      c.header('Cache-Control', 'no-store');
      c.header('X-Accel-Buffering', 'no');
      return streamSSE(c, async (stream) => {
        const queue: { event: 'payment' | 'paycode' | 'topup'; data: string }[] = [];
        let wake: (() => void) | undefined;
        const unsubscribe = events.subscribe(filter, (event) => {
          if (event.type === 'paycode') {
            // The bus gives these to the customer's own streams only (bus.ts isFor).
            queue.push({ event: 'paycode', data: JSON.stringify({ expiresAt: new Date(event.expiresAt).toISOString() }) });
            wake?.();
            return;
          }
          if (event.type === 'topup') {
            // The customer's own streams and the shop's (bus.ts isFor): the amount in minor units of the ledger's
            // currency, and when; to the shop, not whose wallet (Today's line reads the day's figure again).
            queue.push({ event: 'topup', data: JSON.stringify({ amount: event.amount, at: new Date(event.at).toISOString(), ...(event.reversed ? { reversed: true } : {}) }) });
            wake?.();
            return;
          }
          // A shop's cash record of a declined payment, its note that it went unpaid, or that note taken back, is the shop's: the customer's
          // phone is not told (its wallet payment stays declined, and a declined event would end the code on screen).
          if (auth.role === 'customer' && shopRecordsOf(event.payment)) return;
          // A shop's till is told a stale code's decline without its customer (payments/view.ts forShop).
          queue.push({ event: 'payment', data: JSON.stringify({ payment: auth.role === 'customer' ? event.payment : forShopRecords(event.payment) }) });
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        try {
          // `heartbeatMs`: how often the idle stream says `ping`. A ping is an event, not a comment line, because a
          // browser's EventSource shows nothing of comments: only an event tells it the stream still carries words. A
          // phone whose stream goes quiet without an error (a weak network drops the connection silently) then learns
          // it within a couple of heartbeats, opens another and reads back what it missed (src/lib/api/events.ts).
          await stream.writeSSE({ event: 'ready', data: JSON.stringify({ heartbeatMs: config.eventsHeartbeatMs }) });
          while (!stream.aborted && !stream.closed) {
            if (queue.length > 0 && !(await stillSignedIn())) break;
            while (queue.length > 0) await stream.writeSSE(queue.shift()!);
            let timer: ReturnType<typeof setTimeout> | undefined;
            await new Promise<void>((resolve) => {
              wake = resolve;
              timer = setTimeout(resolve, config.eventsHeartbeatMs);
            });
            clearTimeout(timer);
            wake = undefined;
            if (queue.length === 0 && !stream.aborted) {
              if (!(await stillSignedIn())) break;
              // Also keeps proxies and the tablet's Wi-Fi from closing an idle stream. Data, as an event without any is
              // never dispatched.
              await stream.writeSSE({ event: 'ping', data: '{}' });
            }
          }
        } finally {
          // However the loop ends (signed out, the client gone, a write that failed), the bus forgets this stream.
          unsubscribe();
        }
      });
    },
  );
