// What the one-page clinician report says, built from the person's record: triage, key answers, contributors, programme, progress.
import { adherenceWords } from './progress-data.js';
import type { Intake } from '../../engine/intake.js';
import type { Level } from '../../engine/triage.js';
import type { KnowledgeBase } from '../../kb/types.js';
import {
  capitalise,
  contributorName,
  dosageWords,
  evidenceWords,
  exerciseName,
  GATE_WORDS,
  LEG_SIDE_WORDS,
  LEVEL_HEADLINE,
  LIKELIHOOD_WORDS,
  NUMBNESS_WORDS,
  PAIN_AREA_WORDS,
  PHASE_WORDS,
  RISK_WORDS,
  selfCareName,
  SLR_WORDS,
  TOE_TOUCH_WORDS,
  WEAKNESS_WORDS,
} from '../../words/index.js';
import type { AssessmentView, ProgrammeView, ProgressSummary } from '../data/types.js';
import { formatDay } from './reminders-plan.js';

export interface ReportInput {
  assessment: AssessmentView | null;
  programme: ProgrammeView | null;
  progress: ProgressSummary | null;
  kb: KnowledgeBase;
  /** YYYY-MM-DD, the person's date today. */
  today: string;
}

export interface ReportRow {
  label: string;
  value: string;
}

export interface ReportTriage {
  level: Level;
  /** The level in words, e.g. "Urgent: speak to a doctor today". */
  heading: string;
  advice: string;
  reasons: string[];
}

export interface ReportContributor {
  name: string;
  likelihood: string;
  evidence: string;
  /** The first few answers that pointed to it (the report must fit one page). */
  why: string[];
  /** How many more answers pointed to it. */
  moreWhy: number;
  icd10: string;
}

export interface ReportProgramme {
  summary: string;
  items: { name: string; dosage: string }[];
  dropped: string[];
  selfCare: string[];
}

export interface ReportModel {
  prepared: string;
  /** The triage policy and knowledge base the assessment was made with; null without an assessment. */
  versions: string | null;
  assessedOn: string | null;
  triage: ReportTriage | null;
  /** A later check-in that paused the programme, when one did. */
  pause: ReportTriage | null;
  answers: ReportRow[];
  contributors: ReportContributor[];
  /** Null when there is no programme, or the level is an emergency (no programme is shown then). */
  programme: ReportProgramme | null;
  progress: ReportRow[];
}

const sentence = capitalise;
const join = (items: readonly string[]) => items.join(', ');

/** How long, in words a clinician reads at a glance: "12 days", "about 5 weeks", "about 4 months". */
export function durationWords(days: number): string {
  if (days < 14) return `${days} day${days === 1 ? '' : 's'}`;
  if (days < 90) return `about ${Math.round(days / 7)} weeks`;
  if (days < 730) return `about ${Math.round(days / 30.4)} months`;
  return `about ${Math.round(days / 365)} years`;
}

/** The answers a clinician looks for first. */
export function keyAnswers(a: Intake): ReportRow[] {
  const rows: ReportRow[] = [
    { label: 'Age', value: `${a.age} years` },
    { label: 'How long', value: durationWords(a.durationDays) },
    { label: 'Pain now', value: `${a.painNow} out of 10` },
    {
      label: 'Where',
      value: sentence(join(a.painAreas.map((p) => PAIN_AREA_WORDS[p]))),
    },
    { label: 'Leg', value: LEG_SIDE_WORDS[a.legSide] },
  ];
  if (a.painQuality.length > 0) rows.push({ label: 'Feels', value: sentence(join(a.painQuality)) });
  rows.push({ label: 'Numbness or tingling', value: NUMBNESS_WORDS[a.numbness] });
  rows.push({
    label: 'Leg weakness',
    value: `${WEAKNESS_WORDS[a.legWeakness]}${a.weaknessWorsening ? ', getting worse' : ''}`,
  });
  const slr = [SLR_WORDS[a.slrTest]];
  if (a.slrAngle !== undefined) slr.push(`${a.slrAngle}°`);
  if (a.slrDorsiflexionWorse) slr.push('worse with the foot pulled up (dorsiflexion)');
  rows.push({ label: 'Straight-leg raise', value: slr.join('; ') });
  rows.push({ label: 'Toe touch', value: TOE_TOUCH_WORDS[a.toeTouch] });
  const worse = [
    a.worseSitting && 'sitting',
    a.worseBending && 'bending forward',
    a.worseCoughSneeze && 'coughing or sneezing',
  ].filter((x): x is string => typeof x === 'string');
  if (worse.length > 0) rows.push({ label: 'Worse with', value: sentence(join(worse)) });
  const other = [
    a.easesWithMovement && 'eases with movement',
    a.morningStiffnessOver30Min && 'morning stiffness over 30 minutes',
    a.deepButtockPainSitting && 'deep buttock pain when sitting',
    a.hipRotationProvokes && 'hip rotation provokes it',
    a.hamstringTightness && 'hamstrings feel tight',
    a.backFatigue && 'low back tires easily',
    a.thighInjury && 'suspected hamstring injury',
    a.thighBruising && 'bruising on the back of the thigh',
  ].filter((x): x is string => typeof x === 'string');
  if (other.length > 0) rows.push({ label: 'Also', value: sentence(join(other)) });
  const habits: string[] = [];
  if (a.sittingHours !== undefined) habits.push(`sits about ${a.sittingHours} hours a day`);
  if (a.activity) habits.push(`${a.activity} activity`);
  if (a.liftingWork) habits.push('lifts at work');
  if (habits.length > 0) rows.push({ label: 'Daily life', value: sentence(join(habits)) });
  return rows;
}

