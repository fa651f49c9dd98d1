// The account forms' checks and error words: the server's rules checked before sending, and its answers mapped to fields.
import type { Failure } from '../data/types.js';

/** The server's minimum (MIN_PASSWORD_LENGTH in src/server/auth.ts); the server also refuses common passwords. */
export const MIN_PASSWORD_LENGTH = 10;
/** The server's maxima (credentialsBody in src/server/schemas.ts). */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 1024;

/** The server's limit on a clinician's display name (docs/clinician.md). */
export const MAX_DISPLAY_NAME_LENGTH = 80;

export type AccountMode = 'signup' | 'login';
export type AccountField = 'email' | 'password' | 'displayName' | 'clinicianCode';
export type FieldErrors = Partial<Record<AccountField, string>>;

export interface Credentials {
  email: string;
  password: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with the typed email and password, by field; empty when they can be sent. */
export function credentialProblems(c: Credentials, mode: AccountMode): FieldErrors {
  const errors: FieldErrors = {};
  const email = c.email.trim();
  if (email === '') errors.email = 'Email: enter your email address.';
  else if (!EMAIL.test(email) || email.length > MAX_EMAIL_LENGTH) {
    errors.email = 'Email: enter an email address like name@example.com.';
  }
  if (c.password === '') {
    errors.password =
      mode === 'signup'
        ? `Password: choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`
        : 'Password: enter your password.';
  } else if (c.password.length > MAX_PASSWORD_LENGTH) {
    errors.password = `Password: use at most ${MAX_PASSWORD_LENGTH} characters.`;
  } else if (mode === 'signup') {
    if (c.password.length < MIN_PASSWORD_LENGTH) {
      errors.password = `Password: use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${c.password.length}).`;
    } else if (c.password.toLowerCase() === email.toLowerCase()) {
      errors.password = 'Password: choose something other than your email address.';
    }
  }
  return errors;
}

/** What a clinician adds at sign-up: the name people see, and the operator's code where one is asked for. */
export interface ClinicianSignup {
  role: 'person' | 'clinician';
  displayName: string;
  clinicianCode: string;
  /** GET /api/config said `clinicianSignup: 'code'`. */
  codeRequired: boolean;
}

/**
 * What is wrong with a clinician's extra sign-up fields; empty for a person (who gives neither), so a
 * person's sign-up is exactly as it was before roles.
 */
export function clinicianProblems(c: ClinicianSignup): FieldErrors {
  const errors: FieldErrors = {};
  if (c.role !== 'clinician') return errors;
  const name = c.displayName.trim();
  if (name === '') {
    errors.displayName =
      'Your name as people will see it: enter it, for example “Alex Morgan, physiotherapist”.';
  } else if (name.length > MAX_DISPLAY_NAME_LENGTH) {
    errors.displayName = `Your name as people will see it: use at most ${MAX_DISPLAY_NAME_LENGTH} characters (this one has ${name.length}).`;
  }
  if (c.codeRequired && c.clinicianCode.trim() === '') {
    errors.clinicianCode =
      'Clinician sign-up code: enter the code the people who run this Backchain gave you.';
  }
  return errors;
}

/** The sign-up body the server takes (docs/clinician.md): the role always, a clinician's extras only for them. */
export function signupBody(
  credentials: Credentials,
  c: ClinicianSignup,
): {
  email: string;
  password: string;
  role: 'person' | 'clinician';
  displayName?: string;
  clinicianCode?: string;
} {
  const body = { email: credentials.email.trim(), password: credentials.password };
  if (c.role !== 'clinician') return { ...body, role: 'person' };
  const code = c.clinicianCode.trim();
  return {
    ...body,
    role: 'clinician',
    displayName: c.displayName.trim(),
    ...(c.codeRequired || code ? { clinicianCode: code } : {}),
  };
}

const LABELS: Record<AccountField, string> = {
  email: 'Email',
  password: 'Password',
  displayName: 'Your name as people will see it',
  clinicianCode: 'Clinician sign-up code',
};

const FIELDS: readonly string[] = ['email', 'password', 'displayName', 'clinicianCode'];

/** The field a problem's path names (`password`, `body.password` or `/password`), if it is one of ours. */
function fieldOf(path: string): AccountField | undefined {
  const last = path.split(/[./]/).filter(Boolean).pop();
  return last !== undefined && FIELDS.includes(last) ? (last as AccountField) : undefined;
}

/** A server problem's message for people: "password: expected X, got Y" becomes "Password: use X (this one is Y)." */
function problemWords(field: AccountField, message: string): string {
  const text = message.replace(new RegExp(`^(body\\.)?${field}: `), '');
  const match = /^expected (.*), got (.*)$/.exec(text);
  const said = match ? `use ${match[1] ?? ''} (this one is ${match[2] ?? ''}).` : text;
  return `${LABELS[field]}: ${said}`;
}

/** Splits a failed sign-up or log-in into errors on the fields, and a message for the whole form. */
export function accountFailure(failure: Failure): { fields: FieldErrors; general: string | null } {
  const fields: FieldErrors = {};
  if (failure.kind === 'invalid') {
    const other: string[] = [];
    for (const p of failure.problems) {
      const field = fieldOf(p.path);
      if (field) fields[field] ??= problemWords(field, p.message);
      else other.push(p.path ? `${p.path}: ${p.message}` : p.message);
    }
    return { fields, general: other.length > 0 ? `${failure.title}: ${other.join('; ')}` : null };
  }
  if (failure.kind === 'conflict' && failure.code === 'email-taken') {
    return { fields: { email: `Email: ${failure.title}. ${failure.detail}` }, general: null };
  }
  return { fields, general: `${failure.title}. ${failure.detail}`.trim() };
}
