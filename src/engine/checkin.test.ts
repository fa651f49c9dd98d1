// The check-in's warning-sign re-check: which answers it asks, that none defaults to "no", and when it pauses the programme.
import { NO_WARNING_SIGNS } from '../../test/fixtures.js';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { knowledgeBase as kb } from '../kb/index.js';
import {
  CANCER_FOLLOW_UP_FIELDS,
  CARRIED_HISTORY_FIELDS,
  DAILY_WARNING_FIELDS,
  WARNING_SIGN_FIELDS,
  checkinQuestions,
  checkinTriage,
  knownFromCheckin,
  missingCheckinAnswers,
  newWarningReasons,
  warningSignsSchema,
  type CheckinDraft,
  type WarningSignField,
  type WarningSigns,
} from './checkin.js';
import { parseIntake, type Intake, type IntakeInput } from './intake.js';
import { WARNING_RULES, ruleByCode, triage, type TriageReason } from './triage.js';

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

/** A complete check-in with nothing new, changed by `over` and `signs`. */
const today = (
  over: Partial<CheckinDraft> = {},
  signs: Partial<WarningSigns> = {},
): CheckinDraft => ({
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
  ...over,
  warningSigns: { ...NONE, ...signs },
});

/** The same check-in without the answer at `path` (`painNow` or `warningSigns.fever`). */
function without(draft: CheckinDraft, path: string): CheckinDraft {
  const omit = <T extends object>(from: T, key: string): T =>
    Object.fromEntries(Object.entries(from).filter(([k]) => k !== key)) as T;
  const [top, sign] = path.split('.');
  if (top === 'warningSigns' && sign) {
    return { ...draft, warningSigns: omit(draft.warningSigns, sign) };
  }
  return omit(draft, path);
}

const reason = (code: TriageReason['code']): TriageReason => ({
  code,
  text: kb.triage.rules[code].text,
  answers: [],
});

const codes = (t: ReturnType<typeof checkinTriage>) => t?.reasons.map((r) => r.code) ?? [];

describe('WARNING_SIGN_FIELDS and warningSignsSchema', () => {
  it('lists exactly what the emergency and urgent rules read, less age, painNow and legSide', () => {
    const read = new Set(WARNING_RULES.flatMap((r) => r.reads));
    for (const f of ['age', 'painNow', 'legSide'] as const) read.delete(f);
    expect([...WARNING_SIGN_FIELDS].sort()).toEqual([...read].sort());
  });

  it('splits them into daily questions, carried history and the cancer follow-ups, each once', () => {
    const all = [...DAILY_WARNING_FIELDS, ...CARRIED_HISTORY_FIELDS, ...CANCER_FOLLOW_UP_FIELDS];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...WARNING_SIGN_FIELDS].sort());
    expect([...CARRIED_HISTORY_FIELDS].sort()).toEqual(['cancerHistory', 'fractureRisk']);
    expect([...CANCER_FOLLOW_UP_FIELDS].sort()).toEqual(['thoracicPain', 'weightLoss']);
  });

  it('has a schema with exactly those fields', () => {
    expect(Object.keys(warningSignsSchema.shape).sort()).toEqual([...WARNING_SIGN_FIELDS].sort());
  });

  it('has the same value types as the intake, each optional', () => {
    expectTypeOf<WarningSigns>().toEqualTypeOf<Partial<Pick<Intake, WarningSignField>>>();
  });

  it('accepts a full set of answers as given', () => {
    expect(warningSignsSchema.safeParse(NONE)).toStrictEqual({ success: true, data: NONE });
  });

  it.each(WARNING_SIGN_FIELDS)(
    'never fills in a missing %s: an unanswered warning sign stays unanswered, not "no"',
    (field) => {
      const rest = Object.fromEntries(Object.entries(NONE).filter(([key]) => key !== field));
      const parsed = warningSignsSchema.safeParse(rest);
      expect(parsed.success).toBe(true);
      expect(parsed.data).not.toHaveProperty(field);
      expect(parsed.data).toStrictEqual(rest);
    },
  );

  it('rejects unknown fields and wrong value types', () => {
    expect(warningSignsSchema.safeParse({ ...NONE, extra: true }).success).toBe(false);
    expect(warningSignsSchema.safeParse({ ...NONE, fever: 'no' }).success).toBe(false);
    expect(warningSignsSchema.safeParse({ ...NONE, trauma: 'mild' }).success).toBe(false);
    expect(warningSignsSchema.safeParse({ ...NONE, fever: null }).success).toBe(false);
  });
});

