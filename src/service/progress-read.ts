// GET /api/progress reads only what the view shows: the newest days' rows, and a summary of the rest kept in the store (rebuilt whenever its rows changed).
// The figures are the engine's (`summariseProgress`); this file only decides which rows to read and keeps the summary up to date.
import { dayNumber } from '../engine/local-date.js';
import { PAIN_AREAS } from '../engine/intake-values.js';
import {
  CHART_DAYS,
  NO_CHECKINS,
  checkinDays,
  NO_MEASUREMENTS,
  checkinHistory,
  measurementHistory,
  mergeCheckinHistory,
  mergeMeasurementHistory,
  summariseProgress,
  type ProgressSummary,
} from '../engine/progress.js';
import {
  NO_SITTINGS,
  mergeSittingHistory,
  sittingHistory,
  sittingsFrom,
  type Sitting,
} from '../engine/sittings.js';
import { PersonGone } from '../store/errors.js';
import { idFloor } from '../store/ids.js';
import type {
  PersonStore,
  ProgressHistoryRecord,
  ProgressRows,
  ProgressRowsRequest,
} from '../store/types.js';

/** The format of the kept summary; one of another format is rebuilt. */
export const PROGRESS_HISTORY_FORMAT = 1;
/** Adherence lists this many latest days one by one (the engine's default). */
export const ADHERENCE_DAYS = 28;
/** The summary is moved up once it ends this many days before today… */
export const HISTORY_SLACK_DAYS = 7;
/**
 * …to end this many days before today (rows are mostly added for today and the days just before it,
 * and a row added before its end means rebuilding it), its days listed one by one starting this many
 * days before the charts do (so a person whose today is a little behind still uses it).
 */
export const HISTORY_MARGIN_DAYS = 3;

/**
 * A kept part notes the rows made from an hour before it was made (by their ids, which sort by when they
 * were made): a row added later among its days is one it did not note. The hour covers a write still
 * in progress while the part was made, and server clocks a little apart.
 */
export const LATE_MARGIN_MS = 60 * 60 * 1000;

/** Before every date: "read every row". */
const EPOCH = '0000-01-01';
/** After every date: "read no row" (session logs before there is a programme). */
const NEVER = '9999-12-31';

