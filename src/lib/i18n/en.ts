import type { CashierKey } from './en-cashier';
import type { LaterKey } from './en-later';
import type { ManageKey } from './en-manage';

/**
 * English, the source dictionary of every screen but the manager's (en-manage.ts), the words the cashier's
 * screens alone show (en-cashier.ts) and those of the customer's later screens (en-later.ts): its keys are the
 * CoreKey type that zh.ts must fill in full (the later screens' too).
 * Placeholders are {name}; a count that changes the words is a plural part, "{count, plural, one {#
 * payment} other {# payments}}" (plural.ts), so "1 payment" reads right. Words follow DESIGN.md: amount, saving (deduction), charged.
 */
export const en = {
	'app.name': 'Coupon Pay',
	loading: 'Loading…',
	retry: 'Try again',
	cancel: 'Cancel',
	back: 'Back',
	loadMore: 'Show more',
	signout: 'Sign out',
	'lang.switchTo': 'Switch language to',
	'error.network': 'Could not reach the server. Check the connection and try again.',
	'error.server': 'The server had a problem and could not answer. Try again in a moment.',
	'error.tryAgain': 'Please try again.',
	// The error page (routes/+error.svelte): a screen that could not open, and why.
	'error.offline.title': 'Not available offline',
	'error.offline': 'You’re offline and this screen hasn’t been saved on this device yet. It will open once you’re back online.',
	'error.other.title': 'This screen didn’t open',
	'error.other': 'It couldn’t be loaded. Check the connection and try again.',
	'error.notFound.title': 'Page not found',
	'error.notFound': 'There is no page at this address.',
	'error.toWallet': 'Back to your wallet',
	'error.toCounter': 'Back to the counter',
	'error.toStart': 'Back to the home page',
	'pwa.updateReady': 'A new version of the app is ready.',
	'pwa.reload': 'Reload',
	'pwa.later': 'Later',

	'signin.handle': 'Your handle',
	'signin.pin': 'PIN',
	'signin.submit': 'Sign in',
	// On the button while the server is asked: a hanging network left it only faded for the 15 s a request may take.
	'signin.submitting': 'Signing in…',
	'signin.invalid': 'That handle and PIN don’t match. Check both and try again. Forgot your PIN? The platform’s support can set a new one.',
	'signin.rateLimited': 'Too many wrong PINs were tried from this network. Signing in is paused for up to 15 minutes.',
	'signin.pinLocked': 'Too many tries with a wrong PIN. Signing in is paused for up to 15 minutes: try again after that.',
	'signin.rateLimitedUntil': 'Too many wrong PINs were tried from this network. Signing in is paused until {time}.',
	'signin.pinLockedUntil': 'Too many tries with a wrong PIN. Signing in is paused until {time}: try again then.',
	'signin.triesLeft': '{count, plural, one {# more wrong PIN} other {# more wrong PINs}} and signing in pauses for a while.',
	'signin.checkFields': 'Fill in every field: handles are 3–40 of a–z, 0–9, dot, dash or underscore; PINs 4–12 digits.',

	'customer.title': 'Pay',
	'customer.home': 'Coupon Pay home',
	'customer.signin.title': 'Sign in to pay',
	'customer.signin.lead': 'Your balance and coupons are ready when you are.',
	// Signed out by the server, not by a tap here: why it may have happened, and what to do.
	'customer.signin.ended': 'This phone was signed out: your PIN was changed, or the sign-in ran out. Sign in again to pay.',
	'customer.signin.ranOut': 'This phone’s sign-in ran out. Sign in again to pay: your PIN is the same.',
	'customer.signin.newPin': 'This phone was signed out because your PIN was changed. Sign in with the new PIN to pay.',
	'customer.signin.demo': 'Demo: alice / 1111',
	'signup.open': 'New here? Create a wallet',
	'signup.haveOne': 'Already have a wallet? Sign in',
	'signup.handleFormat': 'A handle is 3 to 40 characters: a–z, 0–9, dot, dash or underscore, with no spaces.',
	'signup.pinFormat': 'A PIN is 4 to 12 digits.',
	'customer.balance': 'Balance',
	'customer.topUp': 'Add money',
	'topup.done': 'Added {added}. Balance {balance}.',
	'pin.change': 'Change PIN',
	'pin.done': 'PIN changed.',
	'pin.doneElsewhere': 'PIN changed. Signed out on {count, plural, one {# other phone} other {# other phones}}.',
	'customer.chooseCoupon': 'Choose a coupon',
	'customer.couponCount': '{count} usable now. The cashier enters the full amount; the saving is applied automatically.',
	'customer.noCoupon': 'No coupon',
	// The bar's line with no coupon picked while some could pay (any not used, not expired, started: the shop and the
	// amount are not known yet, so a minimum spend or a shop list does not count one out).
	'customer.noCouponUsable': 'No coupon · {count} usable',
	'customer.showCode': 'Show payment code',
	'customer.showCodeWith': 'With {coupon}',
	'customer.noCoupons': 'No coupons yet. Those you get from shops show here.',
	'customer.emptyWallet': 'Add money before you pay, or the till declines the code.',
	'customer.history': 'Wallet history',
	'customer.couponLost.expired': 'Your coupon “{coupon}” has expired. It is no longer chosen: show a code without it, or choose another.',
	'customer.couponLost.redeemed': 'Your coupon “{coupon}” has been used. It is no longer chosen: show a code without it, or choose another.',
	'customer.couponLost.other': 'Your coupon “{coupon}” can’t be used right now. It is no longer chosen: show a code without it, or choose another.',

	'rule.fixed': '{off} off',
	'rule.percent': '{percent}% off',
	'rule.percentCap': '{percent}% off, at most {cap}',
	'rule.free': '100% off',
	'rule.freeCap': '100% off, at most {cap}',
	'rule.threshold': '{off} off orders of {minimum} or more',

	'coupon.everywhere': 'At all shops',
	'coupon.onlyAt': 'Only at {merchants}',
	'coupon.minimum': 'Orders of {minimum} or more',
	'coupon.validUntil': 'Until {date}',
	'coupon.untilToday': 'Until {time} today',
	'coupon.untilTomorrow': 'Until {time} tomorrow',
	'coupon.untilEndOfToday': 'Until the end of today',
	'coupon.untilEndOfTomorrow': 'Until the end of tomorrow',
	'coupon.used': 'Already used',
	'coupon.expiredOn': 'Expired on {date}',
	'coupon.validFrom': 'Usable from {date}',
	'coupon.fromToday': 'Usable from {time} today',
	'coupon.fromTomorrow': 'Usable from {time} tomorrow',

	'code.title': 'Show this to the cashier',
	'code.close': 'Close',
	'code.making': 'Making your code…',
	'code.qrLabel': 'Payment code as a QR code',
	'code.barcodeLabel': 'Payment code as a barcode',
	'code.digitsLabel': 'Payment code digits: {digits}',
	'code.refreshesIn': 'New code in {seconds} s',
	'code.replaced': 'New code',
	'code.madeElsewhere': 'You made a new payment code in another tab, so the one here was put away.',
	'code.madeOnOtherDevice': 'A new payment code was made for you on another phone or browser, so the one here was put away: it no longer pays.',
	'code.expired': 'This code has expired. Getting a new one…',
	'code.worksFor': 'This code works {seconds} s more',
	'code.refreshTrouble': 'Couldn’t get a fresh code. Still trying; this one works until the timer runs out.',
	'code.staleAttempt': 'The cashier scanned an older code. Show them this one.',
	'code.coupon': 'Coupon',
	'code.noCoupon': 'None',
	'code.noCouponUsable': '{count} usable',
	'code.change': 'Change',
	'code.brightness': 'Turn brightness up for the scanner.',
	'code.waiting': 'Waiting for the cashier — the result shows here.',
	'code.connecting': 'Connecting… the code works anyway.',
	'code.failed': 'Couldn’t make a payment code.',
	'code.offline': 'You’re offline. This code works until the timer runs out (the till checks it); a new code needs a connection.',
	'code.expiredOffline': 'This code has expired. You’re offline: a new code needs a connection.',
	'code.lostResult': 'Scanned before it ran out? The result shows once the phone reaches the server again, or see Wallet history.',
	'code.offlineResult': 'Scanned while you’re offline? The result shows once you’re back online, or see Wallet history.',

	'result.paid': 'Paid',
	'result.paidAt': 'Paid {charged} at {merchant}',
	'result.paidSaving': 'Paid {charged} at {merchant}, coupon saving {saving}',
	'result.at': 'at {merchant}',
	'result.newBalance': 'New balance',
	// Under a "Paid" still on screen when the shop refunds it: what came back to the wallet so far (the coupon's part never
	// does), beside the balance that went up by it.
	'result.refunded': 'Refunded {cash}',
	'result.balanceUpdating': 'Updating…',
	'result.done': 'Done',
	'result.declined': 'Payment declined',
	'result.nothingCharged': 'Nothing was charged.',
	// The order's amount, one name for it on the customer's screens, as 订单金额 is in Chinese: the paid and declined
	// results and the history (it was "Amount" on the paid one, "Order" on the declined). The cashier's screens name it
	// by payment.amount ("Amount").
	'result.order': 'Order amount',
	'result.yourBalance': 'Your balance',
	'result.newCode': 'Show a new code',
	'result.newCodeNoCoupon': 'New code without the coupon',
	'result.otherCoupon': 'Choose another coupon',
	// The same button after a payment made with no coupon: there was none to change for another.
	'result.useCoupon': 'Use a coupon',
	'result.toppedUp': 'Money added',
	'result.enoughNow': 'Enough for the {amount} order now: show a new code to pay it.',
	'result.stillShort': '{short} more is needed for the {amount} order.',
	'result.toPayWithCoupon': 'To pay with the coupon',
	'result.enoughWithCoupon': 'Enough now: with the coupon the {amount} order costs you {charge}. Show a new code to pay it.',
	'result.stillShortWithCoupon': '{short} more is needed: with the coupon the {amount} order costs you {charge}.',
	'result.tryNewCode': 'Try again with a new code: the coupon’s saving is worked out when the cashier scans it.',

	'payment.amount': 'Amount',
	'payment.saving': 'Coupon saving',
	'payment.charged': 'Charged',
	// The payment's short reference (lib/payments/reference.ts), which the cashier's search finds it by: the same word on
	// the customer's history and on the cashier's detail and receipt, which are read against each other.
	'payment.reference': 'Reference',

	'status.succeeded': 'Paid',
	'status.declined': 'Declined',
	'status.partially_refunded': 'Part refunded',
	'status.refunded': 'Refunded',
	'status.queued': 'Queued',
	'status.syncing': 'Sending',

	'history.refunds': 'Refunds',

	'decline.CODE_UNKNOWN': 'That is not a live payment code.',
	// Also a code the customer's phone replaced with a newer one, or put away (Close, Change, a reload of the page, Sign
	// out): retired, the server declines it as expired, and cannot tell the till which (api/payments/scan-time.ts). A code
	// put away left the phone with no code on it, where "replaced by a newer one" sent the cashier looking for one.
	'decline.CODE_EXPIRED': 'This code was put away, replaced or expired on the customer’s phone.',
	'decline.CODE_USED': 'That code was already used.',
	'decline.CODE_USED.afterScan': 'The customer paid with this code somewhere else after it was scanned here.',
	'decline.COUPON_NOT_APPLICABLE': 'The coupon can’t be used on this order.',
	'decline.INSUFFICIENT_FUNDS': 'Balance too low for this amount.',
	'decline.OFFLINE_WINDOW_PASSED': 'The code was scanned too long ago to be accepted.',
	'decline.OFFLINE_PAYMENT_CAP': 'The code had ended before this sale reached the server, and the sale is over the shop’s offline limit for one payment.',
	'decline.detail.BELOW_MINIMUM': 'Order below the coupon’s minimum spend.',
	'decline.detail.BELOW_MINIMUM_of': 'The coupon is only valid on orders of {minimum} or more.',
	// The coupon has no minimum spend, perhaps: its saving on this order rounds down to nothing (15% of ¥0.05).
	'decline.detail.NO_DEDUCTION': 'The order is too small for this coupon to take anything off, so it was not used up.',
	'decline.detail.WRONG_MERCHANT': 'The coupon is not valid at this shop.',
	// Refused at this shop, with where it does work: the customer then knows to pay without it or pick another.
	'decline.detail.WRONG_MERCHANT_for': 'This coupon is for {shops} only.',
	// The shops of a coupon: "Demo Café", "Demo Café and Tea House", "Demo Café, Tea House and 3 other shops".
	'decline.shops.and': '{first} and {last}',
	'decline.shops.separator': ', ',
	'decline.shops.others': '{count, plural, one {# other shop} other {# other shops}}',
	'decline.detail.NOT_YET_VALID': 'The coupon is not valid yet.',
	'decline.detail.EXPIRED': 'The coupon has expired.',
	'decline.detail.BUDGET_EXHAUSTED': 'The coupon’s campaign has run out of budget.',
	'decline.detail.NOT_OWNER': 'The coupon belongs to someone else.',
	'decline.detail.NOT_AVAILABLE': 'The coupon is no longer available.',
	// Why the coupon was refused, then which coupon: the brackets are the language's own.
	'decline.withCoupon': '{reason} ({coupon})',
	'decline.customer.newCode': 'Show a new code to the cashier.',
	'decline.customer.CODE_UNKNOWN': 'Show a new code to the cashier.',
	'decline.customer.otherCoupon': 'Choose another coupon, or none, and show a new code.',
	'decline.customer.INSUFFICIENT_FUNDS': 'Add money to your balance, or pay another way.',
	'decline.customer.INSUFFICIENT_FUNDS.noTopUps': 'Pay another way: money cannot be added in this app here.',

	'share.action': 'Share with a friend',
	'share.waiting': 'Shared — waiting for your friend',
	'share.takeBack': 'Take back',
	'share.copyAgain': 'Copy link again',
	'share.copied': 'Link copied. Send it to your friend:',
	'share.copyByHand': 'Copy this link and send it to your friend:',
	'share.linkLabel': 'Share link',
	'share.title': 'A coupon for you',
	'share.text': '{from} offers you a coupon: {rule}',
	'share.takenBack': 'Taken back: the coupon is yours to use again.',
	'share.lapsed': 'Expired before your friend accepted it: the link no longer works.',
	'share.usedUp': 'Your friend has accepted this coupon: the link is used up.',
	'share.failed.NOT_SHAREABLE': 'This coupon can’t be shared.',
	'share.failed.COUPON_NOT_AVAILABLE': 'This coupon can’t be shared right now (it is in use or already used).',
	'share.failed.ALREADY_CLAIMED': 'This offer was already accepted or taken back.',
	'share.failed.code': 'That didn’t work ({code}). Try again later.',

	'offline.updateWaiting': 'Updating once the current payment is done…',
	'customer.offline': 'You are offline. Your balance and coupons as of {time}; a payment code needs the network.',
	'customer.kept': 'Your balance and coupons as of {time}, kept on this phone. Updating…',
	'customer.keptShort': 'As of {time} · updating…'
} as const;

/** The words every screen may use, in the first load. */
export type CoreKey = keyof typeof en;
/**
 * Any key of the app's words; a ManageKey only on the manager's screens, which load them (en-manage.ts); a CashierKey
 * only on the cashier's screens, whose layout brings them (en-cashier.ts); a LaterKey only in a module that imports
 * its words (en-later.ts).
 */
export type MessageKey = CoreKey | LaterKey | ManageKey | CashierKey;
