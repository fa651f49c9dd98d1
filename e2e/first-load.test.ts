// Unit tests of the first-load measurement on a tiny built-app fixture: static imports count, lazy ones do not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFirstLoad, htmlScripts, measureFirstLoad, staticImports } from './first-load.js';

let root: string;

const FILES: Record<string, string> = {
  'index.html': `<!doctype html><html><head>
<!-- <script type="module" src="/assets/commented-out.js"></script> -->
<script type="module" crossorigin src="/assets/entry.js"></script>
<link rel="modulepreload" crossorigin href="/assets/shared.js">
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/classic-not-module.js"></script>
</head><body></body></html>`,
  // Minified the way Vite writes chunks: no spaces, several imports, a lazy import and import.meta.
  'assets/entry.js': `import{a as e}from"./shared.js";import*as t from'./ns.js';import"./side.js";const l=()=>import("./lazy.js"),m=()=>import(\`./lazy-template.js\`);console.log(e,t,l,m,import.meta.url);`,
  'assets/shared.js': `export const a=${JSON.stringify('shared '.repeat(50))};`,
  'assets/ns.js': `import{a}from"./shared.js";export*from"./reexported.js";export const n=a;`,
  'assets/side.js': `import d,{x}from"../vendor/dep.js";globalThis.side=[d,x];`,
  'assets/reexported.js': `export const r=1;`,
  'vendor/dep.js': `export default 1;export const x=2;`,
  'assets/lazy.js': `import{a}from"./lazy-only.js";export default a;`,
  'assets/lazy-only.js': `export const a=${JSON.stringify('lazy '.repeat(500))};`,
  'assets/lazy-template.js': `export default 3;`,
  'assets/classic-not-module.js': `console.log(1);`,
  'assets/commented-out.js': `console.log(2);`,
  'assets/style.css': `body{color:red}`,
};

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'first-load-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const gz = (file: string) => zlib.gzipSync(Buffer.from(FILES[file] ?? ''), { level: 9 }).length;

describe('htmlScripts', () => {
  it('finds module entry scripts and modulepreload links, not classic scripts, CSS or comments', () => {
    expect(htmlScripts(FILES['index.html'] ?? '')).toEqual({
      entries: ['/assets/entry.js'],
      preloads: ['/assets/shared.js'],
    });
  });

  it('reads single-quoted and unquoted attributes and rel lists', () => {
    const html = `<SCRIPT src='a.js' type=module></SCRIPT><link href=b.js rel="preload modulepreload">`;
    expect(htmlScripts(html)).toEqual({ entries: ['a.js'], preloads: ['b.js'] });
  });
});

describe('staticImports', () => {
  it('lists static imports and re-exports in order, but not import() or import.meta', () => {
    expect(staticImports(FILES['assets/entry.js'] ?? '')).toEqual([
      './shared.js',
      './ns.js',
      './side.js',
    ]);
    expect(staticImports(FILES['assets/ns.js'] ?? '')).toEqual(['./shared.js', './reexported.js']);
    expect(staticImports(FILES['assets/side.js'] ?? '')).toEqual(['../vendor/dep.js']);
  });

  it('handles the spaced, default-plus-named and namespace forms and ignores bare or look-alike names', () => {
    const code = [
      `import def, { a, b as c } from './one.js';`,
      `import def2, * as ns from "/two.js";`,
      `export { x as y } from './three.js';`,
      `export * as all from './four.js';`,
      `import 'bare-package';`,
      `obj.import("./not-this.js"); reimport("./nor-this.js");`,
      `const p = import('./lazy.js');`,
    ].join('\n');
    expect(staticImports(code)).toEqual(['./one.js', '/two.js', './three.js', './four.js']);
  });
});

describe('measureFirstLoad', () => {
  it('counts the entry, its preloads and the static import graph once each, and no lazy chunk', () => {
    const load = measureFirstLoad(root);
    const expected = [
      'assets/entry.js',
      'assets/shared.js',
      'assets/ns.js',
      'assets/side.js',
      'assets/reexported.js',
      'vendor/dep.js',
    ];
    expect(load.files.map((f) => f.file).sort()).toEqual([...expected].sort());
    expect(load.files.find((f) => f.file === 'assets/entry.js')?.via).toBe('entry');
    // shared.js is both preloaded and imported twice: it is counted once, as the preload.
    expect(load.files.filter((f) => f.file === 'assets/shared.js')).toHaveLength(1);
    expect(load.files.find((f) => f.file === 'assets/shared.js')?.via).toBe('modulepreload');
    expect(load.files.find((f) => f.file === 'vendor/dep.js')?.via).toBe('import');
    expect(load.gzip).toBe(expected.reduce((sum, f) => sum + gz(f), 0));
    expect(load.bytes).toBe(
      expected.reduce((sum, f) => sum + Buffer.byteLength(FILES[f] ?? ''), 0),
    );
    expect(describeFirstLoad(load)).toContain(`${load.gzip} bytes`);
  });

  it('names the missing file and who loads it', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'first-load-broken-'));
    try {
      fs.mkdirSync(path.join(broken, 'assets'));
      fs.writeFileSync(
        path.join(broken, 'index.html'),
        `<script type="module" src="./assets/m.js">`,
      );
      fs.writeFileSync(path.join(broken, 'assets', 'm.js'), `import"./gone.js";`);
      expect(() => measureFirstLoad(broken)).toThrow(/assets\/m\.js loads assets\/gone\.js/);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('refuses scripts from another origin', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'first-load-cdn-'));
    try {
      fs.writeFileSync(
        path.join(other, 'index.html'),
        `<script type="module" src="https://cdn.example/x.js"></script>`,
      );
      expect(() => measureFirstLoad(other)).toThrow(/another origin/);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
