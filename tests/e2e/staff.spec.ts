/** A shop's manager runs the staff: adds a cashier, sets a forgotten PIN, removes one who left. */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, failFirstReads, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test('a manager adds a cashier who then signs in, gives them a new PIN (their tablet is signed out), and removes them', async ({ page, browser, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	// Beside the campaigns, where the manager's other shop settings are.
	await page.getByRole('link', { name: 'Manage' }).click();
	await page.getByRole('link', { name: 'Staff and PINs' }).click();
	const list = page.getByRole('region', { name: 'Who can sign in here' });
	await expect(list.getByText('cashier-1')).toBeVisible();
	await expect(list.getByRole('listitem').filter({ hasText: 'owner' })).toContainText('You');

	// Mistakes are named at the field before anything is sent.
	await page.getByLabel('Handle (what they type to sign in)').fill('D');
	await page.getByLabel('PIN', { exact: true }).fill('12');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByText('A handle is 3–40 characters')).toBeVisible();
	await expect(page.getByText('A PIN is 4–12 digits.')).toBeVisible();
	await page.getByLabel('Handle (what they type to sign in)').fill('cashier-1');
	await page.getByLabel('PIN', { exact: true }).fill('2468');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByText('That handle is taken.')).toBeVisible();

	await page.getByLabel('Handle (what they type to sign in)').fill('Dana');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('dana can sign in now');
	const dana = list.getByRole('listitem').filter({ hasText: 'dana' });
	await expect(dana).toContainText('Not signed in');
	await captureBoth(page, 'staff');

	// Dana's tablet signs in with the shop and her PIN, through the form.
	const tablet = await browser.newPage({ viewport: TABLET });
	await tablet.goto(`${server.url}/cashier`);
	await tablet.getByLabel('Shop').fill('demo-cafe');
	await tablet.getByLabel('Cashier', { exact: true }).fill('dana');
	await tablet.getByLabel('PIN', { exact: true }).fill('2468');
	await tablet.getByRole('button', { name: 'Sign in' }).click();
	await expect(tablet.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await page.reload();
	await expect(dana).toContainText('Signed in on 1 tablet');

	// She forgot it: a new PIN signs her tablet out, and only the new one works.
	await dana.getByRole('button', { name: 'New PIN for dana' }).click();
	const dialog = page.getByRole('dialog', { name: 'New PIN for dana' });
	// The PIN's rule is said under its field, as when she was added.
	await expect(dialog.getByLabel('PIN')).toHaveAccessibleDescription('4–12 digits. Tell it to them; it is not shown again.');
	await dialog.getByLabel('PIN').fill('1357');
	await dialog.getByRole('button', { name: 'Set PIN' }).click();
	await expect(page.getByRole('status')).toContainText('New PIN set for dana.');
	// The manager's own new PIN: the rule, with nobody to tell it to.
	await page.getByRole('button', { name: 'New PIN for owner' }).click();
	const own = page.getByRole('dialog', { name: 'New PIN for owner' });
	await expect(own.getByLabel('PIN')).toHaveAccessibleDescription('4–12 digits.');
	await own.getByRole('button', { name: 'Cancel' }).click();
	await expect(dana).toContainText('Not signed in');
	await tablet.reload();
	await expect(tablet.getByRole('button', { name: 'Sign in' })).toBeVisible();
	// Told which of the reasons it was, by the server's 401.
	await expect(tablet.getByText('This tablet was signed out: a manager set a new PIN for dana. Sign in with the new PIN.')).toBeVisible();

	// She left: removed, she cannot sign in again, and the list no longer has her.
	await dana.getByRole('button', { name: 'Remove dana?' }).click();
	await page.getByRole('dialog', { name: 'Remove dana?' }).getByRole('button', { name: 'Remove' }).click();
	await expect(page.getByRole('status')).toContainText('dana was removed.');
	await expect(list.getByText('dana')).toHaveCount(0);
	const refused = await fetch(`${server.url}/api/sessions`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ role: 'cashier', merchant: 'demo-cafe', handle: 'dana', pin: '1357' })
	});
	expect(refused.status).toBe(401);
	await tablet.close();
});

test('a staff list that could not be read (a server error) is read again with "Try again", without reloading', async ({ page, server }) => {
	await failFirstReads(page, '**/api/staff', 1, true);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/staff');
	// The server answered, with an error: the manager is not sent to check the connection.
	await expect(page.getByText('The server had a problem and could not answer. Try again in a moment.')).toBeVisible();
	await expect(page.getByText('Could not reach the server.')).toHaveCount(0);
	const list = page.getByRole('region', { name: 'Who can sign in here' });
	await expect(list.getByRole('listitem')).toHaveCount(0);
	await captureBoth(page, 'staff-not-read');

	const tryAgain = page.getByRole('button', { name: 'Try again' });
	await expect(tryAgain).toBeVisible();
	await tryAgain.click();
	await expect(list.getByText('cashier-1')).toBeVisible();
	await expect(page.getByText('The server had a problem')).toHaveCount(0);
	await expect(tryAgain).toHaveCount(0);
});

