// The Reminders screen: a calendar file (.ics) with the day's exercise sessions and walking breaks while sitting.
import { useEffect, useState } from 'preact/hooks';
import { knowledgeBase } from '../kb.js';
import { exerciseName } from '../../words/index.js';
import { useApp } from '../app-context.js';
import { Load, Notice, ScreenTitle } from '../components/common.js';
import type { AssessmentView, ProgrammeView, TodayView } from '../data/types.js';
import { kvGet, kvSet } from '../data/idb.js';
import { localToday, useLoad } from '../hooks.js';
import { href } from '../router.js';
import { saveFile } from './report-download.js';
import { writeCalendar } from './reminders-ics.js';
import {
  DEFAULT_WEEKS,
  defaultSessionTimes,
  shortDose,
  sittingContents,
  intervalChoices,
  MAX_WEEKS,
  MIN_WEEKS,
  reminderEvents,
  reminderProblems,
  reminderSummary,
  walkingInterval,
  type ReminderField,
  type ReminderOptions,
} from './reminders-plan.js';
import './reminders.css';

const FILE_NAME = 'backchain-reminders.ics';
const SEED_KEY = 'reminders-seed';
const WALKING = knowledgeBase.selfCare.find((s) => s.id === 'walking-breaks');
const INTERVAL = walkingInterval(WALKING);
const INTERVALS = intervalChoices(INTERVAL);
const SESSION_LENGTHS = [10, 15, 20, 30];

const sourceTitles = (ids: readonly string[]) =>
  ids.flatMap((id) => knowledgeBase.sources.filter((s) => s.id === id).map((s) => s.title));

interface Loaded {
  assessment: AssessmentView | null;
  programme: ProgrammeView | null;
  /** The standing warning: a warning sign reported before any answers were complete has no programme to pause. */
  today: TodayView | null;
}

export default function Reminders() {
  const { repo, version } = useApp();
  const state = useLoad<Loaded>(async () => {
    const [assessment, programme, today] = await Promise.all([
      repo.latestAssessment(),
      repo.programme(),
      repo.today(localToday()).catch(() => null),
    ]);
    return { assessment, programme, today };
  }, [repo, version]);
  return (
    <section aria-labelledby="screen-title">
      <ScreenTitle>Reminders in your calendar</ScreenTitle>
      <Load state={state}>{(loaded) => <RemindersBody {...loaded} />}</Load>
    </section>
  );
}

function RemindersBody({ assessment, programme, today }: Loaded) {
  const emergency =
    today?.warning?.level === 'emergency'
      ? today.warning
      : programme?.pausedBy?.level === 'emergency'
        ? programme.pausedBy
        : assessment?.result.triage.level === 'emergency'
          ? assessment.result.triage
          : null;
  if (emergency) {
    return (
      <Notice tone="danger" title="Get help now, not reminders">
        <p>{emergency.advice}</p>
        <p>
          <a href={href('result')}>See your result</a>
        </p>
      </Notice>
    );
  }
  const active = programme?.items.filter((i) => !programme.dropped.includes(i.exerciseId)) ?? [];
  const sessionsAllowed = programme !== null && !programme.paused && active.length > 0;
  const timesPerDay = Math.max(0, ...active.map((i) => i.timesPerDay));
  return (
    <>
      <p class="lead">
        Make a calendar file with your exercise sessions and walking breaks, then add it to the
        calendar you already use (Apple Calendar, Google Calendar, Outlook and most others). The
        reminders repeat every day for as many weeks as you choose.
      </p>
      {!programme && (
        <Notice title="No programme yet">
          <p>
            Answer the questions first to get an exercise programme; then this screen can remind you
            of its sessions. You can already add walking-break reminders.
          </p>
          <p>
            <a href={href('intake')}>Start the questions</a>
          </p>
        </Notice>
      )}
      {programme?.paused && (
        <Notice tone="warning" title="Your programme is paused">
          <p>
            {programme.pausedBy?.advice ??
              'Follow the advice you were given before exercising again.'}{' '}
            Session reminders are left out until it starts again; walking breaks are still fine.
          </p>
        </Notice>
      )}
      {programme && !programme.paused && active.length === 0 && (
        <Notice title="No exercises in your programme just now">
          <p>There are no sessions to remind you of; you can still add walking breaks.</p>
        </Notice>
      )}
      <ReminderForm
        sessionsAllowed={sessionsAllowed}
        timesPerDay={timesPerDay}
        exerciseNames={active.map((i) => exerciseName(knowledgeBase, i.exerciseId))}
        sittings={sittingContents(
          active.map((i) => ({
            name: exerciseName(knowledgeBase, i.exerciseId),
            timesPerDay: i.timesPerDay,
            dose: shortDose(i.dosage),
          })),
        )}
      />
      <HowToAdd />
    </>
  );
}

