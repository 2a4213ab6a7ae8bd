import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Serves the built PWA (adapter-static output). Files under /_app/immutable carry a hash in their name and are
 * cached for a year; the service worker and pages are revalidated every time so an update is seen at once.
 * Any other path that is not a file gets the SPA fallback page, where the client router takes over.
 *
 * Every page goes out with a strict Content-Security-Policy: scripts only from this origin plus the exact
 * inline scripts SvelteKit wrote into that page (allowed by their SHA-256, computed here from the file), no
 * plugins, no <base>, no framing.
 */
export function staticSite(dir: string): MiddlewareHandler {
  const files = serveStatic({
    root: path.relative(process.cwd(), dir) || '.',
    onFound: (filePath, c) => {
      if (filePath.includes('/_app/immutable/')) c.header('Cache-Control', 'public, max-age=31536000, immutable');
      else c.header('Cache-Control', 'no-cache');
      if (filePath.endsWith('.html')) c.header('Content-Security-Policy', pagePolicy(filePath));
    },
  });
  const fallbackPath = path.join(dir, '200.html');
  return async (c: Context, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (c.req.path.startsWith('/api/')) return next();
    const served = await files(c, async () => {});
    if (served) return served;
    if (!fs.existsSync(fallbackPath)) return next();
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', pagePolicy(fallbackPath));
    return c.html(fs.readFileSync(fallbackPath, 'utf8'));
  };
}

const policies = new Map<string, { mtimeMs: number; policy: string }>();

/** The page's policy, recomputed only when the file changes (a new build). */
export function pagePolicy(file: string): string {
  const mtimeMs = fs.statSync(file).mtimeMs;
  const cached = policies.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.policy;
  const policy = contentSecurityPolicy(fs.readFileSync(file, 'utf8'));
  policies.set(file, { mtimeMs, policy });
  return policy;
}

export function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1]!)
    .filter((body) => body.trim().length > 0)
    .map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    // Svelte sets style attributes at run time (transitions, style: directives), which needs inline styles.
    "style-src 'self' 'unsafe-inline'",
    // QR codes and barcodes are drawn to data: and blob: images; the camera preview is a local media stream.
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}
