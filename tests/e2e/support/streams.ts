/**
 * A phone's live event stream as its network treats it. Chromium's offline emulation blocks new requests but leaves an
 * open event stream be, where a phone losing its network loses the stream too; and a phone asleep may keep a
 * connection that looks open but carries nothing. So the page's streams are remembered from its first script on
 * (`followStreams`, before the page opens), to be dropped as the browser drops them (`dropStreams`) or silenced
 * (`muteStreams`: those open now; a stream the page opens after them works, as a new connection would).
 */
import type { Page } from '@playwright/test';

interface StreamControls {
	dropStreams: () => void;
	muteStreams: () => void;
	streamsReady: () => boolean;
}

export async function followStreams(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const streams: EventSource[] = [];
		const Native = window.EventSource;
		type Add = (this: EventTarget, type: string, listener: (e: Event) => void, options?: unknown) => void;
		const proto = Native.prototype as unknown as { addEventListener: Add };
		const add = proto.addEventListener;
		// Streams that have had the server's `ready` (heard here, below the page's listeners and their muting): the page
		// learns the heartbeat from it, so a stream muted before it keeps waiting for the longer default.
		const readied = new WeakSet<EventSource>();
		window.EventSource = class extends Native {
			constructor(url: string | URL, init?: EventSourceInit) {
				super(url, init);
				streams.push(this);
				add.call(this, 'ready', () => readied.add(this));
			}
		};
		// Connections gone silent (the phone slept, and the network dropped them without a word): nothing arrives on them.
		const silent = new Set<EventTarget>();
		proto.addEventListener = function (type, listener, options) {
			add.call(this, type, (e: Event) => silent.has(this) || listener.call(this, e), options);
		};
		const controls = window as unknown as StreamControls;
		controls.streamsReady = () => {
			const live = streams.filter((s) => s.readyState !== EventSource.CLOSED);
			return live.length > 0 && live.every((s) => readied.has(s));
		};
		controls.muteStreams = () => {
			for (const s of streams) silent.add(s);
		};
		controls.dropStreams = () => {
			for (const s of streams.splice(0)) {
				s.close();
				s.dispatchEvent(new Event('error'));
			}
		};
	});
}

/** The page's streams end as a lost network ends them; with `offline`, the network goes too. */
export async function dropStreams(page: Page, offline = true): Promise<void> {
	if (offline) await page.context().setOffline(true);
	await page.evaluate(() => (window as unknown as StreamControls).dropStreams());
}

/**
 * The page's streams open now stay open and say nothing more: a connection the network dropped without a word. A
 * stream the page opens after this works. It waits until the page has a stream and each open one has had its `ready`
 * (which tells the page the heartbeat): a stream muted before that is watched with the page's longer default, and a
 * test waiting for the watchdog waited that long.
 */
export async function muteStreams(page: Page): Promise<void> {
	await page.waitForFunction(() => (window as unknown as StreamControls).streamsReady());
	await page.evaluate(() => (window as unknown as StreamControls).muteStreams());
}
