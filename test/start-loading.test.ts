// What a start loads: each store loads only its own driver, and the built `backchain serve` on SQLite never loads pg.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'dist', 'cli', 'main.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-loading-'));
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** The packages in a list of loaded files (Node's CommonJS cache, which ESM imports of CJS fill too). */
function packagesIn(files: string[]): string[] {
  const names = files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]);
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

/**
 * Opens a store in a fresh Node process (the TypeScript source, through tsx) and reports the packages
 * it loaded. The PostgreSQL URL points at a closed port: the store fails to connect, after loading pg.
 */
const PROBE = `
import { createRequire } from 'node:module';
const [kind, dataDir] = process.argv.slice(2);
const { openStore } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src', 'store', 'open.ts')).href)});
const options = kind === 'sqlite' ? { dataDir } : kind === 'memory' ? { memory: true } : { databaseUrl: 'postgres://nobody@127.0.0.1:1/none' };
let error = null;
try {
  const store = await openStore(options);
  await store.close();
} catch (e) {
  error = e instanceof Error ? e.message : String(e);
}
console.log(JSON.stringify({ error, loaded: Object.keys(createRequire(import.meta.url).cache) }));
`;
const probeFile = path.join(work, 'probe.mjs');
fs.writeFileSync(probeFile, PROBE);

function openInChild(kind: string): { error: string | null; packages: string[] } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', probeFile, kind, path.join(work, kind)],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`probe failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
    error: string | null;
    loaded: string[];
  };
  return { error: out.error, packages: packagesIn(out.loaded) };
}

describe('opening a store loads its own driver only', () => {
  it.each([
    // kind, opens, must load, must not load
    ['sqlite', true, ['better-sqlite3'], ['pg', 'pg-pool', 'pg-protocol']],
    ['memory', true, [], ['pg', 'better-sqlite3']],
    ['postgres', false, ['pg'], ['better-sqlite3']],
  ] as const)('%s', (kind, opens, loads, avoids) => {
    const { error, packages } = openInChild(kind);
    if (opens) expect(error).toBeNull();
    else expect(error).toMatch(/ECONNREFUSED/);
    for (const name of loads) expect(packages, name).toContain(name);
    for (const name of avoids) expect(packages, name).not.toContain(name);
  });
});

/** Starts the built server with a preload that writes Node's module cache to a file when it exits. */
async function serveAndList(dataDir: string): Promise<string[]> {
  if (!fs.existsSync(bin)) throw new Error('build first: npm run build (npm test does)');
  const listFile = path.join(work, 'serve-loaded.json');
  const preload = path.join(work, 'list-on-exit.cjs');
  fs.writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listFile)}, JSON.stringify(Object.keys(require.cache))));`,
  );
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--require', preload, bin, 'serve', '--port', '0', '--data', dataDir],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const base = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      reject(new Error(`server exited with ${String(code)}: ${out}`));
    });
  });
  const health = await fetch(`${base}/api/health`);
  expect(health.status).toBe(200);
  child.removeAllListeners('exit');
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  return JSON.parse(fs.readFileSync(listFile, 'utf8')) as string[];
}

describe('the built backchain serve', () => {
  it('on SQLite loads better-sqlite3 and never pg, nor Fastify’s default compilers', async () => {
    const packages = packagesIn(await serveAndList(path.join(work, 'serve-data')));
    expect(packages).toContain('better-sqlite3');
    for (const name of ['pg', 'pg-pool', 'ajv', '@fastify/ajv-compiler', '@node-rs/argon2']) {
      expect(packages, name).not.toContain(name);
    }
  });
});
