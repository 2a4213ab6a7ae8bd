/**
 * The time the coupon list is judged by: it moves on by itself when a coupon starts or stops being usable, so
 * a coupon that runs out while the app is open is greyed out then, not when the list happens to be read again.
 * Created during a component's setup (it owns an $effect, which ends with the component).
 */
import type { Coupon } from '$lib/api/types';
import { nextCouponChangeMs } from '$lib/customer/coupons';

/**
 * The longest the clock waits between looks: a phone's timers drift or pause while it sleeps, and the wording
 * "until 14:00 today" turns into "until 14:00" at midnight without any coupon changing. 30 s is soon enough
 * for both and costs nothing (one cheap re-render).
 */
const COUPON_CLOCK_MAX_WAIT_MS = 30_000;

export class CouponClock {
	#nowMs = $state(Date.now());

	constructor(coupons: () => readonly Coupon[] | null) {
		$effect(() => {
			const list = coupons();
			const nowMs = this.#nowMs;
			const next = list ? nextCouponChangeMs(list, nowMs) : null;
			const untilNextMs = next === null ? COUPON_CLOCK_MAX_WAIT_MS : next - nowMs;
			// At least 1 ms, so the clock has moved when it fires and this effect runs again.
			const waitMs = Math.max(1, Math.min(COUPON_CLOCK_MAX_WAIT_MS, untilNextMs));
			const timer = setTimeout(() => (this.#nowMs = Date.now()), waitMs);
			return () => clearTimeout(timer);
		});
		// Back from the background, where timers may not have run: look at the clock at once.
		$effect(() => {
			const onVisible = () => {
				if (document.visibilityState === 'visible') this.#nowMs = Date.now();
			};
			document.addEventListener('visibilitychange', onVisible);
			return () => document.removeEventListener('visibilitychange', onVisible);
		});
	}

	get nowMs(): number {
		return this.#nowMs;
	}
}
