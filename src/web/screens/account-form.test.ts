// Tests the account forms' checks (the server's password rules) and how the server's refusals land on the fields.
import { describe, expect, it } from 'vitest';
import {
  accountFailure,
  clinicianProblems,
  credentialProblems,
  MAX_DISPLAY_NAME_LENGTH,
  MIN_PASSWORD_LENGTH,
  signupBody,
} from './account-form.js';

describe('credentialProblems', () => {
  it('accepts a good email and a long enough password', () => {
    expect(
      credentialProblems({ email: 'a@example.org', password: 'correct horse' }, 'signup'),
    ).toEqual({});
  });

  it('names both fields when both are empty', () => {
    const e = credentialProblems({ email: ' ', password: '' }, 'signup');
    expect(e.email).toMatch(/^Email:/);
    expect(e.password).toMatch(/^Password: choose a password of at least 10/);
  });

  it('asks for the server’s minimum length on sign-up, saying how long it is now', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(
      credentialProblems({ email: 'a@example.org', password: 'short' }, 'signup').password,
    ).toBe('Password: use at least 10 characters (this one has 5).');
  });

  it('does not judge the length of an existing password at log-in', () => {
    expect(credentialProblems({ email: 'a@example.org', password: 'short' }, 'login')).toEqual({});
  });

  it('refuses the email address as the password, and an address without a domain', () => {
    expect(
      credentialProblems(
        { email: 'Long.Name@example.org', password: 'long.name@example.org' },
        'signup',
      ).password,
    ).toMatch(/other than your email/);
    expect(
      credentialProblems({ email: 'someone@', password: 'x'.repeat(12) }, 'signup').email,
    ).toMatch(/name@example.com/);
  });
});

describe('accountFailure', () => {
  it('puts a server problem on the field its path names, in plain words', () => {
    const r = accountFailure({
      kind: 'invalid',
      title: 'Some of what was sent is not valid',
      problems: [
        {
          path: 'password',
          expected: '',
          received: '',
          message:
            'password: expected a password that is not on the list of commonly used passwords, nor your email address, got a password of 10 characters',
        },
      ],
    });
    expect(r.general).toBeNull();
    expect(r.fields.password).toBe(
      'Password: use a password that is not on the list of commonly used passwords, nor your email address (this one is a password of 10 characters).',
    );
  });

  it('puts a taken email on the email field', () => {
    const r = accountFailure({
      kind: 'conflict',
      code: 'email-taken',
      title: 'That email already has an account',
      detail: 'Log in instead, or use another email address.',
    });
    expect(r.fields.email).toBe(
      'Email: That email already has an account. Log in instead, or use another email address.',
    );
  });

  it('keeps wrong credentials and lost connections for the whole form', () => {
    const r = accountFailure({
      kind: 'auth',
      code: 'wrong-credentials',
      title: 'Email or password not recognised',
      detail: 'Check the email address and password and try again.',
    });
    expect(r.fields).toEqual({});
    expect(r.general).toMatch(/^Email or password not recognised\./);
  });

  it('keeps problems on other paths for the whole form, naming the path', () => {
    const r = accountFailure({
      kind: 'invalid',
      title: 'Not valid',
      problems: [{ path: 'extra', expected: '', received: '', message: 'not allowed' }],
    });
    expect(r.general).toBe('Not valid: extra: not allowed');
  });
});

describe('a clinician’s sign-up', () => {
  const credentials = { email: ' alex@example.org ', password: 'correct horse battery' };
  const person = {
    role: 'person' as const,
    displayName: '',
    clinicianCode: '',
    codeRequired: true,
  };
  const clinician = {
    role: 'clinician' as const,
    displayName: ' Alex Morgan, physiotherapist ',
    clinicianCode: '',
    codeRequired: false,
  };

  it('asks a person for nothing more, even where clinicians need a code', () => {
    expect(clinicianProblems(person)).toEqual({});
    expect(signupBody(credentials, person)).toEqual({
      email: 'alex@example.org',
      password: 'correct horse battery',
      role: 'person',
    });
  });

  it('needs a clinician’s display name, within the server’s 80 characters', () => {
    expect(clinicianProblems({ ...clinician, displayName: '  ' }).displayName).toMatch(
      /^Your name as people will see it: enter it/,
    );
    expect(
      clinicianProblems({ ...clinician, displayName: 'x'.repeat(MAX_DISPLAY_NAME_LENGTH + 1) })
        .displayName,
    ).toBe('Your name as people will see it: use at most 80 characters (this one has 81).');
    expect(clinicianProblems(clinician)).toEqual({});
  });

  it('needs the operator’s code only where the deployment asks for one', () => {
    expect(clinicianProblems({ ...clinician, codeRequired: true }).clinicianCode).toMatch(
      /^Clinician sign-up code:/,
    );
    expect(
      signupBody(credentials, { ...clinician, codeRequired: true, clinicianCode: ' K7Q2-MX9P ' }),
    ).toEqual({
      email: 'alex@example.org',
      password: 'correct horse battery',
      role: 'clinician',
      displayName: 'Alex Morgan, physiotherapist',
      clinicianCode: 'K7Q2-MX9P',
    });
    expect(signupBody(credentials, clinician)).not.toHaveProperty('clinicianCode');
  });

  it('puts the server’s refusal of a code or a name on its field', () => {
    const r = accountFailure({
      kind: 'invalid',
      title: 'Some of what was sent is not valid',
      problems: [
        {
          path: 'clinicianCode',
          expected: '',
          received: '',
          message:
            'clinicianCode: expected a clinician sign-up code that is unused and not expired, got an unknown code',
        },
      ],
    });
    expect(r.fields.clinicianCode).toBe(
      'Clinician sign-up code: use a clinician sign-up code that is unused and not expired (this one is an unknown code).',
    );
    expect(r.general).toBeNull();
  });
});
