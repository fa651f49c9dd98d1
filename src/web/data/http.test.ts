// Tests how the web app reads the server's answers: Retry-After in both forms, a 429 as `limited`, a 5xx as a
// passing fault, a garbled body, and which failed writes are kept to send again and which are refused for good.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  api,
  DEFAULT_RETRY_AFTER_SECONDS,
  failureFromProblem,
  parseRetryAfter,
  writeVerdict,
  type WriteVerdict,
} from './http.js';
import type { Failure } from './types.js';

const NOW = Date.parse('2026-11-29T21:00:00.000Z');

describe('parseRetryAfter', () => {
  it.each<[string | null | undefined, number | null]>([
    ['30', 30],
    [' 0 ', 0],
    ['120', 120],
    ['Sun, 29 Nov 2026 21:00:45 GMT', 45],
    // A date already past means "now", never a negative wait.
    ['Sun, 29 Nov 2026 20:59:00 GMT', 0],
    [null, null],
    [undefined, null],
    ['', null],
    ['soon', null],
    ['-5', null],
    ['1.5', null],
    ['tomorrow 12:00', null],
  ])('reads %j as %j seconds', (header, seconds) => {
    expect(parseRetryAfter(header, NOW)).toBe(seconds);
  });
});

describe('failureFromProblem', () => {
  const tooFast = {
    type: 'https://backchain.example/problems/too-many-writes',
    title: 'Too many at once',
    status: 429,
    detail: 'Please send it again in 12 seconds.',
    retryAfterSeconds: 12,
  };

  it('makes a 429 `limited`, with the wait from Retry-After first', () => {
    const failure = failureFromProblem(429, tooFast, '40', NOW);
    expect(failure).toMatchObject({
      kind: 'limited',
      code: 'too-many-writes',
      status: 429,
      retryAfterSeconds: 40,
    });
  });

  it('falls back on the problem’s retryAfterSeconds, then on a minute', () => {
    expect(failureFromProblem(429, tooFast, null, NOW)).toMatchObject({ retryAfterSeconds: 12 });
    expect(failureFromProblem(429, tooFast, 'whenever', NOW)).toMatchObject({
      retryAfterSeconds: 12,
    });
    const bare = failureFromProblem(429, {}, null, NOW);
    expect(bare).toMatchObject({ kind: 'limited', retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS });
    expect(bare.title).toBe('Too many at once');
    expect('detail' in bare && bare.detail).toMatch(/60 seconds/);
  });

  it('keeps the status of other answers, so a 422 reads as a refusal and a 503 as a fault', () => {
    expect(failureFromProblem(422, { type: '/problems/day-full', title: 'Full' })).toMatchObject({
      kind: 'server',
      code: 'day-full',
      status: 422,
    });
    expect(failureFromProblem(503, {})).toMatchObject({ kind: 'server', status: 503 });
    expect(failureFromProblem(409, { type: '/problems/busy' })).toMatchObject({
      kind: 'conflict',
      code: 'busy',
    });
  });
});

describe('writeVerdict', () => {
  const failure = (status: number, type?: string): Failure =>
    failureFromProblem(status, type ? { type: `/problems/${type}` } : {}, '5', NOW);
  const network: Failure = { kind: 'network', code: 'offline', title: 'No connection', detail: '' };
  const unreadable: Failure = { kind: 'server', code: 'unreadable', title: 'x', detail: '' };
  const invalid = failureFromProblem(400, { errors: [{ path: 'painNow', message: '0 to 10' }] });

  it.each<[string, Failure, WriteVerdict]>([
    ['no connection', network, 'later'],
    ['429 too-many-writes', failure(429, 'too-many-writes'), 'later'],
    ['500', failure(500), 'later'],
    ['502 from a proxy', failure(502), 'later'],
    ['503', failure(503), 'later'],
    ['408', failure(408), 'later'],
    ['an answer that could not be read', unreadable, 'later'],
    ['409 busy', failure(409, 'busy'), 'later'],
    ['401 (the sign-in lapsed)', failure(401), 'later'],
    ['422 day-full', failure(422, 'day-full'), 'refused'],
    ['422 record-full', failure(422, 'record-full'), 'refused'],
    ['400 with errors', invalid, 'refused'],
    ['400 without errors', failure(400, 'validation'), 'refused'],
    ['409 programme-paused', failure(409, 'programme-paused'), 'refused'],
    ['413', failure(413), 'refused'],
  ])('%s: %s', (_name, f, verdict) => {
    expect(writeVerdict(f)).toBe(verdict);
  });
});

describe('api', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const answer = (response: Response | Error) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
      ),
    );
  };

  it('answers a 429 with its Retry-After as `limited`', async () => {
    answer(
      new Response(JSON.stringify({ title: 'Too many at once', retryAfterSeconds: 9 }), {
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '30' },
      }),
    );
    const out = await api('POST', '/api/checkins', { date: '2026-11-29' });
    expect(out).toMatchObject({ ok: false, error: { kind: 'limited', retryAfterSeconds: 30 } });
  });

  it('answers a 503 whose body is a proxy’s page as a server fault with its status', async () => {
    answer(
      new Response('<html>Bad gateway</html>', {
        status: 503,
        headers: { 'content-type': 'text/html' },
      }),
    );
    const out = await api('POST', '/api/checkins', {});
    expect(out).toMatchObject({ ok: false, error: { kind: 'server', status: 503 } });
    expect(!out.ok && writeVerdict(out.error)).toBe('later');
  });

  it('answers a 502 whose JSON is garbled as a server fault, not an exception', async () => {
    answer(
      new Response('{"title": "Bad', {
        status: 502,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const out = await api('POST', '/api/checkins', {});
    expect(out).toMatchObject({ ok: false, error: { kind: 'server', status: 502 } });
  });

  it('treats a success whose body was cut off as lost, to be sent again', async () => {
    answer(
      new Response('{"id": "x', { status: 201, headers: { 'content-type': 'application/json' } }),
    );
    const out = await api('POST', '/api/checkins', {});
    expect(out).toMatchObject({ ok: false, error: { kind: 'network', code: 'answer-lost' } });
  });

  it('answers a lost connection as `network`', async () => {
    answer(new TypeError('Failed to fetch'));
    const out = await api('POST', '/api/checkins', {});
    expect(out).toMatchObject({ ok: false, error: { kind: 'network' } });
  });
});
