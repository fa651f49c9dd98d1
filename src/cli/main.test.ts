// Tests the command in-process: `assess` and `plan` give what the engine's one pipeline (`planFor`) gives for
// the same answers, and answers that do not parse are a usage error naming the field.
import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../test/fixtures.js';
import { planFor } from '../engine/assess.js';
import { parseIntake } from '../engine/intake.js';
import { knowledgeBase } from '../kb/index.js';
import { run } from './main.js';

/** Runs the command with `stdin` as standard input (not a terminal), keeping what it writes. */
async function backchain(args: string[], stdin: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => stdin,
    stdinIsTTY: false,
  });
  return { code, stdout, stderr };
}

const planned = () => {
  const parsed = parseIntake(ANSWERS);
  if (!parsed.ok) throw new Error('fixture does not parse');
  // As printed: through JSON.
  return JSON.parse(JSON.stringify(planFor(parsed.value, knowledgeBase))) as unknown;
};

describe('backchain assess and plan', () => {
  it('plan --json prints the assessment and programme of planFor', async () => {
    const out = await backchain(['plan', '--answers', '-', '--json'], JSON.stringify(ANSWERS));
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(out.stdout)).toStrictEqual(planned());
  });

  it('assess --json prints the assessment of planFor', async () => {
    const out = await backchain(['assess', '--answers', '-', '--json'], JSON.stringify(ANSWERS));
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(out.stdout)).toStrictEqual((planned() as { assessment: unknown }).assessment);
  });

  it('refuses answers that do not parse, naming the field, with exit 2', async () => {
    const out = await backchain(
      ['plan', '--answers', '-'],
      JSON.stringify({ ...ANSWERS, painNow: 11 }),
    );
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('painNow');
  });
});
