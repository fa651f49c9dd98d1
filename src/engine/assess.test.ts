// Tests the one pipeline from answers to advice: `planFor` builds the programme from its own assessment, every
// raw-answer entry goes through it, a stored assessment's programme is rebuilt the same way, and it is pure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intakeArb, junkArb } from '../../test/arbitraries.js';
import { ANSWERS } from '../../test/fixtures.js';
import { knowledgeBase } from '../kb/index.js';
import { assess, assessAndPlan, planFor, programmeFor } from './assess.js';
import { endBackOff } from './back-off.js';
import { parseIntake, type Intake } from './intake.js';
import { initialProgrammeState } from './session.js';

function parsed(input: unknown): Intake {
  const r = parseIntake(input);
  if (!r.ok) throw new Error(`fixture does not parse: ${r.problems[0]?.message ?? ''}`);
  return r.value;
}

describe('planFor', () => {
  it('builds the programme from its own assessment: the same gate, phase and knowledge base', () => {
    fc.assert(
      fc.property(intakeArb, (input) => {
        const { assessment, programme } = planFor(parsed(input), knowledgeBase);
        expect(programme.gate).toBe(assessment.exercise);
        expect(programme.phase).toBe(assessment.phase);
        expect(programme.knowledgeBase).toBe(knowledgeBase.version);
        expect(assessment.knowledgeBase).toBe(knowledgeBase.version);
        if (assessment.exercise === 'not-now') expect(programme.items).toStrictEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('is what assess and assessAndPlan give for the same raw answers, valid or not', () => {
    fc.assert(
      fc.property(fc.oneof(intakeArb, junkArb), (input) => {
        const parse = parseIntake(input);
        const planned = assessAndPlan(input, knowledgeBase);
        const assessed = assess(input, knowledgeBase);
        expect(planned.ok).toBe(parse.ok);
        expect(assessed.ok).toBe(parse.ok);
        if (!parse.ok || !planned.ok || !assessed.ok) return;
        const once = planFor(parse.value, knowledgeBase);
        expect(planned.value).toStrictEqual(once);
        expect(assessed.value).toStrictEqual(once.assessment);
      }),
      { numRuns: 300 },
    );
  });

  it('is pure: the answers are left as they were, and the same answers give the same plan', () => {
    fc.assert(
      fc.property(intakeArb, (input) => {
        const answers = parsed(input);
        const before = structuredClone(answers);
        const first = planFor(answers, knowledgeBase);
        expect(answers).toStrictEqual(before);
        expect(planFor(structuredClone(answers), knowledgeBase)).toStrictEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it('stamps the knowledge base it is given, not a global one', () => {
    const other = { ...knowledgeBase, version: 'kb-under-test' };
    const { assessment, programme } = planFor(parsed(ANSWERS), other);
    expect(assessment.knowledgeBase).toBe('kb-under-test');
    expect(programme.knowledgeBase).toBe('kb-under-test');
  });
});

describe('programmeFor', () => {
  it('rebuilds a stored assessment’s programme as it was first built', () => {
    fc.assert(
      fc.property(intakeArb, (input) => {
        const answers = parsed(input);
        const { assessment, programme } = planFor(answers, knowledgeBase);
        // As stored: through JSON, the way every store keeps it.
        const stored = JSON.parse(JSON.stringify({ answers, result: assessment })) as {
          answers: Intake;
          result: typeof assessment;
        };
        expect(programmeFor(stored, knowledgeBase)).toStrictEqual(programme);
      }),
      { numRuns: 100 },
    );
  });

  it('is the programme a back-off ends with, when the stop rules dropped nothing', () => {
    const answers = parsed(ANSWERS);
    const { assessment, programme } = planFor(answers, knowledgeBase);
    expect(programme.items.length).toBeGreaterThan(0);
    const ended = endBackOff(
      { answers, result: assessment },
      initialProgrammeState(),
      knowledgeBase,
    );
    expect(ended.programme).toStrictEqual(programme);
  });
});
