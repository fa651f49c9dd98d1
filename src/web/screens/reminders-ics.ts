// Writes an iCalendar file (RFC 5545) by hand: the `ics` package would add ~24 kB gzipped of validation code for a few lines of text.
// Times are floating local times (no TZID, no Z), so 08:00 stays 08:00 wherever the person's calendar is.

/** A local date and a time of day in minutes after midnight. */
export interface LocalMoment {
  /** YYYY-MM-DD. */
  date: string;
  minutes: number;
}

export interface CalendarEvent {
  /** Globally unique and stable for the same reminder, so importing the file again updates it. */
  uid: string;
  summary: string;
  description?: string;
  start: LocalMoment;
  durationMinutes: number;
  /** The recurrence rule's value, e.g. `FREQ=DAILY;COUNT=42`. */
  rrule?: string;
  /** Adds a display alarm at the start time, for apps that keep imported alarms. */
  alarm?: boolean;
}

export interface CalendarOptions {
  /** When the file was made (DTSTAMP, in UTC). */
  stamp: Date;
  /** The calendar's name some apps show (X-WR-CALNAME). */
  name: string;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so no line is longer than 75 octets: a break, then one space, continues it
 * (RFC 5545 §3.1). Never splits a UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    // A continuation line starts with the space, which counts towards its 75 octets.
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Parses YYYY-MM-DD into its numbers; throws on anything else, as a programming error. */
function dateParts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The date `days` after `date` (negative goes back), on the calendar alone (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = dateParts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Day of the week of a calendar date: 0 Sunday to 6 Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** A moment `minutes` later, carrying over midnight. */
export function addMinutes(at: LocalMoment, minutes: number): LocalMoment {
  const total = at.minutes + minutes;
  const days = Math.floor(total / 1440);
  return { date: addDays(at.date, days), minutes: total - days * 1440 };
}

/** A floating local date-time: 20261123T080000. */
export function formatLocal(at: LocalMoment): string {
  const [y, m, d] = dateParts(at.date);
  return `${pad(y, 4)}${pad(m)}${pad(d)}T${pad(Math.floor(at.minutes / 60))}${pad(at.minutes % 60)}00`;
}

/** A UTC date-time: 20261122T101500Z. */
export function formatUtc(at: Date): string {
  return (
    `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}` +
    `T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`
  );
}

/** The whole file: one VCALENDAR of the events, CRLF line endings, folded lines. */
export function writeCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const stamp = formatUtc(options.stamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Backchain//Reminders//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${formatLocal(e.start)}`,
      `DTEND:${formatLocal(addMinutes(e.start, e.durationMinutes))}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.rrule) lines.push(`RRULE:${e.rrule}`);
    lines.push('TRANSP:TRANSPARENT');
    if (e.alarm) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeText(e.summary)}`,
        'TRIGGER:PT0M',
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
