// The clinician side of the record service (docs/clinician.md): the list of people by need, one person's record,
// and changes to their programme within the engine's safety rules, each a new version the person sees. Every
// call checks the active link and leaves its row on the person's audit trail (care-access.ts). Transport-free.
// The invitations and links (links.ts) and the outcome measures (outcomes-service.ts) are exported from here too.
import type { z } from 'zod';
import { byNeed, needOf, type CaseloadFacts, type WarningFact } from '../engine/caseload.js';
import {
  applyClinicianChanges,
  type ChangeContext,
  type ChangeRefusal,
  type ProgrammeChangeBody,
} from '../engine/clinician-change.js';
import { dayNumber } from '../engine/local-date.js';
import { activeExclusions } from '../engine/plan.js';
import type { ProgressSummary } from '../engine/progress.js';
import { adherenceOf, sittingsFrom } from '../engine/sittings.js';
import { WARNING_RULES, mostRestrictiveGate } from '../engine/triage.js';
import type { KnowledgeBase } from '../kb/types.js';
import { newId } from '../store/ids.js';
import { refusalWords } from '../words/refusal.js';
import type {
  AssessmentRecord,
  CareLinkRecord,
  CheckinRecord,
  PersonStore,
  ProgrammeRecord,
  ProgrammeUpdate,
  ProgrammeVersionChange,
  ProgrammeVersionRecord,
} from '../store/types.js';
import { asLinked } from './care-access.js';
import type * as responses from './responses.js';
import { clinicianName } from './links.js';
import {
  RecordError,
  asPerson,
  assessmentView,
  audited,
  exportRecord,
  listSittings,
  progress,
  programmeView,
  today,
  todayView,
  type ExportFormat,
  type MeasurementView,
  type PersonContext,
  type RecordContext,
  type RecordExport,
} from './records.js';
import { versionView, type VersionView } from './version-view.js';

export * from './links.js';
export * from './outcomes-service.js';
export { notLinked } from './care-access.js';
export { versionView, unseenVersions, type VersionView } from './version-view.js';

const DAY_MS = 86_400_000;
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => dateOfDay(dayNumber(date) + days);
/** The list looks back this many days (the sparkline, days with data, warnings). */
const LOOK_BACK_DAYS = 30;

/** One row of the clinician's list (docs/clinician.md, "The clinician's list"). */
export type PersonRow = z.infer<typeof responses.personRow>;

/** What the list and the person's page know about one person: the facts of their need and the row's figures. */
interface Gathered {
  facts: CaseloadFacts;
  row: Omit<PersonRow, 'need' | 'email'>;
}

/** A check-in's or an assessment's warning, as the clinician's list carries it. */
function warningFacts(
  checkins: readonly CheckinRecord[],
  assessments: readonly AssessmentRecord[],
) {
  const warningCodes = new Set<string>(WARNING_RULES.map((r) => r.code));
  const fromCheckins = checkins.flatMap((c): WarningFact[] =>
    c.triage ? [{ at: c.createdAt, ...c.triage }] : [],
  );
  const fromAssessments = assessments.flatMap((a): WarningFact[] => {
    const t = a.result.triage;
    if (t.level !== 'urgent' && t.level !== 'emergency') return [];
    const warnings = t.reasons.filter((r) => warningCodes.has(r.code));
    return [
      {
        at: a.createdAt,
        level: t.level,
        reasons: warnings.length > 0 ? warnings : t.reasons,
        advice: t.advice,
      },
    ];
  });
  return [...fromCheckins, ...fromAssessments];
}

