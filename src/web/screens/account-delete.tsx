// Deleting the account: what goes, a copy to keep first, and the confirmation.
import { sittingsFrom } from '../../engine/sittings.js';
import { useEffect, useState } from 'preact/hooks';
import { useApp, type Account } from '../app-context.js';
import { FailureNotice } from '../components/common.js';
import { api } from '../data/http.js';
import type { Failure } from '../data/types.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';

export function DeleteAccount({
  account,
  onDeleted,
}: {
  account: Account;
  onDeleted: (message: string) => void;
}) {
  const { repo } = useApp();
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [unticked, setUnticked] = useState(false);
  const clinician = account.role === 'clinician';
  const held = useLoad(async () => {
    // A clinician account holds no health record: there is nothing of theirs to count.
    if (!confirming || clinician) return null;
    const [sessions, checkins, measurements] = await Promise.all([
      repo.sessions(),
      repo.checkins(),
      repo.measurements(),
    ]);
    return {
      // Counted in sittings, as Progress and the report count them: one sitting holds several exercises.
      sessions: sittingsFrom(sessions).length,
      checkins: checkins.length,
      measurements: measurements.length,
    };
  }, [confirming, clinician, repo]);

  useEffect(() => {
    if (confirming) document.getElementById('delete-confirm-title')?.focus();
  }, [confirming]);

  const remove = async () => {
    if (!understood) {
      setUnticked(true);
      document.getElementById('delete-understood')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const answer = await api('DELETE', '/api/me');
      if (answer.ok) {
        onDeleted(
          `Your account ${account.email} and everything saved in it have been deleted. You are logged out.`,
        );
      } else {
        setFailure(answer.error);
      }
    } finally {
      setBusy(false);
    }
  };

  const n = held.status === 'ready' ? held.value : null;
  const plural = (count: number, one: string, many: string) =>
    `${count} ${count === 1 ? one : many}`;

  return (
    <section aria-labelledby="delete-title" class="card delete-account">
      <h2 id="delete-title" class="card-title" tabIndex={-1}>
        Delete your account
      </h2>
      {!confirming ? (
        <>
          <p>
            Deletes the account and everything saved in it from the server, for good.
            {!clinician && (
              <>
                {' '}
                You can save a copy first from the <a href={href('report')}>report</a>.
              </>
            )}
          </p>
          <div class="actions">
            <button
              type="button"
              class="danger"
              onClick={() => {
                setConfirming(true);
              }}
            >
              Delete account…
            </button>
          </div>
        </>
      ) : (
        <div class="delete-confirm">
          <h3 id="delete-confirm-title" tabIndex={-1}>
            Delete {account.email} for good?
          </h3>
          <p>This permanently deletes from the server:</p>
          {clinician ? (
            <ul>
              <li>the account and its email address and password;</li>
              <li>your invitations, used or not;</li>
              <li>
                your links to people: they end at once. Each person keeps their own record, with the
                changes you made to their programme and your name on them.
              </li>
            </ul>
          ) : (
            <ul>
              <li>the account and its email address and password;</li>
              <li>every set of answers you gave, with its result;</li>
              <li>your programme and the changes the stop rules made to it;</li>
              <li>
                {n
                  ? `${plural(n.sessions, 'exercise sitting', 'exercise sittings')}, ${plural(n.checkins, 'check-in', 'check-ins')} and ${plural(n.measurements, 'measurement', 'measurements')};`
                  : 'every exercise session, check-in and measurement;'}
              </li>
              <li>the record of who viewed or changed your data.</li>
            </ul>
          )}
          <p>
            <strong>This cannot be undone.</strong>
            {!clinician && (
              <>
                {' '}
                To keep a copy, download it from the <a href={href('report')}>report</a> first.
              </>
            )}
          </p>
          <label class="choice">
            <input
              id="delete-understood"
              type="checkbox"
              checked={understood}
              aria-describedby={unticked && !understood ? 'delete-understood-error' : undefined}
              aria-invalid={unticked && !understood ? true : undefined}
              onChange={(e) => {
                setUnderstood(e.currentTarget.checked);
              }}
            />
            <span>I understand that my account and all its data will be deleted for good</span>
          </label>
          {unticked && !understood && (
            <p class="field-error" id="delete-understood-error">
              Tick the box above to confirm, or press Cancel.
            </p>
          )}
          {failure && <FailureNotice failure={failure} />}
          <div class="actions">
            <button type="button" class="danger" disabled={busy} onClick={() => void remove()}>
              Delete my account and data
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                setUnderstood(false);
                setUnticked(false);
                document.getElementById('delete-title')?.focus();
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
