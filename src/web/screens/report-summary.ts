// What the one-page clinician report says, built from the person's record: triage, key answers, contributors, programme, progress.
import { adherenceWords } from './progress-data.js';
import type { Intake } from '../../engine/intake.js';
import type { PrescribedDosage } from '../../engine/plan.js';
import type { Level } from '../../engine/triage.js';
import type { EvidenceStrength, KnowledgeBase } from '../../kb/types.js';
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

export const LEVEL_HEADINGS: Record<Level, string> = {
  emergency: 'Emergency: go to an emergency department now',
  urgent: 'Urgent: speak to a doctor today',
  soon: 'Soon: see a GP or physiotherapist within 1 to 2 weeks',
  'self-care': 'Self-care: safe to start the exercise programme',
};

export const STRENGTH_WORDS: Record<EvidenceStrength, string> = {
  strong: 'strong evidence',
  moderate: 'moderate evidence',
  weak: 'weak evidence',
  'very-weak': 'very weak evidence',
};

const PAIN_AREA_WORDS: Record<string, string> = {
  'lower-back': 'lower back',
  buttock: 'buttock',
  'back-of-thigh': 'back of the thigh',
  'below-knee': 'below the knee',
  foot: 'foot',
};
const LEG_SIDE_WORDS: Record<Intake['legSide'], string> = {
  none: 'No leg symptoms',
  left: 'Left leg',
  right: 'Right leg',
  both: 'Both legs',
};
const NUMBNESS_WORDS: Record<Intake['numbness'], string> = {
  none: 'None',
  thigh: 'In the thigh',
  'below-knee': 'Below the knee',
  foot: 'In the foot',
};
const WEAKNESS_WORDS: Record<Intake['legWeakness'], string> = {
  none: 'None',
  mild: 'Mild leg weakness',
  'foot-drop': 'Foot drop (the foot slaps or catches)',
};
const SLR_WORDS: Record<Intake['slrTest'], string> = {
  'not-done': 'Not done',
  'thigh-pull': 'Pull in the back of the thigh only',
  'back-pain': 'Brought on back pain',
  'leg-pain-below-knee': 'Brought on pain below the knee',
};
const TOE_TOUCH_WORDS: Record<Intake['toeTouch'], string> = {
  reaches: 'Reaches the toes',
  short: 'Stops short of the toes',
  'not-tried': 'Not tried',
};
const PHASE_WORDS: Record<ProgrammeView['phase'], string> = {
  acute: 'acute (under 6 weeks)',
  subacute: 'subacute (6 to 12 weeks)',
  chronic: 'persistent (over 12 weeks)',
};
const GATE_WORDS: Record<ProgrammeView['gate'], string> = {
  allowed: 'exercise allowed, built up gradually',
  'gentle-only': 'gentle exercises only until seen',
  'not-now': 'no exercise until seen',
};

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const join = (items: readonly string[]) => items.join(', ');

/** How long, in words a clinician reads at a glance: "12 days", "about 5 weeks", "about 4 months". */
export function durationWords(days: number): string {
  if (days < 14) return `${days} day${days === 1 ? '' : 's'}`;
  if (days < 90) return `about ${Math.round(days / 7)} weeks`;
  if (days < 730) return `about ${Math.round(days / 30.4)} months`;
  return `about ${Math.round(days / 365)} years`;
}

/** A prescribed dose in words: "3 × 30-second holds, 1 set, each side, twice a day". */
export function dosageWords(d: PrescribedDosage, timesPerDay: number): string {
  const parts: string[] = [];
  if (d.unit === 'seconds') {
    parts.push(
      d.repeats > 1 ? `${d.repeats} × ${d.amount}-second holds` : `one ${d.amount}-second hold`,
    );
  } else {
    parts.push(`${d.amount} repetitions`);
  }
  parts.push(`${d.sets} set${d.sets === 1 ? '' : 's'}`);
  if (d.sides === 'each') parts.push('each side');
  parts.push(
    timesPerDay === 1
      ? 'once a day'
      : timesPerDay === 2
        ? 'twice a day'
        : `${timesPerDay} times a day`,
  );
  return parts.join(', ');
}

/** The answers a clinician looks for first. */
export function keyAnswers(a: Intake): ReportRow[] {
  const rows: ReportRow[] = [
    { label: 'Age', value: `${a.age} years` },
    { label: 'How long', value: durationWords(a.durationDays) },
    { label: 'Pain now', value: `${a.painNow} out of 10` },
    {
      label: 'Where',
      value: sentence(join(a.painAreas.map((p) => PAIN_AREA_WORDS[p] ?? p))),
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

const RISK_WORDS = { low: 'low risk', medium: 'medium risk', high: 'high risk' } as const;

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

const likelihoodWords = { likely: 'Likely', possible: 'Possible', unlikely: 'Unlikely' } as const;

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
        name: known?.name ?? c.id,
        likelihood: likelihoodWords[c.likelihood],
        evidence: known ? STRENGTH_WORDS[known.evidence.strength] : 'evidence not rated',
        why: why.slice(0, MAX_WHY),
        moreWhy: Math.max(0, why.length - MAX_WHY),
        icd10: known?.icd10.map((i) => `${i.code} ${i.display}`).join('; ') ?? '',
      };
    });
}

function reportProgramme(p: ProgrammeView, kb: KnowledgeBase): ReportProgramme {
  const name = (id: string) => sentence(kb.exercises.find((e) => e.id === id)?.name ?? id);
  return {
    summary: `Phase ${PHASE_WORDS[p.phase]}; ${GATE_WORDS[p.gate]}${p.paused ? '; paused after a check-in' : ''}. Started ${formatDay(p.createdAt.slice(0, 10))}.`,
    items: p.items
      .filter((i) => !p.dropped.includes(i.exerciseId))
      .map((i) => ({ name: name(i.exerciseId), dosage: dosageWords(i.dosage, i.timesPerDay) })),
    dropped: p.dropped.map(name),
    selfCare: p.selfCare.map((id) => kb.selfCare.find((s) => s.id === id)?.name ?? id),
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
        heading: LEVEL_HEADINGS[assessment.result.triage.level],
        advice: assessment.result.triage.advice,
        reasons: assessment.result.triage.reasons.map((r) => r.text),
      }
    : null;
  const pause = programme?.pausedBy
    ? {
        level: programme.pausedBy.level,
        heading: LEVEL_HEADINGS[programme.pausedBy.level],
        advice: programme.pausedBy.advice,
        reasons: programme.pausedBy.reasons.map((r) => r.text),
      }
    : null;
  const emergency = triage?.level === 'emergency' || pause?.level === 'emergency';
  return {
    prepared: `Prepared ${formatDay(input.today)} by Backchain, knowledge base ${kb.version}`,
    assessedOn: assessment ? formatDay(assessment.createdAt.slice(0, 10)) : null,
    triage,
    pause,
    answers: assessment ? [...keyAnswers(assessment.answers), ...startBackRows(assessment)] : [],
    contributors: assessment ? reportContributors(assessment, kb) : [],
    programme: programme && !emergency ? reportProgramme(programme, kb) : null,
    progress: progress ? progressRows(progress) : [],
  };
}
