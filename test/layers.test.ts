// The shape of the house, checked on the whole import graph: each layer of src/ imports only what the table
// allows (static, re-exported and import() alike), no import cycles (type-only imports included), no test
// code in the build, and the lint config says the same as this table.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import {
  compiledFiles,
  findCycles,
  importGraph,
  importsOf,
  packageName,
  resolveImport,
  sourceFiles,
  type ResolvedImport,
} from './import-graph.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The layers (directories of src/) and which others each may import. The same table is in
 * eslint.config.js; the last test here checks that the lint config still says it.
 */
const LAYERS: Record<string, readonly string[]> = {
  engine: ['kb'],
  kb: [],
  figure: ['kb'],
  words: ['engine', 'kb'],
  store: ['engine', 'kb'],
  fhir: ['engine', 'kb', 'store', 'words'],
  service: ['engine', 'kb', 'store', 'fhir', 'words'],
  server: ['engine', 'kb', 'store', 'fhir', 'words', 'service'],
  cli: ['engine', 'kb', 'store', 'fhir', 'words', 'service', 'server'],
  web: ['engine', 'kb', 'figure', 'words', 'service', 'store'],
};
/** Layers that may take types (import type), and only types, from these others. */
const TYPES_ONLY: Record<string, readonly string[]> = { kb: ['engine'] };
/** Pure layers (no I/O, no DOM; Node and the browser alike): no package but these. */
const PURE: Record<string, readonly string[]> = {
  engine: ['zod'],
  kb: ['zod'],
  figure: ['zod'],
  words: ['zod'],
};
const TEST_PACKAGES = [
  'vitest',
  'fast-check',
  'playwright',
  'playwright-core',
  '@playwright/test',
  '@axe-core/playwright',
];
const isTestPackage = (name: string) =>
  TEST_PACKAGES.includes(name) || name.startsWith('@medplum/');
/** Test code: may cross layers and use test packages, and stays out of the build. */
const isTestFile = (file: string) => /\.(test|contract)\.tsx?$/.test(file);

const layerOf = (file: string): string | null => /^src\/([^/]+)\//.exec(file)?.[1] ?? null;

const files = sourceFiles(root, 'src');
const graph = importGraph(root, files);

/** What a file may not import, in words, or null when the import is allowed. */
function layerProblem(file: string, edge: ResolvedImport): string | null {
  const layer = layerOf(file);
  if (layer === null) return null; // src/index.ts, the package's entry, re-exports the public layers.
  if (!edge.local) {
    const pure = PURE[layer];
    return pure && !pure.includes(edge.target)
      ? `src/${layer} is pure: no package but ${pure.join(', ')}`
      : null;
  }
  const to = layerOf(edge.target);
  if (to === null || to === layer) return null;
  if (LAYERS[layer]?.includes(to)) return null;
  if (TYPES_ONLY[layer]?.includes(to)) {
    return edge.typeOnly ? null : `src/${layer} takes only types from src/${to}`;
  }
  return `src/${layer} may not import src/${to}`;
}

