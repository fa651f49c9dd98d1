// The programme as FHIR CarePlans: one for the current programme, or, once it has versions, one per version
// (the current one active, earlier ones revoked and replaced by the next), each with its author.
import { adherenceOf, sittingsFrom } from '../engine/sittings.js';
import type { PlanItem, Programme } from '../engine/plan.js';
import type { ExerciseId, KnowledgeBase, SelfCareId } from '../kb/types.js';
import type {
  ProgrammeRecord,
  ProgrammeVersionChange,
  ProgrammeVersionRecord,
  SessionLogRecord,
} from '../store/types.js';
import { IDENTIFIER_SYSTEM, SYSTEM } from './codes.js';
import { fhirId, kbTag } from './common.js';
import type {
  Annotation,
  CarePlan,
  CarePlanActivity,
  CarePlanActivityStatus,
  Reference,
} from './types.js';
import { uuidUrn } from './uuid.js';
import { dosageWords, exerciseTitle, lowerFirst } from '../words/index.js';

const TITLE = 'Backchain exercise and self-care programme';

/** What the CarePlans read of a session log: its programme, sitting and time, and the exercises done. */
export type PlanSession = Pick<
  SessionLogRecord,
  'id' | 'programmeId' | 'date' | 'createdAt' | 'sittingId'
> & { entries: readonly { exerciseId: string }[] };

/** What the CarePlans need besides the programme: the knowledge base for names, the person, their sittings, the clock. */
export interface CarePlanContext {
  kb: KnowledgeBase;
  patient: Reference;
  sessions: readonly PlanSession[];
  /** The export instant. */
  now: string;
}

const exerciseName = (kb: KnowledgeBase, id: string) =>
  kb.exercises.find((e) => e.id === id)?.name ?? id;

function exerciseActivity(
  kb: KnowledgeBase,
  item: PlanItem,
  status: CarePlanActivityStatus,
): CarePlanActivity {
  const name = exerciseName(kb, item.exerciseId);
  const description = [
    `${exerciseTitle(name).title}: ${lowerFirst(dosageWords(item.dosage, item.timesPerDay))}.`,
    ...item.cautions,
    ...(item.note === undefined ? [] : [`Clinician’s note: ${item.note}`]),
  ];
  return {
    detail: {
      kind: 'ServiceRequest',
      code: {
        coding: [{ system: SYSTEM.exercise, code: item.exerciseId, display: name }],
        text: name,
      },
      status,
      scheduledTiming: { repeat: { frequency: item.timesPerDay, period: 1, periodUnit: 'd' } },
      description: description.join(' '),
    },
  };
}

function selfCareActivity(
  kb: KnowledgeBase,
  id: SelfCareId,
  why: string | undefined,
): CarePlanActivity {
  const item = kb.selfCare.find((s) => s.id === id);
  const name = item?.name ?? id;
  const minutes = item?.minutes ? ` (${item.minutes.min} to ${item.minutes.max} minutes)` : '';
  return {
    detail: {
      kind: 'ServiceRequest',
      code: { coding: [{ system: SYSTEM.selfCare, code: id, display: name }], text: name },
      // Self-care is not logged, so whether it has started is honestly unknown.
      status: 'unknown',
      description: `${name}${minutes}.${why === undefined ? '' : ` ${why}`}`,
    },
  };
}

function activities(
  kb: KnowledgeBase,
  prog: Programme,
  exerciseStatus: (id: ExerciseId) => CarePlanActivityStatus,
): CarePlanActivity[] {
  return [
    ...prog.items.map((item) => exerciseActivity(kb, item, exerciseStatus(item.exerciseId))),
    ...prog.selfCare.map((id) =>
      selfCareActivity(kb, id, prog.selfCareDetails.find((d) => d.id === id)?.why),
    ),
  ];
}

/** The programme's own notes: why it is limited, its stop rules, how it progresses. */
function programmeNotes(prog: Programme): Annotation[] {
  return [
    ...prog.notes.map((text) => ({ text })),
    ...prog.stopRules.map((rule) => ({ text: `Stop rule: ${rule.text}` })),
    { text: `Progression: ${prog.progressionRule}` },
  ];
}

const pausedNow = (p: ProgrammeRecord) => p.paused || p.state.clinicianPause !== null;

/** Why the current programme is paused, by a warning sign or by a clinician. */
function pauseNotes(p: ProgrammeRecord): Annotation[] {
  const notes: Annotation[] = [];
  if (p.pausedBy) notes.push({ text: `Paused (${p.pausedBy.level}): ${p.pausedBy.advice}` });
  const cp = p.state.clinicianPause;
  if (cp) {
    notes.push({
      text: `Paused by ${cp.name} on ${cp.since.slice(0, 10)}.${cp.note === null ? '' : ` ${cp.note}`}`,
    });
  }
  return notes;
}

