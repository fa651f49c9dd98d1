// Tests how the app reads an account from GET /api/me: the role and display name, and accounts saved before roles.
import { describe, expect, it } from 'vitest';
import { accountFrom } from './app-context.js';

describe('accountFrom', () => {
  it('keeps a clinician’s role and the name people see', () => {
    expect(
      accountFrom({ id: 'c1', email: 'a@example.org', role: 'clinician', displayName: 'Alex' }),
    ).toEqual({ id: 'c1', email: 'a@example.org', role: 'clinician', displayName: 'Alex' });
  });

  it('reads an account saved before roles existed as a person’s, with no display name', () => {
    expect(accountFrom({ id: 'p1', email: 'p@example.org' })).toEqual({
      id: 'p1',
      email: 'p@example.org',
      role: 'person',
      displayName: null,
    });
  });
});
