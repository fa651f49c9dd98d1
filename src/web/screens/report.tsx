// The Report screen: a one-page summary to print or save as PDF for a clinician, and the record's exports (FHIR, JSON, CSV).
import { useState } from 'preact/hooks';
import { KEELE_NOTICE } from '../../engine/start-back.js';
import { knowledgeBase } from '../kb.js';
import { useApp } from '../app-context.js';
import { FailureNotice, Load, Notice, ScreenTitle } from '../components/common.js';
import type { ExportFormat, Failure, TodayView } from '../data/types.js';
import { localToday, useLoad } from '../hooks.js';
import { href } from '../router.js';
import { saveFile } from './report-download.js';
import { LEVEL_HEADLINE } from '../../words/index.js';
import {
  buildReport,
  type ReportModel,
  type ReportRow,
  type ReportTriage,
} from './report-summary.js';
import './report.css';

export default function Report() {
  const { repo, version } = useApp();
  const state = useLoad<{ report: ReportModel; warning: TodayView['warning'] }>(async () => {
    const [assessment, programme, progress, today] = await Promise.all([
      repo.latestAssessment(),
      repo.programme(),
      // Progress needs the server or the device's engine; the report still prints without it.
      repo.progress(localToday()).catch(() => null),
      repo.today(localToday()).catch(() => null),
    ]);
    const report = buildReport({
      assessment,
      programme,
      progress,
      kb: knowledgeBase,
      today: localToday(),
    });
    return { report, warning: today?.warning ?? null };
  }, [repo, version]);
  return (
    <article class="report" aria-labelledby="screen-title">
      <ScreenTitle>Back pain summary for a clinician</ScreenTitle>
      <Load state={state}>
        {({ report, warning }) => <ReportBody report={report} warning={warning} />}
      </Load>
      <Exports />
    </article>
  );
}

