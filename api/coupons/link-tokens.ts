import { z } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';

/** The tokens of claim links and share links. 128 random bits: unguessable, and short enough for a QR a phone camera reads from across a counter. */
export const linkToken = () => randomBytes(16).toString('base64url');
export const TokenSchema = z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/);
