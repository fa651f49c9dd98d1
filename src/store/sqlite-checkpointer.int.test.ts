// The SQLite store's checkpointer: a worker thread that copies the write-ahead log back into the database,
// so the server's own connection never stalls on it. Polls for what it did; nothing here is timed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteConnection, startCheckpointer } from './sql.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('the SQLite checkpointer', () => {
  it('checkpoints from its own thread, leaves the server connection a safety net, and stops', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-checkpointer-'));
    dirs.push(dir);
    const file = path.join(dir, 'db.sqlite');
    const database = openSqliteConnection(file);
    database.exec('create table t (id integer primary key, body text)');
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const checkpointer = startCheckpointer(database, file, { delayMs: 0, everyMs: 20 });
    expect(await checkpointer.ready).toBe(true);
    // Ready: the server's connection leaves checkpoints to it, up to a far larger log.
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
    const before = fs.statSync(file).size;
    const insert = database.prepare('insert into t (body) values (?)');
    database.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run('x'.repeat(500));
    })();
    // In WAL mode the database file grows only when a checkpoint copies pages back into it.
    await until(() => fs.statSync(file).size > before, 'the database file took the new pages');
    await checkpointer.stop();
    database.close();
  });

  it('never starts when stopped before its delay', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-checkpointer-'));
    dirs.push(dir);
    const file = path.join(dir, 'db.sqlite');
    const database = openSqliteConnection(file);
    const checkpointer = startCheckpointer(database, file, { delayMs: 60_000, everyMs: 20 });
    await checkpointer.stop();
    expect(await checkpointer.ready).toBe(false);
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    database.close();
  });
});
