// The interview flow with a scripted terminal: warning signs first, deliberate answers, a stop on every
// emergency or urgent rule the moment it is certain, and the leg side asked only about a leg.
import { describe, expect, it } from 'vitest';
import { LEG_SIDES } from '../engine/intake-values.js';
import { LEG_AREAS, derive, parseIntake, type IntakeField } from '../engine/intake.js';
import { QUESTIONS } from '../engine/questions.js';
import { START_BACK_ITEMS } from '../engine/start-back.js';
import { knowledgeBase as kb } from '../kb/index.js';
import { WARNING_RULES, isMoreUrgent, type TriageRule } from '../engine/triage.js';
import { ANSWER_DOMAINS, isCertain } from '../engine/warning-now.js';
import { interview, type Asker } from './interview.js';

type Script = Record<string, unknown>;
type Kind = 'yesNo' | 'choice' | 'multi' | 'number';
/** One question put to the fake terminal: which field, through which prompt, and everything it was given. */
interface Call {
  kind: Kind;
  field: string | undefined;
  request: Record<string, unknown>;
}

/** The least alarming answers; every other field is answered no, or with its "none" option. */
const HARMLESS: Script = {
  version: 1,
  age: 40,
  durationDays: 3,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
};

const fieldOf = (text: string) => QUESTIONS.find((q) => q.text === text)?.field;
const hasLegArea = (areas: unknown) =>
  Array.isArray(areas) && areas.some((a: unknown) => LEG_AREAS.some((leg) => leg === a));

/** Answers each question from the script, by field; records every call and the answer it gave. */
function scripted(script: Script) {
  const calls: Call[] = [];
  const given: [string, unknown][] = [];
  const record = (kind: Kind, request: { text: string }) => {
    const field = fieldOf(request.text);
    calls.push({ kind, field, request: { ...request } });
    return field !== undefined && field in script ? script[field] : undefined;
  };
  const answered = <T>(field: string | undefined, value: T): Promise<T> => {
    if (field !== undefined) given.push([field, value]);
    return Promise.resolve(value);
  };
  const asker: Asker = {
    section: () => undefined,
    note: () => undefined,
    yesNo: (q) => {
      const a = record('yesNo', q);
      return answered(fieldOf(q.text), typeof a === 'boolean' ? a : false);
    },
    choice: (q) => {
      const a = record('choice', q);
      const values = q.options.map((o) => o.value);
      if (a !== undefined && !values.includes(a as string)) {
        throw new Error(
          `${JSON.stringify(a)} is not offered for "${q.text}" (${values.join(', ')})`,
        );
      }
      const fallback = values.includes('none') ? 'none' : values[0];
      return answered(fieldOf(q.text), (a as string | undefined) ?? fallback);
    },
    multi: (q) => {
      const a = record('multi', q);
      return answered(fieldOf(q.text), (a as string[] | undefined) ?? [q.options[0]?.value ?? '']);
    },
    number: (q) => {
      const a = record('number', q);
      return answered(fieldOf(q.text), (a as number | undefined) ?? null);
    },
  };
  return { asker, calls, given };
}

/** Every combination of the answers a rule reads, over the engine's answer domains. */
function combinations(fields: readonly IntakeField[]): Script[] {
  return fields.reduce<Script[]>(
    (all, field) => {
      const domain = ANSWER_DOMAINS[field];
      if (!domain) throw new Error(`no answer domain for ${field}`);
      return all.flatMap((a) => domain.map((v) => ({ ...a, [field]: v })));
    },
    [{}],
  );
}

/**
 * Scripts that make the rule fire: its fields set from their domains, everything else harmless, kept only
 * when the interview can give those answers (a leg side needs a leg area; worsening needs a weak leg).
 */
function firingScripts(rule: TriageRule): Script[] {
  return combinations(rule.reads).flatMap((combination) => {
    const script: Script = { ...HARMLESS, ...combination };
    if (script.legSide !== 'none' && !hasLegArea(script.painAreas)) {
      script.painAreas = [...(script.painAreas as string[]), 'buttock'];
    }
    if (script.legSide === 'none' && hasLegArea(script.painAreas)) return [];
    if (script.legWeakness === undefined || script.legWeakness === 'none') {
      if (script.weaknessWorsening === true) return [];
    }
    const parsed = parseIntake(script);
    if (!parsed.ok) return [];
    return rule.fires(parsed.value, derive(parsed.value)) ? [script] : [];
  });
}

