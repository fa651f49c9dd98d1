// The first screen: what Backchain is, and the way in (the questions, or back to an existing programme).
// A standing warning leads it, with no way to a session, until the questions are answered again.
import { useApp } from '../app-context.js';
import { Notice, ScreenTitle } from '../components/common.js';
import { WarningPanel } from '../components/level-panel.js';
import { ClinicianPauseNotice } from '../components/clinician-pause.js';
import { api } from '../data/http.js';
import { kvGet } from '../data/idb.js';
import {
  programmeNewsOf,
  type ClinicianPauseView,
  type LinkView,
  type ProgrammeVersionView,
  type Repo,
  type TodayView,
} from '../data/types.js';
import { localToday, useLoad } from '../hooks.js';
import { href } from '../router.js';
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { HOME_LEAD, HOME_PICTURE_TITLE, HOW_IT_WORKS, type StepIconKind } from './home-copy.js';

export default function Home() {
  const { repo, version, account } = useApp();
  // Only a returning person has data; loading it waits until the engine has loaded, off the first paint.
  const latest = useLoad(async () => {
    if (repo.mode === 'device' && !(await hasDeviceData())) return null;
    const [assessment, today, due] = await Promise.all([
      repo.latestAssessment(),
      repo.today(localToday()),
      // What a clinician asked for; never a reason for Home not to load (a clinician account has none).
      repo.outcomes().then(
        (o) =>
          o?.due.filter(
            (d) => !d.done && d.instrument !== 'oswestry-total' && d.dueDate <= localToday(),
          ) ?? [],
        () => [],
      ),
    ]);
    const pause = await clinicianPauseOf(repo, today);
    const asked =
      due.length > 0
        ? { words: await askedWords(due.map((d) => d.instrument)), count: due.length }
        : null;
    return { assessment, today, pause, asked };
  }, [repo, version]);
  const [newsSeen, setNewsSeen] = useState(false);
  const loaded = latest.status === 'ready' ? latest.value : null;
  const today = loaded?.today ?? null;
  const returning = loaded !== null && loaded.assessment !== null;
  // A warning sign's advice leads, alone: no news or request stands before it.
  if (today?.warning) return <StandingWarning today={today} hasAssessment={returning} />;
  const news = newsSeen ? [] : programmeNewsOf(today);
  return (
    <section aria-labelledby="screen-title" class="home">
      <div class="home-hero">
        <div class="home-hero-text">
          <ScreenTitle>Back pain that runs down the back of the thigh</ScreenTitle>
          <p class="lead">{HOME_LEAD}</p>
        </div>
        <HeroPicture />
      </div>
      {loaded?.pause && <ClinicianPauseNotice pause={loaded.pause} />}
      {news.length > 0 && (
        <LazyNews
          versions={news}
          pausedNow={loaded?.pause != null}
          onSeen={() => {
            setNewsSeen(true);
          }}
        />
      )}
      {loaded?.asked && (
        <div class="notice" role="status">
          <p class="notice-title">{loaded.asked.words}</p>
          <p>
            <a class="button primary" href={href('outcomes')}>
              {loaded.asked.count === 1
                ? 'Fill in the questionnaire'
                : 'Fill in the questionnaires'}
            </a>
          </p>
        </div>
      )}
      <div class="actions home-actions">
        {returning ? (
          <>
            {today?.blockedBy === 'warning-check-required' ? (
              <a class="button primary" href={href('checkin')}>
                Answer the warning-sign questions
              </a>
            ) : (
              <a class="button primary" href={href('programme')}>
                {today?.blockedBy === 'rest-today'
                  ? 'Your programme (no more exercise today)'
                  : loaded?.pause
                    ? 'Your programme (paused)'
                    : 'Today’s programme'}
              </a>
            )}
            <a class="button" href={href('checkin')}>
              Daily check-in
            </a>
            <a class="button" href={href('result')}>
              Your last result
            </a>
            <a class="button" href={href('intake')}>
              Answer the questions again
            </a>
          </>
        ) : (
          <a class="button primary" href={href('intake')}>
            Start the questions
          </a>
        )}
      </div>
      <h2>How it works</h2>
      <ol class="home-steps">
        {HOW_IT_WORKS.map((step) => (
          <li key={step.title} class="home-step">
            <StepIcon kind={step.icon} />
            <div>
              <p class="home-step-title">{step.title}</p>
              <p class="home-step-text">{step.text}</p>
            </div>
          </li>
        ))}
      </ol>
      <p class="muted small">
        {account
          ? `Signed in as ${account.email}: your answers are saved to your account.`
          : 'Without an account, your answers stay on this device only.'}{' '}
        <a href={href('account')}>{account ? 'Account' : 'Create an account or sign in'}</a>
      </p>
    </section>
  );
}

