// Changing a person's programme: the editor (add from the catalogue, dose and times a day within each
// exercise's range, a note per exercise, remove, a general note) sent as one request, with each refusal shown
// beside the exercise it names; and pausing or resuming the programme with a note.
import { useState } from 'preact/hooks';
import { knowledgeBase as kb } from '../kb.js';
import type { Exercise, Range } from '../../kb/types.js';
import { FailureNotice } from '../components/common.js';
import {
  clinicianApi,
  isNotLinked,
  type ChangeRefusal,
  type ClinicianProgramme,
} from '../data/clinician-api.js';
import type { Failure } from '../data/types.js';
import {
  addExercise,
  changesFrom,
  doseLabels,
  draftFrom,
  placeRefusals,
  rangeProblems,
  rangesFor,
  setRemoved,
  updateItem,
  type DraftItem,
} from './clinic-editor-model.js';
import { exerciseName } from './clinic-names.js';

import type { Reload } from './clinic-reload.js';

const exerciseOf = (id: string): Exercise | undefined => kb.exercises.find((e) => e.id === id);

const NOTE_MAX = 300;
const GENERAL_NOTE_MAX = 500;

export function ProgrammeEditor({
  personId,
  programme,
  versionNumber,
  reload,
  onFailure,
}: {
  personId: string;
  programme: ClinicianProgramme;
  versionNumber: number;
  reload: Reload;
  onFailure: (failure: Failure) => void;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<DraftItem[]>(() => draftFrom(programme.items));
  const [note, setNote] = useState('');
  const [pick, setPick] = useState('');
  const [refused, setRefused] = useState<{
    byExercise: Map<string, ChangeRefusal[]>;
    general: ChangeRefusal[];
    count: number;
  } | null>(null);
  const [local, setLocal] = useState<Map<string, string[]>>(new Map());
  const [failure, setFailure] = useState<Failure | null>(null);
  const [nothing, setNothing] = useState(false);
  const [busy, setBusy] = useState(false);

  if (programme.pausedBy) {
    return (
      <div class="card editor-closed">
        <h3 class="card-title">Changing the programme</h3>
        <p>
          A warning sign paused this programme, so it cannot be changed until the person answers the
          questions again (after they have been seen). That keeps the advice they were given first.
        </p>
      </div>
    );
  }

  const start = () => {
    setDraft(draftFrom(programme.items));
    setNote('');
    setRefused(null);
    setLocal(new Map());
    setFailure(null);
    setNothing(false);
    setOpen(true);
    requestAnimationFrame(() => {
      document.getElementById('editor-title')?.focus();
    });
  };

  const present = new Set(draft.filter((d) => !d.removed).map((d) => d.exerciseId));
  const addable = kb.exercises.filter((e) => !present.has(e.id));

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setRefused(null);
    setNothing(false);
    const changes = changesFrom(programme.items, draft);
    if (changes.length === 0) {
      setNothing(true);
      return;
    }
    const problems = rangeProblems(draft, exerciseOf);
    setLocal(problems);
    if (problems.size > 0) {
      requestAnimationFrame(() => {
        document.querySelector<HTMLElement>('.editor-item [aria-invalid="true"]')?.focus();
      });
      return;
    }
    setBusy(true);
    try {
      const trimmed = note.trim();
      const answer = await clinicianApi.change(personId, {
        basedOn: versionNumber,
        ...(trimmed ? { note: trimmed } : {}),
        changes,
      });
      if (answer.ok) {
        setOpen(false);
        reload({
          at: 'programme',
          tone: 'success',
          text: `Saved as version ${answer.version.number}. The person sees what changed${trimmed ? ' and your note' : ''} before their next sitting.`,
        });
        return;
      }
      if (answer.refusals.length > 0) {
        setRefused({ ...placeRefusals(answer.refusals, changes), count: answer.refusals.length });
        requestAnimationFrame(() => {
          document.getElementById('editor-refused')?.focus();
        });
        return;
      }
      if (answer.error.kind === 'conflict' && answer.error.code === 'version-changed') {
        setOpen(false);
        reload({
          at: 'programme',
          tone: 'warning',
          text: 'Someone else changed this programme since you opened it, so nothing was saved. It has been reloaded: check it and make your change again.',
        });
        return;
      }
      if (isNotLinked(answer.error)) onFailure(answer.error);
      setFailure(answer.error);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <div class="actions">
        <button type="button" class="primary" onClick={start}>
          Change the programme
        </button>
      </div>
    );
  }

  return (
    <form class="card editor" onSubmit={(e) => void save(e)} noValidate>
      <h3 id="editor-title" class="card-title" tabIndex={-1}>
        Change the programme
      </h3>
      <p class="small">
        Every change passes the same safety check as Backchain’s own programme: the triage gate,
        each exercise’s “never when”, the stop rules and backing off. Doses stay within each
        exercise’s range. If any change is refused, nothing is saved.
      </p>
      {refused && (
        <div class="notice notice-danger" id="editor-refused" role="alert" tabIndex={-1}>
          <p class="notice-title">
            Nothing was changed:{' '}
            {refused.count === 1 ? 'a change was' : `${refused.count} changes were`} refused
          </p>
          <ul>
            {refused.general.map((r) => (
              <li key={`${r.rule}-${r.index}`}>{r.text}</li>
            ))}
            {[...refused.byExercise].map(([id, list]) =>
              list.map((r) => (
                <li key={`${id}-${r.rule}-${r.index}`}>
                  <strong>{exerciseName(id)}:</strong> {r.text}
                </li>
              )),
            )}
          </ul>
        </div>
      )}
      {failure && <FailureNotice failure={failure} />}
      <ul class="editor-items">
        {draft.map((item) => (
          <li key={item.exerciseId}>
            <EditorItem
              item={item}
              refusals={refused?.byExercise.get(item.exerciseId) ?? []}
              problems={local.get(item.exerciseId) ?? []}
              onChange={(patch) => {
                setDraft((d) => updateItem(d, item.exerciseId, patch));
              }}
              onRemove={(removed) => {
                setDraft((d) => setRemoved(d, item.exerciseId, removed));
              }}
            />
          </li>
        ))}
      </ul>
      <div class="editor-add">
        <label class="field" for="editor-add-select">
          Add an exercise from the catalogue
        </label>
        <div class="editor-add-row">
          <select
            id="editor-add-select"
            value={pick}
            onChange={(e) => {
              setPick(e.currentTarget.value);
            }}
          >
            <option value="">Choose an exercise…</option>
            {addable.map((e) => (
              <option key={e.id} value={e.id}>
                {exerciseName(e.id)} ({e.gentle ? 'gentle ' : ''}
                {e.kind})
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={pick === ''}
            onClick={() => {
              const ex = exerciseOf(pick);
              if (ex) setDraft((d) => addExercise(d, ex));
              setPick('');
            }}
          >
            Add
          </button>
        </div>
      </div>
      <div class="editor-note">
        <label class="field" for="editor-general-note">
          A note to the person about this change (optional)
        </label>
        <p class="hint" id="editor-general-note-hint">
          They read it with the change before their next sitting. Up to {GENERAL_NOTE_MAX}{' '}
          characters.
        </p>
        <textarea
          id="editor-general-note"
          aria-describedby="editor-general-note-hint"
          maxLength={GENERAL_NOTE_MAX}
          rows={3}
          value={note}
          onInput={(e) => {
            setNote(e.currentTarget.value);
          }}
        />
      </div>
      {nothing && (
        <p class="notice" role="status">
          Nothing has changed yet: change a dose, a note, add or remove an exercise first.
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Save changes
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setOpen(false);
          }}
        >
          Cancel
        </button>
      </div>
      <p role="status" class="muted small">
        {busy ? 'Saving…' : ''}
      </p>
    </form>
  );
}

/** One exercise in the editor: its dose and times a day within the catalogue's ranges, its note, remove. */
function EditorItem({
  item,
  refusals,
  problems,
  onChange,
  onRemove,
}: {
  item: DraftItem;
  refusals: ChangeRefusal[];
  problems: string[];
  onChange: (patch: {
    amount?: number;
    repeats?: number;
    sets?: number;
    timesPerDay?: number;
    note?: string;
  }) => void;
  onRemove: (removed: boolean) => void;
}) {
  const ex = exerciseOf(item.exerciseId);
  const id = `edit-${item.exerciseId}`;
  const name = exerciseName(item.exerciseId);
  const errorId = `${id}-refused`;
  const invalid = refusals.length > 0 || problems.length > 0;
  if (item.removed) {
    return (
      <fieldset class="editor-item editor-removed" aria-describedby={invalid ? errorId : undefined}>
        <legend>{name}</legend>
        <Messages id={errorId} refusals={refusals} problems={problems} />
        <p>Will be removed when you save.</p>
        <button
          type="button"
          onClick={() => {
            onRemove(false);
          }}
        >
          Keep<span class="visually-hidden"> {name}</span> in the programme
        </button>
      </fieldset>
    );
  }
  const ranges = ex ? rangesFor(ex, item.dosage.unit) : null;
  const labels = doseLabels(item.dosage.unit);
  return (
    <fieldset
      class={`editor-item${invalid ? ' editor-invalid' : ''}`}
      aria-describedby={invalid ? errorId : undefined}
    >
      <legend>
        {name}
        {item.added && <span class="tag tag-new">New</span>}
      </legend>
      <Messages id={errorId} refusals={refusals} problems={problems} />
      {ranges ? (
        <div class="editor-dose">
          <NumberField
            id={`${id}-amount`}
            label={labels.amount}
            range={ranges.amount}
            value={item.dosage.amount}
            invalid={invalid}
            onChange={(amount) => {
              onChange({ amount });
            }}
          />
          <NumberField
            id={`${id}-repeats`}
            label={labels.repeats}
            range={ranges.repeats}
            value={item.dosage.repeats}
            invalid={invalid}
            onChange={(repeats) => {
              onChange({ repeats });
            }}
          />
          <NumberField
            id={`${id}-sets`}
            label={labels.sets}
            range={ranges.sets}
            value={item.dosage.sets}
            invalid={invalid}
            onChange={(sets) => {
              onChange({ sets });
            }}
          />
          <NumberField
            id={`${id}-times`}
            label={labels.timesPerDay}
            range={ranges.timesPerDay}
            value={item.timesPerDay}
            invalid={invalid}
            onChange={(timesPerDay) => {
              onChange({ timesPerDay });
            }}
          />
        </div>
      ) : (
        <p class="muted">This exercise is not in this version of the catalogue.</p>
      )}
      <label class="field" for={`${id}-note`}>
        Note to the person about {name} (optional)
      </label>
      <textarea
        id={`${id}-note`}
        maxLength={NOTE_MAX}
        rows={2}
        value={item.note}
        onInput={(e) => {
          onChange({ note: e.currentTarget.value });
        }}
      />
      <div class="actions">
        <button
          type="button"
          class="danger"
          onClick={() => {
            onRemove(true);
          }}
        >
          {item.added ? 'Don’t add' : 'Remove'}
          <span class="visually-hidden"> {name}</span>
        </button>
      </div>
    </fieldset>
  );
}

/** The server's refusals and the editor's own range checks for one exercise, beside it. */
function Messages({
  id,
  refusals,
  problems,
}: {
  id: string;
  refusals: ChangeRefusal[];
  problems: string[];
}) {
  if (refusals.length === 0 && problems.length === 0) return null;
  return (
    <div id={id} class="editor-messages">
      {refusals.map((r) => (
        <p key={`${r.rule}-${r.index}`} class="field-error refusal">
          Refused: {r.text}
        </p>
      ))}
      {problems.map((p) => (
        <p key={p} class="field-error">
          {p}
        </p>
      ))}
    </div>
  );
}

/** A whole number within a range: a fixed range shows as text, since there is nothing to choose. */
function NumberField({
  id,
  label,
  range,
  value,
  invalid,
  onChange,
}: {
  id: string;
  label: string;
  range: Range;
  value: number;
  invalid: boolean;
  onChange: (value: number) => void;
}) {
  if (range.min === range.max) {
    return (
      <div class="number-field number-fixed">
        <span class="field">{label}</span>
        <span>
          {range.min} <span class="muted small">(fixed)</span>
        </span>
      </div>
    );
  }
  const outside = !(Number.isInteger(value) && value >= range.min && value <= range.max);
  return (
    <div class="number-field">
      <label class="field" for={id}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={range.min}
        max={range.max}
        step={1}
        value={Number.isFinite(value) ? String(value) : ''}
        aria-describedby={`${id}-range`}
        aria-invalid={invalid && outside ? true : undefined}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          onChange(raw === '' ? Number.NaN : Number(raw));
        }}
      />
      <span class="hint" id={`${id}-range`}>
        {range.min} to {range.max}
      </span>
    </div>
  );
}

/** Pausing or resuming the programme, with a note the person reads. */
export function PauseControl({
  personId,
  programme,
  reload,
  onFailure,
}: {
  personId: string;
  programme: ClinicianProgramme;
  reload: Reload;
  onFailure: (failure: Failure) => void;
}) {
  const paused = programme.clinicianPause !== null;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const send = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const trimmed = note.trim();
      const answer = await clinicianApi.pause(personId, {
        paused: !paused,
        ...(trimmed ? { note: trimmed } : {}),
      });
      if (answer.ok) {
        setNote('');
        reload({
          at: 'programme',
          tone: 'success',
          text: paused
            ? 'The programme is running again. The person can start a sitting once nothing else stops it.'
            : 'The programme is paused: the person sees your pause and note, and no sitting starts until you resume it.',
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
    <details class="disclosure pause-control">
      <summary>{paused ? 'Resume the programme' : 'Pause the programme'}</summary>
      <div class="disclosure-body">
        <p class="small">
          {paused
            ? 'Resuming lets the person start sittings again. It never lifts a pause a warning sign set.'
            : 'Pausing stops the person’s sittings until a clinician resumes it. They see that you paused it, and your note.'}
        </p>
        <label class="field" for="pause-note">
          Note to the person (optional)
        </label>
        <textarea
          id="pause-note"
          maxLength={GENERAL_NOTE_MAX}
          rows={2}
          value={note}
          onInput={(e) => {
            setNote(e.currentTarget.value);
          }}
        />
        {failure && <FailureNotice failure={failure} />}
        <div class="actions">
          <button
            type="button"
            class={paused ? 'primary' : 'danger'}
            disabled={busy}
            onClick={() => void send()}
          >
            {paused ? 'Resume their programme' : 'Pause their programme'}
          </button>
        </div>
      </div>
    </details>
  );
}
