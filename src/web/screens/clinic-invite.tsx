// Inviting someone (#/clinic/invite): make an invitation, show its code large and its link with Copy, say
// it is single use and lasts 7 days, and list earlier invitations (open, used, expired, withdrawn) with Withdraw.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { FailureNotice, Load, ScreenTitle } from '../components/common.js';
import { clinicianApi, type InvitationMade, type InvitationRow } from '../data/clinician-api.js';
import type { Failure } from '../data/types.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';
import { day, OfflineNotice, time } from './clinic-parts.js';
import { groupCode, INVITATION_STATUS_WORDS } from './clinic-words.js';

export default function ClinicInvite() {
  const { online, version } = useApp();
  const [round, setRound] = useState(0);
  const [made, setMade] = useState<InvitationMade | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useLoad(
    async () => (online ? (await clinicianApi.invitations()).items : null),
    [round, version, online],
  );

  useEffect(() => {
    document.title = 'Invite someone · Backchain';
  }, []);

  const invite = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setNote(null);
    try {
      const answer = await clinicianApi.invite();
      if (!answer.ok) {
        setFailure(answer.error);
        return;
      }
      setMade(answer.value);
      setRound((r) => r + 1);
      requestAnimationFrame(() => {
        document.getElementById('invite-made-title')?.focus();
      });
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (row: InvitationRow) => {
    setBusy(true);
    setFailure(null);
    setNote(null);
    try {
      const answer = await clinicianApi.withdraw(row.id);
      if (answer.ok || answer.error.kind === 'not-found') {
        setNote(
          `The invitation made ${day(row.createdAt)} at ${time(row.createdAt)} is withdrawn: its code no longer works.`,
        );
        if (made?.id === row.id) setMade(null);
        setRound((r) => r + 1);
      } else {
        setFailure(answer.error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="screen-title" class="clinic">
      <ScreenTitle>Invite someone</ScreenTitle>
      <p class="lead">
        An invitation is a short code and a link for one person. They open it signed in to their own
        Backchain account, read what you will see and what you may change, and choose whether to
        accept. They can end the link at any time.
      </p>
      <ul class="clinic-rules">
        <li>Each invitation works once, for one person.</li>
        <li>It expires after 7 days if no one uses it.</li>
        <li>You can withdraw it until it is used.</li>
      </ul>
      {!online && <OfflineNotice />}
      {failure && <FailureNotice failure={failure} />}
      {note && (
        <p role="status" class="notice notice-success">
          {note}
        </p>
      )}
      {made && <InvitationCard made={made} />}
      <div class="actions">
        <button
          type="button"
          class={made ? undefined : 'primary'}
          disabled={busy || !online}
          onClick={() => void invite()}
        >
          {made ? 'Make another invitation' : 'Make an invitation'}
        </button>
      </div>
      <h2 id="invitations-title">Your invitations</h2>
      <Load state={list}>
        {(rows) =>
          rows === null ? null : rows.length === 0 ? (
            <p class="muted">You have not made any invitations yet.</p>
          ) : (
            <ul class="invitation-list" aria-labelledby="invitations-title">
              {rows.map((row) => (
                <li key={row.id} class={`invitation-row invitation-${row.status}`}>
                  <div>
                    <p class="invitation-status">{INVITATION_STATUS_WORDS[row.status]}</p>
                    <p class="small muted">
                      Made {day(row.createdAt)} at {time(row.createdAt)}
                      {row.status === 'open' || row.status === 'expired'
                        ? ` · ${row.status === 'open' ? 'expires' : 'expired'} ${day(row.expiresAt)} at ${time(row.expiresAt)}`
                        : ''}
                    </p>
                  </div>
                  {row.status === 'open' && (
                    <button
                      type="button"
                      class="danger"
                      disabled={busy}
                      aria-label={`Withdraw the invitation made ${day(row.createdAt)} at ${time(row.createdAt)}`}
                      onClick={() => void withdraw(row)}
                    >
                      Withdraw
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Load>
      <p>
        <a href={href('clinic')}>Back to your people</a>
      </p>
    </section>
  );
}

/** The invitation just made: the code large, the link with Copy, and how long it lasts. */
function InvitationCard({ made }: { made: InvitationMade }) {
  const [copied, setCopied] = useState<string | null>(null);
  const link = new URL(made.link, window.location.origin).toString();
  const code = groupCode(made.code);

  const copy = async (what: 'code' | 'link') => {
    const text = what === 'code' ? code : link;
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what === 'code' ? 'The code is copied.' : 'The link is copied.');
    } catch {
      // No clipboard here (an older browser, or not allowed): select the text to copy by hand.
      const field = document.getElementById(what === 'code' ? 'invite-code' : 'invite-link');
      if (field instanceof HTMLInputElement) field.select();
      else if (field) window.getSelection()?.selectAllChildren(field);
      setCopied('Copying is not allowed here: the text is selected, copy it yourself.');
    }
  };

  return (
    <section class="card invite-made" aria-labelledby="invite-made-title">
      <h2 id="invite-made-title" class="card-title" tabIndex={-1}>
        Your new invitation
      </h2>
      <p class="invite-code-label">Code</p>
      <p class="invite-code" id="invite-code">
        {code}
      </p>
      <div class="actions">
        <button type="button" onClick={() => void copy('code')}>
          Copy code
        </button>
      </div>
      <label class="field" for="invite-link">
        Link
      </label>
      <div class="invite-link-row">
        <input id="invite-link" type="text" readOnly value={link} spellcheck={false} />
        <button type="button" class="primary" onClick={() => void copy('link')}>
          Copy link
        </button>
      </div>
      <p role="status" class="small">
        {copied ?? ''}
      </p>
      <p>
        Works once, until {day(made.expiresAt)} at {time(made.expiresAt)} (7 days). The code is
        shown only now: Backchain keeps only a fingerprint of it. If it gets lost, withdraw it below
        and make another.
      </p>
    </section>
  );
}
