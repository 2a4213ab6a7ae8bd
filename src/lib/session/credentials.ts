/**
 * What the server accepts as a handle and a PIN (DESIGN.md; api/http/schemas.ts), for every form that asks for one
 * (a customer's sign-up and PIN change, a manager's staff): checked here first so the mistake is said at its field
 * before anything is sent.
 */
export const HANDLE_FORMAT = /^[a-z0-9._-]{3,40}$/;
export const PIN_FORMAT = /^[0-9]{4,12}$/;
