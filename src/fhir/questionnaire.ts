// The intake contract as a FHIR R4 Questionnaire, answers as a QuestionnaireResponse, and the way back to answers.
// Built from QUESTIONS so the wording lives in one place; linkId = intake field name, as `intake.md` promises.
import {
  intakeSchema,
  parseIntake,
  START_BACK_Q9,
  type Intake,
  type IntakeField,
} from '../engine/intake.js';
import { problem, type Problem, type Result } from '../engine/problems.js';
import { QUESTIONS, SECTIONS, type Question, type QuestionKind } from '../engine/questions.js';
import { KEELE_NOTICE, START_BACK_ITEMS } from '../engine/start-back.js';
import { START_BACK_Q9_LABELS } from '../words/labels.js';
import {
  EXTENSION_URL,
  intakeSystem,
  QUESTIONNAIRE_CANONICAL,
  QUESTIONNAIRE_URL,
  QUESTIONNAIRE_VERSION,
  START_BACK_ITEM_IDS,
  SYSTEM,
} from './codes.js';
import type {
  AnswerValue,
  Coding,
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemType,
  QuestionnaireResponse,
  QuestionnaireResponseAnswer,
  QuestionnaireResponseItem,
} from './types.js';

const ITEM_TYPE: Record<QuestionKind, QuestionnaireItemType> = {
  'yes-no': 'boolean',
  choice: 'choice',
  multi: 'choice',
  integer: 'integer',
  number: 'decimal',
};

const VERSION_TEXT = 'Intake contract version';
const START_BACK_TEXT =
  'Keele STarT Back Screening Tool. Thinking about the last 2 weeks, do you agree with each statement?';

const QUESTION_BY_FIELD: ReadonlyMap<string, Question> = new Map(
  QUESTIONS.map((q) => [q.field, q]),
);

function optionCoding(field: IntakeField | 'startBack.q9', code: string, label: string): Coding {
  return { system: intakeSystem(field), code, display: label };
}

function boundExtensions(q: Question): Extension[] {
  const out: Extension[] = [];
  const bound = (url: string, value: number): Extension =>
    q.kind === 'number' ? { url, valueDecimal: value } : { url, valueInteger: value };
  if (q.min !== undefined) out.push(bound(EXTENSION_URL.minValue, q.min));
  if (q.max !== undefined) out.push(bound(EXTENSION_URL.maxValue, q.max));
  return out;
}

/** The value a question's answer carries, in the value[x] its item type needs. */
function answerValue(q: Question, value: unknown): AnswerValue | undefined {
  switch (q.kind) {
    case 'yes-no':
      return typeof value === 'boolean' ? { valueBoolean: value } : undefined;
    case 'integer':
      return typeof value === 'number' ? { valueInteger: value } : undefined;
    case 'number':
      return typeof value === 'number' ? { valueDecimal: value } : undefined;
    case 'choice':
    case 'multi': {
      const option = q.options?.find((o) => o.value === value);
      return option
        ? { valueCoding: optionCoding(q.field, option.value, option.label) }
        : undefined;
    }
  }
}

/**
 * The contract's default for a field, when it has one. Read from the schema itself (a defaulted field parses
 * `undefined` to its default) so the Questionnaire can never drift from `intake.md`.
 */
function contractDefault(field: IntakeField): unknown {
  const parsed = intakeSchema.shape[field].safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}

function questionItem(q: Question): QuestionnaireItem {
  const item: QuestionnaireItem = {
    linkId: q.field,
    text: q.text,
    type: ITEM_TYPE[q.kind],
    required: q.required,
  };
  if (q.kind === 'multi') item.repeats = true;
  const bounds = boundExtensions(q);
  if (bounds.length > 0) item.extension = bounds;
  // A warning sign is answered explicitly, never pre-filled: a default "No" a person skims past could hide an emergency.
  const fallback = q.warning ? undefined : contractDefault(q.field);
  if (q.options) {
    // que-11: a question with answerOptions marks its default with initialSelected, not initial.
    item.answerOption = q.options.map((o) => ({
      valueCoding: optionCoding(q.field, o.value, o.label),
      ...(fallback === o.value ? { initialSelected: true } : {}),
    }));
  } else if (fallback !== undefined) {
    const initial = answerValue(q, fallback);
    if (initial) item.initial = [initial];
  }
  if (q.help !== undefined) {
    item.item = [
      {
        linkId: `${q.field}.help`,
        type: 'display',
        text: q.help,
        extension: [
          {
            url: EXTENSION_URL.itemControl,
            valueCodeableConcept: {
              coding: [{ system: SYSTEM.itemControl, code: 'help', display: 'Help-Button' }],
            },
          },
        ],
      },
    ];
  }
  return item;
}

function startBackGroup(): QuestionnaireItem {
  const agreeItems = START_BACK_ITEM_IDS.filter((id) => id !== 'q9').map(
    (id): QuestionnaireItem => ({
      linkId: id,
      text: START_BACK_ITEMS[id],
      type: 'boolean',
      required: true,
    }),
  );
  return {
    linkId: 'startBack',
    text: START_BACK_TEXT,
    type: 'group',
    required: false,
    item: [
      { linkId: 'startBack.copyright', type: 'display', text: KEELE_NOTICE },
      ...agreeItems,
      {
        linkId: 'q9',
        text: START_BACK_ITEMS.q9,
        type: 'choice',
        required: true,
        answerOption: START_BACK_Q9.map((v) => ({
          valueCoding: optionCoding('startBack.q9', v, START_BACK_Q9_LABELS[v]),
        })),
      },
    ],
  };
}

