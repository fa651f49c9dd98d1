// People's words: the dose sentences word for word, and every knowledge-base item rendered through src/words
// (doses at every range end, levels, reasons, contributors, questions and options, exclusions) read as
// plain sentences: no raw id, no "(s)", nothing undefined, a capital first.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intakeArb } from '../../test/arbitraries.js';
import { assessAndPlan } from '../engine/assess.js';
import { QUESTIONS, SECTIONS } from '../engine/questions.js';
import { KEELE_NOTICE, START_BACK_ITEMS } from '../engine/start-back.js';
import { GATES, LEVELS } from '../engine/triage.js';
import { knowledgeBase as kb } from '../kb/index.js';
import type { Dosage, Range } from '../kb/types.js';
import {
  CHECKIN_ADVICE_HEADING,
  CONTACT_HEADING,
  contributorName,
  dosageRangeWords,
  dosageWords,
  evidenceWords,
  exerciseName,
  exerciseTitle,
  GATE_WORDS,
  LEG_SIDE_WORDS,
  LEVEL_HEADLINE,
  LEVEL_NAME,
  LIKELIHOOD_WORDS,
  listWords,
  neverWhenWords,
  NUMBNESS_WORDS,
  PAIN_AREA_WORDS,
  PHASE_NAMED,
  PHASE_SENTENCE,
  PHASE_WORDS,
  RISK_WORDS,
  selfCareName,
  shortDosageWords,
  SLR_WORDS,
  sourceTitles,
  START_BACK_Q9_OPTIONS,
  STRENGTH_WORDS,
  timesPerDayRangeWords,
  timesPerDayWords,
  TOE_TOUCH_WORDS,
  WEAKNESS_WORDS,
  type PrescribedDose,
} from './index.js';

describe('the dose sentence', () => {
  it.each([
    [
      { unit: 'seconds', amount: 30, repeats: 3, sets: 1, sides: 'each' } as const,
      2,
      'Hold 30 seconds, 3 times, each leg, twice a day',
    ],
    [
      { unit: 'seconds', amount: 10, repeats: 10, sets: 1, sides: 'none' } as const,
      1,
      'Hold 10 seconds, 10 times, once a day',
    ],
    [
      { unit: 'seconds', amount: 1, repeats: 1, sets: 1, sides: 'none' } as const,
      3,
      'Hold 1 second once, 3 times a day',
    ],
    [
      { unit: 'seconds', amount: 30, repeats: 3, sets: 2, sides: 'each' } as const,
      1,
      'Hold 30 seconds, 3 times, each leg, 2 rounds, once a day',
    ],
    [
      { unit: 'reps', amount: 20, repeats: 1, sets: 1, sides: 'each' } as const,
      1,
      '20 repetitions, each leg, once a day',
    ],
    [
      { unit: 'reps', amount: 10, repeats: 1, sets: 2, sides: 'none' } as const,
      1,
      '2 rounds of 10 repetitions, once a day',
    ],
    [
      { unit: 'reps', amount: 1, repeats: 1, sets: 1, sides: 'none' } as const,
      undefined,
      '1 repetition',
    ],
  ])('%o, %s a day → %s', (dose, times, words) => {
    expect(dosageWords(dose, times)).toBe(words);
  });

  const range = (min: number, max: number): Range => ({ min, max });
  it.each([
    [
      {
        unit: 'seconds',
        range: range(30, 60),
        repeats: range(3, 3),
        sets: range(1, 1),
        sides: 'each',
        timesPerDay: range(1, 1),
      } as const,
      'Hold 30 to 60 seconds, 3 times, each leg, once a day',
    ],
    [
      {
        unit: 'seconds',
        range: range(20, 30),
        repeats: range(2, 3),
        sets: range(1, 1),
        sides: 'each',
        timesPerDay: range(2, 3),
      } as const,
      'Hold 20 to 30 seconds, 2 to 3 times, each leg, 2 to 3 times a day',
    ],
    [
      {
        unit: 'reps',
        range: range(10, 15),
        repeats: range(1, 1),
        sets: range(1, 2),
        sides: 'none',
        timesPerDay: range(1, 2),
      } as const,
      '1 to 2 rounds of 10 to 15 repetitions, once or twice a day',
    ],
  ])('the catalogue range %o → %s', (dosage: Dosage, words) => {
    expect(dosageRangeWords(dosage)).toBe(words);
  });

  it.each([
    [
      { unit: 'seconds', amount: 30, repeats: 3, sets: 1, sides: 'each' } as const,
      '3 holds each leg',
    ],
    [{ unit: 'seconds', amount: 20, repeats: 3, sets: 2, sides: 'none' } as const, '6 holds'],
    [{ unit: 'reps', amount: 20, repeats: 1, sets: 1, sides: 'none' } as const, '20 repetitions'],
    [
      { unit: 'reps', amount: 10, repeats: 1, sets: 2, sides: 'each' } as const,
      '2 rounds of 10 repetitions each leg',
    ],
  ])('for a reminder, %o → %s', (dose, words) => {
    expect(shortDosageWords(dose)).toBe(words);
  });

  it.each([
    [1, 'once a day'],
    [2, 'twice a day'],
    [3, '3 times a day'],
  ])('%i a day → %s', (n, words) => {
    expect(timesPerDayWords(n)).toBe(words);
  });

  it.each([
    [range(1, 1), 'once a day'],
    [range(1, 2), 'once or twice a day'],
    [range(2, 3), '2 to 3 times a day'],
    [range(2, 2), 'twice a day'],
  ])('the range %o a day → %s', (r, words) => {
    expect(timesPerDayRangeWords(r)).toBe(words);
  });
});

