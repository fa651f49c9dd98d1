// The daily check-in's answers on screen: which questions it asks (warning signs first, history carried from
// the assessment), when an answer stops it at once, checking the form before it is sent, and what to show after.
import {
  checkinQuestions,
  checkinTriage,
  newWarningReasons,
  warningSignsSchema,
  type Baseline,
  type CheckinDraft as EngineDraft,
  type CheckinTriage,
  type WarningSignField,
  type WarningSigns,
} from '../../engine/checkin.js';
import { LEG_AREAS, LEG_SIDES, PAIN_AREAS, type PainArea } from '../../engine/intake.js';
import type { Problem } from '../../engine/problems.js';
import type { TriageKb, TriageReason } from '../../engine/triage.js';
import { checkinQuestion, type Question } from '../../engine/questions.js';
// Only the triage policy's words, not the whole knowledge base (src/web/kb.ts): like the intake's first
// question, the check-in's warning questions load without it.
import { triageWords } from '../../kb/triage.js';
import type { CheckinResult, PauseReason } from '../data/types.js';

/** The triage policy's words the check-in's warning re-check reports in. */
export const CHECKIN_KB: TriageKb = { triage: triageWords };

export type LegSide = (typeof LEG_SIDES)[number];
export { LEG_AREAS };

/** What the form holds while the person answers: nothing is assumed, so every answer starts empty. */
export interface CheckinDraft {
  painNow: number | null;
  painAreas: string[];
  legSide: string | undefined;
  warningSigns: Partial<Record<WarningSignField, boolean | string>>;
  sittingHours: string;
  walkingBreaks: string;
}

export const EMPTY_DRAFT: CheckinDraft = {
  painNow: null,
  painAreas: [],
  legSide: undefined,
  warningSigns: {},
  sittingHours: '',
  walkingBreaks: '',
};

export type CheckinField =
  'painNow' | 'painAreas' | 'legSide' | WarningSignField | 'sittingHours' | 'walkingBreaks';

export type FieldErrors = Partial<Record<CheckinField, string>>;

/** The body sent to the repository: the engine's check-in answers plus the optional day details. */
export interface CheckinSubmission {
  painNow?: number;
  painAreas?: PainArea[];
  legSide?: LegSide;
  warningSigns: WarningSigns;
  sittingHours?: number;
  walkingBreaks?: number;
}

export type WarningQuestion = Question & { field: WarningSignField };

/** The warning-sign answers given so far, valid ones only (an answer is never filled in). */
export function givenSigns(draft: CheckinDraft): WarningSigns {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(draft.warningSigns)) {
    const one = warningSignsSchema.shape[field as WarningSignField].safeParse(value);
    if (one.success && one.data !== undefined) out[field] = one.data;
  }
  return out;
}

/** The warning-sign questions this check-in asks now, in order, with the check-in's wording. */
export function warningQuestions(base: Baseline, draft: CheckinDraft): WarningQuestion[] {
  return checkinQuestions(base, givenSigns(draft)).map((field) => ({
    ...checkinQuestion(field),
    field,
  }));
}

/**
 * Whether the side question is asked: only with a buttock or leg area, or numbness in the leg. Then it
 * offers left, right and both, never "none"; without them the side is "none" and not asked.
 */
export function sideAsked(draft: CheckinDraft): boolean {
  const numb = draft.warningSigns.numbness;
  return (
    draft.painAreas.some((a) => (LEG_AREAS as readonly string[]).includes(a)) ||
    (typeof numb === 'string' && numb !== 'none')
  );
}

const questionText = (field: string): string | undefined => {
  try {
    return checkinQuestion(field as WarningSignField).text;
  } catch {
    return undefined;
  }
};

/** The side question's options: a side, never "none" (it is only asked with leg symptoms). */
export const LEG_SIDE_OPTIONS: readonly { value: string; label: string }[] = (
  checkinQuestion('legSide').options ?? LEG_SIDES.map((s) => ({ value: s, label: s }))
).filter((o) => o.value !== 'none');

/** The answers so far as the engine reads them: only what was given, never a filled-in "no". */
export function engineDraft(draft: CheckinDraft): EngineDraft {
  const areas = PAIN_AREAS.filter((a) => draft.painAreas.includes(a));
  const side = LEG_SIDES.find((s) => s === draft.legSide);
  const signs = givenSigns(draft);
  // Without a leg area or leg numbness there is no side to ask, so it is "none"; with them, only a given side.
  const legSide: LegSide | undefined = sideAsked(draft)
    ? side === 'none'
      ? undefined
      : side
    : areas.length > 0 && signs.numbness !== undefined
      ? 'none'
      : undefined;
  return {
    ...(draft.painNow === null ? {} : { painNow: draft.painNow }),
    ...(areas.length > 0 ? { painAreas: areas } : {}),
    ...(legSide === undefined ? {} : { legSide }),
    warningSigns: signs,
  };
}

