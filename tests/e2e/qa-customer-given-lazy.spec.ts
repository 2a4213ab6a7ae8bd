/**
 * The coupons given to friends are not in the wallet's first load (its budget: 80 KB gzipped, scripts/size.ts): the
 * home screen is whole without them, and the list comes just after.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { holdChunks, openCustomerSignedIn } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('the wallet shows its balance and coupons while the given list is still on its way, and the list after it', async ({ page, server }) => {
	// bob gave his ¥5 off coupon to alice.
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const five = (await api.coupons(server.url, bob)).find((c) => c.title === '¥5 off')!;
	const share = await api.shareCoupon(server.url, bob, five.id);
	expect(await api.claimShare(server.url, await api.customerToken(server.url, 'alice', '1111'), share)).toBe(201);

	// Hold back the chunk that draws the given list (the only one naming its test id) until released.
	const { held, release } = await holdChunks(page, 'given-coupons');

	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await expect.poll(held).toBe(1);
	await expect(page.getByRole('button', { name: 'Show payment code' })).toBeVisible();
	await expect(page.getByRole('radio', { name: /^15% off/ })).toBeVisible();
	await expect(page.getByTestId('given-coupons')).toHaveCount(0);

	release();
	await expect(page.getByTestId('given-coupons')).toContainText('Given to alice');
});
