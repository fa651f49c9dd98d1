// The check-in's warning-sign re-check: which answers it asks, that none defaults to "no", and when it pauses the programme.
import { NO_WARNING_SIGNS } from '../../test/fixtures.js';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  WARNING_SIGN_FIELDS,
  checkinTriage,
  newWarningReasons,
  warningSignsSchema,
  type CheckinAnswers,
  type WarningSignField,
  type WarningSigns,
} from './checkin.js';
import { parseIntake, type Intake, type IntakeInput } from './intake.js';
import { LEVEL_ADVICE, WARNING_RULES, ruleByCode, triage, type TriageReason } from './triage.js';

const BASE: IntakeInput = {
  version: 1,
  age: 35,
  durationDays: 20,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
};

function parse(input: IntakeInput): Intake {
  const parsed = parseIntake(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.value;
}

const NONE = NO_WARNING_SIGNS;

const today = (
  over: Partial<CheckinAnswers> = {},
  signs: Partial<WarningSigns> = {},
): CheckinAnswers => ({
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
  ...over,
  warningSigns: { ...NONE, ...signs },
});

const reason = (code: TriageReason['code']): TriageReason => ({
  code,
  text: ruleByCode(code).text,
  answers: [],
});

describe('WARNING_SIGN_FIELDS and warningSignsSchema', () => {
  it('lists exactly what the emergency and urgent rules read, less age, painNow and legSide', () => {
    const read = new Set(WARNING_RULES.flatMap((r) => r.reads));
    for (const f of ['age', 'painNow', 'legSide'] as const) read.delete(f);
    expect([...WARNING_SIGN_FIELDS].sort()).toEqual([...read].sort());
  });

  it('has a schema with exactly those fields', () => {
    expect(Object.keys(warningSignsSchema.shape).sort()).toEqual([...WARNING_SIGN_FIELDS].sort());
  });

  it('has the same value types as the intake', () => {
    expectTypeOf<WarningSigns>().toEqualTypeOf<Pick<Intake, WarningSignField>>();
  });

  it('accepts a full set of answers', () => {
    expect(warningSignsSchema.safeParse(NONE).success).toBe(true);
  });

  it.each(WARNING_SIGN_FIELDS)(
    'rejects answers missing %s: a warning sign is never defaulted to "no"',
    (field) => {
      const rest = Object.fromEntries(Object.entries(NONE).filter(([key]) => key !== field));
      const parsed = warningSignsSchema.safeParse(rest);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path)).toEqual([[field]]);
    },
  );

  it('rejects unknown fields and wrong value types', () => {
    expect(warningSignsSchema.safeParse({ ...NONE, extra: true }).success).toBe(false);
    expect(warningSignsSchema.safeParse({ ...NONE, fever: 'no' }).success).toBe(false);
    expect(warningSignsSchema.safeParse({ ...NONE, trauma: 'mild' }).success).toBe(false);
  });
});

