// The Account screen signed out: sign up (a person or a clinician) or log in, in one form.
import { useState } from 'preact/hooks';
import { accountFrom, useApp, type Account, type MeAnswer } from '../app-context.js';
import { RadioGroup } from '../components/choice.js';
import { api } from '../data/http.js';
import { useLoad } from '../hooks.js';
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
import type { Arrival } from './account-arrival.js';

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

export function SignedOut({ onArrive }: { onArrive: (how: Exclude<Arrival, null>) => void }) {
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
