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
 * One line a person types (a campaign's title, a note): no control characters (C0 and C1), no line or paragraph
 * separator, no bidirectional override or isolate (U+202A–202E, U+2066–2069: a title could otherwise show its
 * words in another order than they are stored). PostgreSQL refuses a NUL in text outright, which would
 * otherwise surface as a 500. Written without the `u` flag, so the OpenAPI document's `pattern` is a regex
 * other tools can read (a flag would land inside it as a literal "/u" that no string matches).
 */
const ONE_LINE = /^[^\x00-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]*$/;
export const textLine = (max: number, emptyMessage?: string) =>
  z.string().trim().min(1, emptyMessage).max(max).regex(ONE_LINE, 'one line of text, without control characters');
/** One line of text that may be left empty ('' when absent): trimmed, at most `max` characters. */
export const optionalTextLine = (max: number) => z.string().trim().max(max).regex(ONE_LINE, 'one line of text, without control characters').default('');
/** Every list pages with `?limit=` up to this many rows (README: "Lists page, newest first"). */
export const PAGE_LIMIT_MAX = 200;
export const pageLimit = (fallback: number) => z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(fallback);
export const IsoTimeSchema = z.iso.datetime({ offset: true }).max(40);

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      limit: z
        .enum(['handle', 'address'])
        .optional()
        .openapi({ description: "RATE_LIMITED at a PIN check: this handle's own wrong PINs (`handle`), or those from the caller's address for any handle (`address`)" }),
      triesLeft: z
        .number()
        .int()
        .min(0)
        .optional()
        .openapi({ description: 'INVALID_CREDENTIALS and WRONG_PIN: wrong PINs still allowed before PIN checks pause (0: paused now, Retry-After says until when)' }),
    }),
  })
  .openapi('Error');

/**
 * The error answers of a route: the three every signed-in route gives, and `default` for the rest, whose status
 * and stable code depend on the request (404, 409, 410, 413, 415, 422, 429, 503…: README's table lists them by
 * status). Every one is the same Error body, so a client generated from the document reads them all.
 */
export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not allowed', content: { 'application/json': { schema: ErrorSchema } } },
  default: { description: "Any other error (4xx, 5xx): the code says which (README, the error table)", content: { 'application/json': { schema: ErrorSchema } } },
} as const;
/** The same for a route anyone may call, which answers no 401 or 403. */
export const publicErrorResponses = { 400: errorResponses[400], default: errorResponses.default } as const;

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
