// Exercise sessions and the stop rules: what a logged session does to the programme, and backing off when
// symptoms worsen (`exercises.md`, version 2). Pure: the date is passed in.
import type { Dosage, Exercise, ExclusionCode, ExerciseId, KnowledgeBase } from '../kb/types.js';
import type { Intake } from './intake.js';
import { withinDaysEnding } from './local-date.js';
import {
  cautionsFor,
  activeExclusions,
  isPermitted,
  startingDosage,
  type PlanItem,
  type PrescribedDosage,
  type Programme,
} from './plan.js';
import { mostRestrictiveGate, type Gate } from './triage.js';

/** How an exercise felt compared with last time: kept for older clients, never read by progression. */
export type Felt = 'easier' | 'same' | 'harder';

/** One exercise of a logged session: what was planned next to what was done, and how it went. */
export interface SessionEntry {
  exerciseId: ExerciseId;
  /** The programme's dose at the time (filled in by the server from the current programme). */
  planned: PrescribedDosage | null;
  done: { sets?: number; reps?: number; holdSeconds?: number; sides?: 'left' | 'right' | 'both' };
  /** "Was it too easy?": the only answer progression reads (too easy twice running). */
  tooEasy?: boolean;
  /** Older clients' "compared with last time"; stored as given, never read by progression. */
  felt?: Felt;
  painSharper: boolean;
  painSpread: boolean;
  /** New numbness or weakness noticed during or after the exercise. */
  newNumbnessOrWeakness?: boolean;
}

export interface ProgrammeChange {
  exerciseId: ExerciseId;
  change: 'dropped' | 'replaced' | 'progressed';
  /** The exercise that took its place (replaced, or progressed to a harder exercise). */
  by?: ExerciseId;
  /** The new dose, when progression raised the dose of the same exercise. */
  dosage?: PrescribedDosage;
}

/**
 * The programme is backing off: gentle-only, at the lowest dose, without any exercise that tensions the
 * sciatic nerve. `spread` (pain spread down the leg in a session) lasts until check-ins show the leg
 * settled for `kb.backOff.settledDays` days in a row; `new-leg-symptoms` (a check-in reported a leg area
 * or side the assessment did not have) lasts until a new assessment.
 */
export interface BackOff {
  reason: 'spread' | 'new-leg-symptoms';
  /** The local date it began (or last began again). */
  since: string;
  until: 'settled' | 'reassessment';
}

/** What the engine remembers between sessions, stored with the programme. */
export interface ProgrammeState {
  /** Consecutive sessions in which the person answered that the exercise was too easy. */
  easyStreak: Partial<Record<ExerciseId, number>>;
  /** Exercises dropped by the stop rules: never offered again in this programme. */
  dropped: ExerciseId[];
  /** Local dates of sessions in which pain spread down the leg. */
  spreadEpisodes: string[];
  /** Set when the warning-sign check must be answered again before the next session. */
  warningCheckRequired: boolean;
  /** Backing off after symptoms worsened, or null. */
  backOff: BackOff | null;
  /** The local date on which the stop rules ended exercise for the day (pain spread), or null. */
  restDate: string | null;
  /** A clinician paused the programme (docs/clinician.md): who, when, and their note; null when not. */
  clinicianPause: ClinicianPause | null;
}

/** A pause a clinician set; only a clinician lifts it (a warning sign's pause is another thing). */
export interface ClinicianPause {
  by: string;
  name: string;
  /** ISO instant. */
  since: string;
  note: string | null;
}

export function initialProgrammeState(): ProgrammeState {
  return {
    easyStreak: {},
    dropped: [],
    spreadEpisodes: [],
    warningCheckRequired: false,
    backOff: null,
    restDate: null,
    clinicianPause: null,
  };
}

/**
 * Reads a stored state of any earlier shape: fields added later take their "nothing happened" value,
 * which is what an older programme meant by leaving them out.
 */
export function restoreProgrammeState(stored: Partial<ProgrammeState>): ProgrammeState {
  return { ...initialProgrammeState(), ...stored };
}

/**
 * Whether an exercise may be in this programme now: the gate and "never when" (as at generation), not
 * dropped by the stop rules, and while backing off only gentle exercises that do not tension the
 * sciatic nerve. Every change to a plan, by the engine or by a person, passes this.
 */
