// The built `backchain` command run as a process: exit codes, stdout and stderr kept apart, errors naming the field.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashClinicianCode } from '../src/server/clinician-codes.js';
import { openStore } from '../src/store/open.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'dist', 'cli', 'main.js');
const GOOD = {
  version: 1,
  age: 42,
  durationDays: 10,
  painNow: 6,
  painAreas: ['lower-back', 'below-knee'],
  legSide: 'left',
  numbness: 'below-knee',
};

/** Runs the built command on the SQLite folder each test names, even where DATABASE_URL is set (CI). */
function backchain(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    input: input ?? '',
    encoding: 'utf8',
    cwd: root,
    env: { ...process.env, DATABASE_URL: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  if (!fs.existsSync(bin)) throw new Error('build first: npm run build (npm test does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-cli-'));
});

const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

describe('backchain assess', () => {
  it('prints the assessment as JSON on stdout and exits 0', () => {
    const r = backchain(['assess', '--answers', file('good.json', JSON.stringify(GOOD)), '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      contract: number;
      triage: { level: string; reasons: { code: string }[] };
      exercise: string;
      knowledgeBase: string;
    };
    expect(out.contract).toBe(1);
    expect(out.triage.level).toBe('soon');
    expect(out.triage.reasons.map((x) => x.code)).toEqual(['radicular-deficit']);
    expect(out.exercise).toBe('gentle-only');
    expect(out.knowledgeBase).toMatch(/^\d{4}\.\d+\.\d+$/);
  });

  it('reads standard input with --answers -', () => {
    const r = backchain(
      ['assess', '--answers', '-', '--json'],
      JSON.stringify({ ...GOOD, bladderChange: true }),
    );
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { triage: { level: string } }).triage.level).toBe('emergency');
  });

  it('prints a readable result without --json, urgency first', () => {
    const r = backchain(['assess', '--answers', '-'], JSON.stringify(GOOD));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^Soon: see a GP or physiotherapist/);
    expect(r.stdout).toMatch(/pressed nerve root in the low back/);
    expect(r.stdout).toMatch(/Sources:/);
  });

  it('exits 2 with one line per problem on stderr, naming the field, and nothing on stdout', () => {
    const bad = { ...GOOD, age: 12, painNow: 'high', colour: 'blue' };
    const r = backchain(['assess', '--answers', '-', '--json'], JSON.stringify(bad));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toContain('age: expected a whole number from 16 to 110 (years), got 12');
    expect(
      lines.find((l) => l.startsWith('painNow: expected a whole number from 0 to 10, got "high"')),
    ).toBeDefined();
    expect(lines.find((l) => l.startsWith('colour: expected no such field'))).toBeDefined();
  });

  it('exits 2 on a missing required field and on bad JSON', () => {
    const missing: Partial<typeof GOOD> = { ...GOOD };
    delete missing.legSide;
    const r = backchain(['assess', '--answers', '-'], JSON.stringify(missing));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^legSide: expected one of none, left, right, both, got nothing$/m);
    const j = backchain(['assess', '--answers', '-'], '{ not json');
    expect(j.code).toBe(2);
    expect(j.stdout).toBe('');
    expect(j.stderr).toMatch(/expected a JSON document/);
  });

  it('exits 2 when the answers file cannot be read', () => {
    const r = backchain(['assess', '--answers', path.join(dir, 'missing.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--answers: expected a readable JSON file/);
  });

  it('refuses to ask questions when standard input is not a terminal', () => {
    const r = backchain(['assess']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/standard input is not a terminal/);
  });
});

describe('backchain plan', () => {
  it('prints the assessment and the programme', () => {
    const r = backchain(['plan', '--answers', '-', '--json'], JSON.stringify(GOOD));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      assessment: { exercise: string };
      programme: { gate: string; items: { exerciseId: string }[] };
    };
    expect(out.programme.gate).toBe(out.assessment.exercise);
    expect(out.programme.items.length).toBeGreaterThan(0);
    const human = backchain(['plan', '--answers', '-'], JSON.stringify(GOOD));
    expect(human.stdout).toMatch(/Your programme/);
    expect(human.stdout).toMatch(/Rules for every session/);
  });

  it('needs answers', () => {
    expect(backchain(['plan']).code).toBe(2);
  });
});

describe('backchain explain', () => {
  it.each(['glute-bridge', 'piriformis-syndrome', 'sciatic-nerve', 'cold-pack'])(
    'explains %s with its sources',
    (id) => {
      const r = backchain(['explain', id]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Sources:\n {2}- /);
    },
  );

  it('exits 2 for an unknown id and lists the known ones', () => {
    const r = backchain(['explain', 'yoga']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected one of .*glute-bridge.*, got "yoga"/);
  });
});

describe('backchain clinician-code', () => {
  it('prints a fresh single-use code, kept only as a hash, that lets one clinician sign up', async () => {
    const data = path.join(dir, 'clinician-codes');
    const r = backchain(['clinician-code', '--days', '3', '--data', data]);
    expect(r.code).toBe(0);
    const code = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/m.exec(r.stdout)?.[0];
    expect(code, r.stdout).toBeDefined();
    const other = backchain(['clinician-code', '--data', data]);
    expect(other.code).toBe(0);
    expect(other.stdout).not.toContain(code);
    // The database holds its hash, never the code.
    const raw = fs.readFileSync(path.join(data, 'backchain.sqlite'));
    expect(raw.includes(Buffer.from(code ?? ''))).toBe(false);
    const store = await openStore({ dataDir: data });
    try {
      const now = new Date();
      const user = (n: number) => ({
        id: `clinician-${n}`,
        email: `c${n}@example.org`,
        passwordHash: 'x',
        createdAt: now.toISOString(),
        role: 'clinician' as const,
        displayName: 'Cora',
      });
      const hash = hashClinicianCode(code ?? '');
      // Valid for 3 days, not 4; and used up by the first account.
      const later = new Date(now.getTime() + 4 * 86_400_000).toISOString();
      expect(await store.createClinician(user(1), hash, later)).toBe(false);
      expect(await store.createClinician(user(2), hash, now.toISOString())).toBe(true);
      expect(await store.createClinician(user(3), hash, now.toISOString())).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('exits 2 on days out of range', () => {
    const r = backchain(['clinician-code', '--days', '0', '--data', path.join(dir, 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--days: expected a whole number of days from 1 to 90/);
  });
});

describe('usage', () => {
  it('exits 2 on an unknown command or option, 0 on --help', () => {
    expect(backchain(['dance']).code).toBe(2);
    expect(backchain(['assess', '--frobnicate']).code).toBe(2);
    const help = backchain(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/backchain assess/);
  });
});