test('a staff list that could not be read is read again by itself when the network returns', async ({ page, server }) => {
	await failFirstReads(page, '**/api/staff', 1);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/staff');
	await expect(page.getByText('Could not reach the server.')).toBeVisible();
	// The tablet's Wi-Fi drops and comes back: the browser says it is online, and nobody taps anything.
	await page.context().setOffline(true);
	await page.context().setOffline(false);
	await expect(page.getByRole('region', { name: 'Who can sign in here' }).getByText('cashier-1')).toBeVisible();
	await expect(page.getByText('Could not reach the server.')).toHaveCount(0);
});

test('a cashier who cannot manage has no Staff page', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url);
	await expect(page.getByRole('link', { name: 'Manage' })).toHaveCount(0);
	await page.goto('/cashier/staff');
	await expect(page.getByText('Only a manager can add cashiers, set PINs and remove staff.')).toBeVisible();
});

test('"Signed in on N tablets" follows sign-ins and sign-outs on other tablets when the page comes back to the screen, without a reload', async ({
	page,
	server
}) => {
	const owner = await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await api.created(server.url, owner, '/staff', { handle: 'evening-1', pin: '5791' });
	await page.goto('/cashier/staff');
	const member = page.getByRole('region', { name: 'Who can sign in here' }).getByRole('listitem').filter({ hasText: 'evening-1' });
	await expect(member).toContainText('Not signed in');

	// Signed in on another tablet while the list is open; the owner comes back to the page (the tablet woken).
	const tablet = await api.cashierSession(server.url, 'demo-cafe', 'evening-1', '5791');
	await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
	await expect(member).toContainText('Signed in on 1 tablet');

	// Signed out there; the owner comes back from another app (the window takes the focus again).
	const out = await fetch(`${server.url}/api/sessions/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${tablet.token}` } });
	expect(out.status).toBe(204);
	await page.evaluate(() => window.dispatchEvent(new Event('focus')));
	await expect(member).toContainText('Not signed in');
	await expect(page.getByText('Could not reach the server.')).toHaveCount(0);
});

test('a manager signs a cashier out on every tablet (one lost): the idle tablet is at the sign-in screen within a minute saying why, and the same PIN signs in again; "my other tablets" keeps this one', async ({
	page,
	browser,
	server
}) => {
	const owner = await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await api.created(server.url, owner, '/staff', { handle: 'late-1', pin: '2580' });
	const tablet = await browser.newPage({ viewport: TABLET });
	// The lost tablet's clock is the test's to move: it is left idle at the counter, no one touching it.
	await tablet.clock.install();
	await openCounterSignedIn(tablet, server.url, 'demo-cafe', 'late-1', '2580');
	await page.goto('/cashier/staff');
	const list = page.getByRole('region', { name: 'Who can sign in here' });
	const member = list.getByRole('listitem').filter({ hasText: 'late-1' });
	await expect(member).toContainText('Signed in on 1 tablet');

	// Asked first: a cashier at work there would be stopped mid-sale.
	await member.getByRole('button', { name: 'Sign out tablets: late-1' }).click();
	const dialog = page.getByRole('dialog', { name: 'Sign late-1 out on every tablet?' });
	await expect(dialog).toContainText('Their PIN stays the same, and signs them in again.');
	await captureBoth(page, 'staff-sign-out');
	await dialog.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('status')).toContainText('late-1 is signed out on 1 tablet.');
	await expect(member).toContainText('Not signed in');
	// Nothing left to sign out: the button goes with the tablets.
	await expect(member.getByRole('button', { name: 'Sign out tablets: late-1' })).toHaveCount(0);

	// The lost tablet, left idle at the counter, is at the sign-in screen within the minute, and says why; the PIN
	// still works. (It used to show the keypad until someone used it.)
	await expect(tablet.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await tablet.clock.fastForward('01:01');
	await expect(tablet.getByText('This tablet was signed out: a manager signed late-1 out on every tablet. The PIN is the same: sign in again.')).toBeVisible();
	await tablet.getByLabel('Shop').fill('demo-cafe');
	await tablet.getByLabel('Cashier', { exact: true }).fill('late-1');
	await tablet.getByLabel('PIN', { exact: true }).fill('2580');
	await tablet.getByRole('button', { name: 'Sign in' }).click();
	await expect(tablet.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await tablet.close();

	// The manager's own other tablets: signed out, this one stays.
	const ownOther = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	await page.reload();
	const me = list.getByRole('listitem').filter({ hasText: 'owner' });
	await me.getByRole('button', { name: 'Sign out my other tablets' }).click();
	const own = page.getByRole('dialog', { name: 'Sign out your other tablets?' });
	await expect(own).toContainText('this one stays signed in');
	await own.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('status')).toContainText(/owner is signed out on \d+ tablets?\./);
	await expect(me).toContainText('Signed in on 1 tablet');
	await expect(me.getByRole('button', { name: 'Sign out my other tablets' })).toHaveCount(0);
	const gone = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${ownOther.token}` } });
	expect(gone.status).toBe(401);
	await page.reload();
	await expect(list).toBeVisible();
});