export function permittedNow(
  ex: Exercise,
  programme: Pick<Programme, 'gate' | 'exclusions'>,
  state: Pick<ProgrammeState, 'backOff' | 'dropped'>,
  exclusions: readonly ExclusionCode[] = programme.exclusions,
): boolean {
  return barringRule(ex, programme.gate, state, exclusions) === null;
}

/** The safety rules that can bar an exercise from a programme, as `permittedNow` applies them. */
export type BarringRule = 'gate' | 'never-when' | 'stop-rule' | 'back-off';

/**
 * The rule that bars an exercise now, or null when none does: the one check behind `permittedNow` and a
 * clinician's refused change, so the two can never disagree. When several bar it, the most specific to
 * this person is named: a gate that stops all exercise, then "never when", the stop rules' drop, the
 * back-off, and last the gentle-only gate (which a back-off also sets).
 */
export function barringRule(
  ex: Exercise,
  gate: Gate,
  state: Pick<ProgrammeState, 'backOff' | 'dropped'>,
  exclusions: readonly ExclusionCode[],
): BarringRule | null {
  if (gate === 'not-now') return 'gate';
  if (ex.neverWhen.some((code) => exclusions.includes(code))) return 'never-when';
  if (state.dropped.includes(ex.id)) return 'stop-rule';
  if (state.backOff && (!ex.gentle || ex.nerveTension)) return 'back-off';
  if (!isPermitted(ex, gate, exclusions)) return 'gate';
  return null;
}

/**
 * Makes a programme back off: gentle-only, every remaining exercise at its lowest dose with the
 * gentle-only cautions, and the exercises that tension the sciatic nerve or are not gentle removed
 * (reported as dropped in `changes` when given). Pure: returns a new programme.
 */
export function backOffProgramme(
  input: Programme,
  kb: KnowledgeBase,
  changes?: ProgrammeChange[],
): Programme {
  const programme = structuredClone(input);
  programme.gate = mostRestrictiveGate([programme.gate, 'gentle-only']);
  const byId = new Map(kb.exercises.map((ex) => [ex.id, ex]));
  const kept: PlanItem[] = [];
  for (const item of programme.items) {
    const ex = byId.get(item.exerciseId);
    if (
      ex &&
      ex.gentle &&
      !ex.nerveTension &&
      isPermitted(ex, programme.gate, programme.exclusions)
    ) {
      kept.push({
        ...item,
        dosage: startingDosage(ex.dosage),
        cautions: cautionsFor(ex, programme.gate, programme.exclusions, kb),
      });
    } else if (changes && !changes.some((c) => c.exerciseId === item.exerciseId)) {
      changes.push({ exerciseId: item.exerciseId, change: 'dropped' });
    }
  }
  programme.items = kept;
  addNote(programme, kb.programme.notes['backing-off']);
  return programme;
}

/**
 * The dose one step up within the catalogue ranges: first the hold or the repetitions (by the
 * progression rule's `amountStep`), then the repeats, then the sets. Null when everything is at its
 * maximum, or when the dose is counted in another unit than `dosage` (there is then no telling where
 * in the range it stands).
 */
export function nextDosage(
  current: PrescribedDosage,
  dosage: Dosage,
  kb: Pick<KnowledgeBase, 'progression'>,
): PrescribedDosage | null {
  if (current.unit !== dosage.unit) return null;
  if (current.amount < dosage.range.max) {
    const step = kb.progression.amountStep[current.unit];
    const amount = Math.min(current.amount + step, dosage.range.max);
    return { ...current, amount };
  }
  if (current.repeats < dosage.repeats.max) {
    return { ...current, repeats: Math.min(current.repeats + 1, dosage.repeats.max) };
  }
  if (current.sets < dosage.sets.max) {
    return { ...current, sets: Math.min(current.sets + 1, dosage.sets.max) };
  }
  return null;
}

export interface SessionInput {
  programme: Programme;
  state: ProgrammeState;
  entries: readonly SessionEntry[];
  /** The session's local date, 'YYYY-MM-DD'. */
  date: string;
  /** The answers the programme was generated from (its "never when" exclusions come from them). */
  answers: Intake;
}

export interface SessionOutcome {
  programme: Programme;
  state: ProgrammeState;
  changes: ProgrammeChange[];
  /** This session calls for the warning-sign questions again (the state keeps any earlier call too). */
  warningCheckRequired: boolean;
  /** Pain spread down the leg: no more exercise today, and the programme is backing off. */
  stoppedForToday: boolean;
  /** What to do now, when a stop rule fired (the knowledge base's words); empty otherwise. */
  advice: string[];
}

