/**
 * A read that screens repeat on each live event (a sale, a refund at another till): one at a time, and asked again
 * while one is out, it runs once more after it, however often it was asked meanwhile. So a burst of events costs
 * two reads, not one each, and what ends on screen is never older than the last event.
 */
export function oneAtATime(read: () => Promise<void>): () => Promise<void> {
	let running = false;
	let again = false;
	const run = async (): Promise<void> => {
		if (running) {
			again = true;
			return;
		}
		running = true;
		try {
			await read();
		} finally {
			running = false;
		}
		if (again) {
			again = false;
			await run();
		}
	};
	return run;
}