/** The first question, in the order asked, after which the rule is certain from the answers up to it. */
function certainAfter(rule: TriageRule, answers: Script): string | undefined {
  const known: Script = { version: 1 };
  for (const q of QUESTIONS) {
    if (q.field in answers) known[q.field] = answers[q.field];
    if (isCertain(rule, known)) return q.field;
  }
  return undefined;
}

const STOP_TABLE = WARNING_RULES.map((rule) => ({
  code: rule.code,
  rule,
  scripts: firingScripts(rule),
}));

describe('interview: a stop on every emergency and urgent rule', () => {
  it('has at least one script that fires each rule in WARNING_RULES', () => {
    expect(STOP_TABLE.map((row) => row.code)).toEqual(WARNING_RULES.map((r) => r.code));
    for (const row of STOP_TABLE)
      expect([row.code, row.scripts.length > 0]).toEqual([row.code, true]);
  });

  it.each(STOP_TABLE)(
    '$code: stops with it, right after the answer that makes it certain',
    async ({ code, rule, scripts }) => {
      // Of the scripts that fire the rule, the one that stops with it after the fewest questions.
      let best:
        | {
            script: Script;
            run: ReturnType<typeof scripted>;
            out: Awaited<ReturnType<typeof interview>>;
          }
        | undefined;
      for (const script of scripts) {
        const run = scripted(script);
        const out = await interview(run.asker, kb);
        if (out.kind !== 'stop' || !out.warning.reasons.some((r) => r.code === code)) continue;
        if (!best || run.calls.length < best.run.calls.length) best = { script, run, out };
      }
      expect(best, `no script stopped the interview with ${code}`).toBeDefined();
      if (!best || best.out.kind !== 'stop') return;
      const { run, out } = best;
      // The level shown is this rule's, or a higher one certain at the same answer.
      expect(isMoreUrgent(rule.level, out.warning.level)).toBe(false);
      // Nothing was asked after the answer that made the rule certain.
      expect(run.calls.at(-1)?.field).toBe(certainAfter(rule, out.answers));
      // The answers hold only what was given, and the two implied ones; no unanswered sign is defaulted.
      const givenFields = run.given.map(([field]) => field);
      const implied = Object.keys(out.answers).filter(
        (k) => k !== 'version' && !givenFields.includes(k),
      );
      for (const k of implied) {
        expect([k, out.answers[k]]).toSatisfy(
          ([field, value]: [string, unknown]) =>
            (field === 'weaknessWorsening' &&
              value === false &&
              out.answers.legWeakness === 'none') ||
            (field === 'legSide' && value === 'none' && !hasLegArea(out.answers.painAreas)),
        );
      }
      expect(Object.fromEntries(run.given)).toEqual(
        Object.fromEntries(givenFields.map((f) => [f, out.answers[f]])),
      );
    },
  );

  it('stops at a bladder change, asks nothing after it, and fills in no unanswered warning sign', async () => {
    const { asker, calls } = scripted({ ...HARMLESS, bladderChange: true });
    const out = await interview(asker, kb);
    if (out.kind !== 'stop') throw new Error(out.kind);
    expect(calls.map((c) => c.field)).toEqual(['saddleNumbness', 'bladderChange']);
    expect(out.answers).toEqual({ version: 1, saddleNumbness: false, bladderChange: true });
    expect(out.warning.level).toBe('emergency');
    expect(out.warning.reasons.map((r) => r.code)).toEqual(['cauda-equina-bladder']);
  });

  it('stops on an urgent rule outside the warning-signs section (pain of 8)', async () => {
    const { asker, calls } = scripted({ ...HARMLESS, painNow: 8 });
    const out = await interview(asker, kb);
    if (out.kind !== 'stop') throw new Error(out.kind);
    expect(out.warning.level).toBe('urgent');
    expect(out.warning.reasons.map((r) => r.code)).toEqual(['severe-pain']);
    expect(calls.at(-1)?.field).toBe('painNow');
    expect(out.answers).not.toHaveProperty('painAreas');
  });

  it('does not stop on a mild weak leg until it is known whether it is getting worse', async () => {
    const { asker, calls } = scripted({
      ...HARMLESS,
      legWeakness: 'mild',
      weaknessWorsening: true,
    });
    const out = await interview(asker, kb);
    if (out.kind !== 'stop') throw new Error(out.kind);
    expect(calls.at(-1)?.field).toBe('weaknessWorsening');
    expect(out.warning.reasons.map((r) => r.code)).toEqual(['progressive-weakness']);
  });
});

