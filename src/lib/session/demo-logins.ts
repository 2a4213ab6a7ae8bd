/**
 * Whether the demo logins work on this server (GET /api/sign-in-help): the sign-in screens offer them ("shop
 * demo-cafe, PIN 1234") only then. A shop started with DEMO=0 has none, one that changed the demo PINs has none
 * that work, and telling its tablets and its customers about them would only confuse. Asked once per page load;
 * offline, or on any error, not offered.
 */
let asked: Promise<boolean> | undefined;

/**
 * A demo PIN may have just been changed from this page (the customer's Change PIN, a manager's new PIN for a
 * cashier): the next sign-in screen asks again, not offering "alice / 1111" that no longer works.
 */
export function askDemoLoginsAgain(): void {
	asked = undefined;
}

export function demoLoginsHere(fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<boolean> {
	asked ??= fetchImpl('/api/sign-in-help', { headers: { Accept: 'application/json' } })
		.then(async (res) => (res.ok ? ((await res.json()) as { demo?: unknown }).demo === true : false))
		.catch(() => false);
	return asked;
}