/**
 * The warning that stops the check-in now: an emergency or urgent rule certain from the answers so far
 * that the assessment did not already know about (a known one is already in the advice the person has).
 * Null while there is none.
 */
export function stopNow(
  base: Baseline,
  known: readonly TriageReason[],
  draft: CheckinDraft,
): CheckinTriage | null {
  const fired = checkinTriage(base, engineDraft(draft), CHECKIN_KB);
  if (!fired) return null;
  return newWarningReasons(known, fired.reasons).length > 0 ? fired : null;
}

/** The body of a check-in stopped early: the answers given so far, and nothing made up. */
export function stoppedSubmission(draft: CheckinDraft): CheckinSubmission {
  const d = engineDraft(draft);
  return {
    warningSigns: d.warningSigns,
    ...(d.painNow === undefined ? {} : { painNow: d.painNow }),
    ...(d.painAreas === undefined ? {} : { painAreas: d.painAreas }),
    ...(d.legSide === undefined ? {} : { legSide: d.legSide }),
  };
}

const AREA_WORDS: Record<PainArea, string> = {
  'lower-back': 'lower back',
  buttock: 'buttock',
  'back-of-thigh': 'back of the thigh',
  'below-knee': 'leg below the knee',
  foot: 'foot',
};

/** Plain words for a 0 to 10 pain score. */
export function painWords(score: number): string {
  if (score <= 0) return 'no pain';
  if (score <= 3) return 'mild pain';
  if (score <= 6) return 'moderate pain';
  if (score <= 9) return 'severe pain';
  return 'the worst pain imaginable';
}

const FIELD_NAMES: Partial<Record<CheckinField, string>> = {
  painNow: 'Pain now',
  painAreas: 'Where the pain reaches today',
  legSide: 'Which side',
  sittingHours: 'Hours spent sitting today',
  walkingBreaks: 'Walking breaks taken today',
};

/** Short names of the fields, for the list of problems at the top of the form; a warning sign is named by its question. */
export function fieldName(field: CheckinField): string {
  return FIELD_NAMES[field] ?? questionText(field) ?? field;
}

const WARNING_ORDER: readonly WarningSignField[] = checkinQuestions(
  { cancerHistory: true } as NonNullable<Baseline>,
  { legWeakness: 'mild' },
);

const isWarningField = (field: string): field is WarningSignField =>
  (WARNING_ORDER as readonly string[]).includes(field);

/** The order fields appear on screen (warning signs first), so problems are listed top to bottom. */
export const FIELD_ORDER: readonly CheckinField[] = [
  ...WARNING_ORDER,
  'painNow',
  'painAreas',
  'legSide',
  'sittingHours',
  'walkingBreaks',
];

/** A number typed by a person: empty means not given; a comma is read as a decimal point. */
export function parseOptionalNumber(
  text: string,
  { min, max, whole }: { min: number; max: number; whole: boolean },
): { ok: true; value: number | undefined } | { ok: false; message: string } {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { ok: true, value: undefined };
  const range = `from ${min} to ${max}`;
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) {
    return {
      ok: false,
      message: whole ? `Type a whole number ${range}.` : `Type a number ${range}, like 6 or 7.5.`,
    };
  }
  const value = Number(trimmed);
  if (whole && !Number.isInteger(value)) {
    return { ok: false, message: `Type a whole number ${range}.` };
  }
  if (value < min || value > max) return { ok: false, message: `Type a number ${range}.` };
  return { ok: true, value };
}

/**
 * Checks every answer and builds the body to send. Each problem is keyed by its field, with words
 * that say what to do; every warning-sign question asked must be answered, never taken as "no".
 */
