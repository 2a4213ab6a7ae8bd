/**
 * The API client (src/lib/api/client.ts): an answer cut off in the middle of its body is a network failure,
 * not an empty success. Read as null, it made the session check on page load (GET /api/me) fail as if the
 * token were bad, and a customer who opened another page at that moment was signed out (a Playwright flake).
 */
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, createApi } from '$lib/api/client';

/** A 200 whose body stream fails after the headers arrived. */
function cutOff(): Response {
	const body = new ReadableStream({
		start(controller) {
			controller.error(new DOMException('The operation was aborted.', 'AbortError'));
		}
	});
	return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
}

describe('the API client', () => {
	it('an answer whose body is cut off is a network error, not an empty success', async () => {
		const api = createApi(() => 'token', async () => cutOff());
		await expect(api.get('/me')).rejects.toBeInstanceOf(NetworkError);
	});

	it('a whole answer is read, and an error answer still carries its code', async () => {
		const ok = createApi(() => null, async () => Response.json({ role: 'customer' }));
		expect(await ok.get('/me')).toEqual({ role: 'customer' });
		const refused = createApi(() => null, async () => Response.json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in.' } }, { status: 401 }));
		const error = await refused.get('/me').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).code).toBe('UNAUTHENTICATED');
	});
});
