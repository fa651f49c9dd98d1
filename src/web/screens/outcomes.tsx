// Outcome measures (#/outcomes): the questionnaires a clinician asked for first, each filled in on one
// screen (#/outcomes/fill/<instrument>[/<scheduleId>]); then each questionnaire's scores over time on a
// small chart with the smallest change that matters, the change in words, and its source and licence.
import { useState } from 'preact/hooks';
import type { Instrument } from '../../kb/instruments.js';
import { knowledgeBase as kb } from '../kb.js';
import { useApp } from '../app-context.js';
import { CheckGroup, RadioGroup } from '../components/choice.js';
import { FailureNotice, Load, Notice, ScreenTitle } from '../components/common.js';
import { PainScale } from '../components/pain-scale.js';
import type { Failure, OutcomeScheduleView, OutcomeView, OutcomesView } from '../data/types.js';
import { formatDate } from '../format-date.js';
import { localToday, useLoad } from '../hooks.js';
import { href, navigate } from '../router.js';
import {
  ACTIVITY_MAX_LENGTH,
  answersFrom,
  emptyForm,
  isPersonInstrument,
  PERSON_INSTRUMENTS,
  PERSON_PURPOSE,
  PSFS_MAX,
  type FormProblem,
  type OutcomeForm,
  type PersonInstrumentId,
} from './outcomes-form.js';
import {
  changeWords,
  chartModel,
  directionWords,
  formatNumber,
  scoreWords,
} from './outcomes-words.js';
import './outcomes.css';

export default function OutcomesScreen({ params }: { params: string[] }) {
  const { repo, version } = useApp();
  const [mode, instrument, scheduleId] = params;
  // Loaded again on coming back from a form, so what was just sent shows.
  const state = useLoad(() => repo.outcomes(), [repo, version, mode]);
  if (mode === 'fill' && instrument && isPersonInstrument(instrument)) {
    return (
      <FillIn
        key={`${instrument}/${scheduleId ?? ''}`}
        instrument={instrument}
        scheduleId={scheduleId ?? null}
        needsAccount={repo.mode === 'device'}
      />
    );
  }
  return (
    <section aria-labelledby="screen-title" class="outcomes-screen">
      <ScreenTitle>Questionnaires</ScreenTitle>
      <p class="lead">
        Short questionnaires that measure how your back and leg affect your life. Filled in now and
        again, they show what is changing, for you and your clinician.
      </p>
      {repo.mode === 'device' ? (
        <NeedsAccount />
      ) : (
        <Load state={state}>
          {(view) => (view ? <Overview view={view} /> : <Overview view={{ items: [], due: [] }} />)}
        </Load>
      )}
    </section>
  );
}

function NeedsAccount() {
  return (
    <>
      <Notice tone="info" title="Outcome measures need an account">
        <p>
          They are kept in your account, where a clinician you link to can see them. Without an
          account, your check-ins and progress charts still show how you are doing.
        </p>
      </Notice>
      <div class="actions">
        <a class="button primary" href={href('account')}>
          Create an account or log in
        </a>
        <a class="button" href={href('progress')}>
          See your progress
        </a>
      </div>
    </>
  );
}

