import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { authRoutes } from './auth/routes.js';
import { customerPinRoutes } from './auth/customer-pin.js';
import type { AppDeps, AppEnv } from './context.js';
import { couponRoutes } from './coupons/routes.js';
import { distributionRoutes } from './coupons/distribution.js';
import { eventRoutes } from './events/routes.js';
import { ApiError, errorBody } from './http/errors.js';
import { responseHeaders } from './http/headers.js';
import { methodsByPath } from './http/methods.js';
import { ledgerRoutes } from './ledger/routes.js';
import { paycodeRoutes } from './paycodes/routes.js';
import { paymentRoutes } from './payments/routes.js';
import { reportRoutes } from './reports/routes.js';
import { tabletUnsentRoutes } from './reports/tablet-unsent.js';
import { shopRoutes } from './shop/routes.js';
import { staffRoutes } from './staff/routes.js';
import { topUpRoutes } from './topups/routes.js';

/** The largest request body: a full offline batch of 500 payments is about 100 KB. */
export const BODY_MAX_BYTES = 256 * 1024;

/** The API, one router per part, mounted under /api. Built from web-standard pieces only (no Node APIs here). */
export function createApi() {
  return new OpenAPIHono<AppEnv>()
    .route('/', authRoutes)
    .route('/', customerPinRoutes)
    .route('/', ledgerRoutes)
    .route('/', couponRoutes)
    .route('/', distributionRoutes)
    .route('/', paycodeRoutes)
    .route('/', paymentRoutes)
    .route('/', topUpRoutes)
    .route('/', eventRoutes)
    .route('/', reportRoutes)
    .route('/', tabletUnsentRoutes)
    .route('/', staffRoutes)
    .route('/', shopRoutes);
}

/** State-changing requests carry JSON only: no form posts, so no cross-site request forgery by HTML forms. */
const jsonOnly: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE') {
    const type = c.req.header('content-type');
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    if ((hasBody || type) && !/^application\/json(\s*;|$)/i.test(type ?? '')) {
      return c.json(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send JSON with Content-Type: application/json.'), 415);
    }
    // JSON is read as UTF-8 (RFC 8259). A body declared in another charset would be read wrong, "Café" stored
    // with a replacement character, so it is refused instead.
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      return c.json(errorBody('UNSUPPORTED_MEDIA_TYPE', `JSON is read as UTF-8; this body says charset=${charset.slice(0, 40)}.`), 415);
    }
  }
  await next();
};

const tooLarge = (c: Context) => c.json(errorBody('PAYLOAD_TOO_LARGE', `A request body is at most ${BODY_MAX_BYTES} bytes.`), 413);
const streamedBodyLimit = bodyLimit({ maxSize: BODY_MAX_BYTES, onError: tooLarge });

/**
 * Refuses bodies over BODY_MAX_BYTES before anything reads them. A body announced by Content-Length (every
 * client of ours) is judged by that header alone; only a chunked body goes through hono's bodyLimit, which
 * counts the bytes as they stream. Not hono's bodyLimit for everything: it asks every request for its
 * `body` stream, GETs included, and that one question makes @hono/node-server build a full web Request (an
 * AbortController, a ReadableStream over the socket) where it would otherwise read the body straight off
 * the socket; it cost about a tenth of the server's CPU (bench/profile.md).
 */
const limitBody: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
  const length = c.req.header('content-length');
  if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
    return Number(length) > BODY_MAX_BYTES ? tooLarge(c) : next();
  }
  return streamedBodyLimit(c, next);
};

export function onError(error: Error, c: Context<AppEnv>) {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(errorBody(error.code, error.message, error.field, error.more), error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) return c.json(errorBody('PAYLOAD_TOO_LARGE', `A request body is at most ${BODY_MAX_BYTES} bytes.`), 413);
    if (status === 400) return c.json(errorBody('INVALID_REQUEST', 'The body is not valid JSON.', 'body'), 400);
    return c.json(errorBody('INVALID_REQUEST', error.message || 'Invalid request.'), status >= 400 && status < 500 ? (status as 400) : 400);
  }
  if (error instanceof SyntaxError) return c.json(errorBody('INVALID_REQUEST', 'The body is not valid JSON.', 'body'), 400);
  const deps = c.get('deps');
  if (isDatabaseDown(error)) {
    c.header('Retry-After', '2');
    return c.json(errorBody('UNAVAILABLE', 'The database is not reachable right now; retry with the same Idempotency-Key.'), 503);
  }
  deps?.log.error({ err: error, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
  return c.json(errorBody('INTERNAL', 'Something went wrong on our side; retrying with the same Idempotency-Key is safe.'), 500);
}

function isDatabaseDown(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  // Connection refused or reset, the server shutting down or starting (57P01-03), connection failures (08xxx),
  // too many connections while it comes back (53300), and pg's own words for a client whose connection died.
  const message = String((error as Error)?.message);
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08006', '08003', '08001'].includes(code) ||
    /Connection terminated|not queryable|Client was closed/i.test(message)
  );
}

/**
 * The whole HTTP application: the API plus whatever serves the built PWA (passed in, because serving files is
 * the one Node-specific piece and lives in main.ts).
 */
export function createApp(deps: AppDeps, options: { serveStatic?: MiddlewareHandler } = {}) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', responseHeaders(deps));
  app.use('/api/*', jsonOnly);
  app.use('/api/*', limitBody);
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/api', createApi());
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Coupon POS API', version: '1.0.0', description: 'The public HTTP contract: payment codes, payments with coupons, refunds, reports.' },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const methodsAt = methodsByPath(app.routes);
  app.all('/api/*', (c) => {
    const allowed = methodsAt(c.req.path);
    if (allowed.length === 0) return c.json(errorBody('NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`), 404);
    c.header('Allow', allowed.join(', '));
    return c.json(errorBody('METHOD_NOT_ALLOWED', `${c.req.path} answers ${allowed.join(', ')}, not ${c.req.method}.`), 405);
  });
  if (options.serveStatic) app.use('*', options.serveStatic);
  app.notFound((c) => c.json(errorBody('NOT_FOUND', `Nothing at ${c.req.path}.`), 404));
  app.onError(onError);
  return app;
}
