// The daily check-in's answers on screen: pain words, the warning-sign questions, checking the form before it is sent, and what to show after.
import {
  WARNING_SIGN_FIELDS,
  warningSignsSchema,
  type CheckinAnswers,
  type CheckinTriage,
  type WarningSignField,
} from '../../engine/checkin.js';
import { LEG_SIDES, PAIN_AREAS, type PainArea } from '../../engine/intake-values.js';
import type { Problem } from '../../engine/problems.js';
import type { Level } from '../../engine/triage.js';
import { QUESTIONS, type Question } from '../../engine/questions.js';
import type { CheckinResult, PauseReason } from '../data/types.js';

export type LegSide = (typeof LEG_SIDES)[number];

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
export interface CheckinSubmission extends CheckinAnswers {
  sittingHours?: number;
  walkingBreaks?: number;
}

type WarningQuestion = Question & { field: WarningSignField };

const isWarningField = (field: string): field is WarningSignField =>
  (WARNING_SIGN_FIELDS as readonly string[]).includes(field);

/** The warning-sign questions in the intake's order, with the intake's wording. */
export const WARNING_QUESTIONS: readonly WarningQuestion[] = QUESTIONS.filter(
  (q): q is WarningQuestion => isWarningField(q.field),
);

const questionFor = (field: string): Question | undefined =>
  QUESTIONS.find((q) => q.field === field);

/** Pain areas in the buttock or leg: with any of them, the side cannot be "none". */
export const LEG_AREAS: readonly PainArea[] = PAIN_AREAS.filter((a) => a !== 'lower-back');

export const LEG_SIDE_OPTIONS: readonly { value: string; label: string }[] =
  questionFor('legSide')?.options ?? LEG_SIDES.map((s) => ({ value: s, label: s }));

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
  return FIELD_NAMES[field] ?? questionFor(field)?.text ?? field;
}

/** The order fields appear on screen, so problems are listed top to bottom. */
export const FIELD_ORDER: readonly CheckinField[] = [
  'painNow',
  'painAreas',
  'legSide',
  ...WARNING_QUESTIONS.map((q) => q.field),
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
 * that say what to do; warning signs must each be answered, never taken as "no".
 */
export function validateCheckin(
  draft: CheckinDraft,
): { ok: true; value: CheckinSubmission } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const { painNow } = draft;
  if (painNow === null || !Number.isInteger(painNow) || painNow < 0 || painNow > 10) {
    errors.painNow = 'Choose a number from 0 to 10 with the slider.';
  }
  const areas = PAIN_AREAS.filter((a) => draft.painAreas.includes(a));
  if (areas.length === 0) errors.painAreas = 'Choose at least one area where you feel the pain.';
  const side = LEG_SIDES.find((s) => s === draft.legSide);
  const legAreas = areas.filter((a) => LEG_AREAS.includes(a));
  if (side === undefined) {
    errors.legSide = 'Choose a side, or "No buttock or leg symptoms".';
  } else if (side === 'none' && legAreas.length > 0) {
    errors.legSide = `You marked pain in the ${legAreas
      .map((a) => AREA_WORDS[a])
      .join(', ')}, so choose left, right or both sides.`;
  }
  for (const q of WARNING_QUESTIONS) {
    const answer = draft.warningSigns[q.field];
    const allowed = q.options?.map((o) => o.value);
    const given =
      allowed === undefined
        ? typeof answer === 'boolean'
        : typeof answer === 'string' && allowed.includes(answer);
    if (!given) {
      errors[q.field] =
        allowed === undefined
          ? 'Answer yes or no. Please answer it even if nothing has changed.'
          : 'Choose the answer that fits today.';
    }
  }
  const sitting = parseOptionalNumber(draft.sittingHours, { min: 0, max: 24, whole: false });
  if (!sitting.ok) errors.sittingHours = sitting.message;
  const breaks = parseOptionalNumber(draft.walkingBreaks, { min: 0, max: 100, whole: true });
  if (!breaks.ok) errors.walkingBreaks = breaks.message;

  const signs = warningSignsSchema.safeParse(draft.warningSigns);
  if (
    Object.keys(errors).length > 0 ||
    !signs.success ||
    painNow === null ||
    side === undefined ||
    !sitting.ok ||
    !breaks.ok
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      painNow,
      painAreas: areas,
      legSide: side,
      warningSigns: signs.data,
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
  | { kind: 'saved'; paused: boolean; queued: boolean };

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
  return { kind: 'saved', paused, queued };
}

/** The heading of the advice for each level a warning sign can raise. */
export const ADVICE_HEADINGS: Record<Level, string> = {
  emergency: 'Get emergency help now',
  urgent: 'Speak to a doctor today',
  soon: 'Book an appointment with a GP or physiotherapist',
  'self-care': 'Check-in saved',
};
