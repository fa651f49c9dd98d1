// One person's record for their clinician (#/clinic/person/<id>): the assessment in clinical terms, the
// programme with its editor and history, sittings with stop-rule events, check-ins, leg-raise angles by side,
// outcome measures, the one-page report and exports, and ending the link. Refused at once once the link ends.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { KEELE_NOTICE } from '../../engine/start-back.js';
import type { Gate } from '../../engine/triage.js';
import type { Phase } from '../../engine/intake.js';
import { useApp } from '../app-context.js';
import { PAIN_AREA_LABELS } from '../components/body-map.js';
import { FailureNotice, Notice, ScreenTitle } from '../components/common.js';
import {
  ApiFailure,
  clinicianApi,
  isNotLinked,
  type CheckinRow,
  type ClinicalAssessment,
  type ClinicianProgramme,
  type MeasurementRow,
  type OutcomeView,
  type PersonSummary,
  type ScheduleView,
  type SittingRow,
  type VersionView,
} from '../data/clinician-api.js';
import type { ExportFormat, Failure } from '../data/types.js';
import { useLoad } from '../hooks.js';
import { LEVEL_NAME } from '../level-words.js';
import { href, navigate } from '../router.js';
import { LineChart } from './clinic-charts.js';
import { ProgrammeEditor, PauseControl } from './clinic-editor.js';
import type { ActionMessage, Reload } from './clinic-reload.js';
import { OutcomesSection } from './clinic-outcomes.js';
import {
  day,
  NeedBadge,
  NotLinkedNotice,
  OfflineNotice,
  ScrollTable,
  time,
  WarningFactBlock,
} from './clinic-parts.js';
import { authorWords, changeWords, detailWords, doseWords } from './clinic-words.js';
import { dosageWords } from '../../words/index.js';
import { exerciseName } from './clinic-names.js';
import { saveFile } from './report-download.js';

const GATE_WORDS: Record<Gate, string> = {
  allowed: 'Exercise allowed',
  'gentle-only': 'Gentle exercise only, at the lowest dose',
  'not-now': 'No exercise for now',
};

const PHASE_WORDS: Record<Phase, string> = {
  acute: 'acute (under 6 weeks)',
  subacute: 'subacute (6 to 12 weeks)',
  chronic: 'persistent (over 12 weeks)',
};

/** Everything on the page, loaded together after the summary (which marks the person as looked at). */
interface PersonRecord {
  summary: PersonSummary;
  checkins: CheckinRow[];
  sittings: SittingRow[];
  measurements: MeasurementRow[];
  outcomes: { items: OutcomeView[]; due: ScheduleView[] };
  versions: VersionView[];
}

/** The record, or that the person is not linked (the link ended, or never was): then nothing is shown. */
async function loadRecord(personId: string): Promise<PersonRecord | 'not-linked'> {
  try {
    return await loadAll(personId);
  } catch (error) {
    if (error instanceof ApiFailure && isNotLinked(error.failure)) return 'not-linked';
    throw error;
  }
}

async function loadAll(personId: string): Promise<PersonRecord> {
  const summary = await clinicianApi.summary(personId);
  const [checkins, sittings, measurements, outcomes, versions] = await Promise.all([
    clinicianApi.checkins(personId),
    clinicianApi.sittings(personId),
    clinicianApi.measurements(personId),
    clinicianApi.outcomes(personId),
    clinicianApi.versions(personId),
  ]);
  return {
    summary,
    checkins: checkins.items,
    sittings: sittings.items,
    measurements: measurements.items,
    outcomes,
    versions: versions.items,
  };
}

/** The page's parts, for the list of links at the top (the hash holds the route, so they move focus). */
const SECTIONS = [
  ['assessment', 'Assessment'],
  ['programme', 'Programme'],
  ['history', 'History'],
  ['sittings', 'Sittings'],
  ['checkins', 'Check-ins'],
  ['leg-raise', 'Leg raise'],
  ['outcomes', 'Outcomes'],
  ['report', 'Report and exports'],
  ['end-link', 'End link'],
] as const;