/**
 * Applies one logged session to the programme: the stop rules (drop, offer a gentler exercise,
 * re-check the warning signs) and progression (too easy twice running). Never mutates its input;
 * same input, same output.
 */
export function applySession(input: SessionInput, kb: KnowledgeBase): SessionOutcome {
  const { entries, date, answers } = input;
  // Work on copies so that nothing the caller holds is ever changed.
  let programme = structuredClone(input.programme);
  const state = restoreProgrammeState(structuredClone(input.state));
  const items = programme.items;
  // Both the answers' exclusions and those recorded with the programme bar an exercise: the stricter union.
  const exclusions = [...new Set([...programme.exclusions, ...activeExclusions(answers)])];
  const relevant = new Set(input.programme.items.flatMap((i) => i.serves));
  const changes: ProgrammeChange[] = [];

  const exerciseById = new Map(kb.exercises.map((ex) => [ex.id, ex]));
  const inPlan = (id: ExerciseId) => programme.items.some((i) => i.exerciseId === id);
  /** An exercise that may join the plan now: permitted, not already there, and never one dropped before. */
  const available = (id: ExerciseId): Exercise | undefined => {
    const ex = exerciseById.get(id);
    if (!ex || !permittedNow(ex, programme, state, exclusions)) return undefined;
    return inPlan(id) ? undefined : ex;
  };
  // Streaks of exercises that leave the plan are forgotten, so the stored state does not grow stale.
  const forgetStreak = (id: ExerciseId) => {
    state.easyStreak = Object.fromEntries(
      Object.entries(state.easyStreak).filter(([key]) => key !== id),
    );
  };
  const firstAvailable = (ids: readonly ExerciseId[]) =>
    ids.map(available).find((ex): ex is Exercise => ex !== undefined);
  const itemFor = (ex: Exercise): PlanItem => ({
    exerciseId: ex.id,
    kind: ex.kind,
    dosage: startingDosage(ex.dosage),
    timesPerDay: ex.dosage.timesPerDay.min,
    serves: ex.serves.filter((id) => relevant.has(id)),
    cautions: cautionsFor(ex, programme.gate, exclusions, kb),
  });

  // Warning signs are about the person, not the exercise: they count from every entry, even one
  // for an exercise outside the plan, so a stale or odd log can never hide them.
  let warningCheckRequired = false;
  let spreadThisSession = false;
  for (const entry of entries) {
    if (entry.painSpread) {
      // One episode per entry: pain spreading in two exercises of one session counts twice, the safer reading.
      state.spreadEpisodes.push(date);
      spreadThisSession = true;
    }
    if (entry.newNumbnessOrWeakness === true) warningCheckRequired = true;
  }
  if (spreadThisSession) {
    const recent = state.spreadEpisodes.filter((d) =>
      withinDaysEnding(d, date, kb.backOff.spreadWindowDays),
    );
    if (recent.length >= 2) warningCheckRequired = true;
    // Backing off starts now, so no replacement or progression below can bring back what it bars.
    // A back-off that waits for a new assessment stays that way; otherwise the settling starts again.
    state.backOff =
      state.backOff?.until === 'reassessment'
        ? state.backOff
        : { reason: 'spread', since: date, until: 'settled' };
    state.restDate = date;
  }

  // Plan changes only for exercises of the plan the session was done against. An exercise logged
  // twice in one session is judged once: any pain drops it, and it is "too easy" only if every entry says so,
  // so that one session can never count as two towards progression.
  const planned = new Set(input.programme.items.map((i) => i.exerciseId));
  const byExercise = new Map<ExerciseId, SessionEntry[]>();
  for (const entry of entries) {
    if (!planned.has(entry.exerciseId)) continue;
    byExercise.set(entry.exerciseId, [...(byExercise.get(entry.exerciseId) ?? []), entry]);
  }

  for (const [id, logged] of byExercise) {
    const at = items.findIndex((i) => i.exerciseId === id);
    const item = items[at];
    const ex = exerciseById.get(id);
    if (!item) continue;

    if (logged.some((e) => e.painSharper || e.painSpread)) {
      items.splice(at, 1);
      if (!state.dropped.includes(id)) state.dropped.push(id);
      forgetStreak(id);
      const gentler = ex ? firstAvailable(ex.regressions) : undefined;
      if (gentler) {
        items.splice(at, 0, itemFor(gentler));
        changes.push({ exerciseId: id, change: 'replaced', by: gentler.id });
      } else {
        changes.push({ exerciseId: id, change: 'dropped' });
      }
      continue;
    }

    // Progression reads only "was it too easy?", never how the pain felt compared with last time.
    if (!logged.every((e) => e.tooEasy === true)) {
      state.easyStreak[id] = 0;
      continue;
    }
    const streak = (state.easyStreak[id] ?? 0) + 1;
    if (streak < kb.progression.tooEasySessions) {
      state.easyStreak[id] = streak;
      continue;
    }
    state.easyStreak[id] = 0;
    if (!ex) continue;

    // Gentle-only means the lowest dose of gentle exercises: the dose never rises, though a gentle
    // exercise may give way to a harder gentle one, itself at its lowest dose. Nothing moves up while backing off.
    if (state.backOff) continue;
    if (programme.gate !== 'gentle-only') {
      const range = [ex.dosage, ex.alternativeDosage?.dosage].find(
        (d) => d?.unit === item.dosage.unit,
      );
      // A dose in a unit the catalogue does not give for this exercise cannot be placed in a range: leave it.
      if (!range) continue;
      const dosage = nextDosage(item.dosage, range, kb);
      if (dosage) {
        items[at] = { ...item, dosage };
        changes.push({ exerciseId: id, change: 'progressed', dosage });
        continue;
      }
    }
    const harder = firstAvailable(ex.progressions);
    if (harder) {
      items[at] = itemFor(harder);
      forgetStreak(id);
      changes.push({ exerciseId: id, change: 'progressed', by: harder.id });
    }
  }

  if (state.backOff) programme = backOffProgramme(programme, kb, changes);
  // Only an exercise that hurt in this session is reported as replaced by the pairing; one the
  // back-off removed stays "dropped".
  const hurt = new Set(
    entries.filter((e) => e.painSharper || e.painSpread).map((e) => e.exerciseId),
  );
  pairStretchesWithStrengthening(programme, kb, available, itemFor, changes, hurt);
  if (programme.items.length === 0 && input.programme.items.length > 0) {
    addNote(programme, kb.programme.notes['all-stopped']);
  }

  state.warningCheckRequired = input.state.warningCheckRequired || warningCheckRequired;
  const sharper = entries.some((e) => e.painSharper);
  return {
    programme,
    state,
    changes,
    warningCheckRequired,
    stoppedForToday: spreadThisSession,
    advice: spreadThisSession
      ? [...kb.backOff.spreadAdvice]
      : sharper
        ? [kb.backOff.sharperAdvice]
        : [],
  };
}

