// The project's contracts in docs/ are kept true to the code: every triage rule, catalogue entry and intake
// field the documents list is the one the code has (and no more, no fewer), the README links every document,
// and nothing in the repository reads the original brief outside it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { intakeSchema } from '../src/engine/intake.js';
import { TRIAGE_RULES } from '../src/engine/triage.js';
import { knowledgeBase } from '../src/kb/index.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const doc = (name: string) => fs.readFileSync(path.join(root, 'docs', name), 'utf8');

/** The rows of every markdown table in `text` whose first cell is a `code` span, as trimmed cells. */
function codeRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => /^\|\s*`[^`]+`\s*\|/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
}

/** The rows of the table that follows `heading` (up to the next heading). */
function sectionRows(text: string, heading: RegExp): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) throw new Error(`no heading matching ${heading}`);
  const end = lines.findIndex((line, i) => i > start && /^#{1,3} /.test(line));
  return codeRows(lines.slice(start + 1, end < 0 ? undefined : end).join('\n'));
}

describe('docs/triage-policy.md', () => {
  const rows = sectionRows(doc('triage-policy.md'), /^## Rules/);

  it('lists exactly the rules the engine applies, with their level and gate', () => {
    expect(rows.length).toBeGreaterThan(20);
    const documented = rows.map(([code, level, gate]) => ({ code, level, gate }));
    const applied = TRIAGE_RULES.map(({ code, level, gate }) => ({ code, level, gate }));
    expect(documented).toEqual(applied);
  });
});

describe('docs/exercises.md', () => {
  const text = doc('exercises.md');
  const rows = codeRows(text);
  const ids = rows.map(([id]) => id ?? '');

  it('lists every exercise of the catalogue, each once, with its gentle mark', () => {
    for (const exercise of knowledgeBase.exercises) {
      const row = rows.find(([id]) => id === exercise.id);
      expect(row, exercise.id).toBeDefined();
      expect(row?.[2], `${exercise.id} gentle`).toBe(exercise.gentle ? 'yes' : 'no');
      expect(
        ids.filter((id) => id === exercise.id),
        exercise.id,
      ).toHaveLength(1);
    }
  });

  it('lists every self-care item, and nothing the knowledge base lacks', () => {
    const known = new Set<string>([
      ...knowledgeBase.exercises.map((e) => e.id),
      ...knowledgeBase.selfCare.map((s) => s.id),
    ]);
    for (const item of knowledgeBase.selfCare) expect(ids, item.id).toContain(item.id);
    // The stop rules' table (if any) lists rule codes, which the knowledge base has too.
    const ruleCodes = new Set<string>(knowledgeBase.stopRules.map((r) => r.code));
    for (const id of ids) expect(known.has(id) || ruleCodes.has(id), id).toBe(true);
  });
});

describe('docs/intake.md', () => {
  it('lists exactly the fields of the intake schema', () => {
    const fields = sectionRows(doc('intake.md'), /^## Fields/).map(([field]) => field);
    expect([...fields].sort()).toEqual(Object.keys(intakeSchema.shape).sort());
  });
});

describe('README', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  it('links every document in docs/ and the public vignettes', () => {
    for (const name of fs.readdirSync(path.join(root, 'docs'))) {
      if (name.endsWith('.md')) expect(readme, name).toContain(`(docs/${name})`);
    }
    expect(readme).toContain('(test/vignettes/public.json)');
  });
});

describe('the repository stands alone', () => {
  /** Every source, test, script and CI file the project runs. */
  function files(dir: string): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(rel);
      return /\.(ts|tsx|mjs|js|json|sh)$/.test(entry.name) || dir === '.ci' ? [rel] : [];
    });
  }

  it('reads nothing from the original brief beside it', () => {
    const own = path.join('test', 'docs.test.ts');
    const reaching = ['src', 'test', 'e2e', 'scripts', '.ci']
      .flatMap(files)
      .filter((file) => file !== own)
      .filter((file) => {
        const text = fs.readFileSync(path.join(root, file), 'utf8');
        return /\.\.\/shared\/|['"]shared['"]\s*,\s*['"]spec['"]/.test(text);
      });
    expect(reaching).toEqual([]);
  });
});
