import { describe, expect, it } from 'vitest';
import { ReloadGuard } from '../../../src/lib/offline/reload-guard';

describe('holding back an app update while the counter is busy', () => {
	it('is free with no holds, busy while any hold says so', () => {
		const guard = new ReloadGuard();
		expect(guard.busy).toBe(false);
		let charging = true;
		const release = guard.hold(() => charging);
		guard.hold(() => false);
		expect(guard.busy).toBe(true);
		charging = false;
		expect(guard.busy).toBe(false);
		charging = true;
		release();
		expect(guard.busy).toBe(false);
	});

	it('lets the update go only once the payment is done', async () => {
		const guard = new ReloadGuard();
		let syncing = true;
		guard.hold(() => syncing);
		let reloaded = false;
		const waiting = guard.whenIdle(5).then(() => (reloaded = true));
		await new Promise((r) => setTimeout(r, 20));
		expect(reloaded).toBe(false);
		syncing = false;
		await waiting;
		expect(reloaded).toBe(true);
	});
});
