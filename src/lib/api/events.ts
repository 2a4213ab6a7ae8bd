/**
 * Live payment results over server-sent events. EventSource can't send an Authorization header, so
 * each (re)connection first trades the session token for a single-use ticket (POST
 * /api/events/ticket) and puts only the ticket in the URL: a session token never appears in one.
 *
 * EventSource's own reconnect would reuse the spent ticket, so on error we close it and reconnect
 * ourselves with a fresh ticket, backing off up to RECONNECT_MAX_MS, and at once when the browser
 * says the network is back. Events sent while no stream was open are not replayed: a screen that
 * must not miss one reloads its list when `onStatus` turns true again.
 */
import { API_BASE, type ApiClient } from './client';
import type { Payment } from './types';

const RECONNECT_MIN_MS = 1_000;
/** A phone waiting for a payment result should not wait much longer than this after a blip. */
const RECONNECT_MAX_MS = 15_000;

export interface LiveOptions {
	onPayment: (payment: Payment) => void;
	/** true while a stream is open; the UI shows "live" vs "reconnecting". */
	onStatus?: (connected: boolean) => void;
}

/** Starts listening; returns a function that stops for good. */
export function listenForPayments(api: ApiClient, opts: LiveOptions): () => void {
	let source: EventSource | null = null;
	let stopped = false;
	let delayMs = RECONNECT_MIN_MS;
	let timer: ReturnType<typeof setTimeout> | undefined;

	async function connect() {
		if (stopped) return;
		try {
			const { ticket } = await api.post<{ ticket: string }>('/events/ticket');
			if (stopped) return;
			source = new EventSource(`${API_BASE}/events?ticket=${encodeURIComponent(ticket)}`);
		} catch {
			opts.onStatus?.(false); // no ticket, no stream: as down as a dropped one
			retry();
			return;
		}
		source.addEventListener('open', () => {
			delayMs = RECONNECT_MIN_MS;
			opts.onStatus?.(true);
		});
		source.addEventListener('payment', (e) => {
			try {
				const { payment } = JSON.parse((e as MessageEvent<string>).data) as { payment: Payment };
				opts.onPayment(payment);
			} catch {
				// A malformed event is not worth breaking the stream for; the history refetch corrects it.
			}
		});
		source.addEventListener('error', () => {
			source?.close();
			source = null;
			opts.onStatus?.(false);
			retry();
		});
	}

	function retry() {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(connect, delayMs);
		delayMs = Math.min(delayMs * 2, RECONNECT_MAX_MS);
	}

	// Back online: no reason to sit out the rest of a long backoff.
	const reconnectNow = () => {
		if (stopped || source) return;
		clearTimeout(timer);
		delayMs = RECONNECT_MIN_MS;
		void connect();
	};
	globalThis.addEventListener?.('online', reconnectNow);

	void connect();
	return () => {
		stopped = true;
		globalThis.removeEventListener?.('online', reconnectNow);
		clearTimeout(timer);
		source?.close();
		source = null;
	};
}
