/**
 * What the answer to GET /api/me says of a session kept on the device. The kept session is shown at once (a network
 * that hangs takes REQUEST_TIMEOUT_MS to fail) and checked in the background: only the server saying the session is
 * not valid ends it. Anything else (no answer, a fault of its own, a refusal that says nothing of the session) leaves
 * the kept one in place until the server says otherwise, on this check or on any later call.
 */
import { ApiError } from '$lib/api/client';

export type SessionCheck<S> =
	/** The server knows the session: its answer, which may say more than the kept copy (a shop renamed, a manager made). */
	| { kind: 'confirmed'; session: S }
	/** Refused (401, 403) or someone of another role: signed out, as "ended by the server". */
	| { kind: 'ended' }
	/** No verdict: kept as it is. */
	| { kind: 'unknown' };

export function sessionCheck<S extends { role: string }>(answer: { session: S } | { error: unknown }, role: S['role']): SessionCheck<S> {
	if ('session' in answer) return answer.session.role === role ? { kind: 'confirmed', session: answer.session } : { kind: 'ended' };
	const e = answer.error;
	return e instanceof ApiError && (e.status === 401 || e.status === 403) ? { kind: 'ended' } : { kind: 'unknown' };
}

/**
 * Whether a kept session has run out by the expiry it was given (its `expiresAt`, from the sign-in and from every check),
 * at `nowMs` on the server's clock as the device knows it. A sign-out still to be told to the server (sign-outs.ts) is
 * dropped then, unsent: the server has ended it already. (A kept sign-in is not judged by it: offline the counter must
 * open on it.) No expiry kept (a copy from before the server said it) or one that does not read as a time: not known to
 * have run out.
 */
export function keptSessionRanOut(expiresAt: unknown, nowMs: number): boolean {
	const at = typeof expiresAt === 'string' ? Date.parse(expiresAt) : Number.NaN;
	return Number.isFinite(at) && at <= nowMs;
}