/** The due questionnaires first, then each one's history. */
function Overview({ view }: { view: OutcomesView }) {
  const { online } = useApp();
  const byInstrument = new Map<string, OutcomeView[]>();
  for (const o of view.items)
    byInstrument.set(o.instrument, [...(byInstrument.get(o.instrument) ?? []), o]);
  const due = view.due.filter((d) => !d.done && isPersonInstrument(d.instrument));
  return (
    <>
      {!online && (
        <Notice tone="warning" title="You are offline">
          <p>You can read your scores; filling in a questionnaire needs the network.</p>
        </Notice>
      )}
      {due.length > 0 && (
        <>
          <h2>Asked for by your clinician</h2>
          <ul class="outcome-due">
            {due.map((d) => (
              <DueCard key={d.id} entry={d} />
            ))}
          </ul>
        </>
      )}
      <h2>Your scores over time</h2>
      {byInstrument.size === 0 ? (
        <p class="muted">
          No questionnaires filled in yet. Once you fill one in, its scores show here.
        </p>
      ) : (
        [...byInstrument.entries()].map(([id, items]) => (
          <History
            key={id}
            instrument={kb.instruments[items[0]?.instrument ?? 'pain-nrs']}
            items={items}
          />
        ))
      )}
      <details class="disclosure outcome-others">
        <summary>Fill in a questionnaire yourself</summary>
        <div class="disclosure-body">
          <ul class="outcome-pick">
            {PERSON_INSTRUMENTS.map((id) => {
              const ins = kb.instruments[id];
              return (
                <li key={id}>
                  <a href={href('outcomes', 'fill', id)}>{ins.name}</a>
                  <span class="muted small"> {PERSON_PURPOSE[id]}</span>
                </li>
              );
            })}
          </ul>
        </div>
      </details>
    </>
  );
}

function DueCard({ entry }: { entry: OutcomeScheduleView }) {
  const ins = kb.instruments[entry.instrument];
  const today = localToday();
  return (
    <li class="card outcome-due-card">
      <h3 class="outcome-due-name">{ins.name}</h3>
      <p>{isPersonInstrument(entry.instrument) ? PERSON_PURPOSE[entry.instrument] : ins.purpose}</p>
      <p class="small muted">
        {entry.dueDate <= today
          ? `Due since ${formatDate(entry.dueDate, { month: 'long' })}.`
          : `Due from ${formatDate(entry.dueDate, { month: 'long' })}.`}{' '}
        About {minutesFor(ins)}.
      </p>
      <a
        class="button primary"
        href={href('outcomes', 'fill', entry.instrument, entry.id)}
        aria-label={`Fill in the ${ins.name}`}
      >
        Fill it in
      </a>
    </li>
  );
}

function minutesFor(ins: Instrument): string {
  return ins.kind === 'checklist' || ins.kind === 'rated-items' || ins.kind === 'patient-specific'
    ? '3 minutes'
    : 'a minute';
}

