// Outcome measures in FHIR: a Questionnaire per instrument (the authors' items where they allow it; only a total for
// the licensed Oswestry index), a QuestionnaireResponse per answered measure, and an Observation of its total score.
import type { OutcomeAnswers } from '../engine/outcomes.js';
import type { Instrument, InstrumentId, KnowledgeBase } from '../kb/types.js';
import type { OutcomeRecord } from '../store/types.js';
import {
  CATEGORY_SURVEY,
  EXTENSION_URL,
  IDENTIFIER_SYSTEM,
  OUTCOME_QUESTIONNAIRE_VERSION,
  outcomeAnswerSystem,
  outcomeCoding,
  outcomeQuestionnaireCanonical,
  outcomeQuestionnaireUrl,
  SYSTEM,
} from './codes.js';
import { fhirId } from './common.js';
import type {
  Coding,
  Extension,
  Observation,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Reference,
} from './types.js';

/** The only wording the export gives the licensed Oswestry Disability Index: the name of its total. */
export const OSWESTRY_TOTAL_TEXT = 'Oswestry Disability Index total (entered by clinician)';

/** The linkIds of an instrument's items; a response's answers sit under the same ids. */
export const OUTCOME_LINK = {
  instructions: 'instructions',
  /** The one answer of a single rating (pain, global rating of change). */
  rating: 'rating',
  /** The n-th statement or item, from 1. */
  item: (n: number) => `item-${String(n)}`,
  activity: 'activity',
  activityName: 'activity.name',
  activityScore: 'activity.score',
  total: 'total',
} as const;

type Scale = readonly { value: number; label: string }[];

/** A scale answer as a coding: the score is its code, the label its display, the score again as its ordinal value. */
export function scaleCoding(instrument: InstrumentId, value: number, scale: Scale): Coding {
  return {
    extension: [{ url: EXTENSION_URL.ordinalValue, valueDecimal: value }],
    system: outcomeAnswerSystem(instrument),
    code: String(value),
    display: scale.find((s) => s.value === value)?.label ?? String(value),
  };
}

const bounds = (min: number, max: number): Extension[] => [
  { url: EXTENSION_URL.minValue, valueInteger: min },
  { url: EXTENSION_URL.maxValue, valueInteger: max },
];

/** A scale is read as plain numbers when every label is just its number (the 0 to 10 pain rating). */
const numericScale = (scale: Scale) => scale.every((s) => s.label === String(s.value));

function choiceItem(instrument: InstrumentId, linkId: string, text: string, scale: Scale) {
  return {
    linkId,
    text,
    type: 'choice',
    required: true,
    answerOption: scale.map((s) => ({ valueCoding: scaleCoding(instrument, s.value, scale) })),
  } satisfies QuestionnaireItem;
}

function instrumentItems(i: Instrument): QuestionnaireItem[] {
  const instructions = (text: string): QuestionnaireItem => ({
    linkId: OUTCOME_LINK.instructions,
    type: 'display',
    text,
  });
  switch (i.kind) {
    case 'checklist':
      return [
        instructions(i.instructions),
        ...i.items.map((text, n): QuestionnaireItem => ({
          linkId: OUTCOME_LINK.item(n + 1),
          text,
          type: 'boolean',
          required: true,
        })),
      ];
    case 'rated-items':
      return [
        instructions(i.instructions),
        ...i.items.map((text, n) => choiceItem(i.id, OUTCOME_LINK.item(n + 1), text, i.scale)),
      ];
    case 'patient-specific':
      return [
        instructions(i.instructions),
        {
          linkId: OUTCOME_LINK.activity,
          text: 'An activity',
          type: 'group',
          required: true,
          repeats: true,
          extension: [{ url: EXTENSION_URL.maxOccurs, valueInteger: i.maxActivities }],
          item: [
            {
              linkId: OUTCOME_LINK.activityName,
              text: 'The activity',
              type: 'string',
              required: true,
            },
            {
              linkId: OUTCOME_LINK.activityScore,
              text: 'How able you are today, from 0 (unable) to 10 (as well as before)',
              type: 'integer',
              required: true,
              extension: bounds(0, 10),
            },
          ],
        },
      ];
    case 'single-rating': {
      if (!numericScale(i.scale))
        return [choiceItem(i.id, OUTCOME_LINK.rating, i.question, i.scale)];
      const item: QuestionnaireItem = {
        linkId: OUTCOME_LINK.rating,
        text: i.question,
        type: 'integer',
        required: true,
        extension: bounds(i.range.min, i.range.max),
      };
      if (i.loinc) item.code = [outcomeCoding(i)];
      return [item];
    }
    case 'entered-total':
      // Licensed: its questions and answers are never reproduced, only the total a clinician worked out.
      return [
        {
          linkId: OUTCOME_LINK.total,
          text: OSWESTRY_TOTAL_TEXT,
          type: 'integer',
          required: true,
          extension: bounds(i.range.min, i.range.max),
        },
      ];
  }
}

