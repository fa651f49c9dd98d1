// The check-in form's rules: nothing assumed, leg side consistent with the areas, typed numbers read safely, and the right advice shown.
import { describe, expect, it } from 'vitest';
import { ANSWERS, NO_WARNING_SIGNS } from '../../../test/fixtures.js';
import { WARNING_SIGN_FIELDS, checkinTriage } from '../../engine/checkin.js';
import { parseIntake } from '../../engine/intake.js';
import type { CheckinResult } from '../data/types.js';
import {
  EMPTY_DRAFT,
  FIELD_ORDER,
  WARNING_QUESTIONS,
  checkinOutcome,
  errorsFromProblems,
  orderedErrors,
  painWords,
  parseOptionalNumber,
  summaryItems,
  validateCheckin,
  type CheckinDraft,
} from './checkin-form.js';

const complete: CheckinDraft = {
  painNow: 3,
  painAreas: ['lower-back'],
  legSide: 'none',
  warningSigns: { ...NO_WARNING_SIGNS },
  sittingHours: '',
  walkingBreaks: '',
};

describe('the warning-sign questions', () => {
  it('asks every warning-sign field once, with the intake wording', () => {
    expect(WARNING_QUESTIONS.map((q) => q.field).sort()).toEqual([...WARNING_SIGN_FIELDS].sort());
    for (const q of WARNING_QUESTIONS) expect(q.text.length).toBeGreaterThan(10);
  });

  it('offers the enum answers as choices, the rest as yes or no', () => {
    const kinds = Object.fromEntries(WARNING_QUESTIONS.map((q) => [q.field, q.options?.length]));
    expect(kinds.numbness).toBe(4);
    expect(kinds.legWeakness).toBe(3);
    expect(kinds.trauma).toBe(3);
    expect(kinds.fever).toBeUndefined();
  });
});

describe('validateCheckin', () => {
  it('assumes nothing: an untouched form names every required answer', () => {
    const result = validateCheckin(EMPTY_DRAFT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      ['painNow', 'painAreas', 'legSide', ...WARNING_SIGN_FIELDS].sort(),
    );
  });

  it('builds the body from a complete form, leaving out empty optional numbers', () => {
    const result = validateCheckin(complete);
    expect(result).toEqual({
      ok: true,
      value: {
        painNow: 3,
        painAreas: ['lower-back'],
        legSide: 'none',
        warningSigns: NO_WARNING_SIGNS,
      },
    });
  });

  it('keeps the areas in body order and reads the day details', () => {
    const result = validateCheckin({
      ...complete,
      painAreas: ['foot', 'lower-back'],
      legSide: 'left',
      sittingHours: ' 7,5 ',
      walkingBreaks: '4',
    });
    expect(result.ok && result.value).toMatchObject({
      painAreas: ['lower-back', 'foot'],
      legSide: 'left',
      sittingHours: 7.5,
      walkingBreaks: 4,
    });
  });

  it.each([
    [['buttock'], /buttock/],
    [['lower-back', 'below-knee'], /leg below the knee/],
  ])('refuses "no leg symptoms" with pain in %j, naming the area', (areas, words) => {
    const result = validateCheckin({ ...complete, painAreas: areas, legSide: 'none' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(['legSide']);
    expect(result.errors.legSide).toMatch(words);
  });

  it('never takes a missing or mistyped warning answer as "no"', () => {
    const { fever: _fever, ...withoutFever } = NO_WARNING_SIGNS;
    const cases: CheckinDraft['warningSigns'][] = [
      withoutFever,
      { ...NO_WARNING_SIGNS, fever: 'no' },
      { ...NO_WARNING_SIGNS, numbness: false },
      { ...NO_WARNING_SIGNS, legWeakness: 'very' },
    ];
    const fields = ['fever', 'fever', 'numbness', 'legWeakness'];
    cases.forEach((warningSigns, i) => {
      const result = validateCheckin({ ...complete, warningSigns });
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
    const result = validateCheckin({ ...complete, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
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
      'painNow',
      'fever',
      'walkingBreaks',
    ]);
    expect(FIELD_ORDER.at(-1)).toBe('walkingBreaks');
  });
});

describe('checkinOutcome', () => {
  const intake = parseIntake(ANSWERS);
  if (!intake.ok) throw new Error('fixture does not parse');
  const emergency = checkinTriage(intake.value, {
    painNow: 3,
    painAreas: ['lower-back'],
    legSide: 'none',
    warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true },
  });
  const urgent = checkinTriage(intake.value, {
    painNow: 9,
    painAreas: ['lower-back'],
    legSide: 'none',
    warningSigns: NO_WARNING_SIGNS,
  });

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

  it('ignores a local triage when the repository answered without one', () => {
    expect(checkinOutcome(saved, emergency)).toEqual({
      kind: 'saved',
      paused: false,
      queued: false,
    });
  });
});

describe('summaryItems', () => {
  it('lists a few problems one by one, naming each field', () => {
    const items = summaryItems({ fever: 'f', painNow: 'p', trauma: 't' });
    expect(items.map((i) => i.field)).toEqual(['painNow', 'trauma', 'fever']);
    expect(items[0]?.label).toBe('Pain now');
    expect(items[2]?.label).toMatch(/fever/);
  });

  it('folds many unanswered warning signs into one line leading to the first', () => {
    const result = validateCheckin(EMPTY_DRAFT);
    if (result.ok) throw new Error('an empty form must not pass');
    const items = summaryItems(result.errors);
    expect(items.map((i) => i.label)).toEqual([
      'Pain now',
      'Where the pain reaches today',
      'Which side',
      'Warning signs',
    ]);
    expect(items[3]?.field).toBe(WARNING_QUESTIONS[0]?.field);
    expect(items[3]?.message).toMatch(/14 questions/);
  });
});