describe('reading the import graph', () => {
  it('finds static, re-exported, dynamic and type-only imports, and which are type-only', () => {
    const code = [
      `import a from './a.js';`,
      `import type { B } from './b.js';`,
      `import { type C, type D } from './c.js';`,
      `import { type E, f } from './e.js';`,
      `import './side.css';`,
      `import * as ns from 'zod';`,
      `export { g } from './g.js';`,
      `export type { H } from './h.js';`,
      `export * from './i.js';`,
      `const later = () => import('./lazy.js');`,
      `type T = typeof import('./types.js');`,
      'const tpl = import(`./template.js`);',
      `const computed = import(name);`,
    ].join('\n');
    expect(importsOf('x.tsx', code)).toEqual([
      { specifier: './a.js', typeOnly: false, dynamic: false },
      { specifier: './b.js', typeOnly: true, dynamic: false },
      { specifier: './c.js', typeOnly: true, dynamic: false },
      { specifier: './e.js', typeOnly: false, dynamic: false },
      { specifier: './side.css', typeOnly: false, dynamic: false },
      { specifier: 'zod', typeOnly: false, dynamic: false },
      { specifier: './g.js', typeOnly: false, dynamic: false },
      { specifier: './h.js', typeOnly: true, dynamic: false },
      { specifier: './i.js', typeOnly: false, dynamic: false },
      { specifier: './lazy.js', typeOnly: false, dynamic: true },
      { specifier: './types.js', typeOnly: true, dynamic: false },
      { specifier: './template.js', typeOnly: false, dynamic: true },
    ]);
  });

  it('resolves our .js specifiers to the .ts or .tsx file, and packages to their name', () => {
    expect(resolveImport(root, 'src/web/main.tsx', './screens/home.js')).toEqual({
      target: 'src/web/screens/home.tsx',
      local: true,
    });
    expect(resolveImport(root, 'src/server/routes/meta.ts', '../app.js')).toEqual({
      target: 'src/server/app.ts',
      local: true,
    });
    expect(resolveImport(root, 'src/web/main.tsx', './styles.css').target).toBe(
      'src/web/styles.css',
    );
    expect(packageName('@medplum/core/lib')).toBe('@medplum/core');
    expect(packageName('zod/v4/core')).toBe('zod');
    expect(packageName('node:fs')).toBe('node:fs');
  });

  it('finds each cycle once, as a closed path, and none in a graph without one', () => {
    const edges = new Map<string, string[]>([
      ['a', ['b', 'x']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
      ['x', []],
    ]);
    expect(findCycles(edges)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ]);
    expect(
      findCycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads a long chain without running out of stack', () => {
    const n = 20_000;
    const edges = new Map(
      Array.from({ length: n }, (_, i) => [`f${i}`, i + 1 < n ? [`f${i + 1}`] : ['f0']]),
    );
    const [cycle] = findCycles(edges);
    expect(cycle).toHaveLength(n + 1);
    expect(cycle?.[0]).toBe(cycle?.[n]);
  });
});

describe('the layers of src/', () => {
  it('has every directory of src/ in the table', () => {
    const dirs = new Set(files.map(layerOf).filter((d): d is string => d !== null));
    expect([...dirs].filter((d) => !(d in LAYERS)).sort()).toEqual([]);
  });

  it('keeps each layer to what it may import (tests excepted)', () => {
    const problems: string[] = [];
    for (const [file, edges] of graph) {
      if (isTestFile(file)) continue;
      for (const edge of edges) {
        const problem = layerProblem(file, edge);
        if (problem) problems.push(`${file} imports ${edge.specifier}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no import cycles, counting type-only imports and import() too', () => {
    const edges = new Map(
      [...graph].map(([file, imports]) => [
        file,
        imports.filter((e) => e.local).map((e) => e.target),
      ]),
    );
    expect(findCycles(edges).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('has lint refuse the same imports (eslint.config.js)', async () => {
    const eslint = new ESLint({ cwd: root });
    const problems: string[] = [];
    for (const [layer, allowed] of Object.entries(LAYERS)) {
      const sample = files.find((f) => layerOf(f) === layer && !isTestFile(f));
      if (!sample) continue;
      const config = (await eslint.calculateConfigForFile(sample)) as {
        rules?: Record<string, unknown>;
      };
      const setting = config.rules?.['no-restricted-imports'];
      const options = Array.isArray(setting) ? (setting[1] as { patterns?: unknown }) : undefined;
      const patterns = (Array.isArray(options?.patterns) ? options.patterns : []) as {
        regex?: string;
        allowTypeImports?: boolean;
      }[];
      /** Whether lint refuses this specifier in this layer, as a value import and as a type import. */
      const refuses = (specifier: string) => {
        const hits = patterns.filter((p) => p.regex && new RegExp(p.regex).test(specifier));
        return { value: hits.length > 0, type: hits.some((p) => p.allowTypeImports !== true) };
      };
      for (const other of Object.keys(LAYERS)) {
        if (other === layer) continue;
        const specifier = `../${other}/probe.js`;
        const expected = allowed.includes(other)
          ? { value: false, type: false }
          : TYPES_ONLY[layer]?.includes(other)
            ? { value: true, type: false }
            : { value: true, type: true };
        const said = refuses(specifier);
        if (said.value !== expected.value || said.type !== expected.type) {
          problems.push(
            `${sample}: lint ${said.value ? 'refuses' : 'allows'} ${specifier} (types: ${said.type ? 'refused' : 'allowed'})`,
          );
        }
      }
      for (const name of TEST_PACKAGES) {
        if (!refuses(name).value) problems.push(`${sample}: lint allows ${name}`);
      }
      if (!refuses('@medplum/core').value) problems.push(`${sample}: lint allows @medplum/core`);
      const pure = PURE[layer];
      for (const name of ['node:fs', 'preact']) {
        if (pure && !refuses(name).value) problems.push(`${sample}: lint allows ${name} (pure)`);
      }
      for (const name of pure ?? []) {
        if (refuses(name).value) problems.push(`${sample}: lint refuses ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('test code stays out of the build', () => {
  const built = compiledFiles(root, 'tsconfig.build.json');

  it('compiles the sources into dist/, and no test or contract file', () => {
    expect(built).toContain('src/engine/triage.ts');
    expect(built).toContain('src/store/memory.ts');
    expect(built.filter(isTestFile)).toEqual([]);
  });

  it('builds nothing that imports a test package, or a file outside src/', () => {
    const problems = built.flatMap((file) =>
      (graph.get(file) ?? [])
        .filter((e) => (e.local ? !e.target.startsWith('src/') : isTestPackage(e.target)))
        .map((e) => `${file} imports ${e.specifier}`),
    );
    expect(problems).toEqual([]);
  });

  it('bundles nothing into the web app that imports a test package or test code', () => {
    const reached = new Set<string>();
    const todo = ['src/web/main.tsx'];
    const problems: string[] = [];
    while (todo.length > 0) {
      const file = todo.pop() ?? '';
      if (reached.has(file)) continue;
      reached.add(file);
      if (isTestFile(file)) problems.push(`${file} is test code`);
      for (const edge of graph.get(file) ?? []) {
        if (edge.typeOnly) continue;
        if (edge.local && graph.has(edge.target)) todo.push(edge.target);
        else if (!edge.local && isTestPackage(edge.target)) {
          problems.push(`${file} imports ${edge.specifier}`);
        }
      }
    }
    expect(reached.size).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});

describe('one knowledge base, passed in', () => {
  /**
   * The modules that choose the knowledge base, each for its own way of running: the package, the server,
   * the command line and the web app. Everything else is given one.
   */
  const ENTRY_POINTS = ['src/index.ts', 'src/server/serve.ts', 'src/cli/main.ts', 'src/web/kb.ts'];
  const KB_VALUE = 'src/kb/index.ts';
  const valueEdges = (file: string) =>
    (graph.get(file) ?? []).filter((e) => e.local && !e.typeOnly);

  it('has each entry point exist, and import the knowledge base', () => {
    for (const file of ENTRY_POINTS) {
      expect(graph.has(file), file).toBe(true);
      expect(
        valueEdges(file).some((e) => e.target === KB_VALUE),
        file,
      ).toBe(true);
    }
  });

  it('has no module but the entry points import src/kb/index.ts (tests excepted)', () => {
    const problems = [...graph.keys()]
      .filter((file) => !isTestFile(file) && !ENTRY_POINTS.includes(file) && layerOf(file) !== 'kb')
      .filter((file) => valueEdges(file).some((e) => e.target === KB_VALUE))
      .map((file) => `${file} imports the knowledge base itself`);
    expect(problems).toEqual([]);
  });

  it('reads no kb data file outside the web app, and in it only with a comment saying why', () => {
    const problems: string[] = [];
    for (const file of graph.keys()) {
      const layer = layerOf(file);
      if (isTestFile(file) || ENTRY_POINTS.includes(file) || layer === 'kb') continue;
      for (const edge of valueEdges(file)) {
        if (layerOf(edge.target) !== 'kb' || edge.target === 'src/kb/types.ts') continue;
        if (layer !== 'web') {
          problems.push(`${file} imports ${edge.specifier}: take it from the kb you are given`);
          continue;
        }
        // The comment just above the import says why (what it keeps light) and names src/web/kb.ts.
        const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
        const at = lines.findIndex((l) => l.includes(`'${edge.specifier}'`));
        const comment: string[] = [];
        for (let i = at - 1; i >= 0 && lines[i]?.trim().startsWith('//'); i--) {
          comment.unshift(lines[i] ?? '');
        }
        if (!comment.join(' ').includes('src/web/kb.ts')) {
          problems.push(`${file} imports ${edge.specifier} without a comment saying why`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
