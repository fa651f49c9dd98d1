// Tests which reminders the calendar file holds: session and walking-break times, repeat rules, counts and checks.
import { describe, expect, it } from 'vitest';
import { knowledgeBase } from '../../kb/index.js';
import { writeCalendar } from './reminders-ics.js';
import {
  breakTimes,
  defaultSessionTimes,
  firstWeekday,
  formatDay,
  intervalChoices,
  reminderEvents,
  reminderProblems,
  reminderSummary,
  walkingInterval,
  shortDose,
  sittingContents,
  type ReminderOptions,
} from './reminders-plan.js';

const walkingItem = knowledgeBase.selfCare.find((s) => s.id === 'walking-breaks');

const options: ReminderOptions = {
  startDate: '2026-11-23', // a Monday
  weeks: 6,
  sessionTimes: ['18:00', '08:00'],
  sessionMinutes: 15,
  walking: { every: 60, from: '09:00', until: '17:00', weekdaysOnly: true },
};
const content = {
  exerciseNames: ['Knee to chest', 'Glute bridge'],
  breakAdvice: 'Stand up slowly and walk for a few minutes.',
  sessionUrl: 'https://example.org/#/session',
  seed: 'abc123',
};

describe('walkingInterval', () => {
  it('reads the interval from the walking-breaks self-care item of the knowledge base', () => {
    expect(walkingItem).toBeDefined();
    expect(walkingInterval(walkingItem)).toEqual({ min: 30, max: 60 });
  });
  it('falls back to 30 to 60 minutes when the item says none', () => {
    expect(walkingInterval(undefined)).toEqual({ min: 30, max: 60 });
  });
  it('offers the ends of the range and the quarter hours between', () => {
    expect(intervalChoices({ min: 30, max: 60 })).toEqual([30, 45, 60]);
    expect(intervalChoices({ min: 20, max: 50 })).toEqual([20, 30, 45, 50]);
  });
});

describe('times', () => {
  it('suggests morning and evening for two sessions a day', () => {
    expect(defaultSessionTimes(2)).toEqual(['08:00', '18:00']);
    expect(defaultSessionTimes(1)).toEqual(['08:00']);
    expect(defaultSessionTimes(3)).toHaveLength(3);
    expect(defaultSessionTimes(0)).toEqual([]);
  });

  it('puts a break each interval after sitting starts, and none at or after its end', () => {
    expect(breakTimes(9 * 60, 17 * 60, 60)).toEqual(
      [10, 11, 12, 13, 14, 15, 16].map((h) => h * 60),
    );
    expect(breakTimes(9 * 60, 10 * 60, 30)).toEqual([9 * 60 + 30]);
    expect(breakTimes(9 * 60, 9 * 60 + 30, 30)).toEqual([]);
  });

  it('moves a weekend start to the Monday', () => {
    expect(firstWeekday('2026-11-21')).toBe('2026-11-23'); // Saturday
    expect(firstWeekday('2026-11-22')).toBe('2026-11-23'); // Sunday
    expect(firstWeekday('2026-11-25')).toBe('2026-11-25');
  });
});

