/**
 * Runs `read` every `everyMs` while the page is on screen, and at once when it comes back to the screen or the
 * network returns: what a screen does to keep a server's figure fresh without a stream (the cashier's session, the
 * other tablets' unsent sales). A hidden tab reads nothing; it catches up as it is shown. Returns the stop.
 */
export function whileOnScreen(read: () => void, everyMs: number): () => void {
	const again = () => {
		if (document.visibilityState === 'visible') read();
	};
	const timer = setInterval(again, everyMs);
	window.addEventListener('online', again);
	document.addEventListener('visibilitychange', again);
	return () => {
		clearInterval(timer);
		window.removeEventListener('online', again);
		document.removeEventListener('visibilitychange', again);
	};
}
