import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error the API answers with: `{ error: { code, message, field? } }`. The code is stable for programs,
 * the message is for people. Expected failures are thrown as ApiError; anything else is a bug and becomes 500.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
    /** More the error body says beside code, message and field (a PIN limit's `limit`, a wrong PIN's `triesLeft`). */
    readonly more?: Record<string, string | number>,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, field?: string, more?: Record<string, string | number>) {
  return { error: { ...(field === undefined ? { code, message } : { code, message, field }), ...more } };
}

export const notFound = (what = 'resource') => new ApiError(404, 'NOT_FOUND', `No such ${what}.`);
export const forbidden = (message = 'You may not do this.') => new ApiError(403, 'FORBIDDEN', message);
export const invalid = (field: string, message: string) => new ApiError(400, 'INVALID_REQUEST', message, field);
