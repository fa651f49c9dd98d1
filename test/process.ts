// Starting the built `backchain serve` as a real process, and a small cookie-keeping HTTP client for it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'dist', 'cli', 'main.js');
const children: ChildProcess[] = [];

export interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
}

/** Starts `backchain serve --port 0` and waits for the address it prints. */
export function startServe(
  dataDir: string,
  env: Record<string, string | undefined> = {},
): Promise<Server> {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined,
    ...env,
  };
  const cleanEnv = Object.fromEntries(
    Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', dataDir], {
    env: cleanEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start: ${out}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: m[1], output: () => out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}: ${out}`));
    });
  });
}

/** Sends SIGTERM and resolves with the exit code. */
export function stop(server: Server): Promise<number | null> {
  return new Promise((resolve) => {
    server.child.removeAllListeners('exit');
    server.child.on('exit', (code) => {
      resolve(code);
    });
    server.child.kill('SIGTERM');
  });
}

/** A tiny cookie-keeping HTTP client, as a browser on the same origin would be. */
export function client(base: string) {
  let cookie = '';
  return {
    async send(method: string, url: string, body?: unknown) {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          origin: base,
          ...(cookie ? { cookie } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0] ?? '';
      const text = await res.text();
      return {
        status: res.status,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        headers: res.headers,
      };
    },
  };
}

/** Kills any server a failed test left running. */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}
