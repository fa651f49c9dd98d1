// What the result screen says, worked out without the DOM: the headline for each triage level, whom to
// contact and what is still safe, a check-in's pause that outranks the assessment, and each contributor's "why".
import type { Assessment } from '../../engine/assess.js';
import type { Likelihood } from '../../engine/contributors.js';
import type { Intake, IntakeField } from '../../engine/intake.js';
import { QUESTIONS } from '../../engine/questions.js';
import type { StartBackRisk } from '../../engine/start-back.js';
import { isMoreUrgent, type Gate, type Level, type TriageReason } from '../../engine/triage.js';
import type {
  ContributorId,
  EvidenceStrength,
  KnowledgeBase,
  SourceId,
  TriageWords,
} from '../../kb/types.js';
import { RISK_WORDS, contributorName, sourceTitles } from '../../words/index.js';
import type { PauseReason } from '../data/types.js';

import type { AdviceParts } from '../level-words.js';

export { CONTACT_HEADING, HEADLINE, LEVEL_NAME, type AdviceParts } from '../level-words.js';

/** The triage advice split into its parts, in the knowledge base's words, so the screen can give each its own heading. */
export function adviceParts(level: Level, gate: Gate, words: TriageWords): AdviceParts {
  const { levelAdvice, gateAdvice, safetyNet } = words;
  switch (level) {
    case 'emergency':
      return { contact: levelAdvice.emergency };
    case 'urgent':
    case 'soon':
      return { contact: levelAdvice[level], safe: gateAdvice[gate], safetyNet };
    case 'self-care':
      return { contact: levelAdvice['self-care'], safetyNet };
  }
}

/** The parts joined the way the engine writes the advice (a test keeps the two in step). */
export function joinAdvice(parts: AdviceParts): string {
  return [parts.contact, parts.safe, parts.safetyNet].filter(Boolean).join(' ');
}

/** The level the screen leads with: the assessment's, or a later check-in's pause when that is more urgent. */
export interface Standing {
  level: Level;
  reasons: TriageReason[];
  gate: Gate;
  /** Where the level comes from. */
  from: 'assessment' | 'checkin';
  /** The advice in the engine's own words. */
  advice: string;
}

export function standingOf(
  result: Pick<Assessment, 'triage' | 'exercise'>,
  pause: PauseReason | null,
): Standing {
  if (pause && isMoreUrgent(pause.level, result.triage.level)) {
    return {
      level: pause.level,
      reasons: pause.reasons,
      // A check-in that raises the level to urgent or emergency stops the exercises until seen.
      gate: 'not-now',
      from: 'checkin',
      advice: pause.advice,
    };
  }
  return {
    level: result.triage.level,
    reasons: result.triage.reasons,
    gate: result.exercise,
    from: 'assessment',
    advice: result.triage.advice,
  };
}

const YES_NO = (v: boolean) => (v ? 'Yes' : 'No');

const NUMBER_WORDS = {
  painNow: (n: number) => `${n} out of 10`,
  age: (n: number) => `${n} years`,
  durationDays: (n: number) => (n === 1 ? '1 day' : `${n} days`),
  slrAngle: (n: number) => `${n} degrees`,
  sittingHours: (n: number) => (n === 1 ? '1 hour' : `${n} hours`),
} satisfies Partial<Record<IntakeField, (n: number) => string>>;

/** A person's answer to one question, in the words of its options. */
export function answerInWords(field: IntakeField, answers: Intake): string | undefined {
  if (field === 'startBack') return answers.startBack ? 'your STarT Back answers' : undefined;
  if (field === 'version') return undefined;
  const q = QUESTIONS.find((x) => x.field === field);
  const v = answers[field];
  if (!q || v === undefined) return undefined;
  const label = (value: string) => q.options?.find((o) => o.value === value)?.label ?? value;
  if (typeof v === 'boolean') return YES_NO(v);
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map(label).join(', ');
  if (typeof v === 'number') {
    const unit = NUMBER_WORDS[field as keyof typeof NUMBER_WORDS] as
      ((n: number) => string) | undefined;
    return unit ? unit(v) : String(v);
  }
  return label(v);
}

/** "You answered …" for one field: the question and the answer, or undefined when it has none. */
export function answeredLine(
  field: IntakeField,
  answers: Intake,
): { question: string; answer: string } | undefined {
  const answer = answerInWords(field, answers);
  if (answer === undefined) return undefined;
  if (field === 'startBack') return { question: 'The STarT Back questions', answer };
  const short = SHORT_QUESTIONS[field];
  if (short) return { question: short, answer };
  const q = QUESTIONS.find((x) => x.field === field);
  return q ? { question: q.text, answer } : undefined;
}

/** Questions whose wording carries instructions for answering, put briefly for quoting back. */
const SHORT_QUESTIONS: Partial<Record<IntakeField, string>> = {
  durationDays: 'How many days ago did this episode of pain begin?',
  toeTouch: 'Standing with your knees straight, can your fingertips reach your toes?',
  slrTest: 'What did raising the straight leg bring on?',
  slrAngle: 'How high did the straight leg go?',
  sittingHours: 'About how many hours do you sit on a usual day?',
  painAreas: 'Where does the pain reach right now?',
  painQuality: 'How does the pain feel?',
};

