// The server reports sequence numbers of this terminal it never saw (`gaps`). Some of those this
// tablet still holds (queued behind this batch, or sent alone to a server that did not record the
// sequence); what is left is worth telling the cashier: requests this tablet lost.

export interface SequenceRange {
	from: number;
	to: number;
}

/** Never keep more than this many ranges: the warning needs a count, not a full audit. */
export const GAPS_KEPT_MAX = 20;

/**
 * The parts of `gaps` not covered by `held` (sequence numbers this terminal still has entries
 * for, sorted ascending). Numbers below the oldest held one are ignored: their entries may have
 * been pruned after they settled.
 */
export function unexplainedGaps(gaps: readonly SequenceRange[], held: readonly number[]): SequenceRange[] {
	const oldest = held[0];
	if (oldest === undefined) return [];
	const out: SequenceRange[] = [];
	for (const gap of gaps) {
		if (!(gap.from <= gap.to)) continue;
		let cursor = Math.max(gap.from, oldest);
		let i = lowerBound(held, cursor);
		while (cursor <= gap.to && out.length < GAPS_KEPT_MAX) {
			const next = i < held.length ? held[i] : Infinity;
			if (next === cursor) {
				cursor++;
				i++;
				continue;
			}
			const end = Math.min(gap.to, next - 1);
			out.push({ from: cursor, to: end });
			cursor = end + 1;
		}
	}
	return out;
}

/** How many sequence numbers the ranges cover. */
export function gapCount(gaps: readonly SequenceRange[]): number {
	return gaps.reduce((n, g) => n + (g.to - g.from + 1), 0);
}

function lowerBound(sorted: readonly number[], value: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
