// The intake form's step machine, kept free of the DOM: which questions each step asks, what stops a step,
// when an emergency answer ends the questions early, and how the answers become the intake contract.
import type { WarningSigns } from '../../engine/checkin.js';
import { WARNING_SIGN_FIELDS } from '../../engine/checkin-fields.js';
import { LEG_AREAS } from '../../engine/intake-derive.js';
import type { Intake, IntakeInput, PainArea } from '../../engine/intake.js';
import { START_BACK_Q9 } from '../../engine/intake-values.js';
import type { Problem } from '../../engine/problems.js';
import { QUESTIONS, SECTIONS, type Question, type SectionId } from '../../engine/questions.js';
import { START_BACK_ITEMS } from '../../engine/start-back.js';
import { ruleByCode, type TriageCode, type TriageKb } from '../../engine/triage.js';
import { warningNow, type KnownAnswers, type WarningNow } from '../../engine/warning-now.js';
// Only the triage policy's words, not the whole knowledge base (src/web/kb.ts): the intake's first question
// loads without it (the first-load budget, issue 11).
import { triageWords } from '../../kb/triage.js';

/** The triage policy's words: the small part of the knowledge base the intake's first load needs. */
const TRIAGE_KB: TriageKb = { triage: triageWords };

export type QuestionField = Question['field'];
export type StepId = SectionId | 'start-back';
export const START_BACK_KEYS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'] as const;
export type StartBackKey = (typeof START_BACK_KEYS)[number];

/** An answer as the form holds it: numbers stay as typed text until they are checked. */
export type AnswerValue = boolean | string | string[];

/** Everything answered so far; a missing key is a question not answered yet. */
export interface Draft {
  values: Partial<Record<QuestionField, AnswerValue>>;
  /** The opt-in to the optional STarT Back step; not answered counts as no. */
  wantsStartBack?: boolean;
  /** Items 1 to 8 are agree (true) or disagree (false); item 9 is one of START_BACK_Q9. */
  startBack: Partial<Record<StartBackKey, boolean | string>>;
}

export const EMPTY_DRAFT: Draft = { values: {}, startBack: {} };

/** Where an error is shown: a question's field, the STarT Back opt-in, or one STarT Back item. */
export type ErrorKey = QuestionField | 'wantsStartBack' | `startBack.${StartBackKey}`;
export type FieldErrors = Partial<Record<ErrorKey, string>>;

/** The fields the contract requires, in the order they are asked. */
export const REQUIRED_FIELDS: readonly QuestionField[] = QUESTIONS.filter((q) => q.required).map(
  (q) => q.field,
);

/** The steps: every section that has questions (a section without any is skipped), then STarT Back. */
export const STEP_IDS: readonly StepId[] = [
  ...SECTIONS.filter((s) => QUESTIONS.some((q) => q.section === s.id)).map((s) => s.id),
  'start-back',
];

export const START_BACK_TITLE = 'How the pain affects you (optional)';

export function stepTitle(id: StepId): string {
  if (id === 'start-back') return START_BACK_TITLE;
  return SECTIONS.find((s) => s.id === id)?.title ?? id;
}

export function stepIndexOf(id: StepId): number {
  return STEP_IDS.indexOf(id);
}

const BY_FIELD = new Map<QuestionField, Question>(QUESTIONS.map((q) => [q.field, q]));

export function questionOf(field: QuestionField): Question {
  const q = BY_FIELD.get(field);
  if (!q) throw new Error(`unknown question: ${field}`);
  return q;
}

export function isQuestionField(key: string): key is QuestionField {
  return BY_FIELD.has(key as QuestionField);
}

export { LEG_AREAS };

/** Whether the answers so far give buttock or leg symptoms: a side chosen, or a buttock or leg area ticked. */
export function hasLegSymptoms(values: Draft['values']): boolean {
  const areas = Array.isArray(values.painAreas) ? values.painAreas : [];
  const side = values.legSide;
  return (
    (typeof side === 'string' && side !== 'none') ||
    areas.some((a) => (LEG_AREAS as readonly string[]).includes(a))
  );
}

/** Whether the pain already reaches below the knee (a ticked area, or numbness there). */
export function reachesBelowKnee(values: Draft['values']): boolean {
  const areas = Array.isArray(values.painAreas) ? values.painAreas : [];
  return (
    areas.includes('below-knee') ||
    areas.includes('foot') ||
    values.numbness === 'below-knee' ||
    values.numbness === 'foot'
  );
}

