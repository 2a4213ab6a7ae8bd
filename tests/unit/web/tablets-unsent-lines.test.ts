import { describe, expect, it } from 'vitest';
import type { TabletUnsent } from '../../../src/lib/api/reports';
import { enTabletsUnsent } from '../../../src/lib/i18n/en-tablets-unsent';
import { interpolate } from '../../../src/lib/i18n/i18n.svelte';
import { zhCashier } from '../../../src/lib/i18n/zh-cashier';
import { tabletsLines, type TabletsLine } from '../../../src/routes/cashier/tablets-unsent-lines';

/**
 * The other tablets' lines on Today, the Day report and the close: silent tablets holding nothing, of one cashier, are
 * one line (a sign-in opened in several browsers named each, seven lines on a phone); a tablet holding sales, or whose
 * sign-in ran out, keeps its own.
 */
let n = 0;
const tablet = (t: Partial<TabletUnsent>): TabletUnsent => ({
	terminalId: `t${++n}`,
	handle: 'owner',
	count: 0,
	amount: { amount: 0, currency: 'CNY' },
	oldestQueuedAt: null,
	heardAt: '2026-12-06T10:20:00.000Z',
	silent: true,
	signInRanOutAt: null,
	...t
});
/** Each line as its kind and its tablets' ids, to compare whole. */
const shape = (lines: TabletsLine[]) => lines.map((l) => (l.kind === 'tablet' ? l.tablet.terminalId : `${l.handle}: ${l.tablets.map((t) => t.terminalId).join(' ')} @${l.heardAt}`));

describe('the other tablets’ lines', () => {
	it('several silent tablets of one cashier holding nothing are one line, with the latest time any was heard', () => {
		const a = tablet({ terminalId: 'a', heardAt: '2026-12-06T10:21:00.000Z' });
		const b = tablet({ terminalId: 'b', heardAt: '2026-12-06T10:22:00.000Z' });
		const c = tablet({ terminalId: 'c', heardAt: '2026-12-06T10:20:00.000Z' });
		expect(shape(tabletsLines([a, b, c]))).toEqual(['owner: a b c @2026-12-06T10:22:00.000Z']);
	});

	it('one silent tablet keeps its own line; each cashier’s silent ones are their own group, where its first in the list stood', () => {
		const lines = tabletsLines([
			tablet({ terminalId: 'o1' }),
			tablet({ terminalId: 'c1', handle: 'cashier-1' }),
			tablet({ terminalId: 'o2' }),
			tablet({ terminalId: 'b1', handle: 'bob' }),
			tablet({ terminalId: 'c2', handle: 'cashier-1' })
		]);
		expect(shape(lines)).toEqual(['owner: o1 o2 @2026-12-06T10:20:00.000Z', 'cashier-1: c1 c2 @2026-12-06T10:20:00.000Z', 'b1']);
	});

	it('a tablet holding sales, or whose sign-in ran out, or not silent, keeps its own line beside the group', () => {
		const held = tablet({ terminalId: 'held', count: 2, amount: { amount: 2050, currency: 'CNY' }, oldestQueuedAt: '2026-12-06T10:00:00.000Z' });
		const heldHeard = tablet({ terminalId: 'heard', silent: false, count: 1, amount: { amount: 500, currency: 'CNY' }, oldestQueuedAt: '2026-12-06T10:10:00.000Z' });
		const ranOut = tablet({ terminalId: 'ran-out', silent: false, signInRanOutAt: '2026-12-06T10:30:00.000Z' });
		const ranOut2 = tablet({ terminalId: 'ran-out-2', silent: false, signInRanOutAt: '2026-12-06T10:31:00.000Z' });
		const lines = tabletsLines([held, tablet({ terminalId: 's1' }), heldHeard, ranOut, tablet({ terminalId: 's2' }), ranOut2]);
		expect(shape(lines)).toEqual(['held', 'owner: s1 s2 @2026-12-06T10:20:00.000Z', 'heard', 'ran-out', 'ran-out-2']);
		expect(tabletsLines([])).toEqual([]);
	});

	it('the group’s line and its forget read whole in English and Chinese', () => {
		const params = { handle: 'owner', tablets: 3, time: '18:20' };
		const en = (key: keyof typeof enTabletsUnsent) => interpolate(enTabletsUnsent[key], params, 'en-GB');
		const zh = (key: keyof typeof enTabletsUnsent) => interpolate(zhCashier[key], params, 'zh-CN');
		expect(en('tabletsUnsent.silentGroup')).toBe(
			'3 other tablets, still signed in as owner, none heard from since 18:20: sales they took offline since are in none of these figures until they are back online.'
		);
		expect(zh('tabletsUnsent.silentGroup')).toBe('另有 3 台平板以 owner 登录，仍未退出，但自 18:20（最近一次）起都未再联系：此后它们离线收的款，要等它们重新联网后才会计入这些数字。');
		expect(en('tabletsUnsent.forgetGroupTitle')).toBe('Forget these 3 tablets?');
		expect(en('tabletsUnsent.forgetGroupButton')).toBe('Forget all 3');
		expect(en('tabletsUnsent.forgetGroupLabel')).toBe('Forget the 3 tablets (owner) not heard from since 18:20');
		expect(en('tabletsUnsent.forgetGroupConfirm')).toMatch(/^Only if all 3 tablets signed in as owner, not heard from since 18:20, are gone: /);
		expect(zh('tabletsUnsent.forgetGroupButton')).toBe('全部忘记（3 台）');
		for (const key of Object.keys(enTabletsUnsent) as (keyof typeof enTabletsUnsent)[]) expect(zh(key), key).not.toMatch(/plural|\{tablets|\{handle/);
	});
});
