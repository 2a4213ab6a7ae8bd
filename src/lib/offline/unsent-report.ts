// Tells the server what this tablet holds unsent (PUT /api/tablets/{terminalId}/unsent), so that a manager closing
// the day on another tablet sees the sales stranded here rather than closing short without knowing why. Started by
// the sync engine (engine.ts), so it is in the offline chunk loaded after the counter's first paint, never in its
// first load. It reports whenever the tablet is online and what it holds changes (in any tab), at start (the
// sign-in), when the network returns, and every few minutes while signed in, even holding nothing: that heartbeat
// is how the server tells a tablet that went quiet (offline, perhaps taking sales there) from one with nothing to
// say, and names it to the manager as silent (api/reports/tablet-unsent.ts). A report the server could not take is
// tried again at the next of those.
import { liveQuery, type Subscription } from 'dexie';
import type { PosOfflineDb } from './db';
import { isQueued } from './entry';
import { pendingEntries } from './queries';
import { takeReportSequence } from './terminal';
import type { AtCounter, CashierAuth, OutboxEntry } from './types';

/**
 * A signed-in tablet says what it holds again this often while online, unchanged or not, even nothing (a heartbeat:
 * a new reading, so a new sequence, so the server's "heard at" moves). "When last heard" on the manager's screen is
 * then at most this old for a tablet on the network, and the server calls one silent after two missed
 * (TABLET_SILENT_AFTER_MS, 12 minutes). One small PUT each 5 minutes a tablet costs the server next to nothing.
 */
export const UNSENT_REPORT_REFRESH_MS = 5 * 60_000;
/**
 * Changes this close together are told once: a sale charged online passes through the outbox in well under a second
 * (written, sent, answered), and a drain settles its batch at once; only what stays is worth a request.
 */
export const UNSENT_REPORT_SETTLE_MS = 1_000;
/** A report is small; a server that has not answered in 10 s is tried again at the next trigger. */
export const UNSENT_REPORT_TIMEOUT_MS = 10_000;

/** What the tablet holds unsent for one shop: the body of the PUT. */
export interface UnsentReport {
	sequence: number;
	count: number;
	amount: { amount: number; currency: string };
	oldestQueuedAt: string | null;
}

/** The sales of `merchantId` still to send: queued or being sent, but not a sale the counter is charging right now. */
function unsentOf(entries: readonly OutboxEntry[], atCounter: AtCounter, currency: string): Omit<UnsentReport, 'sequence'> {
	let amount = 0;
	let count = 0;
	let oldest: string | null = null;
	for (const e of entries) {
		if (!isQueued(e, atCounter) || e.amount.currency !== currency) continue;
		count++;
		amount += e.amount.amount;
		if (oldest === null || Date.parse(e.scannedAt) < Date.parse(oldest)) oldest = e.scannedAt;
	}
	if (!Number.isSafeInteger(amount)) throw new Error('unsent total overflow');
	return { count, amount: { amount, currency }, oldestQueuedAt: oldest === null ? null : new Date(Date.parse(oldest)).toISOString() };
}

/** What is unsent, read and numbered in one transaction: the numbers follow the order of the readings, in every tab. */
export function takeUnsentReport(
	db: PosOfflineDb,
	merchantId: string,
	currency: string,
	atCounter: AtCounter
): Promise<{ terminalId: string; report: UnsentReport }> {
	return db.transaction('rw', db.outbox, db.meta, async () => {
		const unsent = unsentOf(await pendingEntries(db, merchantId), atCounter, currency);
		const { terminalId, sequence } = await takeReportSequence(db);
		return { terminalId, report: { sequence, ...unsent } };
	});
}

const sameState = (a: Omit<UnsentReport, 'sequence'>, b: Omit<UnsentReport, 'sequence'>) =>
	a.count === b.count && a.amount.amount === b.amount.amount && a.oldestQueuedAt === b.oldestQueuedAt;

export interface UnsentReporterOptions {
	db: PosOfflineDb;
	auth: () => CashierAuth | null;
	currency: () => string;
	atCounter: () => AtCounter;
	/**
	 * This tab is sending the queue now: what it holds is told once the drain is done (its end is a change of status),
	 * not midway, when the sales being sent would be told as unsent a moment before they are paid.
	 */
	draining: () => boolean;
	/** Called with a function to run at each change of the engine's status (a sale charged, a drain done). */
	onStatus: (listener: () => void) => () => void;
	isOnline: () => boolean;
	fetch?: typeof fetch;
	baseUrl?: string;
}

/** Starts reporting; returns the function that stops it. */
export function startUnsentReports(o: UnsentReporterOptions): () => void {
	const merchantId = o.auth()?.merchantId;
	if (!merchantId) return () => undefined;
	/** The state the server last took from this tab, or null before (the first report goes whatever it says). */
	let told: Omit<UnsentReport, 'sequence'> | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running = false;
	let again = false;
	let stopped = false;

	const run = async () => {
		const auth = o.auth();
		if (stopped || !auth || auth.merchantId !== merchantId || !o.isOnline() || o.draining()) return;
		if (running) {
			again = true;
			return;
		}
		running = true;
		try {
			const currency = o.currency();
			// A read first, to send nothing when nothing changed (most changes are sales paid at once).
			const now = unsentOf(await pendingEntries(o.db, merchantId), o.atCounter(), currency);
			if (told && sameState(told, now)) return;
			const { terminalId, report } = await takeUnsentReport(o.db, merchantId, currency, o.atCounter());
			if (await put(o, auth.token, terminalId, report)) told = report;
		} catch (err) {
			console.error('unsent report failed', err);
		} finally {
			running = false;
			if (again && !stopped) {
				again = false;
				poke();
			}
		}
	};
	const poke = () => {
		clearTimeout(timer);
		timer = setTimeout(() => void run(), UNSENT_REPORT_SETTLE_MS);
	};
	/** Says it again even unchanged: the network came back, or it is time to be heard again (the heartbeat). */
	const tellAgain = () => {
		told = null;
		poke();
	};

	const sub: Subscription = liveQuery(() => pendingEntries(o.db, merchantId)).subscribe({ next: poke, error: () => undefined });
	const offStatus = o.onStatus(poke);
	const refresh = setInterval(tellAgain, UNSENT_REPORT_REFRESH_MS);
	const hasWindow = typeof window !== 'undefined';
	if (hasWindow) window.addEventListener('online', tellAgain);
	poke();
	return () => {
		stopped = true;
		clearTimeout(timer);
		clearInterval(refresh);
		sub.unsubscribe();
		offStatus();
		if (hasWindow) window.removeEventListener('online', tellAgain);
	};
}

/** The PUT; true when the server took it (or keeps a later one of this tablet). A failure is tried at the next trigger. */
async function put(o: UnsentReporterOptions, token: string, terminalId: string, report: UnsentReport): Promise<boolean> {
	const controller = new AbortController();
	const timeout = setTimeout(() => controller.abort(), UNSENT_REPORT_TIMEOUT_MS);
	try {
		const res = await (o.fetch ?? fetch)(`${o.baseUrl ?? ''}/api/tablets/${encodeURIComponent(terminalId)}/unsent`, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
			body: JSON.stringify(report),
			signal: controller.signal
		});
		// A refusal (a 4xx other than the session's or the pace's) would be refused again: told, so not sent again
		// until the state changes. A 401 waits for the next sign-in, which starts a new reporter.
		if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 408 && res.status !== 429) {
			console.error(`unsent report refused: ${res.status}`);
			return true;
		}
		return res.ok;
	} catch {
		return false;
	} finally {
		clearTimeout(timeout);
	}
}
