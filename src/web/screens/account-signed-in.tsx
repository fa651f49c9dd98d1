// The Account screen signed in: moving this device's data (or a clinician's way on), links, log out, tokens and deleting the account.
import { useEffect, useState } from 'preact/hooks';
import { useApp, type Account } from '../app-context.js';
import { FailureNotice, Notice } from '../components/common.js';
import { api } from '../data/http.js';
import type { Failure } from '../data/types.js';
import { href } from '../router.js';
import AccountLinks from './account-links.js';
import type { Arrival } from './account-arrival.js';
import { AccessTokens } from './account-tokens.js';
import { MoveOffer } from './account-move.js';
import { DeleteAccount } from './account-delete.js';

export function SignedIn({
  account,
  arrival,
  onLeave,
}: {
  account: Account;
  arrival: Arrival;
  onLeave: (message: string) => void;
}) {
  const app = useApp();
  const { pending, online } = app;
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (arrival) document.getElementById('signed-in-title')?.focus();
  }, [arrival]);

  /** Leaves the signed-in view (setAccount forgets any device copy held in memory). */
  const leave = (message: string) => {
    onLeave(message);
    app.setAccount(null);
  };

  const logOut = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await api('POST', '/api/auth/logout');
      // Already logged out on the server (an expired session) counts as logged out.
      if (answer.ok || answer.error.kind === 'auth') leave('You are logged out.');
      else setFailure(answer.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h2 id="signed-in-title" tabIndex={-1}>
        {arrival === 'signup' ? 'Your account is ready' : 'Signed in'}
      </h2>
      <p role="status">
        Signed in as <strong>{account.email}</strong>.
      </p>
      {account.role === 'clinician' ? (
        <ClinicianStart arrival={arrival} />
      ) : (
        <MoveOffer accountId={account.id} arrival={arrival} />
      )}
      <AccountLinks />
      <section aria-labelledby="logout-title" class="card">
        <h2 id="logout-title" class="card-title">
          Log out
        </h2>
        <p>
          Logging out ends this session on this device. Your data stays in your account for the next
          time you log in.
        </p>
        {pending > 0 && (
          <Notice tone="warning" title="Some check-ins have not been sent yet">
            <p>
              {pending} check-in{pending === 1 ? ' is' : 's are'} waiting for the network.{' '}
              {online
                ? 'Wait a moment for them to be sent before logging out.'
                : 'Log out once you are back online, or they will not reach your account.'}
            </p>
          </Notice>
        )}
        {failure && <FailureNotice failure={failure} />}
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => void logOut()}>
            Log out
          </button>
        </div>
      </section>
      <AccessTokens />
      <DeleteAccount account={account} onDeleted={leave} />
    </>
  );
}

/** A clinician's way on from Account: their people, and inviting someone. */
function ClinicianStart({ arrival }: { arrival: Arrival }) {
  return (
    <section aria-labelledby="clinician-start-title" class="card">
      <h2 id="clinician-start-title" class="card-title">
        {arrival === 'signup' ? 'Next: invite the people you treat' : 'Your people'}
      </h2>
      <p>
        People link to you by accepting an invitation: you make one, give them its code or link, and
        they choose whether to accept after reading what you will see and what you may change.
      </p>
      <div class="actions">
        <a class="button primary" href={href('clinic', 'invite')}>
          Invite someone
        </a>
        <a class="button" href={href('clinic')}>
          Your people
        </a>
      </div>
    </section>
  );
}