export default function ClinicPerson({ personId }: { personId: string }) {
  const { online } = useApp();
  const [round, setRound] = useState(0);
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const state = useLoad(
    async () => (online ? loadRecord(personId) : null),
    [personId, round, online],
  );
  const reload: Reload = (next) => {
    setMessage(next ?? null);
    setRound((r) => r + 1);
  };
  // A failure of any request: the link ended (or never was) is said plainly, with nothing else shown.
  const [refusal, setRefusal] = useState<Failure | null>(null);
  const onFailure = (failure: Failure) => {
    if (isNotLinked(failure)) setRefusal(failure);
  };
  useEffect(() => {
    setRefusal(null);
  }, [personId]);

  const value = state.status === 'ready' ? state.value : null;
  // While it reloads after a change, the record as it was stays on screen (and the place on the page).
  const [last, setLast] = useState<PersonRecord | null>(null);
  const fresh = value === 'not-linked' ? null : value;
  useEffect(() => {
    // Only a record replaces the kept one: while the next loads (fresh is null) the last stays, so the
    // page neither flashes "Loading…" nor unmounts a form someone is typing in.
    if (fresh) setLast(fresh);
  }, [fresh]);
  useEffect(() => {
    setLast(null);
    setMessage(null);
  }, [personId]);
  const loaded = fresh ?? (state.status === 'loading' ? last : null);
  useEffect(() => {
    if (loaded) document.title = `${loaded.summary.person.email} · Backchain`;
  }, [loaded?.summary.person.email]);

  const notLinked = refusal !== null || value === 'not-linked';

  return (
    <section aria-labelledby="screen-title" class="clinic clinic-person">
      <p class="clinic-back">
        <a href={href('clinic')}>← Your people</a>
      </p>
      <ScreenTitle>{loaded ? loaded.summary.person.email : 'A person’s record'}</ScreenTitle>
      {!online && <OfflineNotice />}
      {notLinked ? (
        <NotLinkedNotice />
      ) : loaded ? (
        <RecordBody
          personId={personId}
          record={loaded}
          reload={reload}
          message={message}
          onFailure={onFailure}
        />
      ) : state.status === 'loading' ? (
        <p class="muted">Loading…</p>
      ) : state.status === 'failed' ? (
        <Notice tone="danger" title="The record could not be loaded">
          <p>{state.message}</p>
        </Notice>
      ) : null}
    </section>
  );
}

function RecordBody({
  personId,
  record,
  reload,
  message,
  onFailure,
}: {
  personId: string;
  record: PersonRecord;
  reload: Reload;
  message: ActionMessage | null;
  onFailure: (failure: Failure) => void;
}) {
  const { summary } = record;
  return (
    <>
      <div class="person-summary">
        <NeedBadge need={summary.need} />
        <p class="muted">
          Linked since {day(summary.person.linkedSince)}.{' '}
          {summary.need.kind !== 'none' && detailWords(summary.need.detail, day)}
        </p>
      </div>
      {summary.warning && (
        <section class="card" aria-label="Standing warning">
          <WarningFactBlock warning={summary.warning} headingLevel={2} />
          <p class="small">
            The person saw this advice on their own screen at once, and their programme is paused
            until they answer the questions again.
          </p>
        </section>
      )}
      <nav class="clinic-sections" aria-label="Parts of this record">
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a
                href={`#${id}`}
                onClick={(event) => {
                  event.preventDefault();
                  const heading = document.getElementById(`${id}-title`);
                  heading?.scrollIntoView({ block: 'start' });
                  heading?.focus({ preventScroll: true });
                }}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <AssessmentSection assessment={summary.assessment} />
      <ProgrammeSection
        personId={personId}
        summary={summary}
        reload={reload}
        message={message?.at === 'programme' ? message : null}
        onFailure={onFailure}
      />
      <HistorySection versions={record.versions} />
      <SittingsSection sittings={record.sittings} />
      <CheckinsSection checkins={record.checkins} />
      <LegRaiseSection measurements={record.measurements} />
      <OutcomesSection
        personId={personId}
        outcomes={record.outcomes}
        reload={reload}
        message={message?.at === 'outcomes' ? <MessageNotice message={message} /> : null}
        onFailure={onFailure}
      />
      <ReportSection personId={personId} onFailure={onFailure} />
      <EndLinkSection personId={personId} email={summary.person.email} onFailure={onFailure} />
    </>
  );
}

