// Outcome measures an open project may ship, as data: their items in the authors' own words where the authors
// allow it, how each is scored, and the smallest change that matters to a person (with its source). The Oswestry
// Disability Index is licensed, so only a total a clinician enters is recorded, never its text.
import type { Instrument, InstrumentId } from './types.js';

// The instruments' ids and shapes live with the rest of the knowledge base's (`types.ts`).
export { INSTRUMENT_IDS } from './types.js';
export type {
  ChecklistInstrument,
  EnteredTotalInstrument,
  Instrument,
  InstrumentId,
  MinimalImportantChange,
  PatientSpecificInstrument,
  RatedItemsInstrument,
  SingleRatingInstrument,
} from './types.js';

const BOTHER_SCALE = [
  { value: 0, label: 'Not at all bothersome' },
  { value: 1, label: 'Hardly bothersome' },
  { value: 2, label: 'Slightly bothersome' },
  { value: 3, label: 'Somewhat bothersome' },
  { value: 4, label: 'Moderately bothersome' },
  { value: 5, label: 'Very bothersome' },
  { value: 6, label: 'Extremely bothersome' },
] as const;

export const instruments: readonly Instrument[] = [
  {
    id: 'pain-nrs',
    kind: 'single-rating',
    name: 'Pain now, 0 to 10',
    purpose: 'How strong the pain is right now.',
    question: 'How bad is the pain right now, from 0 (none) to 10 (the worst imaginable)?',
    scale: Array.from({ length: 11 }, (_, value) => ({ value, label: String(value) })),
    range: { min: 0, max: 10 },
    higherIsWorse: true,
    minimalImportantChange: {
      points: 2,
      fraction: 0.3,
      note: 'Two points or 30% of the starting score (Ostelo and others, 2008, consensus for back pain).',
    },
    loinc: {
      code: '72514-3',
      display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
    },
    citation: 'Numeric rating scale for pain intensity.',
    licence: 'Free to use.',
  },
  {
    id: 'rmdq',
    kind: 'checklist',
    name: 'Roland-Morris Disability Questionnaire',
    purpose: 'How much back pain limits everyday physical activities today.',
    instructions:
      'When your back hurts, you may find it difficult to do some of the things you normally do. Tick only the sentences that describe you today.',
    // The authors' original English wording, reproduced as they allow.
    items: [
      'I stay at home most of the time because of my back.',
      'I change position frequently to try and get my back comfortable.',
      'I walk more slowly than usual because of my back.',
      'Because of my back I am not doing any of the jobs that I usually do around the house.',
      'Because of my back, I use a handrail to get upstairs.',
      'Because of my back, I lie down to rest more often.',
      'Because of my back, I have to hold on to something to get out of an easy chair.',
      'Because of my back, I try to get other people to do things for me.',
      'I get dressed more slowly than usual because of my back.',
      'I only stand for short periods of time because of my back.',
      'Because of my back, I try not to bend or kneel down.',
      'I find it difficult to get out of a chair because of my back.',
      'My back is painful almost all the time.',
      'I find it difficult to turn over in bed because of my back.',
      'My appetite is not very good because of my back pain.',
      'I have trouble putting on my socks (or stockings) because of the pain in my back.',
      'I only walk short distances because of my back.',
      'I sleep less well because of my back.',
      'Because of my back pain, I get dressed with help from someone else.',
      'I sit down for most of the day because of my back.',
      'I avoid heavy jobs around the house because of my back.',
      'Because of my back pain, I am more irritable and bad tempered with people than usual.',
      'Because of my back, I go upstairs more slowly than usual.',
      'I stay in bed most of the time because of my back.',
    ],
    range: { min: 0, max: 24 },
    higherIsWorse: true,
    minimalImportantChange: {
      points: 5,
      fraction: 0.3,
      note: 'Five points or 30% of the starting score (Ostelo and others, 2008, consensus for back pain).',
    },
    citation:
      'Roland M, Morris R. A study of the natural history of back pain. Part 1: development of a reliable and sensitive measure of disability in low-back pain. Spine 1983;8:141-144.',
    licence:
      'The original English version may be used without permission, in the form the authors published.',
  },
  {
    id: 'psfs',
    kind: 'patient-specific',
    name: 'Patient-Specific Functional Scale',
    purpose: 'How well the person can do the activities that matter most to them.',
    instructions:
      'Name up to five important activities that you are unable to do, or have difficulty doing, because of your back or leg. For each, rate how able you are today, from 0 (unable to do it) to 10 (able to do it as well as before the problem).',
    maxActivities: 5,
    range: { min: 0, max: 10 },
    higherIsWorse: false,
    minimalImportantChange: {
      points: 2,
      note: 'Two points for the average of the activities (Stratford and others, 1995; later studies give 2 to 3).',
    },
    citation:
      'Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and change on individual patients: a report of a patient specific measure. Physiotherapy Canada 1995;47:258-263.',
    licence: 'Free to use.',
  },
  {
    id: 'sciatica-bothersomeness',
    kind: 'rated-items',
    name: 'Sciatica Bothersomeness Index',
    purpose: 'How bothersome the leg symptoms of sciatica have been over the last week.',
    instructions: 'During the last week, how bothersome have each of these symptoms been?',
    items: [
      'Leg pain',
      'Numbness or tingling in the leg, foot or groin',
      'Weakness in the leg or foot',
      'Back or leg pain while sitting',
    ],
    scale: BOTHER_SCALE,
    range: { min: 0, max: 24 },
    higherIsWorse: true,
    minimalImportantChange: null,
    citation:
      'Patrick DL, Deyo RA, Atlas SJ, and others. Assessing health-related quality of life in patients with sciatica. Spine 1995;20:1899-1908.',
    licence: 'Free to use.',
  },
  {
    id: 'global-rating-of-change',
    kind: 'single-rating',
    name: 'Global rating of change',
    purpose: 'How the person rates their back and leg overall compared with when they started.',
    question:
      'Compared with when you started the programme, how would you describe your back and leg now?',
    scale: [
      { value: 3, label: 'Completely recovered' },
      { value: 2, label: 'Much improved' },
      { value: 1, label: 'Slightly improved' },
      { value: 0, label: 'No change' },
      { value: -1, label: 'Slightly worse' },
      { value: -2, label: 'Much worse' },
      { value: -3, label: 'Worse than ever' },
    ],
    range: { min: -3, max: 3 },
    higherIsWorse: false,
    minimalImportantChange: {
      points: 2,
      note: '"Much improved" or better is the usual threshold for an important improvement (Kamper and others, 2009).',
    },
    citation:
      'Kamper SJ, Maher CG, Mackay G. Global rating of change scales: a review of strengths and weaknesses. J Man Manip Ther 2009;17:163-170.',
    licence: 'Free to use.',
  },
  {
    id: 'oswestry-total',
    kind: 'entered-total',
    name: 'Oswestry Disability Index (total entered by a clinician)',
    purpose: 'Back-pain disability as a percentage, from the licensed Oswestry Disability Index.',
    range: { min: 0, max: 100 },
    higherIsWorse: true,
    minimalImportantChange: {
      points: 10,
      fraction: 0.3,
      note: 'Ten points or 30% of the starting score (Ostelo and others, 2008, consensus for back pain).',
    },
    citation: 'Fairbank JCT, Pynsent PB. The Oswestry Disability Index. Spine 2000;25:2940-2952.',
    licence:
      'Licensed by its owners: Backchain records only the total a clinician enters and never shows the questionnaire.',
  },
];

/** The instruments by id, as the knowledge base carries them (`kb.instruments`). */
export const instrumentsById = Object.fromEntries(instruments.map((i) => [i.id, i])) as Readonly<
  Record<InstrumentId, Instrument>
>;

/** One instrument of this file's list, for tests and data checks; code reads `kb.instruments`. */
export function instrumentById(id: InstrumentId): Instrument {
  return instrumentsById[id];
}
