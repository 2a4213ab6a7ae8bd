/** Signing out and restoring a session, shared by both roles. */
import type { ApiClient } from './client';
import type { Session } from './types';

export const getMe = (api: ApiClient) => api.get<Session>('/me');
export const signOut = (api: ApiClient) => api.del('/sessions/current');