/** The intake (contract version 1) as a FHIR R4 Questionnaire, tagged with the knowledge-base version. */
export function intakeQuestionnaire(kbVersion: string): Questionnaire {
  const items: QuestionnaireItem[] = [
    // The contract version travels as a fixed, read-only answer so a response is a complete intake document.
    {
      linkId: 'version',
      text: VERSION_TEXT,
      type: 'integer',
      required: true,
      readOnly: true,
      initial: [{ valueInteger: 1 }],
    },
  ];
  for (const section of SECTIONS) {
    const questions = QUESTIONS.filter((q) => q.section === section.id);
    if (questions.length === 0) continue;
    items.push({ linkId: `section.${section.id}`, type: 'display', text: section.title });
    items.push(...questions.map(questionItem));
  }
  items.push(startBackGroup());
  return {
    resourceType: 'Questionnaire',
    id: 'intake',
    meta: { tag: [{ system: SYSTEM.knowledgeBase, code: kbVersion }] },
    url: QUESTIONNAIRE_URL,
    version: QUESTIONNAIRE_VERSION,
    name: 'BackchainIntake',
    title: 'Backchain intake: low back pain',
    status: 'active',
    subjectType: ['Patient'],
    publisher: 'Backchain',
    description:
      'The Backchain intake, contract version 1: warning signs first, then where it hurts, what makes it worse, two self-tests and daily life. Each linkId is the intake field name.',
    copyright: KEELE_NOTICE,
    item: items,
  };
}

/** The intake answers as QuestionnaireResponse items, in the Questionnaire's order; absent and empty answers are left out. */
export function questionnaireResponseItems(answers: Intake): QuestionnaireResponseItem[] {
  const items: QuestionnaireResponseItem[] = [
    { linkId: 'version', text: VERSION_TEXT, answer: [{ valueInteger: answers.version }] },
  ];
  for (const section of SECTIONS) {
    for (const q of QUESTIONS.filter((x) => x.section === section.id)) {
      const given: unknown = answers[q.field];
      const values: unknown[] = Array.isArray(given) ? given : [given];
      const answer = values
        .map((v) => answerValue(q, v))
        .filter((a): a is QuestionnaireResponseAnswer => a !== undefined);
      if (answer.length > 0) items.push({ linkId: q.field, text: q.text, answer });
    }
  }
  const sb = answers.startBack;
  if (sb) {
    const agree = START_BACK_ITEM_IDS.filter((id) => id !== 'q9').map(
      (id): QuestionnaireResponseItem => ({
        linkId: id,
        text: START_BACK_ITEMS[id],
        answer: [{ valueBoolean: sb[id] }],
      }),
    );
    items.push({
      linkId: 'startBack',
      text: START_BACK_TEXT,
      item: [
        ...agree,
        {
          linkId: 'q9',
          text: START_BACK_ITEMS.q9,
          answer: [
            { valueCoding: optionCoding('startBack.q9', sb.q9, START_BACK_Q9_LABELS[sb.q9]) },
          ],
        },
      ],
    });
  }
  return items;
}

/** The plain value of one answer, checking a coded answer's system; `problems` collects what is wrong. */
function plainValue(
  answer: QuestionnaireResponseAnswer,
  system: string,
  path: (string | number)[],
  problems: Problem[],
): unknown {
  if (answer.valueCoding !== undefined) {
    if (answer.valueCoding.system !== system) {
      problems.push(
        problem([...path, 'system'], `the code system ${system}`, answer.valueCoding.system),
      );
    }
    return answer.valueCoding.code;
  }
  return answer.valueBoolean ?? answer.valueInteger ?? answer.valueDecimal;
}

/**
 * Reads intake answers back out of a QuestionnaireResponse of the intake Questionnaire, then parses them with the
 * intake schema, so a response with a wrong value, an unknown linkId or a missing field comes back as problems.
 */
export function answersFromQuestionnaireResponse(qr: QuestionnaireResponse): Result<Intake> {
  const problems: Problem[] = [];
  if (qr.questionnaire !== QUESTIONNAIRE_CANONICAL && qr.questionnaire !== QUESTIONNAIRE_URL) {
    problems.push(problem(['questionnaire'], QUESTIONNAIRE_CANONICAL, qr.questionnaire));
  }
  const raw: Record<string, unknown> = {};
  for (const item of qr.item ?? []) {
    if (item.linkId === 'startBack') {
      const group: Record<string, unknown> = {};
      for (const sub of item.item ?? []) {
        const first = sub.answer?.[0];
        group[sub.linkId] =
          first === undefined
            ? undefined
            : plainValue(first, intakeSystem('startBack.q9'), ['startBack', sub.linkId], problems);
      }
      raw.startBack = group;
      continue;
    }
    const q = QUESTION_BY_FIELD.get(item.linkId);
    const system = intakeSystem(item.linkId as IntakeField);
    const values = (item.answer ?? []).map((a, i) =>
      plainValue(a, system, [item.linkId, i], problems),
    );
    // An unknown linkId is passed through so the intake schema names it as an unknown field.
    raw[item.linkId] = q?.kind === 'multi' ? values : values[0];
  }
  if (problems.length > 0) return { ok: false, problems };
  return parseIntake(raw);
}
