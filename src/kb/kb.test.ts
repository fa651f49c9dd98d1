// Knowledge-base integrity: every id reference resolves, and the catalogue matches `exercises.md` exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { knowledgeBase as kb } from './index.js';
import { TOPIC_IDS } from './education.js';
import {
  CAUTION_IDS,
  CLUE_IDS,
  CONTRIBUTOR_IDS,
  EXCLUSION_CODES,
  EXERCISE_IDS,
  GATES,
  INSTRUMENT_IDS,
  LEVELS,
  PROGRAMME_NOTE_IDS,
  REFUSAL_IDS,
  SELF_CARE_IDS,
  SELF_CARE_REASON_IDS,
  SOURCE_IDS,
  TRIAGE_CODES,
  type ExclusionCode,
  type SourceId,
} from './types.js';

const sourceIds = new Set<string>(kb.sources.map((s) => s.id));
const exerciseIds = new Set<string>(kb.exercises.map((e) => e.id));
const contributorIds = new Set<string>(kb.contributors.map((c) => c.id));
const topicIds = new Set<string>(kb.topics.map((t) => t.id));

/** Every cited source id, with where it was cited, so a failure says which entry is wrong. */
function allCitations(): { where: string; id: string }[] {
  return [
    ...kb.contributors.flatMap((c) =>
      c.sources.map((id) => ({ where: `contributor ${c.id}`, id })),
    ),
    ...kb.exercises.flatMap((e) => e.sources.map((id) => ({ where: `exercise ${e.id}`, id }))),
    ...kb.selfCare.flatMap((s) => s.sources.map((id) => ({ where: `self-care ${s.id}`, id }))),
    ...kb.topics.flatMap((t) => t.sources.map((id) => ({ where: `topic ${t.id}`, id }))),
    ...kb.stopRules.flatMap((r) => r.sources.map((id) => ({ where: `stop rule ${r.code}`, id }))),
    ...kb.progression.sources.map((id) => ({ where: 'progression', id })),
    ...kb.careAdvice.flatMap((a) => a.sources.map((id) => ({ where: `care ${a.id}`, id }))),
    ...kb.prognosis.sources.map((id) => ({ where: 'prognosis', id })),
    ...Object.entries(kb.triage.rules).flatMap(([code, r]) =>
      r.sources.map((id) => ({ where: `triage rule ${code}`, id })),
    ),
  ];
}

/** `exercises.md`, restated independently: gentle, serves and never-when for each id. */
const CATALOGUE: Record<
  string,
  { gentle: boolean; kind: string; serves: string[] | 'all'; never: ExclusionCode[] }
> = {
  'knee-to-chest': {
    gentle: true,
    kind: 'stretch',
    serves: ['non-specific-mechanical', 'postural-strain', 'lumbar-radiculopathy'],
    never: [],
  },
  'figure-four': { gentle: true, kind: 'stretch', serves: ['piriformis-syndrome'], never: [] },
  'supine-hamstring-gentle': {
    gentle: true,
    kind: 'stretch',
    serves: ['hamstring-tightness'],
    never: ['hamstring-injury'],
  },
  'supine-hamstring-strap': {
    gentle: false,
    kind: 'stretch',
    serves: ['hamstring-tightness'],
    never: ['hamstring-injury', 'below-knee-symptoms'],
  },
  'hamstring-wall-stretch': {
    gentle: true,
    kind: 'stretch',
    serves: ['hamstring-tightness'],
    never: ['hamstring-injury'],
  },
  'active-hamstring-stretch': {
    gentle: false,
    kind: 'stretch',
    serves: ['hamstring-tightness'],
    never: ['hamstring-injury', 'below-knee-symptoms'],
  },
  'abdominal-brace': { gentle: true, kind: 'strengthening', serves: 'all', never: [] },
  'glute-bridge': {
    gentle: false,
    kind: 'strengthening',
    serves: ['hamstring-weakness', 'postural-strain', 'non-specific-mechanical'],
    never: [],
  },
  'supine-straight-leg-raise': {
    gentle: false,
    kind: 'strengthening',
    serves: ['hamstring-weakness', 'postural-strain'],
    never: [],
  },
  'standing-march': {
    gentle: true,
    kind: 'strengthening',
    serves: ['hamstring-weakness', 'postural-strain'],
    never: [],
  },
  'good-morning-modified': {
    gentle: false,
    kind: 'strengthening',
    serves: ['hamstring-weakness'],
    never: ['acute-phase'],
  },
};

/** The catalogue's dosages: [unit, range min, range max, repeats min, repeats max, sets, sides, times a day min, max]. */
const DOSAGES: Record<
  string,
  [string, number, number, number, number, number, string, number, number]
