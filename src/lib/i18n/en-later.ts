import { addLaterWords } from './i18n.svelte';

/**
 * English words of the customer's later screens alone: the wallet history (routes/customer/history), the claim pages
 * (routes/claim), the parts of the wallet fetched after it opens (routes/customer/dialogs.ts: the sign-up, the top-up
 * and the PIN dialogs, the coupons given to friends, the refund notice, the question before signing out with a code on
 * screen), and the chooser at "/". Not in the wallet's first load (README: 80 KB gzipped), they come in a chunk of their
 * own with the first of those screens. Every module that names one of
 * these keys imports this module, which hands the words over (addLaterWords) as it loads, before that module runs:
 * a screen never shows a key for want of its words (tests/unit/web/dictionary-parts.test.ts checks both). Their
 * Chinese are in zh.ts with the rest, fetched before the first paint when Chinese is on screen.
 */
export const enLater = {
	// The chooser at "/" (routes/+page.svelte), which a device signed in to one side skips.
	'landing.title': 'Pay with your phone. Use your coupons.',
	'landing.lead': 'Customers show a code, the counter scans it, and the coupon is applied on the spot.',
	'landing.customer': 'I’m paying',
	'landing.customerDesc': 'Your balance, your coupons and your payment code.',
	'landing.cashier': 'I’m at the counter',
	'landing.cashierDesc': 'Take payments, refunds and the day’s report.',
	'landing.demo': 'Demo: customers alice / 1111, bob / 2222, carol / 3333 · shop demo-cafe, cashier-1 / 1234, owner / 9999.',
	'signup.title': 'Create your wallet',
	'signup.lead': 'Choose a handle and a PIN. Your wallet starts empty; add money when you need it.',
	'signup.handleHint': '3 to 40 characters: a–z, 0–9, dot, dash or underscore.',
	'signup.pinAgain': 'PIN again',
	'signup.mismatch': 'The two PINs differ. Type the same PIN twice.',
	'signup.taken': 'That handle is taken. Choose another.',
	'signup.submit': 'Create wallet',
	'signup.submitting': 'Creating your wallet…',
	'topup.title': 'Add money to your balance',
	'topup.amount': 'How much',
	'topup.simulated': 'A demo top-up: the money comes from the system’s funding account, not from a card or bank.',
	'topup.add': 'Add {amount}',
	'topup.disabled': 'Adding money is switched off on this server.',
	'topup.inProgress': 'Your last tap is still adding the money. Wait a moment, then try again: it is not added twice.',
	'topup.signedOut': 'You are no longer signed in. Sign in again to add money; nothing was added.',
	'topup.unavailable': 'The money could not be added just now. Try again in a moment: it is never added twice.',
	'topup.amountRange': 'This amount cannot be added. Choose another.',
	'topup.refusedCode': 'The money was not added ({code}). Try again later.',
	'topup.offline': 'You’re offline, so nothing was added. Add money once you’re back online.',
	'topup.unanswered': 'Your top-up of {amount} at {time} got no answer: it may have gone in. Adding {amount} again adds it only once.',
	'pin.title': 'Change your PIN',
	'pin.current': 'Current PIN',
	'pin.new': 'New PIN',
	'pin.again': 'New PIN again',
	'pin.hint': '4 to 12 digits. Your other phones are signed out; this one stays signed in.',
	'pin.save': 'Change PIN',
	'pin.format': 'A PIN is 4 to 12 digits.',
	'pin.mismatch': 'The two new PINs differ. Type the same PIN twice.',
	'pin.wrong': 'That is not your current PIN. Nothing was changed.',
	'pin.wrongTriesLeft': 'That is not your current PIN. Nothing was changed. {count, plural, one {# more wrong PIN} other {# more wrong PINs}} and PIN checks pause for a while.',
	'pin.locked': 'Too many wrong PINs. Wait a few minutes, then try again. Nothing was changed.',
	'pin.inProgress': 'Your last tap is still being handled. Wait a moment, then try again.',
	'pin.signedOut': 'You are no longer signed in. Sign in again to change your PIN.',
	'pin.unavailable': 'The PIN could not be changed just now; nothing was changed. Try again in a moment.',
	'pin.refusedCode': 'The PIN was not changed ({code}). Try again later.',
	// "Sign out" with a payment code on screen (routes/customer/SignOutConfirm.svelte).
	'signout.codeTitle': 'Sign out?',
	'signout.codeText': 'The payment code on screen stops working.',
	'signout.keepCode': 'Keep the code',
	// Another tab or window of this phone signed out, or in as another customer (routes/customer/OtherTabNotice.svelte).
	'customer.elsewhere.signedOut': 'This phone was signed out in another tab or window. Sign in again to pay.',
	'customer.elsewhere.signedInTitle': 'Now signed in as {handle}',
	'customer.elsewhere.signedInText': '{handle} signed in in another tab or window, so this is {handle}’s wallet now.',
	'customer.elsewhere.ok': 'OK',
	// The wallet's notice of refunds (routes/customer/RefundNews.svelte).
	'customer.refunded': '{shop} refunded {cash} to your wallet.',
	// The refund notice's sentence; the history's tag is history.couponReturned, with no full stop.
	'customer.couponReturned': 'Your coupon is back in your wallet.',
	'customer.refundedMore': '{count, plural, one {# more refund} other {# more refunds}}: see Wallet history.',
	// The wallet's notice of a charge no result screen showed (routes/customer/ChargeNews.svelte): under "Paid {charged}
	// at {merchant}", what the coupon took off, and when the sale was rung, which for a sale sent late by a till that was
	// offline is long before the balance moved.
	'customer.chargeSaving': 'Order {amount}, coupon saving {saving}.',
	'customer.chargeRung': 'Rung up at {time}.',
	'customer.chargeRungOffline': 'Rung up at {time}, sent when the shop’s till was back online.',
	// Its link to the wallet's history ("Wallet history" is the wallet's own link, under the coupons).
	'customer.chargesInHistory': 'See in history',
	'customer.chargesMore': '{count, plural, one {# more payment} other {# more payments}}: see Wallet history.',
	'history.empty': 'No payments yet.',
	'history.offline': 'You are offline. Your wallet history as of {time}; it updates by itself when you are back online.',
	'history.kept': 'Your wallet history as of {time}, kept on this phone. Updating…',
	'history.topUp': 'Money added',
	'history.topUpAt': 'Top-up at {shop}',
	// A shop's reversal of a top-up it keyed wrong (api/topups/reversal.ts): the amount taken back off.
	'history.topUpReversedAt': 'Top-up reversed at {shop}',
	'history.refundBack': '{cash} back to your balance',
	'history.cashBack': '{cash} refunded',
	// What a coupon took off the order, under the amount charged on the payment's closed line.
	'history.saved': 'Saved {saving}',
	'history.referenceHint': 'Give it to {shop} when asking about this payment.',
	// A declined attempt in the customer's words, as their result names it ("Payment declined", 付款未成功): status.declined
	// is the cashier's word (已拒绝 in Chinese).
	'history.declined': 'Declined',
	'history.refundFrom': 'Refund · {shop}',
	'history.refundFor': 'For your payment of {date}, {amount}',
	// A payment the coupon paid all of took ¥0.00: its order's amount names it (history/RefundItem.svelte).
	'history.refundForOrder': 'For your order of {date}, {amount}',
	'history.refundSplit': 'The shop refunded {amount}; the coupon had paid {saving} of it.',
	'history.refundCoupon': 'The shop refunded {amount}; the coupon had paid all of it, so nothing comes back to your balance.',
	'history.couponReturned': 'Coupon returned to you',
	'share.acceptedLinkUsed': '{handle} has accepted it: the link you copied is used up.',
	'share.acceptedFirst': '{handle} accepted it before you could take it back.',
	'share.given': 'Given to friends',
	'share.givenTo': 'Given to {handle}',
	'share.givenOn': 'claimed {date}',
	'claim.title': 'Get a coupon',
	'claim.yourOffer': 'The coupon you offered a friend',
	'claim.from': '{from} offers you a coupon',
	'claim.validUntil': 'Valid until {date}',
	'claim.validity': 'Valid {from} – {until}',
	'claim.remaining': '{count} left',
	'claim.signInFirst': 'Sign in to get this coupon',
	'claim.signUpFirst': 'Create a wallet to get this coupon',
	'claim.signedInAs': 'Signed in as {handle}',
	'claim.notYou': 'Not you? Sign out',
	'claim.get': 'Get the coupon',
	'claim.accept': 'Accept the coupon',
	'claim.got': 'It’s yours! The coupon is in your wallet.',
	'claim.gotShare': 'It’s yours! {from}’s coupon is now in your wallet.',
	'claim.open': 'Go to my coupons',
	'claim.notFound': 'This link is not valid: it may have been cut off when it was copied. Ask for the whole link.',
	'claim.error.OUT_OF_STOCK': 'Sorry, all the coupons of this offer have been given out.',
	'claim.error.LIMIT_REACHED': 'You already have as many of these coupons as the offer allows.',
	'claim.error.CLAIM_LINK_WITHDRAWN': 'This link no longer works: the shop has replaced it with a new one. Ask the shop for the current link or QR code. Coupons you already got from it are still yours.',
	'claim.error.CLAIM_CLOSED': 'This offer has closed.',
	'claim.error.ALREADY_CLAIMED': 'Someone has already accepted this coupon.',
	'claim.alreadyYours': 'You accepted this coupon: {from}’s coupon is in your wallet.',
	'claim.error.OWN_SHARE': 'This is your own offer: send the link to a friend instead.',
	'claim.ownClaimed': 'Your friend has accepted this coupon: it is in their wallet now.',
	'claim.ownTakenBack': 'You took this offer back: the coupon is in your wallet again.',
	'claim.error.SHARE_TAKEN_BACK': '{from} has taken this coupon back.',
	'claim.error.SHARE_EXPIRED': 'This offer has expired.',
} as const;

/** The later screens' words: any screen may name one, as long as it imports this module (above). */
export type LaterKey = keyof typeof enLater;

addLaterWords(enLater);
