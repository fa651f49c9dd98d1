// Tests the hand-written iCalendar text: escaping, folding at 75 octets, CRLF, floating times and the events' fields.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMinutes,
  escapeText,
  foldLine,
  formatLocal,
  formatUtc,
  weekday,
  writeCalendar,
} from './reminders-ics.js';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });
  it('escapes the backslash first, so escapes are not doubled', () => {
    expect(escapeText(';')).toBe('\\;');
    expect(escapeText('\\;')).toBe('\\\\\\;');
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets alone', () => {
    const line = 'x'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds longer lines so each physical line has at most 75 octets, and unfolds to the original', () => {
    const line = `DESCRIPTION:${'word '.repeat(60)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const p of physical) expect(octets(p)).toBeLessThanOrEqual(75);
    for (const p of physical.slice(1)) expect(p.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('counts octets, not characters, and never splits a multi-byte character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`; // 2 octets each
    const physical = foldLine(line).split('\r\n');
    for (const p of physical) {
      expect(octets(p)).toBeLessThanOrEqual(75);
      expect(p).not.toContain('\uFFFD');
    }
    expect(physical[0]).toBe(`SUMMARY:${'é'.repeat(33)}`); // 8 + 66 = 74; one more would be 76
    expect(foldLine(line).replace(/\r\n /g, '')).toBe(line);
  });
});

describe('dates and times', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows the day of the week', () => {
    expect(weekday('2026-11-23')).toBe(1); // a Monday
    expect(weekday('2026-11-22')).toBe(0);
  });

  it('carries minutes over midnight', () => {
    expect(addMinutes({ date: '2026-12-31', minutes: 23 * 60 + 50 }, 15)).toEqual({
      date: '2027-01-01',
      minutes: 5,
    });
  });

  it('writes floating local times without a zone, and DTSTAMP in UTC', () => {
    expect(formatLocal({ date: '2026-11-23', minutes: 8 * 60 + 5 })).toBe('20261123T080500');
    expect(formatUtc(new Date('2026-11-22T10:15:07.900Z'))).toBe('20261122T101507Z');
  });
});

describe('writeCalendar', () => {
  const text = writeCalendar(
    [
      {
        uid: 'one@backchain',
        summary: 'Session, gently; please',
        description: 'Line one\nLine two',
        start: { date: '2026-11-23', minutes: 18 * 60 },
        durationMinutes: 15,
        rrule: 'FREQ=DAILY;COUNT=42',
        alarm: true,
      },
      {
        uid: 'two@backchain',
        summary: 'Walk',
        start: { date: '2026-11-23', minutes: 23 * 60 + 55 },
        durationMinutes: 10,
      },
    ],
    { stamp: new Date('2026-11-22T09:00:00Z'), name: 'Backchain reminders' },
  );
  const lines = text.split('\r\n');

  it('uses CRLF everywhere and ends with one', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('wraps the events in one VCALENDAR of version 2.0 with a PRODID', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(2);
  });

  it('gives each event its UID, the DTSTAMP, floating start and end, and the escaped text', () => {
    expect(lines).toContain('UID:one@backchain');
    expect(lines.filter((l) => l === 'DTSTAMP:20261122T090000Z')).toHaveLength(2);
    expect(lines).toContain('DTSTART:20261123T180000');
    expect(lines).toContain('DTEND:20261123T181500');
    expect(lines).toContain('SUMMARY:Session\\, gently\\; please');
    expect(lines).toContain('DESCRIPTION:Line one\\nLine two');
    expect(lines).toContain('RRULE:FREQ=DAILY;COUNT=42');
  });

  it('ends an event that crosses midnight on the next day', () => {
    expect(lines).toContain('DTSTART:20261123T235500');
    expect(lines).toContain('DTEND:20261124T000500');
  });

  it('adds an alarm only where asked, and no RRULE to an event without one', () => {
    expect(lines.filter((l) => l === 'BEGIN:VALARM')).toHaveLength(1);
    expect(lines).toContain('TRIGGER:PT0M');
    const second = lines.slice(lines.lastIndexOf('BEGIN:VEVENT'));
    expect(second.some((l) => l.startsWith('RRULE'))).toBe(false);
  });
});