> = {
  'knee-to-chest': ['seconds', 30, 60, 3, 3, 1, 'each', 1, 1],
  'figure-four': ['seconds', 30, 30, 3, 3, 1, 'each', 1, 1],
  'supine-hamstring-gentle': ['seconds', 20, 30, 2, 3, 1, 'each', 2, 3],
  'supine-hamstring-strap': ['seconds', 30, 60, 3, 3, 1, 'each', 1, 1],
  'hamstring-wall-stretch': ['seconds', 30, 30, 3, 3, 1, 'each', 1, 1],
  'active-hamstring-stretch': ['seconds', 10, 10, 10, 10, 1, 'each', 1, 1],
  'abdominal-brace': ['seconds', 10, 10, 10, 10, 1, 'none', 1, 1],
  'glute-bridge': ['reps', 20, 30, 1, 1, 1, 'none', 1, 1],
  'supine-straight-leg-raise': ['reps', 20, 30, 1, 1, 1, 'each', 1, 1],
  'standing-march': ['reps', 20, 30, 1, 1, 1, 'each', 1, 1],
  'good-morning-modified': ['reps', 10, 10, 1, 1, 2, 'none', 1, 1],
};

describe('knowledge base references', () => {
  it('has every source, contributor, exercise and self-care id exactly once', () => {
    expect(kb.sources.map((s) => s.id)).toEqual([...SOURCE_IDS]);
    expect(kb.contributors.map((c) => c.id)).toEqual([...CONTRIBUTOR_IDS]);
    expect(kb.exercises.map((e) => e.id)).toEqual([...EXERCISE_IDS]);
    expect(kb.selfCare.map((s) => s.id)).toEqual([...SELF_CARE_IDS]);
    expect(kb.topics.map((t) => t.id)).toEqual([...TOPIC_IDS]);
  });

  it('resolves every cited source id', () => {
    const unresolved = allCitations().filter((c) => !sourceIds.has(c.id));
    expect(unresolved).toEqual([]);
  });

  it('cites every source somewhere, and every entry cites at least one', () => {
    const cited = new Set(allCitations().map((c) => c.id));
    expect(SOURCE_IDS.filter((id: SourceId) => !cited.has(id))).toEqual([]);
    for (const entry of [...kb.contributors, ...kb.exercises, ...kb.selfCare, ...kb.topics]) {
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
    }
  });

  it('gives a person with sciatica pain relief, positions, work and driving, and the time course, each sourced', () => {
    const ids = kb.careAdvice.map((a) => a.id);
    expect(ids.sort()).toEqual(
      [
        'sciatica-pain-relief',
        'sciatica-positions',
        'sciatica-time-course',
        'sciatica-work-driving',
      ].sort(),
    );
    const text = (id: string) => kb.careAdvice.find((a) => a.id === id)?.body.join(' ') ?? '';
    expect(text('sciatica-pain-relief')).toMatch(/pharmacist/);
    expect(text('sciatica-pain-relief')).toMatch(/NICE/);
    expect(text('sciatica-positions')).toMatch(/between your knees/);
    expect(text('sciatica-work-driving')).toMatch(/drive/);
    expect(text('sciatica-work-driving')).toMatch(/work/);
    expect(text('sciatica-time-course')).toMatch(/4 to 6 weeks/);
    for (const a of kb.careAdvice) {
      expect(a.sources.length, a.id).toBeGreaterThan(0);
      expect(a.offeredFor).toContain('lumbar-radiculopathy');
    }
  });

  it('keeps codes out of what a person reads: coding notes sit apart from the evidence notes', () => {
    for (const c of kb.contributors) {
      const read = [c.name, c.summary, ...c.mechanism, ...c.typicalSigns, c.evidence.note].join(
        ' ',
      );
      expect(read, c.id).not.toMatch(/\b[A-Z]\d\d\.\d\b|ICD|Coded as|The product/);
    }
    for (const s of kb.sources) expect(s.publisher, s.id).not.toMatch(/seed/);
  });

  it('resolves every exercise, contributor and topic id an entry refers to', () => {
    const bad: string[] = [];
    for (const e of kb.exercises) {
      for (const id of [...e.progressions, ...e.regressions])
        if (!exerciseIds.has(id)) bad.push(`${e.id} -> ${id}`);
      for (const id of e.serves) if (!contributorIds.has(id)) bad.push(`${e.id} serves ${id}`);
    }
    for (const c of kb.contributors)
      for (const id of c.topics) if (!topicIds.has(id)) bad.push(`${c.id} topic ${id}`);
    for (const t of kb.topics) {
      for (const id of t.related.contributors)
        if (!contributorIds.has(id)) bad.push(`${t.id} -> ${id}`);
      for (const id of t.related.exercises) if (!exerciseIds.has(id)) bad.push(`${t.id} -> ${id}`);
      for (const id of t.related.topics) if (!topicIds.has(id)) bad.push(`${t.id} -> ${id}`);
    }
    expect(bad).toEqual([]);
  });

  it('has the education topics the product promises', () => {
    for (const id of [
      'hamstring-anatomy',
      'sciatic-nerve',
      'posterior-chain-pelvic-tilt',
      'disc-and-nerve-root',
      'piriformis',
      'sitting',
      'cause-or-consequence',
      'warning-signs',
      'what-to-expect',
    ]) {
      expect(topicIds.has(id), id).toBe(true);
    }
  });

  it('says honestly that the hamstring link rests on weak evidence', () => {
    const tight = kb.contributors.find((c) => c.id === 'hamstring-tightness');
    expect(tight?.evidence.strength).toMatch(/weak/);
    expect(tight?.sources).toContain('sadler-2017-review');
    const cause = kb.topics.find((t) => t.id === 'cause-or-consequence');
    expect(cause?.evidenceNote).toBeTruthy();
  });
});