/** Gathers one person's facts for the list, over the last 30 days ending on `day`. */
async function gather(store: PersonStore, link: CareLinkRecord, day: string): Promise<Gathered> {
  const personId = link.userId;
  const from = addDays(day, -(LOOK_BACK_DAYS - 1));
  const fromInstant = `${from}T00:00:00.000Z`;
  const [allCheckins, assessments, logs, measurements, current] = await Promise.all([
    store.allCheckins(personId),
    store.listAssessments(personId, { limit: 50 }),
    store.sessionLogsSince(personId, from),
    store.allMeasurements(personId),
    store.getCurrentProgramme(personId),
  ]);
  const inWindow = (date: string) => date >= from && date <= day;
  const checkins = allCheckins.filter((c) => inWindow(c.date));
  const warnings = warningFacts(
    checkins,
    assessments.items.filter((a) => a.createdAt >= fromInstant),
  );
  const windowLogs = logs.filter((l) => inWindow(l.date));
  const spreadDates = windowLogs
    .filter((l) => l.entries.some((e) => e.painSpread))
    .map((l) => l.date);

  let sittings = { done: 0, planned: 0 };
  if (current) {
    // Only the days the programme existed count as planned.
    const weekStart = addDays(day, -6);
    const programmeStart = current.createdAt.slice(0, 10);
    const start = programmeStart > weekStart ? programmeStart : weekStart;
    const a = adherenceOf(current.programme.items, sittingsFrom(windowLogs), start, day);
    sittings = { done: a.done, planned: a.planned };
  }

  // The day's last pain score: a later check-in the same day replaces an earlier one.
  const lastOfDay = new Map<string, CheckinRecord>();
  for (const c of checkins) {
    if (c.painNow === null) continue;
    const before = lastOfDay.get(c.date);
    if (!before || c.createdAt > before.createdAt) lastOfDay.set(c.date, c);
  }
  const pain = [...lastOfDay.values()]
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((c) => ({ date: c.date, value: c.painNow ?? 0 }));

  const dataDays = new Set<string>([
    ...checkins.map((c) => c.date),
    ...windowLogs.map((l) => l.date),
    ...measurements.filter((m) => inWindow(m.date)).map((m) => m.date),
  ]);
  const lastCheckin = allCheckins.reduce<string | null>(
    (best, c) => (best === null || c.date > best ? c.date : best),
    null,
  );
  const facts: CaseloadFacts = {
    today: day,
    linkedAt: link.createdAt,
    lastViewedAt: link.lastViewedAt,
    checkins: checkins.map((c) => ({ date: c.date, createdAt: c.createdAt, painNow: c.painNow })),
    warnings,
    spreadDates,
    backOff: current?.state.backOff ?? null,
    sittings,
  };
  // The warning the row carries is the one that ranks it: the newest since the clinician last looked.
  const fresh = warnings
    .filter((w) => link.lastViewedAt === null || w.at > link.lastViewedAt)
    .sort((a, b) => (a.at < b.at ? 1 : -1))[0];
  return {
    facts,
    row: {
      personId,
      linkId: link.id,
      linkedSince: link.createdAt,
      warning: fresh
        ? { level: fresh.level, reasons: fresh.reasons, advice: fresh.advice, since: fresh.at }
        : null,
      pain,
      sittings,
      daysWithData30: dataDays.size,
      lastCheckin,
      lastViewedAt: link.lastViewedAt,
    },
  };
}

/**
 * The clinician's people, most in need first: a new warning sign, then worsening, then no check-in for
 * 3 days, then low adherence. Each person's facts are read in their own transaction and on their trail.
 */
export async function caseload(
  ctx: RecordContext,
  clinicianId: string,
  /** The local date today (default: the server's UTC date). */
  date?: string,
): Promise<{ items: PersonRow[] }> {
  const day = date ?? today(ctx.now());
  const links = (await ctx.store.listLinksOfClinician(clinicianId)).filter(
    (l) => l.status === 'active',
  );
  const rows: (PersonRow & { key: string })[] = [];
  for (const link of links) {
    try {
      rows.push(
        await asLinked(
          ctx,
          clinicianId,
          link.userId,
          'read',
          '/api/clinician/people',
          async (tx, fresh) => {
            const [{ facts, row }, user] = await Promise.all([
              gather(tx.store, fresh, day),
              tx.store.getUser(link.userId),
            ]);
            const email = user?.email ?? '';
            return { ...row, email, need: needOf(facts), key: email };
          },
        ),
      );
    } catch (e) {
      // Ended or gone between the listing and the read: not on the list any more.
      if (e instanceof RecordError && e.code === 'not-linked') continue;
      throw e;
    }
  }
  return { items: byNeed(rows).map(({ key: _key, ...row }) => row) };
}

/**
 * The latest assessment in clinical terms: level, reasons with their codes, contributors with scores,
 * evidence and ICD-10. A type alias, so it passes as a plain JSON object where one is expected.
 */
export type ClinicalAssessment = z.infer<typeof responses.clinicalAssessment>;

export function clinicalAssessment(a: AssessmentRecord, kb: KnowledgeBase): ClinicalAssessment {
  const t = a.result.triage;
  return {
    id: a.id,
    createdAt: a.createdAt,
    knowledgeBase: a.knowledgeBase,
    level: t.level,
    advice: t.advice,
    gate: a.result.exercise,
    phase: a.result.phase,
    reasons: t.reasons,
    contributors: a.result.contributors.map((c) => {
      const known = kb.contributors.find((k) => k.id === c.id);
      return {
        id: c.id,
        name: known?.name ?? c.id,
        likelihood: c.likelihood,
        score: c.score,
        evidence: c.evidence,
        evidenceStrength: known?.evidence.strength ?? null,
        icd10: known ? [...known.icd10] : [],
      };
    }),
    startBack: a.result.startBack ?? null,
    answers: a.answers,
  };
}