/** What the stop rules dropped, and adherence as every other surface counts it: sittings and exercises, planned against done. */
function stateNotes(kb: KnowledgeBase, p: ProgrammeRecord, ctx: CarePlanContext): Annotation[] {
  const notes: Annotation[] = [];
  if (p.state.dropped.length > 0) {
    notes.push({
      text: `Dropped by the stop rules: ${p.state.dropped.map((id) => exerciseName(kb, id)).join('; ')}.`,
    });
  }
  const a = adherenceOf(
    p.programme.items,
    sittingsFrom(ctx.sessions.filter((s) => s.programmeId === p.id)),
    p.createdAt.slice(0, 10),
    ctx.now.slice(0, 10),
  );
  notes.push({
    text: `Adherence since the programme began: ${String(a.done)} of ${String(a.planned)} sittings, ${String(a.exercises.done)} of ${String(a.exercises.planned)} exercises.`,
  });
  return notes;
}

/** The exercises practised in a programme, between two instants when given (`until` excluded). */
function practisedIn(
  sessions: readonly PlanSession[],
  programmeId: string,
  from?: string,
  until?: string,
): Set<string> {
  return new Set(
    sessions
      .filter(
        (s) =>
          s.programmeId === programmeId &&
          (from === undefined || s.createdAt >= from) &&
          (until === undefined || s.createdAt < until),
      )
      .flatMap((s) => s.entries.map((e) => e.exerciseId)),
  );
}

/** The current programme as one CarePlan: how it is exported while it has no versions. */
export function currentCarePlan(
  p: ProgrammeRecord,
  ctx: CarePlanContext,
  assessment: Reference | undefined,
): CarePlan {
  const prog = p.programme;
  const practised = practisedIn(ctx.sessions, p.id);
  const activity = activities(ctx.kb, prog, (id) =>
    pausedNow(p) ? 'on-hold' : practised.has(id) ? 'in-progress' : 'not-started',
  );
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    id: fhirId(p.id, `care-plan:${p.id}`),
    meta: kbTag(prog.knowledgeBase),
    identifier: [{ system: IDENTIFIER_SYSTEM.programme, value: p.id }],
    status: pausedNow(p) ? 'on-hold' : 'active',
    intent: 'plan',
    title: TITLE,
    description: `Phase: ${prog.phase}. Exercise: ${prog.gate}.`,
    subject: ctx.patient,
    period: { start: p.createdAt },
    created: p.createdAt,
    note: [...pauseNotes(p), ...programmeNotes(prog), ...stateNotes(ctx.kb, p, ctx)],
  };
  if (assessment) plan.supportingInfo = [assessment];
  if (activity.length > 0) plan.activity = activity;
  return plan;
}

function changeInWords(kb: KnowledgeBase, c: ProgrammeVersionChange): string {
  const name = c.exerciseId === undefined ? '' : exerciseName(kb, c.exerciseId);
  switch (c.op) {
    case 'add':
      return `added ${name}`;
    case 'remove':
      return `removed ${name}`;
    case 'dose':
      return `changed the dose of ${name}`;
    case 'note':
      return `changed the note on ${name}`;
    case 'pause':
      return 'paused the programme';
    case 'resume':
      return 'resumed the programme';
  }
}

/** Who made a version and what it changed, in one sentence. */
function versionNote(kb: KnowledgeBase, v: ProgrammeVersionRecord): string {
  const what = v.changes.map((c) => changeInWords(kb, c)).join('; ');
  if (v.authorRole === 'engine') {
    return what === ''
      ? `Version ${String(v.number)}: made by Backchain from the assessment.`
      : `Version ${String(v.number)}: made by Backchain from the assessment, keeping a clinician's earlier changes: ${what}.`;
  }
  const who = v.authorName ?? 'a clinician';
  return `Version ${String(v.number)}: made by ${who}${what === '' ? '' : `, who ${what}`}.`;
}

/** The bundle key of a version's CarePlan: the same key gives the same fullUrl, so `replaces` can point at it. */
export const versionPlanKey = (v: ProgrammeVersionRecord) => `care-plan-version:${v.id}`;

/** What the version CarePlans need besides the versions themselves. */
export interface VersionPlanContext extends CarePlanContext {
  current: ProgrammeRecord | undefined;
  /** The engine's Device, the author of every engine version. */
  engine: Reference;
  /** The author of a clinician's version: their Practitioner, or a logical reference when they are gone. */
  clinician: (clinicianId: string, nameThen: string | null) => Reference;
  /** The RiskAssessment a programme came from, when the export holds it. */
  assessmentOf: (programmeId: string) => Reference | undefined;
}

