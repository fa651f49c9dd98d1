// Bundles the command line into dist/cli/main.js and its chunks, so `backchain serve` and the CLI start fast.
//
// Node reads, resolves and compiles every module file on its own, and at start that was most of the time:
// `backchain serve` loaded over 1,000 files (Kysely's 262, zod's 95, Fastify's and its plugins' hundreds).
// Bundled, they are a few dozen chunks, and each command still loads only its own (the dynamic imports
// stay lazy: the server's chunks are not loaded by `backchain explain`). Left as ordinary imports from
// node_modules: native modules, pg (loaded only for PostgreSQL) and pino (its transports find worker
// files beside it). tsc's own output (dist/**) is kept for the library; only dist/cli/main.js is replaced.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultOutdir = path.join(root, 'dist', 'cli');

/** Packages left in node_modules, imported at run time. */
export const EXTERNAL = new Set([
  'better-sqlite3',
  '@node-rs/argon2',
  'pg',
  'pino',
  '@zxcvbn-ts/language-common',
  // Fastify's default validator and serializer, which src/server/app.ts replaces so that they are
  // never loaded: bundled, they would still be read and parsed at every start (over 1 MB).
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
  'fast-json-stringify',
  'ajv',
  'ajv-formats',
]);

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const externals = {
  name: 'externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('node:') || EXTERNAL.has(packageName(args.path))
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

/**
 * zod's index of its 50 locales (about 340 kB, a third of zod) is imported by `zod` and `zod/v4/core` for
 * `z.locales`, which nothing here uses: zod's messages are English by default (zod/v4/locales/en.js, which
 * zod imports itself), and our own problems carry our own words. In the bundle the index names English only.
 */
const englishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * CommonJS packages in an ES module bundle still call `require` (for Node's own modules and the
 * external packages): each chunk gets one, resolving from dist/cli as the package itself would.
 */
const REQUIRE_BANNER =
  "import { createRequire as __backchainRequire } from 'node:module'; const require = __backchainRequire(import.meta.url);";

/** Builds the bundle after tsc, replacing its dist/cli/main.js. `outdir` is for trying it elsewhere. */
export async function bundleCli(outdir = defaultOutdir) {
  fs.mkdirSync(outdir, { recursive: true });
  // Chunks of an earlier build would otherwise pile up: their names change with their content.
  for (const name of fs.readdirSync(outdir)) {
    if (name.startsWith('chunk-')) fs.rmSync(path.join(outdir, name));
  }
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // WEB_ROOT in src/server/web.ts is found from its module's folder: chunks must sit one level
    // below dist/ (dist/cli), as dist/server/web.js does, so that `../web` is dist/web from either.
    chunkNames: 'chunk-[name]-[hash]',
    banner: { js: REQUIRE_BANNER },
    // Maps name the files in src/ and node_modules/ rather than carrying copies of them.
    sourcemap: true,
    sourcesContent: false,
    // Class and function names as written, for logs and stack traces.
    keepNames: true,
    logLevel: 'warning',
    plugins: [externals, englishOnly],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await bundleCli();
