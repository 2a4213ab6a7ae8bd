import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

/**
 * Serves the built PWA (adapter-static output). Files under /_app/immutable carry a hash in their name and are
 * cached for a year; the service worker and pages are revalidated every time so an update is seen at once.
 * Any other path that is not a file gets the SPA fallback page, where the client router takes over.
 */
export function staticSite(dir: string): MiddlewareHandler {
  const files = serveStatic({
    root: path.relative(process.cwd(), dir) || '.',
    onFound: (filePath, c) => {
      if (filePath.includes('/_app/immutable/')) c.header('Cache-Control', 'public, max-age=31536000, immutable');
      else c.header('Cache-Control', 'no-cache');
    },
  });
  const fallbackPath = path.join(dir, '200.html');
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (c.req.path.startsWith('/api/')) return next();
    const served = await files(c, async () => {});
    if (served) return served;
    if (c.res && c.res.status !== 404 && c.finalized) return;
    if (!fs.existsSync(fallbackPath)) return next();
    c.header('Cache-Control', 'no-cache');
    return c.html(fs.readFileSync(fallbackPath, 'utf8'));
  };
}
