// Tests the account mode's outbox against a fake server: nothing leaves the outbox unless it was stored or refused
// for good, items go oldest first, a 429 waits for Retry-After, a fault backs off, and a refusal is listed.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxItem } from './idb.js';
import type { PauseReason } from './types.js';

/** IndexedDB as two maps: the fake browser storage the module reads and writes. */
const db = vi.hoisted(() => ({
  kv: new Map<string, unknown>(),
  outbox: new Map<string, OutboxItem>(),
}));

vi.mock('./idb.js', () => ({
  kvGet: (key: string) => Promise.resolve(structuredClone(db.kv.get(key))),
  kvSet: (key: string, value: unknown) => {
    db.kv.set(key, structuredClone(value));
    return Promise.resolve();
  },
  outboxAdd: (item: OutboxItem) => {
    db.outbox.set(item.key, structuredClone(item));
    return Promise.resolve();
  },
  outboxAll: () => Promise.resolve([...db.outbox.values()].map((i) => structuredClone(i))),
  outboxRemove: (key: string) => {
    db.outbox.delete(key);
    return Promise.resolve();
  },
}));

/** One answer of the fake server. */
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
type Script = (call: { method: string; path: string; body: unknown }) => Reply | 'down';

const OK: Reply = { status: 201, body: { id: 'stored' } };
const tooFast = (seconds: string | null): Reply => ({
  status: 429,
  body: { type: '/problems/too-many-writes', title: 'Too many at once', detail: 'Wait.' },
  headers: seconds === null ? {} : { 'retry-after': seconds },
});
const FAULT: Reply = { status: 503, body: { title: 'Service unavailable' } };
const DAY_FULL: Reply = {
  status: 422,
  body: { type: '/problems/day-full', title: 'That day is full', detail: 'One day holds 24.' },
};

let calls: { method: string; path: string; body: unknown }[] = [];
let script: Script = () => OK;

function serve(next: Script): void {
  script = next;
}

/** Only the writes (POSTs), in the order they reached the server. */
const posts = () => calls.filter((c) => c.method === 'POST');
const sentKeys = () => posts().map((c) => (c.body as { clientId: string }).clientId);

