// Accounts: password rules (breached passwords refused), hashing (argon2id, through a bounded queue), and
// session and token secrets (stored only as hashes), with their lifetimes and scopes.
import type * as Argon2 from '@node-rs/argon2';
import type * as LanguageCommon from '@zxcvbn-ts/language-common';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import { newId } from '../store/ids.js';
import type { CredentialRecord, TokenScope } from '../store/types.js';

export const SESSION_COOKIE = 'bc_session';
export const SESSION_DAYS = 30;
/** A personal access token's life when none is asked for, and the longest one may ask for. */
export const TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
export const MIN_PASSWORD_LENGTH = 10;
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write', 'export'];

/**
 * argon2 and the breached-password list are loaded at their first use, not at start: the server answers
 * sooner after a restart, and only sign-up, sign-in and password changes wait for them (once).
 */
const requireLater = createRequire(import.meta.url);
let argon2Module: typeof Argon2 | undefined;
function argon2(): typeof Argon2 {
  argon2Module ??= requireLater('@node-rs/argon2') as typeof Argon2;
  return argon2Module;
}

/**
 * Passwords seen in breaches, lower-cased: zxcvbn-ts's list of the most common ones in leaked password
 * sets (about 49,000, of which some 1,500 are long enough to pass the length rule on their own).
 */
let breached: Set<string> | undefined;
function breachedPasswords(): Set<string> {
  if (breached === undefined) {
    const { dictionary } = requireLater('@zxcvbn-ts/language-common') as typeof LanguageCommon;
    breached = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return breached;
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `a password of at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  const lower = password.toLowerCase();
  if (
    breachedPasswords().has(lower) ||
    lower === email.toLowerCase() ||
    /^(.)\1+$/.test(password)
  ) {
    return 'a password that is not on the list of commonly used passwords, nor your email address';
  }
  return undefined;
}

/** argon2id (algorithm 2 of the package's const enum, which cannot be imported under isolated modules), OWASP's minimum. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- see above: the const enum's value
const ARGON: Argon2.Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password outside any server's queue (the operator's command line). */
export function hashPassword(password: string): Promise<string> {
  return argon2().hash(password, ARGON);
}

/** The queue is full: the caller answers 429 with Retry-After. */
export class HashQueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('password hashing is busy');
    this.name = 'HashQueueFull';
  }
}

export interface HasherOptions {
  /** Hashes at once; the default leaves a core (and libuv's other threads) to everything else. */
  concurrency?: number;
  /** Hashes waiting for a turn; beyond that a request is refused at once. */
  maxWaiting?: number;
}

/**
 * At most `concurrency` tasks at once and at most `maxWaiting` waiting, in order of arrival; any more
 * are refused at once with `HashQueueFull` instead of piling up.
 */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** How many ran, how many were refused, and the most that ran at once. */
  readonly stats = { ran: 0, refused: 0, peak: 0 };

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  /** Tasks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) {
      this.running += 1;
    } else if (this.waiting.length < this.maxWaiting) {
      // The slot is handed over by the task that finishes, so `running` does not change.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.stats.refused += 1;
      throw new HashQueueFull(1);
    }
    this.stats.ran += 1;
    this.stats.peak = Math.max(this.stats.peak, this.running);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/**
 * Password hashing and checking with its own bounded queue. Each argon2 hash takes ~19 MB and tens of
 * milliseconds of one thread of libuv's pool, which static files and the database share: unbounded, a
 * flood of logins with made-up emails starves every other route. Here at most `concurrency` run, at
 * most `maxWaiting` wait, and the rest are refused straight away (`HashQueueFull`, answered 429).
 */
export class PasswordHasher {
  readonly queue: BoundedQueue;
  /** For tests and the operator: how many passwords were checked and how many hashed. */
  readonly stats = { verified: 0, hashed: 0 };
  /** A real hash of a random password, checked against when the email is unknown (timing). */
  private decoy: Promise<string> | undefined;

  constructor(opts: HasherOptions = {}) {
    const concurrency = Math.max(1, opts.concurrency ?? os.availableParallelism() - 1);
    this.queue = new BoundedQueue(concurrency, Math.max(0, opts.maxWaiting ?? 8 * concurrency));
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(task);
  }

  /** The argon2id hash of a new password. */
  hash(password: string): Promise<string> {
    return this.run(() => {
      this.stats.hashed += 1;
      return argon2().hash(password, ARGON);
    });
  }

  /** Whether the password matches; with no hash (unknown email) a decoy is checked so timing does not tell. */
  verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    return this.run(async () => {
      this.stats.verified += 1;
      if (passwordHash === undefined) {
        this.decoy ??= argon2().hash(randomBytes(16).toString('hex'), ARGON);
        await argon2().verify(await this.decoy, password);
        return false;
      }
      try {
        return await argon2().verify(passwordHash, password);
      } catch {
        return false;
      }
    });
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

/** A browser session's credential. */
export function sessionCredential(userId: string, now: Date, tokenHash: string): CredentialRecord {
  return {
    tokenHash,
    id: newId(now),
    userId,
    kind: 'session',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    name: null,
    scopes: [],
    lastUsedAt: null,
  };
}

/** A personal access token's credential: what it may do and for how long. */
export function tokenCredential(
  userId: string,
  now: Date,
  tokenHash: string,
  opts: { name: string; scopes: TokenScope[]; days: number },
): CredentialRecord {
  return {
    tokenHash,
    id: newId(now),
    userId,
    kind: 'token',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + opts.days * 86_400_000).toISOString(),
    name: opts.name,
    // In one order, whatever order they were asked in.
    scopes: TOKEN_SCOPES.filter((s) => opts.scopes.includes(s)),
    lastUsedAt: null,
  };
}

/** The one-way hash of an account id an erasure record keeps (no email, nothing else). */
export function erasureSubject(userId: string): string {
  return createHash('sha256').update(`backchain-erasure:${userId}`).digest('hex');
}
