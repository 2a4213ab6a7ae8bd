/**
 * The links in the cashier's bar, and which of them is where the cashier is. Pure: the bar gives it the words, the
 * manager's rights and the path on screen.
 */
import type { I18n } from '$lib/i18n/i18n.svelte';

/** A link in the bar: its page, and the pages that also count as it (Manage's, which are not under its own path). */
export interface BarLink {
	href: string;
	label: string;
	also: string[];
}

/**
 * "Manage" holds the campaigns, the staff and their PINs, and the shop's settings (ManageSections.svelte at the top
 * of each): named "Campaigns", it hid the other two from an owner looking for them at closing time.
 */
export const MANAGE_PAGES = ['/cashier/staff', '/cashier/shop'];

/** The counter, Today and the day's report for every cashier; Manage for a manager. */
export function barLinks(i18n: Pick<I18n, 't'>, canManage: boolean): BarLink[] {
	return [
		{ href: '/cashier', label: i18n.t('nav.counter'), also: [] },
		{ href: '/cashier/payments', label: i18n.t('nav.payments'), also: [] },
		{ href: '/cashier/report', label: i18n.t('nav.report'), also: [] },
		...(canManage ? [{ href: '/cashier/manage', label: i18n.t('nav.manage'), also: MANAGE_PAGES }] : [])
	];
}

/**
 * The page itself, or a page under it (an X or Z report, the platform statement, a campaign's page, Staff and PINs
 * under Manage): the bar shows where the manager is, which those pages' back links lead to.
 */
export function currentOf(link: Pick<BarLink, 'href' | 'also'>, path: string): 'page' | 'true' | undefined {
	if (path === link.href) return 'page';
	if (link.also.some((p) => path === p || path.startsWith(`${p}/`))) return 'true';
	return link.href !== '/cashier' && path.startsWith(`${link.href}/`) ? 'true' : undefined;
}
