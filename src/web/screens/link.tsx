// Opening a clinician's invitation (#/link/ABCD-EF23): who invites, what they will see and may change,
// that the person can end it at any time; then Accept or Not now. Signed out, it explains and leads to
// Account, which leads back here. Linking needs an account and the network, and says so plainly.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { CodeForm } from '../components/code-form.js';
import { FailureNotice, Notice, ScreenTitle } from '../components/common.js';
import { api } from '../data/http.js';
import type { Failure, InvitationPreview, LinkView } from '../data/types.js';
import { formatDate } from '../format-date.js';
import { href } from '../router.js';
import { clearPendingCode, keepPendingCode } from './link-pending.js';
import { readCode, subject, waitWords } from './link-words.js';
import './link.css';

export default function LinkScreen({ params }: { params: string[] }) {
  const { account, online } = useApp();
  const typed = params[0] ?? '';
  const read = typed ? readCode(typed) : null;
  const code = read?.ok ? read.code : null;

  useEffect(() => {
    // Signed out: remember the code, so Account can lead back here after signing up or logging in.
    if (code && !account) keepPendingCode(code);
    if (account) clearPendingCode();
  }, [code, account]);

  return (
    <section aria-labelledby="screen-title" class="link-screen">
      <ScreenTitle>Link to a clinician</ScreenTitle>
      {!account ? (
        <SignedOut hasCode={code !== null} />
      ) : account.role === 'clinician' ? (
        <Notice tone="info" title="This is a clinician account">
          <p>
            Invitations are for people linking their own record. To accept one, log out and log in
            with your personal account.
          </p>
        </Notice>
      ) : !code ? (
        <>
          {read && !read.ok && (
            <Notice tone="warning" title="That code does not look right">
              <p>{read.message}</p>
            </Notice>
          )}
          <p>Type the code your clinician gave you.</p>
          <CodeForm id="link-code" />
        </>
      ) : !online ? (
        <Notice tone="warning" title="You are offline">
          <p>
            Linking to a clinician needs the network. Open this page again when you are back online;
            the code stays valid until it expires.
          </p>
        </Notice>
      ) : (
        <Invitation key={code} code={code} />
      )}
    </section>
  );
}

function SignedOut({ hasCode }: { hasCode: boolean }) {
  return (
    <>
      <p class="lead">
        {hasCode
          ? 'A clinician has invited you to link your Backchain record to them.'
          : 'A clinician can invite you to link your Backchain record to them.'}
      </p>
      <p>
        To accept, you need a Backchain account, so your record is kept on the server. A clinician
        you link to can see it only while you are linked, and you can end the link at any time.
      </p>
      <p>
        Answers kept on this device can be moved into your new account, so nothing is lost.
        {hasCode ? ' After signing up or logging in, you come back to this invitation.' : ''}
      </p>
      <div class="actions">
        <a class="button primary" href={href('account')}>
          Create an account or log in
        </a>
        <a class="button" href={href('home')}>
          Not now
        </a>
      </div>
    </>
  );
}

/** What the lookup answered: the invitation, or why it cannot be used (with when to try again). */
type Lookup =
  | { kind: 'loading' }
  | { kind: 'ready'; preview: InvitationPreview }
  | { kind: 'unusable' }
  | { kind: 'limited'; retryAfter: number | null }
  | { kind: 'failed'; failure: Failure };