describe('checkinTriage', () => {
  it('gives null when nothing warns', () => {
    expect(checkinTriage(parse(BASE), today())).toBeNull();
  });

  it('gives emergency with cauda-equina-bladder for a new bladder change', () => {
    const result = checkinTriage(parse(BASE), today({}, { bladderChange: true }));
    expect(result?.level).toBe('emergency');
    expect(result?.reasons.map((r) => r.code)).toEqual(['cauda-equina-bladder']);
    expect(result?.advice).toBe(LEVEL_ADVICE.emergency);
  });

  it('uses the check-in’s own answers over the assessment’s', () => {
    const base = parse({ ...BASE, fever: true, painNow: 9 });
    expect(checkinTriage(base, today())).toBeNull();
  });

  const cases: {
    name: string;
    over?: Partial<CheckinAnswers>;
    signs?: Partial<WarningSigns>;
    code: TriageReason['code'];
    level: 'emergency' | 'urgent';
  }[] = [
    { name: 'pain of 8 today', over: { painNow: 8 }, code: 'severe-pain', level: 'urgent' },
    {
      name: 'symptoms in both legs today',
      over: { legSide: 'both' },
      code: 'bilateral-leg-symptoms',
      level: 'urgent',
    },
    {
      name: 'both legs with numbness',
      over: { legSide: 'both' },
      signs: { numbness: 'thigh' },
      code: 'bilateral-neurological',
      level: 'emergency',
    },
    {
      name: 'sexual change with leg symptoms',
      over: { legSide: 'left' },
      signs: { sexualDysfunction: true },
      code: 'cauda-equina-sexual',
      level: 'emergency',
    },
    { name: 'a fever', signs: { fever: true }, code: 'possible-infection', level: 'urgent' },
    {
      name: 'a worsening foot drop',
      signs: { legWeakness: 'foot-drop', weaknessWorsening: true },
      code: 'progressive-foot-drop',
      level: 'emergency',
    },
  ];
  it.each(cases)('$name → $level ($code)', ({ over, signs, code, level }) => {
    const result = checkinTriage(parse(BASE), today(over, signs));
    expect(result?.level).toBe(level);
    expect(result?.reasons.map((r) => r.code)).toContain(code);
    expect(result?.advice.startsWith(LEVEL_ADVICE[level])).toBe(true);
  });

  it('reads age from the assessment (a minor fall at 70 or over)', () => {
    expect(
      checkinTriage(parse({ ...BASE, age: 72 }), today({}, { trauma: 'minor' }))?.reasons.map(
        (r) => r.code,
      ),
    ).toEqual(['possible-fracture']);
    expect(checkinTriage(parse({ ...BASE, age: 40 }), today({}, { trauma: 'minor' }))).toBeNull();
  });

  it('keeps no soon-level reasons, even when they fire', () => {
    const result = checkinTriage(
      parse({ ...BASE, thighInjury: true, durationDays: 200 }),
      today({}, { weightLoss: true, fever: true }),
    );
    expect(result?.reasons.map((r) => r.code)).toEqual(['possible-infection']);
  });

  it('matches the full triage filtered to emergency and urgent reasons, for any answers', () => {
    const signsArb = fc.record({
      saddleNumbness: fc.boolean(),
      bladderChange: fc.boolean(),
      bowelChange: fc.boolean(),
      sexualDysfunction: fc.boolean(),
      numbness: fc.constantFrom('none', 'thigh', 'below-knee', 'foot'),
      legWeakness: fc.constantFrom('none', 'mild', 'foot-drop'),
      weaknessWorsening: fc.boolean(),
      trauma: fc.constantFrom('none', 'minor', 'major'),
      fever: fc.boolean(),
      fractureRisk: fc.boolean(),
      cancerHistory: fc.boolean(),
      weightLoss: fc.boolean(),
      nightPainConstant: fc.boolean(),
      thoracicPain: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 110 }),
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom('none', 'left', 'right', 'both'),
        signsArb,
        (age, painNow, legSide, signs) => {
          const base = parse({ ...BASE, age });
          const result = checkinTriage(base, {
            painNow,
            painAreas: ['lower-back'],
            legSide,
            warningSigns: signs,
          });
          const full = triage({ ...base, painNow, legSide, ...signs }).triage.reasons.filter((r) =>
            ['emergency', 'urgent'].includes(ruleByCode(r.code).level),
          );
          expect(result?.reasons ?? []).toEqual(full);
          if (signs.bladderChange || signs.bowelChange || signs.saddleNumbness)
            expect(result?.level).toBe('emergency');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never lets extra keys in the warning signs overwrite other answers', () => {
    const signs = { ...NONE, age: 90, painNow: 10 } as WarningSigns;
    expect(checkinTriage(parse(BASE), today({}, signs))).toBeNull();
  });
});

describe('newWarningReasons', () => {
  const cases: {
    name: string;
    previous: TriageReason['code'][];
    now: TriageReason['code'][];
    fresh: TriageReason['code'][];
  }[] = [
    { name: 'nothing now', previous: ['severe-pain'], now: [], fresh: [] },
    {
      name: 'the same reason as before',
      previous: ['severe-pain'],
      now: ['severe-pain'],
      fresh: [],
    },
    {
      name: 'a new reason beside an old one',
      previous: ['severe-pain'],
      now: ['severe-pain', 'cauda-equina-bladder'],
      fresh: ['cauda-equina-bladder'],
    },
    {
      name: 'everything new',
      previous: [],
      now: ['possible-infection', 'foot-drop'],
      fresh: ['possible-infection', 'foot-drop'],
    },
  ];
  it.each(cases)('$name', ({ previous, now, fresh }) => {
    expect(newWarningReasons(previous.map(reason), now.map(reason))).toEqual(fresh);
  });
});