/** One person's page: who, their latest assessment in clinical terms, the programme and its state, and their need. */
export type PersonSummary = z.infer<typeof responses.personSummaryView>;

/** A programme's version number now: the engine's own is 1 until a clinician changes it. */
async function latestVersion(
  store: PersonStore,
  current: ProgrammeRecord,
): Promise<{ number: number; versions: ProgrammeVersionRecord[] }> {
  const versions = await store.listProgrammeVersions(current.userId, current.id);
  return { number: versions[0]?.number ?? 1, versions };
}

/**
 * A clinician opens one person's record: the summary, and the person is marked as looked at (their
 * list ranks only what comes after). The need shown is the one that brought the clinician here.
 */
export async function personSummary(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
): Promise<PersonSummary> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'read',
    '/api/clinician/people/:personId',
    async (tx, link) => {
      const { store } = tx;
      const day = today(tx.now());
      const [user, latest, current, standing, { facts }] = await Promise.all([
        store.getUser(personId),
        store.latestAssessment(personId),
        store.getCurrentProgramme(personId),
        todayView(tx, personId, day),
        gather(store, link, day),
      ]);
      const versionNumber = current ? (await latestVersion(store, current)).number : null;
      await store.touchLink(personId, link.id, tx.now().toISOString());
      return {
        person: { id: personId, email: user?.email ?? '', linkedSince: link.createdAt },
        assessment: latest ? clinicalAssessment(latest, tx.kb) : null,
        programme: current ? programmeView(current) : null,
        versionNumber,
        warning: standing.warning,
        need: needOf(facts),
      };
    },
  );
}

/** The person's check-ins, newest first. */
export async function personCheckins(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
): Promise<{ items: Omit<CheckinRecord, 'userId'>[] }> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'read',
    '/api/clinician/people/:personId/checkins',
    async (tx) => ({
      items: (await tx.store.allCheckins(personId)).reverse().map(({ userId: _u, ...c }) => c),
    }),
  );
}

/** A sitting with the stop rules' events it caused (exercises dropped, replaced or progressed). */
export type ClinicianSittingView = z.infer<typeof responses.clinicianSitting>;

/** The person's sittings, newest first, with what was planned and done and the stop rules' events. */
export async function personSittings(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
): Promise<{ items: ClinicianSittingView[] }> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'read',
    '/api/clinician/people/:personId/sittings',
    async (tx) => {
      const [sittings, logs] = await Promise.all([
        listSittings(tx, personId),
        tx.store.sessionLogsSince(personId, '0000-01-01'),
      ]);
      const byTime = new Map<string, (typeof logs)[number][]>();
      for (const l of logs) byTime.set(l.createdAt, [...(byTime.get(l.createdAt) ?? []), l]);
      return {
        items: sittings.map((s) => {
          const times = new Set(s.entries.map((e) => e.loggedAt));
          const own = [...times].flatMap((t) => byTime.get(t) ?? []);
          return {
            ...s,
            events: own.flatMap((l) => l.programmeChanges),
            warningCheckRequired: own.some((l) => l.warningCheckRequired),
          };
        }),
      };
    },
  );
}

/** The person's measurements, newest first (leg-raise angles by side, toe-touch distances). */
export async function personMeasurements(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
): Promise<{ items: MeasurementView[] }> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'read',
    '/api/clinician/people/:personId/measurements',
    async (tx) => ({
      items: (await tx.store.allMeasurements(personId))
        .sort((a, b) =>
          a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date),
        )
        .map(({ userId: _u, ...m }) => ({ ...m, clientId: m.clientId ?? null })),
    }),
  );
}

/** The engine's own version of a programme no clinician has changed yet (not stored until one does). */
function engineVersion(current: ProgrammeRecord): ProgrammeVersionRecord {
  return {
    userId: current.userId,
    id: `${current.id}-v1`,
    programmeId: current.id,
    number: 1,
    createdAt: current.createdAt,
    authorRole: 'engine',
    authorId: null,
    authorName: null,
    changes: [],
    note: null,
    programme: current.programme,
    seenAt: current.createdAt,
  };
}