export { LIKELIHOOD_WORDS, STRENGTH_WORDS } from '../../words/index.js';

export interface ContributorCard {
  id: ContributorId;
  name: string;
  summary: string;
  likelihood: Likelihood;
  pointsTo: { text: string; answer?: { question: string; answer: string } }[];
  pointsAway: { text: string; answer?: { question: string; answer: string } }[];
  strength: EvidenceStrength;
  strengthNote: string;
  sources: string[];
  /** The education topic to read more in, when there is one. */
  topic?: { id: string; title: string };
}

/** Each contributor with the answers that moved it, most likely first (the assessment's order). */
export function contributorCards(
  result: Pick<Assessment, 'contributors'>,
  answers: Intake,
  kb: KnowledgeBase,
): ContributorCard[] {
  return result.contributors.map((c) => {
    const entry = kb.contributors.find((x) => x.id === c.id);
    const evidence = (effect: 'for' | 'against') =>
      c.evidence
        .filter((e) => e.effect === effect)
        .map((e) => {
          const answer = answeredLine(e.answer, answers);
          return answer ? { text: e.text, answer } : { text: e.text };
        });
    const topicId = entry?.topics[0];
    const topic = topicId ? kb.topics.find((t) => t.id === topicId) : undefined;
    const card: ContributorCard = {
      id: c.id,
      name: contributorName(kb, c.id),
      summary: entry?.summary ?? '',
      likelihood: c.likelihood,
      pointsTo: evidence('for'),
      pointsAway: evidence('against'),
      strength: entry?.evidence.strength ?? 'very-weak',
      strengthNote: entry?.evidence.note ?? '',
      sources: sourceTitles(kb, c.sources.length > 0 ? c.sources : (entry?.sources ?? [])),
    };
    if (topic) card.topic = { id: topic.id, title: topic.title };
    return card;
  });
}

export function riskWords(risk: StartBackRisk): string {
  return RISK_WORDS[risk];
}

/** What a STarT Back risk group means, from the knowledge base's topic on it. */
export function startBackMeaning(
  risk: StartBackRisk,
  kb: KnowledgeBase,
): { text: string; topicTitle: string; sources: string[] } | undefined {
  const topic = kb.topics.find((t) => t.id === 'start-back');
  const text = topic?.body.find((p) => p.startsWith(RISK_WORDS[risk]));
  if (!topic || !text) return undefined;
  return { text, topicTitle: topic.title, sources: sourceTitles(kb, topic.sources) };
}

/** The sources of the triage reasons alone, by title: what an emergency screen cites. */
export function reasonSourceTitles(reasons: readonly TriageReason[], kb: KnowledgeBase): string[] {
  const ids = new Set<SourceId>();
  for (const r of reasons) for (const id of kb.triage.rules[r.code].sources) ids.add(id);
  return kb.sources.filter((s) => ids.has(s.id)).map((s) => s.title);
}

/** Whether the pain, or numbness, reaches below the knee (the triage policy's below-knee symptoms). */
export function belowKnee(answers: Pick<Intake, 'painAreas' | 'numbness'>): boolean {
  return (
    answers.painAreas.some((a) => a === 'below-knee' || a === 'foot') ||
    answers.numbness === 'below-knee' ||
    answers.numbness === 'foot'
  );
}

/** The one or two causes the result leads with: the likely ones, else the possible ones, most likely first. */
export function leadingCauses(cards: readonly ContributorCard[]): ContributorCard[] {
  const likely = cards.filter((c) => c.likelihood === 'likely');
  const pool = likely.length > 0 ? likely : cards.filter((c) => c.likelihood === 'possible');
  return pool.slice(0, 2);
}

/** Whether the sciatica advice applies: a nerve cause is likely or possible, or the pain reaches below the knee. */
export function sciaticaFound(
  result: Pick<Assessment, 'contributors'>,
  answers: Pick<Intake, 'painAreas' | 'numbness'>,
): boolean {
  const nerve = result.contributors.some(
    (c) =>
      c.likelihood !== 'unlikely' &&
      (c.id === 'lumbar-radiculopathy' || c.id === 'piriformis-syndrome'),
  );
  return nerve || belowKnee(answers);
}

/** The care advice the result offers, by what the assessment found. */
export function careAdviceFor(
  result: Pick<Assessment, 'contributors'>,
  answers: Pick<Intake, 'painAreas' | 'numbness'>,
  kb: KnowledgeBase,
): KnowledgeBase['careAdvice'][number][] {
  const found = new Set(
    result.contributors.filter((c) => c.likelihood !== 'unlikely').map((c) => c.id),
  );
  const below = belowKnee(answers);
  return kb.careAdvice.filter((a) => below || a.offeredFor.some((id) => found.has(id)));
}

/** What usually happens next, in a sentence or two, with its sources. */
export function prognosisFor(
  result: Pick<Assessment, 'contributors' | 'phase'>,
  answers: Pick<Intake, 'painAreas' | 'numbness'>,
  kb: KnowledgeBase,
): { text: string; sources: string[] } {
  const { prognosis } = kb;
  const text =
    result.phase === 'chronic'
      ? prognosis.persistent
      : sciaticaFound(result, answers)
        ? prognosis.sciatica
        : prognosis.backPain;
  return { text, sources: sourceTitles(kb, prognosis.sources) };
}