describe('interview: warning signs are never defaulted', () => {
  /** Answers that reach every question, including worsening weakness and the leg side, without a stop. */
  const EVERYTHING: Script = {
    ...HARMLESS,
    painAreas: ['lower-back', 'buttock'],
    legSide: 'left',
    legWeakness: 'mild',
    weaknessWorsening: false,
  };

  it('asks every warning sign first, and every one of them', async () => {
    const { asker, calls } = scripted(EVERYTHING);
    const out = await interview(asker, kb);
    expect(out.kind).toBe('answers');
    const warningSigns = QUESTIONS.filter((q) => q.section === 'warning-signs').map((q) => q.field);
    expect(calls.slice(0, warningSigns.length).map((c) => c.field)).toEqual(warningSigns);
    const warningFields = QUESTIONS.filter((q) => q.warning).map((q) => q.field);
    expect(warningFields.filter((f) => !calls.some((c) => c.field === f))).toEqual([]);
  });

  it('marks every warning question explicit and gives the terminal no default for it', async () => {
    const { asker, calls } = scripted(EVERYTHING);
    await interview(asker, kb);
    const warning = calls.filter((c) => QUESTIONS.find((q) => q.field === c.field)?.warning);
    expect(warning.map((c) => c.kind)).toEqual(
      expect.arrayContaining(['yesNo', 'choice', 'number']),
    );
    for (const c of warning) {
      if (c.kind !== 'number') expect([c.field, c.request.explicit]).toEqual([c.field, true]);
      const defaults = Object.keys(c.request).filter((k) => /initial|default|selected/i.test(k));
      expect([c.field, defaults]).toEqual([c.field, []]);
    }
  });

  it('keeps the other questions convenient (not explicit)', async () => {
    const { asker, calls } = scripted(EVERYTHING);
    await interview(asker, kb);
    const others = calls.filter(
      (c) => c.kind !== 'number' && !QUESTIONS.find((q) => q.field === c.field)?.warning,
    );
    expect(others.length).toBeGreaterThan(0);
    for (const c of others) expect([c.field, c.request.explicit]).toEqual([c.field, false]);
  });

  it('produces answers the engine accepts', async () => {
    const { asker } = scripted(EVERYTHING);
    const out = await interview(asker, kb);
    if (out.kind !== 'answers') throw new Error(out.kind);
    const parsed = parseIntake(out.answers);
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.message)).toEqual([]);
  });
});

describe('interview: the side of the leg symptoms', () => {
  it('is not asked when only the lower back hurts, and is then none', async () => {
    const { asker, calls } = scripted({ ...HARMLESS, painAreas: ['lower-back'] });
    const out = await interview(asker, kb);
    if (out.kind !== 'answers') throw new Error(out.kind);
    expect(calls.map((c) => c.field)).not.toContain('legSide');
    expect(out.answers.legSide).toBe('none');
    expect(parseIntake(out.answers).ok).toBe(true);
  });

  it.each(LEG_AREAS)(
    'is asked after %s, offering left, right or both and never none',
    async (area) => {
      const { asker, calls } = scripted({
        ...HARMLESS,
        painAreas: ['lower-back', area],
        legSide: 'right',
      });
      const out = await interview(asker, kb);
      if (out.kind !== 'answers') throw new Error(out.kind);
      const asked = calls.filter((c) => c.field === 'legSide');
      expect(asked).toHaveLength(1);
      const options = asked[0]?.request.options as { value: string }[];
      expect(options.map((o) => o.value)).toEqual(LEG_SIDES.filter((s) => s !== 'none'));
      expect(asked[0]?.request.explicit).toBe(true);
      expect(out.answers.legSide).toBe('right');
    },
  );
});

describe('interview: STarT Back question 9', () => {
  it('offers the tool’s own labels, the same as the web app and the FHIR Questionnaire', async () => {
    const { asker, calls } = scripted(HARMLESS);
    // Agree to the optional questions; everything else is answered as scripted.
    const out = await interview(
      {
        ...asker,
        yesNo: (q) =>
          q.text.startsWith('Would you answer nine more') ? Promise.resolve(true) : asker.yesNo(q),
      },
      kb,
    );
    if (out.kind !== 'answers') throw new Error(out.kind);
    const q9 = calls.find((c) => c.kind === 'choice' && c.request.text === START_BACK_ITEMS.q9);
    expect(q9?.request.options).toEqual([
      { value: 'not-at-all', label: 'Not at all' },
      { value: 'slightly', label: 'Slightly' },
      { value: 'moderately', label: 'Moderately' },
      { value: 'very-much', label: 'Very much' },
      { value: 'extremely', label: 'Extremely' },
    ]);
    expect(parseIntake(out.answers).ok).toBe(true);
  });
});
