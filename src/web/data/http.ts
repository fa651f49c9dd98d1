// Calls the API and turns its answers (JSON or RFC 9457 problem details) into outcomes the screens can show.
import type { Problem } from '../../engine/problems.js';
import type { Failure, Outcome } from './types.js';

interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { path?: string; message?: string; received?: unknown }[];
}

const NETWORK: Failure = {
  kind: 'network',
  code: 'offline',
  title: 'No connection',
  detail: 'Backchain could not reach the server. Check your connection and try again.',
};

/** The last part of a problem type URL is its stable code, e.g. `programme-paused`. */
function codeOf(type: string | undefined): string {
  return type?.split('/').pop() ?? 'unknown';
}

export function failureFromProblem(status: number, p: ProblemDetails): Failure {
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
  const kind =
    status === 401 || status === 403
      ? 'auth'
      : status === 404
        ? 'not-found'
        : status === 409
          ? 'conflict'
          : 'server';
  return { kind, code: codeOf(p.type), title, detail };
}

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
  const payload: unknown = type.includes('json') ? await response.json() : await response.text();
  if (response.ok) return { ok: true, value: payload as T };
  return {
    ok: false,
    error: failureFromProblem(
      response.status,
      typeof payload === 'object' && payload !== null ? payload : {},
    ),
  };
}
