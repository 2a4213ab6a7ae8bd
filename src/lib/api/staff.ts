/** The shop's staff, for its managers (api/staff/routes.ts). */
import type { ApiClient } from './client';

export interface StaffMember {
	id: string;
	handle: string;
	canManage: boolean;
	createdAt: string;
	/** Tablets signed in as this cashier now. */
	signedInSessions: number;
}

export const getStaff = async (api: ApiClient) => (await api.get<{ staff: StaffMember[] }>('/staff')).staff;

export const addStaffMember = async (api: ApiClient, body: { handle: string; pin: string; canManage: boolean }, idempotencyKey: string) =>
	(await api.post<{ cashier: StaffMember }>('/staff', body, { idempotencyKey })).cashier;

export const setStaffPin = async (api: ApiClient, id: string, pin: string, idempotencyKey: string) =>
	(await api.post<{ cashier: StaffMember }>(`/staff/${encodeURIComponent(id)}/pin`, { pin }, { idempotencyKey })).cashier;

/** Signs a cashier out on every tablet but this one; their PIN stays. `signedOut`: how many tablets it ended. */
export const signOutStaffMember = (api: ApiClient, id: string, idempotencyKey: string) =>
	api.post<{ cashier: StaffMember; signedOut: number }>(`/staff/${encodeURIComponent(id)}/sign-out`, {}, { idempotencyKey });

export const removeStaffMember = (api: ApiClient, id: string, idempotencyKey: string) =>
	api.post<{ removed: string }>(`/staff/${encodeURIComponent(id)}/removal`, {}, { idempotencyKey });

/** Lets a cashier manage, or takes it back; their signed-in tablets have it, or lose it, at once. */
export const setStaffManager = async (api: ApiClient, id: string, canManage: boolean, idempotencyKey: string) =>
	(await api.request<{ cashier: StaffMember }>('PUT', `/staff/${encodeURIComponent(id)}/manager`, { body: { canManage }, idempotencyKey })).data.cashier;
