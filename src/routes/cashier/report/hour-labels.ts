/**
 * Which hours under the day's bar chart get a label. Every hour with payments does (a bar at 05 with no
 * "05" under it had to be counted out from its neighbours); the empty hours between are labelled every
 * other hour, as a scale, but never right beside another label, so labels never crowd into each other.
 */
export function labelledHours(hours: readonly { hour: number; count: number }[]): Set<number> {
	const labelled = new Set(hours.filter((h) => h.count > 0).map((h) => h.hour));
	for (const { hour, count } of hours) {
		if (count > 0 || hour % 2 !== 0) continue;
		if (labelled.has(hour - 1) || labelled.has(hour + 1)) continue;
		labelled.add(hour);
	}
	return labelled;
}
