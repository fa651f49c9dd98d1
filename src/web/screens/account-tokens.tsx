// Personal access tokens on the Account screen: made with scopes and an expiry, listed, and revoked one by one.
import { formatDate } from '../format-date.js';
import { useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { FailureNotice, Notice } from '../components/common.js';
import { api } from '../data/http.js';
import type { Failure } from '../data/types.js';
import { useLoad } from '../hooks.js';

/** A personal access token as the API lists it (never its secret). */
interface TokenView {
  id: string;
  name: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}
type TokenScope = 'read' | 'write' | 'export';

const PERSON_SCOPE_WORDS: Record<TokenScope, { label: string; hint: string }> = {
  read: { label: 'Read your data', hint: 'assessments, programme, sessions, check-ins, progress' },
  write: { label: 'Add records', hint: 'assessments, sessions, check-ins, measurements' },
  export: { label: 'Export your record', hint: 'FHIR, JSON and CSV' },
};
/** The same scopes as a clinician's token uses them: on the clinician's routes, for the people linked to them. */
const CLINICIAN_SCOPE_WORDS: Record<TokenScope, { label: string; hint: string }> = {
  read: {
    label: 'Read your people’s records',
    hint: 'your list, each linked person’s record, your invitations',
  },
  write: { label: 'Make changes', hint: 'programme changes, pauses, measures, invitations' },
  export: { label: 'Export a person’s record', hint: 'FHIR, JSON and CSV' },
};
const EXPIRY_CHOICES = [30, 90, 180, 365] as const;

function dateWords(instant: string): string {
  return formatDate(instant);
}

/**
 * Personal access tokens, for scripts and other apps: each with its scopes and expiry, listed with when
 * it was last used, revoked one by one. A new token is shown once. Only a signed-in browser can do this.
 */
export function AccessTokens() {
  const SCOPE_WORDS =
    useApp().account?.role === 'clinician' ? CLINICIAN_SCOPE_WORDS : PERSON_SCOPE_WORDS;
  const [round, setRound] = useState(0);
  const tokens = useLoad(async () => {
    const answer = await api<{ items: TokenView[] }>('GET', '/api/auth/tokens');
    if (!answer.ok) throw new Error(`${answer.error.title}.`);
    return answer.value.items;
  }, [round]);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [days, setDays] = useState<number>(90);
  const [made, setMade] = useState<{ name: string; token: string } | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setNote(null);
    if (scopes.length === 0) {
      setFailure({
        kind: 'invalid',
        title: 'The token was not made',
        problems: [
          {
            path: 'scopes',
            expected: '',
            received: '',
            message: 'Tick at least one thing it may do.',
          },
        ],
      });
      return;
    }
    setBusy(true);
    try {
      const answer = await api<TokenView & { token: string }>('POST', '/api/auth/tokens', {
        ...(name.trim() ? { name: name.trim() } : {}),
        scopes,
        expiresInDays: days,
      });
      if (!answer.ok) {
        setFailure(answer.error);
        return;
      }
      setMade({ name: answer.value.name, token: answer.value.token });
      setName('');
      setRound((r) => r + 1);
      requestAnimationFrame(() => {
        document.getElementById('token-made')?.focus();
      });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: TokenView) => {
    setFailure(null);
    setBusy(true);
    try {
      const answer = await api('DELETE', `/api/auth/tokens/${encodeURIComponent(token.id)}`);
      if (answer.ok || answer.error.kind === 'not-found') {
        setNote(`The token “${token.name}” was revoked: it no longer works.`);
        if (made?.name === token.name) setMade(null);
        setRound((r) => r + 1);
      } else {
        setFailure(answer.error);
      }
    } finally {
      setBusy(false);
    }
  };

  const list = tokens.status === 'ready' ? tokens.value : null;

  return (
    <section aria-labelledby="tokens-title" class="card">
      <h2 id="tokens-title" class="card-title">
        Access tokens
      </h2>
      <p>
        A personal access token lets a script or another app use your data without your password.
        Give each one only what it needs; revoke it when you no longer use it. Tokens cannot change
        your account, password or tokens, nor delete it.
      </p>
      {made && (
        <div class="notice notice-success" id="token-made" tabIndex={-1} role="status">
          <p class="notice-title">Token “{made.name}” made</p>
          <p>Copy it now: it is shown only this once.</p>
          <div class="account-field">
            <label class="field" for="token-secret">
              The token
            </label>
            <input
              id="token-secret"
              type="text"
              readOnly
              spellcheck={false}
              value={made.token}
              onFocus={(e) => {
                e.currentTarget.select();
              }}
            />
          </div>
          <div class="actions">
            <button
              type="button"
              onClick={() => {
                setMade(null);
              }}
            >
              I have copied it
            </button>
          </div>
        </div>
      )}
      {note && <p role="status">{note}</p>}
      {failure && <FailureNotice failure={failure} />}
      {tokens.status === 'loading' && <p class="muted">Loading your tokens…</p>}
      {tokens.status === 'failed' && (
        <Notice tone="warning" title="Your tokens could not be loaded">
          <p>{tokens.message}</p>
        </Notice>
      )}
      {list && list.length === 0 && <p class="muted">You have no access tokens.</p>}
      {list && list.length > 0 && (
        <ul class="token-list" aria-label="Your access tokens">
          {list.map((t) => (
            <li key={t.id}>
              <p>
                <strong>{t.name}</strong>
                <br />
                May: {t.scopes.map((s) => SCOPE_WORDS[s].label.toLowerCase()).join(', ')}.
                <br />
                Made {dateWords(t.createdAt)}; expires {dateWords(t.expiresAt)}; last used{' '}
                {t.lastUsedAt ? dateWords(t.lastUsedAt) : 'never'}.
              </p>
              <div class="actions">
                <button
                  type="button"
                  class="danger"
                  disabled={busy}
                  aria-label={`Revoke the token ${t.name}`}
                  onClick={() => void revoke(t)}
                >
                  Revoke
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form noValidate onSubmit={(e) => void create(e)}>
        <h3>Make a new token</h3>
        <div class="account-field">
          <label class="field" for="token-name">
            Name
          </label>
          <p class="hint" id="token-name-hint">
            What it is for, so you know it again in this list.
          </p>
          <input
            id="token-name"
            type="text"
            maxLength={100}
            aria-describedby="token-name-hint"
            value={name}
            onInput={(e) => {
              setName(e.currentTarget.value);
            }}
          />
        </div>
        <fieldset>
          <legend>What it may do</legend>
          {(Object.keys(SCOPE_WORDS) as TokenScope[]).map((scope) => (
            <label class="choice" key={scope}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setScopes((now) =>
                    on
                      ? [...now.filter((x) => x !== scope), scope]
                      : now.filter((x) => x !== scope),
                  );
                }}
              />
              <span>
                {SCOPE_WORDS[scope].label} <span class="muted">({SCOPE_WORDS[scope].hint})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div class="account-field">
          <label class="field" for="token-days">
            Expires after
          </label>
          <select
            id="token-days"
            value={String(days)}
            onChange={(e) => {
              setDays(Number(e.currentTarget.value));
            }}
          >
            {EXPIRY_CHOICES.map((d) => (
              <option key={d} value={String(d)}>
                {d} days
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Make token
          </button>
        </div>
      </form>
    </section>
  );
}
