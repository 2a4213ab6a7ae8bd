import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../src/routes/cashier/manage/[id]/poster/reachable';

describe('isLoopbackHost: a poster QR made on this address reaches no customer phone', () => {
	it('names this computer by any of its loopback names', () => {
		for (const host of ['localhost', 'LOCALHOST', 'localhost.', 'pos.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', '0.0.0.0', '::ffff:127.0.0.1']) {
			expect(isLoopbackHost(host), host).toBe(true);
		}
	});
	it('lets through the addresses phones can open: a domain, a network address', () => {
		for (const host of ['pay.corner-cafe.example', '192.168.1.20', '10.0.0.5', '[fd00::2]', 'localhost-shop.example', '128.0.0.1', 'my127.0.0.1.example']) {
			expect(isLoopbackHost(host), host).toBe(false);
		}
	});
});