export function validateCheckin(
  draft: CheckinDraft,
  base: Baseline,
): { ok: true; value: CheckinSubmission } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  for (const q of warningQuestions(base, draft)) {
    if (givenSigns(draft)[q.field] === undefined) {
      errors[q.field] =
        q.options === undefined
          ? 'Answer yes or no. Please answer it even if nothing has changed.'
          : 'Choose the answer that fits.';
    }
  }
  const { painNow } = draft;
  if (painNow === null || !Number.isInteger(painNow) || painNow < 0 || painNow > 10) {
    errors.painNow = 'Choose a number from 0 to 10.';
  }
  const areas = PAIN_AREAS.filter((a) => draft.painAreas.includes(a));
  if (areas.length === 0) errors.painAreas = 'Choose at least one area where you feel the pain.';
  const asked = sideAsked(draft);
  const chosen = LEG_SIDES.find((s) => s === draft.legSide && s !== 'none');
  if (asked && chosen === undefined) {
    const legAreas = areas.filter((a) => LEG_AREAS.includes(a));
    errors.legSide =
      legAreas.length > 0
        ? `You marked the ${legAreas.map((a) => AREA_WORDS[a]).join(', ')}: choose left, right or both sides.`
        : 'Choose the side of the leg numbness: left, right or both.';
  }
  const sitting = parseOptionalNumber(draft.sittingHours, { min: 0, max: 24, whole: false });
  if (!sitting.ok) errors.sittingHours = sitting.message;
  const breaks = parseOptionalNumber(draft.walkingBreaks, { min: 0, max: 100, whole: true });
  if (!breaks.ok) errors.walkingBreaks = breaks.message;

  if (Object.keys(errors).length > 0 || painNow === null || !sitting.ok || !breaks.ok) {
    return { ok: false, errors };
  }
  const signs = givenSigns(draft);
  // Only the questions asked are sent: history is carried from the assessment by the service.
  const asking = new Set<string>(warningQuestions(base, draft).map((q) => q.field));
  const sent = Object.fromEntries(
    Object.entries(signs).filter(([field]) => asking.has(field)),
  ) as WarningSigns;
  return {
    ok: true,
    value: {
      painNow,
      painAreas: areas,
      legSide: asked && chosen ? chosen : 'none',
      warningSigns: sent,
      ...(sitting.value === undefined ? {} : { sittingHours: sitting.value }),
      ...(breaks.value === undefined ? {} : { walkingBreaks: breaks.value }),
    },
  };
}

/** Problems the repository sent back (field paths such as `warningSigns.fever`), keyed by field. */
export function errorsFromProblems(problems: readonly Problem[]): {
  errors: FieldErrors;
  other: Problem[];
} {
  const errors: FieldErrors = {};
  const other: Problem[] = [];
  for (const p of problems) {
    const field = p.path.replace(/^warningSigns\./, '').split('.')[0] ?? '';
    if ((FIELD_ORDER as readonly string[]).includes(field)) {
      errors[field as CheckinField] ??= p.message;
    } else {
      other.push(p);
    }
  }
  return { errors, other };
}

/** The problems in the order the fields appear on screen. */
export function orderedErrors(errors: FieldErrors): { field: CheckinField; message: string }[] {
  return FIELD_ORDER.flatMap((field) => {
    const message = errors[field];
    return message === undefined ? [] : [{ field, message }];
  });
}

/** Warning-sign problems beyond this many are listed as one line, so the list stays readable. */
export const MAX_LISTED_WARNINGS = 3;

/**
 * The lines of the problem list at the top of the form, in screen order. Many unanswered warning
 * signs make one line that leads to the first of them; each question still shows its own problem.
 */
export function summaryItems(
  errors: FieldErrors,
): { field: CheckinField; label: string; message: string }[] {
  const all = orderedErrors(errors);
  const warnings = all.filter((e) => isWarningField(e.field));
  const grouped = warnings.length > MAX_LISTED_WARNINGS;
  const items: { field: CheckinField; label: string; message: string }[] = [];
  for (const e of all) {
    if (grouped && isWarningField(e.field)) {
      if (e.field === warnings[0]?.field) {
        items.push({
          field: e.field,
          label: 'Warning signs',
          message: `${warnings.length} questions are not answered yet. Please answer each one.`,
        });
      }
      continue;
    }
    items.push({ field: e.field, label: fieldName(e.field), message: e.message });
  }
  return items;
}

export type CheckinOutcome =
  | { kind: 'emergency'; triage: PauseReason; paused: boolean; queued: boolean }
  | { kind: 'advice'; triage: PauseReason; paused: boolean; queued: boolean }
  | { kind: 'saved'; paused: boolean; queued: boolean; advice: string[]; backOffEnded: boolean };

/**
 * What to show once the check-in is saved. The repository's triage wins; a check-in kept on the
 * device to send later has none, so the triage worked out here is shown instead, at once.
 */
export function checkinOutcome(
  result: CheckinResult,
  localTriage: CheckinTriage | null,
): CheckinOutcome {
  const queued = result.queued === true;
  const triage = result.triage ?? (queued ? localTriage : null) ?? undefined;
  const paused = result.programmePaused;
  if (triage?.level === 'emergency') return { kind: 'emergency', triage, paused, queued };
  if (triage !== undefined && triage.level !== 'self-care' && triage.reasons.length > 0) {
    return { kind: 'advice', triage, paused, queued };
  }
  return {
    kind: 'saved',
    paused,
    queued,
    advice: result.advice ?? [],
    backOffEnded: result.backOffEnded === true,
  };
}

/** The heading of the advice for each level a warning sign can raise (src/words). */
export { CHECKIN_ADVICE_HEADING as ADVICE_HEADINGS } from '../../words/levels.js';