describe('reminderEvents', () => {
  const events = reminderEvents(options, content);
  const sessions = events.filter((e) => e.uid.includes('-session-'));
  const walks = events.filter((e) => e.uid.includes('-walk-'));

  it('makes one daily event per session time, in time order, for the chosen weeks', () => {
    expect(sessions.map((e) => e.start)).toEqual([
      { date: '2026-11-23', minutes: 480 },
      { date: '2026-11-23', minutes: 1080 },
    ]);
    for (const e of sessions) expect(e.rrule).toBe('FREQ=DAILY;COUNT=42');
    expect(sessions[0]?.summary).toBe('Backchain exercise session (1 of 2 today)');
    expect(sessions[0]?.description).toContain('Knee to chest, Glute bridge');
    expect(sessions[0]?.description).toContain('https://example.org/#/session');
  });

  it('makes weekday walking breaks that repeat five times a week for the chosen weeks', () => {
    expect(walks).toHaveLength(7);
    for (const e of walks) expect(e.rrule).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=30');
    expect(walks[0]?.start).toEqual({ date: '2026-11-23', minutes: 600 });
  });

  it('repeats walking breaks daily when weekends are included', () => {
    const daily = reminderEvents(
      {
        ...options,
        startDate: '2026-11-22',
        walking: { every: 30, from: '09:00', until: '11:00', weekdaysOnly: false },
      },
      content,
    ).filter((e) => e.uid.includes('-walk-'));
    expect(daily.map((e) => e.start.minutes)).toEqual([570, 600, 630]);
    for (const e of daily) {
      expect(e.rrule).toBe('FREQ=DAILY;COUNT=42');
      expect(e.start.date).toBe('2026-11-22');
    }
  });

  it('starts weekday breaks on the Monday when the first day is a weekend', () => {
    const fromSunday = reminderEvents({ ...options, startDate: '2026-11-22' }, content);
    const walk = fromSunday.find((e) => e.uid.includes('-walk-'));
    expect(walk?.start.date).toBe('2026-11-23');
    expect(fromSunday.find((e) => e.uid.includes('-session-'))?.start.date).toBe('2026-11-22');
  });

  it('gives every event a distinct UID that stays the same for the same seed', () => {
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(reminderEvents(options, content).map((e) => e.uid)).toEqual(uids);
  });

  it('leaves sessions out when there are no session times, and breaks out when not asked', () => {
    expect(
      reminderEvents({ ...options, sessionTimes: [] }, content).every((e) =>
        e.uid.includes('-walk-'),
      ),
    ).toBe(true);
    expect(reminderEvents({ ...options, walking: null }, content)).toHaveLength(2);
  });

  it('writes a calendar whose RRULEs and times match the choices', () => {
    const text = writeCalendar(events, {
      stamp: new Date('2026-11-22T12:00:00Z'),
      name: 'Backchain',
    });
    const lines = text.split('\r\n');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(9);
    expect(lines).toContain('DTSTART:20261123T080000');
    expect(lines).toContain('DTSTART:20261123T180000');
    expect(lines).toContain('DTSTART:20261123T160000');
    expect(lines).not.toContain('DTSTART:20261123T170000');
    expect(lines.filter((l) => l === 'RRULE:FREQ=DAILY;COUNT=42')).toHaveLength(2);
    expect(
      lines.filter((l) => l === 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=30'),
    ).toHaveLength(7);
  });
});

describe('reminderProblems', () => {
  const interval = { min: 30, max: 60 };
  it('accepts good options', () => {
    expect(reminderProblems(options, interval)).toEqual({});
  });
  it('names each field that is wrong', () => {
    const p = reminderProblems(
      {
        startDate: 'soon',
        weeks: 0,
        sessionTimes: ['08:00', '08:00'],
        sessionMinutes: 15,
        walking: { every: 90, from: '17:00', until: '09:00', weekdaysOnly: true },
      },
      interval,
    );
    expect(Object.keys(p).sort()).toEqual(['every', 'sessionTimes', 'startDate', 'until', 'weeks']);
    expect(p.sessionTimes).toMatch(/different/);
    expect(p.until).toMatch(/after/);
  });
  it('asks for something to remind of', () => {
    expect(
      reminderProblems({ ...options, sessionTimes: [], walking: null }, interval).sessionTimes,
    ).toBeTruthy();
  });
  it('refuses sitting hours too short for one break', () => {
    expect(
      reminderProblems(
        { ...options, walking: { every: 60, from: '09:00', until: '10:00', weekdaysOnly: true } },
        interval,
      ).until,
    ).toMatch(/longer than 60/);
  });
});

describe('reminderSummary', () => {
  it('says what the file adds and for how long', () => {
    expect(reminderSummary(options)).toBe(
      'The file adds 2 exercise sessions every day at 08:00 and 18:00 and a walking break every 60 minutes from 09:00 to 17:00 (7 a day) on weekdays, for 6 weeks, from 23 November 2026 to 3 January 2027.',
    );
    expect(formatDay('2027-01-03')).toBe('3 January 2027');
  });
});

describe('reminders name what each sitting is for', () => {
  it('holds every exercise in the first sitting and only the twice-a-day one in the second', () => {
    const sittings = sittingContents([
      {
        name: 'Knee to chest',
        timesPerDay: 1,
        dose: shortDose({ unit: 'seconds', amount: 30, repeats: 3, sets: 1, sides: 'each' }),
      },
      {
        name: 'Gentle hamstring stretch',
        timesPerDay: 2,
        dose: shortDose({ unit: 'seconds', amount: 20, repeats: 3, sets: 1, sides: 'none' }),
      },
      {
        name: 'Bridge',
        timesPerDay: 1,
        dose: shortDose({ unit: 'reps', amount: 20, repeats: 1, sets: 1, sides: 'none' }),
      },
    ]);
    expect(sittings).toEqual([
      'knee to chest, 3 holds each leg; gentle hamstring stretch, 3 holds; bridge, 20 repetitions',
      'gentle hamstring stretch, 3 holds',
    ]);
  });

  it('puts the part of the day and the sitting’s exercises in each event’s title', () => {
    const events = reminderEvents(options, {
      ...content,
      sittings: ['knee to chest, 3 holds each leg', 'gentle hamstring stretch, 3 holds'],
    });
    const titles = events.filter((e) => e.uid.includes('-session-')).map((e) => e.summary);
    expect(titles).toEqual([
      'Morning: knee to chest, 3 holds each leg',
      'Evening: gentle hamstring stretch, 3 holds',
    ]);
  });

  it('says rounds of repetitions, in the words of the full dose', () => {
    expect(shortDose({ unit: 'reps', amount: 10, repeats: 1, sets: 2, sides: 'none' })).toBe(
      '2 rounds of 10 repetitions',
    );
  });
});
