import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (pin: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/**
 * PINs are short (4–12 digits), so the hash must be slow: scrypt with N = 2^14, r = 8 (about 16 MiB and tens of
 * milliseconds per try), on libuv's thread pool so a sign-in never blocks the event loop. Throttling of failed
 * tries (throttle.ts) is what really bounds guessing of such a small space.
 */
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 32;

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, KEY_BYTES, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await scrypt(pin, Buffer.from(saltText, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/**
 * What stands for a PIN in an idempotency key's stored request, so that the same key with another PIN is refused
 * as another request: scrypt like the stored PIN hashes, so the digest is no easier to reverse than they are, and
 * salted by the key's scope and key alone, so a retry of the same request (same key, same PIN) digests the same.
 */
export async function pinDigest(pin: string, scopedKey: string): Promise<string> {
  const salt = createHash('sha256').update(`pin-digest\u0000${scopedKey}`).digest();
  return (await scrypt(pin, salt, KEY_BYTES, SCRYPT)).toString('base64url');
}

/**
 * A hash to check against when the handle does not exist, so that an unknown handle and a wrong PIN take the
 * same time and give the same answer: sign-in never tells whether a handle exists.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPin('000000');
  return decoy;
}