describe('exercise catalogue matches exercises.md', () => {
  it.each(Object.entries(CATALOGUE))('%s: gentle, kind, serves and never-when', (id, spec) => {
    const ex = kb.exercises.find((e) => e.id === id);
    expect(ex).toBeDefined();
    expect(ex?.gentle).toBe(spec.gentle);
    expect(ex?.kind).toBe(spec.kind);
    expect([...(ex?.serves ?? [])].sort()).toEqual(
      spec.serves === 'all' ? [...CONTRIBUTOR_IDS].sort() : [...spec.serves].sort(),
    );
    expect([...(ex?.neverWhen ?? [])].sort()).toEqual([...spec.never].sort());
  });

  it.each(Object.entries(DOSAGES))(
    '%s: dosage as data',
    (id, [unit, min, max, rMin, rMax, sets, sides, tMin, tMax]) => {
      const d = kb.exercises.find((e) => e.id === id)?.dosage;
      expect(d).toEqual({
        unit,
        range: { min, max },
        repeats: { min: rMin, max: rMax },
        sets: { min: sets, max: sets },
        sides,
        timesPerDay: { min: tMin, max: tMax },
      });
    },
  );

  it('gives every exercise steps, cues and common mistakes', () => {
    for (const e of kb.exercises) {
      expect(e.steps.length, e.id).toBeGreaterThanOrEqual(3);
      expect(e.cues.length, e.id).toBeGreaterThan(0);
      expect(e.mistakes.length, e.id).toBeGreaterThan(0);
    }
  });

  it('links progressions and regressions both ways, and gives every non-gentle exercise a gentle fallback', () => {
    for (const e of kb.exercises) {
      for (const up of e.progressions) {
        expect(kb.exercises.find((x) => x.id === up)?.regressions, `${e.id} -> ${up}`).toContain(
          e.id,
        );
      }
      if (!e.gentle) {
        const gentleFallback = e.regressions.some(
          (id) => kb.exercises.find((x) => x.id === id)?.gentle,
        );
        expect(gentleFallback, e.id).toBe(true);
      }
    }
  });

  it('marks exactly the four hamstring stretches as hamstring stretches', () => {
    expect(
      kb.exercises
        .filter((e) => e.hamstringStretch)
        .map((e) => e.id)
        .sort(),
    ).toEqual([
      'active-hamstring-stretch',
      'hamstring-wall-stretch',
      'supine-hamstring-gentle',
      'supine-hamstring-strap',
    ]);
  });

  it('gives cold and heat 15 to 20 minutes', () => {
    for (const id of ['cold-pack', 'moist-heat']) {
      expect(kb.selfCare.find((s) => s.id === id)?.minutes).toEqual({ min: 15, max: 20 });
    }
  });
});

