// Outcome measures on a person's record: each instrument's scores over time with the minimal important
// change drawn around the first score, what is still due, asking for a measure, and an Oswestry total.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { INSTRUMENT_IDS, type Instrument, type InstrumentId } from '../../kb/types.js';
import { knowledgeBase as kb } from '../kb.js';
import { FailureNotice } from '../components/common.js';
import {
  clinicianApi,
  isNotLinked,
  type OutcomeView,
  type ScheduleView,
} from '../data/clinician-api.js';
import type { Failure } from '../data/types.js';
import { localToday } from '../hooks.js';
import { LineChart } from './clinic-charts.js';
import { day, ScrollTable } from './clinic-parts.js';
import { outcomeChangeWords } from './clinic-words.js';

import type { Reload } from './clinic-reload.js';

/** The measures a person fills in themselves: all but the licensed Oswestry index, which a clinician enters. */
/** The instruments in their catalogue order. */
const instruments = INSTRUMENT_IDS.map((id) => kb.instruments[id]);
const ASKABLE = instruments.filter((i) => i.kind !== 'entered-total');
/** An instrument's name; its id when this app does not know it (a newer server's). */
const nameOf = (id: InstrumentId) =>
  (kb.instruments as Partial<Record<string, Instrument>>)[id]?.name ?? id;

export function OutcomesSection({
  personId,
  outcomes,
  reload,
  message,
  onFailure,
}: {
  personId: string;
  outcomes: { items: OutcomeView[]; due: ScheduleView[] };
  reload: Reload;
  /** What the last action here said, shown at the top of this part. */
  message: ComponentChildren;
  onFailure: (failure: Failure) => void;
}) {
  const due = outcomes.due.filter((d) => !d.done);
  const used = instruments.filter((i) => outcomes.items.some((o) => o.instrument === i.id));
  return (
    <section class="clinic-part" aria-labelledby="outcomes-title">
      <h2 id="outcomes-title" tabIndex={-1}>
        Outcome measures
      </h2>
      {message}
      {due.length > 0 && (
        <>
          <h3>Asked for, not filled in yet</h3>
          <ul>
            {due.map((d) => (
              <li key={d.id}>
                {nameOf(d.instrument)}, from {day(d.dueDate)}
              </li>
            ))}
          </ul>
        </>
      )}
      {used.length === 0 ? (
        <p>No outcome measures yet.</p>
      ) : (
        <p class="small">
          Scored as their authors specify. On each chart the dashed line is the first score and the
          shaded band around it is smaller than the minimal important change: a later score outside
          the band is a change that matters to people.
        </p>
      )}
      {used.map((instrument) => (
        <InstrumentChart
          key={instrument.id}
          instrument={instrument}
          scores={outcomes.items.filter((o) => o.instrument === instrument.id)}
        />
      ))}
      <ScheduleForm personId={personId} reload={reload} onFailure={onFailure} />
      <OswestryForm personId={personId} reload={reload} onFailure={onFailure} />
    </section>
  );
}

