// Serves the web app's built files at `/` when they exist (the web-app issue builds them into dist/web).
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');

/** Adds the static web app when it has been built; the API works without it. */
export async function serveWebApp(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
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
  await app.register(fastifyStatic, { root: webRoot, prefix: '/' });
}
