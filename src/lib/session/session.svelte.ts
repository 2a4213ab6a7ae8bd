/**
 * A signed-in session of one role, kept in localStorage so that it survives a reload (a cashier's
 * tablet must not ask for a PIN after every refresh). On start the kept session is checked with GET /api/me,
 * and used once the check answers or after RESTORE_WAIT_MS, whichever comes first: on a network that hangs
 * (a lift, a basement shop) the check takes REQUEST_TIMEOUT_MS to fail, and the wallet or the counter must
 * not wait for it. The server refusing the session (on the check or on any call: a 401) signs out; no
 * answer keeps the session, even one past its expiry: offline the counter must still open.
 */
import { ApiError, createApi, type ApiClient } from '$lib/api/client';
import { getMe, signOut } from '$lib/api/session';
import { serverNow } from '$lib/api/server-clock';
import type { Session, SessionRefusedReason, WithToken } from '$lib/api/types';
import { sessionCheck } from './check';

/**
 * How long a start waits for the check of the kept session before showing it anyway. A server at hand answers in tens
 * of milliseconds: within this moment a sign-in ended elsewhere (a new PIN set on another tablet) goes straight to the
 * sign-in screen, instead of the counter or the wallet standing there until the answer replaced it. Short, because a
 * network that hangs delays the start by all of it; offline, the check fails at once and nothing waits.
 */
export const RESTORE_WAIT_MS = 800;

export type SessionStatus = 'restoring' | 'signed-out' | 'signed-in';

/**
 * A sign-in the server ended: whose, whether it had run out (null: not known), and why, as the server said it (its
 * 401's `reason`; null: a server that did not say).
 */
export interface Ended {
	handle: string;
	ranOut: boolean | null;
	reason: SessionRefusedReason | null;
}

/** A sign-in as kept on the device (also read by other-tabs.ts, as another tab leaves it). */
export interface Stored<S> {
	token: string;
	session: S;
}

/**
 * What another tab or window of this device did to the sign-in this tab showed (other-tabs.ts follows them): signed
 * out there, so this tab is signed out too; or signed in there, and this tab took that sign-in up. `from`: whose
 * sign-in this tab showed before (null: none known), so that a screen can say when the device is someone else's now.
 */
export type Elsewhere<S> = { kind: 'signedOut' } | { kind: 'signedIn'; from: S | null };

/**
 * Written in place of the sign-in kept on the device, and removed at once, when the server ends it: the other tabs,
 * told by the storage event, say what this tab says (a new PIN, run out), not that another tab signed out. With the
 * server's reason when it gave one (endedByServerNote); a tab of the version before writes this alone.
 */
export const ENDED_BY_SERVER = '{"ended":true}';

/** What this tab writes for the other tabs when the server ended the sign-in, for `reason`. */
export const endedByServerNote = (reason: SessionRefusedReason | null): string => (reason ? JSON.stringify({ ended: true, reason }) : ENDED_BY_SERVER);

/**
 * The `reason` of a 401's body (api/auth/sessions.ts), read from a copy of the answer; null when it says none. Any
 * string is taken: one this build does not know (a newer server's) is said as the generic sign-out by the screens that
 * word it (cashier/signed-out-why.ts), and the list of those it knows stays out of the phone's first load (80 KB).
 */
async function refusedReasonOf(res: Response): Promise<SessionRefusedReason | null> {
	try {
		const body = (await res.clone().json()) as { error?: { reason?: unknown } };
		const reason = body.error?.reason;
		return typeof reason === 'string' ? (reason as SessionRefusedReason) : null;
	} catch {
		return null;
	}
}

export class SessionStore<S extends Session> {
	#status = $state<SessionStatus>('restoring');
	#token = $state<string | null>(null);
	#session = $state<S | null>(null);
	/**
	 * The server ended the sign-in (a PIN changed on another device, the session ran out), not the user's tap: whose it
	 * was (the sign-in screen offers the handle again) and whether it had run out by the expiry the device kept (null:
	 * none kept), so the screen can tell an expiry from a PIN change.
	 */
	#ended = $state<Ended | null>(null);
	#elsewhere = $state.raw<Elsewhere<S> | null>(null);
	/**
	 * Set by other-tabs.ts while it follows the other tabs of this device (on the phone it comes after the first paint:
	 * README, 80 KB). Asked first when the server refuses the session: true when another tab did it (signed out there,
	 * its sign-out sent, or signed in again), which it has then followed, rather than this tab saying "a new PIN".
	 */
	otherTabDid: (() => boolean) | null = null;
	readonly api: ApiClient;

