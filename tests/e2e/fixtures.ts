/**
 * The e2e `test`: every test file gets its own real server with fresh demo data (so files never
 * see each other's payments), shared by the tests of that file, which run in order in one worker.
 * `baseURL` points at it, so `page.goto('/customer')` works.
 */
import { test as base, expect } from '@playwright/test';
import { startServer, type RunningServer } from './support/server';

/**
 * One server at a time for the file being run, plus a spare: a server on the demo template, started in the
 * background as soon as a file's server is up, so the worker's next file (most ask for no environment of their own)
 * finds its server already answering instead of waiting the two to four seconds a start takes on two busy cores, of
 * which some 200 files each paid one. The spare is a fresh copy of the template like any other, never used by two
 * files. A server no longer needed is stopped without waiting for it to exit; the worker waits for all of them at
 * its end.
 */
class ServerPerFile {
	#file: string | null = null;
	#server: RunningServer | null = null;
	#spare: Promise<RunningServer> | null = null;
	#stopping: Promise<void>[] = [];

	async for(file: string, env: Record<string, string>): Promise<RunningServer> {
		const key = `${file} ${JSON.stringify(env)}`;
		if (this.#server && this.#file === key) return this.#server;
		this.#retire();
		this.#server = await this.#start(env);
		this.#file = key;
		this.#spare ??= this.#startSpare();
		return this.#server;
	}

	/** The spare when the file asks for no environment of its own and the spare started; else a server of its own. */
	async #start(env: Record<string, string>): Promise<RunningServer> {
		if (Object.keys(env).length === 0 && this.#spare) {
			const spare = this.#spare;
			this.#spare = null;
			const server = await spare.catch(() => null);
			if (server) return server;
		}
		return startServer(env);
	}

	#startSpare(): Promise<RunningServer> {
		const spare = startServer();
		// A spare that fails to start is reported by the start that would have used it (#start starts another).
		spare.catch(() => undefined);
		return spare;
	}

	/** Stops the current file's server, not waiting for its process to exit. */
	#retire(): void {
		if (this.#server) this.#stopping.push(this.#server.stop());
		this.#server = null;
		this.#file = null;
	}

	async stop(): Promise<void> {
		this.#retire();
		const spare = this.#spare;
		this.#spare = null;
		if (spare) this.#stopping.push(spare.then((s) => s.stop(), () => undefined));
		await Promise.all(this.#stopping);
		this.#stopping = [];
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
