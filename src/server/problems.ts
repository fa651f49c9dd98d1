// HTTP problems (RFC 9457): the one place where outcomes become status codes.
import type { Problem } from '../engine/problems.js';

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

export const unauthorized = () =>
  new ApiError(
    401,
    'unauthorized',
    'Not signed in',
    'Sign in, or send a personal access token, to use this route.',
  );
export const notFound = (what: string) =>
  new ApiError(404, 'not-found', 'Not found', `There is no ${what} here.`);