describe('checkinQuestions', () => {
  const daily = DAILY_WARNING_FIELDS.filter((f) => f !== 'weaknessWorsening');
  const cases: {
    name: string;
    base: IntakeInput | null;
    given: Partial<WarningSigns>;
    asked: WarningSignField[];
  }[] = [
    { name: 'no weakness, no cancer history', base: BASE, given: NONE, asked: daily },
    {
      name: 'weakness not answered yet: its follow-up waits',
      base: BASE,
      given: {},
      asked: daily,
    },
    {
      name: 'a weak leg: is it getting worse?',
      base: BASE,
      given: { legWeakness: 'mild' },
      asked: [...DAILY_WARNING_FIELDS],
    },
    {
      name: 'a cancer history at the assessment: its follow-ups',
      base: { ...BASE, cancerHistory: true },
      given: NONE,
      asked: [...daily, ...CANCER_FOLLOW_UP_FIELDS],
    },
    {
      name: 'a cancer history told at the check-in: its follow-ups',
      base: BASE,
      given: { cancerHistory: true },
      asked: [...daily, ...CANCER_FOLLOW_UP_FIELDS],
    },
    {
      name: 'no assessment: the daily questions',
      base: null,
      given: {},
      asked: daily,
    },
  ];
  it.each(cases)('$name', ({ base, given, asked }) => {
    expect(checkinQuestions(base && parse(base), given)).toEqual(asked);
  });

  it('never asks the carried history again', () => {
    for (const base of [BASE, { ...BASE, cancerHistory: true, fractureRisk: true }]) {
      const asked = checkinQuestions(parse(base), { ...NONE, legWeakness: 'mild' });
      for (const f of CARRIED_HISTORY_FIELDS) expect(asked).not.toContain(f);
    }
  });
});

describe('missingCheckinAnswers: an asked answer is never taken as "no"', () => {
  const base = parse(BASE);
  const complete = today();

  it('is empty for a complete check-in', () => {
    expect(missingCheckinAnswers(base, complete)).toEqual([]);
  });

  const asked = [
    'painNow',
    'painAreas',
    'legSide',
    ...DAILY_WARNING_FIELDS.filter((f) => f !== 'weaknessWorsening').map(
      (f) => `warningSigns.${f}`,
    ),
  ];
  it.each(asked)('names %s when it is missing, and nothing warns for sure', (path) => {
    const draft = without(complete, path);
    expect(missingCheckinAnswers(base, draft)).toEqual([path]);
    // Nothing certain: the service refuses it, naming the answer.
    expect(checkinTriage(base, draft, kb)).toBeNull();
  });

  it.each(asked)('without %s, a certain warning still stops the check-in', (path) => {
    const sign = path === 'warningSigns.bladderChange' ? { fever: true } : { bladderChange: true };
    const draft = without(today({}, sign), path);
    expect(missingCheckinAnswers(base, draft)).toEqual([path]);
    expect(checkinTriage(base, draft, kb)).not.toBeNull();
  });

  it('names weaknessWorsening after a weak leg', () => {
    const draft = without(today({}, { legWeakness: 'mild' }), 'warningSigns.weaknessWorsening');
    expect(missingCheckinAnswers(base, draft)).toEqual(['warningSigns.weaknessWorsening']);
    expect(checkinTriage(base, draft, kb)).toBeNull();
    expect(missingCheckinAnswers(base, without(today(), 'warningSigns.weaknessWorsening'))).toEqual(
      [],
    );
  });

  it.each(CANCER_FOLLOW_UP_FIELDS)('names %s only with a history of cancer', (field) => {
    const draft = without(today(), `warningSigns.${field}`);
    expect(missingCheckinAnswers(base, draft)).toEqual([]);
    expect(missingCheckinAnswers(parse({ ...BASE, cancerHistory: true }), draft)).toEqual([
      `warningSigns.${field}`,
    ]);
    expect(
      missingCheckinAnswers(base, {
        ...draft,
        warningSigns: { ...draft.warningSigns, cancerHistory: true },
      }),
    ).toEqual([`warningSigns.${field}`]);
  });

  it('names every missing answer, in the order asked', () => {
    const draft: CheckinDraft = { warningSigns: { fever: false, saddleNumbness: false } };
    expect(missingCheckinAnswers(base, draft)).toEqual([
      'painNow',
      'painAreas',
      'legSide',
      ...DAILY_WARNING_FIELDS.filter(
        (f) => !['fever', 'saddleNumbness', 'weaknessWorsening'].includes(f),
      ).map((f) => `warningSigns.${f}`),
    ]);
  });
});