/** A random seed for this person's event UIDs, so two people's files never collide in a shared calendar. */
function newSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function ReminderForm({
  sessionsAllowed,
  timesPerDay,
  exerciseNames,
  sittings,
}: {
  sessionsAllowed: boolean;
  timesPerDay: number;
  exerciseNames: string[];
  /** What each sitting of the day holds, in words. */
  sittings: string[];
}) {
  const [withSessions, setWithSessions] = useState(sessionsAllowed);
  const [times, setTimes] = useState(() => defaultSessionTimes(timesPerDay));
  const [sessionMinutes, setSessionMinutes] = useState(15);
  const [withWalking, setWithWalking] = useState(true);
  const [every, setEvery] = useState(INTERVALS.includes(45) ? 45 : INTERVAL.min);
  const [from, setFrom] = useState('09:00');
  const [until, setUntil] = useState('17:00');
  const [weekdaysOnly, setWeekdaysOnly] = useState(true);
  const [startDate, setStartDate] = useState(() => localToday());
  const [weeks, setWeeks] = useState(String(DEFAULT_WEEKS));
  const [seed, setSeed] = useState(newSeed);
  useEffect(() => {
    // One seed per device, so importing a newer file with the same times updates those reminders.
    void kvGet<string>(SEED_KEY).then((saved) => {
      if (saved) setSeed(saved);
      else void kvSet(SEED_KEY, seed);
    });
  }, []);
  const [shown, setShown] = useState<Partial<Record<ReminderField, string>>>({});
  const [saved, setSaved] = useState(false);

  const options: ReminderOptions = {
    startDate,
    weeks: Number(weeks),
    sessionTimes: sessionsAllowed && withSessions ? times : [],
    sessionMinutes,
    walking: withWalking ? { every, from, until, weekdaysOnly } : null,
  };
  const problems = reminderProblems(options, INTERVAL);
  const problemList = Object.entries(shown) as [ReminderField, string][];

  const errorProps = (field: ReminderField, hintId?: string) => {
    const error = shown[field];
    const describedBy = [hintId, error ? `${field}-error` : undefined].filter(Boolean).join(' ');
    return {
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy || undefined,
    } as const;
  };
  const fieldError = (field: ReminderField) =>
    shown[field] ? (
      <p class="field-error" id={`${field}-error`}>
        {shown[field]}
      </p>
    ) : null;

  const submit = (event: Event) => {
    event.preventDefault();
    setShown(problems);
    setSaved(false);
    if (Object.keys(problems).length > 0) {
      requestAnimationFrame(() => {
        document.getElementById('reminder-errors')?.focus();
      });
      return;
    }
    const events = reminderEvents(options, {
      exerciseNames,
      sittings,
      breakAdvice: WALKING
        ? `${WALKING.steps.slice(1, 2).join(' ')} ${WALKING.cautions[0] ?? ''}`.trim()
        : 'Stand up and walk for a few minutes.',
      sessionUrl: `${window.location.origin}/#/session`,
      seed,
    });
    const text = writeCalendar(events, { stamp: new Date(), name: 'Backchain reminders' });
    saveFile(FILE_NAME, 'text/calendar;charset=utf-8', text);
    setSaved(true);
  };

  return (
    <form class="reminders" onSubmit={submit} noValidate>
      {problemList.length > 0 && (
        <div class="notice notice-danger" id="reminder-errors" tabIndex={-1} role="alert">
          <p class="notice-title">
            Please check {problemList.length === 1 ? 'one answer' : 'these answers'}
          </p>
          <ul>
            {problemList.map(([field, message]) => (
              <li key={field}>
                <a href={`#${FIELD_IDS[field]}`} onClick={focusField(FIELD_IDS[field])}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      {sessionsAllowed && (
        <fieldset>
          <legend>Exercise sessions</legend>
          <p class="hint" id="sessions-hint">
            Your programme asks for {timesPerDay === 1 ? 'one session' : `${timesPerDay} sessions`}{' '}
            a day. Choose times that fit your day.
          </p>
          <label class="choice">
            <input
              type="checkbox"
              checked={withSessions}
              onChange={(e) => {
                setWithSessions(e.currentTarget.checked);
              }}
            />
            <span>Remind me of my exercise sessions</span>
          </label>
          {withSessions && (
            <div class="reminder-grid">
              {times.map((time, i) => (
                <div key={i}>
                  <label class="field" for={`session-time-${i}`}>
                    Session {i + 1} time
                  </label>
                  <input
                    id={`session-time-${i}`}
                    type="time"
                    value={time}
                    required
                    {...(i === 0 ? errorProps('sessionTimes') : {})}
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      setTimes((old) => old.map((t, j) => (j === i ? value : t)));
                    }}
                  />
                </div>
              ))}
              <div>
                <label class="field" for="session-length">
                  Time to set aside
                </label>
                <select
                  id="session-length"
                  value={String(sessionMinutes)}
                  onChange={(e) => {
                    setSessionMinutes(Number(e.currentTarget.value));
                  }}
                >
                  {SESSION_LENGTHS.map((m) => (
                    <option key={m} value={String(m)}>
                      {m} minutes
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          {fieldError('sessionTimes')}
        </fieldset>
      )}

      <fieldset>
        <legend>Walking breaks while you sit</legend>
        <p class="hint" id="walking-hint">
          {WALKING?.when ??
            'Stand up and walk for a few minutes every 30 to 60 minutes of sitting.'}{' '}
          (Sources: {sourceTitles(WALKING?.sources ?? []).join('; ')}.)
        </p>
        <label class="choice">
          <input
            type="checkbox"
            checked={withWalking}
            onChange={(e) => {
              setWithWalking(e.currentTarget.checked);
            }}
          />
          <span>Remind me to take walking breaks</span>
        </label>
        {withWalking && (
          <>
            <div class="reminder-grid">
              <div>
                <label class="field" for="walk-every">
                  A break every
                </label>
                <select
                  id="walk-every"
                  value={String(every)}
                  {...errorProps('every')}
                  onChange={(e) => {
                    setEvery(Number(e.currentTarget.value));
                  }}
                >
                  {INTERVALS.map((m) => (
                    <option key={m} value={String(m)}>
                      {m} minutes
                    </option>
                  ))}
                </select>
                {fieldError('every')}
              </div>
              <div>
                <label class="field" for="walk-from">
                  Sitting starts at
                </label>
                <input
                  id="walk-from"
                  type="time"
                  value={from}
                  required
                  {...errorProps('from')}
                  onInput={(e) => {
                    setFrom(e.currentTarget.value);
                  }}
                />
                {fieldError('from')}
              </div>
              <div>
                <label class="field" for="walk-until">
                  Sitting ends at
                </label>
                <input
                  id="walk-until"
                  type="time"
                  value={until}
                  required
                  {...errorProps('until')}
                  onInput={(e) => {
                    setUntil(e.currentTarget.value);
                  }}
                />
                {fieldError('until')}
              </div>
            </div>
            <label class="choice">
              <input
                type="checkbox"
                checked={weekdaysOnly}
                onChange={(e) => {
                  setWeekdaysOnly(e.currentTarget.checked);
                }}
              />
              <span>Weekdays only (Monday to Friday)</span>
            </label>
          </>
        )}
      </fieldset>

      <fieldset>
        <legend>For how long</legend>
        <div class="reminder-grid">
          <div>
            <label class="field" for="reminder-start">
              First day
            </label>
            <input
              id="reminder-start"
              type="date"
              value={startDate}
              required
              {...errorProps('startDate')}
              onInput={(e) => {
                setStartDate(e.currentTarget.value);
              }}
            />
            {fieldError('startDate')}
          </div>
          <div>
            <label class="field" for="reminder-weeks">
              Number of weeks
            </label>
            <input
              id="reminder-weeks"
              type="number"
              inputMode="numeric"
              min={MIN_WEEKS}
              max={MAX_WEEKS}
              step={1}
              value={weeks}
              required
              {...errorProps('weeks', 'weeks-hint')}
              onInput={(e) => {
                setWeeks(e.currentTarget.value);
              }}
            />
            <p class="hint small" id="weeks-hint">
              Most programmes run about {DEFAULT_WEEKS} weeks; you can make a new file at any time.
            </p>
            {fieldError('weeks')}
          </div>
        </div>
      </fieldset>

      <p class="reminder-summary">
        {Object.keys(problems).length === 0 ? reminderSummary(options) : ''}
      </p>
      <div class="actions">
        <button type="submit" class="primary">
          Download calendar file
        </button>
      </div>
      <p role="status" class="reminder-saved">
        {saved &&
          `Saved ${FILE_NAME} to your downloads. Open it to add the reminders to your calendar (see below).`}
      </p>
    </form>
  );
}

const FIELD_IDS: Record<ReminderField, string> = {
  startDate: 'reminder-start',
  weeks: 'reminder-weeks',
  sessionTimes: 'session-time-0',
  from: 'walk-from',
  until: 'walk-until',
  every: 'walk-every',
};

/** The hash holds the route, so links to a field move focus themselves. */
function focusField(id: string) {
  return (event: Event) => {
    event.preventDefault();
    document.getElementById(id)?.focus();
  };
}

function HowToAdd() {
  return (
    <section aria-labelledby="how-to-add" class="how-to-add">
      <h2 id="how-to-add">Adding the file to your calendar</h2>
      <dl>
        <dt>iPhone or iPad</dt>
        <dd>
          Open the file from Downloads (in the Files app or from Safari’s downloads), choose{' '}
          <strong>Add All</strong>, and pick the calendar to put the reminders in.
        </dd>
        <dt>Mac</dt>
        <dd>Double-click the file; Calendar opens and asks which calendar to add it to.</dd>
        <dt>Google Calendar</dt>
        <dd>
          On a computer, open Google Calendar, go to <strong>Settings</strong>, then{' '}
          <strong>Import &amp; export</strong>, choose the file and press <strong>Import</strong>.
          The reminders then appear on your phone too. (The Android app cannot import a file
          itself.)
        </dd>
        <dt>Outlook</dt>
        <dd>
          Open the file, or in Outlook on the web go to <strong>Add calendar</strong> and then{' '}
          <strong>Upload from file</strong>.
        </dd>
      </dl>
      <p class="hint">
        Tip: import it into a calendar of its own (for example one called “Backchain”), so you can
        remove all the reminders at once later by deleting that calendar. Some calendar apps drop
        the alerts in imported files; if yours does, add a default alert to that calendar.
      </p>
    </section>
  );
}
