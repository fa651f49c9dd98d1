// Serves the web app's built files at `/` when they exist (the web-app issue builds them into dist/web):
// the page, service worker and manifest are revalidated on every load, hashed assets are cached for good.
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/web beside the built server (dist/server/web.js). */
export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');

/** Files whose names carry a content hash (Vite writes them under assets/): safe to cache for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, sw.js, manifest.webmanifest, icons) is revalidated, so updates arrive. */
export const REVALIDATE = 'no-cache';

/** The Cache-Control value for a file served from `root`. */
export function cacheControlFor(root: string, file: string): string {
  const relative = path.relative(root, file).split(path.sep);
  return relative.length > 1 && relative[0] === 'assets' ? IMMUTABLE : REVALIDATE;
}

/** Adds the static web app when it has been built; the API works without it. */
export async function serveWebApp(app: FastifyInstance, root: string = WEB_ROOT): Promise<void> {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send(
          'Backchain API is running. The web app has not been built yet; see /api/health and /api/openapi.json.',
        ),
    );
    return;
  }
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // The build writes .br and .gz copies (scripts/compress-web.mjs); send them when accepted.
    preCompressed: true,
    // Our own Cache-Control instead of @fastify/send's `public, max-age=0`.
    cacheControl: false,
    setHeaders: (res, file) => {
      res.setHeader('cache-control', cacheControlFor(root, file));
    },
  });
}