/**
 * Stretching is always paired with strengthening (`stretch-with-strength`). When the changes leave a
 * stretch without any, the gentlest available strengthening exercise joins; a strengthening exercise
 * dropped in this session without a gentler one is then reported as replaced by it.
 */
function pairStretchesWithStrengthening(
  programme: Programme,
  kb: KnowledgeBase,
  available: (id: ExerciseId) => Exercise | undefined,
  itemFor: (ex: Exercise) => PlanItem,
  changes: ProgrammeChange[],
  hurt: ReadonlySet<ExerciseId>,
): void {
  const kinds = new Set(programme.items.map((i) => i.kind));
  if (!kinds.has('stretch') || kinds.has('strengthening')) return;
  // Gentle ones first: this follows a stop rule firing, so the plan should not get harder because of it.
  const candidates = kb.exercises
    .filter((ex) => ex.kind === 'strengthening')
    .sort((a, b) => Number(b.gentle) - Number(a.gentle));
  const pairing = candidates.map((ex) => available(ex.id)).find((ex) => ex !== undefined);
  if (!pairing) {
    addNote(programme, kb.programme.notes.unpaired);
    return;
  }
  programme.items.push(itemFor(pairing));
  const strengthKinds = new Map(kb.exercises.map((ex) => [ex.id, ex.kind]));
  const lost = changes.findLast(
    (c) =>
      c.change === 'dropped' &&
      hurt.has(c.exerciseId) &&
      strengthKinds.get(c.exerciseId) === 'strengthening',
  );
  if (lost) {
    lost.change = 'replaced';
    lost.by = pairing.id;
  }
}

function addNote(programme: Programme, note: string): void {
  if (!programme.notes.includes(note)) programme.notes.push(note);
}

/** The state once the warning-sign questions have been answered again at a check-in. */
export function clearWarningCheck(state: ProgrammeState): ProgrammeState {
  return { ...structuredClone(state), warningCheckRequired: false };
}
