// Starts the API on a real port with the store the environment asks for, and shuts down gracefully on a signal.
import type { FastifyInstance } from 'fastify';
import { knowledgeBase } from '../kb/index.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/types.js';
import { buildApp, type AppOptions } from './app.js';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL instead of SQLite when set (postgres://…). */
  databaseUrl?: string | undefined;
  logger?: AppOptions['logger'];
  extend?: AppOptions['extend'];
}

export interface Running {
  app: FastifyInstance;
  store: Store;
  url: string;
  stop: () => Promise<void>;
}

/** Opens the store (migrating it), builds the app and listens. */
export async function startServer(opts: ServeOptions): Promise<Running> {
  const store = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  const app = await buildApp({
    store,
    kb: knowledgeBase,
    logger: opts.logger ?? { level: 'info' },
    extend: opts.extend,
  });
  const address = await app.listen({ port: opts.port, host: opts.host });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    // In-flight requests finish (close waits for them), then the database closes cleanly.
    stopping ??= (async () => {
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
