/**
 * Whether the address a poster's QR opens can be reached from a customer's phone. The claim link is made from the
 * address the manager's tablet opened the app at (location.origin): opened on the server's own computer as
 * http://localhost:3000, as README's first steps do, the QR sends every customer who scans the printed poster to
 * their own phone, where nothing answers. Pure, so the one rule is checked in a unit test.
 */

/** A host name that means "this very device": localhost (and its subdomains), 127.0.0.0/8, ::1, 0.0.0.0. */
export function isLoopbackHost(hostname: string): boolean {
	// URL.hostname writes an IPv6 address in brackets ("[::1]") and a trailing dot is the same name.
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return true;
	if (host === '::1' || host === '0:0:0:0:0:0:0:1' || host === '0.0.0.0' || host === '::') return true;
	// An IPv4-mapped IPv6 form of a loopback address ("::ffff:127.0.0.1").
	const v4 = host.replace(/^::ffff:/, '');
	return /^127(\.\d{1,3}){3}$/.test(v4);
}
