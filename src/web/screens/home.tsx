// The first screen: what Backchain is, and the way in (the questions, or back to an existing programme).
// A standing warning leads it, with no way to a session, until the questions are answered again.
import { useApp } from '../app-context.js';
import { Notice, ScreenTitle } from '../components/common.js';
import { WarningPanel } from '../components/level-panel.js';
import { kvGet } from '../data/idb.js';
import type { TodayView } from '../data/types.js';
import { localToday, useLoad } from '../hooks.js';
import { href } from '../router.js';

export default function Home() {
  const { repo, version, account } = useApp();
  // Only a returning person has data; loading it waits until the engine has loaded, off the first paint.
  const latest = useLoad(async () => {
    if (repo.mode === 'device' && !(await hasDeviceData())) return null;
    const [assessment, today] = await Promise.all([
      repo.latestAssessment(),
      repo.today(localToday()),
    ]);
    return { assessment, today };
  }, [repo, version]);
  const loaded = latest.status === 'ready' ? latest.value : null;
  const today = loaded?.today ?? null;
  const returning = loaded !== null && loaded.assessment !== null;
  if (today?.warning) return <StandingWarning today={today} hasAssessment={returning} />;
  return (
    <section aria-labelledby="screen-title">
      <ScreenTitle>Back pain that runs down the back of the thigh</ScreenTitle>
      <p class="lead">
        Backchain asks about your pain, checks for warning signs first, tells you how soon to seek
        care, and builds a programme of stretches, strengthening and habits that fits what is most
        likely driving it.
      </p>
      <div class="actions">
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
      <ol class="steps">
        <li>About five minutes of questions, warning signs first.</li>
        <li>Your result: how urgently to get care, and what is likely behind your pain.</li>
        <li>A daily programme with guided sessions, timers and pictures.</li>
        <li>Short daily check-ins, so you and your clinician can see the trend.</li>
      </ol>
      <p class="muted">
        {account
          ? `Signed in as ${account.email}: your answers are saved to your account.`
          : 'Without an account, your answers stay on this device only.'}{' '}
        <a href={href('account')}>{account ? 'Account' : 'Create an account or sign in'}</a>
      </p>
    </section>
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

/** Whether this device holds answers, without loading the engine to find out. */
async function hasDeviceData(): Promise<boolean> {
  return (await kvGet('device-store')) != null;
}
