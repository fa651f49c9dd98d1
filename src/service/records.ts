// The person's record (assessments, programme, sessions, check-ins, measurements, progress, exports), kept the same way by the server and the web app's device mode.
// No transport here: refusals are `RecordError`s, which the server turns into problem details.
import type { z } from 'zod';
import { planFor } from '../engine/assess.js';
import {
  backOffSettled,
  endBackOff,
  newLegSymptoms,
  type NewLegSymptoms,
} from '../engine/back-off.js';
import {
  checkinTriage,
  missingCheckinAnswers,
  newWarningReasons,
  type CheckinDraft,
  type CheckinTriage,
} from '../engine/checkin.js';
import type { Intake } from '../engine/intake.js';
import { sittingsFrom } from '../engine/sittings.js';
import { activeExclusions, type Programme } from '../engine/plan.js';
import { problem, type Problem } from '../engine/problems.js';
import type { ProgressSummary } from '../engine/progress.js';
import {
  applySession,
  backOffProgramme,
  clearWarningCheck,
  initialProgrammeState,
  permittedNow,
  type ClinicianPause,
  type ProgrammeState,
  type SessionEntry,
} from '../engine/session.js';
import { WARNING_RULES, isMoreUrgent } from '../engine/triage.js';
import {
  bundleText,
  csvText,
  jsonText,
  type ExportRecord,
  type ExportSource,
} from '../fhir/export.js';
import type { Exercise, ExerciseId, KnowledgeBase } from '../kb/types.js';
import { PersonGone } from '../store/errors.js';
import { newId } from '../store/ids.js';
import type {
  AssessmentAnswers,
  AssessmentRecord,
  AuditAction,
  AuditOutcome,
  AuditRecord,
  CheckinRecord,
  MeasurementRecord,
  OrderedRecords,
  OrderedTable,
  Page,
  PageRequest,
  PersonStore,
  ProgrammeRecord,
  ProgrammeUpdate,
  ProgrammeVersionChange,
  ProgrammeVersionRecord,
  SessionLogRecord,
  Store,
  WriteCountRequest,
  WriteCounts,
} from '../store/types.js';
import { carryOver, carryOverNote } from './carry-over.js';
import type { AssessmentBody, CheckinBody, MeasurementBody, SessionBody } from './schemas.js';
import { readProgress } from './progress-read.js';
import type * as responses from './responses.js';
import { unseenVersions } from './version-view.js';
import {
  judgeWrite,
  TABLE_OF,
  writeCountRequest,
  type WriteKind,
  type WriteLimits,
  type WriteRefusal,
} from './write-limits.js';

/** Who is acting and how, for the audit row a write leaves in its own transaction (the server's requests). */
export interface AuditContext {
  /** The person's own id, or `operator`. */
  actor: string;
  credentialKind: 'session' | 'token' | null;
  credentialId: string | null;
  /** The client's address. */
  address: string | null;
  /** What was asked for, e.g. `/api/assessments`. */
  resource: string;
}

/** The context inside one person's transaction: its store is the transaction's. */
export type PersonContext = Omit<RecordContext, 'store'> & { store: PersonStore };

/**
 * What every operation needs: where the record is kept, the knowledge base, and the clock; and, for
 * the server, who is acting, so each write is audited in its own transaction (device mode has none).
 */
export interface RecordContext {
  store: Store;
  kb: KnowledgeBase;
  now: () => Date;
  audit?: AuditContext | undefined;
  /** The server's per-person write limits (write-limits.ts); none on a device or the command line. */
  writeLimits?: WriteLimits | undefined;
}

/**
 * Why an operation was refused: `conflict` with the record's state, something `not-found`, `invalid`
 * input, `forbidden` for this kind of account, `refused` by the record's rules (a clinician's change
 * the safety check refused: `extra.refusals` says which rule), or `limited` (too many tries:
 * `extra.retryAfterSeconds`).
 */
export type RecordErrorKind =
  'conflict' | 'not-found' | 'invalid' | 'forbidden' | 'refused' | 'limited';

