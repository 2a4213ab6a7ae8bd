import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { HTTPException } from 'hono/http-exception';
import { authRoutes } from './auth/routes.js';
import type { AppDeps, AppEnv } from './context.js';
import { couponRoutes } from './coupons/routes.js';
import { distributionRoutes } from './coupons/distribution.js';
import { eventRoutes } from './events/routes.js';
import { ApiError, errorBody } from './http/errors.js';
import { ledgerRoutes } from './ledger/routes.js';
import { paycodeRoutes } from './paycodes/routes.js';
import { paymentRoutes } from './payments/routes.js';
import { reportRoutes } from './reports/routes.js';

/** The largest request body: a full offline batch of 500 payments is about 100 KB. */
export const BODY_MAX_BYTES = 256 * 1024;

/** The API, one router per part, mounted under /api. Built from web-standard pieces only (no Node APIs here). */
export function createApi() {
  return new OpenAPIHono<AppEnv>()
    .route('/', authRoutes)
    .route('/', ledgerRoutes)
    .route('/', couponRoutes)
    .route('/', distributionRoutes)
    .route('/', paycodeRoutes)
    .route('/', paymentRoutes)
    .route('/', eventRoutes)
    .route('/', reportRoutes);
}
export type AppType = ReturnType<typeof createApi>;

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
  }
  await next();
};

export function onError(error: Error, c: Context<AppEnv>) {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(errorBody(error.code, error.message, error.field), error.status);
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
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    const started = performance.now();
    await next();
    if (deps.config.logLevel === 'debug' || c.res.status >= 500) {
      deps.log.info({ requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
    }
  });
  app.use(
    '*',
    secureHeaders({
      // The CSP for the app's pages comes from SvelteKit (hashes of its inline scripts); the API's answers are
      // JSON and need none but the strictest.
      contentSecurityPolicy: undefined,
      crossOriginEmbedderPolicy: false,
      // HSTS only means something over HTTPS (browsers ignore it on plain HTTP), so it is added below when the
      // request came over HTTPS, directly or through a TLS-terminating proxy.
      strictTransportSecurity: false,
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    // A prefix test, not new URL(): this runs on every request, the empty ones included.
    const https = c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https';
    if (https) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  });
  // API answers carry tokens, balances and payments: no cache (a proxy, the browser, the service worker) may keep them.
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', jsonOnly);
  app.use('/api/*', bodyLimit({ maxSize: BODY_MAX_BYTES, onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', `A request body is at most ${BODY_MAX_BYTES} bytes.`), 413) }));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/api', createApi());
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Coupon POS API', version: '1.0.0', description: 'The public HTTP contract: payment codes, payments with coupons, refunds, reports.' },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.all('/api/*', (c) => c.json(errorBody('NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`), 404));
  if (options.serveStatic) app.use('*', options.serveStatic);
  app.notFound((c) => c.json(errorBody('NOT_FOUND', `Nothing at ${c.req.path}.`), 404));
  app.onError(onError);
  return app;
}
