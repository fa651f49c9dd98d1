// Every response body of the HTTP API (docs/api.md, docs/clinician.md) as one zod schema each: the source of the
// OpenAPI document's responses, of the service's view types (`z.infer`) and of the web app's (type-only imports,
// so zod stays out of the browser's first load). The engine's own outputs are described field by field here.
import { z } from 'zod';
import { intakeSchema, PAIN_AREAS } from '../engine/intake.js';
import { warningSignsSchema } from '../engine/checkin.js';
import { outcomeAnswersSchema } from '../engine/outcomes.js';
import { GATES, LEVELS, type TriageCode } from '../engine/triage.js';
import {
  CONTRIBUTOR_IDS,
  EXERCISE_IDS,
  INSTRUMENT_IDS,
  SELF_CARE_IDS,
  SOURCE_IDS,
} from '../kb/types.js';

// ---- Small parts ----

const instant = z.string().describe('an ISO 8601 instant');
const localDate = z.string().describe('a local calendar date, YYYY-MM-DD');
const month = z.string().describe('a calendar month, YYYY-MM');
const side = z.enum(['left', 'right']);
const exerciseId = z.enum(EXERCISE_IDS);
const painArea = z.enum(PAIN_AREAS);

/** Any page of a list: the items, and the cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('send it as `cursor` for the next page; null on the last'),
  });

export const level = z.enum(LEVELS);
export const gate = z.enum(GATES);
export const phase = z.enum(['acute', 'subacute', 'chronic']);

/**
 * A triage rule's code (docs/triage-policy.md). A string in the document, so the policy can add a rule
 * without breaking a client; typed as the engine's codes inside.
 */
const triageCode = z
  .string()
  .describe('the rule’s code in docs/triage-policy.md') as unknown as z.ZodType<TriageCode>;

/** One fired triage rule: its code, why it matters in plain words, and the answers that fired it. */
export const triageReason = z.object({
  code: triageCode,
  text: z.string(),
  answers: z.array(intakeSchema.keyof()).describe('the intake answers that made it fire'),
});

/** The triage outcome every surface shows: the level, the rules that fired, and the advice. */
export const triageSchema = z.object({
  level,
  reasons: z.array(triageReason),
  advice: z.string(),
});
export type TriageView = z.infer<typeof triageSchema>;

/** A warning that stands until a new assessment: the triage, and since when. */
export const standingWarning = triageSchema.extend({ since: instant });

/** A pause a clinician set (docs/clinician.md): only a clinician lifts it. */
export const clinicianPause = z.object({
  by: z.string().describe('the clinician’s account id'),
  name: z.string(),
  since: instant,
  note: z.string().nullable(),
});

/** The programme backing off after symptoms worsened. */
export const backOff = z.object({
  reason: z.enum(['spread', 'new-leg-symptoms']),
  since: localDate,
  until: z.enum(['settled', 'reassessment']),
});

/** A dose: seconds of each hold or repetitions, how many times, sets, and whether each side. */
export const dosage = z.object({
  unit: z.enum(['seconds', 'reps']),
  amount: z.number().describe('seconds of each hold, or repetitions'),
  repeats: z.number(),
  sets: z.number(),
  sides: z.enum(['each', 'none']),
});

/** One exercise of a programme: its dose, times a day, whom it serves, cautions and a clinician's note. */
export const planItem = z.object({
  exerciseId,
  kind: z.enum(['stretch', 'strengthening']),
  dosage,
  timesPerDay: z.number(),
  serves: z
    .array(z.enum(CONTRIBUTOR_IDS))
    .describe('the person’s likely or possible contributors it addresses'),
  cautions: z.array(z.string()),
  note: z.string().optional().describe('a clinician’s note to the person about this exercise'),
});

const stopRule = z.object({
  code: z.enum([
    'stop-if-sharper-or-spreading',
    'never-stretch-into-pain',
    'progress-when-too-easy-twice',
    'start-gradually',
    'stretch-with-strength',
  ]),
  text: z.string(),
  sources: z.array(z.enum(SOURCE_IDS)),
});