/** A refusal the person can act on; `code` is stable (the server's problem type), `title` and `detail` are for people. */
export class RecordError extends Error {
  constructor(
    readonly kind: RecordErrorKind,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    /** For `invalid`: one problem per field, as a validation failure names them. */
    readonly problems: Problem[] = [],
    /** Further members of the problem body (e.g. `refusals`, `retryAfterSeconds`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'RecordError';
  }
}

const notFound = (what: string) =>
  new RecordError('not-found', 'not-found', 'Not found', `There is no ${what} here.`);

/** Under the person's lock the programme cannot change between reading and writing; this is only a guard. */
const busy = (what: string) =>
  new RecordError(
    'conflict',
    'busy',
    'Your programme changed at the same moment',
    `Please send the ${what} again.`,
  );

/** The account was deleted while the request was on its way: nothing was written. */
export const accountGone = () =>
  new RecordError(
    'not-found',
    'account-gone',
    'This account no longer exists',
    'The account was deleted, so nothing was saved.',
  );

/**
 * Runs one person's read-compute-write in one transaction holding that person's lock (the store's
 * `withPerson`): concurrent writes for one person, from any process, queue instead of failing, and a
 * deletion waits for them. Inside, only the transaction's store may be used, so `work` gets a context
 * whose store is that transaction.
 */
export async function asPerson<T>(
  ctx: RecordContext,
  userId: string,
  work: (tx: PersonContext) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.store.withPerson(userId, (store) => work({ ...ctx, store }));
  } catch (e) {
    if (e instanceof PersonGone) throw accountGone();
    throw e;
  }
}

/** Leaves the audit row of a write, in the write's own transaction; nothing without an audit context. */
export async function audited(
  ctx: PersonContext,
  userId: string,
  action: AuditAction,
  resourceId: string | null,
  outcome: AuditOutcome,
): Promise<void> {
  const row = auditRow(ctx, userId, action, resourceId, outcome);
  if (row) await ctx.store.addAudit(row);
}

/** The audit row of a write, for the store to write with the write itself; none without an audit context. */
function auditRow(
  ctx: PersonContext,
  userId: string,
  action: AuditAction,
  resourceId: string | null,
  outcome: AuditOutcome,
): AuditRecord | undefined {
  return ctx.audit
    ? auditRecord(ctx.audit, userId, action, resourceId, outcome, ctx.now())
    : undefined;
}

/** One row of a person's audit trail: who did `action`, by which credential, from where, and how it ended. */
export function auditRecord(
  who: AuditContext,
  userId: string,
  action: AuditAction,
  resourceId: string | null,
  outcome: AuditOutcome,
  now: Date,
): AuditRecord {
  return {
    userId,
    id: newId(now),
    at: now.toISOString(),
    actor: who.actor,
    action,
    resource: who.resource,
    resourceId,
    credentialKind: who.credentialKind,
    credentialId: who.credentialId,
    address: who.address,
    outcome,
  };
}

/** What the limits' words call each kind of write. */
const WRITE_NOUN: Record<WriteKind, string> = {
  assessments: 'assessments',
  checkins: 'check-ins',
  sessions: 'exercise logs',
  measurements: 'measurements',
};

/** A refusal by the write limits in words: 429 with when to retry, or 422 when a day or the record is full. */
function limitError(refusal: WriteRefusal, kind: WriteKind, date: string | null): RecordError {
  const noun = WRITE_NOUN[kind];
  switch (refusal.reason) {
    case 'too-fast': {
      const s = refusal.retryAfterSeconds;
      return new RecordError(
        'limited',
        'too-many-writes',
        'Too many at once',
        `More than ${refusal.limit} ${noun} arrived within a minute, so this one was not saved. Please send it again in ${s} second${s === 1 ? '' : 's'}.`,
        [],
        { retryAfterSeconds: s },
      );
    }
    case 'date-full':
      return new RecordError(
        'refused',
        'day-full',
        'That day is full',
        `One day holds at most ${refusal.limit} ${noun}, and ${date ?? 'that day'} already has them, so this one was not saved.`,
        [],
        { limit: refusal.limit },
      );
    case 'record-full':
      return new RecordError(
        'refused',
        'record-full',
        'Your record is full',
        `A record holds at most ${refusal.limit} ${noun}, so this one was not saved. Your record can still be read and exported.`,
        [],
        { limit: refusal.limit },
      );
  }
}

/**
 * Refuses a write its person's limits do not allow, before anything is written: counted in the write's
 * own transaction, under the person's lock, so writes from any process count alike. Nothing without
 * limits (a device, the command line).
 */
async function withinLimits(
  tx: PersonContext,
  userId: string,
  kind: WriteKind,
  date: string | null,
): Promise<void> {
  const request = limitsRequest(tx, kind, date);
  if (!request) return;
  judgeCounts(tx, kind, date, await tx.store.writeCounts(userId, TABLE_OF[kind], request));
}

/** What the write limits count before a write of `kind` on `date`: null without limits. */
function limitsRequest(
  tx: PersonContext,
  kind: WriteKind,
  date: string | null,
): WriteCountRequest | null {
  return tx.writeLimits ? writeCountRequest(tx.writeLimits, kind, date, tx.now()) : null;
}

/** Refuses a write its limits do not allow, from the counts read for it (`limitsRequest`); none without limits. */
function judgeCounts(
  tx: PersonContext,
  kind: WriteKind,
  date: string | null,
  counts: WriteCounts | null,
): void {
  if (!tx.writeLimits || !counts) return;
  const refusal = judgeWrite(tx.writeLimits, kind, counts, tx.now());
  if (refusal) throw limitError(refusal, kind, date);
}

/** The calendar date used when a body gives none (UTC, as the server has always done). */
export const today = (now: Date) => now.toISOString().slice(0, 10);

/** Drops the owner's id, which a person's own views never show. */
function withoutUser<T extends { userId: string }>(row: T): Omit<T, 'userId'> {
  const { userId: _u, ...rest } = row;
  return rest;
}

const pageView = <T, V>(page: Page<T>, view: (row: T) => V): Page<V> => ({
  items: page.items.map(view),
  nextCursor: page.nextCursor,
});

/** The programme as a person sees it (GET /api/programme). */
export function programmeView(p: ProgrammeRecord): ProgrammeView {
  return {
    id: p.id,
    assessmentId: p.assessmentId,
    createdAt: p.createdAt,
    knowledgeBase: p.programme.knowledgeBase,
    phase: p.programme.phase,
    gate: p.programme.gate,
    paused: p.paused,
    pausedBy: p.pausedBy,
    warningCheckRequired: p.state.warningCheckRequired,
    items: p.programme.items,
    selfCare: p.programme.selfCare,
    selfCareDetails: p.programme.selfCareDetails,
    stopRules: p.programme.stopRules,
    progressionRule: p.programme.progressionRule,
    notes: p.programme.notes,
    dropped: p.state.dropped,
    backOff: p.state.backOff,
    restDate: p.state.restDate,
    /** A clinician's pause (who, since when, their note); only a clinician lifts it. */
    clinicianPause: p.state.clinicianPause ?? null,
  };
}
export type ProgrammeView = z.infer<typeof responses.programmeView>;

/** An assessment as a person sees it (GET /api/assessments/:id). */
export const assessmentView = (a: AssessmentRecord): AssessmentView => ({
  id: a.id,
  createdAt: a.createdAt,
  answers: a.answers,
  result: a.result,
});
export type AssessmentView = z.infer<typeof responses.assessmentView>;

/** The answer to POST /api/assessments. */
export type AssessmentCreated = z.infer<typeof responses.assessmentCreated> & {
  /** True when this assessment's `clientId` was already stored: the stored one is answered, nothing new is made. */
  duplicate: boolean;
};

/** The answer for an assessment stored earlier with the same client id, and the programme made from it. */
async function storedAssessment(
  store: PersonStore,
  a: AssessmentRecord,
): Promise<AssessmentCreated> {
  const answer = { id: a.id, createdAt: a.createdAt, result: a.result, duplicate: true };
  let cursor: string | undefined;
  do {
    const page = await store.listProgrammes(a.userId, { limit: 500, cursor });
    const made = page.items.find((p) => p.assessmentId === a.id);
    if (made) return { ...answer, programmeId: made.id };
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  // Stored in the same transaction as its assessment, the programme is always there.
  throw notFound('programme made from this assessment');
}

/**
 * Assesses the answers, builds the programme from them, and makes it the current one. An assessment
 * whose `clientId` the person already has is not made again: the stored one is answered, `duplicate`.
 */
export async function createAssessment(
  ctx: RecordContext,
  userId: string,
  body: AssessmentBody,
): Promise<AssessmentCreated> {
  const { kb } = ctx;
  const answers = body.answers;
  const clientId = body.clientId ?? null;
  const { assessment: result, programme } = planFor(answers, kb);
  const now = ctx.now();
  const createdAt = now.toISOString();
  const assessment: AssessmentRecord = {
    userId,
    id: newId(now),
    createdAt,
    answers,
    result,
    knowledgeBase: kb.version,
    clientId,
  };
  const programmeRecord: ProgrammeRecord = {
    userId,
    id: newId(now),
    assessmentId: assessment.id,
    createdAt,
    programme,
    state: initialProgrammeState(),
    paused: false,
    pausedBy: null,
    current: true,
    revision: 0,
  };
  return asPerson(ctx, userId, async (tx) => {
    const { store } = tx;
    const before =
      clientId === null ? undefined : await store.findAssessmentByClientId(userId, clientId);
    if (before) {
      await audited(tx, userId, 'create', before.id, 'duplicate');
      return storedAssessment(store, before);
    }
    await withinLimits(tx, userId, 'assessments', null);
    // A clinician's pause outlasts a new assessment: only a clinician lifts it.
    const previous = await store.getCurrentProgramme(userId);
    const clinicianPause = previous?.state.clinicianPause ?? null;
    if (clinicianPause) {
      programmeRecord.state = { ...programmeRecord.state, clinicianPause };
      programmeRecord.paused = true;
    }
    const added = await store.addAssessment(assessment, programmeRecord);
    if (added === 'duplicate') throw busy('assessment');
    if (previous) await carryClinicianChanges(tx, previous, programmeRecord, assessment);
    await audited(tx, userId, 'create', assessment.id, 'ok');
    return {
      id: assessment.id,
      createdAt,
      result,
      programmeId: programmeRecord.id,
      duplicate: false,
    };
  });
}

/**
 * Keeps the clinician's changes to the previous programme that are still safe after this assessment
 * (docs/clinician.md, "A new assessment"): the engine's programme is stored as version 1, and what
 * passes the safety check again becomes version 2, signed by the engine and shown to the person as
 * news, its note naming each change left out and why. Whatever the link's state: the changes are part
 * of the person's programme.
 */
async function carryClinicianChanges(
  tx: PersonContext,
  previous: ProgrammeRecord,
  made: ProgrammeRecord,
  assessment: AssessmentRecord,
): Promise<void> {
  const { store, kb } = tx;
  const versions = await store.listProgrammeVersions(previous.userId, previous.id);
  const carried = carryOver(versions, made.programme, made.state, kb, {
    gate: assessment.result.exercise,
    exclusions: activeExclusions(assessment.answers),
    pausedByWarning: false,
  });
  if (!carried) return;
  const now = tx.now();
  const engine: ProgrammeVersionRecord = {
    userId: made.userId,
    id: newId(now),
    programmeId: made.id,
    number: 1,
    createdAt: made.createdAt,
    authorRole: 'engine',
    authorId: null,
    authorName: null,
    changes: [],
    note: null,
    programme: made.programme,
    seenAt: made.createdAt,
  };
  const kept: ProgrammeVersionRecord = {
    ...engine,
    id: newId(now),
    number: 2,
    changes: carried.applied.map((c): ProgrammeVersionChange => ({ ...c })),
    note: carryOverNote(carried, versions[0]?.number ?? 1, kb),
    programme: carried.programme,
    seenAt: null,
  };
  const update: ProgrammeUpdate = {
    id: made.id,
    expectedRevision: made.revision,
    programme: carried.programme,
    state: carried.state,
    paused: made.paused,
    pausedBy: made.pausedBy,
  };
  // Under the person's lock nothing else writes: a failure here is a fault, and rolls everything back.
  if (
    !(await store.addProgrammeVersion(engine)) ||
    !(await store.addProgrammeVersion(kept, update))
  ) {
    throw new Error('programme version not stored');
  }
}

/** One page of the person's assessments, newest first. */
export async function listAssessments(
  ctx: RecordContext,
  userId: string,
  page: PageRequest,
): Promise<Page<AssessmentView>> {
  return pageView(await ctx.store.listAssessments(userId, page), assessmentView);
}

/** One of the person's assessments; not-found for another person's id as for an unknown one. */
export async function getAssessment(
  ctx: RecordContext,
  userId: string,
  id: string,
): Promise<AssessmentView> {
  const found = await ctx.store.getAssessment(userId, id);
  if (!found) throw notFound('assessment with that id');
  return assessmentView(found);
}

/** The current programme; not-found before any assessment. */
export async function currentProgramme(ctx: RecordContext, userId: string): Promise<ProgrammeView> {
  const current = await ctx.store.getCurrentProgramme(userId);
  if (!current) throw notFound('programme yet: complete an assessment first');
  return programmeView(current);
}

/** One page of the person's programmes, newest first, each saying whether it is the current one. */
export async function listProgrammes(
  ctx: RecordContext,
  userId: string,
  page: PageRequest,
): Promise<Page<ProgrammeView & { current: boolean }>> {
  return pageView(await ctx.store.listProgrammes(userId, page), (p) => ({
    ...programmeView(p),
    current: p.current,
  }));
}

export type SessionOutcomeView = z.infer<typeof responses.sessionOutcome> & {
  /**
   * True when this session's `clientId` was already stored: nothing new was stored, and the stop
   * rules and progression were not applied again.
   */
  duplicate: boolean;
};

/** The answer for a session stored earlier, as it was answered then. */
const storedSessionOutcome = (l: SessionLogRecord, kb: KnowledgeBase): SessionOutcomeView => {
  const spread = l.entries.some((e) => e.painSpread);
  const sharper = l.entries.some((e) => e.painSharper);
  return {
    id: l.id,
    programmeChanges: l.programmeChanges,
    warningCheckRequired: l.warningCheckRequired,
    stoppedForToday: spread,
    advice: spread ? [...kb.backOff.spreadAdvice] : sharper ? [kb.backOff.sharperAdvice] : [],
    duplicate: true,
  };
};

/**
 * Logs an exercise session and applies the stop rules and progression to the programme.
 * Refused while there is no programme, it is paused, or the warning-sign check is due.
 * A session whose `clientId` the person already has is not stored or applied again: the stored
 * one is returned with `duplicate: true`, whatever the programme's state now.
 */
export async function logSession(
  ctx: RecordContext,
  userId: string,
  body: SessionBody,
): Promise<SessionOutcomeView> {
  const { kb } = ctx;
  const now = ctx.now();
  const date = body.date ?? today(now);
  const clientId = body.clientId ?? null;
  // One transaction under the person's lock: a session sent at the same moment from another device
  // or process waits for this one and then reads the programme it left.
  return asPerson(ctx, userId, async (tx) => {
    const { store } = tx;
    // Everything a session reads, at once: its repeat, the current programme, the answers it was made
    // from (not the assessment's result, which is not needed here) and the counts of its limits.
    const reads = await store.sessionReads(userId, {
      clientId,
      counts: limitsRequest(tx, 'sessions', date),
    });
    // Before every rule: the session this repeats may itself have asked for the warning-sign check,
    // which would otherwise refuse its own repeat.
    if (reads.repeat) {
      const repeat = storedSessionOutcome(reads.repeat, kb);
      await audited(tx, userId, 'create', repeat.id, 'duplicate');
      return repeat;
    }
    judgeCounts(tx, 'sessions', date, reads.counts);
    const current = reads.programme;
    if (!current) {
      throw new RecordError(
        'conflict',
        'no-programme',
        'No programme yet',
        'Complete an assessment first; it builds your programme.',
      );
    }
    const clinicianPause = current.state.clinicianPause ?? null;
    if (current.paused || clinicianPause) {
      // A warning sign's advice leads; a clinician's pause says who paused it and why.
      throw new RecordError(
        'conflict',
        'programme-paused',
        'Your programme is paused',
        current.pausedBy?.advice ??
          (clinicianPause
            ? clinicianPauseWords(clinicianPause)
            : 'Follow the advice you were given before exercising again.'),
      );
    }
    if (current.state.warningCheckRequired) {
      throw new RecordError(
        'conflict',
        'warning-check-required',
        'Please answer the warning-sign questions first',
        'Pain spread down the leg twice within a week, or new numbness or weakness appeared. Do a check-in with the warning-sign questions before the next session.',
      );
    }
    if (current.state.restDate === date) {
      throw new RecordError(
        'conflict',
        'rest-today',
        'No more exercise today',
        kb.backOff.spreadAdvice.join(' '),
      );
    }
    const planned = new Map(current.programme.items.map((i) => [i.exerciseId as string, i.dosage]));
    const unknown = body.entries.filter((e) => !planned.has(e.exerciseId));
    if (unknown.length > 0) {
      throw new RecordError(
        'invalid',
        'not-in-programme',
        'Exercise not in your programme',
        `These are not in your current programme: ${unknown.map((e) => e.exerciseId).join(', ')}.`,
      );
    }
    const entries: SessionEntry[] = body.entries.map((e) => ({
      ...e,
      exerciseId: e.exerciseId as ExerciseId,
      planned: planned.get(e.exerciseId) ?? null,
    }));
    const assessment = reads.answers;
    if (!assessment) throw notFound('assessment behind this programme');
    const outcome = applySession(
      {
        programme: current.programme,
        state: current.state,
        entries,
        date,
        answers: assessment.answers,
      },
      kb,
    );
    const log: SessionLogRecord = {
      userId,
      id: newId(now),
      programmeId: current.id,
      date,
      createdAt: now.toISOString(),
      entries,
      programmeChanges: outcome.changes,
      warningCheckRequired: outcome.warningCheckRequired,
      clientId,
      sittingId: body.sittingId ?? null,
    };
    const update: ProgrammeUpdate = {
      id: current.id,
      expectedRevision: current.revision,
      programme: outcome.programme,
      state: outcome.state,
      paused: current.paused,
      pausedBy: current.pausedBy,
    };
    // The log, the programme's update and the audit row in one go (one statement on PostgreSQL).
    const audit = auditRow(tx, userId, 'create', log.id, 'ok');
    const added = await store.addSessionLog(log, update, audit);
    if (added !== true) throw busy('session');
    return {
      id: log.id,
      programmeChanges: outcome.changes,
      warningCheckRequired: outcome.warningCheckRequired,
      stoppedForToday: outcome.stoppedForToday,
      advice: outcome.advice,
      duplicate: false,
    };
  });
}

/** A clinician's pause in the person's words: who paused the programme, and their note. */
export function clinicianPauseWords(pause: ClinicianPause): string {
  const who = `${pause.name} paused your programme.`;
  return pause.note
    ? `${who} Their note: “${pause.note}”`
    : `${who} Please wait until they start it again.`;
}

/** One page of the person's session logs, newest first. */
export async function listSessions(
  ctx: RecordContext,
  userId: string,
  page: PageRequest,
): Promise<Page<Omit<SessionLogRecord, 'userId'>>> {
  return pageView(await ctx.store.listSessionLogs(userId, page), withoutUser);
}

/**
 * The reason a programme stays paused when a new warning comes on top of an earlier one: the more urgent
 * advice stands (a later urgent answer never hides an emergency), with the reasons of both.
 */
export function standingPause(earlier: CheckinTriage | null, now: CheckinTriage): CheckinTriage {
  if (!earlier) return now;
  const lead = isMoreUrgent(earlier.level, now.level) ? earlier : now;
  const codes = new Set<string>();
  const reasons = [...lead.reasons, ...earlier.reasons, ...now.reasons].filter((r) => {
    if (codes.has(r.code)) return false;
    codes.add(r.code);
    return true;
  });
  return { level: lead.level, advice: lead.advice, reasons };
}

/** The warning reasons already known when the programme was made (they do not pause it again). */
export function knownWarningReasons(
  assessment: Pick<AssessmentRecord, 'result'>,
  programme: Pick<ProgrammeRecord, 'pausedBy'>,
) {
  const warningCodes = new Set<string>(WARNING_RULES.map((r) => r.code));
  return [
    ...assessment.result.triage.reasons.filter((r) => warningCodes.has(r.code)),
    ...(programme.pausedBy?.reasons ?? []),
  ];
}

export type CheckinOutcomeView = z.infer<typeof responses.checkinOutcome> & {
  /** True when this check-in's `clientId` was already stored: nothing new was stored or triaged. */
  duplicate: boolean;
};

/**
 * The answer for a check-in stored earlier, as it was answered then: its triage, and the new leg
 * symptoms it reported against the assessment it was made after. (Whether it ended a back-off is not
 * kept; a repeat says false.)
 */
function storedCheckinOutcome(
  ctx: PersonContext,
  c: CheckinRecord,
  /** The latest assessment's answers now. */
  latest: AssessmentAnswers | undefined,
): CheckinOutcomeView {
  const legNews =
    latest && latest.createdAt <= c.createdAt ? (storedLegNews(latest.answers, c) ?? null) : null;
  return {
    id: c.id,
    programmePaused: c.programmePaused,
    ...(c.triage ? { triage: c.triage } : {}),
    ...(legNews ? { newLegSymptoms: legNews } : {}),
    reassessmentAdvised: legNews !== null,
    backOffEnded: false,
    advice: legNews ? [...ctx.kb.backOff.newLegSymptomsAdvice] : [],
    duplicate: true,
  };
}

const draftOf = (body: CheckinBody): CheckinDraft => ({
  age: body.age,
  painNow: body.painNow,
  painAreas: body.painAreas,
  legSide: body.legSide,
  warningSigns: body.warningSigns,
});

/**
 * The leg areas, sides or numbness a stored check-in reports beyond the assessment's: null when it
 * reports nothing new, undefined for a warning-only check-in, which says nothing about the leg.
 */
function storedLegNews(base: Intake, c: CheckinRecord): NewLegSymptoms | null | undefined {
  if (c.painAreas === null || c.legSide === null) return undefined;
  return newLegSymptoms(base, {
    painAreas: c.painAreas as Intake['painAreas'],
    legSide: c.legSide as Intake['legSide'],
    numbness: c.warningSigns.numbness as Intake['numbness'] | undefined,
  });
}

/**
 * Records a check-in. A warning sign is stored as it is given: a check-in that fires an emergency or
 * urgent rule is accepted with nothing else answered, and pauses the programme when the reason is new.
 * Any other check-in must answer every question it asks (refused naming each missing one). A complete
 * check-in also clears a pending warning-sign check; one reporting leg symptoms the assessment did not
 * have backs the programme off until a new assessment; one that completes a week of settled leg
 * symptoms ends a back-off after spreading. A check-in whose `clientId` the person already has is not
 * stored again: the stored one is returned with `duplicate: true`.
 */
export async function addCheckin(
  ctx: RecordContext,
  userId: string,
  body: CheckinBody,
): Promise<CheckinOutcomeView> {
  const { kb } = ctx;
  const clientId = body.clientId ?? null;
  const now = ctx.now();
  const date = body.date ?? today(now);
  // One transaction under the person's lock, like a session: check-ins from two devices queue.
  return asPerson(ctx, userId, async (tx) => {
    const { store } = tx;
    // Everything a check-in reads, at once: its repeat, the latest assessment's answers (its result is
    // read below only when a warning fired), the programme's state (the programme itself is read below
    // only when it changes) and the counts of its limits.
    const reads = await store.checkinReads(userId, {
      clientId,
      counts: limitsRequest(tx, 'checkins', date),
    });
    const { latest, programme: current } = reads;
    if (reads.repeat) {
      await audited(tx, userId, 'create', reads.repeat.id, 'duplicate');
      return storedCheckinOutcome(tx, reads.repeat, latest);
    }
    const draft = draftOf(body);
    const fired = checkinTriage(latest?.answers ?? null, draft, kb);
    // A warning sign is always stored, whatever the limits: a clinician's list and the programme's
    // pause depend on it, and it only ever adds to the person's own record.
    if (!fired) judgeCounts(tx, 'checkins', date, reads.counts);
    const missing = missingCheckinAnswers(latest?.answers ?? null, draft);
    if (!fired && missing.length > 0) {
      throw new RecordError(
        'invalid',
        'validation',
        'Some answers are missing',
        `A check-in answers every question unless a warning sign stops it early. Missing: ${missing.join(', ')}.`,
        missing.map((path) => problem(path.split('.'), 'an answer, given explicitly', undefined)),
      );
    }
    if (!latest && !fired) {
      throw new RecordError(
        'conflict',
        'no-assessment',
        'No assessment yet',
        'Complete an assessment first; check-ins compare against it.',
      );
    }
    const complete = missing.length === 0;
    const legNews =
      latest && complete
        ? newLegSymptoms(latest.answers, {
            painAreas: body.painAreas,
            legSide: body.legSide,
            numbness: body.warningSigns.numbness,
          })
        : null;
    /** The latest assessment whole (its triage and gate), for the rare check-ins that need it. */
    const wholeLatest = async () => {
      const whole = latest && (await store.getAssessment(userId, latest.id));
      if (!whole) throw notFound('assessment behind this check-in');
      return whole;
    };
    /** The current programme itself, as `current` stands (the person's lock keeps it so). */
    const currentProgramme = async (): Promise<Programme> => {
      const whole = await store.getCurrentProgramme(userId);
      if (!whole || whole.id !== current?.id || whole.revision !== current.revision) {
        throw busy('check-in');
      }
      return whole.programme;
    };
    const fresh =
      fired && current && latest
        ? newWarningReasons(knownWarningReasons(await wholeLatest(), current), fired.reasons)
        : fired
          ? fired.reasons.map((r) => r.code)
          : [];
    // Only a programme can be paused: a warning before any assessment is stored and stands on its own.
    const pause = fired !== null && fresh.length > 0 && current !== undefined;
    const paused = (current?.paused ?? false) || pause;
    const checkin: CheckinRecord = {
      userId,
      id: newId(now),
      date,
      createdAt: now.toISOString(),
      painNow: body.painNow ?? null,
      painAreas: body.painAreas ?? null,
      legSide: body.legSide ?? null,
      warningSigns: body.warningSigns,
      sittingHours: body.sittingHours ?? null,
      walkingBreaks: body.walkingBreaks ?? null,
      triage: fired,
      programmePaused: paused,
      clientId,
    };

    let update: ProgrammeUpdate | undefined;
    let backOffEnded = false;
    const advice: string[] = [];
    if (current && latest) {
      let programme: Programme | undefined;
      // A complete check-in answers the warning-sign questions, so a pending re-check is cleared.
      let state = complete ? clearWarningCheck(current.state) : current.state;
      if (legNews) {
        // New leg symptoms: gentle-only without nerve tension until a new assessment says otherwise.
        state = {
          ...state,
          backOff: { reason: 'new-leg-symptoms', since: date, until: 'reassessment' },
        };
        programme = backOffProgramme(await currentProgramme(), kb);
        advice.push(...kb.backOff.newLegSymptomsAdvice);
      } else if (complete && state.backOff?.until === 'settled') {
        const since = state.backOff.since;
        const days = (await store.allCheckins(userId))
          .filter((c) => c.date > since)
          .flatMap((c) => {
            const news = storedLegNews(latest.answers, c);
            return news === undefined ? [] : [{ date: c.date, settled: news === null }];
          });
        days.push({ date, settled: true });
        if (backOffSettled(state, days, kb)) {
          ({ programme, state } = endBackOff(await wholeLatest(), state, kb));
          backOffEnded = true;
          // A clinician's version is what they prescribed: it comes back, not the engine's rebuild.
          const [version] = await store.listProgrammeVersions(userId, current.id);
          if (version?.authorRole === 'clinician') {
            programme = permittedPart(version.programme, state, kb);
          }
        }
      }
      // The programme is only rewritten when something about it changes.
      if (pause || legNews || backOffEnded || (complete && current.state.warningCheckRequired)) {
        update = {
          id: current.id,
          expectedRevision: current.revision,
          programme: programme ?? (await currentProgramme()),
          state,
          paused,
          pausedBy: pause && fired ? standingPause(current.pausedBy, fired) : current.pausedBy,
        };
      }
    }
    // The row, its programme update and its audit row in one go (one statement on PostgreSQL).
    const audit = auditRow(tx, userId, 'create', checkin.id, 'ok');
    const added = await store.addCheckin(checkin, update, audit);
    if (added !== true) throw busy('check-in');
    return {
      id: checkin.id,
      programmePaused: paused,
      ...(fired ? { triage: fired } : {}),
      ...(legNews ? { newLegSymptoms: legNews } : {}),
      reassessmentAdvised: legNews !== null,
      backOffEnded,
      advice,
      duplicate: false,
    };
  });
}

/** A programme less the exercises the rules forbid now (the stop rules' drops, a back-off, the gate). */
function permittedPart(programme: Programme, state: ProgrammeState, kb: KnowledgeBase): Programme {
  const byId = new Map<string, Exercise>(kb.exercises.map((ex) => [ex.id, ex]));
  const next = structuredClone(programme);
  next.items = next.items.filter((item) => {
    const ex = byId.get(item.exerciseId);
    return ex !== undefined && permittedNow(ex, next, state);
  });
  return next;
}

/** A warning that stands until the person has been seen and answers the questions again. */
export type StandingWarning = z.infer<typeof responses.standingWarning>;

/** What the person's day holds (GET /api/today): a standing warning, whether exercise is offered, any back-off, a clinician's news. */
export type TodayView = z.infer<typeof responses.todayView>;

/**
 * The person's standing situation for a given local date: the warning that must lead every screen
 * until a new assessment (a paused programme's reason, a warning reported before any assessment, or
 * an emergency or urgent assessment), and whether a session may start.
 */
export async function todayView(
  ctx: PersonContext,
  userId: string,
  date?: string,
): Promise<TodayView> {
  const { store } = ctx;
  const day = date ?? today(ctx.now());
  const [latest, current, recent] = await Promise.all([
    store.latestAssessment(userId),
    store.getCurrentProgramme(userId),
    store.listCheckins(userId, { limit: 20 }),
  ]);
  const clinicianPause = current?.state.clinicianPause ?? null;
  const news = current ? unseenVersions(await store.listProgrammeVersions(userId, current.id)) : [];
  let warning: StandingWarning | null = null;
  if (current?.paused && current.pausedBy) {
    const pausedAt = recent.items.find((c) => c.programmePaused && c.triage);
    warning = { ...current.pausedBy, since: pausedAt?.createdAt ?? current.createdAt };
  } else {
    // A warning reported after the latest assessment (or before any) stands until the next one.
    // The most urgent one stands: a later urgent answer never hides an emergency reported earlier.
    const reported = recent.items
      .filter((c) => c.triage !== null && (!latest || c.createdAt > latest.createdAt))
      .reduce<(typeof recent.items)[number] | undefined>(
        (best, c) =>
          !best || (c.triage && best.triage && isMoreUrgent(c.triage.level, best.triage.level))
            ? c
            : best,
        undefined,
      );
    if (reported?.triage) {
      warning = { ...reported.triage, since: reported.createdAt };
    } else if (
      latest &&
      (latest.result.triage.level === 'emergency' || latest.result.triage.level === 'urgent')
    ) {
      const warningCodes = new Set<string>(WARNING_RULES.map((r) => r.code));
      warning = {
        level: latest.result.triage.level,
        reasons: latest.result.triage.reasons.filter((r) => warningCodes.has(r.code)),
        advice: latest.result.triage.advice,
        since: latest.createdAt,
      };
    }
  }
  const blockedBy: TodayView['blockedBy'] = !current
    ? 'no-programme'
    : current.paused || clinicianPause !== null || warning?.level === 'emergency'
      ? 'paused'
      : current.state.warningCheckRequired
        ? 'warning-check-required'
        : current.state.restDate === day
          ? 'rest-today'
          : current.programme.items.length === 0
            ? 'no-exercises'
            : null;
  return {
    warning,
    sessionAllowed: blockedBy === null,
    blockedBy,
    backOff: current?.state.backOff ?? null,
    reassessmentAdvised: current?.state.backOff?.until === 'reassessment',
    clinicianPause,
    programmeNews: news.length > 0 ? { versions: news } : null,
  };
}

/** One page of the person's check-ins, newest first. */
export async function listCheckins(
  ctx: RecordContext,
  userId: string,
  page: PageRequest,
): Promise<Page<Omit<CheckinRecord, 'userId'>>> {
  return pageView(await ctx.store.listCheckins(userId, page), withoutUser);
}

/** A stored measurement as the person sees it, and whether it was a repeat of one already stored. */
export type MeasurementView = z.infer<typeof responses.measurementView>;

/**
 * Records a straight-leg-raise angle or a toe-touch distance. One whose `clientId` the person already
 * has is not stored again: the stored one is answered, with `duplicate: true`.
 */
export async function addMeasurement(
  ctx: RecordContext,
  userId: string,
  body: MeasurementBody,
): Promise<MeasurementView & { duplicate: boolean }> {
  const now = ctx.now();
  const record: MeasurementRecord = {
    userId,
    id: newId(now),
    date: body.date ?? today(now),
    createdAt: now.toISOString(),
    kind: body.kind,
    side: body.side ?? null,
    value: body.value,
    clientId: body.clientId ?? null,
  };
  return asPerson(ctx, userId, async (tx) => {
    const { clientId } = record;
    const before =
      clientId === null || clientId === undefined
        ? undefined
        : await tx.store.findMeasurementByClientId(userId, clientId);
    if (before) {
      await audited(tx, userId, 'create', before.id, 'duplicate');
      return { ...withoutUser(before), clientId: before.clientId ?? null, duplicate: true };
    }
    await withinLimits(tx, userId, 'measurements', record.date);
    if ((await tx.store.addMeasurement(record)) !== true) throw busy('measurement');
    await audited(tx, userId, 'create', record.id, 'ok');
    return { ...withoutUser(record), clientId: record.clientId ?? null, duplicate: false };
  });
}

/** One page of the person's measurements, newest first. */
export async function listMeasurements(
  ctx: RecordContext,
  userId: string,
  page: PageRequest,
): Promise<Page<MeasurementView>> {
  // Older records may have no clientId at all: every view says null.
  return pageView(await ctx.store.listMeasurements(userId, page), (m) => ({
    ...withoutUser(m),
    clientId: m.clientId ?? null,
  }));
}

/**
 * Pain, extent, adherence since the current programme began, and leg-raise angles. A long record's
 * charts list the latest days, the older ones summarised month by month (`earlier`); reading it costs
 * the latest rows only (see `readProgress`).
 */
export async function progress(
  ctx: PersonContext,
  userId: string,
  /** The person's local date today (default: the server's UTC date). */
  date?: string,
): Promise<ProgressSummary> {
  const now = ctx.now();
  return readProgress(ctx.store, userId, date ?? today(now), now);
}

/** One exercise of a sitting: the logged entry (planned, done, how it went) and when it was logged. */
export type SittingEntryView = z.infer<typeof responses.sittingEntry>;

/** One sitting as a person's record shows it: every exercise done in it, planned against done, and how it went. */
export type SittingView = z.infer<typeof responses.sittingView>;

/**
 * The person's sittings, newest first: each log of one sitting (by its sitting id; older logs without
 * one by date and a 45-minute gap) gathered into one record.
 */
export async function listSittings(ctx: PersonContext, userId: string): Promise<SittingView[]> {
  const logs = await ctx.store.sessionLogsSince(userId, '0000-01-01');
  const sittings = sittingsFrom(
    logs.map((l) => ({
      id: l.id,
      sittingId: l.sittingId ?? null,
      date: l.date,
      createdAt: l.createdAt,
      entries: l.entries,
    })),
  );
  // Which sitting each log went into: by its id, or (older logs) by the first log that opened it.
  const views = sittings.map((s) => ({
    sittingId: s.id,
    date: s.date,
    startedAt: s.startedAt,
    entries: [] as SittingView['entries'],
  }));
  const byId = new Map(views.map((v) => [v.sittingId, v]));
  let legacy: SittingView | undefined;
  for (const l of [...logs].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))) {
    const view = l.sittingId
      ? byId.get(l.sittingId)
      : (byId.get(l.id) ?? (legacy?.date === l.date ? legacy : undefined));
    if (!view) continue;
    if (!l.sittingId) legacy = view;
    view.entries.push(...l.entries.map((e): SittingEntryView => ({ ...e, loggedAt: l.createdAt })));
  }
  return views.reverse();
}