	constructor(
		readonly role: S['role'],
		// Read also by signed-in-side.ts (where "/" sends an installed app): the same key there; and by sign-outs.ts.
		readonly storageKey = `pos.session.${role}`
	) {
		this.api = createApi(() => this.#token, (...args) => this.#fetchSigningOutOn401(...args));
	}

	get status(): SessionStatus {
		return this.#status;
	}
	get session(): S | null {
		return this.#session;
	}
	get token(): string | null {
		return this.#token;
	}
	/** Signed out by the server rather than by Sign out here: the sign-in screen says so, and what to do. */
	get endedByServer(): boolean {
		return this.#ended !== null;
	}
	get ended(): Ended | null {
		return this.#ended;
	}
	/** Signed out or in by another tab or window of this device, until this tab's own sign-in or out; null once said. */
	get elsewhere(): Elsewhere<S> | null {
		return this.#elsewhere;
	}
	set elsewhere(what: Elsewhere<S> | null) {
		this.#elsewhere = what;
	}

	/**
	 * Takes up the session kept on this device and checks it (#check). At the app's start the check's answer is waited
	 * for, up to RESTORE_WAIT_MS, before the session shows; later (another tab signed in) it is taken up at once.
	 * Resolves once the check has answered or failed. With nothing kept, signed out (another tab may have just signed
	 * out). `stored`: the sign-in another tab left (other-tabs.ts), rather than what the device holds now.
	 */
	async restore(stored: Stored<S> | null = this.#read()): Promise<void> {
		this.#ended = null;
		if (!stored) {
			// Forgotten here too, not only hidden: a check or refresh answering late must find no token to write back.
			this.#token = null;
			this.#session = null;
			this.#status = 'signed-out';
			return;
		}
		// A kept sign-in past its expiry is taken up like any other, not dropped here: online the check's 401 comes within
		// the wait below and the sign-in screen shows first; offline, or on a network that hangs, the counter must still
		// open and queue the morning's sales (a sign-in screen there could not sign anyone in until the network returns).
		const starting = this.#status === 'restoring';
		this.#token = stored.token;
		this.#session = stored.session;
		const checked = this.#check();
		// Offline (as far as the browser knows) there is no answer to wait for.
		if (starting && navigator.onLine !== false) await Promise.race([checked, new Promise((done) => setTimeout(done, RESTORE_WAIT_MS))]);
		// Unless the check has signed out meanwhile (or a 401 on the way did).
		if (this.#token === stored.token) this.#status = 'signed-in';
		await checked;
	}

	/**
	 * Reads the session again (GET /api/me) for what may have changed since sign-in: a manager may rename the shop
	 * or change its offline limits on another tablet. Quiet: offline, or failing, the last known session stays; a
	 * 401 signs out here as on any call.
	 */
	async refresh(): Promise<void> {
		if (this.#token && this.#status === 'signed-in') await this.#check();
	}

	/**
	 * Asks the server about the session held now. Its answer counts only for the token it was asked about: signed out,
	 * or in again as someone else, meanwhile, a late answer (a 401 for the old token, or the old session) changes nothing.
	 */
	async #check(): Promise<void> {
		const token = this.#token;
		let answer: { session: S } | { error: unknown };
		try {
			answer = { session: (await getMe(this.api)) as S };
		} catch (error) {
			answer = { error };
		}
		if (!token || this.#token !== token) return;
		const verdict = sessionCheck(answer, this.role);
		if (verdict.kind === 'confirmed') {
			this.#session = verdict.session;
			// Written back only over this same sign-in: another tab may have signed out meanwhile, and must not see it come back.
			if (this.#read()?.token === token) this.#write();
		} else if (verdict.kind === 'ended') {
			// Its 401 was heard first by #fetchSigningOutOn401, with its reason; a refusal it did not hear (a 403, a role
			// not this one's) says none.
			this.#refused(null);
		}
	}

	signedIn(result: WithToken<S>): void {
		const { token, ...session } = result;
		this.#token = token;
		this.#session = session as unknown as S;
		this.#write();
		this.#ended = null;
		this.#elsewhere = null;
		this.#status = 'signed-in';
	}

	/**
	 * Signs out here, and resolves with whether the server has heard of it: ended now, or already (401). Not heard (no
	 * answer, a fault of the server's), the session lives on there until it runs out, unless the caller sends it again
	 * (the tablet does: sign-outs.ts).
	 */
	async signOut(): Promise<boolean> {
		let heard = true;
		const token = this.#token;
		// Forgotten on the device first: the other tabs follow at once, not once the answer comes (a network that hangs
		// takes REQUEST_TIMEOUT_MS to fail), and a tab closed before it opens signed out.
		this.#forget();
		try {
			await signOut(this.api);
		} catch (error) {
			// The token is forgotten here either way.
			heard = error instanceof ApiError && error.status === 401;
		}
		// Unless another tab's sign-in was taken up meanwhile: that one stays.
		if (this.#token === token || !this.#token) {
			this.#clear();
			// Asked for here (a 401 on the way, the session already gone, is no news to whoever tapped).
			this.#ended = null;
			this.#elsewhere = null;
		}
		return heard;
	}

	/**
	 * The server refused the session held here (`reason`: why, as it said): unless another tab did it (otherTabDid),
	 * ended on the server's word.
	 */
	#refused(reason: SessionRefusedReason | null) {
		if (this.otherTabDid?.()) return;
		this.#forget(true, reason);
		this.endOnServersWord(reason);
	}

	/** Forgets the sign-in kept on the device, where it is this tab's own (another tab may have signed in since: that one stays). */
	#forget(byServer = false, reason: SessionRefusedReason | null = null) {
		if (this.#read()?.token !== this.#token) return;
		try {
			// The other tabs told first why (ENDED_BY_SERVER, with the server's reason).
			if (byServer) localStorage.setItem(this.storageKey, endedByServerNote(reason));
			localStorage.removeItem(this.storageKey);
		} catch {
			// nothing stored
		}
	}

	/**
	 * Signed out because the server refused the session, for `reason` when it said why. Else run out if its kept expiry
	 * has passed on the server's clock as the device knows it (a minute's slack for that knowledge); a customer's sign-in
	 * slides (api/auth/sessions.ts), and every GET /api/me brings its new end, so one refused well before it was ended
	 * there: a new PIN. Called here (the device's copy forgotten first), and by other-tabs.ts when another tab of the
	 * device was told so.
	 */
	endOnServersWord(reason: SessionRefusedReason | null = null) {
		const kept = this.#session;
		const at = Date.parse(kept?.expiresAt ?? '');
		const ranOut =
			reason === 'expired' ? true : reason && reason !== 'signed_out' ? false : Number.isFinite(at) ? at <= serverNow().getTime() + 60_000 : null;
		this.#clear();
		this.#ended = { handle: kept?.handle ?? '', ranOut, reason };
		this.#elsewhere = null;
	}

	/** Signs out here: the device's copy is #forget's. */
	#clear() {
		this.#token = null;
		this.#session = null;
		this.#status = 'signed-out';
	}

	#read(): Stored<S> | null {
		try {
			const raw = localStorage.getItem(this.storageKey);
			const parsed = raw ? (JSON.parse(raw) as Stored<S>) : null;
			return parsed && typeof parsed.token === 'string' && parsed.session?.role === this.role ? parsed : null;
		} catch {
			return null;
		}
	}

	#write() {
		if (!this.#token || !this.#session) return;
		try {
			localStorage.setItem(this.storageKey, JSON.stringify({ token: this.#token, session: this.#session }));
		} catch {
			// Storage full or blocked: the session lasts until the tab closes.
		}
	}

	async #fetchSigningOutOn401(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
		const sentToken = this.#token;
		const res = await fetch(input, init);
		// Only a token we still hold is cleared: a late 401 for an old token must not sign out a new one.
		if (res.status === 401 && sentToken && sentToken === this.#token && !String(input).endsWith('/sessions')) {
			const reason = await refusedReasonOf(res);
			// Signed out or in again meanwhile (the answer's body came after): that sign-in is not this answer's.
			if (sentToken === this.#token) this.#refused(reason);
		}
		return res;
	}
}