/** A change the stop rules or progression made to the programme. */
export const programmeChange = z.object({
  exerciseId,
  change: z.enum(['dropped', 'replaced', 'progressed']),
  by: exerciseId.optional().describe('the exercise that took its place'),
  dosage: dosage.optional().describe('the new dose, when progression raised it'),
});

/** One exercise of a logged session: what was planned next to what was done, and how it went. */
export const sessionEntry = z.object({
  exerciseId,
  planned: dosage.nullable(),
  done: z.object({
    sets: z.number().optional(),
    reps: z.number().optional(),
    holdSeconds: z.number().optional(),
    sides: z.enum(['left', 'right', 'both']).optional(),
  }),
  tooEasy: z.boolean().optional(),
  felt: z
    .enum(['easier', 'same', 'harder'])
    .optional()
    .describe('older clients’ answer, kept as given'),
  painSharper: z.boolean(),
  painSpread: z.boolean(),
  newNumbnessOrWeakness: z.boolean().optional(),
});

// ---- The service and the account ----

export const healthView = z.object({
  status: z.literal('ok'),
  store: z.enum(['sqlite', 'postgres', 'memory']),
  knowledgeBase: z.string(),
});

/** GET /api/config: what this deployment allows before anyone signs in. */
export const configView = z.object({ clinicianSignup: z.enum(['open', 'code']) });

/** One row of the audit trail (GET /api/audit). */
export const auditEntry = z.object({
  id: z.string(),
  at: instant,
  actor: z.string(),
  action: z.string(),
  resource: z.string(),
  resourceId: z.string().nullable(),
  credentialKind: z.enum(['session', 'token']).nullable(),
  credentialId: z.string().nullable(),
  address: z.string().nullable(),
  outcome: z.enum(['ok', 'failed', 'refused', 'duplicate']),
});
export const auditPage = pageOf(auditEntry);

/** An account as GET /api/me and sign-up show it. */
export const meView = z.object({
  id: z.string(),
  email: z.string(),
  createdAt: instant,
  role: z.enum(['person', 'clinician']),
  displayName: z
    .string()
    .nullable()
    .describe('a clinician’s name as people see it; null for a person'),
});

/** A personal access token as it is listed: never its secret. */
export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(['read', 'write', 'export'])),
  createdAt: instant,
  expiresAt: instant,
  lastUsedAt: instant.nullable(),
});
/** POST /api/auth/tokens: the secret is shown this once. */
export const tokenMade = tokenView.extend({ token: z.string().describe('the secret, shown once') });
export const tokenList = z.object({ items: z.array(tokenView), nextCursor: z.null() });

// ---- The person's record ----

/** What the engine made of the answers (docs/triage-policy.md, docs/exercises.md). */
export const assessmentResult = z.object({
  contract: z.literal(1),
  knowledgeBase: z.string(),
  policyVersion: z.int().describe('the triage policy version (docs/triage-policy.md) it followed'),
  triage: triageSchema,
  exercise: gate.describe('the exercise gate'),
  phase,
  contributors: z.array(
    z.object({
      id: z.enum(CONTRIBUTOR_IDS),
      likelihood: z.enum(['likely', 'possible', 'unlikely']),
      score: z.number().describe('0 to 1, comparable between the contributors of one assessment'),
      evidence: z.array(
        z.object({
          answer: intakeSchema.keyof(),
          effect: z.enum(['for', 'against']),
          text: z.string(),
        }),
      ),
      sources: z.array(z.enum(SOURCE_IDS)),
    }),
  ),
  startBack: z
    .object({ total: z.number(), distress: z.number(), risk: z.enum(['low', 'medium', 'high']) })
    .optional()
    .describe('the Keele STarT Back score, when its questions were answered'),
  sources: z.array(
    z.object({
      id: z.enum(SOURCE_IDS),
      title: z.string(),
      kind: z.enum(['article', 'guideline', 'study']),
    }),
  ),
});