/** The parts of a record every export reads whole: few rows, however long the record. */
async function smallParts(store: PersonStore, userId: string) {
  const user = await store.getUser(userId);
  if (!user) throw notFound('account');
  const programmes: ProgrammeRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listProgrammes(userId, { limit: 500, cursor });
    programmes.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const versions = (
    await Promise.all(programmes.map((p) => store.listProgrammeVersions(userId, p.id)))
  ).flat();
  const links = await store.listLinksOfPerson(userId);
  // Every clinician the person was ever linked to; one whose account was deleted is simply absent.
  const clinicians = (
    await Promise.all([...new Set(links.map((l) => l.clinicianId))].map((id) => store.getUser(id)))
  ).flatMap((c) => (c ? [{ id: c.id, displayName: c.displayName ?? null, email: c.email }] : []));
  return {
    user,
    programme: await store.getCurrentProgramme(userId),
    clinicians,
    links,
    versions,
    outcomeSchedule: await store.listOutcomeSchedule(userId),
  };
}

/**
 * Everything of one person that an export covers; not-found when the account does not exist. Takes a
 * person's store so a clinician's export can read inside that person's transaction too.
 */
export async function loadWhole(store: PersonStore, userId: string): Promise<ExportRecord> {
  const everything = async <T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> => {
    const rows: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ limit: 500, cursor });
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return rows;
  };
  const small = await smallParts(store, userId);
  const assessments = await everything((page) => store.listAssessments(userId, page));
  return {
    ...small,
    assessments: assessments.reverse(),
    sessions: await store.sessionLogsSince(userId, '0000-01-01'),
    checkins: await store.allCheckins(userId),
    measurements: await store.allMeasurements(userId),
    outcomes: await store.allOutcomes(userId),
  };
}

