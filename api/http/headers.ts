import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';

/**
 * The headers every answer carries (what hono/secure-headers would add, with framing denied), plus the request
 * id, HSTS over HTTPS and `no-store` on the API.
 *
 * They are all set *before* the handler runs, into the context's prepared headers, which the handler's
 * c.json()/c.body() then starts from. Setting them after `await next()` looks the same but is slow: touching a
 * finished response in @hono/node-server turns its light response into a real web Response whose body is then
 * streamed, and the empty route served 2.9k/s instead of 12k/s (bench/micro/middleware.md). A handler that sets
 * one of these itself (node-static's Cache-Control) simply overrides it.
 */
const ALWAYS: ReadonlyArray<readonly [string, string]> = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/** A client's own request id is kept when it looks like one, so its logs and ours can be matched. */
const REQUEST_ID = /^[\w\-=]{1,255}$/;

export function responseHeaders(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const debug = deps.config.logLevel === 'debug';
  return async (c, next) => {
    c.set('deps', deps);
    const given = c.req.header('x-request-id');
    const id = given !== undefined && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    for (const [name, value] of ALWAYS) c.header(name, value);
    // HSTS only means something over HTTPS (browsers ignore it on plain HTTP): directly, or through a
    // TLS-terminating proxy. A prefix test, not new URL(): this runs on every request.
    if (c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https') {
      c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    // API answers carry tokens, balances and payments: no cache (a proxy, the browser, the service worker) may keep them.
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    const started = debug ? performance.now() : 0;
    await next();
    // Reading the status is cheap (it does not materialise the response); errors are logged by onError too.
    if (debug || c.res.status >= 500) {
      deps.log.info({ requestId: id, method: c.req.method, path: c.req.path, status: c.res.status, ms: debug ? Math.round(performance.now() - started) : undefined }, 'request');
    }
  };
}