const STEP_PATHS: Record<StepIconKind, string> = {
  questions: 'M7 4h10l3 3v13H4V4h3zM8 10h8M8 14h8M8 18h5',
  result: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM8.5 12l2.5 2.5 4.5-5',
  plan: 'M4 19h16M6 19c1-4 3-6 6-6s5 2 6 6M12 13V8M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  checkin: 'M4 5h16v15H4zM4 10h16M8 3v4M16 3v4M9 15l2 2 4-4',
};

function StepIcon({ kind }: { kind: StepIconKind }) {
  return (
    <span class="home-step-icon" aria-hidden="true">
      <svg viewBox="0 0 24 24" width="28" height="28" focusable="false">
        <path d={STEP_PATHS[kind]} />
      </svg>
    </span>
  );
}

/** The figure on the home page, drawn once the page is up (the figure model is not in the first load). */
function HeroPicture() {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Offline before the picture's code was cached, the picture is left out; nothing else depends on it.
    import('./home-picture.js').then(
      (m) => {
        if (live) setSvg(m.homePictureSvg(HOME_PICTURE_TITLE));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <div class="home-picture">
      {svg ? (
        // Our own renderer's markup: it escapes every text it writes.
        <div class="figure" dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        <div class="home-picture-placeholder" aria-hidden="true" />
      )}
    </div>
  );
}

/**
 * A warning sign was reported (at a check-in, or in questions stopped early) or the last result is an
 * emergency: its advice leads, and no session is offered until the questions are answered again.
 */
function StandingWarning({ today, hasAssessment }: { today: TodayView; hasAssessment: boolean }) {
  const warning = today.warning;
  if (!warning) return null;
  return (
    <WarningPanel warning={warning}>
      <p>
        <strong>Your exercise programme is paused.</strong> Once a doctor or physiotherapist has
        seen you, answer the questions again: that builds a programme that fits how things are then.
      </p>
      <div class="actions">
        <a class="button" href={href('intake')}>
          Answer the questions again
        </a>
        {hasAssessment && (
          <a class="button" href={href('result')}>
            Your last result
          </a>
        )}
      </div>
      {today.backOff && (
        <Notice title="Your plan was also backing off">
          <p>Leg symptoms had worsened; the new questions take that into account.</p>
        </Notice>
      )}
    </WarningPanel>
  );
}

/** A clinician's pause from `today`, or from the programme when `today` does not carry it (older servers). */
async function clinicianPauseOf(repo: Repo, today: TodayView): Promise<ClinicianPauseView | null> {
  if (today.clinicianPause) return today.clinicianPause;
  if (today.blockedBy !== 'paused' || today.warning) return null;
  const programme = await repo.programme().catch(() => null);
  return programme?.clinicianPause ?? null;
}

/**
 * "Alex Morgan, physiotherapist, asked you to fill in the Roland-Morris Disability Questionnaire." The
 * instruments' names come with their texts, so they load only when something is due.
 */
async function askedWords(ids: readonly string[]): Promise<string> {
  const [{ instruments }, links] = await Promise.all([
    // Only the instruments' file, not the whole knowledge base (src/web/kb.ts): the home page loads without it.
    import('../../kb/instruments.js'),
    api<{ items: LinkView[] }>('GET', '/api/links'),
  ]);
  const names = [...new Set(ids)].map((id) => instruments.find((i) => i.id === id)?.name ?? id);
  const active = links.ok ? links.value.items.filter((l) => l.status === 'active') : [];
  const who = active.length === 1 && active[0] ? active[0].clinician.name : 'Your clinician';
  const list =
    names.length <= 1
      ? (names[0] ?? 'a questionnaire')
      : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  return `${who.includes(',') ? `${who},` : who} asked you to fill in: ${list}.`;
}

type NewsProps = {
  versions: readonly ProgrammeVersionView[];
  onSeen: () => void;
  pausedNow: boolean;
};

/** The news card, loaded only when there is news (it carries the exercise catalogue for the names). */
function LazyNews(props: NewsProps) {
  const [Card, setCard] = useState<FunctionComponent<NewsProps> | null>(null);
  useEffect(() => {
    let live = true;
    import('../components/programme-news.js').then(
      (m) => {
        if (live) setCard(() => m.default);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return Card ? <Card {...props} /> : null;
}

/** Whether this device holds answers, without loading the engine to find out. */
async function hasDeviceData(): Promise<boolean> {
  return (await kvGet('device-store')) != null;
}