describe('names', () => {
  it('splits a trailing explanation in brackets off an exercise name, and capitalises', () => {
    expect(
      exerciseTitle(
        'gentle supine hamstring stretch (knee to vertical, then straighten until the first stretch)',
      ),
    ).toEqual({
      title: 'Gentle supine hamstring stretch',
      detail: 'knee to vertical, then straighten until the first stretch',
    });
    expect(exerciseTitle('supine figure-four (piriformis) stretch')).toEqual({
      title: 'Supine figure-four (piriformis) stretch',
    });
    expect(exerciseTitle('single knee-to-chest')).toEqual({ title: 'Single knee-to-chest' });
  });

  it('says "never when" in words, not codes', () => {
    expect(neverWhenWords(kb, ['hamstring-injury'])).toBe('Never when: a recent hamstring injury');
    expect(neverWhenWords(kb, [])).toBeUndefined();
  });

  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('lists %o as %s', (names, words) => {
    expect(listWords(names)).toBe(words);
  });
});

/** Every id of the knowledge base and its codes that is written in kebab case, so could pass for a word. */
function kebabIds(): Set<string> {
  const ids = [
    ...kb.exercises.map((e) => e.id),
    ...kb.contributors.map((c) => c.id),
    ...kb.selfCare.map((s) => s.id),
    ...kb.sources.map((s) => s.id),
    ...kb.topics.map((t) => t.id),
    ...kb.careAdvice.map((a) => a.id),
    ...Object.keys(kb.exclusions),
    ...Object.keys(kb.triage.rules),
    ...QUESTIONS.flatMap((q) => (q.options ?? []).map((o) => o.value)),
    ...START_BACK_Q9_OPTIONS.map((o) => o.value),
  ].filter((id) => id.includes('-'));
  // A few ids are the ordinary hyphenated words of the item's own name ("single knee-to-chest").
  const inNames = kb.exercises.map((e) => e.name.toLowerCase()).join(' ');
  return new Set(ids.filter((id) => !inNames.includes(id)));
}

/** Every prescribed dose an exercise can have at the ends of its ranges, with each times a day. */
function doseEnds(d: Dosage): { dose: PrescribedDose; times: number }[] {
  const ends = (r: Range) => [...new Set([r.min, r.max])];
  return ends(d.range).flatMap((amount) =>
    ends(d.repeats).flatMap((repeats) =>
      ends(d.sets).flatMap((sets) =>
        ends(d.timesPerDay).map((times) => ({
          dose: { unit: d.unit, amount, repeats, sets, sides: d.sides },
          times,
        })),
      ),
    ),
  );
}

/** The reasons the engine gives, from the public vignettes and many generated answers. */
function engineReasons(): string[] {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const vignettes = JSON.parse(
    fs.readFileSync(path.join(here, '..', '..', 'test', 'vignettes', 'public.json'), 'utf8'),
  ) as { answers: unknown }[];
  const inputs = [
    ...vignettes.map((v) => v.answers),
    ...fc.sample(intakeArb, { numRuns: 400, seed: 12 }),
  ];
  const out = new Set<string>();
  for (const input of inputs) {
    const made = assessAndPlan(input, kb);
    if (!made.ok) continue;
    const { assessment, programme } = made.value;
    for (const r of assessment.triage.reasons) out.add(r.text);
    out.add(assessment.triage.advice);
    for (const c of assessment.contributors) for (const e of c.evidence) out.add(e.text);
    for (const s of programme.selfCareDetails) out.add(s.why);
    for (const n of programme.notes) out.add(n);
    for (const i of programme.items) for (const c of i.cautions) out.add(c);
  }
  return [...out];
}

/** Every knowledge-base item through the words module, labelled by what it is. */
type Start = 'continues' | 'starts' | 'verbatim';

