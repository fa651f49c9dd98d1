// What the web app reads and writes, in the shapes of the HTTP API (api.md), whichever repository serves them.
import type { z } from 'zod';
import type { Assessment } from '../../engine/assess.js';
import type { WarningSignField } from '../../engine/checkin.js';
import type { Intake } from '../../engine/intake.js';
import type { Programme } from '../../engine/plan.js';
import type { Problem } from '../../engine/problems.js';
import type { ProgressSummary } from '../../engine/progress.js';
import type { ProgrammeChange, ProgrammeState, SessionEntry } from '../../engine/session.js';
import type { Level, TriageReason } from '../../engine/triage.js';
import type { NewLegSymptoms } from '../../engine/back-off.js';
import type { TodayView as ServiceTodayView } from '../../service/records.js';
import type { checkinBody, measurementBody, sessionBody } from '../../service/schemas.js';
import type { OutcomeAnswers } from '../../engine/outcomes.js';
import type { InstrumentId } from '../../kb/instruments.js';

/**
 * GET /api/today: the standing warning, whether a sitting may start, and (account mode) the clinician's
 * changes not yet seen and their pause. Device mode has no clinician, so `programmeNews` is null there.
 */
export type TodayView = Omit<ServiceTodayView, 'programmeNews' | 'clinicianPause'> & {
  programmeNews?: ProgrammeNews | null;
  clinicianPause?: ClinicianPauseView | null;
};

/** A pause a clinician set (docs/clinician.md): only a clinician lifts it. */
export interface ClinicianPauseView {
  by: string;
  name: string;
  since: string;
  note: string | null;
}

/** Who made a programme version: the engine (from the questions) or a clinician. */
export interface VersionAuthor {
  id: string | null;
  name: string | null;
  /** 'engine' or 'clinician'. */
  role: string;
}

/** What one change of a version did; `before`/`after` hold the item's dose, times a day and note. */
export interface VersionChangeView {
  op: 'add' | 'remove' | 'dose' | 'note' | 'pause' | 'resume';
  exerciseId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** One version of the programme (GET /api/programme/versions, and `programmeNews`). */
export interface ProgrammeVersionView {
  number: number;
  createdAt: string;
  author: VersionAuthor;
  changes: VersionChangeView[];
  note: string | null;
}

/** The clinician's versions the person has not seen yet, oldest first. */
export interface ProgrammeNews {
  versions: ProgrammeVersionView[];
}

/** A person's link to a clinician (GET /api/links). */
export interface LinkView {
  id: string;
  clinician: { id: string; name: string; email: string };
  status: 'active' | 'ended';
  createdAt: string;
  endedAt: string | null;
  endedBy: 'person' | 'clinician' | 'operator' | null;
}

/** One read or change someone else made on the person's record (GET /api/access-log). */
export interface AccessLogEntry {
  at: string;
  /** `role` is 'clinician' or 'operator'. */
  who: { id: string; name: string; role: string };
  action: string;
  /** Plain words: "your check-ins". */
  what: string;
}

/** What a person reads before accepting an invitation (GET /api/invitations/:code). */
export interface InvitationPreview {
  clinician: { name: string; email: string };
  expiresAt: string;
  willSee: string[];
  mayChange: string[];
}

/** A scored outcome measure (GET /api/outcomes). */
export interface OutcomeView {
  id: string;
  instrument: InstrumentId;
  date: string;
  score: number;
  range: { min: number; max: number };
  answers: OutcomeAnswers;
  enteredBy: string;
  /** Against the person's first score on this instrument; null for the first. */
  change: {
    change: number;
    important: boolean | null;
    direction: 'better' | 'worse' | null;
  } | null;
}

/** A measure a clinician asked the person to fill in. */
export interface OutcomeScheduleView {
  id: string;
  instrument: InstrumentId;
  dueDate: string;
  createdAt?: string;
  /** Answered already (the list may keep done entries for the record). */
  done?: boolean;
}

export interface OutcomesView {
  items: OutcomeView[];
  due: OutcomeScheduleView[];
}

/** POST /api/outcomes. */
export interface OutcomeBody {
  answers: OutcomeAnswers;
  date: string;
  scheduleId?: string;
  clientId?: string;
}

export type { ProgressSummary };
export interface AssessmentView {
  id: string;
  createdAt: string;
  answers: Intake;
  result: Assessment;
}

export interface PauseReason {
  level: Level;
  reasons: TriageReason[];
  advice: string;
}

/** GET /api/programme. */
export type ProgrammeView = Pick<
  Programme,
  | 'knowledgeBase'
  | 'phase'
  | 'gate'
  | 'items'
  | 'selfCare'
  | 'selfCareDetails'
  | 'stopRules'
  | 'progressionRule'
  | 'notes'
> & {
  id: string;
  assessmentId: string;
  createdAt: string;
  paused: boolean;
  pausedBy: PauseReason | null;
  warningCheckRequired: boolean;
  dropped: ProgrammeState['dropped'];
  backOff?: ProgrammeState['backOff'];
  restDate?: ProgrammeState['restDate'];
  /** Set when a clinician paused the programme (a warning sign's pause is `pausedBy`). */
  clinicianPause?: ClinicianPauseView | null;
};

/** Request bodies are the service's own schemas' input types, so the web app and the API cannot drift. */
export type SessionBody = z.input<typeof sessionBody>;
export type SessionEntryBody = SessionBody['entries'][number];

export interface SessionResult {
  id: string;
  programmeChanges: ProgrammeChange[];
  warningCheckRequired: boolean;
  /** Pain spread down the leg: no more exercise today, and the programme backs off. */
  stoppedForToday?: boolean;
  /** What to do now, when a stop rule fired. */
  advice?: string[];
  /**
   * True when it was kept on the device to send later (account mode, offline): the stop rules have
   * not been applied yet, so the player must not offer the exercise again in this session.
   */
  queued?: boolean;
}

export interface SessionLogView {
  id: string;
  date: string;
  createdAt: string;
  entries: SessionEntry[];
  programmeChanges: ProgrammeChange[];
  warningCheckRequired: boolean;
  /** The sitting the log belongs to; older logs have none. */
  sittingId?: string | null;
}

export type WarningSignAnswers = Record<WarningSignField, boolean | string>;

export type CheckinBody = z.input<typeof checkinBody>;

export interface CheckinResult {
  id: string;
  programmePaused: boolean;
  triage?: PauseReason;
  /** Leg symptoms the assessment did not have: the programme backs off until the questions are answered again. */
  newLegSymptoms?: NewLegSymptoms;
  reassessmentAdvised?: boolean;
  /** A week of settled check-ins ended a back-off. */
  backOffEnded?: boolean;
  /** What to do now, when the check-in changed the programme. */
  advice?: string[];
  /** True when it was kept on the device to send when the network returns. */
  queued?: boolean;
}

export interface CheckinView {
  id: string;
  date: string;
  createdAt: string;
  /** Null for a check-in that carried only warning signs. */
  painNow: number | null;
  painAreas: string[] | null;
  legSide: string | null;
  triage: PauseReason | null;
  programmePaused: boolean;
}

export type MeasurementBody = z.input<typeof measurementBody>;

export interface MeasurementView {
  id: string;
  date: string;
  createdAt: string;
  kind: 'slr-angle' | 'toe-touch';
  side: 'left' | 'right' | null;
  value: number;
  /** True when it was kept on the device to send later (account mode: offline, or the server asked to wait). */
  queued?: boolean;
}

export type ExportFormat = 'fhir' | 'json' | 'csv';

export interface ExportFile {
  filename: string;
  type: string;
  body: string;
}

/** Why something could not be done, in words to show. */
export type Failure =
  | { kind: 'invalid'; title: string; problems: Problem[] }
  | {
      kind: 'conflict' | 'not-found' | 'network' | 'auth' | 'server';
      code: string;
      title: string;
      detail: string;
      /** The HTTP status, when the server answered (a 4xx `server` is a refusal, a 5xx a passing fault). */
      status?: number;
    }
  | {
      /** 429: too many writes too fast. Nothing was stored; send the same item again after the wait. */
      kind: 'limited';
      code: string;
      title: string;
      detail: string;
      status?: number;
      retryAfterSeconds: number;
    };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Failure };