/** How many rows an export reads at a time. */
export const EXPORT_PAGE = 100;

/**
 * A record to export a page at a time (`ExportSource`); not-found when the account does not exist.
 * The small parts are read now; the long lists only as the export is written.
 */
export async function exportSource(store: PersonStore, userId: string): Promise<ExportSource> {
  const pages = <K extends OrderedTable>(table: K) =>
    async function* (): AsyncGenerator<OrderedRecords[K][]> {
      let cursor: string | undefined;
      do {
        const page = await store.rowsInOrder(table, userId, { limit: EXPORT_PAGE, cursor });
        yield page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    };
  return {
    ...(await smallParts(store, userId)),
    assessments: pages('assessments'),
    sessions: pages('session_logs'),
    checkins: pages('checkins'),
    measurements: pages('measurements'),
    outcomes: pages('outcomes'),
  };
}

export type ExportFormat = 'fhir' | 'json' | 'csv';

/**
 * An export ready to hand over: its media type, a file name, and the content as text a piece at a time
 * (read from the store as it is written, so a record of any size takes little memory).
 */
export interface RecordExport {
  format: ExportFormat;
  contentType: 'application/fhir+json' | 'application/json' | 'text/csv; charset=utf-8';
  fileName: string;
  body: AsyncIterable<string>;
}

/**
 * The person's whole record as a FHIR Bundle or JSON, or check-ins, sessions and outcome measures as
 * CSV, streamed. Not-found (before any of it is read) when the account does not exist.
 */
export async function exportRecord(
  ctx: RecordContext,
  userId: string,
  format: ExportFormat,
): Promise<RecordExport> {
  const source = await exportSource(ctx.store, userId);
  const opts = { kb: ctx.kb, now: ctx.now().toISOString() };
  switch (format) {
    case 'fhir':
      return {
        format,
        contentType: 'application/fhir+json',
        fileName: 'backchain-record.fhir.json',
        body: bundleText(source, opts),
      };
    case 'json':
      return {
        format,
        contentType: 'application/json',
        fileName: 'backchain-record.json',
        body: jsonText(source, opts),
      };
    case 'csv':
      return {
        format,
        contentType: 'text/csv; charset=utf-8',
        fileName: 'backchain-checkins-and-sessions.csv',
        body: csvText(source),
      };
  }
}