/** An assessment as a person sees it (GET /api/assessments/:id): the parsed answers and the result. */
export const assessmentView = z.object({
  id: z.string(),
  createdAt: instant,
  answers: intakeSchema.describe('the answers after parsing, defaults filled in'),
  result: assessmentResult,
});
export const assessmentPage = pageOf(assessmentView);

/** POST /api/assessments. */
export const assessmentCreated = z.object({
  id: z.string(),
  createdAt: instant,
  result: assessmentResult,
  programmeId: z.string(),
});

/** The programme as a person sees it (GET /api/programme), with its state. */
export const programmeView = z.object({
  id: z.string(),
  assessmentId: z.string(),
  createdAt: instant,
  knowledgeBase: z.string(),
  phase,
  gate,
  paused: z.boolean(),
  pausedBy: triageSchema
    .nullable()
    .describe('the warning sign that paused it (until a new assessment), or null'),
  warningCheckRequired: z.boolean(),
  items: z.array(planItem),
  selfCare: z.array(z.enum(SELF_CARE_IDS)),
  selfCareDetails: z.array(z.object({ id: z.enum(SELF_CARE_IDS), why: z.string() })),
  stopRules: z.array(stopRule),
  progressionRule: z.string(),
  notes: z.array(z.string()).describe('why the programme is empty or limited, in plain words'),
  dropped: z.array(exerciseId).describe('exercises the stop rules took out'),
  backOff: backOff.nullable(),
  restDate: localDate.nullable().describe('the date the stop rules ended exercise for the day'),
  clinicianPause: clinicianPause
    .nullable()
    .describe('a clinician’s pause: only a clinician lifts it'),
});
/** GET /api/programmes: every programme, the current one marked. */
export const programmePage = pageOf(
  programmeView.extend({
    current: z.boolean().describe('only the newest programme is current; older ones are history'),
  }),
);

/** POST /api/sessions. */
export const sessionOutcome = z.object({
  id: z.string(),
  programmeChanges: z.array(programmeChange),
  warningCheckRequired: z.boolean(),
  stoppedForToday: z.boolean().describe('pain spread down the leg: no more exercise today'),
  advice: z.array(z.string()),
});

/** A stored session log (GET /api/sessions). */
export const sessionLogView = z.object({
  id: z.string(),
  programmeId: z.string(),
  date: localDate,
  createdAt: instant,
  entries: z.array(sessionEntry),
  programmeChanges: z.array(programmeChange),
  warningCheckRequired: z.boolean(),
  clientId: z.string().nullable(),
  sittingId: z
    .string()
    .nullable()
    .optional()
    .describe('the sitting it belongs to; older logs have none'),
});
export const sessionPage = pageOf(sessionLogView);

/** Leg symptoms a check-in reported that the assessment did not have. */
export const newLegSymptoms = z.object({
  areas: z.array(painArea),
  sides: z.array(side),
  numbnessFurther: z.boolean(),
});

/** POST /api/checkins. */
export const checkinOutcome = z.object({
  id: z.string(),
  programmePaused: z.boolean(),
  triage: triageSchema.optional().describe('the warning rules that fired, when any did'),
  newLegSymptoms: newLegSymptoms.optional(),
  reassessmentAdvised: z.boolean(),
  backOffEnded: z.boolean().describe('a run of settled check-ins ended a back-off'),
  advice: z.array(z.string()),
});

/** A stored check-in (GET /api/checkins, and the clinician's list). */
export const checkinView = z.object({
  id: z.string(),
  date: localDate,
  createdAt: instant,
  painNow: z.number().nullable().describe('null for a check-in that carried only warning signs'),
  painAreas: z.array(z.string()).nullable(),
  legSide: z.string().nullable(),
  warningSigns: warningSignsSchema.describe('the warning-sign answers as given'),
  sittingHours: z.number().nullable(),
  walkingBreaks: z.number().nullable(),
  triage: triageSchema.nullable().describe('the warning rules that fired, or null'),
  programmePaused: z.boolean(),
  clientId: z.string().nullable(),
});
export const checkinPage = pageOf(checkinView);

