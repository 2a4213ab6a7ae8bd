/**
 * A coupon share's lifecycle, in one table, as states.ts keeps the coupon's (DESIGN.md "Coupons": a customer can
 * offer a coupon to a contact). A share is one offer of one coupon by its owner, made by a link (shares.ts):
 *   (new) -> open        the owner offered the coupon (NEW_SHARE_COLUMNS; the coupon goes available -> shared)
 *   open  -> claimed     a contact claimed it and owns the coupon now (the coupon goes shared -> available)
 *   open  -> taken_back  the owner took the offer back (the coupon goes shared -> available, still theirs)
 * `claimed` and `taken_back` are final: a link hands a coupon over once, and a fresh offer makes a fresh link.
 *
 * The state is not a column of its own: a share stores the time of the move that ended it (`claimed_at` or
 * `revoked_at`), and is open while neither is set; storedShareState reads the state back from those. At most one
 * is ever set, because each UPDATE that sets one requires both to be unset (its WHERE; a concurrent move makes it
 * match nothing). Each such UPDATE takes the columns it writes from shareMoveColumns, which asks nextShareState,
 * so a move not listed below throws when the statement is built.
 *
 * `expired` is never stored: an open share whose campaign has ended reads as expired (shareStatus) and cannot be
 * claimed, but its owner can still take it back (the coupon comes home, expired too). This mirrors the coupon,
 * whose `expired` is read from its campaign's validity too.
 */
export type ShareState = 'open' | 'claimed' | 'taken_back';
export type ShareEvent = 'claim' | 'take_back';
/** What the share's page says (GET /shares/{token}): the stored state, or `expired` for an open offer past its campaign's end. */
export type ShareStatus = ShareState | 'expired';

const TRANSITIONS: Record<ShareState, Partial<Record<ShareEvent, ShareState>>> = {
  open: { claim: 'claimed', take_back: 'taken_back' },
  claimed: {},
  taken_back: {},
};

export function nextShareState(state: ShareState, event: ShareEvent): ShareState {
  const next = TRANSITIONS[state][event];
  if (!next) throw new Error(`a coupon share cannot '${event}' from '${state}'`);
  return next;
}

/** The stored columns that say a share's state (see above): the time it was claimed, or taken back. */
export interface ShareStateColumns {
  claimed_at: number | null;
  revoked_at: number | null;
}

/** How a new share is stored: open, an offer nobody has answered yet. */
export const NEW_SHARE_COLUMNS: Readonly<ShareStateColumns> = { claimed_at: null, revoked_at: null };

/** The state a stored share is in. A claimed share reads as claimed whatever else is set (none ever is, see above). */
export function storedShareState(share: ShareStateColumns): ShareState {
  if (share.claimed_at !== null) return 'claimed';
  if (share.revoked_at !== null) return 'taken_back';
  return 'open';
}

/** The state as of `now`: an open offer of a coupon whose campaign has ended (`validUntil`) is expired. */
export function shareStatus(share: ShareStateColumns, validUntil: number, now: number): ShareStatus {
  const state = storedShareState(share);
  if (state === 'open' && validUntil <= now) return 'expired';
  return state;
}

/**
 * The column a move of a share from `state` by `event` writes, stamped `now`; throws for a move the table does not
 * list. The caller's UPDATE must also require the row to be in `state` (for `open`: both columns unset).
 */
export function shareMoveColumns(state: ShareState, event: ShareEvent, now: number): { claimed_at: number } | { revoked_at: number } {
  const next = nextShareState(state, event);
  if (next === 'claimed') return { claimed_at: now };
  if (next === 'taken_back') return { revoked_at: now };
  throw new Error(`a coupon share has no column for the state '${next}'`);
}
