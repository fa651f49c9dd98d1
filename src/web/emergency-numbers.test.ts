// The emergency number offered first follows the locale's region, and the others are always listed.
import { describe, expect, it } from 'vitest';
import { EMERGENCY_NUMBERS, emergencyNumbers } from './emergency-numbers.js';

describe('emergencyNumbers', () => {
  it.each([
    ['en-GB', '999'],
    ['en_GB', '999'],
    ['cy-GB', '999'],
    ['en-US', '911'],
    ['fr-CA', '911'],
    ['es-MX', '911'],
    ['de-DE', '112'],
    ['fr-FR', '112'],
    ['en-IE', '112'],
    ['zh-Hant-TW', '112'],
    ['en', '112'],
    ['', '112'],
    ['nonsense', '112'],
  ])('offers %s first the number %s', (locale, number) => {
    expect(emergencyNumbers(locale).primary.number).toBe(number);
  });

  it('always lists the other two numbers, so none is ever hidden', () => {
    for (const locale of ['en-GB', 'en-US', 'de-DE', '']) {
      const { primary, others } = emergencyNumbers(locale);
      expect([primary, ...others].map((n) => n.number).sort()).toEqual(
        EMERGENCY_NUMBERS.map((n) => n.number).sort(),
      );
    }
  });
});
