import { randomBytes } from 'node:crypto';
import { sha256 } from '../ids.js';

/**
 * The payment code's numeric form: 18 digits = our prefix + 16 random digits. The QR holds the same digits.
 *
 * Prefix 88: wallets already use 10–15 (WeChat Pay), 25–30 (Alipay) and 62 (UnionPay), so a scanner-side router
 * can tell our codes apart. 16 uniform random digits give 10^16 codes; with as many as 10^7 codes live at once
 * (ten million customers showing a code in the same minute) a guess hits one with probability 10^-9, the bound
 * DESIGN.md sets, and failed lookups are throttled on top of that.
 */
export const PAYCODE_PREFIX = '88';
export const PAYCODE_DIGITS = 18;
export const PAYCODE_PATTERN = /^[0-9]{18}$/;

const RANDOM_DIGITS = PAYCODE_DIGITS - PAYCODE_PREFIX.length;
const SPACE = 10n ** BigInt(RANDOM_DIGITS);
// Rejection sampling: accept only values below the largest multiple of SPACE that fits in 64 bits, so every
// 16-digit string is equally likely (a plain modulo would favour small values).
const LIMIT = (2n ** 64n / SPACE) * SPACE;

export function generatePaycode(): string {
  for (;;) {
    const value = randomBytes(8).readBigUInt64BE();
    if (value < LIMIT) return PAYCODE_PREFIX + (value % SPACE).toString().padStart(RANDOM_DIGITS, '0');
  }
}

/**
 * Codes are stored only as a hash, so the table never holds a code that could pay. A code lives 60 s by default
 * (PAYCODE_TTL_MS, at most 10 minutes), and 10^16 SHA-256 evaluations take far longer than that, so a leaked table
 * cannot be turned back into live codes.
 */
export function paycodeHash(code: string): string {
  return sha256(`paycode:${code}`);
}
