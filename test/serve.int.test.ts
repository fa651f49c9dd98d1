// The real thing: build output started as `backchain serve` on a free port with a temporary data folder,
// used over HTTP, stopped with SIGTERM, started again, and everything is still there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANSWERS, NO_WARNING_SIGNS } from './http.js';
import { client, killAll, startServe, stop } from './process.js';

afterAll(killAll);

describe('backchain serve as a real process', () => {
  it('keeps a person’s data across a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-serve-'));
    const first = await startServe(dataDir);
    const health = await fetch(`${first.base}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
    expect(fs.existsSync(path.join(dataDir, 'backchain.sqlite'))).toBe(true);

    const ana = client(first.base);
    expect(
      (
        await ana.send('POST', '/api/auth/signup', {
          email: 'ana@example.org',
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(201);
    const assessment = await ana.send('POST', '/api/assessments', { answers: ANSWERS });
    expect(assessment.status).toBe(201);
    const session = await ana.send('POST', '/api/sessions', {
      entries: [
        {
          exerciseId: 'abdominal-brace',
          done: { holdSeconds: 10, reps: 10 },
          felt: 'same',
          painSharper: false,
          painSpread: false,
        },
      ],
    });
    expect(session.status).toBe(201);
    const checkin = await ana.send('POST', '/api/checkins', {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
    });
    expect(checkin.status).toBe(201);
    expect(await stop(first)).toBe(0);
    // No health data in the logs.
    expect(first.output()).not.toContain('ana@example.org');
    expect(first.output()).not.toContain('painNow');

    const second = await startServe(dataDir);
    const again = client(second.base);
    expect(
      (
        await again.send('POST', '/api/auth/login', {
          email: 'ana@example.org',
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(200);
    const assessments = await again.send('GET', '/api/assessments');
    expect((assessments.body.items as { id: string }[]).map((x) => x.id)).toEqual([
      assessment.body.id,
    ]);
    expect((await again.send('GET', '/api/sessions')).body.items).toHaveLength(1);
    expect((await again.send('GET', '/api/checkins')).body.items).toHaveLength(1);
    expect((await again.send('GET', '/api/programme')).status).toBe(200);
    expect(await stop(second)).toBe(0);
  });

  it('behind a trusted proxy (BACKCHAIN_TRUST_PROXY), marks the cookie Secure and sends HSTS over HTTPS', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-proxy-'));
    const server = await startServe(dataDir, { BACKCHAIN_TRUST_PROXY: 'loopback' });
    const signup = (proto: string, email: string) =>
      fetch(`${server.base}/api/auth/signup`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-proto': proto,
          origin: `${proto}://${new URL(server.base).host}`,
        },
        body: JSON.stringify({ email, password: 'correct horse battery' }),
      });
    const secure = await signup('https', 'ana@example.org');
    expect(secure.status).toBe(201);
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure/);
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=/);
    const plain = await signup('http', 'ben@example.org');
    expect(plain.status).toBe(201);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(await stop(server)).toBe(0);
  });
});
