// Programme generation: gates, exclusions, pairing, dosage, self-care, determinism; and its safety property.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intakeArb } from '../../test/arbitraries.js';
import { knowledgeBase } from '../kb/index.js';
import type { ExerciseId } from '../kb/types.js';
import { assessAndPlan } from './assess.js';
import { activeExclusions, isPermitted } from './plan.js';
import { parseIntake, type IntakeInput } from './intake.js';

const BASE: IntakeInput = {
  version: 1,
  age: 35,
  durationDays: 20,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
};

function plan(x: Partial<IntakeInput>) {
  const r = assessAndPlan({ ...BASE, ...x }, knowledgeBase);
  if (!r.ok) throw new Error(r.problems.map((q) => q.message).join('; '));
  return r.value;
}
const exercise = (id: ExerciseId) => {
  const ex = knowledgeBase.exercises.find((e) => e.id === id);
  if (!ex) throw new Error(id);
  return ex;
};

describe('generateProgramme', () => {
  it('gives no exercises and no self-care when the gate is not-now', () => {
    const { programme } = plan({ fever: true });
    expect(programme.gate).toBe('not-now');
    expect(programme.items).toEqual([]);
    expect(programme.selfCare).toEqual([]);
    expect(programme.notes).toContain(knowledgeBase.programme.notes['not-now']);
  });

  it('gives only gentle exercises at the lowest dose under gentle-only', () => {
    const { programme } = plan({
      painNow: 9,
      hamstringTightness: true,
      toeTouch: 'short',
      backFatigue: true,
    });
    expect(programme.gate).toBe('gentle-only');
    expect(programme.items.length).toBeGreaterThan(0);
    for (const item of programme.items) {
      const ex = exercise(item.exerciseId);
      expect(ex.gentle).toBe(true);
      expect(item.dosage.amount).toBe(ex.dosage.range.min);
      expect(item.dosage.repeats).toBe(ex.dosage.repeats.min);
      expect(item.timesPerDay).toBe(ex.dosage.timesPerDay.min);
    }
  });

  it('pairs stretching with strengthening', () => {
    const { programme } = plan({
      hamstringTightness: true,
      toeTouch: 'short',
      slrAngle: 55,
      slrTest: 'thigh-pull',
    });
    const kinds = programme.items.map((i) => i.kind);
    expect(kinds).toContain('stretch');
    expect(kinds).toContain('strengthening');
    expect(programme.items.map((i) => i.exerciseId)).toContain('supine-hamstring-gentle');
  });

  it('never gives hamstring stretches after a suspected hamstring tear', () => {
    const { programme } = plan({
      thighInjury: true,
      hamstringTightness: true,
      toeTouch: 'short',
      slrAngle: 50,
      durationDays: 60,
    });
    expect(programme.exclusions).toContain('hamstring-injury');
    for (const item of programme.items)
      expect(exercise(item.exerciseId).hamstringStretch).toBe(false);
  });

  it('keeps the hip hinge out of the acute phase and permits it from 42 days', () => {
    const parsed = (days: number) => {
      const r = parseIntake({ ...BASE, durationDays: days });
      if (!r.ok) throw new Error('bad fixture');
      return r.value;
    };
    const hinge = exercise('good-morning-modified');
    expect(isPermitted(hinge, 'allowed', activeExclusions(parsed(41)))).toBe(false);
    expect(isPermitted(hinge, 'allowed', activeExclusions(parsed(42)))).toBe(true);
    expect(isPermitted(hinge, 'gentle-only', activeExclusions(parsed(42)))).toBe(false);
  });

  it('warns against holding a hamstring stretch into leg symptoms when symptoms reach below the knee', () => {
    const { programme } = plan({
      legSide: 'left',
      painAreas: ['lower-back', 'below-knee'],
      hamstringTightness: true,
      toeTouch: 'short',
      slrAngle: 50,
      slrTest: 'thigh-pull',
    });
    const ham = programme.items.filter((i) => exercise(i.exerciseId).hamstringStretch);
    expect(ham.length).toBeGreaterThan(0);
    for (const item of ham) expect(item.cautions.join(' ')).toMatch(/below the knee/);
    expect(programme.items.map((i) => i.exerciseId)).not.toContain('supine-hamstring-strap');
  });

  it('uses cold for the first 48 hours, then heat', () => {
    expect(plan({ durationDays: 0 }).programme.selfCare).toEqual(
      expect.arrayContaining(['cold-pack', 'moist-heat']),
    );
    expect(plan({ durationDays: 1 }).programme.selfCare).toContain('cold-pack');
    expect(plan({ durationDays: 2 }).programme.selfCare).not.toContain('cold-pack');
    expect(plan({ durationDays: 2 }).programme.selfCare).toContain('moist-heat');
  });

  it('adds walking breaks and desk set-up for long sitting, and lifting technique for lifters', () => {
    const sitting = plan({ sittingHours: 8 }).programme.selfCare;
    expect(sitting).toEqual(expect.arrayContaining(['walking-breaks', 'desk-setup']));
    expect(plan({}).programme.selfCare).not.toContain('walking-breaks');
    expect(plan({ liftingWork: true }).programme.selfCare).toContain('lifting-technique');
  });

  it('carries the stop rules, the progression rule and the knowledge-base version', () => {
    const { programme } = plan({});
    expect(programme.knowledgeBase).toBe(knowledgeBase.version);
    expect(programme.stopRules.map((r) => r.code)).toContain('stop-if-sharper-or-spreading');
    expect(programme.progressionRule).toMatch(/two sessions/);
  });
});

describe('programme safety properties', () => {
  it('no plan contains an exercise its "never when" excludes or the gate forbids; stretches come with strength', () => {
    fc.assert(
      fc.property(intakeArb, (answers) => {
        const r = assessAndPlan(answers, knowledgeBase);
        if (!r.ok) throw new Error('generated answers must be valid');
        const { assessment, programme } = r.value;
        const parsed = parseIntake(answers);
        if (!parsed.ok) throw new Error('unreachable');
        const exclusions = activeExclusions(parsed.value);
        expect(programme.gate).toBe(assessment.exercise);
        if (assessment.exercise === 'not-now') expect(programme.items).toEqual([]);
        for (const item of programme.items) {
          const ex = exercise(item.exerciseId);
          for (const code of ex.neverWhen) expect(exclusions).not.toContain(code);
          if (parsed.value.thighInjury) expect(ex.hamstringStretch).toBe(false);
          if (assessment.exercise === 'gentle-only') expect(ex.gentle).toBe(true);
          expect(item.dosage.amount).toBeGreaterThanOrEqual(ex.dosage.range.min);
          expect(item.dosage.amount).toBeLessThanOrEqual(ex.dosage.range.max);
        }
        if (programme.items.some((i) => i.kind === 'stretch')) {
          expect(programme.items.some((i) => i.kind === 'strengthening')).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic: the same answers and knowledge base give the same plan', () => {
    fc.assert(
      fc.property(intakeArb, (answers) => {
        expect(assessAndPlan(answers, knowledgeBase)).toEqual(
          assessAndPlan(structuredClone(answers), knowledgeBase),
        );
      }),
      { numRuns: 200 },
    );
  });
});