/** A section with its heading, which the links at the top focus. */
function Part({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="clinic-part" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function AssessmentSection({ assessment: a }: { assessment: ClinicalAssessment | null }) {
  if (!a) {
    return (
      <Part id="assessment" title="Assessment">
        <p>No assessment yet: the person has not answered the questions.</p>
      </Part>
    );
  }
  const sorted = [...a.contributors].sort((x, y) => y.score - x.score);
  const likely = sorted.filter((c) => c.likelihood !== 'unlikely');
  const unlikely = sorted.filter((c) => c.likelihood === 'unlikely');
  const codes = [
    ...new Map(
      a.contributors
        .filter((c) => c.likelihood !== 'unlikely')
        .flatMap((c) => c.icd10)
        .map((c) => [c.code, c]),
    ).values(),
  ];
  return (
    <Part id="assessment" title="Assessment">
      <p class="muted small">
        Answered {day(a.createdAt)} at {time(a.createdAt)} · knowledge base {a.knowledgeBase}
      </p>
      <dl class="clinic-facts">
        <div>
          <dt>Triage level</dt>
          <dd>
            <span class={`level-chip level-tone-${a.level}`}>{LEVEL_NAME[a.level]}</span>
          </dd>
        </div>
        <div>
          <dt>Exercise gate</dt>
          <dd>
            {GATE_WORDS[a.gate]} <span class="code">({a.gate})</span>
          </dd>
        </div>
        <div>
          <dt>Phase</dt>
          <dd>{PHASE_WORDS[a.phase]}</dd>
        </div>
        <div>
          <dt>ICD-10</dt>
          <dd>
            {codes.length === 0
              ? 'None suggested'
              : codes.map((c, i) => (
                  <span key={c.code}>
                    {i > 0 && '; '}
                    <span class="code">{c.code}</span> {c.display}
                  </span>
                ))}
          </dd>
        </div>
      </dl>
      <h3>Reasons</h3>
      {a.reasons.length === 0 ? (
        <p>No triage rule fired.</p>
      ) : (
        <ul>
          {a.reasons.map((r) => (
            <li key={r.code}>
              <span class="code">{r.code}</span>: {r.text}
            </li>
          ))}
        </ul>
      )}
      <p>
        <strong>Advice given:</strong> {a.advice}
      </p>
      <h3>Contributors</h3>
      <ContributorList contributors={likely} />
      {unlikely.length > 0 && (
        <details class="disclosure">
          <summary>Unlikely contributors ({unlikely.length})</summary>
          <div class="disclosure-body">
            <ContributorList contributors={unlikely} />
          </div>
        </details>
      )}
      <h3>Keele STarT Back</h3>
      {a.startBack ? (
        <p>
          Total {a.startBack.total} of 9, distress subscale {a.startBack.distress} of 5:{' '}
          <strong>{a.startBack.risk} risk</strong>.
        </p>
      ) : (
        <p>Not answered (the questions are optional).</p>
      )}
      <p class="small muted">{KEELE_NOTICE} Commercial use needs Keele University’s permission.</p>
    </Part>
  );
}

/** Contributors as cards: name, likelihood and score, the evidence behind the mechanism, ICD-10, the answers. */
function ContributorList({ contributors }: { contributors: ClinicalAssessment['contributors'] }) {
  if (contributors.length === 0) return <p>None stood out from the answers.</p>;
  return (
    <ul class="contributor-list">
      {contributors.map((c) => (
        <li key={c.id} class="contributor">
          <p class="contributor-head">
            <strong>{c.name}</strong>{' '}
            <span class={`likelihood likelihood-${c.likelihood}`}>{c.likelihood}</span>{' '}
            <span class="muted small">score {c.score.toFixed(2)}</span>
          </p>
          <p class="small muted">
            {c.evidenceStrength &&
              `Evidence for the mechanism: ${c.evidenceStrength.replace('-', ' ')}. `}
            ICD-10:{' '}
            {c.icd10.length === 0
              ? 'none'
              : c.icd10.map((i, n) => (
                  <span key={i.code}>
                    {n > 0 && '; '}
                    <span class="code">{i.code}</span> {i.display}
                  </span>
                ))}
          </p>
          {c.evidence.length > 0 && (
            <ul class="evidence small">
              {c.evidence.map((e) => (
                <li key={`${e.answer}-${e.text}`}>
                  <span class={`effect effect-${e.effect}`}>
                    {e.effect === 'for' ? '+ for' : '− against'}
                  </span>{' '}
                  {e.text}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/** What an action said, at the top of its part of the page, focused so it is seen and heard. */
function MessageNotice({ message }: { message: ActionMessage }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [message]);
  return (
    <div ref={ref} class={`notice notice-${message.tone}`} role="status" tabIndex={-1}>
      <p>{message.text}</p>
    </div>
  );
}

function ProgrammeSection({
  personId,
  summary,
  reload,
  message,
  onFailure,
}: {
  personId: string;
  summary: PersonSummary;
  reload: Reload;
  message: ActionMessage | null;
  onFailure: (failure: Failure) => void;
}) {
  const p = summary.programme;
  if (!p) {
    return (
      <Part id="programme" title="Programme">
        <p>No programme yet: it is made when the person answers the questions.</p>
      </Part>
    );
  }
  return (
    <Part id="programme" title="Programme">
      {message && <MessageNotice message={message} />}
      <p class="muted small">
        Version {summary.versionNumber ?? 1} · made {day(p.createdAt)} · gate: {GATE_WORDS[p.gate]}
      </p>
      <ProgrammeState programme={p} />
      {p.items.length === 0 ? (
        <p>There are no exercises in the programme.</p>
      ) : (
        <ul class="clinic-items">
          {p.items.map((item) => (
            <li key={item.exerciseId}>
              <p class="clinic-item-name">{exerciseName(item.exerciseId)}</p>
              <p>{dosageWords(item.dosage, item.timesPerDay)}</p>
              {item.note && (
                <p class="clinic-note">
                  <strong>Note to the person:</strong> {item.note}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <PauseControl personId={personId} programme={p} reload={reload} onFailure={onFailure} />
      <ProgrammeEditor
        personId={personId}
        programme={p}
        versionNumber={summary.versionNumber ?? 1}
        reload={reload}
        onFailure={onFailure}
      />
    </Part>
  );
}

/** What limits the programme now: a warning's pause, a clinician's pause, backing off, dropped exercises. */
function ProgrammeState({ programme: p }: { programme: ClinicianProgramme }) {
  const lines: { tone: 'danger' | 'warning' | 'info'; text: string }[] = [];
  if (p.pausedBy) {
    lines.push({
      tone: 'danger',
      text: `Paused by a warning sign (${LEVEL_NAME[p.pausedBy.level]}): no sittings, and no changes, until the person answers the questions again.`,
    });
  }
  if (p.clinicianPause) {
    const c = p.clinicianPause;
    lines.push({
      tone: 'warning',
      text: `Paused by ${c.name} on ${day(c.since)}. No sittings until a clinician resumes it.${c.note ? ` The note to the person: “${c.note}”` : ''}`,
    });
  }
  if (p.backOff) {
    lines.push({
      tone: 'warning',
      text:
        p.backOff.reason === 'spread'
          ? `Backing off since ${day(p.backOff.since)}: pain spread down the leg in a sitting. Gentle exercises only, at the lowest dose, none that tension the sciatic nerve, until the leg settles.`
          : `Backing off since ${day(p.backOff.since)}: new leg symptoms at a check-in. Gentle exercises only, at the lowest dose, until the person is reassessed.`,
    });
  }
  if (p.dropped.length > 0) {
    lines.push({
      tone: 'info',
      text: `Taken out by the stop rules after pain in a sitting: ${p.dropped.map(exerciseName).join(', ')}.`,
    });
  }
  if (lines.length === 0) return <p>Running: nothing limits it now.</p>;
  return (
    <ul class="clinic-state">
      {lines.map((l) => (
        <li key={l.text} class={`notice notice-${l.tone}`}>
          {l.text}
        </li>
      ))}
    </ul>
  );
}

function HistorySection({ versions }: { versions: VersionView[] }) {
  return (
    <Part id="history" title="Programme history">
      {versions.length === 0 ? (
        <p>No versions yet.</p>
      ) : (
        <ol class="version-list" reversed>
          {versions.map((v) => (
            <li key={v.number} class="version">
              <p class="version-head">
                <strong>Version {v.number}</strong> · {day(v.createdAt)} at {time(v.createdAt)} ·{' '}
                {authorWords(v.author)}
                {v.author.role === 'clinician' && (
                  <span class="muted">
                    {' '}
                    ·{' '}
                    {v.seenAt
                      ? `seen by the person ${day(v.seenAt)}`
                      : 'not seen by the person yet'}
                  </span>
                )}
              </p>
              {v.changes.length === 0 ? (
                !v.note && <p class="small muted">The programme as built from the assessment.</p>
              ) : (
                <ul class="small">
                  {v.changes.map((c, i) => (
                    <li key={i}>{changeWords(c, exerciseName)}</li>
                  ))}
                </ul>
              )}
              {v.note && (
                <p class="clinic-note">
                  <strong>Note to the person:</strong> {v.note}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Part>
  );
}

const SHOWN = 10;

function SittingsSection({ sittings }: { sittings: SittingRow[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? sittings : sittings.slice(0, SHOWN);
  return (
    <Part id="sittings" title="Sittings">
      {sittings.length === 0 ? (
        <p>No sittings yet.</p>
      ) : (
        <>
          <p class="muted small">
            {sittings.length} {sittings.length === 1 ? 'sitting' : 'sittings'}, newest first.
          </p>
          <ul class="sitting-list">
            {shown.map((s) => (
              <li key={s.sittingId} class="sitting">
                <p class="sitting-head">
                  <strong>{day(s.date)}</strong>
                  {s.startedAt ? ` at ${time(s.startedAt)}` : ''} · {s.entries.length}{' '}
                  {s.entries.length === 1 ? 'exercise' : 'exercises'}
                </p>
                <ul class="small">
                  {s.entries.map((e, i) => (
                    <li key={`${e.exerciseId}-${i}`}>
                      {exerciseName(e.exerciseId)}
                      {entryEvents(e).map((ev) => (
                        <span key={ev} class="stop-event">
                          {' '}
                          · {ev}
                        </span>
                      ))}
                    </li>
                  ))}
                </ul>
                {(s.events.length > 0 || s.warningCheckRequired) && (
                  <ul class="small stop-events">
                    {s.events.map((ev, i) => (
                      <li key={i}>
                        Stop rules: {exerciseName(ev.exerciseId)}{' '}
                        {ev.change === 'dropped'
                          ? 'was taken out'
                          : ev.change === 'replaced'
                            ? `was replaced by ${ev.by ? exerciseName(ev.by) : 'an easier exercise'}`
                            : ev.by
                              ? `progressed to ${exerciseName(ev.by)}`
                              : `progressed to ${doseWords({ dosage: ev.dosage }) ?? 'a higher dose'}`}
                        .
                      </li>
                    ))}
                    {s.warningCheckRequired && (
                      <li>
                        New numbness or weakness: the warning-sign questions were asked again.
                      </li>
                    )}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {sittings.length > SHOWN && (
            <button
              type="button"
              onClick={() => {
                setAll(!all);
              }}
            >
              {all ? 'Show the latest only' : `Show all ${sittings.length} sittings`}
            </button>
          )}
        </>
      )}
    </Part>
  );
}

/** What the stop rules heard about one exercise, in words. */
function entryEvents(e: SittingRow['entries'][number]): string[] {
  const out: string[] = [];
  if (e.painSharper) out.push('pain got sharper');
  if (e.painSpread) out.push('pain spread down the leg');
  if (e.newNumbnessOrWeakness === true) out.push('new numbness or weakness');
  if (e.tooEasy === true) out.push('too easy');
  return out;
}

function CheckinsSection({ checkins }: { checkins: CheckinRow[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? checkins : checkins.slice(0, 14);
  return (
    <Part id="checkins" title="Check-ins">
      {checkins.length === 0 ? (
        <p>No check-ins yet.</p>
      ) : (
        <>
          <ScrollTable label="Check-ins">
            <table class="clinic-table">
              <caption class="visually-hidden">Check-ins, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Pain 0–10</th>
                  <th scope="col">Where</th>
                  <th scope="col">Warning signs</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <tr key={c.id} class={c.triage ? 'row-warning' : undefined}>
                    <th scope="row">{day(c.date)}</th>
                    <td>{c.painNow ?? '—'}</td>
                    <td>
                      {c.painAreas
                        ? c.painAreas
                            .map((a) => PAIN_AREA_LABELS[a as keyof typeof PAIN_AREA_LABELS] ?? a)
                            .join(', ')
                        : '—'}
                      {c.legSide && c.legSide !== 'none' ? ` (${c.legSide})` : ''}
                    </td>
                    <td>
                      {c.triage ? (
                        <>
                          <strong>{LEVEL_NAME[c.triage.level]}:</strong>{' '}
                          {c.triage.reasons.map((r) => r.text).join(' ')}
                        </>
                      ) : (
                        'None'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          {checkins.length > 14 && (
            <button
              type="button"
              onClick={() => {
                setAll(!all);
              }}
            >
              {all ? 'Show the latest only' : `Show all ${checkins.length} check-ins`}
            </button>
          )}
        </>
      )}
    </Part>
  );
}

function LegRaiseSection({ measurements }: { measurements: MeasurementRow[] }) {
  const slr = measurements.filter((m) => m.kind === 'slr-angle');
  const side = (s: 'left' | 'right') =>
    slr.filter((m) => m.side === s).map((m) => ({ date: m.date, value: m.value }));
  const left = side('left');
  const right = side('right');
  const latest = (points: { date: string; value: number }[]) =>
    [...points].sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  const words = (label: string, points: { date: string; value: number }[]) => {
    const last = latest(points);
    return last
      ? `${label}: ${points.length} ${points.length === 1 ? 'measurement' : 'measurements'}, latest ${last.value}° on ${day(last.date)}.`
      : `${label}: not measured.`;
  };
  return (
    <Part id="leg-raise" title="Straight-leg raise angles">
      {slr.length === 0 ? (
        <p>No leg-raise angles measured yet.</p>
      ) : (
        <LineChart
          series={[
            { label: 'Left leg', points: left },
            { label: 'Right leg', points: right },
          ]}
          range={{
            min: 0,
            max: Math.max(90, Math.ceil(Math.max(...slr.map((m) => m.value)) / 10) * 10),
          }}
          unit="°"
          summary={`${words('Left', left)} ${words('Right', right)}`}
        >
          <details class="disclosure">
            <summary>The angles as a table</summary>
            <div class="disclosure-body">
              <ScrollTable label="Leg-raise angles">
                <table class="clinic-table">
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Side</th>
                      <th scope="col">Angle</th>
                    </tr>
                  </thead>
                  <tbody>
                    {slr.map((m) => (
                      <tr key={m.id}>
                        <th scope="row">{day(m.date)}</th>
                        <td>{m.side ?? '—'}</td>
                        <td>{m.value}°</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            </div>
          </details>
        </LineChart>
      )}
    </Part>
  );
}

const EXPORTS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'fhir', label: 'FHIR bundle', hint: 'for a health record system' },
  { format: 'json', label: 'JSON', hint: 'everything, for scripts' },
  { format: 'csv', label: 'CSV', hint: 'check-ins and sittings, for a spreadsheet' },
];

function ReportSection({
  personId,
  onFailure,
}: {
  personId: string;
  onFailure: (failure: Failure) => void;
}) {
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const download = async (format: ExportFormat) => {
    setFailure(null);
    setSaved(null);
    const answer = await clinicianApi.exportFile(personId, format);
    if (!answer.ok) {
      onFailure(answer.error);
      setFailure(answer.error);
      return;
    }
    saveFile(answer.value.filename, answer.value.type, answer.value.body);
    setSaved(`Saved ${answer.value.filename} to your downloads.`);
  };
  return (
    <Part id="report" title="Report and exports">
      <p>
        The one-page report sums up the assessment, the programme and progress, ready to print or
        save as PDF. The exports hold the whole record. Each is written to the person’s record of
        who looked at it.
      </p>
      <div class="actions">
        <a class="button primary" href={href('clinic', 'person', personId, 'report')}>
          One-page report
        </a>
      </div>
      {failure && <FailureNotice failure={failure} />}
      <ul class="export-list">
        {EXPORTS.map((e) => (
          <li key={e.format}>
            <button type="button" onClick={() => void download(e.format)}>
              Download {e.label}
            </button>{' '}
            <span class="small muted">{e.hint}</span>
          </li>
        ))}
      </ul>
      <p role="status" class="small">
        {saved ?? ''}
      </p>
    </Part>
  );
}

function EndLinkSection({
  personId,
  email,
  onFailure,
}: {
  personId: string;
  email: string;
  onFailure: (failure: Failure) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const end = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await clinicianApi.endLink(personId);
      if (answer.ok) {
        navigate('clinic');
        return;
      }
      onFailure(answer.error);
      setFailure(answer.error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Part id="end-link" title="End the link">
      <p>
        Ending the link stops your access to {email}’s record at once. They keep their record and
        their programme, with your changes, and are told that you ended it.
      </p>
      {failure && <FailureNotice failure={failure} />}
      {confirming ? (
        <div class="delete-confirm">
          <p>
            <strong>End the link with {email}?</strong> To follow them again you would need a new
            invitation, which they would have to accept.
          </p>
          <div class="actions">
            <button type="button" class="danger" disabled={busy} onClick={() => void end()}>
              End the link
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <button
            type="button"
            class="danger"
            onClick={() => {
              setConfirming(true);
            }}
          >
            End link…
          </button>
        </div>
      )}
    </Part>
  );
}
