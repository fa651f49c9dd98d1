// How stores normalise identities: emails compare lower-cased, and an account's login failures share one key.

/** The stored and compared form of an email (JS lower-casing, the same in every store). */
export function normalizeEmail(email: string): string {
  return email.toLowerCase();
}

/** The login-failure key of an account; deleteUser and rowCounts find the account's failures by it. */
export function accountFailureKey(email: string): string {
  return `account:${normalizeEmail(email)}`;
}