/** A stored measurement (POST and GET /api/measurements). */
export const measurementView = z.object({
  id: z.string(),
  date: localDate,
  createdAt: instant,
  kind: z.enum(['slr-angle', 'toe-touch']),
  side: side.nullable(),
  value: z
    .number()
    .describe(
      'degrees for slr-angle; for toe-touch, centimetres short of the toes (negative: past)',
    ),
  clientId: z.string().nullable(),
});
export const measurementPage = pageOf(measurementView);

/** GET /api/today: the standing warning, whether a sitting may start, any back-off and a clinician's news. */
export const versionView = z.object({
  number: z.number(),
  createdAt: instant,
  author: z.object({
    id: z.string().nullable().describe('the clinician’s account id; null for the engine'),
    name: z.string(),
    role: z.enum(['engine', 'clinician']),
  }),
  changes: z.array(
    z.object({
      op: z.enum(['add', 'remove', 'dose', 'note', 'pause', 'resume']),
      exerciseId: z.string().nullable().describe('null for pause and resume'),
      before: z
        .union([
          planItem,
          z.object({ dosage, timesPerDay: z.number() }),
          z.object({ paused: z.boolean() }),
          z.string(),
        ])
        .nullable()
        .describe(
          'the item before (the exercise, its dose and times a day, its note, or the pause)',
        ),
      after: z
        .union([
          planItem,
          z.object({ dosage, timesPerDay: z.number() }),
          z.object({ paused: z.boolean() }),
          z.string(),
        ])
        .nullable()
        .describe('the item after, as `before`'),
    }),
  ),
  note: z.string().nullable(),
  seenAt: instant.nullable().describe('when the person saw it; null until then'),
});
export const versionList = z.object({ items: z.array(versionView) });
export const versionMade = z.object({ version: versionView });

export const todayView = z.object({
  warning: standingWarning.nullable(),
  sessionAllowed: z.boolean(),
  blockedBy: z
    .enum(['no-programme', 'paused', 'warning-check-required', 'rest-today', 'no-exercises'])
    .nullable(),
  backOff: backOff.nullable(),
  reassessmentAdvised: z.boolean(),
  clinicianPause: clinicianPause
    .nullable()
    .describe('a clinician paused the programme: no sitting until they resume it'),
  programmeNews: z
    .object({ versions: z.array(versionView) })
    .nullable()
    .describe(
      'changes to the programme not seen yet, oldest first (a clinician’s, or theirs carried into a new assessment’s programme): show them before the next sitting, then POST /api/programme/versions/seen',
    ),
});

const slrRow = z.object({ date: localDate, side: side.nullable(), value: z.number() });

