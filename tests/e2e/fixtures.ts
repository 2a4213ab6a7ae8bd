/**
 * The e2e `test`: every test file gets its own real server with fresh demo data (so files never
 * see each other's payments), shared by the tests of that file, which run in order in one worker.
 * `baseURL` points at it, so `page.goto('/customer')` works.
 */
import { test as base, expect } from '@playwright/test';
import { startServer, type RunningServer } from './support/server';

class ServerPerFile {
	#file: string | null = null;
	#server: RunningServer | null = null;

	async for(file: string, env: Record<string, string>): Promise<RunningServer> {
		const key = `${file} ${JSON.stringify(env)}`;
		if (this.#server && this.#file === key) return this.#server;
		await this.stop();
		this.#server = await startServer(env);
		this.#file = key;
		return this.#server;
	}

	async stop(): Promise<void> {
		await this.#server?.stop();
		this.#server = null;
		this.#file = null;
	}
}

export const test = base.extend<{ server: RunningServer; serverEnv: Record<string, string> }, { servers: ServerPerFile }>({
	/** Extra environment for the file's server, e.g. test.use({ serverEnv: { PAYCODE_TTL_MS: '12000' } }). */
	serverEnv: [{}, { option: true }],
	servers: [
		async ({}, use) => {
			const servers = new ServerPerFile();
			await use(servers);
			await servers.stop();
		},
		{ scope: 'worker', timeout: 60_000 }
	],
	server: async ({ servers, serverEnv }, use, testInfo) => {
		await use(await servers.for(testInfo.file, serverEnv));
	},
	baseURL: async ({ server }, use) => {
		await use(server.url);
	}
});

export { expect };
