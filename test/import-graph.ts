// The source's import graph, read with the TypeScript parser: each file's imports (static, re-exports and
// import() with a literal path), which of them are type-only, the cycles in the graph, and which files the
// build compiles. Used by test/layers.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import of a file, as written. */
export interface ImportEdge {
  specifier: string;
  /** `import type`, `export type`, or an import whose every named binding is a type: gone at run time. */
  typeOnly: boolean;
  /** `import('…')`: loaded when reached, not when the file loads. */
  dynamic: boolean;
}

/** A file's imports resolved: `target` is a repository-relative path for our own files, or a package name. */
export interface ResolvedImport extends ImportEdge {
  target: string;
  local: boolean;
}

/** Every .ts and .tsx file under `dir` (repository-relative, with forward slashes), sorted. */
export function sourceFiles(root: string, dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(child);
    }
  };
  walk(dir);
  return found.sort();
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './side-effect.js'` runs the file.
  if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return false;
  // `import { type A, type B } from` is erased (verbatimModuleSyntax keeps `import {} from` otherwise).
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/** The imports written in one file's text. */
export function importsOf(fileName: string, text: string): ImportEdge[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const found: ImportEdge[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: isTypeOnlyImport(node),
        dynamic: false,
      });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: node.isTypeOnly,
        dynamic: false,
      });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false, dynamic: true });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      // `typeof import('./x.js')` in a type.
      found.push({ specifier: node.argument.literal.text, typeOnly: true, dynamic: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The package an import names: `@scope/name` or `name`, without any subpath. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * Resolves an import the way our sources write them (NodeNext: `./x.js` names `x.ts` or `x.tsx`). A
 * relative import of anything else (a stylesheet, a JSON file) resolves to itself.
 */
export function resolveImport(
  root: string,
  from: string,
  specifier: string,
): { target: string; local: boolean } {
  if (!specifier.startsWith('.')) return { target: packageName(specifier), local: false };
  const bare = specifier.replace(/[?#].*$/, '');
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), bare));
  const candidates = /\.(m|c)?js$/.test(joined)
    ? [joined.replace(/\.(m|c)?js$/, '.ts'), joined.replace(/\.(m|c)?js$/, '.tsx'), joined]
    : [joined, `${joined}.ts`, `${joined}.tsx`, `${joined}/index.ts`];
  const hit = candidates.find((c) => fs.existsSync(path.join(root, c)));
  return { target: hit ?? joined, local: true };
}

/** Every file's resolved imports. */
export function importGraph(root: string, files: readonly string[]): Map<string, ResolvedImport[]> {
  const graph = new Map<string, ResolvedImport[]>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    graph.set(
      file,
      importsOf(file, text).map((edge) => ({
        ...edge,
        ...resolveImport(root, file, edge.specifier),
      })),
    );
  }
  return graph;
}

/**
 * The import cycles among the graph's nodes: one per strongly connected group of files, each given as
 * a closed path (its first file repeated at the end) through that group. Sorted, so the result is stable.
 */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's strongly connected components, iteratively (no recursion limit on a long chain).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;
  const nodes = [...edges.keys()].sort();
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, next);
    low.set(start, next);
    next += 1;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const targets = edges.get(frame.node) ?? [];
      if (frame.i < targets.length) {
        const to = targets[frame.i] ?? '';
        frame.i += 1;
        if (!edges.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next);
          next += 1;
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(to) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        const selfLoop = group.length === 1 && (edges.get(frame.node) ?? []).includes(frame.node);
        if (group.length > 1 || selfLoop) groups.push(group.sort());
      }
    }
  }
  return groups
    .map((group) => cycleThrough(group, edges))
    .sort((a, b) => a.join().localeCompare(b.join()));
}

/** A shortest closed path from the group's first file back to itself, staying inside the group. */
function cycleThrough(
  group: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): string[] {
  const inGroup = new Set(group);
  const start = group[0] ?? '';
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() ?? '';
    for (const to of edges.get(node) ?? []) {
      if (!inGroup.has(to)) continue;
      if (to === start) {
        const pathBack = [node];
        while (pathBack[0] !== start) pathBack.unshift(cameFrom.get(pathBack[0] ?? '') ?? start);
        return [...pathBack, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/** The files a tsconfig compiles (its include, files and exclude), repository-relative. */
export function compiledFiles(root: string, tsconfig: string): string[] {
  const configPath = path.join(root, tsconfig);
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configPath));
  return parsed.fileNames
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
    .filter((f) => !f.endsWith('.d.ts'))
    .sort();
}
