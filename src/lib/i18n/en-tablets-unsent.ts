/**
 * English words of the line saying what other tablets last said they hold unsent, or that one still signed in has gone
 * silent (routes/cashier/TabletsUnsent.svelte),
 * on a manager's Today, Day report and close: imported by it alone, so they come in its chunk, loaded after those
 * screens open, and never in the counter's first load (as en-topups-today.ts). Their Chinese are in zh-cashier.ts,
 * fetched with the rest of the cashier's Chinese.
 */
export const enTabletsUnsent = {
	'tabletsUnsent.line':
		'Another tablet ({handle}) held {count, plural, one {# sale} other {# sales}}, {amount}, unsent when last heard at {time}.',
	'tabletsUnsent.lineOldest':
		'Another tablet ({handle}) held {count, plural, one {# sale} other {# sales}}, {amount}, unsent when last heard at {time}. The oldest was taken at {oldest}.',
	'tabletsUnsent.silent':
		'Another tablet ({handle}), still signed in, not heard from since {time}: sales it took offline since then are in none of these figures until it is back online.',
	'tabletsUnsent.silentHeld':
		'Another tablet ({handle}), still signed in, not heard from since {time}, held {count, plural, one {# sale} other {# sales}}, {amount}, unsent then (the oldest taken at {oldest}): those, and any it took offline since, are in none of these figures until it is back online.',
	'tabletsUnsent.hint': 'Not in the figures until that tablet sends them: online, with a cashier of this shop signed in.'
} as const;

export type TabletsUnsentKey = keyof typeof enTabletsUnsent;