/** The versions of the current programme, newest first (the engine's first one even before it is stored). */
async function versionsOf(store: PersonStore, personId: string): Promise<{ items: VersionView[] }> {
  const current = await store.getCurrentProgramme(personId);
  if (!current) return { items: [] };
  const { versions } = await latestVersion(store, current);
  return { items: (versions.length > 0 ? versions : [engineVersion(current)]).map(versionView) };
}

/** The history of the person's programme, newest first: who changed what, and their note. */
export async function personVersions(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
): Promise<{ items: VersionView[] }> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'read',
    '/api/clinician/people/:personId/programme/versions',
    (tx) => versionsOf(tx.store, personId),
  );
}

/** The person's progress, as their own progress view has it. */
export async function personProgress(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
  /** The person's local date today (default: the server's UTC date). */
  date?: string,
): Promise<ProgressSummary> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'read',
    '/api/clinician/people/:personId/progress',
    (tx) => progress(tx, personId, date),
  );
}

/** What the one-page report is built from: the latest assessment, the programme and progress (a plain JSON object). */
export type ReportData = z.infer<typeof responses.reportView>;

/** The data of the person's one-page report (the web app lays it out, as for the person). */
export async function personReport(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
): Promise<ReportData> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'read',
    '/api/clinician/people/:personId/report',
    async (tx) => {
      const day = today(tx.now());
      const [latest, current, summary] = await Promise.all([
        tx.store.latestAssessment(personId),
        tx.store.getCurrentProgramme(personId),
        progress(tx, personId, day),
      ]);
      return {
        today: day,
        assessment: latest ? assessmentView(latest) : null,
        programme: current ? programmeView(current) : null,
        progress: summary,
      };
    },
  );
}

/**
 * The person's record as an export. The access is written to their trail (and the link checked) in
 * their transaction first; the record is read once that row is stored.
 */
export async function personExport(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
  format: ExportFormat,
): Promise<RecordExport> {
  await asLinked(
    ctx,
    clinicianId,
    personId,
    'export',
    `/api/clinician/people/:personId/export?format=${format}`,
    () => Promise.resolve(),
  );
  return exportRecord(ctx, personId, format);
}

const noProgramme = () =>
  new RecordError(
    'conflict',
    'no-programme',
    'No programme yet',
    'This person has no programme yet: it is built from their first assessment.',
  );

const versionChanged = (latest: number) =>
  new RecordError(
    'conflict',
    'version-changed',
    'The programme changed meanwhile',
    `The programme is now at version ${latest}. Look at it again, then make your change against that version.`,
    [],
    { versionNumber: latest },
  );

/**
 * A refused change: nothing was applied; `refusals` names the rule behind each, its `text` in words (with
 * the lowest dose in the one dose sentence where the refusal carries it).
 */
const changeRefused = (refused: ChangeRefusal[]) => {
  const refusals = refused.map((r) => ({ ...r, text: refusalWords(r) }));
  return new RecordError(
    'refused',
    'change-refused',
    'The change was refused',
    `Nothing was changed. ${refusals.map((r) => r.text).join(' ')}`,
    [],
    { refusals },
  );
};

/** The clinician's name as versions keep it, so the history reads the same after they leave. */
async function authorName(store: PersonStore, clinicianId: string): Promise<string> {
  const u = await store.getUser(clinicianId);
  return u ? clinicianName(u) : 'A clinician';
}

/**
 * Stores a clinician's version with its programme update, storing the engine's version 1 first when
 * this is the programme's first clinician change (seen when made: it is what the person already had).
 */
async function addClinicianVersion(
  tx: PersonContext,
  current: ProgrammeRecord,
  versions: readonly ProgrammeVersionRecord[],
  version: ProgrammeVersionRecord,
  update: ProgrammeUpdate,
): Promise<void> {
  const { store } = tx;
  if (versions.length === 0) {
    const first = { ...engineVersion(current), id: newId(tx.now()) };
    if (!(await store.addProgrammeVersion(first))) throw new Error('programme version not stored');
  }
  // Under the person's lock the revision cannot move: a failure here is a fault, and rolls everything back.
  if (!(await store.addProgrammeVersion(version, update))) {
    throw new Error('programme version not stored');
  }
}

/**
 * Applies a clinician's changes to the person's current programme, all or none, each passing the
 * engine's safety check (the stricter of the programme's and the latest triage's gate, the person's
 * "never when", the stop rules' drops, a back-off); makes the next version, which the person sees
 * before their next sitting. Refused as `version-changed` when based on an older version.
 */
