// Plain words, measured: every person-facing text of the knowledge base, the questions, the triage advice and
// the screens' own copy is scored with the SMOG formula and must read at grade 8 or below. The test prints
// every text over that, with its id and its hardest sentences.
//
// SMOG counts words of three or more syllables per 30 sentences, so it is a measure of a passage, not of a
// line: a single sentence with one such word already scores 8.8. Each text is therefore scored the way a
// person reads it, as one passage: an exercise (its purpose, steps, cues and mistakes), a contributor, a
// topic, a self-care item, the questions of one step, one screen's copy. Items of a list count as sentences.
// Syllables are counted by `syllable` and the grade computed by `smog-formula` (both by the maintainer of
// the retext and unified tools, small and well kept).
import { smogFormula } from 'smog-formula';
import { syllable } from 'syllable';
import { describe, expect, it } from 'vitest';
import { QUESTIONS, SECTIONS, checkinQuestion } from '../engine/questions.js';
import { TRIAGE_RULES, type Level } from '../engine/triage.js';
import { describePosteriorChain } from '../web/screens/learn-content.js';
import { CONTACT_HEADING, HEADLINE } from '../web/level-words.js';
import {
  EXTRA_HINTS,
  SLR_HOW_TO,
  STEP_INTROS,
  TOE_TOUCH_HOW_TO,
} from '../web/screens/intake-copy.js';
import { HOME_COPY } from '../web/screens/home-copy.js';
import { RESULT_COPY } from '../web/screens/result-copy.js';
import { knowledgeBase as kb } from './index.js';

/** The grade no text may read above. */
const MAX_GRADE = 8;

interface Passage {
  id: string;
  /** The lines of the passage, each read as at least one sentence. */
  lines: readonly string[];
}

