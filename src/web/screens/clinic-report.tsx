// A person's one-page report as their clinician prints it (#/clinic/person/<id>/report): the same summary the
// person prints for a clinician, made from the report data the clinician's route returns.
import { useEffect } from 'preact/hooks';
import { knowledgeBase } from '../kb.js';
import { useApp } from '../app-context.js';
import { Notice, ScreenTitle } from '../components/common.js';
import { ApiFailure, clinicianApi, isNotLinked } from '../data/clinician-api.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';
import { NotLinkedNotice, OfflineNotice } from './clinic-parts.js';
import { ReportBody } from './report.js';
import { buildReport } from './report-summary.js';

export default function ClinicReport({ personId }: { personId: string }) {
  const { online } = useApp();
  const state = useLoad(async () => {
    if (!online) return null;
    try {
      const [data, summary] = await Promise.all([
        clinicianApi.report(personId),
        clinicianApi.summary(personId),
      ]);
      return {
        email: summary.person.email,
        warning: summary.warning,
        report: buildReport({ ...data, kb: knowledgeBase }),
      };
    } catch (error) {
      if (error instanceof ApiFailure && isNotLinked(error.failure)) return 'not-linked' as const;
      throw error;
    }
  }, [personId, online]);
  const value = state.status === 'ready' ? state.value : null;
  const loaded = value === 'not-linked' ? null : value;
  useEffect(() => {
    if (loaded) document.title = `Report: ${loaded.email} · Backchain`;
  }, [loaded?.email]);
  return (
    <article class="report clinic" aria-labelledby="screen-title">
      <p class="clinic-back no-print">
        <a href={href('clinic', 'person', personId)}>← Back to the record</a>
      </p>
      <ScreenTitle>
        Back pain summary{loaded ? <span class="report-for">: {loaded.email}</span> : null}
      </ScreenTitle>
      {!online && <OfflineNotice />}
      {value === 'not-linked' ? (
        <NotLinkedNotice />
      ) : state.status === 'loading' ? (
        <p class="muted">Loading…</p>
      ) : state.status === 'failed' ? (
        <Notice tone="danger" title="The report could not be loaded">
          <p>{state.message}</p>
        </Notice>
      ) : loaded ? (
        <ReportBody report={loaded.report} warning={loaded.warning} />
      ) : null}
    </article>
  );
}