/** GET /api/progress: pain, extent, adherence and leg-raise angles, and a summary of the days before. */
export const progressView = z.object({
  pain: z.array(z.object({ date: localDate, value: z.number() })),
  painSummary: z.object({
    start: z.number().nullable(),
    latest: z.number().nullable(),
    average7Day: z.number().nullable(),
    change: z.number().nullable().describe('latest minus start: negative is better'),
    changePercent: z.number().nullable(),
  }),
  extent: z.array(z.object({ date: localDate, furthest: painArea })),
  extentTrend: z.enum(['centralising', 'peripheralising', 'stable', 'unknown']),
  extentTrendText: z.string(),
  adherence: z.object({
    planned: z.number().describe('sittings planned'),
    done: z.number(),
    ratio: z.number(),
    exercises: z.object({ planned: z.number(), done: z.number(), ratio: z.number() }).optional(),
    days: z
      .array(
        z.object({
          date: localDate,
          sittingsPlanned: z.number(),
          sittingsDone: z.number(),
          exercisesPlanned: z.number(),
          exercisesDone: z.number(),
        }),
      )
      .optional(),
  }),
  slr: z.array(slrRow),
  meaningfulChange: z.boolean(),
  meaningfulDirection: z.enum(['better', 'worse']).nullable(),
  earlier: z
    .object({
      before: localDate.describe('the charts start on this date'),
      months: z.array(
        z.object({
          month,
          checkinDays: z.number(),
          averagePain: z.number(),
          lowestPain: z.number(),
          highestPain: z.number(),
          furthest: painArea.nullable(),
        }),
      ),
      slr: z.array(
        z.object({
          month,
          side: side.nullable(),
          measurements: z.number(),
          lowest: z.number(),
          highest: z.number(),
          latest: z.number(),
        }),
      ),
      older: z
        .object({
          from: month,
          to: month,
          checkinDays: z.number(),
          averagePain: z.number().nullable(),
          lowestPain: z.number().nullable(),
          highestPain: z.number().nullable(),
          furthest: painArea.nullable(),
          slr: z.array(
            z.object({
              side: side.nullable(),
              measurements: z.number(),
              lowest: z.number(),
              highest: z.number(),
              latest: z.number(),
            }),
          ),
        })
        .nullable(),
    })
    .nullable()
    .optional()
    .describe('a long record: the days before the charts, month by month'),
});

/** One exercise of a sitting: the logged entry and when it was logged. */
export const sittingEntry = sessionEntry.extend({ loggedAt: instant });

/** One sitting: every exercise done in it, planned against done, and how it went. */
export const sittingView = z.object({
  sittingId: z.string(),
  date: localDate.describe('the local date the sitting began'),
  startedAt: instant.nullable(),
  entries: z.array(sittingEntry),
});
export const sittingList = z.object({ items: z.array(sittingView) });

// ---- Links, outcomes and the access log (the person's side of docs/clinician.md) ----

/** GET /api/invitations/:code: what the person reads before accepting. */
export const invitationPreview = z.object({
  clinician: z.object({ name: z.string(), email: z.string() }),
  expiresAt: instant,
  willSee: z.array(z.string()),
  mayChange: z.array(z.string()),
});

/** A link between a person and a clinician, as the person sees it. */
export const linkView = z.object({
  id: z.string(),
  clinician: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  status: z.enum(['active', 'ended']),
  createdAt: instant,
  endedAt: instant.nullable(),
  endedBy: z.enum(['person', 'clinician', 'operator']).nullable(),
});
export const linkList = z.object({ items: z.array(linkView) });

/** One read or change someone other than the person made on the record, in plain words. */
export const accessLogItem = z.object({
  at: instant,
  who: z.object({ id: z.string(), name: z.string(), role: z.enum(['clinician', 'operator']) }),
  action: z.string(),
  what: z.string().describe('plain words, e.g. "your check-ins"'),
});
export const accessLogPage = pageOf(accessLogItem);

/** An outcome measure a clinician asked for, from a date. */
export const scheduleView = z.object({
  id: z.string(),
  instrument: z.enum(INSTRUMENT_IDS),
  dueDate: localDate,
  createdAt: instant,
  done: z.boolean().describe('the person has answered it'),
});

/** A scored outcome measure, with the change since the person's first score on that instrument. */
export const outcomeView = z.object({
  id: z.string(),
  instrument: z.enum(INSTRUMENT_IDS),
  date: localDate,
  score: z.number(),
  range: z.object({ min: z.number(), max: z.number() }),
  answers: outcomeAnswersSchema,
  enteredBy: z.string(),
  change: z
    .object({
      change: z.number().describe('latest minus start, in the instrument’s points'),
      important: z.boolean().nullable(),
      direction: z.enum(['better', 'worse']).nullable(),
    })
    .nullable()
    .describe('against the first score on this instrument; null for the first'),
});
export const outcomeList = z.object({ items: z.array(outcomeView), due: z.array(scheduleView) });

