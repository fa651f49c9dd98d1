// What the web app reads and writes, in the shapes of the HTTP API (docs/api.md), whichever repository serves them:
// the answers are the service's response schemas' types (type-only, so zod stays out of the first load).
import type { z } from 'zod';
import type { WarningSignField } from '../../engine/checkin.js';
import type { OutcomeAnswers } from '../../engine/outcomes.js';
import type { Problem } from '../../engine/problems.js';
import type * as responses from '../../service/responses.js';
import type { checkinBody, measurementBody, sessionBody } from '../../service/schemas.js';

/** The API's answers, as the service's response schemas (`service/responses.ts`) describe them. */
type Answer<K extends keyof typeof responses> = z.infer<(typeof responses)[K]>;

/**
 * GET /api/today: the standing warning, whether a sitting may start, and (account mode) the clinician's
 * changes not yet seen and their pause. Device mode has no clinician, so it may leave those two out.
 */
export type TodayView = Omit<Answer<'todayView'>, 'programmeNews' | 'clinicianPause'> & {
  programmeNews?: ProgrammeNews | null;
  clinicianPause?: ClinicianPauseView | null;
};

/** A pause a clinician set (docs/clinician.md): only a clinician lifts it. */
export type ClinicianPauseView = Answer<'clinicianPause'>;

type VersionAnswer = Answer<'versionView'>;

/**
 * Who made a programme version: the engine (from the questions) or a clinician. Read loosely, as every
 * version's words are (`programme-news-words.ts`): a missing name reads "Your clinician".
 */
export type VersionAuthor = Omit<VersionAnswer['author'], 'name' | 'role'> & {
  name: string | null;
  role: string;
};

/**
 * What one change of a version did; `before`/`after` hold the item's dose, times a day and note. The
 * words read any shape they are given (the API's are in `versionView`), so these stay open here.
 */
export type VersionChangeView = Pick<VersionAnswer['changes'][number], 'op'> & {
  exerciseId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** One version of the programme (GET /api/programme/versions, and `programmeNews`): the API's answer fits it. */
export type ProgrammeVersionView = Omit<VersionAnswer, 'author' | 'changes' | 'seenAt'> & {
  author: VersionAuthor;
  changes: VersionChangeView[];
  seenAt?: string | null;
};

/** The clinician's versions the person has not seen yet, oldest first. */
export interface ProgrammeNews {
  versions: ProgrammeVersionView[];
}

/** A person's link to a clinician (GET /api/links). */
export type LinkView = Answer<'linkView'>;

/** One read or change someone else made on the person's record (GET /api/access-log). */
export type AccessLogEntry = Answer<'accessLogItem'>;

/** What a person reads before accepting an invitation (GET /api/invitations/:code). */
export type InvitationPreview = Answer<'invitationPreview'>;

/** A scored outcome measure (GET /api/outcomes). */
export type OutcomeView = Answer<'outcomeView'>;

/** A measure a clinician asked the person to fill in. */
export type OutcomeScheduleView = Answer<'scheduleView'>;

export type OutcomesView = Answer<'outcomeList'>;

/** POST /api/outcomes. */
export interface OutcomeBody {
  answers: OutcomeAnswers;
  date: string;
  scheduleId?: string;
  clientId?: string;
}

/** GET /api/progress (the device works it out the same way). */
export type ProgressSummary = Answer<'progressView'>;

/** GET /api/assessments/:id. */
export type AssessmentView = Answer<'assessmentView'>;

/** The warning rules that fired, with the advice: what paused the programme, or what a check-in raised. */
export type PauseReason = Answer<'triageSchema'>;

/**
 * GET /api/programme. Snapshots kept on a device before back-offs and clinicians existed may leave
 * their fields out.
 */
export type ProgrammeView = Omit<
  Answer<'programmeView'>,
  'backOff' | 'restDate' | 'clinicianPause'
> &
  Partial<Pick<Answer<'programmeView'>, 'backOff' | 'restDate' | 'clinicianPause'>>;

/** Request bodies are the service's own schemas' input types, so the web app and the API cannot drift. */
export type SessionBody = z.input<typeof sessionBody>;
export type SessionEntryBody = SessionBody['entries'][number];

/** POST /api/sessions, and what the device says for one it keeps to send later. */
export type SessionResult = Omit<Answer<'sessionOutcome'>, 'stoppedForToday' | 'advice'> &
  Partial<Pick<Answer<'sessionOutcome'>, 'stoppedForToday' | 'advice'>> & {
    /**
     * True when it was kept on the device to send later (account mode, offline): the stop rules have
     * not been applied yet, so the player must not offer the exercise again in this session.
     */
    queued?: boolean;
  };

/** GET /api/sessions. */
export type SessionLogView = Answer<'sessionLogView'>;

export type WarningSignAnswers = Record<WarningSignField, boolean | string>;

export type CheckinBody = z.input<typeof checkinBody>;

/** POST /api/checkins, and what the device says for one it keeps to send later. */
export type CheckinResult = Omit<
  Answer<'checkinOutcome'>,
  'reassessmentAdvised' | 'backOffEnded' | 'advice'
> &
  Partial<Pick<Answer<'checkinOutcome'>, 'reassessmentAdvised' | 'backOffEnded' | 'advice'>> & {
    /** True when it was kept on the device to send when the network returns. */
    queued?: boolean;
  };

/** GET /api/checkins. */
export type CheckinView = Answer<'checkinView'>;

export type MeasurementBody = z.input<typeof measurementBody>;

/** POST and GET /api/measurements. */
export type MeasurementView = Answer<'measurementView'> & {
  /** True when it was kept on the device to send later (account mode: offline, or the server asked to wait). */
  queued?: boolean;
};

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
