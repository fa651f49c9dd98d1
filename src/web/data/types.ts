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
import type { TodayView } from '../../service/records.js';
import type { checkinBody, measurementBody, sessionBody } from '../../service/schemas.js';

export type { TodayView };

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
}
