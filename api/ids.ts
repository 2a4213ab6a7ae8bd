import { createHash, randomBytes } from 'node:crypto';

/**
 * Ids are a short prefix, the creation time in base 36 (fixed width, so ids sort by time and serve as page
 * cursors), and 80 random bits so that ids made in the same millisecond on many processes never collide.
 */
export function newId(prefix: string, nowMs: number = Date.now()): string {
  return `${prefix}_${nowMs.toString(36).padStart(9, '0')}${randomBytes(10).toString('base64url').slice(0, 13)}`;
}

/** 256 random bits, for session tokens and event tickets; only their SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
