/**
 * The server's clock as this device sees it, for the one time the device reports to the server: when a code was
 * scanned. A tablet whose own clock runs minutes off would otherwise send scan times the server refuses (more
 * than five minutes ahead: "in the future") or judges as before the code existed (more than five minutes behind:
 * CODE_UNKNOWN), and every sale at that till would fail while the network is fine.
 *
 * Every API answer carries the server's Date header (whole seconds), and none comes from a cache (the API answers
 * `no-store`, and the service worker leaves /api alone). From it and the request's round trip the offset is
 * estimated; an offset within what the header's resolution and the round trip cannot tell apart counts as none,
 * so a well-set clock is used as is. The tablet's first request (its session check at start) teaches it.
 * The last estimate is kept in localStorage: a till that goes offline keeps correcting its scans.
 */
const STORAGE_KEY = 'pos.serverClockOffsetMs';

let offsetMs: number | null = null;

/** What the offset is, from a Date header and the local times the request was sent and its answer came. */
export function offsetFrom(dateHeader: string | null, sentAt: number, receivedAt: number): number | null {
	if (!dateHeader) return null;
	const serverSecond = Date.parse(dateHeader);
	if (Number.isNaN(serverSecond) || receivedAt < sentAt) return null;
	// The server read its clock somewhere within the round trip, in the second the header names.
	const estimate = serverSecond + 500 - (sentAt + receivedAt) / 2;
	const uncertainty = 1_000 + (receivedAt - sentAt);
	return Math.abs(estimate) <= uncertainty ? 0 : Math.round(estimate);
}

export function noteServerDate(dateHeader: string | null, sentAt: number, receivedAt: number): void {
	const offset = offsetFrom(dateHeader, sentAt, receivedAt);
	if (offset === null) return;
	offsetMs = offset;
	try {
		localStorage.setItem(STORAGE_KEY, String(offset));
	} catch {
		// Private mode or no storage: the offset lives until the page reloads.
	}
}

function storedOffset(): number {
	if (offsetMs !== null) return offsetMs;
	try {
		const stored = Number(localStorage.getItem(STORAGE_KEY));
		offsetMs = Number.isFinite(stored) ? stored : 0;
	} catch {
		offsetMs = 0;
	}
	return offsetMs;
}

/** Now, on the server's clock as far as this device knows it. */
export function serverNow(): Date {
	return new Date(Date.now() + storedOffset());
}
