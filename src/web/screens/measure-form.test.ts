// Typed measurements: angles and distances read as people type them, and refused with words that say what to type.
import { describe, expect, it } from 'vitest';
import {
  measureErrorsFromProblems,
  parseAngle,
  parseSide,
  parseToeTouch,
  toeTouchWords,
} from './measure-form.js';

describe('parseAngle', () => {
  it.each([
    ['0', 0],
    ['55', 55],
    [' 120 ', 120],
  ])('reads %j as %i degrees', (text, value) => {
    expect(parseAngle(text)).toEqual({ ok: true, value });
  });

  it.each(['', '-5', '121', '45.5', 'forty', '1e2'])('refuses %j, saying what to type', (text) => {
    const result = parseAngle(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/0 to 120/);
  });
});

describe('parseToeTouch', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    ['7,5', 7.5],
    ['-4', -4],
    ['−4', -4],
  ])('reads %j as %d cm', (text, value) => {
    expect(parseToeTouch(text)).toEqual({ ok: true, value });
  });

  it.each(['', '-51', '101', 'a bit'])('refuses %j', (text) => {
    expect(parseToeTouch(text).ok).toBe(false);
  });

  it('says the distance in words', () => {
    expect(toeTouchWords(0)).toBe('your fingertips reached your toes');
    expect(toeTouchWords(6)).toBe('6 cm short of your toes');
    expect(toeTouchWords(-3)).toBe('3 cm past your toes');
  });
});

describe('sides and problems', () => {
  it('asks for a side', () => {
    expect(parseSide('left')).toEqual({ ok: true, value: 'left' });
    expect(parseSide(undefined).ok).toBe(false);
    expect(parseSide('both').ok).toBe(false);
  });

  it('files the repository problems under the typed field', () => {
    const p = (path: string) => ({ path, expected: '', received: '', message: `bad ${path}` });
    expect(measureErrorsFromProblems('slr-angle', [p('value'), p('side')])).toEqual({
      angle: 'bad value',
      side: 'bad side',
    });
    expect(measureErrorsFromProblems('toe-touch', [p('value')])).toEqual({ toeTouch: 'bad value' });
  });
});