/**
 * Whether a question is asked, given the answers so far: only what applies. Leg weakness getting worse
 * follows only a weak leg (as in the terminal interview); the leg-raise details follow only a leg raise
 * that was done; the questions about leg pain only someone with buttock or leg symptoms; bruising only
 * a thigh injury or pain in the back of the thigh. Pulling the toes up during the leg raise is asked
 * only when the pain stopped above the knee: it is there to bring on nerve pain, which someone whose
 * pain already reaches below the knee must not be asked to provoke again.
 */
export function isAsked(q: Question, values: Draft['values']): boolean {
  const field = q.field;
  if (field === 'weaknessWorsening') {
    return values.legWeakness === 'mild' || values.legWeakness === 'foot-drop';
  }
  if (field === 'slrAngle') {
    return typeof values.slrTest === 'string' && values.slrTest !== 'not-done';
  }
  if (field === 'slrDorsiflexionWorse') {
    return (
      (values.slrTest === 'thigh-pull' || values.slrTest === 'back-pain') &&
      !reachesBelowKnee(values)
    );
  }
  if (
    field === 'worseCoughSneeze' ||
    field === 'hipRotationProvokes' ||
    field === 'deepButtockPainSitting'
  ) {
    return hasLegSymptoms(values);
  }
  if (field === 'thighBruising') {
    const areas = Array.isArray(values.painAreas) ? values.painAreas : [];
    return values.thighInjury === true || areas.includes('back-of-thigh');
  }
  return true;
}

/** The questions a step asks now, in order. */
export function askedQuestions(id: StepId, values: Draft['values']): Question[] {
  return QUESTIONS.filter((q) => q.section === id && isAsked(q, values));
}

/** Reads typed number text: a comma works as a decimal point; anything else that is not a number is null. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

function isNumberKind(q: Question): boolean {
  return q.kind === 'integer' || q.kind === 'number';
}

/** Why typed number text is not accepted for this question, or undefined when it is (or is empty). */
export function numberError(q: Question, text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const n = parseNumber(text);
  const whole = q.kind === 'integer';
  const range =
    q.min !== undefined && q.max !== undefined
      ? `from ${q.min} to ${q.max}`
      : q.min !== undefined
        ? `of ${q.min} or more`
        : '';
  const expected = `${whole ? 'a whole number' : 'a number'} ${range}`.trim();
  if (n === null) return `Enter ${expected}, using digits only.`;
  if (whole && !Number.isInteger(n)) return `Enter ${expected}, without a decimal point.`;
  if (q.field === 'age' && q.min !== undefined && n < q.min) {
    return `Backchain is made for people aged ${q.min} or over. If you are younger, please ask a GP or physiotherapist about your back pain.`;
  }
  if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) {
    return `Enter ${expected}.`;
  }
  return undefined;
}

/** The contract value of one answer, or undefined when it is missing or not acceptable. */
export function answerValue(q: Question, v: AnswerValue | undefined): unknown {
  if (v === undefined) return undefined;
  switch (q.kind) {
    case 'yes-no':
      return typeof v === 'boolean' ? v : undefined;
    case 'choice':
      return typeof v === 'string' && (q.options ?? []).some((o) => o.value === v) ? v : undefined;
    case 'multi': {
      if (!Array.isArray(v)) return undefined;
      const allowed = (q.options ?? []).map((o) => o.value);
      const chosen = allowed.filter((o) => v.includes(o));
      return q.required && chosen.length === 0 ? undefined : chosen;
    }
    case 'integer':
    case 'number': {
      if (typeof v !== 'string' || v.trim() === '' || numberError(q, v) !== undefined) {
        return undefined;
      }
      return parseNumber(v) ?? undefined;
    }
  }
}

/** Whether a question has an acceptable answer. */
export function isAnswered(q: Question, values: Draft['values']): boolean {
  return answerValue(q, values[q.field]) !== undefined;
}

