// What the programme and session screens may show, decided once: the safety gates come first (an emergency
// shows no exercises anywhere), then a paused programme, then the warning-sign re-check.
import type { KnowledgeBase, Source, SourceId } from '../../kb/types.js';
import type {
  AssessmentView,
  ClinicianPauseView,
  PauseReason,
  ProgrammeView,
  TodayView,
} from '../data/types.js';

export type ProgrammeStatus =
  /** A warning stands (reported at a check-in, or in questions stopped early): its advice, no exercises. */
  | { kind: 'warning'; warning: NonNullable<TodayView['warning']> }
  /** No questions answered yet. */
  | { kind: 'no-assessment' }
  /** The latest assessment says emergency: its advice and nothing else. */
  | { kind: 'emergency'; advice: string }
  /** A check-in found a warning sign: why, and no exercises until the person has been seen. */
  | { kind: 'paused'; pausedBy: PauseReason | null }
  /** A clinician paused the programme: who, when and their note; no sittings until they start it again. */
  | { kind: 'clinician-paused'; pause: ClinicianPauseView; programme: ProgrammeView }
  /** An assessment without a programme (should not happen; shown as "answer the questions again"). */
  | { kind: 'no-programme' }
  /** The stop rules asked for the warning-sign questions again before the next session. */
  | { kind: 'warning-check'; programme: ProgrammeView }
  /** Pain spread down the leg in today's session: no more exercise today. */
  | { kind: 'rest-today'; programme: ProgrammeView }
  /** A programme with no exercises in it now (the gate, or the stop rules took them all out). */
  | { kind: 'no-exercises'; programme: ProgrammeView }
  | { kind: 'ready'; programme: ProgrammeView };

/**
 * Decides what may be shown. A standing warning (a warning sign reported and not yet followed by new
 * answers) and an emergency always win: no exercise is offered beside them.
 */
export function programmeStatus(
  assessment: AssessmentView | null,
  programme: ProgrammeView | null,
  today: TodayView | null = null,
): ProgrammeStatus {
  const warning = today?.warning ?? null;
  if (warning && (warning.level === 'emergency' || today?.blockedBy === 'paused' || !programme)) {
    return { kind: 'warning', warning };
  }
  if (assessment?.result.triage.level === 'emergency') {
    return { kind: 'emergency', advice: assessment.result.triage.advice };
  }
  // A warning sign's pause reads as one even when a clinician paused too: the warning's advice leads.
  if (programme?.paused && programme.pausedBy) {
    return { kind: 'paused', pausedBy: programme.pausedBy };
  }
  const clinicianPause = programme?.clinicianPause ?? today?.clinicianPause ?? null;
  if (programme && clinicianPause)
    return { kind: 'clinician-paused', pause: clinicianPause, programme };
  if (programme?.paused) return { kind: 'paused', pausedBy: programme.pausedBy };
  if (!assessment) return { kind: 'no-assessment' };
  if (!programme) return { kind: 'no-programme' };
  if (programme.warningCheckRequired) return { kind: 'warning-check', programme };
  if (today?.blockedBy === 'rest-today') return { kind: 'rest-today', programme };
  if (programme.items.length === 0) return { kind: 'no-exercises', programme };
  return { kind: 'ready', programme };
}

/** The sources behind what the programme shows (its exercises, self-care items and rules), by title, once each. */
export function programmeSources(programme: ProgrammeView, kb: KnowledgeBase): Source[] {
  const ids = new Set<SourceId>();
  const add = (list: readonly SourceId[] | undefined) => {
    for (const id of list ?? []) ids.add(id);
  };
  for (const item of programme.items)
    add(kb.exercises.find((e) => e.id === item.exerciseId)?.sources);
  for (const pick of programme.selfCareDetails)
    add(kb.selfCare.find((s) => s.id === pick.id)?.sources);
  for (const rule of programme.stopRules) add(rule.sources);
  if (programme.items.length > 0) add(kb.progression.sources);
  return kb.sources.filter((s) => ids.has(s.id));
}

/** Source titles for a list of ids, in the knowledge base's order. */
export function sourceTitles(ids: readonly SourceId[], kb: KnowledgeBase): string[] {
  return kb.sources.filter((s) => ids.includes(s.id)).map((s) => s.title);
}
