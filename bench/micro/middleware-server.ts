/**
 * A bare Hono app on @hono/node-server with one middleware variant, for bench/micro/middleware.ts:
 *   node --import tsx bench/micro/middleware-server.ts <variant> <port>
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';

export const VARIANTS: Record<string, string> = {
  none: 'no middleware',
  'header-before-next': "c.header('Cache-Control', 'no-store') before await next()",
  'read-res-headers-after-next': "await next(); if (!c.res.headers.has('Cache-Control')) c.header(...) (api/app.ts today)",
  'secure-headers': 'hono/secure-headers',
  'request-id': 'hono/request-id',
  'read-status-after-next': 'await next(); read c.res.status (the request log middleware)',
};

const [variant, port] = process.argv.slice(2);
if (variant && port) {
  const app = new Hono();
  if (variant === 'header-before-next')
    app.use('*', async (c, next) => {
      c.header('Cache-Control', 'no-store');
      await next();
    });
  if (variant === 'read-res-headers-after-next')
    app.use('*', async (c, next) => {
      await next();
      if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
    });
  if (variant === 'secure-headers') app.use('*', secureHeaders());
  if (variant === 'request-id') app.use('*', requestId());
  if (variant === 'read-status-after-next')
    app.use('*', async (c, next) => {
      await next();
      if (c.res.status >= 500) console.error('5xx');
    });
  app.get('/api/health', (c) => c.json({ ok: true }));
  serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' });
}
