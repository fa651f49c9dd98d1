// HTTP problems (RFC 9457): the one place where outcomes become status codes.
import type { Problem } from '../engine/problems.js';
import type { RecordError, RecordErrorKind } from '../service/records.js';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string; expected: string; received?: string }[];
  requestId?: string;
  /** Further members a problem type defines (e.g. `refusals` of a refused programme change). */
  [member: string]: unknown;
}

/** A failure with a status the client can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    /** Further members of the problem body, after the standard ones (never replacing them). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

/** Input that failed validation: carries one problem per field. */
export class InputProblems extends Error {
  readonly statusCode = 400;
  constructor(
    readonly part: string,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => p.message).join('; '));
  }
}

export const PROBLEM_BASE = 'https://backchain.invalid/problems/';

export function problemBody(
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  const standard = { type: `${PROBLEM_BASE}${slug}`, title, status, detail };
  // The standard members lead, and are written again last so that no extra member can replace them.
  return { ...standard, ...extra, ...standard };
}

export function validationBody(err: InputProblems): ProblemDetails {
  return problemBody(400, 'validation', 'Some of what was sent is not valid', err.message, {
    errors: err.problems.map((p) => ({
      path: p.path,
      message: p.message,
      expected: p.expected,
      received: p.received,
    })),
  });
}

/** A 4xx the framework raised itself (body too large, not JSON, wrong media type): its problem type. */
export function frameworkSlug(status: number): string {
  switch (status) {
    case 413:
      return 'too-large';
    case 415:
      return 'unsupported-media-type';
    case 431:
      return 'headers-too-large';
    case 408:
      return 'timeout';
    case 404:
      return 'not-found';
    default:
      return 'bad-request';
  }
}

export const forbidden = (slug: string, title: string, detail: string) =>
  new ApiError(403, slug, title, detail);

export const unauthorized = () =>
  new ApiError(
    401,
    'unauthorized',
    'Not signed in',
    'Sign in, or send a personal access token, to use this route.',
  );

/** The status of each kind of refusal from the record service. */
const RECORD_ERROR_STATUS: Record<RecordErrorKind, number> = {
  conflict: 409,
  'not-found': 404,
  invalid: 400,
  forbidden: 403,
  refused: 422,
  limited: 429,
};

/**
 * A refusal of the record service as the HTTP problem it is; its code becomes the problem type, its
 * `extra` members (a refused change's `refusals`) join the body, and a `limited` refusal says when to
 * try again in `Retry-After` (from `extra.retryAfterSeconds`), as the sign-in limits do.
 */
export function recordProblem(err: RecordError): ApiError {
  const headers: Record<string, string> = {};
  const wait = err.extra.retryAfterSeconds;
  if (err.kind === 'limited' && typeof wait === 'number' && Number.isFinite(wait)) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(wait)));
  }
  return new ApiError(
    RECORD_ERROR_STATUS[err.kind],
    err.code,
    err.title,
    err.detail,
    headers,
    err.extra,
  );
}
