/**
 * Live payment results over server-sent events (and, for a customer, the news that a code was made for them). EventSource can't send an Authorization header, so
 * each (re)connection first trades the session token for a single-use ticket (POST
 * /api/events/ticket) and puts only the ticket in the URL: a session token never appears in one.
 *
 * EventSource's own reconnect would reuse the spent ticket, so on error we close it and reconnect
 * ourselves with a fresh ticket, backing off up to RECONNECT_MAX_MS, and at once when the browser
 * says the network is back. Events sent while no stream was open are not replayed: a screen that
 * must not miss one reloads its list when `onStatus` turns true again.
 *
 * A stream can also die without an error (a weak network drops the connection silently, a proxy holds it open): it
 * looks open and carries nothing, and a phone at the till would never hear "Paid". The server says `ping` when it has
 * had nothing else to say for `heartbeatMs` (given in its `ready` event), so a stream that has said nothing at all for
 * SILENT_HEARTBEATS of them is taken as dropped: closed, and another opened, which reads back what was missed.
 */
import { API_BASE, type ApiClient } from './client';
import { noteAnswer } from './last-answer';
import type { Payment } from './types';

const RECONNECT_MIN_MS = 1_000;
/** A phone waiting for a payment result should not wait much longer than this after a blip. */
const RECONNECT_MAX_MS = 15_000;
/**
 * Heartbeats a stream may miss before it is taken as dropped: a ping may come up to a heartbeat after the last event
 * (plus the server's check of the session), and the half is for a slow network. 37.5 s at the default 15 s.
 */
const SILENT_HEARTBEATS = 2.5;
/** The server's heartbeat until its `ready` says otherwise: a stream that never opens is given up as well. */
const HEARTBEAT_BEFORE_READY_MS = 15_000;

export interface LiveOptions {
	onPayment: (payment: Payment) => void;
	/**
	 * Cash was put on a wallet at a counter: on a customer's stream, theirs (the wallet is read again); on a cashier's,
	 * at their shop (Today's line reads the day's top-up cash again).
	 */
	onTopUp?: () => void;
	/** A payment code was made for this customer (on this phone or another), living until `expiresAt`. */
	onPaycode?: (made: { expiresAt: string }) => void;
	/** true while a stream is open; the UI shows "live" vs "reconnecting". */
	onStatus?: (connected: boolean) => void;
}

/** Starts listening; returns a function that stops for good. */
export function listenForPayments(api: ApiClient, opts: LiveOptions): () => void {
	let source: EventSource | null = null;
	let stopped = false;
	let delayMs = RECONNECT_MIN_MS;
	let timer: ReturnType<typeof setTimeout> | undefined;
	/** The ticket request out, if any: given up when the network comes back (reconnectNow) instead of waiting on it. */
	let asking: AbortController | null = null;
	/** Fires when the open stream has said nothing for SILENT_HEARTBEATS (heard). */
	let silence: ReturnType<typeof setTimeout> | undefined;
	/** The server's heartbeat; 0 for a server that sends none (nothing then tells a quiet stream from a dead one). */
	let heartbeatMs = HEARTBEAT_BEFORE_READY_MS;

	/** The stream said something: it is alive, and the watch for silence starts again. */
	function heard(): void {
		noteAnswer();
		clearTimeout(silence);
		if (heartbeatMs > 0) silence = setTimeout(dropped, heartbeatMs * SILENT_HEARTBEATS);
	}

	/**
	 * The stream is gone (an error, or silent too long: it may still look open): closed here, and another is asked for.
	 * The screens read back what they missed when `onStatus` turns true again.
	 */
	function dropped(): void {
		clearTimeout(silence);
		source?.close();
		source = null;
		opts.onStatus?.(false);
		retry();
	}

	async function connect() {
		if (stopped) return;
		const mine = (asking = new AbortController());
		try {
			const { ticket } = await api.post<{ ticket: string }>('/events/ticket', undefined, { signal: mine.signal });
			if (stopped || asking !== mine) return;
			source = new EventSource(`${API_BASE}/events?ticket=${encodeURIComponent(ticket)}`);
			heartbeatMs = HEARTBEAT_BEFORE_READY_MS;
			heard();
		} catch {
			if (stopped || asking !== mine) return; // stopped, or given up for a newer request: that one carries on
			opts.onStatus?.(false); // no ticket, no stream: as down as a dropped one
			retry();
			return;
		} finally {
			if (asking === mine) asking = null;
		}
		source.addEventListener('open', () => {
			delayMs = RECONNECT_MIN_MS;
			heard();
			opts.onStatus?.(true);
		});
		source.addEventListener('ready', (e) => {
			try {
				const said = (JSON.parse((e as MessageEvent<string>).data) as { heartbeatMs?: unknown }).heartbeatMs;
				heartbeatMs = typeof said === 'number' && said > 0 ? said : 0;
			} catch {
				heartbeatMs = 0;
			}
			heard();
		});
		source.addEventListener('ping', heard);
		source.addEventListener('payment', (e) => {
			heard();
			try {
				const { payment } = JSON.parse((e as MessageEvent<string>).data) as { payment: Payment };
				opts.onPayment(payment);
			} catch {
				// A malformed event is not worth breaking the stream for; the history refetch corrects it.
			}
		});
		source.addEventListener('topup', () => {
			heard();
			opts.onTopUp?.();
		});
		source.addEventListener('paycode', (e) => {
			heard();
			try {
				const made = JSON.parse((e as MessageEvent<string>).data) as { expiresAt: string };
				if (typeof made.expiresAt === 'string') opts.onPaycode?.(made);
			} catch {
				// A malformed event changes nothing: an older code on screen is then refused at the till, which names it an older code.
			}
		});
		source.addEventListener('error', dropped);
	}

	function retry() {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(connect, delayMs);
		delayMs = Math.min(delayMs * 2, RECONNECT_MAX_MS);
	}

	// Back online: no reason to sit out the rest of a long backoff, nor to wait on a ticket request sent while the network
	// hung (up to REQUEST_TIMEOUT_MS): it is given up for a new one. Asking again beside it opened two streams.
	const reconnectNow = () => {
		if (stopped || source) return;
		asking?.abort();
		asking = null;
		clearTimeout(timer);
		delayMs = RECONNECT_MIN_MS;
		void connect();
	};
	globalThis.addEventListener?.('online', reconnectNow);

	void connect();
	return () => {
		stopped = true;
		asking?.abort();
		globalThis.removeEventListener?.('online', reconnectNow);
		clearTimeout(timer);
		clearTimeout(silence);
		source?.close();
		source = null;
	};
}
