// What the web app runs in the browser (the record service, the memory store, exports) reaches no Node module or global.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where device mode starts; everything they import, however indirectly, must run in a browser. */
const ENTRY_POINTS = ['service/records.ts', 'service/schemas.ts', 'store/memory.ts', 'index.ts'];
/** The only packages allowed at run time. */
const PACKAGES = new Set(['zod']);

/** Run-time imports of a module (type-only imports vanish when compiled, so they do not count). */
function runtimeImports(text: string): string[] {
  const found: string[] = [];
  const statement =
    /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm;
  for (const m of text.matchAll(statement)) {
    if (m[2]) continue;
    const spec = m[3] ?? m[4];
    if (spec) found.push(spec);
  }
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) if (m[1]) found.push(m[1]);
  return found;
}

/** Code without comments, so words like "process" in prose do not count. */
const code = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');

function reachable(): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [...ENTRY_POINTS];
  while (queue.length > 0) {
    const rel = queue.shift() ?? '';
    if (seen.has(rel)) continue;
    const text = fs.readFileSync(path.join(SRC, rel), 'utf8');
    seen.set(rel, text);
    for (const spec of runtimeImports(text)) {
      if (!spec.startsWith('.')) continue;
      const target = path.relative(SRC, path.resolve(path.dirname(path.join(SRC, rel)), spec));
      queue.push(target.replace(/\.js$/, '.ts'));
    }
  }
  return seen;
}

describe('device mode is portable', () => {
  const modules = reachable();

  it('reaches the engine, the knowledge base, the exports and the memory store, and nothing server-side', () => {
    const files = [...modules.keys()];
    for (const expected of [
      'service/records.ts',
      'store/memory.ts',
      'store/ids.ts',
      'fhir/export.ts',
      'engine/assess.ts',
    ]) {
      expect(files).toContain(expected);
    }
    for (const file of files) {
      expect(file, file).not.toMatch(/^(server|cli)\/|^store\/(sql|open|migrations)\.ts$/);
    }
  });

  it('imports no node: module and no package but zod', () => {
    for (const [file, text] of modules) {
      for (const spec of runtimeImports(text)) {
        if (spec.startsWith('.')) continue;
        expect(PACKAGES.has(spec), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('uses no Node global (Buffer, process, __dirname, require)', () => {
    for (const [file, text] of modules) {
      expect(code(text), file).not.toMatch(
        /\b(Buffer|process)\s*\.|\bnew Buffer\b|\b(__dirname|__filename)\b|\brequire\s*\(/,
      );
    }
  });
});
