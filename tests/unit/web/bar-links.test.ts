import { describe, expect, it } from 'vitest';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { interpolate } from '../../../src/lib/i18n/i18n.svelte';
import { barLinks, currentOf } from '../../../src/routes/cashier/bar-links';

/** The cashier's bar: its links, and which one says the cashier is there. */
const english = { t: (key: string, params?: Record<string, string | number>) => interpolate((enCashier as Record<string, string>)[key]!, params, 'en-GB') };
const manager = barLinks(english, true);
const link = (href: string) => manager.find((l) => l.href === href)!;

describe("the cashier's bar", () => {
	it('shows the counter, Today and the day report to every cashier, and Manage to a manager only', () => {
		expect(barLinks(english, false).map((l) => l.label)).toEqual(['Counter', 'Today', 'Day report']);
		expect(manager.map((l) => [l.href, l.label])).toEqual([
			['/cashier', 'Counter'],
			['/cashier/payments', 'Today'],
			['/cashier/report', 'Day report'],
			['/cashier/manage', 'Manage']
		]);
	});

	it('marks the page on screen as the page itself', () => {
		expect(currentOf(link('/cashier'), '/cashier')).toBe('page');
		expect(currentOf(link('/cashier/payments'), '/cashier/payments')).toBe('page');
		expect(currentOf(link('/cashier/manage'), '/cashier/manage')).toBe('page');
	});

	it('marks the link of a page under it (an X report under the day report, a campaign under Manage)', () => {
		expect(currentOf(link('/cashier/report'), '/cashier/report/x')).toBe('true');
		expect(currentOf(link('/cashier/manage'), '/cashier/manage/some-campaign')).toBe('true');
	});

	it('marks Manage on Staff and Shop settings, and the pages under them, which are not under its path', () => {
		expect(currentOf(link('/cashier/manage'), '/cashier/staff')).toBe('true');
		expect(currentOf(link('/cashier/manage'), '/cashier/shop')).toBe('true');
		expect(currentOf(link('/cashier/manage'), '/cashier/staff/pins')).toBe('true');
		expect(currentOf(link('/cashier/manage'), '/cashier/shopping')).toBeUndefined();
	});

	it('does not mark the counter on every cashier page, though they are all under its path', () => {
		for (const path of ['/cashier/payments', '/cashier/report/z', '/cashier/staff']) expect(currentOf(link('/cashier'), path)).toBeUndefined();
	});

	it('marks no other link than the one of the page on screen', () => {
		const marked = (path: string) => manager.filter((l) => currentOf(l, path) !== undefined).map((l) => l.href);
		expect(marked('/cashier/payments')).toEqual(['/cashier/payments']);
		expect(marked('/cashier/staff')).toEqual(['/cashier/manage']);
		expect(marked('/cashier/paymentsx')).toEqual([]);
	});
});
