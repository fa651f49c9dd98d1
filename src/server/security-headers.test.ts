// The security headers worked out once (security-headers.ts) are exactly those the helmet plugin sent on
// every request before: the app's responses are compared header by header with a bare Fastify server
// running @fastify/helmet with the same options.
import helmetPlugin, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import { createMemoryStore } from '../store/memory.js';
import { HOST, ORIGIN } from '../../test/http.js';
import { buildApp } from './app.js';
import { HELMET_OPTIONS, securityHeaders } from './security-headers.js';

/** Headers that belong to the response itself, not to helmet. */
const OWN = new Set([
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'x-request-id',
  'cache-control',
  'retry-after',
]);

let app: FastifyInstance;
let reference: FastifyInstance;
let expected: Record<string, string>;

beforeAll(async () => {
  app = await buildApp({ store: createMemoryStore(), kb: knowledgeBase });
  reference = Fastify();
  // The same options: the plugin's types come from helmet's CommonJS declarations, ours from its ES
  // module ones, which TypeScript keeps apart although they describe the same objects.
  await reference.register(helmetPlugin, HELMET_OPTIONS as unknown as FastifyHelmetOptions);
  reference.get('/', () => Promise.resolve({ ok: true }));
  await reference.ready();
  const answer = await reference.inject({ method: 'GET', url: '/' });
  expected = Object.fromEntries(
    Object.entries(answer.headers)
      .filter(([name]) => !OWN.has(name))
      .map(([name, value]) => [name, String(value)]),
  );
});
afterAll(async () => {
  await app.close();
  await reference.close();
});

/** The response's headers that are not its own (see OWN). */
const helmetPart = (r: LightMyRequestResponse) =>
  Object.fromEntries(
    Object.entries(r.headers)
      .filter(([name]) => !OWN.has(name))
      .map(([name, value]) => [name, String(value)]),
  );

describe('security headers', () => {
  it('the plugin sends a full set, including the policy and the frame guard', () => {
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(10);
    expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(expected['x-frame-options']).toBe('DENY');
    expect(expected['strict-transport-security']).toBeUndefined();
  });

  it('are worked out once to the same names and values', () => {
    expect(securityHeaders()).toEqual(expected);
  });

  it.each([
    ['a public read', 'GET', '/api/health', 200],
    ['a route nobody has', 'GET', '/api/nowhere', 404],
    ['a write without signing in', 'POST', '/api/checkins', 401],
    ['the API document', 'GET', '/api/openapi.json', 200],
  ])('are sent unchanged on %s', async (_name, method, url, status) => {
    const r = await app.inject({
      method: method as 'GET' | 'POST',
      url,
      headers: { host: HOST, origin: ORIGIN },
      ...(method === 'POST' ? { payload: {} } : {}),
    });
    expect(r.statusCode).toBe(status);
    expect(helmetPart(r)).toEqual(expected);
  });

  it('adds HSTS only over HTTPS', async () => {
    const proxied = await buildApp({
      store: createMemoryStore(),
      kb: knowledgeBase,
      trustProxy: true,
    });
    try {
      const r = await proxied.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const { 'strict-transport-security': _hsts, ...rest } = helmetPart(r);
      expect(rest).toEqual(expected);
    } finally {
      await proxied.close();
    }
  });
});
