import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { ApiError } from './errors.js';

// A field left out says so. zod's own words for it, "expected string, received undefined", read to a client
// that sent no Idempotency-Key as if its key were the text "undefined". zod's configuration is global to the
// process: this applies to every schema once this module is loaded, the environment's (config.ts) included.
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'Required.' : undefined) });

/**
 * Every part's router is made here so that a failed validation anywhere gives the same answer:
 * 400 INVALID_REQUEST naming the first field at fault (unknown fields included: schemas are strict).
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        // Unknown fields have no path of their own: name the part they came in (the body, the query string, …).
        const part = { json: 'body', query: 'query', param: 'path', header: 'header', cookie: 'cookie', form: 'body' }[result.target as string] ?? 'body';
        const field = issue?.path.join('.') || part;
        const detail =
          issue?.code === 'unrecognized_keys'
            ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
            : (issue?.message ?? 'Invalid request.');
        const name = issue?.code === 'unrecognized_keys' ? issue.keys.join(',') : field;
        throw new ApiError(400, 'INVALID_REQUEST', `${field ? `${field}: ` : ''}${detail}`, name);
      }
    },
  });
}
