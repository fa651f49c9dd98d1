// The interview flow with a scripted terminal: warning signs first, explicit answers, early stop on an emergency.
import { describe, expect, it } from 'vitest';
import { parseIntake } from '../engine/intake.js';
import { QUESTIONS } from '../engine/questions.js';
import { interview, type Asker } from './interview.js';

/** Answers each question from a table keyed by its text; records what was asked and how. */
function scripted(answersByField: Record<string, unknown>) {
  const asked: { text: string; explicit?: boolean }[] = [];
  const fieldOf = (text: string) => QUESTIONS.find((q) => q.text === text)?.field;
  const answer = (text: string) => {
    const field = fieldOf(text);
    return field !== undefined && field in answersByField ? answersByField[field] : undefined;
  };
  const asker: Asker = {
    section: () => undefined,
    note: () => undefined,
    yesNo: ({ text, explicit }) => {
      asked.push({ text, explicit });
      const a = answer(text);
      return Promise.resolve(typeof a === 'boolean' ? a : false);
    },
    choice: ({ text, options }) => {
      asked.push({ text });
      return Promise.resolve((answer(text) as string | undefined) ?? options[0]?.value);
    },
    multi: ({ text, options }) => {
      asked.push({ text });
      return Promise.resolve((answer(text) as string[] | undefined) ?? [options[0]?.value ?? '']);
    },
    number: ({ text }) => {
      asked.push({ text });
      return Promise.resolve((answer(text) as number | undefined) ?? null);
    },
  };
  return { asker, asked };
}

describe('interview', () => {
  it('asks every warning sign first, each as an explicit yes or no', async () => {
    const { asker, asked } = scripted({ age: 40, durationDays: 3, painNow: 4, legSide: 'none' });
    const out = await interview(asker);
    expect(out.kind).toBe('answers');
    const warningTexts = QUESTIONS.filter((q) => q.section === 'warning-signs').map((q) => q.text);
    const firstAsked = asked.slice(0, warningTexts.length - 1).map((a) => a.text);
    expect(warningTexts).toEqual(expect.arrayContaining(firstAsked));
    for (const a of asked.filter(
      (x) => warningTexts.includes(x.text) && x.explicit !== undefined,
    )) {
      expect(a.explicit).toBe(true);
    }
  });

  it('produces answers the engine accepts', async () => {
    const { asker } = scripted({
      age: 40,
      durationDays: 3,
      painNow: 4,
      legSide: 'left',
      painAreas: ['buttock'],
    });
    const out = await interview(asker);
    if (out.kind !== 'answers') throw new Error(out.kind);
    const parsed = parseIntake(out.answers);
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.message)).toEqual([]);
  });

  it('stops after the warning signs when one needs the emergency department', async () => {
    const { asker, asked } = scripted({ bladderChange: true });
    const out = await interview(asker);
    expect(out.kind).toBe('emergency');
    // Bladder change is the second question: nothing after it is asked.
    expect(asked.map((a) => a.text)).toEqual(
      QUESTIONS.filter((q) => q.field === 'saddleNumbness' || q.field === 'bladderChange').map(
        (q) => q.text,
      ),
    );
  });
});
