// The terminal's words are the web app's words: the level headline, the dose sentence, "never when" in
// words, and no knowledge-base code where a person reads a sentence.
import { describe, expect, it } from 'vitest';
import { assessAndPlan } from '../engine/assess.js';
import { knowledgeBase as kb } from '../kb/index.js';
import { LEVEL_HEADLINE } from '../words/index.js';
import { explainableIds, renderAssessment, renderEntry, renderProgramme } from './render.js';

const ANSWERS = {
  version: 1,
  age: 42,
  durationDays: 60,
  painNow: 5,
  painAreas: ['lower-back', 'back-of-thigh'],
  legSide: 'left',
  hamstringTightness: true,
  toeTouch: 'short',
  sittingHours: 8,
};

function made() {
  const r = assessAndPlan(ANSWERS, kb);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('the terminal', () => {
  it('leads with the level headline every surface uses', () => {
    const { assessment } = made();
    const text = renderAssessment(assessment, kb);
    expect(text.split('\n')[0]).toBe(LEVEL_HEADLINE[assessment.triage.level]);
  });

  it('ends with the triage policy and knowledge base the assessment was made with', () => {
    const { assessment } = made();
    const text = renderAssessment(
      { ...assessment, policyVersion: 7, knowledgeBase: '2020.1.1' },
      kb,
    );
    expect(text.split('\n').at(-1)).toBe(
      'Triage policy version 7, knowledge base 2020.1.1. This is guidance, not a diagnosis.',
    );
  });

  it('gives each exercise its dose in the one dose sentence, how often included', () => {
    const { programme } = made();
    const text = renderProgramme(programme, kb);
    expect(text).toContain(
      '  - Single knee-to-chest (knee-to-chest): hold 30 seconds, 3 times, each leg, once a day',
    );
    expect(text).not.toMatch(/\d s\b|on each side/);
  });

  it('says an exercise’s range, and when never to give it, in words', () => {
    const text = renderEntry(kb, 'supine-hamstring-strap') ?? '';
    expect(text).toContain('Dosage: hold 30 to 60 seconds, 3 times, each leg, once a day');
    expect(text).toContain(
      'Never when: a recent hamstring injury; pain or numbness below the knee.',
    );
  });

  it.each(explainableIds(kb))('explains %s with no "(s)" and no code after "Never when"', (id) => {
    const text = renderEntry(kb, id) ?? '';
    expect(text).not.toBe('');
    expect(text).not.toContain('(s)');
    expect(text).not.toMatch(/time\(s\)|undefined|NaN/);
    for (const code of Object.keys(kb.exclusions)) {
      expect(text).not.toMatch(new RegExp(`Never when:[^\\n]*\\b${code}\\b`));
    }
  });
});