describe('exercise illustrations', () => {
  it.each(kb.exercises.map((e) => [e.id, e.keyframes] as const))(
    '%s has at least two key poses in ascending time on 0..1',
    (_id, keyframes) => {
      expect(keyframes.length).toBeGreaterThanOrEqual(2);
      const times = keyframes.map((k) => k.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBe(0);
      expect(times.at(-1)).toBe(1);
    },
  );
});

/** The ids of a record's keys, to compare with the ids the knowledge base declares. */
const keysOf = (record: object): string[] => Object.keys(record).sort();

describe('clinical content as data with ids', () => {
  it('has the words of every triage rule, level and gate, and nothing else', () => {
    expect(new Set(TRIAGE_CODES).size).toBe(TRIAGE_CODES.length);
    expect(keysOf(kb.triage.rules)).toEqual([...TRIAGE_CODES].sort());
    expect(keysOf(kb.triage.levelAdvice)).toEqual([...LEVELS].sort());
    expect(keysOf(kb.triage.gateAdvice)).toEqual([...GATES].sort());
    for (const [code, rule] of Object.entries(kb.triage.rules)) {
      expect(rule.text.length, code).toBeGreaterThan(20);
      expect(rule.sources.length, code).toBeGreaterThan(0);
    }
    expect(kb.triage.safetyNet).toMatch(/emergency department/);
  });

  it('carries the triage policy version that docs/triage-policy.md states', () => {
    const doc = readFileSync(new URL('../../docs/triage-policy.md', import.meta.url), 'utf8');
    const header = /^# Triage policy, version (\d+)$/m.exec(doc);
    expect(header?.[1]).toBeDefined();
    expect(kb.policyVersion).toBe(Number(header?.[1]));
  });

  it('names every exclusion in words, never by its id', () => {
    expect(keysOf(kb.exclusions)).toEqual([...EXCLUSION_CODES].sort());
    for (const code of EXCLUSION_CODES) {
      const { name, applies } = kb.exclusions[code];
      expect(name, code).not.toContain(code);
      expect(name, code).toMatch(/^[a-z]/);
      expect(applies.length, code).toBeGreaterThan(0);
    }
  });

  it('has every clue id once, each named after the contributor it moves, with a weight and words', () => {
    expect(new Set(CLUE_IDS).size).toBe(CLUE_IDS.length);
    expect(keysOf(kb.clues)).toEqual([...CLUE_IDS].sort());
    for (const id of CLUE_IDS) {
      const clue = kb.clues[id];
      expect(contributorIds.has(clue.contributor), id).toBe(true);
      expect(id.startsWith(`${clue.contributor}.`), id).toBe(true);
      expect(clue.weight, id).not.toBe(0);
      expect(clue.text, id).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('has every self-care reason once, each named after the self-care item it adds, with words', () => {
    expect(new Set(SELF_CARE_REASON_IDS).size).toBe(SELF_CARE_REASON_IDS.length);
    expect(keysOf(kb.selfCareReasons)).toEqual([...SELF_CARE_REASON_IDS].sort());
    for (const id of SELF_CARE_REASON_IDS) {
      const reason = kb.selfCareReasons[id];
      expect(id.startsWith(`${reason.item}.`), id).toBe(true);
      expect(
        kb.selfCare.some((s) => s.id === reason.item),
        id,
      ).toBe(true);
      expect(reason.text, id).toMatch(/^[A-Z].*\.$/);
    }
    // Every self-care item has at least one reason to join a plan.
    const given = new Set(Object.values(kb.selfCareReasons).map((r) => r.item));
    expect([...given].sort()).toEqual([...SELF_CARE_IDS].sort());
  });

  it('has the words of every programme note, caution and refusal, as sentences', () => {
    expect(keysOf(kb.programme.notes)).toEqual([...PROGRAMME_NOTE_IDS].sort());
    expect(keysOf(kb.programme.cautions)).toEqual([...CAUTION_IDS].sort());
    expect(keysOf(kb.programme.refusals)).toEqual([...REFUSAL_IDS].sort());
    const texts = [
      ...Object.entries(kb.programme.notes),
      ...Object.entries(kb.programme.cautions),
      ...Object.entries(kb.programme.refusals),
    ];
    for (const [id, text] of texts) expect(text, id).toMatch(/^[A-Z].*\.$/);
  });

  it('carries every outcome instrument, under its own id', () => {
    expect(keysOf(kb.instruments)).toEqual([...INSTRUMENT_IDS].sort());
    for (const id of INSTRUMENT_IDS) expect(kb.instruments[id].id).toBe(id);
  });

  it('steps a dose up by a whole, positive amount in each unit', () => {
    for (const step of Object.values(kb.progression.amountStep)) {
      expect(Number.isInteger(step) && step > 0).toBe(true);
    }
  });

  it('gives every contributor clues for and against', () => {
    for (const id of CONTRIBUTOR_IDS) {
      const weights = Object.values(kb.clues)
        .filter((c) => c.contributor === id)
        .map((c) => c.weight);
      expect(
        weights.some((w) => w > 0),
        id,
      ).toBe(true);
      expect(
        weights.some((w) => w < 0),
        id,
      ).toBe(true);
    }
  });
});