/** The one-page summary itself; the clinician’s copy of a person’s report shows it too. */
export function ReportBody({
  report,
  warning,
}: {
  report: ReportModel;
  warning: TodayView['warning'];
}) {
  if (!report.triage && warning) {
    // The questions stopped at a warning sign before they were complete: that is all there is to show.
    return (
      <>
        <TriageBlock
          triage={{
            level: warning.level,
            heading: LEVEL_HEADLINE[warning.level],
            advice: warning.advice,
            reasons: warning.reasons.map((r) => r.text),
          }}
          id="report-warning"
          title="Warning signs reported"
        />
        <p>
          The questions stopped at this answer, so there is nothing else to sum up yet. Show this to
          the doctor or nurse who sees you.
        </p>
      </>
    );
  }
  if (!report.triage) {
    return (
      <Notice title="Nothing to report yet">
        <p>The report sums up your answers, programme and progress. Answer the questions first.</p>
        <p>
          <a href={href('intake')}>Start the questions</a>
        </p>
      </Notice>
    );
  }
  return (
    <>
      <p class="report-meta">
        {report.prepared}. Based on the answers of {report.assessedOn}
        {report.versions ? `, ${report.versions}` : ''}.
      </p>
      <TriageBlock triage={report.triage} id="report-triage" title="How soon to get care" />
      {report.pause && (
        <TriageBlock
          triage={report.pause}
          id="report-pause"
          title="Since then: a check-in paused the programme"
        />
      )}
      <div class="actions no-print">
        <button
          type="button"
          class="primary"
          onClick={() => {
            window.print();
          }}
        >
          Print or save as PDF
        </button>
      </div>
      <p class="hint no-print">
        The summary fits on one page. To keep a PDF, choose “Save as PDF” as the printer. No name is
        printed: write it on the page if your clinician needs it.
      </p>
      <div class="report-columns">
        <section aria-labelledby="report-answers" class="report-section">
          <h2 id="report-answers">Answers that matter</h2>
          <Rows rows={report.answers} />
        </section>
        <section aria-labelledby="report-contributors" class="report-section">
          <h2 id="report-contributors">Likely contributors</h2>
          {report.contributors.length === 0 ? (
            <p>None stood out from the answers.</p>
          ) : (
            <ul class="report-contributors">
              {report.contributors.map((c) => (
                <li key={c.name}>
                  <strong>{c.name}</strong>: {c.likelihood.toLowerCase()}, {c.evidence}.
                  {c.why.length > 0 && (
                    <span class="report-why">
                      {' '}
                      Why: {c.why.join(' ')}
                      {c.moreWhy > 0 &&
                        ` (And ${c.moreWhy} more answer${c.moreWhy === 1 ? '' : 's'} pointing to it.)`}
                    </span>
                  )}
                  {c.icd10 && <span class="report-code"> ICD-10 {c.icd10}.</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <div class="report-columns">
        {report.programme && (
          <section aria-labelledby="report-programme" class="report-section">
            <h2 id="report-programme">Current programme</h2>
            <p>{report.programme.summary}</p>
            {report.programme.items.length > 0 ? (
              <table class="report-table">
                <thead>
                  <tr>
                    <th scope="col">Exercise</th>
                    <th scope="col">Dose</th>
                  </tr>
                </thead>
                <tbody>
                  {report.programme.items.map((i) => (
                    <tr key={i.name}>
                      <td>{i.name}</td>
                      <td>{i.dosage}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>No exercises at present.</p>
            )}
            {report.programme.dropped.length > 0 && (
              <p>
                <strong>Stopped by the stop rules</strong> (pain sharpened or spread down the leg
                during or after it): {report.programme.dropped.join(', ')}.
              </p>
            )}
            {report.programme.selfCare.length > 0 && (
              <p>
                <strong>Self-care:</strong> {report.programme.selfCare.join(', ')}.
              </p>
            )}
          </section>
        )}
        {report.progress.length > 0 && (
          <section aria-labelledby="report-progress" class="report-section">
            <h2 id="report-progress">Progress</h2>
            <Rows rows={report.progress} />
          </section>
        )}
      </div>
      <section aria-labelledby="report-disclaimer" class="report-disclaimer">
        <h2 id="report-disclaimer">About this summary</h2>
        <p>
          Backchain is a self-care and triage aid, not a diagnosis. This page was made from the
          person’s own answers and daily check-ins, using rules and sources listed in the knowledge
          base {knowledgeBase.version} (among them NICE guideline NG59 and the NICE Clinical
          Knowledge Summaries). Contributors are possibilities weighed from the answers, with the
          honest strength of the evidence behind each; please use your own clinical judgement.
          {report.answers.some((r) => r.label === 'STarT Back') && ` ${KEELE_NOTICE}`}
        </p>
      </section>
    </>
  );
}

function TriageBlock({ triage, id, title }: { triage: ReportTriage; id: string; title: string }) {
  return (
    <section aria-labelledby={id} class={`report-section report-level level-${triage.level}`}>
      <h2 id={id}>{title}</h2>
      <p class="report-level-name">{triage.heading}</p>
      {triage.reasons.length > 0 && (
        <ul>
          {triage.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <p>{triage.advice}</p>
    </section>
  );
}

function Rows({ rows }: { rows: ReportRow[] }) {
  return (
    <dl class="report-rows">
      {rows.map((r) => (
        <div key={r.label}>
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

const EXPORTS: { format: ExportFormat; label: string; what: string }[] = [
  {
    format: 'fhir',
    label: 'Download FHIR record',
    what: 'for health-record systems (FHIR R4, the standard many clinics use)',
  },
  { format: 'json', label: 'Download JSON', what: 'everything, as one data file' },
  { format: 'csv', label: 'Download CSV', what: 'check-ins and sessions, for a spreadsheet' },
];

function Exports() {
  const { repo } = useApp();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const download = async (format: ExportFormat) => {
    setBusy(format);
    setSaved(null);
    setFailure(null);
    try {
      const outcome = await repo.exportFile(format);
      if (outcome.ok) {
        saveFile(outcome.value.filename, outcome.value.type, outcome.value.body);
        setSaved(`Saved ${outcome.value.filename} to your downloads.`);
      } else {
        setFailure(outcome.error);
      }
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="report-exports" class="no-print report-exports">
      <h2 id="report-exports">Your record as a file</h2>
      <p>
        {repo.mode === 'device'
          ? 'The files are made here on this device; nothing is sent anywhere.'
          : 'The files come from your account on the server.'}{' '}
        Give them to a clinician, or keep them as a copy of your record.
      </p>
      <ul class="report-export-list">
        {EXPORTS.map((e) => (
          <li key={e.format}>
            <button
              type="button"
              disabled={busy !== null}
              aria-describedby={`export-${e.format}-what`}
              onClick={() => {
                void download(e.format);
              }}
            >
              {e.label}
            </button>{' '}
            <span class="muted small" id={`export-${e.format}-what`}>
              {e.what}
            </span>
          </li>
        ))}
      </ul>
      <p role="status">{busy ? 'Preparing the file…' : (saved ?? '')}</p>
      {failure && <FailureNotice failure={failure} />}
    </section>
  );
}
