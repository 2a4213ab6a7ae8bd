import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../src/lib/api/one-at-a-time';

describe('a read repeated on live events, one at a time', () => {
	it('runs once more after the read out, however often it was asked meanwhile, and then rests', async () => {
		const started: number[] = [];
		const finish: (() => void)[] = [];
		const read = oneAtATime(
			() =>
				new Promise<void>((resolve) => {
					started.push(started.length + 1);
					finish.push(resolve);
				})
		);
		const first = read();
		void read();
		void read();
		void read();
		expect(started).toEqual([1]);
		finish[0]!();
		await new Promise((r) => setTimeout(r, 0));
		expect(started).toEqual([1, 2]);
		finish[1]!();
		await first;
		expect(started).toEqual([1, 2]);
	});

	it('goes on after a read that failed', async () => {
		let calls = 0;
		const read = oneAtATime(async () => {
			calls++;
			if (calls === 1) throw new Error('offline');
		});
		await expect(read()).rejects.toThrow('offline');
		await read();
		expect(calls).toBe(2);
	});
});
