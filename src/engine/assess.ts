// One assessment: parse the answers, triage them, score the contributors and STarT Back, and cite the sources;
// `planFor` adds the programme built from it, the one pipeline every caller uses.
import type { KnowledgeBase, Source, SourceId } from '../kb/types.js';
import { scoreContributors, type ContributorResult } from './contributors.js';
import { derive, parseIntake, phaseOf, type Intake, type Phase } from './intake.js';
import { generateProgramme, type Programme } from './plan.js';
import type { Result } from './problems.js';
import { scoreStartBack, type StartBackScore } from './start-back.js';
import { triage, type Gate, type Triage } from './triage.js';

/** The assessment output of `intake.md` (contract 1), plus the knowledge-base version it was made with. */
// A type alias, not an interface, so it passes as a plain JSON object where one is expected.
export type Assessment = {
  contract: 1;
  knowledgeBase: string;
  /**
   * The triage policy version (`docs/triage-policy.md`) the triage followed. Assessments stored before this
   * field existed were all made under policy version 1: reading them upgrades them to 1.
   */
  policyVersion: number;
  triage: Triage;
  exercise: Gate;
  phase: Phase;
  contributors: ContributorResult[];
  startBack?: StartBackScore;
  sources: Pick<Source, 'id' | 'title' | 'kind'>[];
};

/** Assesses answers that have already been parsed. Pure: no clock, no I/O. */
export function assessIntake(answers: Intake, kb: KnowledgeBase): Assessment {
  const d = derive(answers);
  const { triage: t, exercise } = triage(answers, kb);
  const contributors = scoreContributors(answers, d, kb);
  const cited = new Set<SourceId>();
  for (const reason of t.reasons) {
    for (const s of kb.triage.rules[reason.code].sources) cited.add(s);
  }
  // Cite what the person is told about: the fired rules and the contributors not ruled unlikely.
  for (const c of contributors) {
    if (c.likelihood !== 'unlikely') for (const s of c.sources) cited.add(s);
  }
  if (answers.startBack) cited.add('keele-start-back');
  const assessment: Assessment = {
    contract: 1,
    knowledgeBase: kb.version,
    policyVersion: kb.policyVersion,
    triage: t,
    exercise,
    phase: phaseOf(answers.durationDays),
    contributors,
    sources: kb.sources
      .filter((s) => cited.has(s.id))
      .map(({ id, title, kind }) => ({ id, title, kind })),
  };
  if (answers.startBack) assessment.startBack = scoreStartBack(answers.startBack);
  return assessment;
}

/** Parses and assesses raw answers; bad input comes back as problems, never as an exception. */
export function assess(input: unknown, kb: KnowledgeBase): Result<Assessment> {
  const parsed = parseIntake(input);
  if (!parsed.ok) return parsed;
  return { ok: true, value: assessIntake(parsed.value, kb) };
}

export interface AssessmentWithProgramme {
  assessment: Assessment;
  programme: Programme;
}

/**
 * The programme built from an assessment: the same step whether the assessment is new or the programme
 * is built again from a stored one (after a back-off). Pure.
 */
export function programmeFor(
  made: { answers: Intake; result: Pick<Assessment, 'exercise' | 'contributors'> },
  kb: KnowledgeBase,
): Programme {
  return generateProgramme(
    { answers: made.answers, gate: made.result.exercise, contributors: made.result.contributors },
    kb,
  );
}

/**
 * The one pipeline from parsed answers to advice: the assessment, and the programme built from it.
 * The CLI, the service (server and device) and the library all go through it. Pure: no clock, no I/O.
 */
export function planFor(answers: Intake, kb: KnowledgeBase): AssessmentWithProgramme {
  const assessment = assessIntake(answers, kb);
  return { assessment, programme: programmeFor({ answers, result: assessment }, kb) };
}

/** Parses raw answers, then `planFor`; bad input comes back as problems, never as an exception. */
export function assessAndPlan(input: unknown, kb: KnowledgeBase): Result<AssessmentWithProgramme> {
  const parsed = parseIntake(input);
  if (!parsed.ok) return parsed;
  return { ok: true, value: planFor(parsed.value, kb) };
}
