// The server's request log: one line per request when it is answered, saying what Fastify's two lines
// said (the request, its id, the status and how long it took).
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import { createMemoryStore } from '../store/memory.js';
import { buildApp } from './app.js';

interface Line {
  msg: string;
  reqId?: string;
  req?: { method: string; url: string; remoteAddress?: string };
  res?: { statusCode: number };
  responseTime?: number;
}

describe('the request log', () => {
  it('writes one line per request, with the request, its id, the status and the time taken', async () => {
    const lines: Line[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString().split('\n')) {
          if (text.trim() !== '') lines.push(JSON.parse(text) as Line);
        }
        done();
      },
    });
    const app = await buildApp({
      store: createMemoryStore(),
      kb: knowledgeBase,
      logger: { level: 'info', stream },
    });
    try {
      const ok = await app.inject({ method: 'GET', url: '/api/health' });
      const missing = await app.inject({ method: 'GET', url: '/api/nowhere' });
      const requests = lines.filter((l) => l.req !== undefined || l.res !== undefined);
      expect(requests).toHaveLength(2);
      expect(requests.map((l) => l.msg)).toStrictEqual(['request completed', 'request completed']);
      expect(requests[0]).toMatchObject({
        reqId: ok.headers['x-request-id'],
        req: { method: 'GET', url: '/api/health' },
        res: { statusCode: 200 },
      });
      expect(requests[1]).toMatchObject({
        reqId: missing.headers['x-request-id'],
        req: { method: 'GET', url: '/api/nowhere' },
        res: { statusCode: 404 },
      });
      expect(typeof requests[0]?.responseTime).toBe('number');
    } finally {
      await app.close();
    }
  });
});
