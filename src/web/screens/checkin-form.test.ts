// The check-in form's rules: warning signs first and only those that can change, nothing assumed, the side
// asked only with leg symptoms, a stop at the answer that makes any warning rule certain, and the right advice shown.
import { describe, expect, it } from 'vitest';
import { ANSWERS, NO_WARNING_SIGNS } from '../../../test/fixtures.js';
import {
  CARRIED_HISTORY_FIELDS,
  checkinTriage,
  DAILY_WARNING_FIELDS,
} from '../../engine/checkin.js';
import { parseIntake, type Intake, type IntakeInput } from '../../engine/intake.js';
import { WARNING_RULES, triage, type TriageReason } from '../../engine/triage.js';
import { ANSWER_DOMAINS } from '../../engine/warning-now.js';
import type { CheckinResult } from '../data/types.js';
import {
  CHECKIN_KB,
  EMPTY_DRAFT,
  FIELD_ORDER,
  LEG_SIDE_OPTIONS,
  checkinOutcome,
  errorsFromProblems,
  orderedErrors,
  painWords,
  parseOptionalNumber,
  sideAsked,
  stopNow,
  stoppedSubmission,
  summaryItems,
  validateCheckin,
  warningQuestions,
  type CheckinDraft,
} from './checkin-form.js';

