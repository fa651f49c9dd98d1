// Per-person write limits over HTTP (docs/api.md, "Limits"), on the memory store and SQLite: a person
// writing too fast gets 429 with Retry-After and nothing stored, a full day or a full record gets 422,
// a repeat of a stored write is still answered, and a long outbox sent one item after another drains.
// The clock is the app's own, moved by the test: nothing here depends on timing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import { DEFAULT_WRITE_LIMITS, type WriteLimits } from '../service/write-limits.js';
import { createMemoryStore } from '../store/memory.js';
import { openSqliteStore } from '../store/sql.js';
import type { Store } from '../store/types.js';
import { ANSWERS, call, json, NO_WARNING_SIGNS, signUp, type Caller } from '../../test/http.js';
import { buildApp } from './app.js';

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closing.splice(0)) await c();
});

const STORES: [string, () => Promise<Store>][] = [
  ['memory', () => Promise.resolve(createMemoryStore())],
  [
    'SQLite',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-limits-'));
      closing.push(() => {
        fs.rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      });
      return openSqliteStore(path.join(dir, 'backchain.sqlite'));
    },
  ],
];

/** The defaults with some numbers changed, so a test reaches a limit in a few requests. */
function limits(change: {
  windowSeconds?: number;
  perWindow?: Partial<WriteLimits['perWindow']>;
  perDate?: Partial<WriteLimits['perDate']>;
  total?: Partial<WriteLimits['total']>;
}): WriteLimits {
  return {
    windowSeconds: change.windowSeconds ?? DEFAULT_WRITE_LIMITS.windowSeconds,
    perWindow: { ...DEFAULT_WRITE_LIMITS.perWindow, ...change.perWindow },
    perDate: { ...DEFAULT_WRITE_LIMITS.perDate, ...change.perDate },
    total: { ...DEFAULT_WRITE_LIMITS.total, ...change.total },
  };
}

interface Setup {
  app: FastifyInstance;
  store: Store;
  clock: { now: Date };
  ana: Caller;
}

async function start(open: () => Promise<Store>, writeLimits: WriteLimits): Promise<Setup> {
  const store = await open();
  const clock = { now: new Date('2026-11-02T09:00:00.000Z') };
  const app = await buildApp({ store, kb: knowledgeBase, now: () => clock.now, writeLimits });
  closing.unshift(async () => {
    await app.close();
    await store.close();
  });
  const ana = await signUp(app, 'ana@example.org');
  const assessed = await call(app, 'POST', '/api/assessments', ana, { answers: ANSWERS });
  expect(assessed.statusCode).toBe(201);
  return { app, store, clock, ana };
}

const checkin = (date: string, clientId?: string) => ({
  date,
  painNow: 3,
  painAreas: ['lower-back'],
  legSide: 'none',
  warningSigns: NO_WARNING_SIGNS,
  ...(clientId ? { clientId } : {}),
});

async function checkinsOf(s: Setup): Promise<number> {
  const listed = await call(s.app, 'GET', '/api/checkins?limit=500', s.ana);
  return json<{ items: unknown[] }>(listed).items.length;
}

/** A problem's stable code: the last part of its type. */
const codeOf = (r: LightMyRequestResponse) => json<{ type: string }>(r).type.split('/').pop();

