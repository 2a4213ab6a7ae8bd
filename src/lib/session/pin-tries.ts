/**
 * When a wrong PIN's answer (its `triesLeft`, api/auth/throttle.ts pinTriesLeft) is worth a warning: from this many
 * left down to one, at sign-in and at a PIN change alike. A first typo is not met with a countdown; none left is the
 * pause itself, said in its own words.
 */
export const PIN_TRIES_WARNED = 2;

export function warnsOfTries(triesLeft: number | undefined): triesLeft is number {
	return triesLeft !== undefined && triesLeft > 0 && triesLeft <= PIN_TRIES_WARNED;
}