/**
 * One CarePlan per programme version, keyed for the bundle, oldest programme first and within it by
 * number. The newest version of the current programme is active (on hold when paused) and shows the
 * programme as it now stands; every other version is revoked, with its period ending when the next began.
 */
export function versionCarePlans(
  versions: readonly ProgrammeVersionRecord[],
  ctx: VersionPlanContext,
): { key: string; plan: CarePlan }[] {
  const groups = new Map<string, ProgrammeVersionRecord[]>();
  for (const v of versions) groups.set(v.programmeId, [...(groups.get(v.programmeId) ?? []), v]);
  const ordered = [...groups.values()].map((g) =>
    [...g].sort((a, b) => a.number - b.number || (a.id < b.id ? -1 : 1)),
  );
  const startOf = (g: ProgrammeVersionRecord[]) => g[0]?.createdAt ?? '';
  ordered.sort((a, b) => {
    const [sa, sb] = [startOf(a), startOf(b)];
    return sa < sb
      ? -1
      : sa > sb
        ? 1
        : (a[0]?.programmeId ?? '') < (b[0]?.programmeId ?? '')
          ? -1
          : 1;
  });
  // A programme ends when the next one begins (a new assessment makes a new programme).
  const programmeStarts = [
    ...ordered.map(startOf),
    ...(ctx.current ? [ctx.current.createdAt] : []),
  ].sort();
  const out: { key: string; plan: CarePlan }[] = [];
  for (const group of ordered) {
    for (const [i, v] of group.entries()) {
      const next = group[i + 1];
      const isCurrent = next === undefined && v.programmeId === ctx.current?.id;
      const end = next?.createdAt ?? programmeStarts.find((s) => s > v.createdAt);
      const previous = group[i - 1];
      out.push({ key: versionPlanKey(v), plan: versionPlan(v, previous, isCurrent, end, ctx) });
    }
  }
  return out;
}

function versionPlan(
  v: ProgrammeVersionRecord,
  previous: ProgrammeVersionRecord | undefined,
  isCurrent: boolean,
  end: string | undefined,
  ctx: VersionPlanContext,
): CarePlan {
  const current = isCurrent ? ctx.current : undefined;
  // The current version is the programme as it stands now, with the stop rules' and progression's changes.
  const prog = current?.programme ?? v.programme;
  const practised = current
    ? practisedIn(ctx.sessions, v.programmeId)
    : practisedIn(ctx.sessions, v.programmeId, v.createdAt, end);
  const activity = activities(ctx.kb, prog, (id): CarePlanActivityStatus => {
    if (current)
      return pausedNow(current) ? 'on-hold' : practised.has(id) ? 'in-progress' : 'not-started';
    return practised.has(id) ? 'stopped' : 'cancelled';
  });
  const note: Annotation[] = [{ text: versionNote(ctx.kb, v) }];
  if (v.note !== null) {
    const from = v.authorRole === 'engine' ? 'Backchain' : (v.authorName ?? 'the clinician');
    note.push({ text: `Note from ${from}: ${v.note}` });
  }
  if (current) note.push(...pauseNotes(current));
  note.push(...programmeNotes(prog));
  if (current) note.push(...stateNotes(ctx.kb, current, ctx));
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    id: fhirId(v.id, versionPlanKey(v)),
    meta: kbTag(prog.knowledgeBase),
    identifier: [
      { system: IDENTIFIER_SYSTEM.programme, value: v.programmeId },
      { system: IDENTIFIER_SYSTEM.programmeVersion, value: v.id },
    ],
    status: current ? (pausedNow(current) ? 'on-hold' : 'active') : 'revoked',
    intent: 'plan',
    title: `${TITLE}, version ${String(v.number)}`,
    description: `Phase: ${prog.phase}. Exercise: ${prog.gate}.`,
    subject: ctx.patient,
    period: end === undefined || current ? { start: v.createdAt } : { start: v.createdAt, end },
    created: v.createdAt,
    author:
      v.authorRole === 'engine'
        ? ctx.engine
        : v.authorId === null
          ? { type: 'Practitioner', display: v.authorName ?? 'A clinician' }
          : ctx.clinician(v.authorId, v.authorName),
    note,
  };
  if (previous)
    plan.replaces = [{ reference: uuidUrn(versionPlanKey(previous)), type: 'CarePlan' }];
  const assessment = ctx.assessmentOf(v.programmeId);
  if (assessment) plan.supportingInfo = [assessment];
  if (activity.length > 0) plan.activity = activity;
  return plan;
}
