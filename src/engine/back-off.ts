// Backing off when symptoms worsen (`exercises.md`, version 2): a check-in's new leg symptoms against the
// assessment, when a back-off has settled, and the programme once it ends. Pure: dates are passed in.
import type { KnowledgeBase } from '../kb/types.js';
import { programmeFor, type Assessment } from './assess.js';
import { LEG_AREAS, NUMBNESS_LEVELS, type Intake, type PainArea } from './intake.js';
import { dayNumber } from './local-date.js';
import type { Programme } from './plan.js';
import { permittedNow, type ProgrammeState } from './session.js';

/** What a check-in reports in the leg that the assessment did not have. */
export interface NewLegSymptoms {
  /** Buttock or leg areas not among the assessment's pain areas. */
  areas: PainArea[];
  /** Sides with leg symptoms that the assessment did not have. */
  sides: ('left' | 'right')[];
  /** Numbness reaching further down the leg than at the assessment. */
  numbnessFurther: boolean;
}

const sidesOf = (side: Intake['legSide']): ('left' | 'right')[] =>
  side === 'both' ? ['left', 'right'] : side === 'none' ? [] : [side];

/** The check-in's leg answers, as far as it gave them. */
export interface LegAnswers {
  painAreas?: readonly PainArea[] | undefined;
  legSide?: Intake['legSide'] | undefined;
  numbness?: Intake['numbness'] | undefined;
}

/**
 * The leg areas, sides and numbness a check-in reports beyond the assessment's, or null when it reports
 * nothing new (answers it does not give count as nothing new: a complete check-in gives them all).
 */
export function newLegSymptoms(base: Intake, now: LegAnswers): NewLegSymptoms | null {
  const areas = (now.painAreas ?? []).filter(
    (a) => LEG_AREAS.includes(a) && !base.painAreas.includes(a),
  );
  const baseSides = sidesOf(base.legSide);
  const sides = sidesOf(now.legSide ?? 'none').filter((s) => !baseSides.includes(s));
  const numbnessFurther =
    now.numbness !== undefined &&
    NUMBNESS_LEVELS.indexOf(now.numbness) > NUMBNESS_LEVELS.indexOf(base.numbness);
  if (areas.length === 0 && sides.length === 0 && !numbnessFurther) return null;
  return { areas, sides, numbnessFurther };
}

/** One check-in as the settling count reads it: its date, and whether the leg was no worse than at the assessment. */
export interface SettlingDay {
  date: string;
  settled: boolean;
}

/**
 * How many calendar days in a row, ending on the latest check-in's date and after the back-off began,
 * have check-ins that all show the leg settled. A day with any unsettled check-in, or a day without a
 * check-in, ends the run.
 */
export function settledRun(since: string, checkins: readonly SettlingDay[]): number {
  const byDay = new Map<number, boolean>();
  const start = dayNumber(since);
  for (const c of checkins) {
    const day = dayNumber(c.date);
    if (day <= start) continue;
    byDay.set(day, (byDay.get(day) ?? true) && c.settled);
  }
  if (byDay.size === 0) return 0;
  let day = Math.max(...byDay.keys());
  let run = 0;
  while (byDay.get(day) === true) {
    run++;
    day--;
  }
  return run;
}

/** Whether a back-off that waits for settling has settled, by the knowledge base's rule. */
export function backOffSettled(
  state: Pick<ProgrammeState, 'backOff'>,
  checkins: readonly SettlingDay[],
  kb: KnowledgeBase,
): boolean {
  const b = state.backOff;
  if (!b || b.until !== 'settled') return false;
  return settledRun(b.since, checkins) >= kb.backOff.settledDays;
}

/**
 * The programme once a back-off has ended: built again from the assessment, at the starting dose,
 * without the exercises the stop rules dropped. The state keeps what was dropped and the spreading
 * episodes (a second one within the window still re-runs the warning-sign check).
 */
export function endBackOff(
  assessment: { answers: Intake; result: Pick<Assessment, 'exercise' | 'contributors'> },
  state: ProgrammeState,
  kb: KnowledgeBase,
): { programme: Programme; state: ProgrammeState } {
  const fresh = programmeFor(assessment, kb);
  const next: ProgrammeState = { ...structuredClone(state), backOff: null, easyStreak: {} };
  const byId = new Map(kb.exercises.map((ex) => [ex.id, ex]));
  fresh.items = fresh.items.filter((item) => {
    const ex = byId.get(item.exerciseId);
    return ex !== undefined && permittedNow(ex, fresh, next);
  });
  return { programme: fresh, state: next };
}
