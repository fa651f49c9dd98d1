// The clinician side of the API (docs/clinician.md) as typed calls: invitations, the list of people by need,
// one person's record, programme changes, outcome measures and exports. Account mode only: it needs the network.
import type { ChangeRefusal, ClinicianChange } from '../../engine/clinician-change.js';
import type { Need } from '../../engine/caseload.js';
import type { InstrumentId } from '../../kb/instruments.js';
import type {
  ClinicalAssessment,
  ClinicianSittingView,
  InvitationListItem,
  InvitationMade,
  InvitationStatus,
  OutcomeView,
  PersonRow,
  PersonSummary,
  ReportData,
  ScheduleView,
  VersionView,
} from '../../service/clinician.js';
import type { CheckinRecord, MeasurementRecord } from '../../store/types.js';
import { api, failureFromProblem } from './http.js';
import type { ExportFile, ExportFormat, Failure, Outcome } from './types.js';

// The API's own shapes (the service's views), so the web app and the server cannot drift apart.
export type {
  ChangeRefusal,
  ClinicalAssessment,
  ClinicianChange,
  InvitationMade,
  InvitationStatus,
  Need,
  OutcomeView,
  PersonRow,
  PersonSummary,
  ReportData,
  ScheduleView,
  VersionView,
};
export type InvitationRow = InvitationListItem;
export type WarningFact = NonNullable<PersonRow['warning']>;
export type ClinicianProgramme = NonNullable<PersonSummary['programme']>;
export type CheckinRow = Omit<CheckinRecord, 'userId'>;
export type SittingRow = ClinicianSittingView;
export type MeasurementRow = Omit<MeasurementRecord, 'userId'>;

/** The answer to a refused change: every refusal with the rule in words; nothing was applied. */
export type ChangeOutcome =
  { ok: true; version: VersionView } | { ok: false; refusals: ChangeRefusal[]; error: Failure };

/** The files the exports are saved as (a person's own exports use the same names). */
const EXPORT_NAMES: Record<ExportFormat, { filename: string; type: string }> = {
  fhir: { filename: 'backchain-record.fhir.json', type: 'application/fhir+json' },
  json: { filename: 'backchain-record.json', type: 'application/json' },
  csv: { filename: 'backchain-checkins-and-sessions.csv', type: 'text/csv' },
};

const base = (personId: string) => `/api/clinician/people/${encodeURIComponent(personId)}`;

/** A failed read as an exception carrying its failure, for `useLoad` (which shows the message). */
export class ApiFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind === 'invalid' ? failure.title : `${failure.title}. ${failure.detail}`);
    this.name = 'ApiFailure';
  }
}

async function read<T>(path: string): Promise<T> {
  const answer = await api<T>('GET', path);
  if (!answer.ok) throw new ApiFailure(answer.error);
  return answer.value;
}

/** True when a failure means this person is no longer linked to the clinician (or never was). */
export function isNotLinked(failure: Failure): boolean {
  return failure.kind === 'not-found' && failure.code === 'not-linked';
}

export const clinicianApi = {
  people: () => read<{ items: PersonRow[] }>('/api/clinician/people'),
  invitations: () => read<{ items: InvitationRow[] }>('/api/clinician/invitations'),
  invite: () => api<InvitationMade>('POST', '/api/clinician/invitations'),
  withdraw: (id: string) =>
    api<undefined>('DELETE', `/api/clinician/invitations/${encodeURIComponent(id)}`),

  summary: (personId: string) => read<PersonSummary>(base(personId)),
  checkins: (personId: string) => read<{ items: CheckinRow[] }>(`${base(personId)}/checkins`),
  sittings: (personId: string) => read<{ items: SittingRow[] }>(`${base(personId)}/sittings`),
  measurements: (personId: string) =>
    read<{ items: MeasurementRow[] }>(`${base(personId)}/measurements`),
  outcomes: (personId: string) =>
    read<{ items: OutcomeView[]; due: ScheduleView[] }>(`${base(personId)}/outcomes`),
  versions: (personId: string) =>
    read<{ items: VersionView[] }>(`${base(personId)}/programme/versions`),
  report: (personId: string) => read<ReportData>(`${base(personId)}/report`),
  /** The person's record as a file to save: a FHIR bundle, JSON, or check-ins and sittings as CSV. */
  async exportFile(personId: string, format: ExportFormat): Promise<Outcome<ExportFile>> {
    let response: Response;
    try {
      response = await fetch(`${base(personId)}/export?format=${format}`, {
        credentials: 'same-origin',
      });
    } catch {
      return {
        ok: false,
        error: {
          kind: 'network',
          code: 'offline',
          title: 'No connection',
          detail: 'Exports come from the server; try again when you are online.',
        },
      };
    }
    if (!response.ok) {
      const payload: unknown = (response.headers.get('content-type') ?? '').includes('json')
        ? await response.json()
        : {};
      return {
        ok: false,
        error: failureFromProblem(
          response.status,
          typeof payload === 'object' && payload !== null ? payload : {},
        ),
      };
    }
    return { ok: true, value: { ...EXPORT_NAMES[format], body: await response.text() } };
  },

  /** Sends every change at once: all are applied, or none (a 422 lists each refusal). */
  async change(
    personId: string,
    body: { basedOn: number; note?: string; changes: ClinicianChange[] },
  ): Promise<ChangeOutcome> {
    return changeRequest(`${base(personId)}/programme/changes`, body);
  },
  pause: (personId: string, body: { paused: boolean; note?: string }) =>
    api<{ version: VersionView }>('POST', `${base(personId)}/programme/pause`, body),
  schedule: (personId: string, body: { instrument: InstrumentId; dueDate: string }) =>
    api<ScheduleView>('POST', `${base(personId)}/outcomes/schedule`, body),
  enterTotal: (
    personId: string,
    body: { instrument: 'oswestry-total'; total: number; date: string },
  ) => api<OutcomeView>('POST', `${base(personId)}/outcomes`, body),
  endLink: (personId: string) => api<undefined>('DELETE', base(personId)),
};

/**
 * POST …/programme/changes by hand: a refusal's body carries `refusals`, which the generic `api()` helper
 * does not keep.
 */
async function changeRequest(path: string, body: unknown): Promise<ChangeOutcome> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return {
      ok: false,
      refusals: [],
      error: {
        kind: 'network',
        code: 'offline',
        title: 'No connection',
        detail: 'The change was not sent: nothing changed. Try again when you are online.',
      },
    };
  }
  const payload: unknown = (response.headers.get('content-type') ?? '').includes('json')
    ? await response.json()
    : {};
  if (response.ok) return { ok: true, version: (payload as { version: VersionView }).version };
  return { ok: false, ...refusalsFrom(response.status, payload) };
}

/** A failed change's answer as a failure to show and the refusals (if any) to put beside each exercise. */
export function refusalsFrom(
  status: number,
  payload: unknown,
): { refusals: ChangeRefusal[]; error: Failure } {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as {
    type?: string;
    title?: string;
    detail?: string;
    refusals?: unknown;
  };
  const refusals = Array.isArray(p.refusals)
    ? p.refusals.filter(
        (r): r is ChangeRefusal =>
          typeof r === 'object' &&
          r !== null &&
          typeof (r as ChangeRefusal).text === 'string' &&
          typeof (r as ChangeRefusal).index === 'number',
      )
    : [];
  return { refusals, error: failureFromProblem(status, p) };
}
