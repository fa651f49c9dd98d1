// Login and sign-up limits, kept in the database so every server process counts the same attempts.
// An attempt is counted atomically before the password is checked, so parallel guesses can never get
// more passwords checked than the limit; the wrong guesses of one account from one address back off
// that pair alone, so the owner signing in from their own device is not locked out by someone else's.
import type { LimitKey, LimitRow, Store } from '../store/types.js';
import { ApiError } from './problems.js';

export interface LoginLimits {
  /** Wrong passwords one account may get from one address before it backs off. */
  perPair: number;
  /** The first back-off, doubled with each further wrong password, up to `maxBackoffMinutes`. */
  backoffSeconds: number;
  maxBackoffMinutes: number;
  /** How long a pair's wrong passwords are remembered after its last attempt. */
  pairMemoryHours: number;
  /** Wrong passwords from one address, whatever the accounts, per window. */
  perAddress: number;
  /** Wrong passwords for one account from every address, per window: a ceiling on guessing from many. */
  perAccount: number;
  windowMinutes: number;
  /** Sign-ups from one address per hour. */
  signupsPerAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perPair: 5,
  backoffSeconds: 60,
  maxBackoffMinutes: 15,
  pairMemoryHours: 24,
  perAddress: 30,
  perAccount: 100,
  windowMinutes: 15,
  signupsPerAddress: 20,
};

/** How an attempt ended, for settling what was counted before the password was checked. */
export type AttemptOutcome = 'right' | 'wrong' | 'unchecked';

type Decision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const ms = (instant: string): number => new Date(instant).getTime();

/** The keys a password check counts under: the pair, the address and the account. */
export function passwordKeys(email: string, address: string): LimitKey[] {
  return [
    { scope: 'login-pair', account: email, address },
    { scope: 'login-address', account: '', address },
    { scope: 'login-account', account: email, address: '' },
  ];
}

export function signupKeys(address: string): LimitKey[] {
  return [{ scope: 'signup-address', account: '', address }];
}

/**
 * One attempt against one counter. The pair backs off: its first `perPair` attempts are free, and the
 * attempt that reaches the limit blocks the pair at once (before its password is checked, so parallel
 * guesses cannot slip in), for `backoffSeconds`, doubling each time up to `maxBackoffMinutes`; a right
 * password clears it. The others count attempts in a fixed window; a right password gives its count back.
 */
export function reserve(
  key: LimitKey,
  row: LimitRow | undefined,
  now: Date,
  limits: LoginLimits,
): { row: LimitRow; decision: Decision } {
  const at = now.toISOString();
  const t = now.getTime();
  if (key.scope === 'login-pair') {
    const blockedUntil = row?.blockedUntil ?? null;
    if (row && blockedUntil !== null && ms(blockedUntil) > t) {
      return {
        row,
        decision: { allowed: false, retryAfterSeconds: Math.ceil((ms(blockedUntil) - t) / 1000) },
      };
    }
    const forgotten = !row || t - ms(row.windowStart) > limits.pairMemoryHours * 3_600_000;
    const count = (forgotten ? 0 : row.count) + 1;
    const over = count - limits.perPair;
    const block =
      over >= 0
        ? new Date(
            t +
              Math.min(
                limits.maxBackoffMinutes * 60_000,
                limits.backoffSeconds * 1000 * 2 ** Math.min(over, 20),
              ),
          ).toISOString()
        : null;
    return { row: { count, windowStart: at, blockedUntil: block }, decision: { allowed: true } };
  }
  const windowMs = (key.scope === 'signup-address' ? 60 : limits.windowMinutes) * 60_000;
  const limit =
    key.scope === 'signup-address'
      ? limits.signupsPerAddress
      : key.scope === 'login-address'
        ? limits.perAddress
        : limits.perAccount;
  const fresh = !row || t - ms(row.windowStart) >= windowMs;
  const current = fresh ? { count: 0, windowStart: at, blockedUntil: null } : row;
  if (current.count >= limit) {
    const retry = Math.max(1, Math.ceil((ms(current.windowStart) + windowMs - t) / 1000));
    return { row: current, decision: { allowed: false, retryAfterSeconds: retry } };
  }
  return { row: { ...current, count: current.count + 1 }, decision: { allowed: true } };
}

/** What is left of a counter once the attempt it allowed is known (null: delete it). */
export function settle(
  key: LimitKey,
  row: LimitRow | undefined,
  outcome: AttemptOutcome,
  limits: LoginLimits,
): LimitRow | null | undefined {
  if (!row || outcome === 'wrong') return undefined;
  if (key.scope === 'login-pair' && outcome === 'right') return null;
  if (key.scope === 'signup-address' && outcome === 'right') return undefined;
  const count = Math.max(0, row.count - 1);
  const blockedUntil =
    key.scope === 'login-pair' && count < limits.perPair ? null : row.blockedUntil;
  return { ...row, count, blockedUntil };
}

/** Too many attempts: 429 with Retry-After. */
export function tooManyAttempts(retryAfterSeconds: number, what: 'sign-in' | 'sign-up'): ApiError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait = minutes <= 1 ? 'a minute' : `${minutes} minutes`;
  return new ApiError(
    429,
    'too-many-attempts',
    what === 'sign-in' ? 'Too many failed sign-in attempts' : 'Too many new accounts',
    what === 'sign-in'
      ? `Sign-in is paused after several wrong passwords. Please wait ${wait} and try again.`
      : `Too many accounts were created from this network. Please wait ${wait} and try again.`,
    { 'retry-after': String(retryAfterSeconds) },
  );
}

/**
 * Counts an attempt under every key at once, atomically, before any password is checked. Returns the
 * keys to settle afterwards, or throws 429 (nothing counted) when any counter refuses.
 */
export async function takeAttempt(
  store: Store,
  keys: LimitKey[],
  now: Date,
  limits: LoginLimits,
  what: 'sign-in' | 'sign-up',
): Promise<void> {
  const refused = await store.updateLimits(keys, (rows) => {
    const decided = keys.map((k, i) => reserve(k, rows[i], now, limits));
    const wait = Math.max(
      0,
      ...decided.map((d) => (d.decision.allowed ? 0 : d.decision.retryAfterSeconds)),
    );
    // All or nothing: a refused attempt counts nowhere.
    return wait > 0 ? { rows: [], result: wait } : { rows: decided.map((d) => d.row), result: 0 };
  });
  if (refused > 0) throw tooManyAttempts(refused, what);
}

/** Settles an attempt counted by `takeAttempt` once the password was checked (or could not be). */
export async function settleAttempt(
  store: Store,
  keys: LimitKey[],
  outcome: AttemptOutcome,
  limits: LoginLimits,
): Promise<void> {
  if (outcome === 'wrong') return;
  await store.updateLimits(keys, (rows) => ({
    rows: keys.map((k, i) => settle(k, rows[i], outcome, limits)),
    result: undefined,
  }));
}