/** The local date `days` after (or before) `date`. */
export function shiftDate(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

type Kept = ProgressHistoryRecord;
type CheckinPart = NonNullable<Kept['checkins']>;
type MeasurementPart = NonNullable<Kept['measurements']>;
type SittingPart = NonNullable<Kept['sittings']>;
type PainRow = { date: string; painNow: number; painAreas: string[] };
type SlrRow = { date: string; kind: 'slr-angle'; side: 'left' | 'right' | null; value: number };

const KNOWN_AREAS = new Set<string>(PAIN_AREAS);
/** A kept day as the engine takes a check-in: its pain, and its furthest area (all it needs of them). */
const painRowOf = ([date, painNow, furthest]: CheckinPart['tail'][number]): PainRow => ({
  date,
  painNow,
  painAreas: furthest !== null && KNOWN_AREAS.has(furthest) ? [furthest] : [],
});
const slrRowOf = ([date, side, value]: MeasurementPart['tail'][number]): SlrRow => ({
  date,
  kind: 'slr-angle',
  side,
  value,
});
/** A kept sitting: its date and exercises are all adherence counts of it. */
const sittingOf = ([date, exerciseIds]: SittingPart['tail'][number]): Sitting => ({
  id: '',
  date,
  startedAt: null,
  exerciseIds,
});

/** Where this request's days fall: the charts from `chartFrom`, adherence's days from `listedFrom`. */
interface Days {
  today: string;
  chartFrom: string;
  listedFrom: string;
}

/**
 * The person's progress as of `day` (their local date). Reads the kept summary, which covers the rows
 * up to a few days ago (older days summarised, the charts' days as they are), and the rows after it; a
 * part whose rows no longer match it (a row added among its days, a sitting now cut in two by its end)
 * is rebuilt from every row. The summary is stored again when it was rebuilt or has fallen behind: a
 * read that writes, once in a while, so that every other read stays short.
 */
export async function readProgress(
  store: PersonStore,
  userId: string,
  day: string,
  now: Date,
): Promise<ProgressSummary> {
  const days: Days = {
    today: day,
    chartFrom: shiftDate(day, -(CHART_DAYS - 1)),
    listedFrom: shiftDate(day, -(ADHERENCE_DAYS - 1)),
  };
  const [programme, stored] = await Promise.all([
    store.currentPlan(userId),
    store.getProgressHistory(userId),
  ]);
  const start = programme ? programme.createdAt.slice(0, 10) : null;
  const kept = stored?.format === PROGRESS_HISTORY_FORMAT ? stored : undefined;
  // A part serves when it summarises no day this request lists (sittings: of this programme).
  let checkins = kept?.checkins && kept.checkins.from <= days.chartFrom ? kept.checkins : null;
  let measurements =
    kept?.measurements && kept.measurements.from <= days.chartFrom ? kept.measurements : null;
  let sittings =
    programme &&
    kept?.sittings &&
    kept.sittings.programmeId === programme.id &&
    kept.sittings.start === start &&
    kept.sittings.from <= days.listedFrom
      ? kept.sittings
      : null;
  const requestFor = (): ProgressRowsRequest => ({
    checkinsFrom: checkins?.before ?? EPOCH,
    measurementsFrom: measurements?.before ?? EPOCH,
    sessionsStart: start ?? NEVER,
    sessionsFrom: sittings?.before ?? start ?? NEVER,
    marks: {
      checkins: checkins?.mark ?? '',
      sessions: sittings?.mark ?? '',
      measurements: measurements?.mark ?? '',
    },
  });
  let rows = await store.progressRows(userId, requestFor());
  const staleCheckins = checkins !== null && !sameIds(rows.late.checkins, checkins.late);
  const staleMeasurements =
    measurements !== null && !sameIds(rows.late.measurements, measurements.late);
  const staleSittings =
    sittings !== null && (!sameIds(rows.late.sessions, sittings.late) || rows.sittingAcross);
  if (staleCheckins || staleMeasurements || staleSittings) {
    if (staleCheckins) checkins = null;
    if (staleMeasurements) measurements = null;
    if (staleSittings) sittings = null;
    rows = await store.progressRows(userId, requestFor());
  }

  // Every row from where the summary's days end: its tail, then the rows read after it.
  const pains = [...(checkins?.tail ?? []).map(painRowOf), ...painRows(rows)];
  const slrs = [...(measurements?.tail ?? []).map(slrRowOf), ...slrRows(rows)];
  const grouped = [...(sittings?.tail ?? []).map(sittingOf), ...sittingsOf(rows)];
  const summary = summariseProgress({
    today: day,
    programmeStart: start,
    plan: programme?.items ?? [],
    checkins: pains.filter((c) => c.date >= days.chartFrom),
    sessions: [],
    sittings: grouped.filter((s) => s.date >= days.listedFrom),
    measurements: slrs.filter((m) => m.date >= days.chartFrom),
    earlier: {
      before: days.chartFrom,
      checkins: mergeCheckinHistory(
        checkins?.summary ?? NO_CHECKINS,
        checkinHistory(pains.filter((c) => c.date < days.chartFrom)),
      ),
      measurements: mergeMeasurementHistory(
        measurements?.summary ?? NO_MEASUREMENTS,
        measurementHistory(slrs.filter((m) => m.date < days.chartFrom)),
      ),
      sittings: mergeSittingHistory(
        sittings?.summary ?? NO_SITTINGS,
        sittingHistory(grouped.filter((s) => s.date < days.listedFrom)),
      ),
    },
  });

  const mark = idFloor(new Date(Math.max(0, now.getTime() - LATE_MARGIN_MS)));
  const next = {
    checkins: nextCheckins(checkins, rows, pains, days, mark),
    measurements: nextMeasurements(measurements, rows, slrs, days, mark),
    sittings:
      programme && start !== null
        ? nextSittings(sittings, rows, grouped, days, mark, { programmeId: programme.id, start })
        : undefined,
  };
  if (
    next.checkins !== undefined ||
    next.measurements !== undefined ||
    next.sittings !== undefined
  ) {
    try {
      await store.putProgressHistory({
        userId,
        updatedAt: now.toISOString(),
        format: PROGRESS_HISTORY_FORMAT,
        checkins: next.checkins ?? checkins,
        measurements: next.measurements ?? measurements,
        sittings: next.sittings ?? sittings,
      });
    } catch (e) {
      // The account went while its progress was read: there is nothing to keep a summary for.
      if (!(e instanceof PersonGone)) throw e;
    }
  }
  return summary;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * What a part moved up to end at `before` notes: the ids from `mark` on of its rows, those noted before
 * (still dated before the old end) and those read now dated before the new one.
 */
function lateNoted(
  part: { mark: string } | null,
  noted: readonly string[],
  read: readonly { id: string; date: string }[],
  before: string,
  mark: string,
): { mark: string; late: string[] } {
  // A clock set back must not move the mark back: rows between would be noted by no part.
  const from = part !== null && part.mark > mark ? part.mark : mark;
  const late = [
    ...noted.filter((id) => id >= from),
    ...read.filter((r) => r.date < before && r.id >= from).map((r) => r.id),
  ].sort();
  return { mark: from, late };
}

/** The check-ins read that have pain answers, as the engine takes them (a warning-only one has none). */
function painRows(rows: ProgressRows): PainRow[] {
  return rows.checkins.flatMap((c) =>
    c.painNow === null || c.painAreas === null
      ? []
      : [{ date: c.date, painNow: c.painNow, painAreas: c.painAreas }],
  );
}

/** The leg-raise angles read (the view shows no other measurement). */
function slrRows(rows: ProgressRows): SlrRow[] {
  return rows.measurements.flatMap((m) =>
    m.kind === 'slr-angle' ? [{ date: m.date, kind: m.kind, side: m.side, value: m.value }] : [],
  );
}

/** The sittings the logs read make (a sitting may run past midnight: its date is its first log's). */
function sittingsOf(rows: ProgressRows): Sitting[] {
  return sittingsFrom(
    rows.sessions.map((l) => ({
      id: l.id,
      sittingId: l.sittingId,
      date: l.date,
      createdAt: l.createdAt,
      entries: l.exerciseIds.map((exerciseId) => ({ exerciseId })),
    })),
  );
}

/** Whether a part ending `before` and listing from `from` should be moved up for these days. */
const due = (part: { before: string; from: string } | null, d: Days, listedFrom: string) =>
  part === null ||
  dayNumber(d.today) - dayNumber(part.before) > HISTORY_SLACK_DAYS ||
  dayNumber(listedFrom) - dayNumber(part.from) > HISTORY_SLACK_DAYS;

/** Where a part moved up for these days ends, and where its days start being listed. */
const endsFor = (listedFrom: string, d: Days) => ({
  before: shiftDate(d.today, -HISTORY_MARGIN_DAYS),
  from: shiftDate(listedFrom, -HISTORY_MARGIN_DAYS),
});

/** The check-ins part to keep after this read, or undefined when the kept one still serves. */
function nextCheckins(
  part: CheckinPart | null,
  rows: ProgressRows,
  pains: PainRow[],
  d: Days,
  mark: string,
): CheckinPart | undefined {
  if (!due(part, d, d.chartFrom)) return undefined;
  const { before, from } = endsFor(d.chartFrom, d);
  // A short record (nothing before the margin yet) is read whole each time: nothing to keep.
  if (part === null && !rows.checkins.some((c) => c.date < before)) return undefined;
  if (part !== null && (before < part.before || from < part.from)) return undefined;
  return {
    before,
    ...lateNoted(part, rows.late.checkins, rows.checkins, before, mark),
    from,
    summary: mergeCheckinHistory(
      part?.summary ?? NO_CHECKINS,
      checkinHistory(pains.filter((c) => c.date < from)),
    ),
    tail: checkinDays(pains.filter((c) => c.date >= from && c.date < before)),
  };
}

/** The measurements part to keep after this read, or undefined when the kept one still serves. */
function nextMeasurements(
  part: MeasurementPart | null,
  rows: ProgressRows,
  slrs: SlrRow[],
  d: Days,
  mark: string,
): MeasurementPart | undefined {
  if (!due(part, d, d.chartFrom)) return undefined;
  const { before, from } = endsFor(d.chartFrom, d);
  if (part === null && !rows.measurements.some((m) => m.date < before)) return undefined;
  if (part !== null && (before < part.before || from < part.from)) return undefined;
  return {
    before,
    ...lateNoted(part, rows.late.measurements, rows.measurements, before, mark),
    from,
    summary: mergeMeasurementHistory(
      part?.summary ?? NO_MEASUREMENTS,
      measurementHistory(slrs.filter((m) => m.date < from)),
    ),
    tail: slrs.flatMap((m) =>
      m.date >= from && m.date < before ? [[m.date, m.side, m.value] as const] : [],
    ),
  };
}

/**
 * The sittings part to keep after this read, or undefined when the kept one still serves. It ends
 * where no sitting is cut in two (a sitting's logs all fall on one side of its end).
 */
function nextSittings(
  part: SittingPart | null,
  rows: ProgressRows,
  grouped: Sitting[],
  d: Days,
  mark: string,
  programme: { programmeId: string; start: string },
): SittingPart | undefined {
  if (!due(part, d, d.listedFrom)) return undefined;
  const ends = endsFor(d.listedFrom, d);
  const floor = part?.before ?? programme.start;
  const before = uncutDate(rows, grouped, ends.before, floor);
  if (before === undefined) return undefined;
  const from = before < ends.from ? before : ends.from;
  if (part === null && !rows.sessions.some((l) => l.date < before)) return undefined;
  if (part !== null && from < part.from) return undefined;
  return {
    ...programme,
    before,
    ...lateNoted(part, rows.late.sessions, rows.sessions, before, mark),
    from,
    summary: mergeSittingHistory(
      part?.summary ?? NO_SITTINGS,
      sittingHistory(grouped.filter((s) => s.date < from)),
    ),
    tail: grouped.flatMap((s) =>
      s.date >= from && s.date < before ? [[s.date, s.exerciseIds] as [string, string[]]] : [],
    ),
  };
}

/**
 * The latest date on or before `end` (and after `floor`) that cuts no sitting in two: no sitting with
 * logs both before it and on or after it. Undefined when every date tried cuts one.
 */
function uncutDate(
  rows: ProgressRows,
  grouped: readonly Sitting[],
  end: string,
  floor: string,
): string | undefined {
  // The last date of each sitting's logs read (its first is the sitting's date).
  const last = new Map<string, string>();
  for (const l of rows.sessions) {
    if (!l.sittingId) continue;
    const seen = last.get(l.sittingId);
    if (seen === undefined || l.date > seen) last.set(l.sittingId, l.date);
  }
  const spans = grouped.flatMap((s) => {
    const to = last.get(s.id);
    return to !== undefined && to > s.date ? [{ from: s.date, to }] : [];
  });
  for (let d = end, tries = 0; d > floor && tries < 31; d = shiftDate(d, -1), tries++) {
    const cut = d;
    if (!spans.some((s) => s.from < cut && s.to >= cut)) return d;
  }
  return undefined;
}
