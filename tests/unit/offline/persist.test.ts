import { describe, expect, it } from 'vitest';
import { requestPersistentStorage } from '../../../src/lib/offline/persist';

const storage = (persisted: boolean, grant: boolean) =>
	({ persisted: async () => persisted, persist: async () => grant }) as unknown as StorageManager;

describe('asking for persistent storage', () => {
	it('reports granted when already persisted or granted now, denied when refused', async () => {
		expect(await requestPersistentStorage(storage(true, false))).toBe('granted');
		expect(await requestPersistentStorage(storage(false, true))).toBe('granted');
		expect(await requestPersistentStorage(storage(false, false))).toBe('denied');
	});

	it('reports unsupported when the browser has no StorageManager', async () => {
		expect(await requestPersistentStorage(null)).toBe('unsupported');
	});
});
