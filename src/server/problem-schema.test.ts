// The problems a route declares from its access rules, input and method (problem-schema.ts), and the problem
// schemas' members: each status's own, and no other.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { impliedProblems, problemSchema, type ProblemStatus } from './problem-schema.js';

describe('impliedProblems', () => {
  const sorted = (s: Set<ProblemStatus>) => [...s].sort((a, b) => a - b);
  it.each([
    { name: 'a public read with no input', method: 'GET', config: {}, schema: {}, want: [500] },
    {
      name: 'a public write (sign-up): invalid, too large, not JSON, cross-site',
      method: 'POST',
      config: { access: 'public' },
      schema: { body: z.object({}) },
      want: [400, 403, 413, 415, 500],
    },
    {
      name: 'a scoped read with a query: invalid, not signed in, out of scope',
      method: 'GET',
      config: { access: 'read' },
      schema: { querystring: z.object({}) },
      want: [400, 401, 403, 500],
    },
    {
      name: 'any signed-in read with no input and no role: only not signed in',
      method: 'GET',
      config: { access: 'signed-in' },
      schema: {},
      want: [401, 500],
    },
    {
      name: 'a role-checked read: the other kind of account is refused',
      method: 'GET',
      config: { access: 'signed-in', role: 'person' },
      schema: {},
      want: [401, 403, 500],
    },
    {
      name: 'a delete by id: a body may come too',
      method: 'DELETE',
      config: { access: 'account' },
      schema: { params: z.object({}) },
      want: [400, 401, 403, 413, 415, 500],
    },
  ] as const)('$name', ({ method, config, schema, want }) => {
    expect(sorted(impliedProblems({ method, config, schema }))).toStrictEqual(want);
  });
});

describe('problemSchema', () => {
  const base = {
    type: 'https://backchain.invalid/problems/x',
    title: 'T',
    detail: 'D',
    requestId: 'r',
  };
  it('takes the standard members with its own status, and refuses another status', () => {
    expect(problemSchema(404).safeParse({ ...base, status: 404 }).success).toBe(true);
    expect(problemSchema(404).safeParse({ ...base, status: 400 }).success).toBe(false);
    expect(
      problemSchema(404).safeParse({ ...base, status: 404, requestId: undefined }).success,
    ).toBe(false);
  });

  it.each([
    { status: 400, member: { errors: [{ path: 'a', message: 'm', expected: 'e' }] } },
    { status: 409, member: { versionNumber: 3 } },
    { status: 422, member: { limit: 10 } },
    {
      status: 422,
      member: {
        refusals: [
          {
            index: 0,
            exerciseId: 'glute-bridge',
            rule: 'back-off',
            text: 'T',
            lowest: {
              dosage: { unit: 'reps', amount: 10, repeats: 1, sets: 1, sides: 'none' },
              timesPerDay: 1,
            },
          },
        ],
      },
    },
    { status: 429, member: { retryAfterSeconds: 60 } },
  ] as const)('$status takes its own member, and no other status does', ({ status, member }) => {
    expect(problemSchema(status).safeParse({ ...base, status, ...member }).success).toBe(true);
    expect(problemSchema(404).safeParse({ ...base, status: 404, ...member }).success).toBe(false);
  });
});
