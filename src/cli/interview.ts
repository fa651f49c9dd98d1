// The terminal interview: asks the intake questions in order, warning signs first, through an `Asker`
// so the flow can be tested without a terminal. Warning-sign questions are typed yes or no, never defaulted.
import { QUESTIONS, SECTIONS, type Question } from '../engine/questions.js';
import { START_BACK_ITEMS, KEELE_NOTICE } from '../engine/start-back.js';
import { START_BACK_Q9 } from '../engine/intake.js';

/** What the interview needs from a terminal. Each returns undefined when the person cancels. */
export interface Asker {
  section(title: string): void;
  note(text: string): void;
  yesNo(q: { text: string; help?: string; explicit: boolean }): Promise<boolean | undefined>;
  choice(q: {
    text: string;
    help?: string;
    options: readonly { value: string; label: string }[];
  }): Promise<string | undefined>;
  multi(q: {
    text: string;
    options: readonly { value: string; label: string }[];
    required: boolean;
  }): Promise<string[] | undefined>;
  /** A number, or null when the person leaves an optional one empty. */
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
  | { kind: 'emergency'; answers: Record<string, unknown> }
  | { kind: 'cancelled' };

/** Answers that need an emergency department now, whatever else is answered (checked before any other question). */
const IMMEDIATE_EMERGENCY: readonly ((a: Record<string, unknown>) => boolean)[] = [
  (a) => a.saddleNumbness === true,
  (a) => a.bladderChange === true,
  (a) => a.bowelChange === true,
  (a) => a.trauma === 'major',
  (a) => a.legWeakness === 'foot-drop' && a.weaknessWorsening === true,
];

async function ask(q: Question, asker: Asker): Promise<unknown> {
  switch (q.kind) {
    case 'yes-no':
      return asker.yesNo({ text: q.text, help: q.help, explicit: q.warning });
    case 'choice':
      return asker.choice({ text: q.text, help: q.help, options: q.options ?? [] });
    case 'multi':
      return asker.multi({ text: q.text, options: q.options ?? [], required: q.required });
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

/** Runs the interview. Stops at once, with the emergency outcome, when an emergency warning sign is answered yes. */
export async function interview(asker: Asker): Promise<InterviewOutcome> {
  const answers: Record<string, unknown> = { version: 1 };
  for (const section of SECTIONS) {
    asker.section(section.title);
    for (const q of QUESTIONS.filter((x) => x.section === section.id)) {
      if (q.field === 'weaknessWorsening' && answers.legWeakness === 'none') {
        answers.weaknessWorsening = false;
        continue;
      }
      const value = await ask(q, asker);
      if (value === undefined) return { kind: 'cancelled' };
      if (value !== null) answers[q.field] = value;
      // Someone who needs the emergency department is told at once, not after the remaining questions.
      if (section.id === 'warning-signs' && IMMEDIATE_EMERGENCY.some((rule) => rule(answers))) {
        return { kind: 'emergency', answers };
      }
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
      options: START_BACK_Q9.map((value) => ({ value, label: value.replace('-', ' ') })),
    });
    if (q9 === undefined) return { kind: 'cancelled' };
    sb.q9 = q9;
    answers.startBack = sb;
  }
  return { kind: 'answers', answers };
}
