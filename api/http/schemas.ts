import { z } from '@hono/zod-openapi';

/** Shared pieces of request schemas; every string has a maximum length (STYLE.md: a limit on everything). */
export const HandleSchema = z
  .string()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9._-]+$/, 'handles are 3–40 characters of a-z 0-9 . _ -');
export const PinSchema = z.string().regex(/^[0-9]{4,12}$/, 'a PIN is 4–12 digits');
export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'an id');
/**
 * A line of text a person types (a campaign's title, a note): trimmed, not empty, no control characters.
 * PostgreSQL refuses a NUL in text outright, which would otherwise surface as a 500.
 */
export const textLine = (max: number, emptyMessage?: string) =>
  z
    .string()
    .trim()
    .min(1, emptyMessage)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'one line of text, without control characters');
export const IsoTimeSchema = z.iso.datetime({ offset: true }).max(40);

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not allowed', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_:.-]+$/, 'an Idempotency-Key is 1–100 characters of A-Z a-z 0-9 _ - : .')
    .openapi({ description: 'Made by the client once per intent and reused on every retry of it.' }),
});

/**
 * The same header where it may be left out: routes that took none in v1 of the public contract (DESIGN.md), so
 * that shops' integrations calling them without one still work. Sent, it is held to exactly what it is elsewhere.
 */
export const OptionalIdempotencyHeaders = z.object({
  'idempotency-key': IdempotencyHeaders.shape['idempotency-key']
    .optional()
    .openapi({ description: 'Optional here. Made by the client once per intent and reused on every retry of it: a repeat is answered as the first request was, and changes nothing.' }),
});

export const bearer = [{ bearer: [] }];
