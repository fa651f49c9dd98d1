// Tests the account forms' checks (the server's password rules) and how the server's refusals land on the fields.
import { describe, expect, it } from 'vitest';
import { accountFailure, credentialProblems, MIN_PASSWORD_LENGTH } from './account-form.js';

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
