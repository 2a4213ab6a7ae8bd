/**
 * The words of the counter's "Top up a wallet" panel as a cashier puts ¥100.00 on bob's wallet, in en and zh: the
 * typed-code and the camera specs both walk through it.
 */
export const TOPUP_100_TO_BOB_WORDS = {
	en: {
		start: 'Top up a wallet',
		keypad: 'Amount keypad',
		check: 'Top up ¥100.00',
		confirm: 'Add ¥100.00 to bob’s wallet — cash received',
		button: 'Cash received: add ¥100.00',
		done: '¥100.00 added to bob’s wallet.'
	},
	zh: {
		start: '为钱包充值',
		keypad: '金额键盘',
		check: '充值 ¥100.00',
		confirm: '向 bob 的钱包充值 ¥100.00——已收现金',
		button: '已收现金：充值 ¥100.00',
		done: '已向 bob 的钱包充值 ¥100.00。'
	}
} as const;
