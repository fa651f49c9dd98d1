// The Account screen: where the data lives, sign up, log in, log out, access tokens, delete the account, and moving this device's data into it.
import { sittingsFrom } from '../../engine/sittings.js';
import { formatDate } from '../format-date.js';
import { useEffect, useState } from 'preact/hooks';
import { accountFrom, useApp, type Account, type MeAnswer } from '../app-context.js';
import { RadioGroup } from '../components/choice.js';
import { FailureNotice, Notice, ScreenTitle } from '../components/common.js';
import { loadDeviceRepo } from '../data/device.js';
import { api } from '../data/http.js';
import {
  clearDeviceData,
  describeMove,
  deviceCounts,
  moveDeviceDataToAccount,
  type Counts,
  type MoveReport,
} from '../data/move-to-account.js';
import type { Failure } from '../data/types.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';
import {
  accountFailure,
  clinicianProblems,
  credentialProblems,
  MAX_DISPLAY_NAME_LENGTH,
  MIN_PASSWORD_LENGTH,
  signupBody,
  type AccountField,
  type AccountMode,
  type FieldErrors,
} from './account-form.js';
import { saveFile } from './report-download.js';
import AccountLinks from './account-links.js';
import './account.css';

/** How the person arrived at the signed-in view in this visit, which decides how the move is offered. */
type Arrival = 'signup' | 'login' | null;

export default function AccountScreen() {
  const { account } = useApp();
  const [arrival, setArrival] = useState<Arrival>(null);
  const [farewell, setFarewell] = useState<string | null>(null);
  return (
    <section aria-labelledby="screen-title" class="account">
      <ScreenTitle>Account</ScreenTitle>
      {farewell && !account && <Notice tone="success">{farewell}</Notice>}
      <WhereDataLives account={account} />
      {account ? (
        <SignedIn
          account={account}
          arrival={arrival}
          onLeave={(message) => {
            setArrival(null);
            setFarewell(message);
          }}
        />
      ) : (
        <SignedOut
          onArrive={(how) => {
            setFarewell(null);
            setArrival(how);
          }}
        />
      )}
    </section>
  );
}

function WhereDataLives({ account }: { account: Account | null }) {
  return (
    <section class="card where-data" aria-labelledby="where-data-title">
      <h2 id="where-data-title" class="where-data-title">
        Where your data lives
      </h2>
      {account?.role === 'clinician' ? (
        <p>
          <strong>A clinician account</strong> ({account.email}), shown to people as{' '}
          <strong>{account.displayName ?? account.email}</strong>. It holds no health record of its
          own: you see the records of people who accepted your invitation, for as long as each of
          them keeps the link.
        </p>
      ) : account ? (
        <p>
          <strong>In your account</strong> ({account.email}), on the Backchain server. It follows
          you to any device where you log in. This device keeps a copy of what it last loaded, so
          you can use the app offline, and check-ins made offline wait here until they are sent.
        </p>
      ) : (
        <p>
          <strong>On this device only.</strong> Nothing you enter is sent anywhere. Clearing this
          browser’s site data deletes it. An account keeps it safe and lets you use it on other
          devices.
        </p>
      )}
    </section>
  );
}

/** The hash holds the route, so links to a field move focus themselves. */
function focusById(id: string) {
  return (event: Event) => {
    event.preventDefault();
    document.getElementById(id)?.focus();
  };
}

const FIELD_IDS: Record<AccountField, string> = {
  email: 'account-email',
  password: 'account-password',
  displayName: 'account-display-name',
  clinicianCode: 'account-clinician-code',
};

/** Whether this deployment asks clinicians for the operator's code (GET /api/config); 'open' if unsure. */
function useClinicianSignup(): 'open' | 'code' {
  const config = useLoad(async () => {
    const answer = await api<{ clinicianSignup?: 'open' | 'code' }>('GET', '/api/config');
    return answer.ok && answer.value.clinicianSignup === 'code' ? 'code' : 'open';
  }, []);
  return config.status === 'ready' ? config.value : 'open';
}