describe('carried history: cancerHistory and fractureRisk', () => {
  const cases: {
    name: string;
    base: IntakeInput | null;
    given: Partial<WarningSigns>;
    known: { cancerHistory?: boolean; fractureRisk?: boolean };
  }[] = [
    {
      name: 'from the assessment',
      base: { ...BASE, cancerHistory: true, fractureRisk: true },
      given: {},
      known: { cancerHistory: true, fractureRisk: true },
    },
    {
      name: 'a check-in cannot take it away',
      base: { ...BASE, cancerHistory: true, fractureRisk: true },
      given: { cancerHistory: false, fractureRisk: false },
      known: { cancerHistory: true, fractureRisk: true },
    },
    {
      name: 'a check-in can add it',
      base: BASE,
      given: { cancerHistory: true, fractureRisk: true },
      known: { cancerHistory: true, fractureRisk: true },
    },
    {
      name: 'no on both sides',
      base: BASE,
      given: { cancerHistory: false },
      known: { cancerHistory: false, fractureRisk: false },
    },
    {
      name: 'without an assessment, only what the check-in says',
      base: null,
      given: { fractureRisk: false },
      known: { fractureRisk: false },
    },
  ];
  it.each(cases)('$name', ({ base, given, known }) => {
    const k = knownFromCheckin(base && parse(base), { warningSigns: given });
    expect({ cancerHistory: k.cancerHistory, fractureRisk: k.fractureRisk }).toEqual({
      cancerHistory: known.cancerHistory,
      fractureRisk: known.fractureRisk,
    });
  });

  it('a minor fall with fracture risk from the assessment is urgent, whatever the check-in says of it', () => {
    const base = parse({ ...BASE, fractureRisk: true });
    for (const fractureRisk of [undefined, false, true]) {
      const draft = today({}, { trauma: 'minor', fractureRisk });
      expect(codes(checkinTriage(base, draft, kb))).toEqual(['possible-fracture']);
    }
    expect(checkinTriage(parse(BASE), today({}, { trauma: 'minor' }), kb)).toBeNull();
    expect(
      codes(checkinTriage(parse(BASE), today({}, { trauma: 'minor', fractureRisk: true }), kb)),
    ).toEqual(['possible-fracture']);
  });

  it('with a cancer history, weight loss or pain between the shoulder blades is urgent', () => {
    const base = parse({ ...BASE, cancerHistory: true });
    expect(codes(checkinTriage(base, today({}, { weightLoss: true }), kb))).toEqual([
      'cancer-warning-signs',
    ]);
    expect(
      codes(checkinTriage(base, today({}, { thoracicPain: true, cancerHistory: false }), kb)),
    ).toEqual(['cancer-warning-signs']);
    expect(codes(checkinTriage(base, today({}, { nightPainConstant: true }), kb))).toEqual([
      'cancer-warning-signs',
    ]);
    // Without it the follow-ups are not asked, and the soon-level reasons are not the check-in's.
    expect(
      checkinTriage(parse(BASE), today({}, { weightLoss: true, thoracicPain: true }), kb),
    ).toBeNull();
  });

  it('asks weight loss again once a cancer history is told, rather than reading the assessment’s', () => {
    // The assessment said weight loss but no cancer; a cancer history told now makes the follow-up asked.
    const base = parse({ ...BASE, weightLoss: true });
    const draft = without(today({}, { cancerHistory: true }), 'warningSigns.weightLoss');
    expect(missingCheckinAnswers(base, draft)).toEqual(['warningSigns.weightLoss']);
    expect(knownFromCheckin(base, draft).weightLoss).toBeUndefined();
    expect(checkinTriage(base, draft, kb)).toBeNull();
  });
});