/** The instruments a resource is made from: those of the knowledge base the export is given. */
type Instruments = Pick<KnowledgeBase, 'instruments'>;

/** One instrument as a FHIR R4 Questionnaire, its items in the authors' order. */
export function outcomeQuestionnaire(kb: Instruments, id: InstrumentId): Questionnaire {
  const i = kb.instruments[id];
  return {
    resourceType: 'Questionnaire',
    id: `outcome-${id}`,
    url: outcomeQuestionnaireUrl(id),
    version: OUTCOME_QUESTIONNAIRE_VERSION,
    name: `Backchain${id.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase())}`,
    title: i.name,
    status: 'active',
    subjectType: ['Patient'],
    code: [outcomeCoding(i)],
    publisher: 'Backchain',
    description: `${i.purpose} Source: ${i.citation}`,
    copyright: i.licence,
    item: instrumentItems(i),
  };
}

function responseItems(kb: Instruments, a: OutcomeAnswers): QuestionnaireResponseItem[] {
  const i = kb.instruments[a.instrument];
  const scale = i.kind === 'rated-items' || i.kind === 'single-rating' ? i.scale : [];
  const statements = i.kind === 'checklist' || i.kind === 'rated-items' ? i.items : [];
  const rating = (value: number): QuestionnaireResponseItem => ({
    linkId: OUTCOME_LINK.rating,
    text: i.kind === 'single-rating' ? i.question : i.name,
    answer: [
      numericScale(scale)
        ? { valueInteger: value }
        : { valueCoding: scaleCoding(a.instrument, value, scale) },
    ],
  });
  switch (a.instrument) {
    case 'pain-nrs':
    case 'global-rating-of-change':
      return [rating(a.value)];
    case 'rmdq':
      return a.ticked.map((ticked, n) => ({
        linkId: OUTCOME_LINK.item(n + 1),
        text: statements[n] ?? '',
        answer: [{ valueBoolean: ticked }],
      }));
    case 'sciatica-bothersomeness':
      return a.ratings.map((value, n) => ({
        linkId: OUTCOME_LINK.item(n + 1),
        text: statements[n] ?? '',
        answer: [{ valueCoding: scaleCoding(a.instrument, value, scale) }],
      }));
    case 'psfs':
      return a.activities.map((x) => ({
        linkId: OUTCOME_LINK.activity,
        item: [
          { linkId: OUTCOME_LINK.activityName, answer: [{ valueString: x.activity }] },
          { linkId: OUTCOME_LINK.activityScore, answer: [{ valueInteger: x.score }] },
        ],
      }));
    case 'oswestry-total':
      return [
        {
          linkId: OUTCOME_LINK.total,
          text: OSWESTRY_TOTAL_TEXT,
          answer: [{ valueInteger: a.total }],
        },
      ];
  }
}

/** One answered measure, item by item, answered by the person (or, for the Oswestry total, entered by a clinician). */
export function outcomeResponse(
  kb: Instruments,
  o: OutcomeRecord,
  patient: Reference,
  enteredBy: Reference,
): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    id: fhirId(`outcome-response-${o.id}`, `outcome-response:${o.id}`),
    identifier: { system: IDENTIFIER_SYSTEM.outcome, value: o.id },
    questionnaire: outcomeQuestionnaireCanonical(o.instrument),
    status: 'completed',
    subject: patient,
    authored: o.createdAt,
    author: enteredBy,
    source: patient,
    item: responseItems(kb, o.answers),
  };
}

/** The total score of one measure, derived from its response: an integer, or a quantity for the PSFS mean. */
export function outcomeObservation(
  kb: Instruments,
  o: OutcomeRecord,
  patient: Reference,
  enteredBy: Reference,
  response: Reference,
): Observation {
  const i = kb.instruments[o.instrument];
  const coding = outcomeCoding(i);
  const way = i.higherIsWorse ? 'a higher score is worse' : 'a higher score is better';
  const obs: Observation = {
    resourceType: 'Observation',
    id: fhirId(`outcome-${o.id}`, `outcome:${o.id}`),
    identifier: [{ system: IDENTIFIER_SYSTEM.outcome, value: o.id }],
    status: 'final',
    category: [{ coding: [CATEGORY_SURVEY] }],
    code: { coding: [coding], text: i.name },
    subject: patient,
    effectiveDateTime: o.date,
    issued: o.createdAt,
    performer: [enteredBy],
    note: [
      {
        text: `${i.name}: ${String(o.score)} on a scale from ${String(i.range.min)} to ${String(i.range.max)}; ${way}.`,
      },
    ],
    derivedFrom: [response],
  };
  if (i.kind === 'patient-specific') {
    // The mean of the activities' scores, to one decimal: FHIR's integer cannot hold it.
    obs.valueQuantity = { value: o.score, unit: '{score}', system: SYSTEM.ucum, code: '{score}' };
  } else {
    obs.valueInteger = o.score;
  }
  return obs;
}
