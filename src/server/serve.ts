// Starts the API on a real port with the store the environment asks for, and shuts down gracefully on a signal.
import type { FastifyInstance } from 'fastify';
import { knowledgeBase } from '../kb/index.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/types.js';
import { buildApp, type AppOptions } from './app.js';
import { DEFAULT_LOGIN_LIMITS } from './limits.js';

/** How long a login counter is kept after its last attempt. */
const LIMIT_MEMORY_MS = DEFAULT_LOGIN_LIMITS.pairMemoryHours * 3_600_000;

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL instead of SQLite when set (postgres://…). */
  databaseUrl?: string | undefined;
  logger?: AppOptions['logger'];
  extend?: AppOptions['extend'];
  /** Behind a reverse proxy: trust its X-Forwarded-For and X-Forwarded-Proto (see README, Deployment). */
  trustProxy?: AppOptions['trustProxy'];
  /** Who may sign up as a clinician: anyone (`open`, the default) or only with the operator's code. */
  clinicianSignup?: AppOptions['clinicianSignup'];
  /** Per-person write limits: the defaults when left out, none with false (BACKCHAIN_WRITE_LIMITS=off). */
  writeLimits?: AppOptions['writeLimits'];
}

export interface Running {
  app: FastifyInstance;
  store: Store;
  url: string;
  stop: () => Promise<void>;
}

/**
 * What `--trust-proxy` (or BACKCHAIN_TRUST_PROXY) says: `true` trusts any proxy, otherwise a comma-separated
 * list of the proxy's addresses or CIDR ranges (`loopback`, `uniquelocal` and the like too). Nothing, or
 * `false`, trusts none.
 */
export function parseTrustProxy(value: string | undefined): AppOptions['trustProxy'] {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  const list = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (list.some((part) => !/^[0-9A-Za-z.:/_-]+$/.test(part))) {
    throw new Error(
      `--trust-proxy: expected true, or the proxy's addresses or CIDR ranges separated by commas, got ${JSON.stringify(value)}`,
    );
  }
  return list;
}

/** What `--clinician-signup` (or BACKCHAIN_CLINICIAN_SIGNUP) says: `open` (the default) or `code`. */
export function parseClinicianSignup(value: string | undefined): 'open' | 'code' {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'open') return 'open';
  if (text === 'code') return 'code';
  throw new Error(`--clinician-signup: expected open or code, got ${JSON.stringify(value)}`);
}

/** Opens the store (migrating it), builds the app and listens. */
export async function startServer(opts: ServeOptions): Promise<Running> {
  const store = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  const app = await buildApp({
    store,
    kb: knowledgeBase,
    logger: opts.logger ?? { level: 'info' },
    extend: opts.extend,
    trustProxy: opts.trustProxy,
    clinicianSignup: opts.clinicianSignup,
    writeLimits: opts.writeLimits,
  });
  const address = await app.listen({ port: opts.port, host: opts.host });
  // Login counters keep an email and an address: forgotten a day after their last attempt.
  const purge = () => {
    const before = new Date(Date.now() - LIMIT_MEMORY_MS).toISOString();
    store.purgeLimits(before).catch((err: unknown) => {
      app.log.error({ err }, 'purging old login counters failed');
    });
  };
  purge();
  const purging = setInterval(purge, 3_600_000);
  purging.unref();
  let stopping: Promise<void> | undefined;
  const stop = () => {
    // In-flight requests finish (close waits for them), then the database closes cleanly.
    stopping ??= (async () => {
      clearInterval(purging);
      await app.close();
      await store.close();
    })();
    return stopping;
  };
  return { app, store, url: address, stop };
}

/** Stops the server on SIGTERM or SIGINT, then exits. */
export function stopOnSignals(running: Running, log: (line: string) => void): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log(`backchain: ${signal} received, finishing requests and closing the database`);
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`backchain: error while stopping: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