function parse(input: IntakeInput): Intake {
  const parsed = parseIntake(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.value;
}

const BASE = parse(ANSWERS);
const CANCER_BASE = parse({ ...ANSWERS, cancerHistory: true });
const WARNING_CODES = new Set<string>(WARNING_RULES.map((r) => r.code));
const knownOf = (base: Intake): TriageReason[] =>
  triage(base, CHECKIN_KB).triage.reasons.filter((r) => WARNING_CODES.has(r.code));

/** The daily answers, all "no", less the follow-up that only a weak leg brings. */
const DAILY_NO = Object.fromEntries(
  DAILY_WARNING_FIELDS.filter((f) => f !== 'weaknessWorsening').map((f) => [
    f,
    NO_WARNING_SIGNS[f],
  ]),
);

const complete: CheckinDraft = {
  painNow: 3,
  painAreas: ['lower-back'],
  legSide: undefined,
  warningSigns: { ...DAILY_NO },
  sittingHours: '',
  walkingBreaks: '',
};

describe('the warning-sign questions', () => {
  it('asks what can change since the last check-in, never the history carried from the assessment', () => {
    const asked = warningQuestions(BASE, EMPTY_DRAFT).map((q) => q.field);
    expect(asked).toEqual(DAILY_WARNING_FIELDS.filter((f) => f !== 'weaknessWorsening'));
    for (const f of CARRIED_HISTORY_FIELDS) expect(asked).not.toContain(f);
    for (const q of warningQuestions(BASE, EMPTY_DRAFT)) {
      expect(q.text).toMatch(/^(Since your last check-in|Today)/);
    }
  });

  it('asks whether a weak leg is getting worse only after a weak leg', () => {
    const weak = { ...EMPTY_DRAFT, warningSigns: { legWeakness: 'mild' } };
    expect(warningQuestions(BASE, weak).map((q) => q.field)).toContain('weaknessWorsening');
  });

  it('asks about weight loss and pain between the shoulder blades only with a cancer history', () => {
    expect(warningQuestions(BASE, EMPTY_DRAFT).map((q) => q.field)).not.toContain('weightLoss');
    const withHistory = warningQuestions(CANCER_BASE, EMPTY_DRAFT).map((q) => q.field);
    expect(withHistory).toContain('weightLoss');
    expect(withHistory).toContain('thoracicPain');
  });

  it('offers the enum answers as choices, the rest as yes or no', () => {
    const kinds = Object.fromEntries(
      warningQuestions(BASE, EMPTY_DRAFT).map((q) => [q.field, q.options?.length]),
    );
    expect(kinds.numbness).toBe(4);
    expect(kinds.legWeakness).toBe(3);
    expect(kinds.trauma).toBe(3);
    expect(kinds.fever).toBeUndefined();
  });

  it('puts the warning signs first on the screen', () => {
    expect(FIELD_ORDER[0]).toBe('saddleNumbness');
    expect(FIELD_ORDER.indexOf('painNow')).toBeGreaterThan(FIELD_ORDER.indexOf('fever'));
  });
});

describe('the side question', () => {
  it('is asked only with a buttock or leg area or numbness in the leg, and never offers none', () => {
    expect(sideAsked(complete)).toBe(false);
    expect(sideAsked({ ...complete, painAreas: ['lower-back', 'buttock'] })).toBe(true);
    expect(
      sideAsked({ ...complete, warningSigns: { ...complete.warningSigns, numbness: 'thigh' } }),
    ).toBe(true);
    expect(LEG_SIDE_OPTIONS.map((o) => o.value)).toEqual(['left', 'right', 'both']);
  });

  it.each([
    [['buttock'], /buttock/],
    [['lower-back', 'below-knee'], /leg below the knee/],
  ])('must be answered with pain in %j, naming the area', (areas, words) => {
    const result = validateCheckin({ ...complete, painAreas: areas }, BASE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(['legSide']);
    expect(result.errors.legSide).toMatch(words);
  });
});

describe('validateCheckin', () => {
  it('assumes nothing: an untouched form names every question it asks', () => {
    const result = validateCheckin(EMPTY_DRAFT, BASE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      [
        'painNow',
        'painAreas',
        ...DAILY_WARNING_FIELDS.filter((f) => f !== 'weaknessWorsening'),
      ].sort(),
    );
  });

  it('builds the body from a complete form: side none without leg symptoms, only the questions asked', () => {
    const result = validateCheckin(complete, BASE);
    expect(result).toEqual({
      ok: true,
      value: {
        painNow: 3,
        painAreas: ['lower-back'],
        legSide: 'none',
        warningSigns: DAILY_NO,
      },
    });
  });

  it('keeps the areas in body order and reads the day details', () => {
    const result = validateCheckin(
      {
        ...complete,
        painAreas: ['foot', 'lower-back'],
        legSide: 'left',
        sittingHours: ' 7,5 ',
        walkingBreaks: '4',
      },
      BASE,
    );
    expect(result.ok && result.value).toMatchObject({
      painAreas: ['lower-back', 'foot'],
      legSide: 'left',
      sittingHours: 7.5,
      walkingBreaks: 4,
    });
  });

  it('never takes a missing or mistyped warning answer as "no"', () => {
    const { fever: _fever, ...withoutFever } = DAILY_NO;
    const cases: CheckinDraft['warningSigns'][] = [
      withoutFever,
      { ...DAILY_NO, fever: 'no' },
      { ...DAILY_NO, numbness: false },
      { ...DAILY_NO, legWeakness: 'very' },
      { ...DAILY_NO, legWeakness: 'mild' },
    ];
    const fields = ['fever', 'fever', 'numbness', 'legWeakness', 'weaknessWorsening'];
    cases.forEach((warningSigns, i) => {
      const result = validateCheckin({ ...complete, warningSigns }, BASE);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(Object.keys(result.errors)).toEqual([fields[i]]);
    });
  });

  it.each([
    ['painNow', { painNow: 11 }],
    ['painNow', { painNow: 2.5 }],
    ['sittingHours', { sittingHours: '25' }],
    ['sittingHours', { sittingHours: 'lots' }],
    ['walkingBreaks', { walkingBreaks: '2.5' }],
    ['walkingBreaks', { walkingBreaks: '-1' }],
  ] as const)('refuses a wrong %s', (field, change) => {
    const result = validateCheckin({ ...complete, ...change }, BASE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });
});

/**
 * For every emergency and urgent rule, answers that make it fire, split the way the check-in gets them:
 * history and age on the assessment, everything else answered on the check-in. Only the rule's own
 * answers are given; every other question is left unanswered.
 */
function casesFor(rule: (typeof WARNING_RULES)[number]) {
  let all: Record<string, unknown>[] = [{}];
  for (const field of rule.reads) {
    const domain = ANSWER_DOMAINS[field] ?? [];
    all = all.flatMap((a) => domain.map((v) => ({ ...a, [field]: v })));
  }
  return all.flatMap((c) => {
    const base = parse({
      ...ANSWERS,
      age: typeof c.age === 'number' ? c.age : ANSWERS.age,
      cancerHistory: c.cancerHistory === true,
      fractureRisk: c.fractureRisk === true,
    });
    const legSide = typeof c.legSide === 'string' ? c.legSide : undefined;
    const draft: CheckinDraft = {
      ...EMPTY_DRAFT,
      painNow: typeof c.painNow === 'number' ? c.painNow : null,
      painAreas: legSide && legSide !== 'none' ? ['lower-back', 'back-of-thigh'] : [],
      legSide,
      warningSigns: Object.fromEntries(
        Object.entries(c).filter(
          ([k]) =>
            !['age', 'painNow', 'legSide', ...CARRIED_HISTORY_FIELDS].includes(k) &&
            (DAILY_WARNING_FIELDS as readonly string[])
              .concat('weightLoss', 'thoracicPain')
              .includes(k),
        ),
      ),
    };
    const full = { ...base, ...c } as Intake;
    const fires = triage(full, CHECKIN_KB).triage.reasons.some((r) => r.code === rule.code);
    const alreadyKnown = knownOf(base).some((r) => r.code === rule.code);
    return fires && !alreadyKnown ? [{ base, draft }] : [];
  });
}

describe('stopNow: every emergency and urgent rule stops the check-in at once', () => {
  it.each(WARNING_RULES.map((r) => [r.code, r] as const))('%s', (_code, rule) => {
    const cases = casesFor(rule);
    expect(cases.length).toBeGreaterThan(0);
    // At least one way of answering makes it certain from the rule's own answers alone.
    const stopped = cases.map(({ base, draft }) => stopNow(base, knownOf(base), draft));
    const hit = stopped.find((w) => w?.reasons.some((r) => r.code === rule.code));
    expect(hit).toBeTruthy();
    // The level shown is never lower than the rule's own.
    expect(hit?.level === 'emergency' || hit?.level === rule.level).toBe(true);
  });

  it('does not stop for a warning the assessment already knew', () => {
    const both = parse({
      ...ANSWERS,
      painAreas: ['lower-back', 'back-of-thigh'],
      legSide: 'both',
    });
    const draft: CheckinDraft = {
      ...EMPTY_DRAFT,
      painAreas: ['lower-back', 'back-of-thigh'],
      legSide: 'both',
      warningSigns: { numbness: 'none', legWeakness: 'none' },
    };
    expect(
      checkinTriage(
        both,
        {
          painAreas: ['back-of-thigh'],
          legSide: 'both',
          warningSigns: { numbness: 'none', legWeakness: 'none' },
        },
        CHECKIN_KB,
      )?.reasons.map((r) => r.code),
    ).toEqual(['bilateral-leg-symptoms']);
    expect(stopNow(both, knownOf(both), draft)).toBeNull();
  });

  it('does not stop on nothing, or on answers that only might add up to a warning', () => {
    expect(stopNow(BASE, [], EMPTY_DRAFT)).toBeNull();
    expect(
      stopNow(BASE, [], { ...EMPTY_DRAFT, warningSigns: { sexualDysfunction: true } }),
    ).toBeNull();
    expect(stopNow(BASE, [], { ...EMPTY_DRAFT, warningSigns: { trauma: 'minor' } })).toBeNull();
  });

  it('stores only what was answered when it stops', () => {
    const draft: CheckinDraft = {
      ...EMPTY_DRAFT,
      warningSigns: { saddleNumbness: false, bladderChange: true },
    };
    expect(stopNow(BASE, [], draft)?.level).toBe('emergency');
    expect(stoppedSubmission(draft)).toEqual({
      warningSigns: { saddleNumbness: false, bladderChange: true },
    });
  });
});

describe('small helpers', () => {
  it.each([
    [0, 'no pain'],
    [1, 'mild pain'],
    [3, 'mild pain'],
    [4, 'moderate pain'],
    [6, 'moderate pain'],
    [7, 'severe pain'],
    [9, 'severe pain'],
    [10, 'the worst pain imaginable'],
  ])('pain %i is %s', (score, words) => {
    expect(painWords(score)).toBe(words);
  });

  it('reads optional numbers', () => {
    const opts = { min: 0, max: 24, whole: false };
    expect(parseOptionalNumber('', opts)).toEqual({ ok: true, value: undefined });
    expect(parseOptionalNumber('0', opts)).toEqual({ ok: true, value: 0 });
    expect(parseOptionalNumber('24', opts)).toEqual({ ok: true, value: 24 });
    expect(parseOptionalNumber('1e1', opts).ok).toBe(false);
    expect(parseOptionalNumber('24.5', opts).ok).toBe(false);
  });

  it('files the repository problems under the fields they name, in screen order', () => {
    const problem = (path: string) => ({ path, expected: '', received: '', message: path });
    const { errors, other } = errorsFromProblems([
      problem('walkingBreaks'),
      problem('warningSigns.fever'),
      problem('painNow'),
      problem('clientId'),
    ]);
    expect(errors).toEqual({
      walkingBreaks: 'walkingBreaks',
      fever: 'warningSigns.fever',
      painNow: 'painNow',
    });
    expect(other.map((p) => p.path)).toEqual(['clientId']);
    expect(orderedErrors(errors).map((e) => e.field)).toEqual([
      'fever',
      'painNow',
      'walkingBreaks',
    ]);
    expect(FIELD_ORDER.at(-1)).toBe('walkingBreaks');
  });
});

describe('checkinOutcome', () => {
  const emergency = checkinTriage(
    BASE,
    {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true },
    },
    CHECKIN_KB,
  );
  const urgent = checkinTriage(
    BASE,
    {
      painNow: 9,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
    },
    CHECKIN_KB,
  );

  it('has the engine triage the cases below rely on', () => {
    expect(emergency?.level).toBe('emergency');
    expect(urgent?.level).toBe('urgent');
  });

  const saved: CheckinResult = { id: 'c1', programmePaused: false };

  it('shows the emergency the repository found', () => {
    if (!emergency) return;
    const out = checkinOutcome({ ...saved, programmePaused: true, triage: emergency }, null);
    expect(out).toMatchObject({ kind: 'emergency', paused: true, queued: false });
  });

  it('shows the triage worked out on the device for a check-in kept to send later', () => {
    const out = checkinOutcome({ ...saved, queued: true }, emergency);
    expect(out).toMatchObject({ kind: 'emergency', queued: true });
    expect(checkinOutcome({ ...saved, queued: true }, urgent).kind).toBe('advice');
  });

  it('prefers the repository triage to the local one', () => {
    if (!urgent) return;
    const out = checkinOutcome({ ...saved, queued: true, triage: urgent }, emergency);
    expect(out.kind).toBe('advice');
  });

  it('ignores a local triage when the repository answered without one, and passes on its advice', () => {
    expect(checkinOutcome(saved, emergency)).toEqual({
      kind: 'saved',
      paused: false,
      queued: false,
      advice: [],
      backOffEnded: false,
    });
    const backingOff = checkinOutcome(
      { ...saved, reassessmentAdvised: true, advice: ['Answer the questions again.'] },
      null,
    );
    expect(backingOff).toMatchObject({ kind: 'saved', advice: ['Answer the questions again.'] });
  });
});

describe('summaryItems', () => {
  it('lists a few problems one by one, naming each field', () => {
    const items = summaryItems({ fever: 'f', painNow: 'p', trauma: 't' });
    expect(items.map((i) => i.field)).toEqual(['trauma', 'fever', 'painNow']);
    expect(items[2]?.label).toBe('Pain now');
    expect(items[1]?.label).toMatch(/fever/);
  });

  it('folds many unanswered warning signs into one line leading to the first', () => {
    const result = validateCheckin(EMPTY_DRAFT, BASE);
    if (result.ok) throw new Error('an empty form must not pass');
    const items = summaryItems(result.errors);
    expect(items.map((i) => i.label)).toEqual([
      'Warning signs',
      'Pain now',
      'Where the pain reaches today',
    ]);
    expect(items[0]?.field).toBe('saddleNumbness');
    expect(items[0]?.message).toMatch(/9 questions/);
  });
});
