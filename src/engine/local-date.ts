// Calendar arithmetic on a person's local dates ('YYYY-MM-DD'), done in UTC so no time zone or clock is involved.

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Dates already worked out: the same few hundred dates are looked up again and again (progress). */
const known = new Map<string, number>();
const KNOWN_MOST = 4096;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' date; NaN when the text is not a real calendar date. */
export function dayNumber(date: string): number {
  const seen = known.get(date);
  if (seen !== undefined) return seen;
  const n = computeDayNumber(date);
  if (known.size >= KNOWN_MOST) known.clear();
  known.set(date, n);
  return n;
}

/** `dayNumber` without the memory of dates already seen. */
function computeDayNumber(date: string): number {
  const m = LOCAL_DATE.exec(date);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, unlike Date.UTC, takes years 0 to 99 literally.
  const back = new Date(0);
  back.setUTCFullYear(y, mo - 1, d);
  // Out-of-range parts roll over (2026-02-30 becomes March 2): a date that does not round-trip is not a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return Number.NaN;
  }
  return back.getTime() / DAY_MS;
}

/** Whether a date falls in the window of `days` calendar days ending on `end`, both ends included. */
export function withinDaysEnding(date: string, end: string, days: number): boolean {
  const d = dayNumber(date);
  const e = dayNumber(end);
  return d <= e && d > e - days;
}

/** Calendar days from `start` to `end`, both included; 0 when `end` is before `start`. */
export function daysInclusive(start: string, end: string): number {
  const span = dayNumber(end) - dayNumber(start) + 1;
  return Number.isNaN(span) ? 0 : Math.max(0, span);
}
