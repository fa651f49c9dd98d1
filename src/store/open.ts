// Choosing and opening a store from configuration, and the SQLite backup and restore an operator runs.
import type BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LATEST_MIGRATION } from './migrations.js';
import type { Store } from './types.js';

/** The database file's name inside a data folder. */
export const SQLITE_FILE_NAME = 'backchain.sqlite';

export interface OpenStoreOptions {
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  memory?: boolean | undefined;
  /** PostgreSQL only: keep the tables in this schema (created when missing). */
  pgSchema?: string | undefined;
}

/**
 * Creates the data folder (and its parents) and makes it the server user's alone (0700): it holds
 * health data. The database file inside is made 0600 when opened.
 */
export function makePrivateFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** The SQLite file of a data folder. */
export function sqliteFileIn(dataDir: string): string {
  return path.join(dataDir, SQLITE_FILE_NAME);
}

/**
 * Opens the configured store: memory when asked, PostgreSQL for a postgres:// URL, otherwise
 * SQLite at `<dataDir>/backchain.sqlite` (the folder is created). Each store's code is loaded only
 * when it is the one asked for, so starting on SQLite never loads the PostgreSQL driver.
 */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  if (opts.memory) {
    const { createMemoryStore } = await import('./memory.js');
    return createMemoryStore();
  }
  if (opts.databaseUrl !== undefined && opts.databaseUrl !== '') {
    if (/^postgres(ql)?:\/\//i.test(opts.databaseUrl)) {
      const { openPostgresStore } = await import('./sql.js');
      return openPostgresStore(opts.databaseUrl, { schema: opts.pgSchema });
    }
    // Refuse rather than fall back to SQLite: a typo must not silently put data somewhere else.
    throw new Error('databaseUrl must start with postgres:// or postgresql://');
  }
  if (opts.dataDir === undefined || opts.dataDir === '') {
    throw new Error(
      'no place for the data: give dataDir (SQLite), databaseUrl (PostgreSQL) or memory',
    );
  }
  makePrivateFolder(opts.dataDir);
  const { openSqliteStore } = await import('./sql.js');
  return openSqliteStore(sqliteFileIn(opts.dataDir));
}

/** better-sqlite3, loaded by the commands that use it (backup and restore), not by every import of this file. */
async function loadSqlite(): Promise<typeof BetterSqlite3> {
  const { default: Database } = await import('better-sqlite3');
  return Database;
}

/** A data folder means its database file; anything else is taken as the file itself. */
function resolveSqliteFile(dataDirOrFile: string): string {
  return fs.statSync(dataDirOrFile, { throwIfNoEntry: false })?.isDirectory()
    ? sqliteFileIn(dataDirOrFile)
    : dataDirOrFile;
}

/** A sibling path for writing before the atomic rename (same folder, so rename never copies). */
function tempSibling(file: string): string {
  return `${file}.tmp-${randomBytes(6).toString('hex')}`;
}

function removeIfPresent(file: string): void {
  fs.rmSync(file, { force: true });
}

/**
 * Throws unless the file is a readable Backchain SQLite database whose migrations this code knows.
 * Takes an open connection so callers can keep using it.
 */
function checkBackchainDatabase(db: BetterSqlite3.Database, file: string): void {
  let migrations: { latest: number | null } | undefined;
  try {
    const table = db
      .prepare("select name from sqlite_master where type = 'table' and name = 'schema_migrations'")
      .get();
    if (table === undefined) throw new Error('no schema_migrations table');
    migrations = db.prepare('select max(id) as latest from schema_migrations').get() as
      { latest: number | null } | undefined;
  } catch (e) {
    throw new Error(`${file} is not a Backchain SQLite database (${(e as Error).message})`, {
      cause: e,
    });
  }
  const latest = migrations?.latest ?? 0;
  if (latest > LATEST_MIGRATION) {
    throw new Error(
      `${file} was made by a newer Backchain (migration ${latest}; this version knows up to ${LATEST_MIGRATION})`,
    );
  }
}

/**
 * After the (empty) first step, copy every page in the next one: one read snapshot. In small steps,
 * a write between two steps restarts the backup, and a busy server could keep restarting it forever.
 */
const allAtOnce = (): number => 0x7fffffff;

/**
 * Copies a SQLite database (a data folder or the file itself) to `toFile`, consistently even
 * while a server is writing: SQLite's online backup from a separate read-only connection.
 */
export async function backupSqlite(dataDirOrFile: string, toFile: string): Promise<void> {
  const from = resolveSqliteFile(dataDirOrFile);
  const BetterSqlite3 = await loadSqlite();
  const source = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
  const temp = tempSibling(toFile);
  try {
    checkBackchainDatabase(source, from);
    await source.backup(temp, { progress: allAtOnce });
    // A backup holds the same health data as the database: readable by its owner alone.
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, toFile);
  } catch (e) {
    removeIfPresent(temp);
    throw e;
  } finally {
    source.close();
  }
}

/**
 * Fails when any connection has the database open, idle or not. In WAL mode every open connection
 * holds a shared lock on the file, so an exclusive-mode lock is refused while a server runs.
 */
function checkNotInUse(Database: typeof BetterSqlite3, file: string): void {
  const target = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    target.pragma('locking_mode = EXCLUSIVE');
    target.exec('BEGIN EXCLUSIVE');
    // The lock is taken at the first read, not at BEGIN.
    target.prepare('select count(*) from sqlite_master').get();
    target.exec('ROLLBACK');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new Error(
        `${file} is in use (is the Backchain server running?): stop it before restoring`,
        { cause: e },
      );
    }
    throw e;
  } finally {
    target.close();
  }
}

/**
 * Replaces the database of a data folder with a backup. Checks the backup is a Backchain
 * database, refuses while a server has the target open, and swaps files atomically by rename.
 */
export async function restoreSqlite(fromFile: string, dataDir: string): Promise<void> {
  const BetterSqlite3 = await loadSqlite();
  const source = new BetterSqlite3(fromFile, { readonly: true, fileMustExist: true });
  makePrivateFolder(dataDir);
  const target = sqliteFileIn(dataDir);
  const temp = tempSibling(target);
  try {
    checkBackchainDatabase(source, fromFile);
    const check = source.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${fromFile} is damaged: ${String(check)}`);
    if (fs.existsSync(target)) checkNotInUse(BetterSqlite3, target);
    // Through the backup API rather than a file copy, so a backup that still has a -wal is whole.
    await source.backup(temp, { progress: allAtOnce });
    fs.chmodSync(temp, 0o600);
    // The old database's -wal/-shm would be replayed into the new file: they must go first.
    removeIfPresent(`${target}-wal`);
    removeIfPresent(`${target}-shm`);
    fs.renameSync(temp, target);
  } catch (e) {
    removeIfPresent(temp);
    throw e;
  } finally {
    source.close();
  }
}
