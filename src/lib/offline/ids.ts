// Random identifiers for terminals and idempotency keys.
// crypto.getRandomValues works in every context (crypto.randomUUID needs a secure one, and a
// tablet may open the app over plain http on the shop's network during setup).

/** 128 random bits as 32 hex characters: inside the API's key alphabet `A-Za-z0-9_-:.`. */
export function randomId(): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	let hex = '';
	for (const b of bytes) hex += b.toString(16).padStart(2, '0');
	return hex;
}

/** The API accepts Idempotency-Key values of 1–100 characters of `A-Za-z0-9_-:.`. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,100}$/;

/** A key made once per payment intent, saved before the first send and reused for every retry. */
export function newIdempotencyKey(terminalId: string): string {
	const key = `pos-${terminalId.slice(0, 8)}-${randomId()}`;
	if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new Error(`bad idempotency key ${key}`);
	return key;
}
