// Scoring the outcome measures as their authors specify, and whether a change between two scores is big
// enough to matter to a person. Pure: answers in, a score or typed problems out.
import { z } from 'zod';
import type { Instrument, InstrumentId, KnowledgeBase } from '../kb/types.js';
import { problemsFromZod, type Result } from './problems.js';

const rating = (min: number, max: number) => z.int().min(min).max(max);

/** The answers each instrument takes, one schema each. */
export const outcomeAnswersSchema = z.discriminatedUnion('instrument', [
  z.strictObject({ instrument: z.literal('pain-nrs'), value: rating(0, 10) }),
  z.strictObject({
    instrument: z.literal('rmdq'),
    /** One answer per statement, in order: true when the person ticked it as describing them today. */
    ticked: z.array(z.boolean()).length(24),
  }),
  z.strictObject({
    instrument: z.literal('psfs'),
    activities: z
      .array(z.strictObject({ activity: z.string().trim().min(1).max(120), score: rating(0, 10) }))
      .min(1)
      .max(5),
  }),
  z.strictObject({
    instrument: z.literal('sciatica-bothersomeness'),
    ratings: z.array(rating(0, 6)).length(4),
  }),
  z.strictObject({ instrument: z.literal('global-rating-of-change'), value: rating(-3, 3) }),
  z.strictObject({ instrument: z.literal('oswestry-total'), total: rating(0, 100) }),
]);
export type OutcomeAnswers = z.infer<typeof outcomeAnswersSchema>;

export interface OutcomeScore {
  instrument: InstrumentId;
  score: number;
  /** The score's possible range, for charts. */
  range: { min: number; max: number };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Scores a set of answers with the instruments of the knowledge base given; never throws. */
export function scoreOutcome(
  input: unknown,
  kb: Pick<KnowledgeBase, 'instruments'>,
): Result<OutcomeScore> {
  const parsed = outcomeAnswersSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: problemsFromZod(parsed.error.issues, input) };
  }
  const a = parsed.data;
  const score = ((): number => {
    switch (a.instrument) {
      case 'pain-nrs':
      case 'global-rating-of-change':
        return a.value;
      case 'rmdq':
        // The number of statements ticked (Roland and Morris, 1983).
        return a.ticked.filter(Boolean).length;
      case 'psfs':
        // The mean of the activities' scores (Stratford and others, 1995).
        return round1(a.activities.reduce((sum, x) => sum + x.score, 0) / a.activities.length);
      case 'sciatica-bothersomeness':
        return a.ratings.reduce((sum, x) => sum + x, 0);
      case 'oswestry-total':
        return a.total;
    }
  })();
  return {
    ok: true,
    value: { instrument: a.instrument, score, range: kb.instruments[a.instrument].range },
  };
}

export interface OutcomeChange {
  /** Latest minus start, in the instrument's points. */
  change: number;
  /** The change is at least the instrument's minimal important change; null when it has none. */
  important: boolean | null;
  /** Better or worse for the person, whichever way the instrument runs; null without a change. */
  direction: 'better' | 'worse' | null;
}

/**
 * The change from a starting score to the latest, and whether it reaches the minimal important change
 * (in points, or as a share of the start where the authors give one). The global rating of change is
 * itself a change: "much improved" or better is important.
 */
export function outcomeChange(
  instrument: Instrument,
  start: number,
  latest: number,
): OutcomeChange {
  const mic = instrument.minimalImportantChange;
  if (instrument.id === 'global-rating-of-change') {
    return {
      change: latest,
      important: mic ? Math.abs(latest) >= mic.points : null,
      direction: latest > 0 ? 'better' : latest < 0 ? 'worse' : null,
    };
  }
  const change = round1(latest - start);
  const direction =
    change === 0 ? null : change < 0 === instrument.higherIsWorse ? 'better' : 'worse';
  if (!mic) return { change, important: null, direction };
  const size = Math.abs(change);
  const byFraction =
    mic.fraction !== undefined && start !== 0 && size >= Math.abs(start) * mic.fraction - 1e-9;
  return { change, important: size >= mic.points || byFraction, direction };
}