/** Sentences of a line: split after a full stop, question or exclamation mark followed by a capital or digit. */
function sentencesOf(line: string): string[] {
  return line.split(/(?<=[.!?])\s+(?=["“(]?[A-Z0-9])/).filter((s) => /[a-z]/i.test(s));
}

function wordsOf(text: string): string[] {
  return text.match(/[A-Za-z][A-Za-z']*/g) ?? [];
}

function longWords(text: string): string[] {
  return wordsOf(text).filter((w) => syllable(w) >= 3);
}

export interface Score {
  grade: number;
  sentences: number;
  long: number;
  hardest: string[];
}

/** The SMOG grade of a passage, with its hardest sentences (most long words first). */
export function score(lines: readonly string[]): Score {
  const sentences = lines.flatMap((l) => {
    const s = sentencesOf(l);
    return s.length > 0 ? s : [l];
  });
  const long = sentences.reduce((n, s) => n + longWords(s).length, 0);
  const hardest = [...sentences]
    .map((s) => ({ s, n: longWords(s).length }))
    .filter((x) => x.n >= 2)
    .sort((a, b) => b.n - a.n)
    .slice(0, 3)
    .map((x) => `(${String(x.n)}) ${x.s}`);
  return {
    grade: smogFormula({ sentence: sentences.length, polysillabicWord: long }),
    sentences: sentences.length,
    long,
    hardest,
  };
}

/** Every person-facing text, as passages with ids. */
function passages(): Passage[] {
  const out: Passage[] = [];
  for (const e of kb.exercises) {
    out.push({
      id: `exercise:${e.id}`,
      lines: [e.name, e.purpose, ...e.steps, ...e.cues, ...e.mistakes],
    });
  }
  for (const c of kb.contributors) {
    out.push({
      id: `contributor:${c.id}`,
      lines: [c.name, c.summary, ...c.mechanism, ...c.typicalSigns, c.evidence.note],
    });
  }
  for (const t of kb.topics) {
    out.push({
      id: `topic:${t.id}`,
      lines: [t.title, t.summary, ...t.body, ...(t.evidenceNote ? [t.evidenceNote] : [])],
    });
  }
  for (const s of kb.selfCare) {
    out.push({ id: `self-care:${s.id}`, lines: [s.name, ...s.steps, s.when, ...s.cautions] });
  }
  for (const a of kb.careAdvice) out.push({ id: `care:${a.id}`, lines: [a.title, ...a.body] });
  out.push({
    id: 'prognosis',
    lines: [kb.prognosis.backPain, kb.prognosis.sciatica, kb.prognosis.persistent],
  });
  out.push({ id: 'rules:stop', lines: kb.stopRules.map((r) => r.text) });
  out.push({ id: 'rules:progression', lines: [kb.progression.text] });
  out.push({
    id: 'programme:self-care-reasons',
    lines: Object.values(kb.selfCareReasons).map((r) => r.text),
  });
  out.push({
    id: 'programme:notes',
    lines: [...Object.values(kb.programme.notes), ...Object.values(kb.programme.cautions)],
  });
  out.push({
    id: 'rules:back-off',
    lines: [
      ...kb.backOff.spreadAdvice,
      ...kb.backOff.newLegSymptomsAdvice,
      kb.backOff.sharperAdvice,
    ],
  });

  // The questions, a step at a time (the STarT Back items are Keele's validated wording and are not ours to change).
  for (const section of SECTIONS) {
    const qs = QUESTIONS.filter((q) => q.section === section.id);
    if (qs.length === 0) continue;
    out.push({
      id: `questions:${section.id}`,
      lines: [
        section.title,
        ...(STEP_INTROS[section.id] ? [STEP_INTROS[section.id] ?? ''] : []),
        ...qs.flatMap((q) => [
          q.text,
          ...(q.help ? [q.help] : []),
          ...(EXTRA_HINTS[q.field] ? [EXTRA_HINTS[q.field] ?? ''] : []),
          ...(q.options ?? []).map((o) => o.label),
        ]),
      ],
    });
  }
  out.push({
    id: 'questions:check-in',
    lines: QUESTIONS.filter((q) => q.warning).map((q) => checkinQuestion(q.field).text),
  });
  out.push({ id: 'questions:self-test-how-to', lines: [...TOE_TOUCH_HOW_TO, ...SLR_HOW_TO] });

  // The triage advice and its reasons, a level at a time.
  for (const level of ['emergency', 'urgent', 'soon', 'self-care'] as const satisfies Level[]) {
    out.push({
      id: `triage:${level}`,
      lines: [
        HEADLINE[level],
        CONTACT_HEADING[level],
        kb.triage.levelAdvice[level],
        ...TRIAGE_RULES.filter((r) => r.level === level).map((r) => kb.triage.rules[r.code].text),
      ],
    });
  }
  out.push({
    id: 'triage:gates',
    lines: [...Object.values(kb.triage.gateAdvice), kb.triage.safetyNet],
  });

  // Why the result points to each contributor: the engine's clues, shown under "Why we think so".
  for (const c of kb.contributors) {
    const clues = Object.values(kb.clues)
      .filter((x) => x.contributor === c.id)
      .map((x) => x.text);
    if (clues.length > 0) out.push({ id: `clues:${c.id}`, lines: clues });
  }

  out.push({ id: 'screen:home', lines: HOME_COPY });
  out.push({ id: 'screen:result', lines: RESULT_COPY });
  out.push({
    id: 'screen:learn-picture',
    lines: [0, 50, 100].map((p) => describePosteriorChain(p).text),
  });
  return out;
}

describe('readability', () => {
  const all = passages();
  const scored = all.map((p) => ({ ...p, ...score(p.lines) }));

  it('covers the whole knowledge base and the screens', () => {
    expect(all.length).toBeGreaterThan(60);
    for (const p of all) expect(p.lines.join(' ').trim(), p.id).not.toBe('');
  });

  it(`reads at SMOG grade ${String(MAX_GRADE)} or below, every text`, () => {
    const over = scored.filter((p) => p.grade > MAX_GRADE);
    const report = over
      .sort((a, b) => b.grade - a.grade)
      .map(
        (p) =>
          `  ${p.grade.toFixed(1)}  ${p.id}  (${String(p.long)} long words in ${String(p.sentences)} sentences)` +
          p.hardest.map((h) => `\n        ${h}`).join(''),
      )
      .join('\n');
    if (over.length > 0) {
      console.log(`Texts over SMOG grade ${String(MAX_GRADE)}:\n${report}`);
    }
    expect(over.map((p) => `${p.id} ${p.grade.toFixed(1)}`)).toEqual([]);
  });

  it('scores a plain passage low and a dense one high, as SMOG should', () => {
    expect(
      score(['Lie on your back. Bend one knee. Hold it for a slow count of ten.']).grade,
    ).toBeLessThan(5);
    expect(
      score([
        'Posterior pelvic tilt diminishes lumbar lordosis, increasing intervertebral compressive loading.',
      ]).grade,
    ).toBeGreaterThan(14);
  });
});
