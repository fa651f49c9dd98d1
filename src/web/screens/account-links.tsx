// Account → "Your clinicians": the clinicians linked to the person (active and ended), ending a link with
// a plain confirm, a field for an invitation code, and "Who looked at your record" as sentences, paged.
// A clinician account has none of this (it holds no record of its own).
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { CodeForm } from '../components/code-form.js';
import { FailureNotice, Notice } from '../components/common.js';
import { api } from '../data/http.js';
import type { AccessLogEntry, Failure, LinkView } from '../data/types.js';
import { formatDate, personLocale } from '../format-date.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';
import { clearPendingCode, pendingCode } from './link-pending.js';
import { accessSentence, linkState, subject, type WhenFormat } from './link-words.js';
import './link.css';

const PAGE = 20;

export default function AccountLinks() {
  const { account, online } = useApp();
  if (!account || account.role === 'clinician') return null;
  return (
    <>
      <PendingInvitation />
      <Clinicians online={online} />
      <AccessLog online={online} />
    </>
  );
}

/** After signing up or logging in from an invitation: the way back to it. */
function PendingInvitation() {
  const [code] = useState(pendingCode);
  if (!code) return null;
  return (
    <div class="notice invitation-pending" role="status">
      <p class="notice-title">You were opening a clinician’s invitation</p>
      <p>Now that you are signed in, you can read it and decide.</p>
      <div class="actions">
        <a
          class="button primary"
          href={href('link', code)}
          onClick={() => {
            clearPendingCode();
          }}
        >
          Back to the invitation
        </a>
      </div>
    </div>
  );
}

const dateWords = (iso: string) => formatDate(iso, { month: 'long' });