function SignedOut({ onArrive }: { onArrive: (how: Exclude<Arrival, null>) => void }) {
  const app = useApp();
  const [mode, setMode] = useState<AccountMode>('signup');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [reveal, setReveal] = useState(false);
  // A person is the usual visitor, and choosing it is no safety answer: it starts chosen.
  const [role, setRole] = useState<'person' | 'clinician'>('person');
  const [displayName, setDisplayName] = useState('');
  const [clinicianCode, setClinicianCode] = useState('');
  const codeRequired = useClinicianSignup() === 'code';
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signup = mode === 'signup';
  const switchMode = () => {
    setMode(signup ? 'login' : 'signup');
    setErrors({});
    setGeneral(null);
  };
  const showErrors = (fields: FieldErrors, message: string | null) => {
    setErrors(fields);
    setGeneral(message);
    requestAnimationFrame(() => {
      document.getElementById('account-errors')?.focus();
    });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const extras = { role, displayName, clinicianCode, codeRequired };
    const problems = {
      ...credentialProblems({ email, password }, mode),
      ...(signup ? clinicianProblems(extras) : {}),
    };
    if (Object.keys(problems).length > 0) {
      showErrors(problems, null);
      return;
    }
    setBusy(true);
    try {
      const body = signup
        ? signupBody({ email, password }, extras)
        : { email: email.trim(), password };
      const answer = await api<Account>(
        'POST',
        signup ? '/api/auth/signup' : '/api/auth/login',
        body,
      );
      if (!answer.ok) {
        const { fields, general: message } = accountFailure(answer.error);
        showErrors(fields, message);
        return;
      }
      const me = await api<MeAnswer & { createdAt: string }>('GET', '/api/me');
      if (!me.ok) {
        showErrors({}, `${me.error.title}. ${'detail' in me.error ? me.error.detail : ''}`);
        return;
      }
      onArrive(mode);
      app.setAccount(accountFrom(me.value));
    } finally {
      setBusy(false);
    }
  };

  const fieldProps = (field: AccountField, hintId?: string) => {
    const describedBy = [hintId, errors[field] ? `${FIELD_IDS[field]}-error` : undefined]
      .filter(Boolean)
      .join(' ');
    return {
      id: FIELD_IDS[field],
      'aria-invalid': errors[field] ? true : undefined,
      'aria-describedby': describedBy || undefined,
    } as const;
  };
  const fieldError = (field: AccountField) =>
    errors[field] ? (
      <p class="field-error" id={`${FIELD_IDS[field]}-error`}>
        {errors[field]}
      </p>
    ) : null;
  const listed = (Object.entries(errors) as [AccountField, string][]).filter(([, m]) => m);

  return (
    <div class="card account-form">
      <h2>{signup ? 'Create an account' : 'Log in'}</h2>
      <p>
        {!signup
          ? 'Log in to see your saved programme and progress on this device.'
          : role === 'clinician'
            ? 'A clinician account lets you follow the people who accept your invitation: their check-ins, sittings and measures, and their programme, which you can change within Backchain’s safety rules. It holds no health record of its own.'
            : 'With an account, your answers, programme, sessions and check-ins are saved on the server and follow you to any device. You can delete it, and everything in it, at any time.'}
      </p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        {(listed.length > 0 || general) && (
          <div class="notice notice-danger" id="account-errors" role="alert" tabIndex={-1}>
            <p class="notice-title">
              {signup ? 'The account was not created' : 'You are not logged in yet'}
            </p>
            <ul>
              {listed.map(([field, message]) => (
                <li key={field}>
                  <a href={`#${FIELD_IDS[field]}`} onClick={focusById(FIELD_IDS[field])}>
                    {message}
                  </a>
                </li>
              ))}
              {general && <li>{general}</li>}
            </ul>
          </div>
        )}
        {signup && (
          <RadioGroup
            name="account-role"
            legend="Who is this account for?"
            options={[
              { value: 'person', label: 'I’m here for my own back' },
              {
                value: 'clinician',
                label: 'I’m a physiotherapist or other clinician',
                hint: 'To follow people who choose to link to you. A clinician account holds no health record of its own.',
              },
            ]}
            value={role}
            onChange={(value) => {
              setRole(value === 'clinician' ? 'clinician' : 'person');
            }}
          />
        )}
        <div class="account-field">
          <label class="field" for={FIELD_IDS.email}>
            Email
          </label>
          <input
            {...fieldProps('email')}
            type="email"
            name="email"
            autoComplete={signup ? 'email' : 'username'}
            spellcheck={false}
            required
            value={email}
            onInput={(e) => {
              setEmail(e.currentTarget.value);
            }}
          />
          {fieldError('email')}
        </div>
        <div class="account-field">
          <label class="field" for={FIELD_IDS.password}>
            Password
          </label>
          {signup && (
            <p class="hint" id="account-password-hint">
              At least {MIN_PASSWORD_LENGTH} characters. Not a commonly used password, and not your
              email address. A few unrelated words make a strong password that is easy to remember.
            </p>
          )}
          <input
            {...fieldProps('password', signup ? 'account-password-hint' : undefined)}
            type={reveal ? 'text' : 'password'}
            name="password"
            autoComplete={signup ? 'new-password' : 'current-password'}
            required
            minLength={signup ? MIN_PASSWORD_LENGTH : undefined}
            value={password}
            onInput={(e) => {
              setPassword(e.currentTarget.value);
            }}
          />
          {fieldError('password')}
          <label class="choice reveal">
            <input
              type="checkbox"
              checked={reveal}
              onChange={(e) => {
                setReveal(e.currentTarget.checked);
              }}
            />
            <span>Show password</span>
          </label>
        </div>
        {signup && role === 'clinician' && (
          <>
            <div class="account-field">
              <label class="field" for={FIELD_IDS.displayName}>
                Your name as people will see it
              </label>
              <p class="hint" id="account-display-name-hint">
                For example “Alex Morgan, physiotherapist”. People read it before they accept your
                invitation, and on their list of who looked at their record.
              </p>
              <input
                {...fieldProps('displayName', 'account-display-name-hint')}
                type="text"
                name="displayName"
                autoComplete="name"
                maxLength={MAX_DISPLAY_NAME_LENGTH}
                required
                value={displayName}
                onInput={(e) => {
                  setDisplayName(e.currentTarget.value);
                }}
              />
              {fieldError('displayName')}
            </div>
            {codeRequired && (
              <div class="account-field">
                <label class="field" for={FIELD_IDS.clinicianCode}>
                  Clinician sign-up code
                </label>
                <p class="hint" id="account-clinician-code-hint">
                  This Backchain asks clinicians for a code from the people who run it. Each code
                  works once.
                </p>
                <input
                  {...fieldProps('clinicianCode', 'account-clinician-code-hint')}
                  type="text"
                  name="clinicianCode"
                  autoComplete="off"
                  spellcheck={false}
                  required
                  value={clinicianCode}
                  onInput={(e) => {
                    setClinicianCode(e.currentTarget.value);
                  }}
                />
                {fieldError('clinicianCode')}
              </div>
            )}
          </>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {signup ? 'Create account' : 'Log in'}
          </button>
        </div>
        <p role="status" class="muted">
          {busy ? (signup ? 'Creating your account…' : 'Logging in…') : ''}
        </p>
      </form>
      <p class="account-switch">
        {signup ? 'Already have an account?' : 'New to Backchain?'}{' '}
        <button type="button" class="link-button" onClick={switchMode}>
          {signup ? 'Log in instead' : 'Create an account instead'}
        </button>
      </p>
    </div>
  );
}

function SignedIn({
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
function AccessTokens() {
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

const NOUN: Record<keyof Counts, [string, string]> = {
  assessment: ['set of answers', 'sets of answers'],
  session: ['exercise sitting', 'exercise sittings'],
  checkin: ['check-in', 'check-ins'],
  measurement: ['measurement', 'measurements'],
};

function countWords(counts: Counts): string {
  const parts = (Object.keys(NOUN) as (keyof Counts)[])
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${NOUN[k][counts[k] === 1 ? 0 : 1]}`);
  return parts.length <= 1
    ? (parts[0] ?? 'nothing')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** Offers to move what this device holds into the account, runs the move, and says how it went. */
function MoveOffer({ accountId, arrival }: { accountId: string; arrival: Arrival }) {
  const app = useApp();
  const [round, setRound] = useState(0);
  const counts = useLoad(() => deviceCounts(), [round]);
  const [dismissed, setDismissed] = useState(false);
  const [moving, setMoving] = useState(false);
  const [report, setReport] = useState<MoveReport | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const move = async () => {
    setMoving(true);
    setNote(null);
    try {
      const result = await moveDeviceDataToAccount(accountId);
      setReport(result);
      app.changed();
    } catch (error) {
      setNote(
        `The move could not run: ${error instanceof Error ? error.message : String(error)}. Everything is still on this device.`,
      );
    } finally {
      setMoving(false);
      setRound((r) => r + 1);
    }
    requestAnimationFrame(() => {
      document.getElementById('move-result')?.focus();
    });
  };

  const saveCopy = async () => {
    const repo = await loadDeviceRepo();
    const file = await repo.exportFile('json');
    if (file.ok) {
      saveFile('backchain-this-device.json', file.value.type, file.value.body);
      setNote('Saved backchain-this-device.json to your downloads.');
    } else {
      setNote(`${file.error.title}.`);
    }
  };

  const removeCopy = async () => {
    await clearDeviceData();
    setReport(null);
    setNote('This device’s copy has been removed.');
    setRound((r) => r + 1);
  };

  const words = report ? describeMove(report) : null;
  const held = counts.status === 'ready' ? counts.value : null;

  return (
    <>
      {words && (
        <div
          class={`notice notice-${words.tone}`}
          id="move-result"
          tabIndex={-1}
          role={words.tone === 'success' ? 'status' : 'alert'}
        >
          <p class="notice-title">{words.title}</p>
          {words.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
          {words.refusals.length > 0 && (
            <ul>
              {words.refusals.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          {report?.status === 'complete' && report.refused.length > 0 && (
            <>
              <p>
                They are still on this device. You can save a copy of everything on this device as a
                file, then remove this device’s copy, or keep it.
              </p>
              <div class="actions">
                <button type="button" onClick={() => void saveCopy()}>
                  Save this device’s copy as a file
                </button>
                <button type="button" class="danger" onClick={() => void removeCopy()}>
                  Remove this device’s copy
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {note && <p role="status">{note}</p>}
      {held && !dismissed && report?.status !== 'complete' && (
        <section class="card move-offer" aria-labelledby="move-title">
          <h2 id="move-title" class="card-title">
            {arrival === 'signup'
              ? 'Move the answers, sessions and check-ins on this device to your new account?'
              : 'This device also holds data from before you logged in'}
          </h2>
          <p>This device holds {countWords(held)}.</p>
          {arrival !== 'signup' && (
            <p>
              Moving adds them to your account, after what it already holds; the moved answers then
              decide your programme.
            </p>
          )}
          <p>
            Each item is sent in the order it happened and checked again by the server. This
            device’s copy is removed only once everything has arrived; if the connection drops, it
            stays here and you can try again without anything being sent twice.
          </p>
          <div class="actions">
            <button type="button" class="primary" disabled={moving} onClick={() => void move()}>
              {report?.status === 'stopped' ? 'Try moving again' : 'Move them to my account'}
            </button>
            <button
              type="button"
              disabled={moving}
              onClick={() => {
                setDismissed(true);
              }}
            >
              Not now
            </button>
          </div>
          <p role="status" class="muted">
            {moving ? 'Moving your data… please keep this page open.' : ''}
          </p>
        </section>
      )}
      {held && dismissed && (
        <p class="muted small">
          This device still holds {countWords(held)}; it is not shown while you are logged in.{' '}
          <button
            type="button"
            class="link-button"
            onClick={() => {
              setDismissed(false);
            }}
          >
            Move it to my account
          </button>
        </p>
      )}
    </>
  );
}

function DeleteAccount({
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