/** Reasons shown for each contributor. */
export const MAX_WHY = 3;

/** The STarT Back score, when the person answered its questions. */
export function startBackRows(assessment: AssessmentView): ReportRow[] {
  const s = assessment.result.startBack;
  if (!s) return [];
  return [
    {
      label: 'STarT Back',
      value: `${RISK_WORDS[s.risk]} (total ${s.total} of 9, distress ${s.distress} of 5)`,
    },
  ];
}

/** The assessment's contributors that are not ruled unlikely, with why and how strong the evidence is. */
export function reportContributors(
  assessment: AssessmentView,
  kb: KnowledgeBase,
): ReportContributor[] {
  return assessment.result.contributors
    .filter((c) => c.likelihood !== 'unlikely')
    .map((c) => {
      const known = kb.contributors.find((k) => k.id === c.id);
      const why = c.evidence.filter((e) => e.effect === 'for').map((e) => e.text);
      return {
        name: contributorName(kb, c.id),
        likelihood: LIKELIHOOD_WORDS[c.likelihood],
        evidence: known ? evidenceWords(known.evidence.strength) : 'evidence not rated',
        why: why.slice(0, MAX_WHY),
        moreWhy: Math.max(0, why.length - MAX_WHY),
        icd10: known?.icd10.map((i) => `${i.code} ${i.display}`).join('; ') ?? '',
      };
    });
}

function reportProgramme(p: ProgrammeView, kb: KnowledgeBase): ReportProgramme {
  const name = (id: string) => exerciseName(kb, id);
  return {
    summary: `Phase ${PHASE_WORDS[p.phase]}; ${GATE_WORDS[p.gate]}${p.paused ? '; paused after a check-in' : ''}. Started ${formatDay(p.createdAt.slice(0, 10))}.`,
    items: p.items
      .filter((i) => !p.dropped.includes(i.exerciseId))
      .map((i) => ({ name: name(i.exerciseId), dosage: dosageWords(i.dosage, i.timesPerDay) })),
    dropped: p.dropped.map(name),
    selfCare: p.selfCare.map((id) => selfCareName(kb, id)),
  };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Pain, extent, adherence and leg-raise angles, in words. */
export function progressRows(p: ProgressSummary): ReportRow[] {
  const rows: ReportRow[] = [];
  const s = p.painSummary;
  if (s.start !== null && s.latest !== null) {
    const parts = [
      `${s.start} → ${s.latest} out of 10 over ${p.pain.length} day${p.pain.length === 1 ? '' : 's'} of check-ins`,
    ];
    if (s.change !== null && s.change !== 0) {
      parts.push(
        `change ${signed(s.change)}${s.changePercent !== null ? ` (${signed(s.changePercent)}%)` : ''}${p.meaningfulChange ? `, a meaningful change for the ${p.meaningfulDirection ?? 'different'}` : ''}`,
      );
    }
    if (s.average7Day !== null) parts.push(`7-day average ${s.average7Day}`);
    rows.push({ label: 'Pain', value: parts.join('; ') });
  } else {
    rows.push({ label: 'Pain', value: 'No check-ins yet' });
  }
  rows.push({ label: 'How far down the leg', value: p.extentTrendText });
  const a = p.adherence;
  rows.push({
    label: 'Sittings done',
    value: a.planned > 0 ? `${adherenceWords(a)}, of those planned` : 'None planned yet',
  });
  for (const side of ['left', 'right'] as const) {
    const angles = p.slr.filter((m) => m.side === side);
    const first = angles[0];
    const last = angles.at(-1);
    if (!first || !last) continue;
    rows.push({
      label: `Straight-leg raise, ${side}`,
      value:
        angles.length === 1
          ? `${first.value}° (${formatDay(first.date)})`
          : `${first.value}° (${formatDay(first.date)}) → ${last.value}° (${formatDay(last.date)}), ${angles.length} measurements`,
    });
  }
  return rows;
}

/** The whole report. */
export function buildReport(input: ReportInput): ReportModel {
  const { assessment, programme, progress, kb } = input;
  const triage = assessment
    ? {
        level: assessment.result.triage.level,
        heading: LEVEL_HEADLINE[assessment.result.triage.level],
        advice: assessment.result.triage.advice,
        reasons: assessment.result.triage.reasons.map((r) => r.text),
      }
    : null;
  const pause = programme?.pausedBy
    ? {
        level: programme.pausedBy.level,
        heading: LEVEL_HEADLINE[programme.pausedBy.level],
        advice: programme.pausedBy.advice,
        reasons: programme.pausedBy.reasons.map((r) => r.text),
      }
    : null;
  const emergency = triage?.level === 'emergency' || pause?.level === 'emergency';
  return {
    prepared: `Prepared ${formatDay(input.today)} by Backchain, knowledge base ${kb.version}`,
    versions: assessment
      ? `assessed under triage policy version ${assessment.result.policyVersion} with knowledge base ${assessment.result.knowledgeBase}`
      : null,
    assessedOn: assessment ? formatDay(assessment.createdAt.slice(0, 10)) : null,
    triage,
    pause,
    answers: assessment ? [...keyAnswers(assessment.answers), ...startBackRows(assessment)] : [],
    contributors: assessment ? reportContributors(assessment, kb) : [],
    programme: programme && !emergency ? reportProgramme(programme, kb) : null,
    progress: progress ? progressRows(progress) : [],
  };
}
