// Measures the JavaScript a first visit downloads, straight from the built index.html: the entry script,
// its modulepreload links and every chunk they import statically (lazy `import()` chunks are not counted).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The first-load budget from the web-app issue: 60 kB of gzipped JavaScript. */
export const FIRST_LOAD_BUDGET = 60 * 1024;

export interface FirstLoadFile {
  /** Path relative to the web root, with forward slashes (e.g. `assets/index-abc.js`). */
  file: string;
  /** How the file is reached: the HTML's entry script, a modulepreload link, or a static import. */
  via: 'entry' | 'modulepreload' | 'import';
  bytes: number;
  /** Size after gzip at level 9. */
  gzip: number;
}

export interface FirstLoad {
  files: FirstLoadFile[];
  bytes: number;
  gzip: number;
}

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attributes(tagBody: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tagBody.matchAll(ATTRIBUTE)) {
    const name = m[1];
    if (name !== undefined) found.set(name.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return found;
}

/** The module entry scripts (`<script type="module" src>`) and `<link rel="modulepreload" href>`s of a page. */
export function htmlScripts(html: string): { entries: string[]; preloads: string[] } {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const entries: string[] = [];
  const preloads: string[] = [];
  for (const m of withoutComments.matchAll(/<script\b([^>]*)>/gi)) {
    const attrs = attributes(m[1] ?? '');
    const src = attrs.get('src');
    if (attrs.get('type')?.toLowerCase() === 'module' && src) entries.push(src);
  }
  for (const m of withoutComments.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = attributes(m[1] ?? '');
    const rels = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = attrs.get('href');
    if (rels.includes('modulepreload') && href) preloads.push(href);
  }
  return { entries, preloads };
}

// `import x from "./a.js"`, `import{a as b}from"./a.js"`, `import * as n from './a.js'`, `import "./a.js"`;
// not `import("./a.js")` (lazy) nor `import.meta`. The look-behind keeps `x.import` and `reimport` out.
const STATIC_IMPORT =
  /(?<![\w$.])import\s*(?:(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s*[\w$]+|\{[^}]*\})?\s*from\s*)?(["'])([^"'\n]+)\1/g;
// `export * from "./a.js"`, `export * as n from "./a.js"`, `export { a } from "./a.js"`.
const EXPORT_FROM =
  /(?<![\w$.])export\s*(?:\*\s*(?:as\s*[\w$]+\s*)?|\{[^}]*\}\s*)from\s*(["'])([^"'\n]+)\1/g;

/** The relative or root-relative specifiers a built ES module imports statically, in order, without repeats. */
export function staticImports(code: string): string[] {
  const found: { at: number; spec: string }[] = [];
  for (const re of [STATIC_IMPORT, EXPORT_FROM]) {
    for (const m of code.matchAll(re)) {
      const spec = m[2];
      if (spec !== undefined && /^(?:\.{1,2})?\//.test(spec)) found.push({ at: m.index, spec });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.spec))];
}

/** Resolves a URL found in `fromFile` (relative to the web root) to a path relative to the web root. */
function resolveFrom(fromFile: string, url: string): string {
  const resolved = new URL(url, `http://root/${fromFile}`);
  if (resolved.origin !== 'http://root') {
    throw new Error(`${fromFile} loads ${url} from another origin; first load must be self-hosted`);
  }
  return decodeURIComponent(resolved.pathname).replace(/^\/+/, '');
}

function gzipSize(content: Buffer): number {
  return zlib.gzipSync(content, { level: 9 }).length;
}

/** Walks the first-load module graph of `<webRoot>/index.html` and sizes each file once. */
export function measureFirstLoad(webRoot: string, htmlFile = 'index.html'): FirstLoad {
  const html = fs.readFileSync(path.join(webRoot, htmlFile), 'utf8');
  const { entries, preloads } = htmlScripts(html);
  const files: FirstLoadFile[] = [];
  const seen = new Set<string>();
  const queue: { file: string; via: FirstLoadFile['via']; from: string }[] = [
    ...entries.map((u) => ({
      file: resolveFrom(htmlFile, u),
      via: 'entry' as const,
      from: htmlFile,
    })),
    ...preloads.map((u) => ({
      file: resolveFrom(htmlFile, u),
      via: 'modulepreload' as const,
      from: htmlFile,
    })),
  ];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next.file)) continue;
    seen.add(next.file);
    const full = path.join(webRoot, next.file);
    if (!fs.existsSync(full)) {
      throw new Error(`${next.from} loads ${next.file}, which is not in ${webRoot}`);
    }
    const content = fs.readFileSync(full);
    files.push({ file: next.file, via: next.via, bytes: content.length, gzip: gzipSize(content) });
    for (const spec of staticImports(content.toString('utf8'))) {
      queue.push({ file: resolveFrom(next.file, spec), via: 'import', from: next.file });
    }
  }
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
  };
}

/** A few lines for a test failure or the bench: the total against the budget, then each file. */
export function describeFirstLoad(load: FirstLoad, budget = FIRST_LOAD_BUDGET): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  const lines = [
    `first-load JS: ${kb(load.gzip)} gzipped (${load.gzip} bytes; budget ${kb(budget)} = ${budget} bytes), ${kb(load.bytes)} raw, ${load.files.length} file(s)`,
    ...load.files.map((f) => `  ${kb(f.gzip).padStart(9)}  ${f.file} (${f.via})`),
  ];
  return lines.join('\n');
}