// ---- The clinician side ----

/** POST /api/clinician/invitations: the code is shown this once. */
export const invitationMade = z.object({
  id: z.string(),
  code: z.string().describe('8 letters and digits shown as ABCD-EF23; single use'),
  link: z.string().describe('/#/link/ABCD-EF23 on the same site'),
  expiresAt: instant,
});

export const invitationListItem = z.object({
  id: z.string(),
  createdAt: instant,
  expiresAt: instant,
  status: z.enum(['open', 'used', 'expired', 'cancelled']),
});
export const invitationList = z.object({ items: z.array(invitationListItem) });

export const need = z.object({
  kind: z.enum(['warning', 'worsening', 'quiet', 'low-adherence', 'none']),
  since: z.string().nullable(),
  detail: z.string(),
});

/** One row of the clinician's list. */
export const personRow = z.object({
  personId: z.string(),
  linkId: z.string(),
  email: z.string(),
  linkedSince: instant,
  need,
  warning: standingWarning.nullable(),
  pain: z
    .array(z.object({ date: localDate, value: z.number() }))
    .describe('the last 30 days: the last pain of each day with a check-in'),
  sittings: z.object({ done: z.number(), planned: z.number() }).describe('the last 7 days'),
  daysWithData30: z
    .number()
    .describe(
      'days with a check-in, a sitting or a measurement in the last 30: a neutral count, not a billing code',
    ),
  lastCheckin: z.string().nullable(),
  lastViewedAt: instant.nullable(),
});
export const caseloadView = z.object({ items: z.array(personRow) });

/** The latest assessment in clinical terms: reasons with their codes, contributors with scores and ICD-10. */
export const clinicalAssessment = z.object({
  id: z.string(),
  createdAt: instant,
  knowledgeBase: z.string(),
  level,
  advice: z.string(),
  gate,
  phase,
  reasons: z.array(triageReason).describe('the triage reasons with their codes'),
  contributors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      likelihood: z.string(),
      score: z.number(),
      evidence: assessmentResult.shape.contributors.element.shape.evidence,
      evidenceStrength: z.string().nullable(),
      icd10: z.array(z.object({ code: z.string(), display: z.string() })),
    }),
  ),
  startBack: z
    .object({ total: z.number(), distress: z.number(), risk: z.enum(['low', 'medium', 'high']) })
    .nullable()
    .describe(
      'the Keele STarT Back tool (Keele University; commercial use needs its permission), or null',
    ),
  answers: intakeSchema.describe('the intake answers'),
});

/** GET /api/clinician/people/:personId. */
export const personSummaryView = z.object({
  person: z.object({ id: z.string(), email: z.string(), linkedSince: instant }),
  assessment: clinicalAssessment.nullable(),
  programme: programmeView.nullable(),
  versionNumber: z.number().nullable().describe('the latest programme version; send it as basedOn'),
  warning: standingWarning.nullable().describe('the standing warning'),
  need,
});

/** The person's check-ins as stored, newest first. */
export const clinicianCheckins = z.object({ items: z.array(checkinView) });

/** A sitting with the stop rules' events it caused. */
export const clinicianSitting = sittingView.extend({
  events: z.array(programmeChange),
  warningCheckRequired: z
    .boolean()
    .describe('the sitting asked for the warning-sign questions again'),
});
export const clinicianSittings = z.object({ items: z.array(clinicianSitting) });

/** Leg-raise angles by side and toe-touch distances, newest first. */
export const clinicianMeasurements = z.object({ items: z.array(measurementView) });

/** What the one-page report is built from: the latest assessment, the programme and progress. */
export const reportView = z.object({
  today: localDate,
  assessment: assessmentView.nullable(),
  programme: programmeView.nullable(),
  progress: progressView,
});

/** A route that answers 204 and no body. */
export const noContent = z.undefined().describe('Done: no content');
