/**
 * Lists page newest first by id (ids are time-ordered), with `?before=<id>` as the cursor. A route reads one row
 * more than the page: when it came, there is a next page, and it starts before the page's last id.
 */
export function pageOf<T extends { id: string }>(fetched: readonly T[], limit: number): { rows: T[]; next: string | null } {
  const rows = fetched.slice(0, limit);
  return { rows, next: fetched.length > limit ? rows[rows.length - 1]!.id : null };
}
