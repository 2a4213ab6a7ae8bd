/**
 * Two tabs of the counter on one tablet, or the wallet open twice on a phone: the sign-in is kept once on the device
 * (SessionStore, localStorage), and each tab follows what the others do to it. Signed out in one, the others are signed
 * out too, saying so ("in another tab or window", not "the PIN was changed"); signed in in one, the others take that
 * sign-in up, whoever's it is. Before, a tab went on selling as a cashier signed out in the other, and once the
 * sign-out reached the server was told the PIN had changed.
 *
 * Apart from SessionStore: the phone's first load has no room for it (scripts/size.ts, /customer), and loads it just
 * after the first paint; the tablet's layout imports it. Told by the browser's storage event, which reaches the other
 * tabs of this origin, never the tab that wrote.
 */
import { tick } from 'svelte';
import { isSessionRefusedReason, type Session, type SessionRefusedReason } from '$lib/api/types';
import { ENDED_BY_SERVER, type SessionStore, type Stored } from './session.svelte';

/**
 * Whether `raw` (the device's kept sign-in, as another tab left it) says the server ended it, and why (null: not said).
 * Here, not in SessionStore: the phone's first load has no room for it.
 */
export function readEndedByServer(raw: string | null): { reason: SessionRefusedReason | null } | null {
	if (raw === ENDED_BY_SERVER) return { reason: null };
	if (!raw?.startsWith('{"ended":true')) return null;
	try {
		const note = JSON.parse(raw) as { ended?: unknown; reason?: unknown };
		return note.ended === true ? { reason: isSessionRefusedReason(note.reason) ? note.reason : null } : null;
	} catch {
		return null;
	}
}

/** The sign-in in `raw` (as SessionStore keeps it), if it is one of `role`'s. */
export function keptSignIn<S extends Session>(raw: string | null, role: S['role']): Stored<S> | null {
	try {
		const kept = raw ? (JSON.parse(raw) as Partial<Stored<S>>) : null;
		return typeof kept?.token === 'string' && kept.session?.role === role ? (kept as Stored<S>) : null;
	} catch {
		return null;
	}
}

/** What the device keeps under `key`; undefined where storage is blocked (then no other tab knows of this one's). */
function keptNow(key: string): string | null | undefined {
	try {
		return localStorage.getItem(key);
	} catch {
		return undefined;
	}
}

/**
 * Follows the other tabs' sign-ins and sign-outs in `session`, from now until the returned function is called.
 * `leaving` runs just before this tab's sign-in goes because of them (the counter notes the sale it leaves).
 */
export function followOtherTabs<S extends Session>(session: SessionStore<S>, leaving?: () => void): () => void {
	/** Whose sign-in this tab showed last, for Elsewhere's `from`. */
	let last = session.session;

	/** Takes up `raw`, the sign-in kept on the device as another tab left it. */
	async function follow(raw: string | null): Promise<void> {
		const kept = keptSignIn<S>(raw, session.role);
		// The same sign-in (written back there by a check), or none on either side.
		if ((kept?.token ?? null) === session.token) return;
		last = session.session ?? last;
		if (session.token) {
			leaving?.();
			const ended = readEndedByServer(raw);
			if (ended) return session.endOnServersWord(ended.reason);
			// Signed in there again without this tab hearing of the sign-out between (a page frozen in the background, or
			// back from the browser's cache): the screens of the sign-in left go first, as at any sign-out, so that
			// nothing of theirs (a sale keyed at the counter) passes to the next.
			if (kept) {
				session.elsewhere = { kind: 'signedOut' };
				void session.restore(null);
				await tick();
			}
		}
		session.elsewhere = kept ? { kind: 'signedIn', from: last } : { kind: 'signedOut' };
		await session.restore(kept);
	}

	const onStorage = (e: StorageEvent) => {
		// key null: the whole storage cleared (the browser's "clear site data"); sessionStorage's are another tab's own.
		if (e.storageArea === localStorage && (e.key === session.storageKey || e.key === null)) void follow(e.newValue);
	};
	// Back from the browser's back-forward cache, where no storage event reaches a page.
	const onShow = (e: PageTransitionEvent) => {
		if (e.persisted) void follow(keptNow(session.storageKey) ?? null);
	};
	addEventListener('storage', onStorage);
	addEventListener('pageshow', onShow);
	session.otherTabDid = () => {
		const raw = keptNow(session.storageKey);
		// This tab's own sign-in is still the one kept (or storage is blocked): the server's word stands.
		if (raw === undefined || keptSignIn(raw, session.role)?.token === session.token) return false;
		void follow(raw);
		return true;
	};
	// What another tab did before this began (on the phone, this loads after the first paint).
	const now = keptNow(session.storageKey);
	if (now !== undefined) void follow(now);
	return () => {
		removeEventListener('storage', onStorage);
		removeEventListener('pageshow', onShow);
		session.otherTabDid = null;
	};
}