export async function changeProgramme(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
  body: ProgrammeChangeBody,
): Promise<VersionView> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'update',
    '/api/clinician/people/:personId/programme/changes',
    async (tx, _link, note) => {
      const { store, kb } = tx;
      const current = await store.getCurrentProgramme(personId);
      if (!current) throw noProgramme();
      const { number, versions } = await latestVersion(store, current);
      if (body.basedOn !== number) throw versionChanged(number);
      const latest = await store.latestAssessment(personId);
      const context: ChangeContext = {
        gate: mostRestrictiveGate([
          current.programme.gate,
          ...(latest ? [latest.result.exercise] : []),
        ]),
        exclusions: latest ? activeExclusions(latest.answers) : [],
        pausedByWarning: current.pausedBy !== null,
      };
      const result = applyClinicianChanges(
        current.programme,
        current.state,
        body.changes,
        kb,
        context,
      );
      if (!result.ok) throw changeRefused(result.refusals);
      const now = tx.now();
      const version: ProgrammeVersionRecord = {
        userId: personId,
        id: newId(now),
        programmeId: current.id,
        number: number + 1,
        createdAt: now.toISOString(),
        authorRole: 'clinician',
        authorId: clinicianId,
        authorName: await authorName(store, clinicianId),
        changes: result.applied.map((c): ProgrammeVersionChange => ({ ...c })),
        note: body.note ?? null,
        programme: result.programme,
        seenAt: null,
      };
      note.resourceId = version.id;
      await addClinicianVersion(tx, current, versions, version, {
        id: current.id,
        expectedRevision: current.revision,
        programme: result.programme,
        state: result.state,
        paused: current.paused,
        pausedBy: current.pausedBy,
      });
      return versionView(version);
    },
  );
}

/**
 * A clinician pauses the programme (no sitting until they resume it) or resumes it. Resuming never
 * lifts a pause a warning sign set: the programme stays paused until a new assessment.
 */
export async function pauseProgramme(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
  body: { paused: boolean; note?: string | undefined },
): Promise<VersionView> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'update',
    '/api/clinician/people/:personId/programme/pause',
    async (tx, _link, note) => {
      const { store } = tx;
      const current = await store.getCurrentProgramme(personId);
      if (!current) throw noProgramme();
      const before = current.state.clinicianPause ?? null;
      if (body.paused && before) {
        throw new RecordError(
          'conflict',
          'already-paused',
          'Already paused',
          `${before.name} paused this programme on ${before.since.slice(0, 10)}.`,
        );
      }
      if (!body.paused && !before) {
        throw new RecordError(
          'conflict',
          'not-paused',
          'Not paused by a clinician',
          current.pausedBy
            ? 'A warning sign paused this programme: only a new assessment lifts that pause.'
            : 'There is no clinician’s pause to lift.',
        );
      }
      const { number, versions } = await latestVersion(store, current);
      const now = tx.now();
      const name = await authorName(store, clinicianId);
      const clinicianPause = body.paused
        ? { by: clinicianId, name, since: now.toISOString(), note: body.note ?? null }
        : null;
      // A warning sign's pause stands whatever the clinician does.
      const paused = clinicianPause !== null || current.pausedBy !== null;
      const version: ProgrammeVersionRecord = {
        userId: personId,
        id: newId(now),
        programmeId: current.id,
        number: number + 1,
        createdAt: now.toISOString(),
        authorRole: 'clinician',
        authorId: clinicianId,
        authorName: name,
        changes: [
          {
            op: body.paused ? 'pause' : 'resume',
            before: { paused: current.paused },
            after: { paused },
          },
        ],
        note: body.note ?? null,
        programme: current.programme,
        seenAt: null,
      };
      note.resourceId = version.id;
      await addClinicianVersion(tx, current, versions, version, {
        id: current.id,
        expectedRevision: current.revision,
        programme: current.programme,
        state: { ...current.state, clinicianPause },
        paused,
        pausedBy: current.pausedBy,
      });
      return versionView(version);
    },
  );
}

/** The history of the person's own programme, newest first. */
export async function listOwnVersions(
  ctx: RecordContext,
  personId: string,
): Promise<{ items: VersionView[] }> {
  return versionsOf(ctx.store, personId);
}

/** The person has seen the clinician's changes up to version `upTo`: they stop showing as news. */
export async function markVersionsSeen(
  ctx: RecordContext,
  personId: string,
  upTo: number,
): Promise<void> {
  await asPerson(ctx, personId, async (tx) => {
    const current = await tx.store.getCurrentProgramme(personId);
    if (!current) return;
    await tx.store.markVersionsSeen(personId, current.id, upTo, tx.now().toISOString());
    await audited(tx, personId, 'update', current.id, 'ok');
  });
}
