// The public clinical vignettes, one test per case: level, gate, exact reasons, phase, top contributor, likelihoods, STarT Back.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../src/engine/assess.js';
import { knowledgeBase } from '../src/kb/index.js';

interface Vignette {
  id: string;
  story: string;
  answers: unknown;
  expect: {
    level: string;
    exercise: string;
    reasons: string[];
    phase: string;
    top?: string;
    likely?: string[];
    notLikely?: string[];
    startBackRisk?: string;
  };
}

const here = path.dirname(new URL(import.meta.url).pathname);
// The project's own copy of the public cases (docs/ and README link it); the original brief is not read.
const cases = JSON.parse(
  fs.readFileSync(path.join(here, 'vignettes', 'public.json'), 'utf8'),
) as Vignette[];

describe('public vignettes', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = assess(c.answers, knowledgeBase);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    const out = r.value;
    expect(out.triage.level).toBe(c.expect.level);
    expect(out.exercise).toBe(c.expect.exercise);
    expect(out.triage.reasons.map((x) => x.code).sort()).toEqual([...c.expect.reasons].sort());
    expect(out.phase).toBe(c.expect.phase);
    if (c.expect.top) expect(out.contributors[0]?.id).toBe(c.expect.top);
    const like = (id: string) => out.contributors.find((x) => x.id === id)?.likelihood;
    for (const id of c.expect.likely ?? []) expect(like(id), id).toBe('likely');
    for (const id of c.expect.notLikely ?? []) expect(like(id), id).not.toBe('likely');
    if (c.expect.startBackRisk) expect(out.startBack?.risk).toBe(c.expect.startBackRisk);
  });
});
