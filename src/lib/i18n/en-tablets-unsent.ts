/**
 * English words of the line saying what other tablets last said they hold unsent, or that one still signed in has gone
 * silent (several such of one cashier in one line), or that one's sign-in ran out, and of forgetting one that is gone (routes/cashier/TabletsUnsent.svelte),
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
	// Two or more tablets signed in as one cashier, silent and holding nothing as last heard: one line, one Forget
	// (routes/cashier/tablets-unsent-lines.ts); {time} is the latest any of them was heard.
	'tabletsUnsent.silentGroup':
		'{tablets, plural, one {# other tablet} other {# other tablets}}, still signed in as {handle}, none heard from since {time}: sales they took offline since are in none of these figures until they are back online.',
	'tabletsUnsent.ranOut':
		'Another tablet ({handle}), its sign-in ran out at {expired}, last heard at {time}: sales it took offline since then are in none of these figures until a cashier signs in on it and it is back online.',
	'tabletsUnsent.ranOutHeld':
		'Another tablet ({handle}), its sign-in ran out at {expired}, held {count, plural, one {# sale} other {# sales}}, {amount}, unsent when last heard at {time} (the oldest taken at {oldest}): those, and any it took offline since, are in none of these figures until a cashier signs in on it and it is back online.',
	'tabletsUnsent.hint': 'Not in the figures until that tablet sends them: online, with a cashier of this shop signed in.',
	// Forgetting a tablet that is gone (DELETE /api/tablets/{terminalId}/unsent, managers).
	'tabletsUnsent.forget': 'Forget',
	'tabletsUnsent.forgetLabel': 'Forget the tablet ({handle}) last heard at {time}',
	'tabletsUnsent.forgetTitle': 'Forget this tablet?',
	'tabletsUnsent.forgetConfirm':
		'Only if the tablet ({handle}, last heard at {time}) is gone: broken, lost or wiped. It is named here no more. Any sales it took offline are not coming, and are in none of these figures.',
	'tabletsUnsent.forgetConfirmHeld':
		'Only if the tablet ({handle}, last heard at {time}) is gone: broken, lost or wiped. It is named here no more. The {count, plural, one {# sale} other {# sales}}, {amount}, it held unsent, and any it took offline since, are not coming, and are in none of these figures.',
	'tabletsUnsent.forgetAfter': 'Should it come back online and report again, it is named again.',
	'tabletsUnsent.forgetButton': 'Forget the tablet',
	// Forgetting a group of silent tablets: one DELETE each, as one tablet's (TabletsUnsent.svelte, forget).
	'tabletsUnsent.forgetGroupLabel': 'Forget the {tablets, plural, one {# tablet} other {# tablets}} ({handle}) not heard from since {time}',
	'tabletsUnsent.forgetGroupTitle': 'Forget {tablets, plural, one {this tablet} other {these # tablets}}?',
	'tabletsUnsent.forgetGroupConfirm':
		'Only if {tablets, plural, one {the tablet} other {all # tablets}} signed in as {handle}, not heard from since {time}, are gone: broken, lost or wiped, or a browser no longer used. They are named here no more. Any sales they took offline are not coming, and are in none of these figures.',
	'tabletsUnsent.forgetGroupAfter': 'Should one come back online and report again, it is named again.',
	'tabletsUnsent.forgetGroupButton': 'Forget {tablets, plural, one {the tablet} other {all #}}',
	'tabletsUnsent.cancel': 'Cancel',
	'tabletsUnsent.forgetting': 'Forgetting…',
	'tabletsUnsent.notManager': 'Only a manager can forget a tablet.',
	'tabletsUnsent.noAnswer': 'The server did not answer: it may be forgotten already. Try again: it is forgotten only once.',
	'tabletsUnsent.inProgress': 'The last tap is still being sent. Wait a moment, then try again.',
	'tabletsUnsent.refused': 'Forgetting it was refused ({code}).'
} as const;

export type TabletsUnsentKey = keyof typeof enTabletsUnsent;
