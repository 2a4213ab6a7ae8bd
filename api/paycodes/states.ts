/**
 * A payment code's lifecycle (DESIGN.md "Payment codes"), in one table, as coupons/states.ts keeps the coupon's.
 * Each write of a code's state names its transition through nextCodeState, so the statement says which move it
 * makes and a move not listed throws when the statement is built. The row's actual state is judged before the
 * write, not by it: by the WHERE of useLiveCode and the retiring statements of issue.ts, and for the others by
 * the reads that decided the payment (scan-time.ts; a used code is never used again).
 *   (new)   -> live     the customer asked for a code (paycodes/issue.ts, issue-group.ts)
 *   live    -> used     a payment was asked with it, paid or declined (payments/settle.ts, group-statements.ts)
 *   live    -> retired  the customer's next code replaced it, or they put it away (issue.ts, issue-group.ts)
 *   retired -> used     a queued offline scan made while it was still live arrives and pays (settle.ts useCode)
 * "Expired" is not stored: a code is past its time once `expires_at` has passed, whatever its state, and a scan is
 * judged by when it was made (payments/scan-time.ts). The sweeper deletes codes past the offline window.
 */
export type CodeState = 'live' | 'used' | 'retired';
export type CodeEvent = 'use' | 'retire';

/** A new code's state. */
export const NEW_CODE_STATE: CodeState = 'live';

const TRANSITIONS: Record<CodeState, Partial<Record<CodeEvent, CodeState>>> = {
  live: { use: 'used', retire: 'retired' },
  retired: { use: 'used' },
  used: {},
};

export function nextCodeState(state: CodeState, event: CodeEvent): CodeState {
  const next = TRANSITIONS[state][event];
  if (!next) throw new Error(`a payment code cannot '${event}' from '${state}'`);
  return next;
}
