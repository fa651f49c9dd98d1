// Typed-in measurements: checking the straight-leg-raise angle, the side and the toe-touch distance, and saying a toe touch in words.
import type { Problem } from '../../engine/problems.js';
import { SLR_MAX_DEG } from '../../figure/inclinometer.js';

export type Side = 'left' | 'right';
export type MeasureField = 'side' | 'angle' | 'toeTouch';
export type MeasureErrors = Partial<Record<MeasureField, string>>;

/** Toe-touch distances accepted, in centimetres: past the toes is negative. */
export const TOE_TOUCH_MIN = -50;
export const TOE_TOUCH_MAX = 100;

type Parsed = { ok: true; value: number } | { ok: false; message: string };

function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.').replace(/^[−–]/, '-');
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : null;
}

export function parseSide(
  value: string | undefined,
): { ok: true; value: Side } | { ok: false; message: string } {
  return value === 'left' || value === 'right'
    ? { ok: true, value }
    : { ok: false, message: 'Choose the left or the right leg.' };
}

/** A typed straight-leg-raise angle: whole degrees from 0 to 120. */
export function parseAngle(text: string): Parsed {
  const value = parseNumber(text);
  const expected = `Type the angle in whole degrees, from 0 to ${SLR_MAX_DEG}.`;
  if (text.trim() === '') return { ok: false, message: expected };
  if (value === null || !Number.isInteger(value) || value < 0 || value > SLR_MAX_DEG) {
    return { ok: false, message: expected };
  }
  return { ok: true, value };
}

/** A typed toe-touch distance in centimetres short of the toes: 0 reaches, negative is past them. */
export function parseToeTouch(text: string): Parsed {
  const value = parseNumber(text);
  const expected = `Type the centimetres from ${TOE_TOUCH_MIN} to ${TOE_TOUCH_MAX}: 0 if you reach your toes, a minus number if you reach past them.`;
  if (value === null || value < TOE_TOUCH_MIN || value > TOE_TOUCH_MAX) {
    return { ok: false, message: expected };
  }
  return { ok: true, value: Math.round(value * 10) / 10 };
}

/** A toe-touch distance in words. */
export function toeTouchWords(cm: number): string {
  if (cm === 0) return 'your fingertips reached your toes';
  return cm > 0 ? `${cm} cm short of your toes` : `${-cm} cm past your toes`;
}

/** Problems from the repository (`value`, `side`) filed under the field the person typed in. */
export function measureErrorsFromProblems(
  kind: 'slr-angle' | 'toe-touch',
  problems: readonly Problem[],
): MeasureErrors {
  const errors: MeasureErrors = {};
  for (const p of problems) {
    if (p.path === 'side') errors.side ??= p.message;
    else errors[kind === 'slr-angle' ? 'angle' : 'toeTouch'] ??= p.message;
  }
  return errors;
}