function rendered(): [string, string, Start][] {
  const out: [string, string, Start][] = [];
  // Labels that continue a sentence ("Phase: acute …") start in lower case by design.
  const add = (what: string, text: string, at: Start = 'starts') => out.push([what, text, at]);
  for (const ex of kb.exercises) {
    add(`name of ${ex.id}`, exerciseName(kb, ex.id));
    add(`range of ${ex.id}`, dosageRangeWords(ex.dosage));
    for (const { dose, times } of doseEnds(ex.dosage)) {
      add(`dose of ${ex.id}`, dosageWords(dose, times));
      add(`dose of ${ex.id}, no frequency`, dosageWords(dose));
      add(`short dose of ${ex.id}`, shortDosageWords(dose), 'continues');
    }
    if (ex.alternativeDosage)
      add(`other dose of ${ex.id}`, dosageRangeWords(ex.alternativeDosage.dosage));
    const never = neverWhenWords(kb, ex.neverWhen);
    if (never !== undefined) add(`never when of ${ex.id}`, never);
    add(
      `helps with of ${ex.id}`,
      `Helps with: ${listWords(ex.serves.map((c) => contributorName(kb, c)))}`,
    );
  }
  for (const code of Object.keys(kb.exclusions) as (keyof typeof kb.exclusions)[]) {
    add(`exclusion ${code}`, neverWhenWords(kb, [code]) ?? '');
  }
  for (const c of kb.contributors) {
    add(`contributor ${c.id}`, contributorName(kb, c.id));
    add(`evidence of ${c.id}`, evidenceWords(c.evidence.strength), 'continues');
    add(`sources of ${c.id}`, sourceTitles(kb, c.sources).join('; '));
  }
  for (const s of kb.selfCare) add(`self-care ${s.id}`, selfCareName(kb, s.id));
  for (const level of LEVELS) {
    add(`headline ${level}`, LEVEL_HEADLINE[level]);
    add(`name ${level}`, LEVEL_NAME[level]);
    add(`contact heading ${level}`, CONTACT_HEADING[level]);
    add(`check-in heading ${level}`, CHECKIN_ADVICE_HEADING[level]);
    add(`advice ${level}`, kb.triage.levelAdvice[level]);
  }
  for (const gate of GATES) {
    add(`gate ${gate}`, GATE_WORDS[gate], 'continues');
    add(`gate advice ${gate}`, kb.triage.gateAdvice[gate]);
  }
  add('safety net', kb.triage.safetyNet);
  for (const [code, rule] of Object.entries(kb.triage.rules)) add(`rule ${code}`, rule.text);
  for (const [phase, words] of Object.entries(PHASE_WORDS))
    add(`phase ${phase}`, words, 'continues');
  for (const [phase, words] of Object.entries(PHASE_SENTENCE))
    add(`phase sentence ${phase}`, words);
  for (const [phase, words] of Object.entries(PHASE_NAMED)) add(`phase named ${phase}`, words);
  for (const table of [
    LIKELIHOOD_WORDS,
    STRENGTH_WORDS,
    RISK_WORDS,
    LEG_SIDE_WORDS,
    NUMBNESS_WORDS,
    WEAKNESS_WORDS,
    SLR_WORDS,
    TOE_TOUCH_WORDS,
  ]) {
    for (const [key, words] of Object.entries(table)) add(`label ${key}`, words);
  }
  for (const [key, words] of Object.entries(PAIN_AREA_WORDS))
    add(`area ${key}`, words, 'continues');
  for (const s of SECTIONS) add(`section ${s.id}`, s.title);
  for (const q of QUESTIONS) {
    add(`question ${q.field}`, q.text);
    if (q.help !== undefined) add(`help of ${q.field}`, q.help);
    for (const o of q.options ?? []) add(`option ${q.field}=${o.value}`, o.label);
  }
  // The STarT Back statements are the licensed tool's own words, quoted exactly ("leg(s)" included).
  for (const [key, text] of Object.entries(START_BACK_ITEMS))
    add(`STarT Back ${key}`, text, 'verbatim');
  add('Keele notice', KEELE_NOTICE);
  for (const o of START_BACK_Q9_OPTIONS) add(`STarT Back q9=${o.value}`, o.label);
  for (const text of engineReasons()) add('a reason the engine gave', text);
  return out;
}

describe('every knowledge-base item in people’s words', () => {
  const ids = kebabIds();
  const texts = rendered();
  const rawIds = (text: string) =>
    text
      .toLowerCase()
      .split(/[^a-z0-9-]+/)
      .filter((word) => ids.has(word));

  it('would catch an id shown as a word, as the terminal once did', () => {
    expect(rawIds('Never when: hamstring-injury')).toEqual(['hamstring-injury']);
    expect(rawIds('Helps with: postural-strain, glute-bridge')).toEqual([
      'postural-strain',
      'glute-bridge',
    ]);
    expect(rawIds('Single knee-to-chest')).toEqual([]);
  });
  it('covers every exercise, level, rule, contributor, question and exclusion', () => {
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.filter(([w]) => w === 'a reason the engine gave').length).toBeGreaterThan(40);
  });

  it.each(texts)('%s: %s', (_what, text, at) => {
    expect(text.trim()).not.toBe('');
    if (at !== 'verbatim') expect(text).not.toContain('(s)');
    expect(text).not.toMatch(/\bundefined\b|\bNaN\b|\bnull\b|\[object /);
    expect(rawIds(text)).toEqual([]);
    if (at !== 'continues') expect(text).toMatch(/^[A-Z0-9“"‘']/);
  });
});