/** One questionnaire's scores: the latest and its change in words, a chart, the numbers, the source. */
function History({ instrument, items }: { instrument: Instrument; items: OutcomeView[] }) {
  const sorted = [...items].sort(
    (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id),
  );
  const latest = sorted.at(-1);
  if (!latest) return null;
  const titleId = `history-${instrument.id}`;
  return (
    <section class="card outcome-history" aria-labelledby={titleId}>
      <h3 id={titleId}>{instrument.name}</h3>
      <p>
        Latest, {formatDate(latest.date, { month: 'long' })}:{' '}
        <strong>{scoreWords(instrument, latest.score)}</strong>
        {instrument.id === 'oswestry-total' ? ' (entered by your clinician)' : ''}.
      </p>
      <p
        class={
          latest.change?.important ? 'outcome-change outcome-change-important' : 'outcome-change'
        }
      >
        {changeWords(instrument, latest)}
      </p>
      {sorted.length > 1 && <Chart instrument={instrument} items={sorted} />}
      <details class="disclosure">
        <summary>The numbers</summary>
        <div class="disclosure-body table-wrap">
          <table class="outcome-table">
            <caption class="visually-hidden">{instrument.name}: every score</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{formatDate(o.date)}</th>
                  <td>{scoreWords(instrument, o.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <Provenance instrument={instrument} />
    </section>
  );
}

function Provenance({ instrument }: { instrument: Instrument }) {
  return (
    <p class="small muted outcome-source">
      {instrument.citation} {instrument.licence}
      {instrument.minimalImportantChange
        ? ` Smallest change that matters: ${instrument.minimalImportantChange.note}`
        : ''}
    </p>
  );
}

/** A small line chart of the scores, with the band of changes too small to matter around the first. */
function Chart({ instrument, items }: { instrument: Instrument; items: OutcomeView[] }) {
  const m = chartModel(instrument, items);
  const path = m.points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
  const first = m.points[0];
  const last = m.points.at(-1);
  return (
    <figure class="outcome-chart">
      <svg
        viewBox={`0 0 ${String(m.width)} ${String(m.height)}`}
        role="img"
        aria-label={`${instrument.name}: ${String(items.length)} scores from ${first ? formatDate(first.date) : ''} to ${last ? formatDate(last.date) : ''}, ${first ? formatNumber(first.score) : ''} to ${last ? formatNumber(last.score) : ''}. ${directionWords(instrument)}`}
      >
        {m.band && (
          <rect
            class="chart-band"
            x={m.plot.left}
            y={Math.min(m.band.top, m.band.bottom)}
            width={m.plot.right - m.plot.left}
            height={Math.abs(m.band.bottom - m.band.top)}
          />
        )}
        {m.ticks.map((t) => (
          <g key={t.value}>
            <line class="chart-grid" x1={m.plot.left} x2={m.plot.right} y1={t.y} y2={t.y} />
            <text class="chart-tick" x={m.plot.left - 6} y={t.y + 4} text-anchor="end">
              {formatNumber(t.value)}
            </text>
          </g>
        ))}
        {m.baseline !== null && (
          <line
            class="chart-baseline"
            x1={m.plot.left}
            x2={m.plot.right}
            y1={m.baseline}
            y2={m.baseline}
          />
        )}
        <path class="chart-line" d={path} />
        {m.points.map((p) => (
          <circle key={`${p.date}-${String(p.x)}`} class="chart-dot" cx={p.x} cy={p.y} r={4} />
        ))}
        {first && (
          <text class="chart-date" x={m.plot.left} y={m.height - 6} text-anchor="start">
            {formatDate(first.date, { year: false })}
          </text>
        )}
        {last && m.points.length > 1 && (
          <text class="chart-date" x={m.plot.right} y={m.height - 6} text-anchor="end">
            {formatDate(last.date, { year: false })}
          </text>
        )}
      </svg>
      <figcaption class="small">
        <span class="chart-key-line" aria-hidden="true" /> Your scores.{' '}
        {m.band && (
          <>
            <span class="chart-key-band" aria-hidden="true" />{' '}
            {instrument.id === 'global-rating-of-change'
              ? 'Inside the shaded band: less than “much” better or worse.'
              : 'Inside the shaded band: a change from your first score too small to matter.'}{' '}
          </>
        )}
        {directionWords(instrument)}
      </figcaption>
    </figure>
  );
}

/** One questionnaire on one screen, sent when complete; the result in words after. */
function FillIn({
  instrument,
  scheduleId,
  needsAccount,
}: {
  instrument: PersonInstrumentId;
  scheduleId: string | null;
  needsAccount: boolean;
}) {
  const { repo, online, changed } = useApp();
  const ins = kb.instruments[instrument];
  const [form, setForm] = useState<OutcomeForm>(() => emptyForm(instrument));
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<OutcomeView | null>(null);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const result = answersFrom(form);
    if (!result.ok) {
      setProblems(result.problems);
      requestAnimationFrame(() => {
        document.getElementById('outcome-errors')?.focus();
      });
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const outcome = await repo.addOutcome({
        answers: result.answers,
        date: localToday(),
        ...(scheduleId ? { scheduleId } : {}),
      });
      if (outcome.ok) {
        setSaved(outcome.value);
        changed();
        requestAnimationFrame(() => {
          document.getElementById('outcome-saved')?.focus();
        });
      } else {
        setFailure(outcome.error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="screen-title" class="outcomes-screen outcome-fill">
      <p class="outcome-back">
        <a href={href('outcomes')}>← All questionnaires</a>
      </p>
      <ScreenTitle>{ins.name}</ScreenTitle>
      <p class="lead">{PERSON_PURPOSE[instrument]}</p>
      {needsAccount ? (
        <NeedsAccount />
      ) : saved ? (
        <div id="outcome-saved" tabIndex={-1} class="outcome-saved">
          <Notice tone="success" title="Saved">
            <p>
              Your score: <strong>{scoreWords(ins, saved.score)}</strong>.
            </p>
            <p>{changeWords(ins, saved)}</p>
          </Notice>
          <div class="actions">
            <button
              type="button"
              class="primary"
              onClick={() => {
                navigate('outcomes');
              }}
            >
              Back to questionnaires
            </button>
          </div>
        </div>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)}>
          {problems.length > 0 && (
            <div class="notice notice-danger" id="outcome-errors" role="alert" tabIndex={-1}>
              <p class="notice-title">Some answers are missing</p>
              <ul>
                {problems.map((p) => (
                  <li key={p.field}>
                    <a
                      href={`#${p.field}`}
                      onClick={(e) => {
                        e.preventDefault();
                        focusField(p.field);
                      }}
                    >
                      {p.message}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <Questions ins={ins} form={form} setForm={setForm} errorOf={errorOf} />
          {failure &&
            (failure.kind === 'network' ? (
              <Notice tone="warning" title="You are offline">
                <p>Your answers are still here. Send them again when you are back online.</p>
              </Notice>
            ) : (
              <FailureNotice failure={failure} />
            ))}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save my answers'}
            </button>
            <a class="button" href={href('outcomes')}>
              Cancel
            </a>
          </div>
          {!online && <p class="muted small">You are offline: saving needs the network.</p>}
          <Provenance instrument={ins} />
        </form>
      )}
    </section>
  );
}

/** Moves focus to a field named in the error summary (an input, or the first input of a group). */
function focusField(field: string) {
  const target = document.getElementById(field);
  const input =
    target instanceof HTMLInputElement || target instanceof HTMLSelectElement
      ? target
      : target?.querySelector<HTMLElement>('input, select');
  input?.focus();
}

function Questions({
  ins,
  form,
  setForm,
  errorOf,
}: {
  ins: Instrument;
  form: OutcomeForm;
  setForm: (form: OutcomeForm) => void;
  errorOf: (field: string) => string | undefined;
}) {
  switch (form.instrument) {
    case 'pain-nrs':
      return (
        <div id="pain">
          <PainScale
            inputId="pain-input"
            label="How bad is the pain right now?"
            value={form.value}
            error={errorOf('pain')}
            onPreview={() => undefined}
            onChange={(value) => {
              setForm({ ...form, value });
            }}
          />
        </div>
      );
    case 'global-rating-of-change': {
      const scale = ins.kind === 'single-rating' ? ins.scale : [];
      return (
        <div id="grc">
          <RadioGroup
            name="grc"
            legend={ins.kind === 'single-rating' ? ins.question : ins.name}
            options={scale.map((s) => ({
              value: String(s.value),
              label: `${s.label} (${s.value > 0 ? '+' : s.value < 0 ? '−' : ''}${String(Math.abs(s.value))})`,
            }))}
            value={form.value === null ? undefined : String(form.value)}
            onChange={(v) => {
              setForm({ ...form, value: Number(v) });
            }}
            error={errorOf('grc')}
          />
        </div>
      );
    }
    case 'rmdq': {
      const items = ins.kind === 'checklist' ? ins.items : [];
      const ticked = form.ticked;
      return (
        <CheckGroup
          name="rmdq"
          legend="Tick the sentences that describe you today"
          hint={ins.kind === 'checklist' ? ins.instructions : undefined}
          options={items.map((text, i) => ({ value: String(i), label: text }))}
          values={ticked.flatMap((t, i) => (t ? [String(i)] : []))}
          onChange={(values) => {
            setForm({
              ...form,
              ticked: items.map((_, i) => values.includes(String(i))),
            });
          }}
        >
          <p class="hint" aria-live="polite">
            {ticked.filter(Boolean).length} of {items.length} ticked. If none describes you today,
            leave them all unticked.
          </p>
        </CheckGroup>
      );
    }
    case 'sciatica-bothersomeness': {
      if (ins.kind !== 'rated-items') return null;
      return (
        <>
          <p>{ins.instructions}</p>
          {ins.items.map((item, i) => (
            <div key={item} id={`sbi-${String(i)}`}>
              <RadioGroup
                name={`sbi-${String(i)}`}
                legend={`${String(i + 1)}. ${item}`}
                options={ins.scale.map((s) => ({
                  value: String(s.value),
                  label: `${s.label} (${String(s.value)})`,
                }))}
                value={
                  form.ratings[i] === null || form.ratings[i] === undefined
                    ? undefined
                    : String(form.ratings[i])
                }
                onChange={(v) => {
                  setForm({
                    ...form,
                    ratings: form.ratings.map((r, j) => (j === i ? Number(v) : r)),
                  });
                }}
                error={errorOf(`sbi-${String(i)}`)}
              />
            </div>
          ))}
        </>
      );
    }
    case 'psfs': {
      const rows = form.activities;
      const setRow = (i: number, row: Partial<(typeof rows)[number]>) => {
        setForm({ ...form, activities: rows.map((r, j) => (j === i ? { ...r, ...row } : r)) });
      };
      return (
        <>
          <p>{ins.kind === 'patient-specific' ? ins.instructions : ''}</p>
          {rows.map((row, i) => {
            const n = String(i + 1);
            const activityError = errorOf(`psfs-activity-${String(i)}`);
            const scoreError = errorOf(`psfs-score-${String(i)}`);
            return (
              <fieldset key={i} class="psfs-row">
                <legend>Activity {n}</legend>
                <label class="field" for={`psfs-activity-${String(i)}`}>
                  What is the activity?
                </label>
                <p class="hint" id={`psfs-activity-${String(i)}-hint`}>
                  For example: putting on socks, sitting through a film, lifting my child.
                </p>
                {activityError && (
                  <p class="field-error" id={`psfs-activity-${String(i)}-error`}>
                    {activityError}
                  </p>
                )}
                <input
                  id={`psfs-activity-${String(i)}`}
                  type="text"
                  maxLength={ACTIVITY_MAX_LENGTH}
                  value={row.activity}
                  aria-invalid={activityError ? true : undefined}
                  aria-describedby={`psfs-activity-${String(i)}-hint${activityError ? ` psfs-activity-${String(i)}-error` : ''}`}
                  onInput={(e) => {
                    setRow(i, { activity: e.currentTarget.value });
                  }}
                />
                <label class="field psfs-score-label" for={`psfs-score-${String(i)}`}>
                  How able are you to do it today?
                </label>
                {scoreError && (
                  <p class="field-error" id={`psfs-score-${String(i)}-error`}>
                    {scoreError}
                  </p>
                )}
                <select
                  id={`psfs-score-${String(i)}`}
                  value={row.score === null ? '' : String(row.score)}
                  aria-invalid={scoreError ? true : undefined}
                  aria-describedby={scoreError ? `psfs-score-${String(i)}-error` : undefined}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setRow(i, { score: v === '' ? null : Number(v) });
                  }}
                >
                  <option value="">Choose from 0 to 10</option>
                  {Array.from({ length: 11 }, (_, v) => (
                    <option key={v} value={String(v)}>
                      {v === 0
                        ? '0: unable to do it'
                        : v === 10
                          ? '10: as well as before the problem'
                          : String(v)}
                    </option>
                  ))}
                </select>
                {rows.length > 1 && (
                  <div class="actions">
                    <button
                      type="button"
                      aria-label={`Remove activity ${n}`}
                      onClick={() => {
                        setForm({ ...form, activities: rows.filter((_, j) => j !== i) });
                      }}
                    >
                      Remove
                    </button>
                  </div>
                )}
              </fieldset>
            );
          })}
          {rows.length < PSFS_MAX && (
            <div class="actions">
              <button
                type="button"
                onClick={() => {
                  setForm({ ...form, activities: [...rows, { activity: '', score: null }] });
                  requestAnimationFrame(() => {
                    document.getElementById(`psfs-activity-${String(rows.length)}`)?.focus();
                  });
                }}
              >
                Add another activity
              </button>
            </div>
          )}
        </>
      );
    }
  }
}
