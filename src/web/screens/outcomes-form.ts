// An outcome questionnaire as the screen holds it while the person fills it in, and the answers it sends
// (the engine's `OutcomeAnswers`), or what is missing in plain words. Nothing is ever assumed: an
// unanswered rating stays unanswered.
import type { OutcomeAnswers } from '../../engine/outcomes.js';
import type { InstrumentId } from '../../kb/instruments.js';
import { knowledgeBase } from '../kb.js';

/** The instruments a person fills in themselves (the Oswestry total is a clinician's to enter). */
export const PERSON_INSTRUMENTS = [
  'pain-nrs',
  'rmdq',
  'psfs',
  'sciatica-bothersomeness',
  'global-rating-of-change',
] as const satisfies readonly InstrumentId[];
export type PersonInstrumentId = (typeof PERSON_INSTRUMENTS)[number];

/** What each questionnaire is about, said to the person filling it in (the catalogue's words are a clinician's). */
export const PERSON_PURPOSE: Record<PersonInstrumentId, string> = {
  'pain-nrs': 'How strong your pain is right now.',
  rmdq: 'How much your back limits everyday activities today.',
  psfs: 'How well you can do the activities that matter most to you.',
  'sciatica-bothersomeness': 'How much your leg symptoms have bothered you in the last week.',
  'global-rating-of-change': 'How your back and leg are now, compared with when you started.',
};

export function isPersonInstrument(id: string): id is PersonInstrumentId {
  return (PERSON_INSTRUMENTS as readonly string[]).includes(id);
}

export interface PsfsRow {
  activity: string;
  score: number | null;
}

export type OutcomeForm =
  | { instrument: 'pain-nrs'; value: number | null }
  | { instrument: 'rmdq'; ticked: boolean[] }
  | { instrument: 'psfs'; activities: PsfsRow[] }
  | { instrument: 'sciatica-bothersomeness'; ratings: (number | null)[] }
  | { instrument: 'global-rating-of-change'; value: number | null };

export const RMDQ_ITEMS = 24;
export const SBI_ITEMS = 4;
export const PSFS_MAX = 5;

/** The sciatica index's symptoms, lower-cased to sit inside a sentence ("leg pain"). */
const SBI_NAMES = ((): string[] => {
  const ins = knowledgeBase.instruments['sciatica-bothersomeness'];
  return ins.kind === 'rated-items'
    ? ins.items.map((t) => t.charAt(0).toLowerCase() + t.slice(1))
    : [];
})();
export const ACTIVITY_MAX_LENGTH = 120;

/** A blank form: nothing ticked, rated or named yet. */
export function emptyForm(instrument: PersonInstrumentId): OutcomeForm {
  switch (instrument) {
    case 'pain-nrs':
    case 'global-rating-of-change':
      return { instrument, value: null };
    case 'rmdq':
      return { instrument, ticked: Array.from({ length: RMDQ_ITEMS }, () => false) };
    case 'psfs':
      return { instrument, activities: [{ activity: '', score: null }] };
    case 'sciatica-bothersomeness':
      return { instrument, ratings: Array.from({ length: SBI_ITEMS }, () => null) };
  }
}

/** What is missing, with the id of the field to move to. */
export interface FormProblem {
  field: string;
  message: string;
}

export type FormResult =
  { ok: true; answers: OutcomeAnswers } | { ok: false; problems: FormProblem[] };

/**
 * The answers to send, or every problem at once. For the Roland-Morris questionnaire no tick is an
 * answer (none of the sentences describes you today); every other rating must be chosen.
 */
export function answersFrom(form: OutcomeForm): FormResult {
  switch (form.instrument) {
    case 'pain-nrs':
      return form.value === null
        ? fail('pain', 'Choose a number from 0 to 10 for your pain right now.')
        : { ok: true, answers: { instrument: 'pain-nrs', value: form.value } };
    case 'global-rating-of-change':
      return form.value === null
        ? fail('grc', 'Choose the answer that describes your back and leg now.')
        : { ok: true, answers: { instrument: 'global-rating-of-change', value: form.value } };
    case 'rmdq':
      return {
        ok: true,
        answers: {
          instrument: 'rmdq',
          ticked: Array.from({ length: RMDQ_ITEMS }, (_, i) => form.ticked[i] === true),
        },
      };
    case 'sciatica-bothersomeness': {
      const problems = form.ratings.flatMap((r, i) =>
        r === null
          ? [
              {
                field: `sbi-${String(i)}`,
                message: `Choose how bothersome ${SBI_NAMES[i] ?? `symptom ${String(i + 1)}`} has been.`,
              },
            ]
          : [],
      );
      if (problems.length > 0) return { ok: false, problems };
      return {
        ok: true,
        answers: {
          instrument: 'sciatica-bothersomeness',
          ratings: form.ratings.map((r) => r ?? 0),
        },
      };
    }
    case 'psfs': {
      const problems: FormProblem[] = [];
      const activities: { activity: string; score: number }[] = [];
      form.activities.forEach((row, i) => {
        const activity = row.activity.trim();
        const n = String(i + 1);
        // A row left wholly blank is simply not used.
        if (activity === '' && row.score === null) return;
        if (activity === '') {
          problems.push({ field: `psfs-activity-${String(i)}`, message: `Name activity ${n}.` });
        } else if (activity.length > ACTIVITY_MAX_LENGTH) {
          problems.push({
            field: `psfs-activity-${String(i)}`,
            message: `Activity ${n} is too long: use at most ${String(ACTIVITY_MAX_LENGTH)} characters.`,
          });
        }
        if (row.score === null) {
          problems.push({
            field: `psfs-score-${String(i)}`,
            message: `Choose how able you are to do activity ${n}, from 0 to 10.`,
          });
        }
        if (activity !== '' && row.score !== null) activities.push({ activity, score: row.score });
      });
      if (problems.length > 0) return { ok: false, problems };
      if (activities.length === 0) {
        return fail('psfs-activity-0', 'Name at least one activity and rate it.');
      }
      return {
        ok: true,
        answers: { instrument: 'psfs', activities: activities.slice(0, PSFS_MAX) },
      };
    }
  }
}

const fail = (field: string, message: string): FormResult => ({
  ok: false,
  problems: [{ field, message }],
});