function legAreaLabels(areas: readonly string[]): string[] {
  const options = questionOf('painAreas').options ?? [];
  return options
    .filter((o) => (LEG_AREAS as readonly string[]).includes(o.value) && areas.includes(o.value))
    .map((o) => o.label.toLowerCase());
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** The contradiction between "no buttock or leg symptoms" and buttock or leg areas, in words, or undefined. */
export function legSideConflict(values: Draft['values']): string | undefined {
  const areas = Array.isArray(values.painAreas) ? values.painAreas : [];
  if (values.legSide !== 'none') return undefined;
  const legs = legAreaLabels(areas);
  if (legs.length === 0) return undefined;
  return `You marked pain in the ${listInWords(legs)}, but answered “No buttock or leg symptoms”. Choose the side those symptoms are on, or untick those areas above.`;
}

function missingMessage(q: Question): string {
  if (q.field === 'painNow') return 'Move the slider to choose a number from 0 to 10.';
  if (q.field === 'age') return 'Enter your age in years.';
  switch (q.kind) {
    case 'yes-no':
      return 'Choose Yes or No.';
    case 'choice':
      return 'Choose one answer.';
    case 'multi':
      return 'Choose at least one.';
    case 'integer':
    case 'number':
      return 'Enter a number.';
  }
}

/** Whether a question must be answered before moving on: required ones and warning signs. */
export function mustAnswer(q: Question): boolean {
  return q.required || q.warning;
}

function startBackErrors(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  if (draft.wantsStartBack !== true) return errors;
  for (const key of START_BACK_KEYS) {
    const v = draft.startBack[key];
    const ok =
      key === 'q9'
        ? typeof v === 'string' && (START_BACK_Q9 as readonly string[]).includes(v)
        : typeof v === 'boolean';
    if (!ok) errors[`startBack.${key}`] = 'Choose an answer.';
  }
  return errors;
}

/** What keeps a step from being left with Next, one message per question, in the order asked. */
export function stepErrors(id: StepId, draft: Draft): FieldErrors {
  if (id === 'start-back') return startBackErrors(draft);
  return questionErrors(askedQuestions(id, draft.values), draft.values);
}

function questionErrors(questions: readonly Question[], values: Draft['values']): FieldErrors {
  const errors: FieldErrors = {};
  for (const q of questions) {
    const v = values[q.field];
    if (isNumberKind(q) && typeof v === 'string' && v.trim() !== '') {
      const bad = numberError(q, v);
      if (bad) errors[q.field] = bad;
      continue;
    }
    if (mustAnswer(q) && !isAnswered(q, values)) errors[q.field] = missingMessage(q);
  }
  if (questions.some((q) => q.field === 'legSide') && !errors.legSide) {
    const conflict = legSideConflict(values);
    if (conflict) errors.legSide = conflict;
  }
  return errors;
}

/** The text of the question an error belongs to, for the list of problems at the top of a step. */
export function errorQuestionText(key: ErrorKey): string {
  if (key === 'wantsStartBack') return 'Would you answer nine more short questions?';
  if (key.startsWith('startBack.')) {
    const item = key.slice('startBack.'.length) as StartBackKey;
    return START_BACK_ITEMS[item];
  }
  return isQuestionField(key) ? questionOf(key).text : key;
}

/** The errors in the order their questions appear. */
export function orderedErrors(errors: FieldErrors): { key: ErrorKey; message: string }[] {
  const order: ErrorKey[] = [
    ...QUESTIONS.map((q) => q.field),
    'wantsStartBack',
    ...START_BACK_KEYS.map((k) => `startBack.${k}` as const),
  ];
  return order.flatMap((key) => {
    const message = errors[key];
    return message === undefined ? [] : [{ key, message }];
  });
}

/** The answers with one changed, or removed when `value` is undefined. */
export function withAnswer(
  values: Draft['values'],
  field: QuestionField,
  value: AnswerValue | undefined,
): Draft['values'] {
  const next: Draft['values'] = {};
  for (const q of QUESTIONS) {
    const v = q.field === field ? value : values[q.field];
    if (v !== undefined) next[q.field] = v;
  }
  return next;
}

/** The errors without those for `keys`. */
export function withoutErrors(errors: FieldErrors, keys: readonly ErrorKey[]): FieldErrors {
  const next: FieldErrors = {};
  for (const [k, message] of Object.entries(errors) as [ErrorKey, string | undefined][]) {
    if (message !== undefined && !keys.includes(k)) next[k] = message;
  }
  return next;
}

/** The form control's name for an error key; its fieldset or input has the id `q-<name>`. */
export function controlName(key: ErrorKey): string {
  return key.replace('.', '-');
}

// --- Stopping early: the emergency and urgent rules certain from the answers so far, whatever the rest
// would be. The engine's `warningNow` decides, over the rule table, as on every other surface.

/**
 * The answers `questions` give the rules: each one answered acceptably, and the ones implied because
 * their question is not asked (no weak leg, so it is not getting weaker). Nothing else is assumed.
 */
export function knownAnswers(
  questions: readonly Question[],
  values: Draft['values'],
): KnownAnswers {
  const known: Record<string, unknown> = {};
  for (const q of questions) {
    if (!isAsked(q, values)) {
      // Only a leg answered as not weak implies it is not getting weaker; an unanswered one implies nothing.
      if (q.field === 'weaknessWorsening' && values.legWeakness === 'none') known[q.field] = false;
      continue;
    }
    const v = answerValue(q, values[q.field]);
    if (v !== undefined) known[q.field] = v;
  }
  return known;
}

/** The questions of the steps up to and including `step`. */
function questionsThrough(step: number): Question[] {
  const sections = new Set(STEP_IDS.slice(0, step + 1));
  return QUESTIONS.filter((q) => sections.has(q.section));
}

/** The warning certain from the answers of the steps up to and including `step`, or null. */
export function warningThrough(
  draft: Draft,
  step: number = STEP_IDS.length - 1,
): WarningNow | null {
  return warningNow(knownAnswers(questionsThrough(step), draft.values), TRIAGE_KB);
}

/**
 * Where a warning stops the questions on this step: the position, among the questions it asks, of the
 * answer after which an emergency or urgent rule is certain, or null. Answers to earlier steps count;
 * later questions of this step do not.
 */
export function warningCutoff(step: number, draft: Draft): number | null {
  const id = STEP_IDS[step];
  if (id === undefined || id === 'start-back') return null;
  const before = questionsThrough(step - 1);
  const here = askedQuestions(id, draft.values);
  const certainThrough = (i: number) =>
    warningNow(knownAnswers([...before, ...here.slice(0, i + 1)], draft.values), TRIAGE_KB) !==
    null;
  // A rule certain on some answers stays certain when more are known (fewer completions to fire on), so
  // with nothing certain on the whole step no shorter run can be: one check instead of one a question,
  // which keeps each render of the first step cheap. Otherwise the earliest position is searched for.
  if (here.length === 0 || !certainThrough(here.length - 1)) return null;
  let low = 0;
  let high = here.length - 1;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (certainThrough(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The same answer by asking after every question in turn: the plain definition, kept so a property test
 * holds the quick search in `warningCutoff` to it (a stop must never come later than this).
 */
export function warningCutoffByScan(step: number, draft: Draft): number | null {
  const id = STEP_IDS[step];
  if (id === undefined || id === 'start-back') return null;
  const before = questionsThrough(step - 1);
  const here = askedQuestions(id, draft.values);
  for (let i = 0; i < here.length; i++) {
    if (warningNow(knownAnswers([...before, ...here.slice(0, i + 1)], draft.values), TRIAGE_KB))
      return i;
  }
  return null;
}

/**
 * The answers a stopped intake stores as a warning check-in: the warning signs, pain and leg answers
 * given so far (and the age, which a rule can read), nothing made up.
 */
export function stoppedCheckin(draft: Draft): {
  age?: number;
  painNow?: number;
  painAreas?: PainArea[];
  legSide?: Intake['legSide'];
  warningSigns: WarningSigns;
} {
  const known = knownAnswers(QUESTIONS, draft.values);
  const warningSigns = Object.fromEntries(
    WARNING_SIGN_FIELDS.flatMap((f) => (known[f] === undefined ? [] : [[f, known[f]]])),
  ) as WarningSigns;
  // A side of "none" with a leg area is a contradiction the form is about to refuse: leave it out.
  const legSide =
    known.legSide === 'none' && (known.painAreas ?? []).some((a) => LEG_AREAS.includes(a))
      ? undefined
      : known.legSide;
  return {
    warningSigns,
    ...(known.age === undefined ? {} : { age: known.age }),
    ...(known.painNow === undefined ? {} : { painNow: known.painNow }),
    ...(known.painAreas === undefined ? {} : { painAreas: known.painAreas }),
    ...(legSide === undefined ? {} : { legSide }),
  };
}

/** One answer as the person gave it, in the words of its options; undefined when not answered. */
export function draftAnswerWords(
  field: QuestionField,
  values: Draft['values'],
): string | undefined {
  const q = questionOf(field);
  const v = answerValue(q, values[field]);
  const label = (value: string) => q.options?.find((o) => o.value === value)?.label ?? value;
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (Array.isArray(v)) return v.map((x) => label(String(x))).join(', ');
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' ? label(v) : undefined;
}

/** The reasons of a warning in plain words, each with the answers that it read. */
export function warningReasons(
  codes: readonly TriageCode[],
  values: Draft['values'],
): { text: string; answers: { question: string; answer: string }[] }[] {
  return codes.map((code) => {
    const rule = ruleByCode(code);
    const answers = rule.reads.flatMap((field) => {
      if (!isQuestionField(field)) return [];
      const answer = draftAnswerWords(field, values);
      return answer === undefined ? [] : [{ question: questionOf(field).text, answer }];
    });
    return { text: TRIAGE_KB.triage.rules[code].text, answers };
  });
}

/** The required answers still missing or not acceptable, in the order they are asked. */
export function missingRequired(draft: Draft): QuestionField[] {
  return REQUIRED_FIELDS.filter((f) => !isAnswered(questionOf(f), draft.values));
}

/** What pressing Next on a step leads to. */
export type Advance =
  | { kind: 'errors'; errors: FieldErrors }
  | { kind: 'step'; step: number }
  /** A warning is certain: stop asking, store it as given, and show its advice. */
  | { kind: 'stop'; warning: WarningNow }
  | { kind: 'submit' };

export function advance(step: number, draft: Draft): Advance {
  const id = STEP_IDS[step];
  if (id === undefined) return { kind: 'submit' };
  const warning = warningCutoff(step, draft) !== null ? warningThrough(draft, step) : null;
  if (warning) return { kind: 'stop', warning };
  const errors = stepErrors(id, draft);
  if (Object.keys(errors).length > 0) return { kind: 'errors', errors };
  if (step + 1 >= STEP_IDS.length) return { kind: 'submit' };
  return { kind: 'step', step: step + 1 };
}

/** The first step that cannot be left as it is, with its errors, or null when every step is complete. */
export function firstIncompleteStep(draft: Draft): { step: number; errors: FieldErrors } | null {
  for (let step = 0; step < STEP_IDS.length; step++) {
    const id = STEP_IDS[step];
    if (id === undefined) continue;
    const errors = stepErrors(id, draft);
    if (Object.keys(errors).length > 0) return { step, errors };
  }
  return null;
}

/**
 * The answers in the intake contract (version 1). Only questions that are asked and answered
 * acceptably are included, so an unanswered optional question takes the contract's default. With
 * `throughStep` (an emergency) the steps after it are left out, as the terminal interview leaves them
 * unasked, except the required answers the emergency form collects.
 */
export function buildAnswers(draft: Draft, throughStep: number = STEP_IDS.length - 1): IntakeInput {
  const steps = new Set(STEP_IDS.slice(0, throughStep + 1));
  const out: Record<string, unknown> = { version: 1 };
  for (const q of QUESTIONS) {
    if (!steps.has(q.section) && !q.required) continue;
    if (!isAsked(q, draft.values)) continue;
    const v = answerValue(q, draft.values[q.field]);
    if (v !== undefined) out[q.field] = v;
  }
  if (steps.has('start-back') && draft.wantsStartBack === true) {
    out.startBack = { ...draft.startBack };
  }
  return out as IntakeInput;
}

/** Which question a problem from the assessment is about (`answers.startBack.q9` → `startBack.q9`). */
export function errorKeyOfPath(path: string): ErrorKey | null {
  const p = path.replace(/^answers\.?/, '');
  if (p.startsWith('startBack')) {
    const item = /^startBack\.(q[1-9])\b/.exec(p)?.[1];
    return item ? (`startBack.${item}` as ErrorKey) : 'wantsStartBack';
  }
  const head = /^[A-Za-z0-9]+/.exec(p)?.[0] ?? '';
  return isQuestionField(head) ? head : null;
}

export function stepOfErrorKey(key: ErrorKey): number {
  if (key === 'wantsStartBack' || key.startsWith('startBack.')) return stepIndexOf('start-back');
  return isQuestionField(key) ? stepIndexOf(questionOf(key).section) : -1;
}

/**
 * The assessment's problems put back on their questions: the errors to show, the first step that has
 * one, and the problems that belong to no question (shown as they are).
 */
export function placeProblems(problems: readonly Problem[]): {
  errors: FieldErrors;
  firstStep: number | null;
  unplaced: Problem[];
} {
  const errors: FieldErrors = {};
  const unplaced: Problem[] = [];
  let firstStep: number | null = null;
  for (const p of problems) {
    const key = errorKeyOfPath(p.path);
    if (key === null) {
      unplaced.push(p);
      continue;
    }
    errors[key] ??= `This answer was not accepted: expected ${p.expected}, got ${p.received}.`;
    const step = stepOfErrorKey(key);
    if (step >= 0 && (firstStep === null || step < firstStep)) firstStep = step;
  }
  return { errors, firstStep, unplaced };
}

/** The assessment's problems with each path replaced by its question, in words a person can act on. */
export function problemsInWords(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => {
    const key = errorKeyOfPath(p.path);
    const where = key === null ? p.path : errorQuestionText(key);
    return { ...p, path: where, message: `expected ${p.expected}, got ${p.received}` };
  });
}

// --- Keeping the draft while the person moves between screens.

export interface SavedIntake {
  step: number;
  draft: Draft;
}

function isAnswerValue(v: unknown): v is AnswerValue {
  return (
    typeof v === 'boolean' ||
    typeof v === 'string' ||
    (Array.isArray(v) && v.every((x) => typeof x === 'string'))
  );
}

/** Reads a saved draft back, keeping only what has the right shape; null when there is nothing usable. */
export function restoreSaved(data: unknown): SavedIntake | null {
  if (data === null || typeof data !== 'object') return null;
  const { step, draft } = data as { step?: unknown; draft?: unknown };
  if (draft === null || typeof draft !== 'object') return null;
  const d = draft as { values?: unknown; wantsStartBack?: unknown; startBack?: unknown };
  const values: Draft['values'] = {};
  if (d.values !== null && typeof d.values === 'object') {
    for (const [k, v] of Object.entries(d.values)) {
      if (isQuestionField(k) && isAnswerValue(v)) values[k] = v;
    }
  }
  const startBack: Draft['startBack'] = {};
  if (d.startBack !== null && typeof d.startBack === 'object') {
    for (const [k, v] of Object.entries(d.startBack)) {
      const key = START_BACK_KEYS.find((x) => x === k);
      if (key && (typeof v === 'boolean' || typeof v === 'string')) startBack[key] = v;
    }
  }
  const restored: Draft = { values, startBack };
  if (typeof d.wantsStartBack === 'boolean') restored.wantsStartBack = d.wantsStartBack;
  const at =
    typeof step === 'number' && Number.isInteger(step) && step >= 0 && step < STEP_IDS.length
      ? step
      : 0;
  return { step: at, draft: restored };
}

// --- A repeat intake starts from the last answers, except the warning signs.

/**
 * Whether a question starts from the last answer on a repeat intake. The warning signs never do, nor
 * anything a warning rule reads that can change from day to day (pain now, the leg side, numbness):
 * those are answered afresh. Age does (a warning rule reads it, but it is a fact, not a symptom).
 */
export function carriedOver(q: Question): boolean {
  if (q.section === 'warning-signs') return false;
  return !q.warning || q.field === 'age';
}

/** The days between two local dates (`YYYY-MM-DD`), never negative. */
function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return 0;
  return Math.max(0, Math.round((b - a) / 86_400_000));
}

/**
 * The draft a repeat intake starts from: the last answers to the questions that carry over, as the
 * form holds them, with the days since the pain began moved on by the days since then. The warning
 * signs, pain now, the leg side and numbness start blank, and so does the optional STarT Back step.
 */
export function repeatDraft(last: Intake, answeredOn: string, today: string): Draft {
  const values: Draft['values'] = {};
  for (const q of QUESTIONS) {
    if (!carriedOver(q)) continue;
    const v: unknown = last[q.field];
    if (v === undefined) continue;
    if (q.field === 'durationDays' && typeof v === 'number') {
      values[q.field] = String(v + daysBetween(answeredOn, today));
    } else if (typeof v === 'number') {
      values[q.field] = String(v);
    } else if (typeof v === 'boolean' || typeof v === 'string') {
      values[q.field] = v;
    } else if (Array.isArray(v)) {
      const items = v.filter((x): x is string => typeof x === 'string');
      if (items.length === v.length) values[q.field] = items;
    }
  }
  return { values, startBack: {} };
}

/** The draft with `under` filling only the answers it does not have yet. */
export function withDefaults(draft: Draft, under: Draft): Draft {
  return { ...draft, values: { ...under.values, ...draft.values } };
}
