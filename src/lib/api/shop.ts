/** The shop's name, time zone and offline limits: read by its cashiers, changed by its managers (api/shop/routes.ts). */
import type { ApiClient } from './client';
import type { Money } from './types';

export interface Shop {
	handle: string;
	name: string;
	currency: string;
	/** Where the shop's day starts (IANA): its own, or the server's TIME_ZONE when it has none. */
	timeZone: string;
	/**
	 * The shop has no zone of its own and follows the server's TIME_ZONE (the demo's shops, shops opened before
	 * `npm run shop` saved one): its midnight moves with the server. Optional: a server before this field left it out.
	 */
	timeZoneIsServers?: boolean;
	offlineLimits: { paymentMax: Money; totalMax: Money; countMax: number };
}

/** What PATCH /api/shop takes: what is sent changes, what is left out stays. */
export interface ShopChange {
	name?: string;
	timeZone?: string;
	offlineLimits?: { paymentMax?: Money; totalMax?: Money; countMax?: number };
}

export const getShop = async (api: ApiClient) => (await api.get<{ shop: Shop }>('/shop')).shop;

export const changeShop = async (api: ApiClient, change: ShopChange, idempotencyKey: string) =>
	(await api.request<{ shop: Shop; previous: Shop }>('PATCH', '/shop', { body: change, idempotencyKey })).data;

/** What the server accepts (api/shop/settings.ts): checked here first, so the manager hears it at the field. */
export const SHOP_NAME_MAX = 60;
export const OFFLINE_CAP_MAX_MINOR = 100_000_000;
export const OFFLINE_COUNT_CAP_MAX = 500;
