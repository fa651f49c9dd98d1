// The error answers (RFC 9457 problem details, problems.ts) as zod schemas, for the OpenAPI document: one
// schema a status, with the members that status can carry. `declareProblems` puts them on every API route:
// the statuses its access rules, its input and its method imply, and those its service can give, which the
// route names in `config.problems`. Only the document uses them: answers are sent as plain JSON, unchecked.
import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import type { RefusalRule } from '../engine/clinician-change.js';
import { dosage } from '../service/responses.js';

/** The statuses an API route can answer with a problem. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500;

/** Every rule the engine can name (a record, so a new rule fails to compile here until it is added). */
const REFUSAL_RULES: Record<RefusalRule, true> = {
  'unknown-exercise': true,
  'not-in-programme': true,
  'already-in-programme': true,
  gate: true,
  'never-when': true,
  'stop-rule': true,
  'back-off': true,
  'dose-range': true,
  'times-range': true,
  'warning-pause': true,
};

/** One field that failed validation. */
const fieldProblem = z.strictObject({
  path: z.string().describe('the field, as a dotted path ("" for the whole part)'),
  message: z.string(),
  expected: z.string(),
  received: z.string().optional(),
});

/** One refused change of a clinician's programme change. */
const changeRefusal = z.strictObject({
  index: z.int().describe('the change refused, by its place in `changes` (from 0)'),
  exerciseId: z.string().nullable(),
  rule: z.enum(Object.keys(REFUSAL_RULES) as [RefusalRule, ...RefusalRule[]]),
  text: z.string().describe('the rule in words, with the lowest dose where `lowest` is given'),
  lowest: z
    .strictObject({ dosage, timesPerDay: z.int() })
    .optional()
    .describe('the lowest dose of the exercise, which is all the rule allows'),
});

/** The members a status's problems can carry besides the standard ones. */
const EXTRA = {
  400: {
    errors: z.array(fieldProblem).optional().describe('each field that failed validation'),
  },
  409: {
    versionNumber: z
      .int()
      .optional()
      .describe('`version-changed`: the programme version now current'),
  },
  422: {
    refusals: z
      .array(changeRefusal)
      .optional()
      .describe('`change-refused`: each refused change and the rule behind it'),
    limit: z.int().optional().describe('`day-full`, `record-full`: the limit reached'),
  },
  429: {
    retryAfterSeconds: z
      .int()
      .optional()
      .describe('when to try again, in seconds (as in the Retry-After header)'),
  },
} as const satisfies Partial<Record<ProblemStatus, z.ZodRawShape>>;

const DESCRIPTION: Record<ProblemStatus, string> = {
  400: 'The request could not be read, or a part of it is not valid (`errors` names each field).',
  401: 'Not signed in, or the session or token has ended.',
  403: 'Refused: the credential may not do this, the account is of the other kind, or the request came from another site.',
  404: 'Not found, or not yours to see.',
  409: 'The record is not in a state that allows this now.',
  413: 'The body is larger than the server accepts.',
  415: 'The body is not JSON.',
  422: 'Refused by a rule: a limit of the record, or the safety check on a programme change.',
  429: 'Too many at once: the Retry-After header says when to try again.',
  500: 'Something went wrong on the server; the request id helps to find it.',
};

/** The problem body of one status: the standard members, the request id and that status's own. */
export function problemSchema(status: ProblemStatus) {
  return z.strictObject({
    type: z.string().describe('the problem type, a URI naming what went wrong'),
    title: z.string(),
    status: z.literal(status),
    detail: z.string().describe('what went wrong and what to do, in words'),
    requestId: z.string().describe('the request id, as in the X-Request-Id header'),
    ...(status in EXTRA ? EXTRA[status as keyof typeof EXTRA] : {}),
  });
}

/** A problem response as Fastify and the OpenAPI document take it: its media type and description. */
function problemResponse(status: ProblemStatus) {
  return {
    description: DESCRIPTION[status],
    content: { 'application/problem+json': { schema: problemSchema(status) } },
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The problems the route's own work can answer (a record not found, a conflict, a rule's refusal, a
     * limit), besides those its access, input and method imply (`impliedProblems`).
     */
    problems?: readonly ProblemStatus[];
  }
}

/** Methods whose request may carry a body, which Fastify reads (413 too large, 415 not JSON, 400 unreadable). */
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Methods the cross-site check guards (app.ts): a cookie-signed request from another site is refused, 403. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The problems any route with these access rules, input and method can answer, before its own work. */
export function impliedProblems(route: Pick<RouteOptions, 'method' | 'schema' | 'config'>) {
  const methods = [route.method].flat();
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const access = route.config?.access ?? 'public';
  const out = new Set<ProblemStatus>([500]);
  const hasBody = methods.some((m) => WITH_BODY.has(m));
  if (hasBody || ['body', 'querystring', 'params'].some((part) => schema[part] !== undefined)) {
    out.add(400);
  }
  if (hasBody) {
    out.add(413);
    out.add(415);
  }
  if (access !== 'public') out.add(401);
  const scoped = access !== 'public' && access !== 'signed-in';
  const roleChecked = access !== 'public' && route.config?.role !== undefined;
  if (scoped || roleChecked || methods.some((m) => STATE_CHANGING.has(m))) out.add(403);
  return out;
}

/**
 * An `onRoute` hook: declares on each API route the problems it can answer, in order of status, beside
 * its successes (a route's own declaration of a status wins).
 */
export function declareProblems(route: RouteOptions): void {
  if (!route.url.startsWith('/api/')) return;
  const statuses = new Set([...impliedProblems(route), ...(route.config?.problems ?? [])]);
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  if (schema.hide === true) return;
  const own = (schema.response ?? {}) as Record<string, unknown>;
  const problems = [...statuses].sort((a, b) => a - b).map((s) => [s, problemResponse(s)]);
  route.schema = { ...schema, response: { ...own, ...Object.fromEntries(problems), ...own } };
}