/** Where the person's data lives: on this device, or on the server behind their account. */
export interface Repo {
  readonly mode: 'device' | 'account';
  assess(answers: unknown): Promise<Outcome<AssessmentView>>;
  latestAssessment(): Promise<AssessmentView | null>;
  programme(): Promise<ProgrammeView | null>;
  logSession(body: SessionBody): Promise<Outcome<SessionResult>>;
  sessions(): Promise<SessionLogView[]>;
  /**
   * Sends a check-in. `localWarning` is the warning the screen worked out on the device: when the
   * check-in has to wait for the network, it stands on this device until the server has it.
   */
  checkin(body: CheckinBody, localWarning?: PauseReason): Promise<Outcome<CheckinResult>>;
  /** The standing warning, whether a session may start today (`date`, local), and any back-off. */
  today(date: string): Promise<TodayView>;
  checkins(): Promise<CheckinView[]>;
  measure(body: MeasurementBody): Promise<Outcome<MeasurementView>>;
  measurements(): Promise<MeasurementView[]>;
  /** Pain, extent, adherence and angles as of `date`, the person's local date today. */
  progress(date: string): Promise<ProgressSummary>;
  exportFile(format: ExportFormat): Promise<Outcome<ExportFile>>;
  /** Marks the clinician's programme versions up to `upTo` as seen (account mode; nothing to do on a device). */
  markVersionsSeen(upTo: number): Promise<Outcome<void>>;
  /** The person's outcome measures and those due; null where they are not kept (device mode). */
  outcomes(): Promise<OutcomesView | null>;
  addOutcome(body: OutcomeBody): Promise<Outcome<OutcomeView>>;
}

/** The clinician's changes in `today` not yet seen, oldest first (none on a device or from an older server). */
export function programmeNewsOf(today: TodayView | null): ProgrammeVersionView[] {
  return today?.programmeNews?.versions ?? [];
}
