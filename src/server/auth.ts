// Accounts: password rules and hashing (argon2id), session and token secrets (stored only as hashes), login rate limits.
import { hash, verify, type Options } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';
import type { CredentialRecord, Store } from '../store/types.js';
import { ApiError } from './problems.js';

export const SESSION_COOKIE = 'bc_session';
export const SESSION_DAYS = 30;
export const TOKEN_DAYS = 365;
export const MIN_PASSWORD_LENGTH = 10;

/** A short list of passwords people pick most often; longer than 10 characters, so the length rule alone lets them through. */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '12345678910',
  '0987654321',
  '1111111111',
  '1q2w3e4r5t',
  'qwertyuiop',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou123',
  'qwerty12345',
  'qwerty123456',
  'abcdefghij',
  'abc1234567',
  'letmein1234',
  'welcome123',
  'welcome1234',
  'administrator',
  'football123',
  'baseball123',
  'sunshine123',
  'princess123',
  'changeme123',
  'trustno1234',
  'backchain123',
  'backpain123',
]);

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `a password of at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || lower === email.toLowerCase() || /^(.)\1+$/.test(password)) {
    return 'a password that is not on the list of commonly used passwords, nor your email address';
  }
  return undefined;
}

/** argon2id (algorithm 2 of the package's const enum, which cannot be imported under isolated modules), OWASP's minimum. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- see above: the const enum's value
const ARGON: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

/** A real hash of a random password: verified against when the email is unknown, so timing does not reveal accounts. */
let decoyHash: Promise<string> | undefined;
export async function verifyPassword(
  passwordHash: string | undefined,
  password: string,
): Promise<boolean> {
  if (passwordHash === undefined) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await decoyHash, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A new random secret and the hash that is stored in its place. */
export function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function credential(
  userId: string,
  kind: CredentialRecord['kind'],
  now: Date,
  tokenHash: string,
): CredentialRecord {
  const days = kind === 'session' ? SESSION_DAYS : TOKEN_DAYS;
  return {
    tokenHash,
    userId,
    kind,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
  };
}

export interface LoginLimits {
  windowMinutes: number;
  perAccount: number;
  perAddress: number;
}
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMinutes: 15,
  perAccount: 5,
  perAddress: 30,
};

/** Refuses a login attempt when the account or the address has failed too often recently. */
export async function checkLoginAllowed(
  store: Store,
  email: string,
  address: string,
  now: Date,
  limits: LoginLimits,
): Promise<void> {
  const since = new Date(now.getTime() - limits.windowMinutes * 60_000).toISOString();
  const [byAccount, byAddress] = await Promise.all([
    store.countLoginFailures(`account:${email.toLowerCase()}`, since),
    store.countLoginFailures(`address:${address}`, since),
  ]);
  if (byAccount >= limits.perAccount || byAddress >= limits.perAddress) {
    throw new ApiError(
      429,
      'too-many-attempts',
      'Too many failed sign-in attempts',
      `Sign-in is paused after several wrong passwords. Please wait ${limits.windowMinutes} minutes and try again.`,
      { 'retry-after': String(limits.windowMinutes * 60) },
    );
  }
}

export async function recordLoginFailure(
  store: Store,
  email: string,
  address: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await store.recordLoginFailure(`account:${email.toLowerCase()}`, at);
  await store.recordLoginFailure(`address:${address}`, at);
}
