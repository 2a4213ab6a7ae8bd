/**
 * The lines a manager reads about the shop's other tablets (TabletsUnsent.svelte, on Today, the Day report and the
 * close), grouped. A tablet that is merely silent (still signed in, not heard from for 12 minutes, and last said it
 * holds nothing) says no figure of its own: several of them signed in as one cashier are one line, with the latest
 * time any of them was heard, and one Forget for them all. A manager who opened their sign-in in several browsers
 * read seven near-identical lines, each with its Forget, the payments pushed a screen's height down on a phone.
 * A tablet that last said it holds sales keeps its own line (its count, amount and oldest differ), as does one whose
 * sign-in ran out (when it ran out differs). Pure: no I/O, tested in tests/unit/web/tablets-unsent-lines.test.ts.
 */
import type { TabletUnsent } from '$lib/api/reports';

export type TabletsLine =
	/** One tablet, said as it said it. */
	| { kind: 'tablet'; tablet: TabletUnsent }
	/** Two or more silent tablets holding nothing, signed in as `handle`; `heardAt` is the latest of theirs. */
	| { kind: 'silent'; handle: string; tablets: TabletUnsent[]; heardAt: string };

/** Silent, signed in still, and holding nothing as far as the server knows: nothing tells it from another such. */
export function merelySilent(t: TabletUnsent): boolean {
	return t.silent && t.count === 0 && !t.signInRanOutAt;
}

/**
 * The lines in the order the tablets came (the latest heard first): a group stands where its latest-heard tablet
 * stood; a handle with one merely silent tablet keeps that tablet's own line.
 */
export function tabletsLines(tablets: readonly TabletUnsent[]): TabletsLine[] {
	const silentByHandle = new Map<string, TabletUnsent[]>();
	for (const t of tablets) {
		if (!merelySilent(t)) continue;
		const group = silentByHandle.get(t.handle);
		if (group) group.push(t);
		else silentByHandle.set(t.handle, [t]);
	}
	const lines: TabletsLine[] = [];
	const placed = new Set<string>();
	for (const t of tablets) {
		const group = merelySilent(t) ? silentByHandle.get(t.handle)! : null;
		if (!group || group.length === 1) {
			lines.push({ kind: 'tablet', tablet: t });
			continue;
		}
		if (placed.has(t.handle)) continue;
		placed.add(t.handle);
		lines.push({ kind: 'silent', handle: t.handle, tablets: group, heardAt: latestHeardAt(group) });
	}
	return lines;
}

/** The latest time any of `tablets` (one or more) was heard, compared as instants: the list comes latest first, but this does not rely on it. */
export function latestHeardAt(tablets: readonly TabletUnsent[]): string {
	return tablets.reduce((a, b) => (Date.parse(b.heardAt) > Date.parse(a.heardAt) ? b : a)).heardAt;
}
