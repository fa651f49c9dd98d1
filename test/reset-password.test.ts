// `backchain reset-password --email`: the operator's password reset, run as the built command on a SQLite
// data folder: a new password (shown once, or read from standard input), every session and token of the
// person revoked, and the reset in their audit trail as the operator's act.
import { verify } from '@node-rs/argon2';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../src/store/ids.js';
import { openStore } from '../src/store/open.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'dist', 'cli', 'main.js');

function backchain(args: string[], input = '') {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A data folder with Ana (a session and a token) and Ben (a session). */
async function folder() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-reset-'));
  const store = await openStore({ dataDir });
  const now = new Date('2026-11-02T09:00:00.000Z');
  const people = ['ana', 'ben'].map((name) => ({
    id: newId(now),
    email: `${name}@example.org`,
    passwordHash: 'an old hash',
    createdAt: now.toISOString(),
  }));
  for (const p of people) {
    await store.createUser(p);
    for (const kind of ['session', 'token'] as const) {
      await store.addCredential({
        tokenHash: `${p.id}-${kind}`,
        id: newId(now),
        userId: p.id,
        kind,
        createdAt: now.toISOString(),
        expiresAt: '2030-01-01T00:00:00.000Z',
        name: null,
        scopes: kind === 'token' ? ['read'] : [],
        lastUsedAt: null,
      });
    }
  }
  await store.close();
  const [ana, ben] = people;
  if (!ana || !ben) throw new Error('two people');
  return { dataDir, ana, ben };
}

describe('backchain reset-password', () => {
  it('sets a new random password, shown once, and revokes every session and token of that person only', async () => {
    const { dataDir, ana, ben } = await folder();
    const r = backchain(['reset-password', '--email', 'ANA@example.org', '--data', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    const password = r.stdout.trim().split('\n').at(-1) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const store = await openStore({ dataDir });
    try {
      const user = await store.getUser(ana.id);
      expect(await verify(user?.passwordHash ?? '', password)).toBe(true);
      expect((await store.rowCounts(ana.id)).credentials).toBe(0);
      expect((await store.rowCounts(ben.id)).credentials).toBe(2);
      expect((await store.getUser(ben.id))?.passwordHash).toBe('an old hash');
      const [reset] = (await store.listAudit(ana.id, { limit: 5 })).items;
      expect(reset).toMatchObject({
        actor: 'operator',
        action: 'password-reset',
        outcome: 'ok',
        credentialKind: null,
      });
    } finally {
      await store.close();
    }
  });

  it('takes the new password from standard input, refusing a breached one', async () => {
    const { dataDir, ana } = await folder();
    const weak = backchain(
      ['reset-password', '--email', ana.email, '--data', dataDir, '--password-stdin'],
      'password12\n',
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/commonly used/);
    const good = backchain(
      ['reset-password', '--email', ana.email, '--data', dataDir, '--password-stdin'],
      'a long calm sentence 42\n',
    );
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).not.toContain('a long calm sentence 42');
    const store = await openStore({ dataDir });
    try {
      const user = await store.getUser(ana.id);
      expect(await verify(user?.passwordHash ?? '', 'a long calm sentence 42')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('says which option is wrong: no email, or no account with it', async () => {
    const { dataDir } = await folder();
    const none = backchain(['reset-password', '--data', dataDir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^--email: expected/);
    const unknown = backchain(['reset-password', '--email', 'cy@example.org', '--data', dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no account has it/);
    expect(unknown.stdout).toBe('');
  });
});
