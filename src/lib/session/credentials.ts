/**
 * What the server accepts as a handle and a PIN (DESIGN.md; api/http/schemas.ts), for every form that asks for one
 * (a customer's sign-up and PIN change, a manager's staff): checked here first so the mistake is said at its field
 * before anything is sent.
 */
export const HANDLE_FORMAT = /^[a-z0-9._-]{3,40}$/;
export const PIN_FORMAT = /^[0-9]{4,12}$/;

/**
 * A handle as typed, made what the person meant: a Chinese input method in full-width mode types "ＡＬＩＣＥ" or
 * "ａｌｉｃｅ１" for "alice" and "alice1" (and, in Chinese punctuation, "。" for the "." key), which no handle matches,
 * so the sign-in was refused at its field. NFKC reads full-width letters, digits and marks as the ASCII ones they show
 * (and the ideographic space as a space), as every code and amount field reads full-width digits
 * ($lib/input/halfwidth.ts, which the customer's first load does not carry: NFKC is the browser's own, and no bytes);
 * then the handle is trimmed and lower-cased. Done before the format is checked and the handle sent: the server takes
 * only ASCII, as it does for codes and amounts. NFKC folds a few other forms too ("①" to "1"); the format still decides
 * what is a handle.
 */
export function typedHandle(text: string): string {
	return text.normalize('NFKC').replace(/\u3002/g, '.').trim().toLowerCase();
}

/** A PIN as typed: full-width digits ("１２３４") are the digits they show. */
export function typedPin(text: string): string {
	return text.normalize('NFKC');
}
