// Writes src/kb/figure-poses.ts from the figure model's posture builders (src/figure/keyframes.ts):
// `npx tsx scripts/kb-figures.ts > src/kb/figure-poses.ts`, then `npx prettier --write` it.
import { buildExercisePoses } from '../src/figure/keyframes.js';

/** Enough places that a rounded pose differs from the built one by far less than the figure tests allow. */
const PLACES = 9;

const round = (x: number): number => {
  const r = Number(x.toFixed(PLACES));
  return Object.is(r, -0) ? 0 : r;
};

const poses = buildExercisePoses();
const lines = [
  '// The key poses of every exercise illustration, in joint angles (degrees) and root position, as data.',
  '// Written by `npx tsx scripts/kb-figures.ts` from the figure model (src/figure/keyframes.ts): do not edit by hand;',
  '// src/figure/keyframes.test.ts fails when the two differ.',
  "import type { ExerciseId, Keyframe } from './types.js';",
  '',
  'export const EXERCISE_POSES: Readonly<Record<ExerciseId, readonly Keyframe[]>> = {',
];
for (const [id, frames] of Object.entries(poses)) {
  lines.push(`  '${id}': [`);
  for (const k of frames) {
    const angles = Object.entries(k.angles)
      .map(([name, v]) => `${name}: ${round(v)}`)
      .join(', ');
    lines.push(`    { at: ${round(k.at)}, angles: { ${angles} } },`);
  }
  lines.push('  ],');
}
lines.push('};');
process.stdout.write(`${lines.join('\n')}\n`);