function Clinicians({ online }: { online: boolean }) {
  const [round, setRound] = useState(0);
  const links = useLoad(async () => {
    const answer = await api<{ items: LinkView[] }>('GET', '/api/links');
    if (!answer.ok) {
      throw new Error(
        answer.error.kind === 'network'
          ? 'Your links need the network: they show again when you are online.'
          : `${answer.error.title}.`,
      );
    }
    return answer.value.items;
  }, [round, online]);
  const [confirming, setConfirming] = useState<LinkView | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    if (confirming) document.getElementById('end-link-title')?.focus();
  }, [confirming]);

  const end = async (link: LinkView) => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await api('DELETE', `/api/links/${encodeURIComponent(link.id)}`);
      if (answer.ok || answer.error.kind === 'not-found') {
        setConfirming(null);
        setNote(
          `The link with ${subject(link.clinician.name)} has ended: they can no longer see your record.`,
        );
        setRound((r) => r + 1);
        requestAnimationFrame(() => {
          document.getElementById('clinicians-note')?.focus();
        });
      } else {
        setFailure(answer.error);
      }
    } finally {
      setBusy(false);
    }
  };

  const list = links.status === 'ready' ? links.value : null;
  const active = list?.filter((l) => l.status === 'active') ?? [];
  const ended = list?.filter((l) => l.status !== 'active') ?? [];

  return (
    <section aria-labelledby="clinicians-title" class="card clinicians">
      <h2 id="clinicians-title" class="card-title">
        Your clinicians
      </h2>
      <p>
        A clinician you link to can see your record and change your programme within Backchain’s
        safety rules. You see what they change before your next session, and you can end a link at
        any time.
      </p>
      {note && (
        <div
          role="status"
          id="clinicians-note"
          tabIndex={-1}
          class="notice notice-success clinicians-note"
        >
          <p>{note}</p>
        </div>
      )}
      {failure && <FailureNotice failure={failure} />}
      {links.status === 'loading' && <p class="muted">Loading your links…</p>}
      {links.status === 'failed' && (
        <Notice tone="warning" title="Your links could not be loaded">
          <p>{links.message}</p>
        </Notice>
      )}
      {list && active.length === 0 && (
        <p class="muted">You are not linked to any clinician at the moment.</p>
      )}
      {active.length > 0 && (
        <ul class="link-list" aria-label="Linked now">
          {active.map((link) => (
            <li key={link.id}>
              <p>
                <strong>{link.clinician.name}</strong>
                <br />
                <span class="muted">{link.clinician.email}</span>
                <br />
                {linkState(link, dateWords)}
              </p>
              {confirming?.id === link.id ? (
                <div class="end-link-confirm">
                  <h3 id="end-link-title" tabIndex={-1}>
                    End the link with {link.clinician.name}?
                  </h3>
                  <p>
                    {subject(link.clinician.name)} loses access to your record at once. What they
                    saw and changed before stays in your record’s history. To link again later, you
                    need a new invitation from them.
                  </p>
                  <div class="actions">
                    <button
                      type="button"
                      class="danger"
                      disabled={busy || !online}
                      onClick={() => void end(link)}
                    >
                      Yes, end the link
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => {
                        setConfirming(null);
                      }}
                    >
                      Keep the link
                    </button>
                  </div>
                  {!online && (
                    <p class="muted small">You are offline: ending a link needs the network.</p>
                  )}
                </div>
              ) : (
                <div class="actions">
                  <button
                    type="button"
                    class="danger"
                    aria-label={`End the link with ${link.clinician.name}`}
                    onClick={() => {
                      setNote(null);
                      setConfirming(link);
                    }}
                  >
                    End link
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <details class="disclosure">
          <summary>Ended links ({ended.length})</summary>
          <div class="disclosure-body">
            <ul class="link-list">
              {ended.map((link) => (
                <li key={link.id}>
                  <p>
                    <strong>{link.clinician.name}</strong>
                    <br />
                    {linkState(link, dateWords)}
                  </p>
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
      <h3>Have a code from a clinician?</h3>
      <CodeForm id="account-link-code" />
    </section>
  );
}

const timeFormat = new Intl.DateTimeFormat(personLocale(), { hour: '2-digit', minute: '2-digit' });

/** "3 December" this year, "3 December 2025" before it; "10:04" in the person's own clock. */
const when: WhenFormat = {
  date: (iso) =>
    formatDate(iso, {
      month: 'long',
      year: new Date(iso).getFullYear() !== new Date().getFullYear(),
    }),
  time: (iso) => timeFormat.format(new Date(iso)),
};

function AccessLog({ online }: { online: boolean }) {
  const [entries, setEntries] = useState<AccessLogEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'more'>('loading');
  const [failure, setFailure] = useState<Failure | null>(null);

  const load = async (from: string | null) => {
    setFailure(null);
    setState(from ? 'more' : 'loading');
    const query = `?limit=${String(PAGE)}${from ? `&cursor=${encodeURIComponent(from)}` : ''}`;
    const answer = await api<{ items: AccessLogEntry[]; nextCursor: string | null }>(
      'GET',
      `/api/access-log${query}`,
    );
    setState('ready');
    if (!answer.ok) {
      setFailure(answer.error);
      return;
    }
    setEntries((now) => (from ? [...now, ...answer.value.items] : answer.value.items));
    setCursor(answer.value.nextCursor);
  };

  useEffect(() => {
    void load(null);
  }, [online]);

  return (
    <section aria-labelledby="access-log-title" class="card access-log">
      <h2 id="access-log-title" class="card-title">
        Who looked at your record
      </h2>
      <p>
        Every time a clinician (or the service’s operator) looks at or changes your record, it is
        listed here, newest first.
      </p>
      {state === 'loading' && <p class="muted">Loading…</p>}
      {failure &&
        (failure.kind === 'network' ? (
          <Notice tone="warning" title="You are offline">
            <p>This list needs the network: it shows again when you are online.</p>
          </Notice>
        ) : (
          <FailureNotice failure={failure} />
        ))}
      {state !== 'loading' && !failure && entries.length === 0 && (
        <p class="muted">No one else has looked at your record.</p>
      )}
      {entries.length > 0 && (
        <ul class="access-list">
          {entries.map((e, i) => (
            <li key={`${e.at}-${String(i)}`}>{accessSentence(e, when)}</li>
          ))}
        </ul>
      )}
      {cursor && (
        <div class="actions">
          <button type="button" disabled={state === 'more'} onClick={() => void load(cursor)}>
            {state === 'more' ? 'Loading…' : 'Show older entries'}
          </button>
        </div>
      )}
    </section>
  );
}
