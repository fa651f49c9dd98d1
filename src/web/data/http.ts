// Calls the API and turns its answers (JSON or RFC 9457 problem details) into outcomes the screens can show.
import type { Problem } from '../../engine/problems.js';
import type { Failure, Outcome } from './types.js';

interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { path?: string; message?: string; received?: unknown }[];
  retryAfterSeconds?: unknown;
}

const NETWORK: Failure = {
  kind: 'network',
  code: 'offline',
  title: 'No connection',
  detail: 'Backchain could not reach the server. Check your connection and try again.',
};

/** How long to wait after a 429 that says nothing readable about it (docs/api.md "Limits"). */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** The last part of a problem type URL is its stable code, e.g. `programme-paused`. */
function codeOf(type: string | undefined): string {
  return type?.split('/').pop() ?? 'unknown';
}

/**
 * Seconds to wait from a `Retry-After` header, which is either whole seconds or an HTTP date; null
 * when it is missing or unreadable, so the caller can fall back on something else.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now = Date.now(),
): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  // An HTTP date always names its day of the week and its time, which a bare number or word does not.
  if (!/[a-z]/i.test(value) || !/\d:\d/.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * A failed answer as a Failure. `retryAfter` is the answer's `Retry-After` header: a 429 carries how long
 * to wait (the header, else the problem's `retryAfterSeconds`, else a minute), so nothing is sent too soon.
 */
export function failureFromProblem(
  status: number,
  p: ProblemDetails,
  retryAfter?: string | null,
  now = Date.now(),
): Failure {
  const title = p.title ?? `The server answered ${status}`;
  const detail = p.detail ?? '';
  if (status === 400 && p.errors) {
    const problems: Problem[] = p.errors.map((e) => ({
      path: e.path ?? '',
      expected: '',
      received: e.received === undefined ? '' : JSON.stringify(e.received),
      message: e.message ?? detail,
    }));
    return { kind: 'invalid', title, problems };
  }
  if (status === 429) {
    const fromBody =
      typeof p.retryAfterSeconds === 'number' &&
      Number.isFinite(p.retryAfterSeconds) &&
      p.retryAfterSeconds >= 0
        ? Math.ceil(p.retryAfterSeconds)
        : null;
    const seconds = parseRetryAfter(retryAfter, now) ?? fromBody ?? DEFAULT_RETRY_AFTER_SECONDS;
    return {
      kind: 'limited',
      code: p.type ? codeOf(p.type) : 'too-many-requests',
      title: p.title ?? 'Too many at once',
      detail:
        p.detail ??
        `The server asked to wait ${String(seconds)} second${seconds === 1 ? '' : 's'} before sending more.`,
      status,
      retryAfterSeconds: seconds,
    };
  }
  const kind =
    status === 401 || status === 403
      ? 'auth'
      : status === 404
        ? 'not-found'
        : status === 409
          ? 'conflict'
          : 'server';
  return { kind, code: codeOf(p.type), title, detail, status };
}

/** What became of a write the server did not store. */
export type WriteVerdict =
  /** Not stored, and sending the same item again later may store it: keep it. */
  | 'later'
  /** Refused for good: sending it again would be refused the same way. */
  | 'refused';

/**
 * Whether a failed write is worth keeping to send again. Only an answer about the item itself (bad data,
 * a conflict with the record, a full day or record) gives it up; a lost connection, a 429, a server
 * fault (5xx), a momentary `busy` and a lapsed sign-in keep it, so nothing is lost that could be stored.
 */
export function writeVerdict(failure: Failure): WriteVerdict {
  switch (failure.kind) {
    case 'invalid':
      return 'refused';
    case 'network':
    case 'limited':
    case 'auth':
      return 'later';
    case 'conflict':
      return failure.code === 'busy' ? 'later' : 'refused';
    case 'not-found':
      return 'refused';
    case 'server': {
      const status = failure.status;
      // No status: the answer could not be read. 408 asks for the same request again.
      if (status === undefined || status >= 500 || status === 408) return 'later';
      return status >= 400 ? 'refused' : 'later';
    }
  }
}

const UNREADABLE: Failure = {
  kind: 'network',
  code: 'answer-lost',
  title: 'The answer was lost on the way',
  detail: 'The connection broke while the server answered. Try again in a moment.',
};

/** Sends one request; a network failure (offline) is an outcome, not an exception. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, error: NETWORK };
  }
  if (response.status === 204) return { ok: true, value: undefined as T };
  const type = response.headers.get('content-type') ?? '';
  let payload: unknown;
  try {
    payload = type.includes('json') ? await response.json() : await response.text();
  } catch {
    // A body cut off or garbled (a proxy's error page, a dropped connection): a success whose answer is
    // lost is sent again (its clientId keeps it from being stored twice); a failure keeps its status.
    if (response.ok) return { ok: false, error: UNREADABLE };
    payload = {};
  }
  if (response.ok) return { ok: true, value: payload as T };
  return {
    ok: false,
    error: failureFromProblem(
      response.status,
      typeof payload === 'object' && payload !== null ? payload : {},
      response.headers.get('retry-after'),
    ),
  };
}