describe.each(STORES)('write limits on %s', (_name, open) => {
  it('refuses a person writing too fast with 429 and Retry-After, stores nothing, and takes it again after the wait', async () => {
    const s = await start(open, limits({ perWindow: { checkins: 3 } }));
    for (const day of ['01', '02', '03']) {
      s.clock.now = new Date(s.clock.now.getTime() + 5_000);
      expect(
        (await call(s.app, 'POST', '/api/checkins', s.ana, checkin(`2026-10-${day}`))).statusCode,
      ).toBe(201);
    }
    const refused = await call(
      s.app,
      'POST',
      '/api/checkins',
      s.ana,
      checkin('2026-10-04', 'late-one-01'),
    );
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(codeOf(refused)).toBe('too-many-writes');
    // The first of the three was made 10 seconds ago: it leaves the minute in 50.
    expect(refused.headers['retry-after']).toBe('50');
    expect(json<{ retryAfterSeconds: number }>(refused).retryAfterSeconds).toBe(50);
    expect(json<{ detail: string }>(refused).detail).toContain('50 seconds');
    expect(await checkinsOf(s)).toBe(3);

    // Someone else is not held back by Ana's pace.
    const ben = await signUp(s.app, 'ben@example.org');
    expect(
      (await call(s.app, 'POST', '/api/assessments', ben, { answers: ANSWERS })).statusCode,
    ).toBe(201);
    expect(
      (await call(s.app, 'POST', '/api/checkins', ben, checkin('2026-10-04'))).statusCode,
    ).toBe(201);

    s.clock.now = new Date(s.clock.now.getTime() + 49_000);
    expect(
      (await call(s.app, 'POST', '/api/checkins', s.ana, checkin('2026-10-04', 'late-one-01')))
        .statusCode,
    ).toBe(429);
    s.clock.now = new Date(s.clock.now.getTime() + 1_000);
    const taken = await call(
      s.app,
      'POST',
      '/api/checkins',
      s.ana,
      checkin('2026-10-04', 'late-one-01'),
    );
    expect(taken.statusCode).toBe(201);
    expect(await checkinsOf(s)).toBe(4);
  });

  it('still answers a repeat of a stored write while the person is held back', async () => {
    const s = await start(open, limits({ perWindow: { checkins: 1 } }));
    expect(
      (await call(s.app, 'POST', '/api/checkins', s.ana, checkin('2026-10-01', 'sent-twice-1')))
        .statusCode,
    ).toBe(201);
    expect(
      (await call(s.app, 'POST', '/api/checkins', s.ana, checkin('2026-10-02'))).statusCode,
    ).toBe(429);
    const again = await call(
      s.app,
      'POST',
      '/api/checkins',
      s.ana,
      checkin('2026-10-01', 'sent-twice-1'),
    );
    expect(again.statusCode).toBe(200);
    expect(await checkinsOf(s)).toBe(1);
  });

  it('counts each kind of write apart, sessions and measurements too', async () => {
    const s = await start(open, limits({ perWindow: { sessions: 2, measurements: 1 } }));
    const programme = json<{ items: { exerciseId: string }[] }>(
      await call(s.app, 'GET', '/api/programme', s.ana),
    );
    const exerciseId = programme.items[0]?.exerciseId ?? '';
    const session = { entries: [{ exerciseId, done: {}, painSharper: false, painSpread: false }] };
    expect((await call(s.app, 'POST', '/api/sessions', s.ana, session)).statusCode).toBe(201);
    expect((await call(s.app, 'POST', '/api/sessions', s.ana, session)).statusCode).toBe(201);
    const third = await call(s.app, 'POST', '/api/sessions', s.ana, session);
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBe(60);
    const m = { kind: 'slr-angle', side: 'left', value: 60 };
    expect((await call(s.app, 'POST', '/api/measurements', s.ana, m)).statusCode).toBe(201);
    expect((await call(s.app, 'POST', '/api/measurements', s.ana, m)).statusCode).toBe(429);
    // Check-ins have their own count.
    expect(
      (await call(s.app, 'POST', '/api/checkins', s.ana, checkin('2026-11-02'))).statusCode,
    ).toBe(201);
    const sessions = json<{ items: unknown[] }>(await call(s.app, 'GET', '/api/sessions', s.ana));
    expect(sessions.items).toHaveLength(2);
  });

  it('refuses more check-ins than a day holds with 422, and takes another day', async () => {
    const s = await start(open, limits({ perDate: { checkins: 2 } }));
    for (let i = 0; i < 2; i++) {
      expect(
        (await call(s.app, 'POST', '/api/checkins', s.ana, checkin('2026-11-01'))).statusCode,
      ).toBe(201);
    }
    const full = await call(s.app, 'POST', '/api/checkins', s.ana, checkin('2026-11-01'));
    expect(full.statusCode).toBe(422);
    expect(codeOf(full)).toBe('day-full');
    expect(full.headers['retry-after']).toBeUndefined();
    expect(
      (await call(s.app, 'POST', '/api/checkins', s.ana, checkin('2026-11-02'))).statusCode,
    ).toBe(201);
    expect(await checkinsOf(s)).toBe(3);
  });

  it('always stores a warning sign: a check-in whose warning rules fire passes every limit', async () => {
    const s = await start(
      open,
      limits({ perWindow: { checkins: 1 }, perDate: { checkins: 1 }, total: { checkins: 1 } }),
    );
    expect(
      (await call(s.app, 'POST', '/api/checkins', s.ana, checkin('2026-11-01'))).statusCode,
    ).toBe(201);
    // The same day, at once, in a full record: an ordinary check-in is refused …
    expect(
      (await call(s.app, 'POST', '/api/checkins', s.ana, checkin('2026-11-01'))).statusCode,
    ).toBe(429);
    // … and a warning sign is stored, and pauses the programme.
    const warning = await call(s.app, 'POST', '/api/checkins', s.ana, {
      date: '2026-11-01',
      warningSigns: { saddleNumbness: true },
    });
    expect(warning.statusCode, warning.body).toBe(201);
    expect(json<{ programmePaused: boolean }>(warning).programmePaused).toBe(true);
    expect(await checkinsOf(s)).toBe(2);
  });

  it('refuses a check-in that would start a new day in a full record with 422', async () => {
    const s = await start(open, limits({ total: { checkins: 3 } }));
    for (const day of ['01', '02', '03']) {
      expect(
        (await call(s.app, 'POST', '/api/checkins', s.ana, checkin(`2026-10-${day}`))).statusCode,
      ).toBe(201);
    }
    const full = await call(s.app, 'POST', '/api/checkins', s.ana, checkin('2026-10-04'));
    expect(full.statusCode).toBe(422);
    expect(codeOf(full)).toBe('record-full');
    expect(await checkinsOf(s)).toBe(3);
  });

  it('lets a long outbox drain, one item after another, waiting as Retry-After says', async () => {
    const s = await start(open, limits({ perWindow: { checkins: 10 } }));
    const queue = Array.from({ length: 35 }, (_, i) =>
      checkin(
        new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10),
        `outbox-item-${String(i).padStart(3, '0')}`,
      ),
    );
    let waits = 0;
    for (const item of queue) {
      for (;;) {
        const r = await call(s.app, 'POST', '/api/checkins', s.ana, item);
        if (r.statusCode !== 429) {
          expect(r.statusCode).toBe(201);
          break;
        }
        waits += 1;
        s.clock.now = new Date(s.clock.now.getTime() + Number(r.headers['retry-after']) * 1000);
      }
      s.clock.now = new Date(s.clock.now.getTime() + 100);
    }
    expect(await checkinsOf(s)).toBe(35);
    expect(waits).toBe(3);
  });
});

describe('the default write limits', () => {
  it('are the numbers docs/api.md states', () => {
    const doc = fs.readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const at = doc.indexOf('## Limits');
    expect(at).toBeGreaterThanOrEqual(0);
    const end = doc.indexOf('\n## ', at + 1);
    const section = doc.slice(at, end < 0 ? undefined : end);
    const d = DEFAULT_WRITE_LIMITS;
    const words = (n: number) => n.toLocaleString('en-GB');
    for (const n of [
      ...Object.values(d.perWindow),
      ...Object.values(d.perDate),
      ...Object.values(d.total),
    ]) {
      expect(section).toContain(words(n));
    }
    expect(d.windowSeconds).toBe(60);
  });
});
