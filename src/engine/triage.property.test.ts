// Safety invariants of triage, checked over generated answers (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intakeArb, junkArb, warningSignArb } from '../../test/arbitraries.js';
import { knowledgeBase } from '../kb/index.js';
import { assess, assessAndPlan } from './assess.js';
import { parseIntake, type IntakeInput } from './intake.js';
import { GATES, LEVELS, triage } from './triage.js';

const parse = (x: IntakeInput) => {
  const p = parseIntake(x);
  if (!p.ok) throw new Error(p.problems.map((q) => q.message).join('; '));
  return p.value;
};

describe('triage safety properties', () => {
  it('saddle numbness, bladder change or bowel change always gives emergency and not-now', () => {
    fc.assert(
      fc.property(
        intakeArb,
        fc.constantFrom('saddleNumbness', 'bladderChange', 'bowelChange'),
        (answers, sign) => {
          const out = triage(parse({ ...answers, [sign]: true }), knowledgeBase);
          expect(out.triage.level).toBe('emergency');
          expect(out.exercise).toBe('not-now');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('adding a warning sign never lowers the level or loosens the gate', () => {
    const extraSigns = fc.oneof(
      warningSignArb,
      fc.constantFrom<Partial<IntakeInput>>(
        { legSide: 'both' },
        { numbness: 'foot' },
        { legWeakness: 'foot-drop' },
        { painNow: 10 },
      ),
    );
    fc.assert(
      fc.property(intakeArb, extraSigns, (answers, sign) => {
        const before = triage(parse(answers), knowledgeBase);
        const after = triage(parse({ ...answers, ...sign }), knowledgeBase);
        expect(LEVELS.indexOf(after.triage.level)).toBeGreaterThanOrEqual(
          LEVELS.indexOf(before.triage.level),
        );
        expect(GATES.indexOf(after.exercise)).toBeGreaterThanOrEqual(
          GATES.indexOf(before.exercise),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('level is the highest of the reasons and self-care only with none', () => {
    fc.assert(
      fc.property(intakeArb, (answers) => {
        const out = triage(parse(answers), knowledgeBase);
        if (out.triage.reasons.length === 0) {
          expect(out.triage.level).toBe('self-care');
          expect(out.exercise).toBe('allowed');
        } else {
          expect(out.triage.level).not.toBe('self-care');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no input, valid or not, makes the engine throw', () => {
    fc.assert(
      fc.property(junkArb, (input) => {
        const a = assess(input, knowledgeBase);
        const p = assessAndPlan(input, knowledgeBase);
        expect(a.ok).toBe(p.ok);
        if (!a.ok) {
          expect(a.problems.length).toBeGreaterThan(0);
          for (const problem of a.problems) expect(problem.message).toContain(problem.path);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
