import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime } from '../../../src/lib/i18n/dates';

/** The cashier's screens show the shop's clock: a 13:51 sale in Shanghai is 13:51 on a tablet left on UTC. */
describe('dates and times in a given zone', () => {
	const sale = '2026-12-01T05:51:00Z';

	it("shows the shop's clock when given the shop's zone", () => {
		expect(formatTime(sale, 'en-GB', 'Asia/Shanghai')).toBe('13:51');
		expect(formatTime(sale, 'en-GB', 'UTC')).toBe('05:51');
		expect(formatDateTime('2026-12-01T17:30:00Z', 'en-GB', 'Asia/Shanghai')).toBe('2 Dec 2026, 01:30');
		expect(formatDate('2026-12-01T16:00:00Z', 'en-GB', 'Asia/Shanghai')).toBe('2 Dec 2026');
		expect(formatDate('2026-12-01T16:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2026年12月2日');
	});

	it("shows the device's own clock without a zone", () => {
		const device = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(sale));
		expect(formatTime(sale, 'en-GB')).toBe(device);
	});
});
