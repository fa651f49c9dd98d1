// A flood of logins with unknown emails (from many addresses, through a trusted proxy) keeps the home page
// and the other routes answering: password hashing has its own bounded queue and refuses what it cannot
// take (429 with Retry-After) instead of taking every thread. Real listening server; counts, not timings.
import { afterAll, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../src/kb/index.js';
import { buildApp } from '../src/server/app.js';
import { serveWebApp } from '../src/server/web.js';
import { createMemoryStore } from '../src/store/memory.js';

describe('a 48-way login flood', () => {
  const closing: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of closing) await c();
  });

  it('keeps the home page and the API answering, and never runs more hashes than the queue allows', async () => {
    const app = await buildApp({
      store: createMemoryStore(),
      kb: knowledgeBase,
      trustProxy: true,
      extend: (a) => serveWebApp(a),
    });
    closing.push(() => app.close());
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const { queue } = app.ctx.hasher;

    // The flood goes on until the home page has been asked 8 times (bounded, so it always stops).
    const MAX = 5000;
    let homeDone = false;
    let sent = 0;
    const answers: { status: number; retryAfter: string | null }[] = [];
    let firstAnswer: () => void = () => undefined;
    const floodStarted = new Promise<void>((resolve) => {
      firstAnswer = resolve;
    });
    const attacker = async (w: number) => {
      while (!homeDone && sent < MAX) {
        const n = sent++;
        const res = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': `10.${w}.${n % 250}.${(n % 7) + 1}`,
          },
          body: JSON.stringify({ email: `nobody${n}@example.org`, password: 'a wrong password' }),
        });
        await res.text();
        answers.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
        firstAnswer();
      }
    };
    const flood = Promise.all(Array.from({ length: 48 }, (_, w) => attacker(w)));

    await floodStarted;
    const home: number[] = [];
    for (let i = 0; i < 8; i++) {
      const page = await fetch(`${base}/`);
      await page.text();
      home.push(page.status);
      const health = await fetch(`${base}/api/health`);
      home.push(health.status);
    }
    homeDone = true;
    await flood;

    expect(home).toHaveLength(16);
    expect(home.every((s) => s === 200)).toBe(true);
    expect(answers).toHaveLength(sent);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    for (const a of answers.filter((x) => x.status === 429)) {
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    expect(queue.stats.peak).toBeLessThanOrEqual(queue.concurrency);
    // Every login either had its password checked or was refused by the queue.
    expect(app.ctx.hasher.stats.verified + queue.stats.refused).toBe(sent);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(app.ctx.hasher.stats.verified);
  });
});
