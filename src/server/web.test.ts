// The built web app through the real app (in-process): the page with the strict CSP, and its caching headers.
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST } from '../../test/http.js';
import { knowledgeBase } from '../kb/index.js';
import { createMemoryStore } from '../store/memory.js';
import { buildApp } from './app.js';
import { cacheControlFor, IMMUTABLE, REVALIDATE, serveWebApp } from './web.js';

const distWeb = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'dist',
  'web',
);
const built = fs.existsSync(path.join(distWeb, 'index.html'));

function appOn(root: string): Promise<FastifyInstance> {
  return buildApp({
    store: createMemoryStore(),
    kb: knowledgeBase,
    extend: (app) => serveWebApp(app, root),
  });
}

const get = (app: FastifyInstance, url: string) =>
  app.inject({ method: 'GET', url, headers: { host: HOST } });

describe('cacheControlFor', () => {
  const root = path.join(os.tmpdir(), 'web');
  it('makes files under assets/ immutable and revalidates the rest', () => {
    expect(cacheControlFor(root, path.join(root, 'assets', 'index-abc.js'))).toBe(IMMUTABLE);
    expect(cacheControlFor(root, path.join(root, 'assets', 'deep', 'x.css'))).toBe(IMMUTABLE);
    expect(cacheControlFor(root, path.join(root, 'index.html'))).toBe(REVALIDATE);
    expect(cacheControlFor(root, path.join(root, 'sw.js'))).toBe(REVALIDATE);
    expect(cacheControlFor(root, path.join(root, 'assets-like.js'))).toBe(REVALIDATE);
    expect(cacheControlFor(root, path.join(root, 'assets'))).toBe(REVALIDATE);
  });
});

describe('without a built web app', () => {
  it('answers / with a plain note and keeps the API', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-web-'));
    const app = await appOn(empty);
    try {
      const res = await get(app, '/');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toContain('has not been built');
    } finally {
      await app.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!built)(
  'the built web app (dist/web; skipped when `npm run build` has not run)',
  () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await appOn(distWeb);
    });
    afterAll(async () => {
      await app.close();
    });

    it('serves the built page at / with the strict CSP and no-cache', async () => {
      const res = await get(app, '/');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toBe(fs.readFileSync(path.join(distWeb, 'index.html'), 'utf8'));
      expect(res.body).toMatch(/<script type="module"[^>]* src="\/assets\/[^"]+\.js"/);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.etag).toBeDefined();
    });

    it('revalidates the service worker and the manifest', async () => {
      for (const url of ['/index.html', '/sw.js', '/manifest.webmanifest']) {
        const res = await get(app, url);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['cache-control'], url).toBe('no-cache');
      }
    });

    it('caches hashed assets for a year, immutably', async () => {
      const page = (await get(app, '/')).body;
      const script = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
      expect(script).toBeDefined();
      const res = await get(app, script ?? '');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const css = fs.readdirSync(path.join(distWeb, 'assets')).find((f) => f.endsWith('.css'));
      if (css !== undefined) {
        expect((await get(app, `/assets/${css}`)).headers['cache-control']).toBe(IMMUTABLE);
      }
    });

    it('sends the pre-compressed copy to a browser that accepts brotli, still immutable', async () => {
      const page = (await get(app, '/')).body;
      const script = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1] ?? '';
      const plain = await get(app, script);
      const res = await app.inject({
        method: 'GET',
        url: script,
        headers: { host: HOST, 'accept-encoding': 'br, gzip' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
    });

    it('answers a missing asset with a 404 problem, and the API keeps no-store', async () => {
      const missing = await get(app, '/assets/not-there-0000.js');
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['cache-control']).not.toBe(IMMUTABLE);
      const health = await get(app, '/api/health');
      expect(health.statusCode).toBe(200);
      expect(health.headers['cache-control']).toBe('no-store');
    });
  },
);
