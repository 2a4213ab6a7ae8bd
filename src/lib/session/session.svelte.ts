/**
 * A signed-in session of one role, kept in localStorage so that it survives a reload (a cashier's
 * tablet must not ask for a PIN after every refresh). On start the stored token is checked with
 * GET /api/me; when the network is down the last known session is used as is, because the
 * counter has to open without a connection. A 401 from any call signs out.
 */
import { ApiError, NetworkError, createApi, type ApiClient } from '$lib/api/client';
import { getMe, signOut } from '$lib/api/session';
import type { Session, WithToken } from '$lib/api/types';

export type SessionStatus = 'restoring' | 'signed-out' | 'signed-in';

interface Stored<S> {
	token: string;
	session: S;
}

export class SessionStore<S extends Session> {
	#status = $state<SessionStatus>('restoring');
	#token = $state<string | null>(null);
	#session = $state<S | null>(null);
	/** The server ended the sign-in (a PIN changed on another device, the session ran out): not the user's tap. */
	#endedByServer = $state(false);
	readonly api: ApiClient;

	constructor(
		readonly role: S['role'],
		// Read also by signed-in-side.ts (where "/" sends an installed app): the same key there.
		private readonly storageKey = `pos.session.${role}`
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
		return this.#endedByServer;
	}

	async restore(): Promise<void> {
		const stored = this.#read();
		if (!stored) {
			this.#status = 'signed-out';
			return;
		}
		this.#token = stored.token;
		this.#session = stored.session;
		try {
			const me = await getMe(this.api);
			if (me.role !== this.role) throw new ApiError(401, 'UNAUTHENTICATED', 'wrong role');
			this.#session = me as S;
			this.#write();
			this.#status = 'signed-in';
		} catch (e) {
			if (e instanceof NetworkError || (e instanceof ApiError && e.status >= 500)) {
				this.#status = 'signed-in'; // offline: trust the last known session until the API says otherwise
			} else {
				this.#clear();
				this.#endedByServer = true;
			}
		}
	}

	/**
	 * Reads the session again (GET /api/me) for what may have changed since sign-in: a manager may rename the shop
	 * or change its offline limits on another tablet. Quiet: offline, or failing, the last known session stays; a
	 * 401 signs out here as on any call.
	 */
	async refresh(): Promise<void> {
		const token = this.#token;
		if (!token || this.#status !== 'signed-in') return;
		try {
			const me = await getMe(this.api);
			// Signed out, or in again as someone else, meanwhile: this answer is not the session's now.
			if (this.#token !== token || me.role !== this.role) return;
			this.#session = me as S;
			this.#write();
		} catch {
			// The next refresh tries again.
		}
	}

	signedIn(result: WithToken<S>): void {
		const { token, ...session } = result;
		this.#token = token;
		this.#session = session as unknown as S;
		this.#write();
		this.#endedByServer = false;
		this.#status = 'signed-in';
	}

	async signOut(): Promise<void> {
		try {
			await signOut(this.api);
		} catch {
			// The token is forgotten here either way; the server expires it on its own.
		}
		this.#clear();
		// Asked for here (a 401 on the way, the session already gone, is no news to whoever tapped).
		this.#endedByServer = false;
	}

	#clear() {
		this.#token = null;
		this.#session = null;
		this.#status = 'signed-out';
		try {
			localStorage.removeItem(this.storageKey);
		} catch {
			// nothing stored
		}
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
			this.#clear();
			this.#endedByServer = true;
		}
		return res;
	}
}