describe('checkinTriage', () => {
  it('gives null when nothing warns', () => {
    expect(checkinTriage(parse(BASE), today(), kb)).toBeNull();
  });

  it('gives emergency with cauda-equina-bladder for a new bladder change', () => {
    const result = checkinTriage(parse(BASE), today({}, { bladderChange: true }), kb);
    expect(result?.level).toBe('emergency');
    expect(result?.reasons.map((r) => r.code)).toEqual(['cauda-equina-bladder']);
    expect(result?.advice).toBe(kb.triage.levelAdvice.emergency);
  });

  it('gives it for the bladder change alone, with nothing else answered, with or without an assessment', () => {
    for (const base of [parse(BASE), null]) {
      const result = checkinTriage(base, { warningSigns: { bladderChange: true } }, kb);
      expect(result?.level).toBe('emergency');
      expect(codes(result)).toEqual(['cauda-equina-bladder']);
      expect(result?.reasons[0]?.answers).toEqual(['bladderChange']);
    }
  });

  it('uses the check-in’s own answers over the assessment’s', () => {
    const base = parse({ ...BASE, fever: true, painNow: 9 });
    expect(checkinTriage(base, today(), kb)).toBeNull();
  });

  const cases: {
    name: string;
    over?: Partial<CheckinDraft>;
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
    const result = checkinTriage(parse(BASE), today(over, signs), kb);
    expect(result?.level).toBe(level);
    expect(result?.reasons.map((r) => r.code)).toContain(code);
    expect(result?.advice.startsWith(kb.triage.levelAdvice[level])).toBe(true);
  });

  it('reads age from the assessment (a minor fall at 70 or over)', () => {
    expect(
      checkinTriage(parse({ ...BASE, age: 72 }), today({}, { trauma: 'minor' }), kb)?.reasons.map(
        (r) => r.code,
      ),
    ).toEqual(['possible-fracture']);
    expect(
      checkinTriage(parse({ ...BASE, age: 40 }), today({}, { trauma: 'minor' }), kb),
    ).toBeNull();
  });

  it('keeps no soon-level reasons, even when they fire', () => {
    const result = checkinTriage(
      parse({ ...BASE, thighInjury: true, durationDays: 200 }),
      today({}, { weightLoss: true, fever: true }),
      kb,
    );
    expect(result?.reasons.map((r) => r.code)).toEqual(['possible-infection']);
  });

  it('matches the full triage filtered to emergency and urgent reasons, for any complete check-in', () => {
    const bool = fc.boolean();
    const signsArb = fc.record({
      saddleNumbness: bool,
      bladderChange: bool,
      bowelChange: bool,
      sexualDysfunction: bool,
      numbness: fc.constantFrom('none', 'thigh', 'below-knee', 'foot'),
      legWeakness: fc.constantFrom('none', 'mild', 'foot-drop'),
      weaknessWorsening: bool,
      trauma: fc.constantFrom('none', 'minor', 'major'),
      fever: bool,
      fractureRisk: bool,
      cancerHistory: bool,
      weightLoss: bool,
      nightPainConstant: bool,
      thoracicPain: bool,
    });
    const historyArb = fc.record({
      cancerHistory: bool,
      fractureRisk: bool,
      weightLoss: bool,
      thoracicPain: bool,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 110 }),
        historyArb,
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom('none', 'left', 'right', 'both'),
        signsArb,
        (age, history, painNow, legSide, signs) => {
          const base = parse({ ...BASE, age, ...history });
          const painAreas: Intake['painAreas'] =
            legSide === 'none' ? ['lower-back'] : ['lower-back', 'buttock'];
          const draft = { painNow, painAreas, legSide, warningSigns: signs };
          expect(missingCheckinAnswers(base, draft)).toEqual([]);
          const result = checkinTriage(base, draft, kb);
          // What the check-in means: the history carried (only ever added to), the follow-ups only
          // asked with a cancer history, and no worsening of a weakness there is not.
          const cancerHistory = base.cancerHistory || signs.cancerHistory;
          const meant: Intake = {
            ...base,
            painNow,
            painAreas,
            legSide,
            ...signs,
            cancerHistory,
            fractureRisk: base.fractureRisk || signs.fractureRisk,
            weightLoss: cancerHistory ? signs.weightLoss : base.weightLoss,
            thoracicPain: cancerHistory ? signs.thoracicPain : base.thoracicPain,
            weaknessWorsening: signs.legWeakness === 'none' ? false : signs.weaknessWorsening,
          };
          const full = triage(meant, kb).triage.reasons.filter((r) =>
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
    expect(checkinTriage(parse(BASE), today({}, signs), kb)).toBeNull();
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
