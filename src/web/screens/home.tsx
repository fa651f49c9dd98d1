// The first screen: what Backchain is, and the way in (the questions, or back to an existing programme).
import { useApp } from '../app-context.js';
import { kvGet } from '../data/idb.js';
import { ScreenTitle } from '../components/common.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';

export default function Home() {
  const { repo, version, account } = useApp();
  // Only a returning person has data; loading it waits until the engine has loaded, off the first paint.
  const latest = useLoad(async () => {
    if (repo.mode === 'device' && !(await hasDeviceData())) return null;
    return repo.latestAssessment();
  }, [repo, version]);
  const returning = latest.status === 'ready' && latest.value !== null;
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
            <a class="button primary" href={href('programme')}>
              Today’s programme
            </a>
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

/** Whether this device holds answers, without loading the engine to find out. */
async function hasDeviceData(): Promise<boolean> {
  return (await kvGet('device-store')) != null;
}
