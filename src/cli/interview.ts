// The terminal interview: asks the intake questions in order, warning signs first, through an `Asker`
// so the flow can be tested without a terminal. Warning-sign questions are answered deliberately, never defaulted.
import { QUESTIONS, SECTIONS, type Question } from '../engine/questions.js';
import { START_BACK_ITEMS, KEELE_NOTICE } from '../engine/start-back.js';
import { LEG_AREAS } from '../engine/intake.js';
import type { TriageKb } from '../engine/triage.js';
import { warningNow, type WarningNow } from '../engine/warning-now.js';
import { START_BACK_Q9_OPTIONS } from '../words/labels.js';

export interface AskerOption {
  value: string;
  label: string;
}

/**
 * What the interview needs from a terminal. Each returns undefined when the person cancels.
 * `explicit` marks a warning-sign question: nothing may be pre-selected or filled in, so the person has
 * to make a deliberate choice (an empty or unknown answer is asked again, never taken as "no").
 */
export interface Asker {
  section(title: string): void;
  note(text: string): void;
  yesNo(q: { text: string; help?: string; explicit: boolean }): Promise<boolean | undefined>;
  choice(q: {
    text: string;
    help?: string;
    options: readonly AskerOption[];
    explicit: boolean;
  }): Promise<string | undefined>;
  multi(q: {
    text: string;
    options: readonly AskerOption[];
    required: boolean;
    explicit: boolean;
  }): Promise<string[] | undefined>;
  /** A number, or null when the person leaves an optional one empty. Never pre-filled. */
  number(q: {
    text: string;
    min?: number;
    max?: number;
    integer: boolean;
    required: boolean;
  }): Promise<number | null | undefined>;
}

export type InterviewOutcome =
  | { kind: 'answers'; answers: Record<string, unknown> }
  /** An emergency or urgent rule became certain: the questions stopped at the answer that made it so. */
  | { kind: 'stop'; answers: Record<string, unknown>; warning: WarningNow }
  | { kind: 'cancelled' };

function hasLegArea(painAreas: unknown): boolean {
  return (
    Array.isArray(painAreas) && painAreas.some((a: unknown) => LEG_AREAS.some((leg) => leg === a))
  );
}

async function ask(q: Question, asker: Asker, options = q.options ?? []): Promise<unknown> {
  switch (q.kind) {
    case 'yes-no':
      return asker.yesNo({ text: q.text, help: q.help, explicit: q.warning });
    case 'choice':
      return asker.choice({ text: q.text, help: q.help, options, explicit: q.warning });
    case 'multi':
      return asker.multi({ text: q.text, options, required: q.required, explicit: q.warning });
    case 'integer':
    case 'number':
      return asker.number({
        text: q.text,
        min: q.min,
        max: q.max,
        integer: q.kind === 'integer',
        required: q.required,
      });
  }
}

/**
 * Runs the interview. After every answer it asks the engine which emergency and urgent rules are already
 * certain, and stops at once with them, so nobody who needs a doctor today answers another question first.
 */
export async function interview(asker: Asker, kb: TriageKb): Promise<InterviewOutcome> {
  const answers: Record<string, unknown> = { version: 1 };
  for (const section of SECTIONS) {
    asker.section(section.title);
    for (const q of QUESTIONS.filter((x) => x.section === section.id)) {
      if (q.field === 'weaknessWorsening' && answers.legWeakness === 'none') {
        // Implied: with no weak leg there is no weakness to get worse.
        answers.weaknessWorsening = false;
      } else if (q.field === 'legSide' && !hasLegArea(answers.painAreas)) {
        // Implied: no buttock or leg area was chosen, so there are no leg symptoms to place.
        answers.legSide = 'none';
      } else {
        // With a leg area chosen, "no leg symptoms" would contradict it, so only a side is offered.
        const options =
          q.field === 'legSide' ? q.options?.filter((o) => o.value !== 'none') : q.options;
        const value = await ask(q, asker, options);
        if (value === undefined) return { kind: 'cancelled' };
        if (value !== null) answers[q.field] = value;
      }
      // Only answers given (or implied) are passed: a question not reached yet is unknown, never "no".
      const warning = warningNow(answers, kb);
      if (warning) return { kind: 'stop', answers, warning };
    }
  }
  const wantsStartBack = await asker.yesNo({
    text: 'Would you answer nine more short questions (the STarT Back tool) about how the pain affects you? They are optional.',
    explicit: false,
  });
  if (wantsStartBack === undefined) return { kind: 'cancelled' };
  if (wantsStartBack) {
    asker.note(KEELE_NOTICE);
    const sb: Record<string, unknown> = {};
    for (const key of ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'] as const) {
      const agree = await asker.yesNo({
        text: `Do you agree? ${START_BACK_ITEMS[key]}`,
        explicit: false,
      });
      if (agree === undefined) return { kind: 'cancelled' };
      sb[key] = agree;
    }
    const q9 = await asker.choice({
      text: START_BACK_ITEMS.q9,
      options: START_BACK_Q9_OPTIONS,
      explicit: false,
    });
    if (q9 === undefined) return { kind: 'cancelled' };
    sb.q9 = q9;
    answers.startBack = sb;
    const warning = warningNow(answers, kb);
    if (warning) return { kind: 'stop', answers, warning };
  }
  return { kind: 'answers', answers };
}
