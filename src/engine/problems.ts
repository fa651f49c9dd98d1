// Typed problems: what the engine returns instead of throwing when input is wrong.
// Each names the field path, what was expected and what was given; only the edges turn them into exit codes or HTTP.
import type { z } from 'zod';

export interface Problem {
  /** Dotted path to the field, with list positions in brackets: `startBack.q9`, `painAreas[1]`. */
  path: string;
  expected: string;
  /** What was given, as short JSON, or `nothing` when the field was missing. */
  received: string;
  /** One line a person can read: `path: expected …, got …`. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Formats a path the way every problem names it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(answers)' : out;
}

/** Shows a given value briefly and safely: JSON, cut at 60 characters. */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = typeof value;
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function problem(
  path: readonly PropertyKey[],
  expected: string,
  received: unknown,
): Problem {
  const p = formatPath(path);
  const got = describeReceived(received);
  return {
    path: p,
    expected,
    received: got,
    message: `${p}: expected ${expected}, got ${got}`,
  };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = root;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

const TYPE_WORDS: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  string: 'text',
  array: 'a list',
  object: 'an object',
};

function genericExpectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? issue.expected;
    case 'invalid_value':
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `at least ${String(issue.minimum)} item(s)`
        : `at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `at most ${String(issue.maximum)} item(s)`
        : `at most ${String(issue.maximum)}`;
    case 'custom':
    case 'invalid_element':
    case 'invalid_format':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      return issue.message;
  }
}

const OWN_EXPECTATION_PARAM = 'ownExpectation';

/**
 * The `params` of a zod custom issue whose message is the whole expectation (a rule across fields, such as
 * `legSide` against `painAreas`): the problem shows that message instead of the field's usual expectation.
 */
export const OWN_EXPECTATION = { [OWN_EXPECTATION_PARAM]: true } as const;

/**
 * Turns zod issues into problems. `expectations` gives the full expectation for a field by its path
 * (for example `age`: "a whole number from 16 to 110"), so every problem with that field reads the same.
 */
export function problemsFromZod(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  expectations: Readonly<Record<string, string>> = {},
): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        out.push(
          problem(path, 'no such field (unknown fields are not accepted)', valueAt(input, path)),
        );
      }
      continue;
    }
    const path = issue.path;
    // A rule across fields marks its issue (OWN_EXPECTATION): its message says what was expected, not the
    // field's table entry. Other custom issues (one field's refinement) read like that field's other problems.
    const expected =
      issue.code === 'custom' && issue.params?.[OWN_EXPECTATION_PARAM] === true
        ? issue.message
        : (expectations[formatPath(path)] ?? genericExpectation(issue));
    out.push(problem(path, expected, valueAt(input, path)));
  }
  return out;
}

/** Prefixes every key of an expectations table, for a schema nested under a field (`answers.age`). */
export function nestExpectations(
  prefix: string,
  expectations: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(expectations).map(([k, v]) => [`${prefix}.${k}`, v]));
}
