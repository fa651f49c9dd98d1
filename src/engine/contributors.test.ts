// Contributor scoring: the clinical differentiations the articles and clinicians use, and explained evidence.
import { describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import { CLUE_IDS, CONTRIBUTOR_IDS, type ClueId, type ContributorId } from '../kb/types.js';
import { assessIntake } from './assess.js';
import { CLUES } from './contributors.js';
import { parseIntake, type IntakeInput } from './intake.js';

const BASE: IntakeInput = {
  version: 1,
  age: 35,
  durationDays: 20,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
};

function contributors(x: Partial<IntakeInput>) {
  const p = parseIntake({ ...BASE, ...x });
  if (!p.ok) throw new Error(p.problems.map((q) => q.message).join('; '));
  return assessIntake(p.value, knowledgeBase).contributors;
}
const get = (list: ReturnType<typeof contributors>, id: ContributorId) => {
  const c = list.find((x) => x.id === id);
  if (!c) throw new Error(`missing ${id}`);
  return c;
};

describe('clue table', () => {
  it('decides when each of the knowledge base’s clues holds, once each', () => {
    expect(CLUES.map((c) => c.id).sort()).toEqual([...CLUE_IDS].sort());
  });

  it('keeps a contributor’s evidence in the order of its clues', () => {
    const parsed = parseIntake({ ...BASE, worseBending: true, liftingWork: true });
    if (!parsed.ok) throw new Error('bad answers');
    const result = assessIntake(parsed.value, knowledgeBase);
    const mechanical = result.contributors.find((c) => c.id === 'non-specific-mechanical');
    const held: ClueId[] = [
      'non-specific-mechanical.pain-areas',
      'non-specific-mechanical.worse-bending',
      'non-specific-mechanical.leg-side',
      'non-specific-mechanical.lifting-work',
    ];
    expect(mechanical?.evidence.map((e) => e.text)).toEqual(
      held.map((id) => knowledgeBase.clues[id].text),
    );
  });
});

describe('contributors', () => {
  it('always lists all seven, sorted by score, with scores between 0 and 1', () => {
    const list = contributors({});
    expect(list.map((c) => c.id).sort()).toEqual([...CONTRIBUTOR_IDS].sort());
    const scores = list.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    for (const c of list) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
      expect(c.sources.length).toBeGreaterThan(0);
    }
  });

  it('a leg raise that only pulls in the thigh points to muscle, not nerve', () => {
    const thigh = contributors({
      legSide: 'left',
      painAreas: ['lower-back', 'back-of-thigh'],
      slrTest: 'thigh-pull',
    });
    const nerve = contributors({
      legSide: 'left',
      painAreas: ['lower-back', 'back-of-thigh'],
      slrTest: 'leg-pain-below-knee',
    });
    expect(get(thigh, 'lumbar-radiculopathy').score).toBeLessThan(
      get(nerve, 'lumbar-radiculopathy').score,
    );
    expect(get(thigh, 'hamstring-tightness').score).toBeGreaterThan(
      get(nerve, 'hamstring-tightness').score,
    );
    expect(get(thigh, 'lumbar-radiculopathy').evidence).toContainEqual(
      expect.objectContaining({ answer: 'slrTest', effect: 'against' }),
    );
  });

  it('leg pain below the knee, worse with the toes pulled up, makes radiculopathy likely', () => {
    const list = contributors({
      legSide: 'right',
      painAreas: ['lower-back', 'back-of-thigh', 'below-knee'],
      slrTest: 'leg-pain-below-knee',
      slrDorsiflexionWorse: true,
    });
    expect(list[0]?.id).toBe('lumbar-radiculopathy');
    expect(get(list, 'lumbar-radiculopathy').likelihood).toBe('likely');
    expect(get(list, 'lumbar-radiculopathy').evidence.map((e) => e.answer)).toEqual(
      expect.arrayContaining(['painAreas', 'slrTest', 'slrDorsiflexionWorse']),
    );
  });

  it('feeling tight with a full range points to weakness, not shortness', () => {
    for (const fullRange of [{ toeTouch: 'reaches' as const }, { slrAngle: 80 }]) {
      const list = contributors({ hamstringTightness: true, ...fullRange });
      expect(get(list, 'hamstring-weakness').score).toBeGreaterThan(
        get(list, 'hamstring-tightness').score,
      );
      expect(get(list, 'hamstring-tightness').likelihood).not.toBe('likely');
    }
  });

  it('feeling tight with a short range points to shortness', () => {
    const list = contributors({ hamstringTightness: true, toeTouch: 'short', slrAngle: 60 });
    expect(get(list, 'hamstring-tightness').likelihood).toBe('likely');
    expect(get(list, 'hamstring-tightness').score).toBeGreaterThan(
      get(list, 'hamstring-weakness').score,
    );
  });

  it('79 degrees is not yet a full range; 80 is', () => {
    const at79 = contributors({ hamstringTightness: true, slrAngle: 79 });
    const at80 = contributors({ hamstringTightness: true, slrAngle: 80 });
    expect(get(at79, 'hamstring-weakness').score).toBeLessThan(
      get(at80, 'hamstring-weakness').score,
    );
  });

  it('an angle stopped by leg pain below the knee says nothing about hamstring length', () => {
    const list = contributors({
      legSide: 'left',
      painAreas: ['below-knee'],
      slrTest: 'leg-pain-below-knee',
      slrAngle: 40,
    });
    expect(get(list, 'hamstring-tightness').evidence.map((e) => e.answer)).not.toContain(
      'slrAngle',
    );
  });

  it('deep buttock pain on sitting with pain on hip rotation points to piriformis', () => {
    const list = contributors({
      legSide: 'right',
      painAreas: ['buttock'],
      deepButtockPainSitting: true,
      hipRotationProvokes: true,
    });
    expect(list[0]?.id).toBe('piriformis-syndrome');
    expect(get(list, 'piriformis-syndrome').likelihood).toBe('likely');
    const without = contributors({ legSide: 'right', painAreas: ['buttock'] });
    expect(get(without, 'piriformis-syndrome').likelihood).not.toBe('likely');
  });

  it('a sudden thigh injury with bruising points to a hamstring strain', () => {
    const list = contributors({
      legSide: 'right',
      painAreas: ['back-of-thigh'],
      thighInjury: true,
      thighBruising: true,
    });
    expect(list[0]?.id).toBe('hamstring-strain-injury');
    const none = contributors({});
    expect(get(none, 'hamstring-strain-injury').likelihood).toBe('unlikely');
  });

  it('long sitting, pain easing on walking: postural strain', () => {
    const list = contributors({ sittingHours: 10, worseSitting: true, easesWithMovement: true });
    expect(list[0]?.id).toBe('postural-strain');
  });

  it('every piece of evidence names an answer and says which way it pushed', () => {
    const list = contributors({
      hamstringTightness: true,
      toeTouch: 'reaches',
      slrTest: 'thigh-pull',
      legSide: 'left',
      painAreas: ['back-of-thigh'],
    });
    for (const c of list) {
      for (const e of c.evidence) {
        expect(['for', 'against']).toContain(e.effect);
        expect(e.text.length).toBeGreaterThan(10);
      }
    }
  });
});