beforeEach(() => {
  vi.resetModules();
  vi.useFakeTimers({ now: Date.parse('2026-11-29T21:00:00.000Z') });
  db.kv.clear();
  db.outbox.clear();
  calls = [];
  script = () => OK;
  vi.stubGlobal(
    'fetch',
    vi.fn((path: string, init: { method: string; body?: string }) => {
      const call = {
        method: init.method,
        path,
        body: init.body === undefined ? undefined : (JSON.parse(init.body) as unknown),
      };
      calls.push(call);
      const reply = script(call);
      if (reply === 'down') return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(
        new Response(JSON.stringify(reply.body ?? {}), {
          status: reply.status,
          headers: { 'content-type': 'application/json', ...reply.headers },
        }),
      );
    }),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A fresh copy of the module (its retry timer and back-off start from nothing). */
const load = () => import('./api-repo.js');

/** Queues `keys` as check-ins made one second apart, oldest first. */
function queue(...keys: string[]): void {
  keys.forEach((key, i) => {
    db.outbox.set(key, {
      key,
      path: '/api/checkins',
      body: { date: '2026-11-03', painNow: 3, clientId: key },
      queuedAt: new Date(Date.parse('2026-11-03T08:00:00.000Z') + i * 1000).toISOString(),
    });
  });
}

const waiting = () =>
  [...db.outbox.values()].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)).map((i) => i.key);

describe('flushOutbox', () => {
  it('sends oldest first and empties the outbox when all are stored', async () => {
    const { flushOutbox } = await load();
    queue('dev-c', 'dev-a', 'dev-b');
    const result = await flushOutbox();
    expect(sentKeys()).toEqual(['dev-c', 'dev-a', 'dev-b']);
    expect(result).toMatchObject({ sent: 3, refused: 0, stoppedBy: null, retryInMs: null });
    expect(waiting()).toEqual([]);
  });

  it('on a 429 keeps that item and every later one, and sends them again after Retry-After', async () => {
    const { flushOutbox } = await load();
    queue('dev-1', 'dev-2', 'dev-3');
    let limited = true;
    serve(({ body }) =>
      limited && (body as { clientId: string }).clientId === 'dev-2' ? tooFast('30') : OK,
    );
    const result = await flushOutbox();
    expect(result.sent).toBe(1);
    expect(result.stoppedBy).toMatchObject({ kind: 'limited', retryAfterSeconds: 30 });
    expect(result.retryInMs).toBe(30_000);
    expect(sentKeys()).toEqual(['dev-1', 'dev-2']);
    expect(waiting()).toEqual(['dev-2', 'dev-3']);

    limited = false;
    // Nothing is sent before the server's time, even when asked (the network coming back, say).
    await flushOutbox();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(sentKeys()).toEqual(['dev-1', 'dev-2']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sentKeys()).toEqual(['dev-1', 'dev-2', 'dev-2', 'dev-3']);
    expect(waiting()).toEqual([]);
  });

  it('waits a minute after a 429 without a readable Retry-After', async () => {
    const { flushOutbox } = await load();
    queue('dev-1');
    serve(() => tooFast('later, please'));
    expect((await flushOutbox()).retryInMs).toBe(60_000);
    expect(waiting()).toEqual(['dev-1']);
  });

  it('on a server fault keeps everything and backs off 30 s, 60 s, … up to 10 minutes', async () => {
    const { flushOutbox, backOffMs } = await load();
    queue('dev-1', 'dev-2');
    serve(() => FAULT);
    const delays: (number | null)[] = [];
    for (let i = 0; i < 7; i++) delays.push((await flushOutbox()).retryInMs);
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
    expect(backOffMs(50)).toBe(600_000);
    // Only the oldest was tried each time: the later one waits behind it.
    expect(new Set(sentKeys())).toEqual(new Set(['dev-1']));
    expect(waiting()).toEqual(['dev-1', 'dev-2']);
  });

  it('retries a fault on its own timer, and starts the back-off again after a success', async () => {
    const { flushOutbox, onOutboxFlushed } = await load();
    const heard: number[] = [];
    onOutboxFlushed((r) => heard.push(r.sent));
    queue('dev-1');
    let up = false;
    serve(() => (up ? OK : FAULT));
    expect((await flushOutbox()).retryInMs).toBe(30_000);
    up = true;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(waiting()).toEqual([]);
    expect(heard).toEqual([0, 1]);

    queue('dev-2');
    up = false;
    expect((await flushOutbox()).retryInMs).toBe(30_000);
  });

  it('keeps everything while the network is down', async () => {
    const { flushOutbox } = await load();
    queue('dev-1', 'dev-2');
    serve(() => 'down');
    const result = await flushOutbox();
    expect(result.stoppedBy).toMatchObject({ kind: 'network' });
    expect(waiting()).toEqual(['dev-1', 'dev-2']);
  });

  it('keeps everything when the sign-in has lapsed, and waits for a new one rather than a timer', async () => {
    const { flushOutbox } = await load();
    queue('dev-1');
    serve(() => ({ status: 401, body: { title: 'Please sign in' } }));
    const result = await flushOutbox();
    expect(result.retryInMs).toBeNull();
    expect(waiting()).toEqual(['dev-1']);
  });

  it('counts a repeat the server already had as sent', async () => {
    const { flushOutbox } = await load();
    queue('dev-1');
    serve(() => ({ status: 200, body: { id: 'stored-before' } }));
    expect((await flushOutbox()).sent).toBe(1);
    expect(waiting()).toEqual([]);
  });

  it('removes a record refused for good, lists it in words, and goes on with the next', async () => {
    const { flushOutbox, refusedRecords, refusedNotice, dismissRefused } = await load();
    queue('dev-1', 'dev-2');
    serve(({ body }) => ((body as { clientId: string }).clientId === 'dev-1' ? DAY_FULL : OK));
    const result = await flushOutbox();
    expect(result).toMatchObject({ sent: 1, refused: 1, stoppedBy: null });
    expect(waiting()).toEqual([]);
    const refused = await refusedRecords();
    expect(refused).toMatchObject([
      { key: 'dev-1', path: '/api/checkins', date: '2026-11-03', title: 'That day is full' },
    ]);
    expect(refusedNotice(refused)).toMatch(
      /^1 saved record could not be stored: your check-in of .*2026 \(That day is full\)\.$/,
    );
    await dismissRefused();
    expect(await refusedRecords()).toEqual([]);
  });

  it('gives the next pass to a call made during one, so what was just queued is sent', async () => {
    const { flushOutbox } = await load();
    queue('dev-1');
    const first = flushOutbox();
    queue('dev-1', 'dev-2');
    const second = flushOutbox();
    expect(second).not.toBe(first);
    await Promise.all([first, second]);
    expect(waiting()).toEqual([]);
    expect(sentKeys()).toContain('dev-2');
  });

  /** One answer the fake server may give a write. */
  const ANSWERS = ['ok', 'duplicate', 'limited', 'fault', 'refused', 'invalid', 'down'] as const;
  type Answer = (typeof ANSWERS)[number];
  const replyOf = (a: Answer): Reply | 'down' =>
    a === 'ok'
      ? OK
      : a === 'duplicate'
        ? { status: 200, body: {} }
        : a === 'limited'
          ? tooFast('10')
          : a === 'fault'
            ? FAULT
            : a === 'refused'
              ? DAY_FULL
              : a === 'invalid'
                ? { status: 400, body: { title: 'Bad', errors: [{ path: 'x', message: 'no' }] } }
                : 'down';

  it('never loses a record: what leaves the outbox was stored or listed as refused, and the rest keep their order', async () => {
    const { flushOutbox, refusedRecords } = await load();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...ANSWERS), { minLength: 1, maxLength: 8 }),
        async (answers) => {
          db.kv.clear();
          db.outbox.clear();
          calls = [];
          vi.setSystemTime(Date.now() + 3_600_000); // past any hold from the run before
          const keys = answers.map((_a, i) => `dev-item-${String(i)}`);
          queue(...keys);
          const stored = new Set<string>();
          serve(({ body }) => {
            const key = (body as { clientId: string }).clientId;
            const reply = replyOf(answers[keys.indexOf(key)] ?? 'ok');
            if (reply !== 'down' && reply.status < 300) stored.add(key);
            return reply;
          });
          await flushOutbox();
          const refused = new Set((await refusedRecords()).map((r) => r.key));
          const left = waiting();
          // Sent in order, each at most once in a pass.
          expect(sentKeys()).toEqual(keys.slice(0, sentKeys().length));
          keys.forEach((key, i) => {
            const gone = !left.includes(key);
            expect(gone).toBe(stored.has(key) || refused.has(key));
            // Only a refusal for good is listed as refused; a 429, a fault or no connection keeps it.
            const answer = answers[i] ?? 'ok';
            if (refused.has(key)) expect(['refused', 'invalid']).toContain(answer);
            if (['limited', 'fault', 'down'].includes(answer)) expect(gone).toBe(false);
          });
          // What waits is the tail from the first item kept: order kept, nothing skipped over.
          expect(left).toEqual(keys.slice(keys.length - left.length));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('ApiRepo writes', () => {
  const WARNING: PauseReason = {
    level: 'emergency',
    reasons: [],
    advice: 'Call your emergency number now.',
  };
  const checkinBody = { date: '2026-11-29', painNow: 2, warningSigns: { bladderChange: true } };

  it('keeps a check-in the server limited, says it is saved on the device, and sends it later', async () => {
    const { ApiRepo } = await load();
    let limited = true;
    serve(({ method }) => (method === 'POST' && limited ? tooFast('20') : OK));
    const out = await new ApiRepo().checkin({ ...checkinBody, clientId: 'dev-checkin-1' });
    expect(out).toEqual({
      ok: true,
      value: { id: 'dev-checkin-1', programmePaused: false, queued: true },
    });
    expect(waiting()).toEqual(['dev-checkin-1']);
    limited = false;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(waiting()).toEqual([]);
    expect(sentKeys()).toEqual(['dev-checkin-1', 'dev-checkin-1']);
  });

  it('keeps a warning standing on the device at once when its check-in hits a 429 or a 5xx', async () => {
    for (const reply of [tooFast('20'), FAULT]) {
      vi.resetModules();
      db.kv.clear();
      db.outbox.clear();
      const { ApiRepo } = await load();
      const repo = new ApiRepo();
      // Every request fails the same way, the reading of today included.
      serve(() => reply);
      const out = await repo.checkin({ ...checkinBody, clientId: 'dev-warn-1' }, WARNING);
      expect(out.ok && out.value.queued).toBe(true);
      const today = await repo.today('2026-11-29');
      expect(today.warning).toMatchObject({ level: 'emergency', advice: WARNING.advice });
      expect(today.sessionAllowed).toBe(false);
    }
  });

  it('answers a check-in refused for good with the refusal, and does not keep it', async () => {
    const { ApiRepo, refusedRecords } = await load();
    serve(() => DAY_FULL);
    const out = await new ApiRepo().checkin({ ...checkinBody, clientId: 'dev-full-1' });
    expect(out).toMatchObject({ ok: false, error: { kind: 'server', code: 'day-full' } });
    expect(waiting()).toEqual([]);
    // The screen shows this refusal itself; the bar does not repeat it.
    expect(await refusedRecords()).toEqual([]);
  });

  it('keeps a refused warning check-in’s warning standing, listed, until the person has read why', async () => {
    const { ApiRepo, refusedRecords, dismissRefused } = await load();
    const repo = new ApiRepo();
    serve(({ method }) => (method === 'POST' ? DAY_FULL : { status: 200, body: TODAY_CLEAR }));
    const out = await repo.checkin({ ...checkinBody, clientId: 'dev-full-2' }, WARNING);
    expect(out.ok).toBe(false);
    expect((await refusedRecords()).map((r) => r.key)).toEqual(['dev-full-2']);
    expect((await repo.today('2026-11-29')).warning?.level).toBe('emergency');
    await dismissRefused();
    expect((await repo.today('2026-11-29')).warning).toBeNull();
  });

  it('sends a new write after older ones still waiting, never before them', async () => {
    const { ApiRepo } = await load();
    queue('dev-old-1');
    serve(() => OK);
    const out = await new ApiRepo().logSession({
      date: '2026-11-29',
      entries: [],
      clientId: 'dev-session-1',
    });
    expect(out.ok && out.value.queued).toBeFalsy();
    expect(sentKeys()).toEqual(['dev-old-1', 'dev-session-1']);
  });

  it('while the server holds writes back, queues a new one behind the others without sending it', async () => {
    const { ApiRepo, flushOutbox } = await load();
    queue('dev-old-1');
    serve(() => tooFast('45'));
    await flushOutbox();
    const before = posts().length;
    const out = await new ApiRepo().logSession({
      date: '2026-11-29',
      entries: [],
      clientId: 'dev-session-2',
    });
    expect(out).toMatchObject({ ok: true, value: { id: 'dev-session-2', queued: true } });
    expect(posts().length).toBe(before);
    expect(waiting()).toEqual(['dev-old-1', 'dev-session-2']);
  });

  it('keeps a measurement the server could not store, and says so', async () => {
    const { ApiRepo } = await load();
    serve(() => FAULT);
    const out = await new ApiRepo().measure({
      date: '2026-11-29',
      kind: 'slr-angle',
      side: 'left',
      value: 55,
    });
    expect(out).toMatchObject({
      ok: true,
      value: { kind: 'slr-angle', side: 'left', value: 55, queued: true },
    });
    expect(db.outbox.size).toBe(1);
  });

  it('stores a measurement at once when the server takes it', async () => {
    const { ApiRepo } = await load();
    serve(() => ({ status: 201, body: { id: 'm1', kind: 'toe-touch', value: 3 } }));
    const out = await new ApiRepo().measure({ date: '2026-11-29', kind: 'toe-touch', value: 3 });
    expect(out).toMatchObject({ ok: true, value: { id: 'm1' } });
    expect(db.outbox.size).toBe(0);
  });
});

const TODAY_CLEAR = {
  warning: null,
  sessionAllowed: true,
  blockedBy: null,
  backOff: null,
  reassessmentAdvised: false,
  programmeNews: null,
  clinicianPause: null,
};