/** GET /api/invitations/:code, reading `Retry-After` too (the shared helper drops headers). */
async function lookUp(code: string): Promise<Lookup> {
  let response: Response;
  try {
    response = await fetch(`/api/invitations/${encodeURIComponent(code)}`, {
      credentials: 'same-origin',
    });
  } catch {
    return {
      kind: 'failed',
      failure: {
        kind: 'network',
        code: 'offline',
        title: 'No connection',
        detail: 'Backchain could not reach the server. Check your connection and try again.',
      },
    };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { kind: 'ready', preview: body as InvitationPreview };
  if (response.status === 404) return { kind: 'unusable' };
  if (response.status === 429) {
    const header = Number(response.headers.get('retry-after'));
    const fromBody =
      typeof body === 'object' && body !== null && 'retryAfterSeconds' in body
        ? Number(body.retryAfterSeconds)
        : NaN;
    const seconds = Number.isFinite(header) && header > 0 ? header : fromBody;
    return { kind: 'limited', retryAfter: Number.isFinite(seconds) ? seconds : null };
  }
  const problem = (typeof body === 'object' && body !== null ? body : {}) as {
    title?: string;
    detail?: string;
    type?: string;
  };
  return {
    kind: 'failed',
    failure: {
      kind: response.status === 401 || response.status === 403 ? 'auth' : 'server',
      code: problem.type?.split('/').pop() ?? 'unknown',
      title: problem.title ?? `The server answered ${String(response.status)}`,
      detail: problem.detail ?? '',
    },
  };
}

function Invitation({ code }: { code: string }) {
  const app = useApp();
  const [lookup, setLookup] = useState<Lookup>({ kind: 'loading' });
  const [accepted, setAccepted] = useState<LinkView | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [already, setAlready] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void lookUp(code).then((answer) => {
      if (live) setLookup(answer);
    });
    return () => {
      live = false;
    };
  }, [code]);

  const focusResult = () => {
    requestAnimationFrame(() => {
      document.getElementById('link-result')?.focus();
    });
  };

  const accept = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const answer = await api<LinkView>(
        'POST',
        `/api/invitations/${encodeURIComponent(code)}/accept`,
      );
      if (answer.ok) {
        setAccepted(answer.value);
        app.changed();
      } else if (answer.error.kind === 'conflict' && answer.error.code === 'already-linked') {
        setAlready(true);
      } else if (answer.error.kind === 'not-found') {
        setLookup({ kind: 'unusable' });
      } else {
        setFailure(answer.error);
      }
      focusResult();
    } finally {
      setBusy(false);
    }
  };

  if (lookup.kind === 'loading') return <p class="muted">Opening the invitation…</p>;
  if (lookup.kind === 'unusable') {
    return (
      <>
        <div id="link-result" tabIndex={-1}>
          <Notice tone="warning" title="This code cannot be used">
            <p>
              It may be mistyped, already used, withdrawn, or more than 7 days old. Check it, or ask
              your clinician for a new one.
            </p>
          </Notice>
        </div>
        <CodeForm id="link-code" label="Try another code" />
      </>
    );
  }
  if (lookup.kind === 'limited') {
    return (
      <Notice tone="warning" title="Too many codes tried">
        <p>
          To keep records safe, Backchain stops checking codes for a while after several wrong ones.
          Please try again {waitWords(lookup.retryAfter)}.
        </p>
        <p>
          <a href={href('home')}>Back to Home</a>
        </p>
      </Notice>
    );
  }
  if (lookup.kind === 'failed') return <FailureNotice failure={lookup.failure} />;

  const { preview } = lookup;
  const name = preview.clinician.name;
  if (accepted) {
    return (
      <div id="link-result" tabIndex={-1}>
        <Notice tone="success" title={`You are linked to ${name}`}>
          <p>
            {subject(name)} can now see your record and change your programme within Backchain’s
            safety rules. You see every change before your next session, and every look at your
            record is listed on your Account screen.
          </p>
        </Notice>
        <div class="actions">
          <a class="button primary" href={href('home')}>
            Go to Home
          </a>
          <a class="button" href={href('account')}>
            Your clinicians
          </a>
        </div>
      </div>
    );
  }
  if (already) {
    return (
      <div id="link-result" tabIndex={-1}>
        <Notice tone="info" title={`You are already linked to ${name}`}>
          <p>Nothing changed. You can see and end your links on your Account screen.</p>
        </Notice>
        <div class="actions">
          <a class="button" href={href('account')}>
            Your clinicians
          </a>
        </div>
      </div>
    );
  }
  return (
    <div class="invitation">
      <div class="card invitation-who">
        <h2 class="invitation-name">{name}</h2>
        <p class="invitation-email">{preview.clinician.email}</p>
        <p>invites you to link your Backchain record to them.</p>
      </div>
      <h2>What they will see</h2>
      <ul class="invitation-list">
        {preview.willSee.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h2>What they may change</h2>
      <ul class="invitation-list">
        {preview.mayChange.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Notice tone="info" title="You stay in charge">
        <p>
          Your record stays yours. You can end the link at any time on your Account screen: their
          access stops at once. Every time they look at or change your record, it is listed there. A
          warning sign still gets its advice on your own screen straight away.
        </p>
      </Notice>
      <p class="muted small">
        This invitation can be used once and expires on {formatDate(preview.expiresAt)}.
      </p>
      {failure && <FailureNotice failure={failure} />}
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => void accept()}>
          {busy ? 'Linking…' : 'Accept and link'}
        </button>
        <a class="button" href={href('home')}>
          Not now
        </a>
      </div>
    </div>
  );
}
