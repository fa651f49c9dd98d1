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
}

/** A failure with a status the client can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
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
  return { type: `${PROBLEM_BASE}${slug}`, title, status, detail, ...extra };
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
};

/** A refusal of the record service as the HTTP problem it is; its code becomes the problem type. */
export function recordProblem(err: RecordError): ApiError {
  return new ApiError(RECORD_ERROR_STATUS[err.kind], err.code, err.title, err.detail);
}
