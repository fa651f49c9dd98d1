// `backchain backup` while the server runs gives a consistent copy; `backchain restore` puts it in place.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANSWERS } from './http.js';
import { client, killAll, startServe, stop } from './process.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'dist', 'cli', 'main.js');
const backchain = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

afterAll(killAll);

describe('backup and restore of the SQLite database', () => {
  it('backs up a running server and restores into a new data folder', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-backup-'));
    const server = await startServe(dataDir);
    const ana = client(server.base);
    await ana.send('POST', '/api/auth/signup', {
      email: 'ana@example.org',
      password: 'correct horse battery',
    });
    const made = await ana.send('POST', '/api/assessments', { answers: ANSWERS });

    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-copy-')),
      'copy.sqlite',
    );
    // Writes keep arriving while the backup runs.
    const writing = Promise.all(
      Array.from({ length: 10 }, () => ana.send('POST', '/api/assessments', { answers: ANSWERS })),
    );
    const backup = backchain(['backup', '--data', dataDir, '--to', file]);
    await writing;
    expect(backup.status, backup.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);

    // Restoring over the running server's folder is refused.
    const refused = backchain(['restore', '--data', dataDir, '--from', file]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^restore: /);
    expect(await stop(server)).toBe(0);

    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-restored-'));
    const restore = backchain(['restore', '--data', fresh, '--from', file]);
    expect(restore.status, restore.stderr).toBe(0);
    const again = await startServe(fresh);
    const back = client(again.base);
    expect(
      (
        await back.send('POST', '/api/auth/login', {
          email: 'ana@example.org',
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(200);
    const ids = (
      (await back.send('GET', '/api/assessments?limit=500')).body.items as { id: string }[]
    ).map((x) => x.id);
    expect(ids).toContain(made.body.id);
    expect(await stop(again)).toBe(0);
  });

  it('refuses a file that is not a Backchain database, and names the option', () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-bad-'));
    const junk = path.join(fresh, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database');
    const r = backchain(['restore', '--data', path.join(fresh, 'data'), '--from', junk]);
    expect(r.status).toBe(2);
    expect(backchain(['backup']).stderr).toMatch(/^--to: expected/);
  });
});