function InstrumentChart({
  instrument,
  scores,
}: {
  instrument: Instrument;
  scores: OutcomeView[];
}) {
  const sorted = [...scores].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const first = sorted[0];
  const last = sorted.at(-1);
  const mic = instrument.minimalImportantChange;
  const band =
    first && mic
      ? { from: first.score - mic.points, to: first.score + mic.points, line: first.score }
      : undefined;
  const summary =
    first && last
      ? `${sorted.length} ${sorted.length === 1 ? 'score' : 'scores'}, from ${instrument.range.min} to ${instrument.range.max} (${instrument.higherIsWorse ? 'higher is worse' : 'higher is better'}). First ${first.score} on ${day(first.date)}; latest ${last.score} on ${day(last.date)}. ${outcomeChangeWords(last.change)}`
      : '';
  const headingId = `outcome-${instrument.id}`;
  return (
    <section class="card outcome-card" aria-labelledby={headingId}>
      <h3 id={headingId} class="card-title">
        {instrument.name}
      </h3>
      <LineChart
        series={[
          { label: instrument.name, points: sorted.map((s) => ({ date: s.date, value: s.score })) },
        ]}
        range={instrument.range}
        unit=""
        {...(band ? { band } : {})}
        summary={summary}
      >
        <p class="small muted">
          {mic
            ? `Minimal important change: ${mic.note}`
            : 'No minimal important change is established for this measure.'}
        </p>
        <details class="disclosure">
          <summary>The scores as a table</summary>
          <div class="disclosure-body">
            <ScrollTable label={`${instrument.name}: scores`}>
              <table class="clinic-table">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Score</th>
                    <th scope="col">Since the first</th>
                  </tr>
                </thead>
                <tbody>
                  {[...sorted].reverse().map((s) => (
                    <tr key={s.id}>
                      <th scope="row">{day(s.date)}</th>
                      <td>{s.score}</td>
                      <td>{outcomeChangeWords(s.change)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </div>
        </details>
        <p class="small muted">
          {instrument.citation} {instrument.licence}
        </p>
      </LineChart>
    </section>
  );
}

function ScheduleForm({
  personId,
  reload,
  onFailure,
}: {
  personId: string;
  reload: Reload;
  onFailure: (failure: Failure) => void;
}) {
  const [instrument, setInstrument] = useState<InstrumentId | ''>('');
  const [date, setDate] = useState(localToday());
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const send = async (event: Event) => {
    event.preventDefault();
    if (instrument === '') {
      setMissing(true);
      document.getElementById('schedule-instrument')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const answer = await clinicianApi.schedule(personId, { instrument, dueDate: date });
      if (answer.ok) {
        reload({
          at: 'outcomes',
          tone: 'success',
          text: `Asked for the ${nameOf(instrument)} from ${day(date)}. The person sees it on their Home screen.`,
        });
        return;
      }
      if (isNotLinked(answer.error)) onFailure(answer.error);
      setFailure(answer.error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card clinic-form" onSubmit={(e) => void send(e)} noValidate>
      <h3 class="card-title">Ask for a measure</h3>
      {failure && <FailureNotice failure={failure} />}
      <div class="clinic-form-row">
        <div>
          <label class="field" for="schedule-instrument">
            Measure
          </label>
          {missing && instrument === '' && (
            <p class="field-error" id="schedule-instrument-error">
              Choose a measure.
            </p>
          )}
          <select
            id="schedule-instrument"
            value={instrument}
            aria-describedby={
              missing && instrument === '' ? 'schedule-instrument-error' : undefined
            }
            aria-invalid={missing && instrument === '' ? true : undefined}
            onChange={(e) => {
              setInstrument(e.currentTarget.value as InstrumentId | '');
            }}
          >
            <option value="">Choose a measure…</option>
            {ASKABLE.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label class="field" for="schedule-date">
            From
          </label>
          <input
            id="schedule-date"
            type="date"
            value={date}
            onInput={(e) => {
              setDate(e.currentTarget.value);
            }}
          />
        </div>
      </div>
      <div class="actions">
        <button type="submit" disabled={busy}>
          Ask them to fill it in
        </button>
      </div>
    </form>
  );
}

function OswestryForm({
  personId,
  reload,
  onFailure,
}: {
  personId: string;
  reload: Reload;
  onFailure: (failure: Failure) => void;
}) {
  const [total, setTotal] = useState('');
  const [date, setDate] = useState(localToday());
  const [failure, setFailure] = useState<Failure | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (event: Event) => {
    event.preventDefault();
    const n = Number(total);
    if (total.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100) {
      setError('Oswestry total: a whole number from 0 to 100 (the index in per cent).');
      document.getElementById('oswestry-total')?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    setFailure(null);
    try {
      const answer = await clinicianApi.enterTotal(personId, {
        instrument: 'oswestry-total',
        total: n,
        date,
      });
      if (answer.ok) {
        setTotal('');
        reload({
          at: 'outcomes',
          tone: 'success',
          text: `Recorded an Oswestry total of ${n} on ${day(date)}.`,
        });
        return;
      }
      if (isNotLinked(answer.error)) onFailure(answer.error);
      setFailure(answer.error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card clinic-form" onSubmit={(e) => void send(e)} noValidate>
      <h3 class="card-title">Record an Oswestry total</h3>
      <p class="small">
        The Oswestry Disability Index is licensed: Backchain never shows its questions. If you
        scored it with the person, record the total here.
      </p>
      {failure && <FailureNotice failure={failure} />}
      <div class="clinic-form-row">
        <div>
          <label class="field" for="oswestry-total">
            Total, 0 to 100
          </label>
          {error && (
            <p class="field-error" id="oswestry-total-error">
              {error}
            </p>
          )}
          <input
            id="oswestry-total"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            value={total}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'oswestry-total-error' : undefined}
            onInput={(e) => {
              setTotal(e.currentTarget.value);
            }}
          />
        </div>
        <div>
          <label class="field" for="oswestry-date">
            Date scored
          </label>
          <input
            id="oswestry-date"
            type="date"
            value={date}
            onInput={(e) => {
              setDate(e.currentTarget.value);
            }}
          />
        </div>
      </div>
      <div class="actions">
        <button type="submit" disabled={busy}>
          Record the total
        </button>
      </div>
    </form>
  );
}
