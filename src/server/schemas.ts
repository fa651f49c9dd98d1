// Server-only request and response schemas of the HTTP API (`api.md`, `clinician.md`): accounts, paging,
// exports, and the clinician side's answers.
// The record bodies live in `../service/schemas.ts`, shared with the web app; all are the source of the OpenAPI document.
import { z } from 'zod';
import { INSTRUMENT_IDS } from '../kb/instruments.js';
import { withExpectations } from '../service/schemas.js';

/** Ids and cursors: letters, digits, - and _ (every id the stores make), checked at the edge. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const id = z.string().regex(ID);

export const credentialsBody = withExpectations(
  z.strictObject({ email: z.email().max(254), password: z.string().min(1).max(1024) }),
  { email: 'an email address', password: 'a password' },
);

export const changePasswordBody = withExpectations(
  z.strictObject({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(1).max(1024),
  }),
  {
    currentPassword: 'your current password',
    newPassword: 'a new password of at least 10 characters',
  },
);

/** A clinician's display name: what people linked to them see ("Alex Morgan, physiotherapist"). */
export const DISPLAY_NAME_MAX = 80;

/**
 * POST /api/auth/signup: an email and a password, and for a clinician account a display name (and,
 * when the deployment asks for one, the operator's sign-up code: checked by the route, which knows).
 */
export const signupBody = withExpectations(
  z
    .strictObject({
      email: z.email().max(254),
      password: z.string().min(1).max(1024),
      role: z.enum(['person', 'clinician']).default('person'),
      displayName: z.string().trim().min(1).max(DISPLAY_NAME_MAX).optional(),
      clinicianCode: z.string().trim().min(1).max(40).optional(),
    })
    .superRefine((body, check) => {
      if (body.role === 'clinician' && body.displayName === undefined) {
        check.addIssue({
          code: 'custom',
          path: ['displayName'],
          message: 'a clinician account needs the name people will see',
          input: undefined,
        });
      }
      if (body.role === 'person') {
        for (const field of ['displayName', 'clinicianCode'] as const) {
          if (body[field] !== undefined) {
            check.addIssue({
              code: 'custom',
              path: [field],
              message: 'only a clinician account takes this',
              input: body[field],
            });
          }
        }
      }
    }),
  {
    email: 'an email address',
    password: 'a password',
    role: 'person or clinician',
    displayName: `for a clinician account, the name people will see: 1 to ${DISPLAY_NAME_MAX} characters`,
    clinicianCode: 'the clinician sign-up code the operator gave you',
  },
);

export const pageQuery = withExpectations(
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().regex(ID).optional(),
  }),
  { limit: 'a whole number from 1 to 500', cursor: 'the nextCursor of the previous page' },
);

export const exportQuery = withExpectations(
  z.strictObject({ format: z.enum(['fhir', 'json', 'csv']) }),
  {
    format: 'one of fhir, json, csv',
  },
);

export const idParams = withExpectations(z.strictObject({ id }), {
  id: 'an id: 1 to 64 letters, digits, - or _',
});

/** A person a clinician follows, named in the path of every `/api/clinician/people/:personId…` route. */
export const personParams = withExpectations(z.strictObject({ personId: id }), {
  personId: "the person's id: 1 to 64 letters, digits, - or _",
});

/** An invitation code as people type it: letters and digits, with any dashes or spaces (the service normalises it). */
export const codeParams = withExpectations(
  z.strictObject({ code: z.string().regex(/^[A-Za-z0-9 -]{1,32}$/) }),
  { code: 'an invitation code such as ABCD-EF23' },
);

/** The date query of the clinician's progress view: the person's local date today. */
export const dateQuery = withExpectations(z.strictObject({ date: z.iso.date().optional() }), {
  date: 'a calendar date, YYYY-MM-DD',
});

/** POST /api/auth/tokens: everything optional, so a client that sends nothing gets the defaults. */
export const newTokenBody = withExpectations(
  z
    .strictObject({
      name: z.string().trim().min(1).max(100).optional(),
      scopes: z
        .array(z.enum(['read', 'write', 'export']))
        .min(1)
        .max(3)
        .refine((list) => new Set(list).size === list.length, 'each scope once')
        .optional(),
      expiresInDays: z.int().min(1).max(365).optional(),
    })
    // No body at all (Fastify hands over null) takes every default.
    .nullish(),
  {
    name: 'a name for the token, 1 to 100 characters',
    scopes: 'a list of read, write, export (each at most once)',
    expiresInDays: 'a whole number of days from 1 to 365',
  },
);

/** A personal access token as it is listed: never its secret. */
export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(['read', 'write', 'export'])),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

/** A loose description of engine outputs for the OpenAPI document; the engine's own types are exact. */
export const looseObject = z.record(z.string(), z.unknown());
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

// ---- The clinician side (docs/clinician.md): answers, for the OpenAPI document ----

const instant = z.string().describe('an ISO 8601 instant');
const localDate = z.string().describe('a local calendar date, YYYY-MM-DD');
const level = z.enum(['self-care', 'soon', 'urgent', 'emergency']);
const reason = z.object({ code: z.string(), text: z.string(), answers: z.array(z.string()) });

/** GET /api/config: what this deployment allows before anyone signs in. */
export const configView = z.object({ clinicianSignup: z.enum(['open', 'code']) });

/** An account as GET /api/me and sign-up show it. */
export const meView = z.object({
  id: z.string(),
  email: z.string(),
  createdAt: instant,
  role: z.enum(['person', 'clinician']),
  displayName: z
    .string()
    .nullable()
    .describe("a clinician's name as people see it; null for a person"),
});

/** POST /api/clinician/invitations: the code is shown this once. */
export const invitationMade = z.object({
  id: z.string(),
  code: z.string().describe('8 letters and digits shown as ABCD-EF23; single use'),
  link: z.string().describe('/#/link/ABCD-EF23 on the same site'),
  expiresAt: instant,
});

export const invitationList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      createdAt: instant,
      expiresAt: instant,
      status: z.enum(['open', 'used', 'expired', 'cancelled']),
    }),
  ),
});

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

/** GET /api/access-log: who (other than the person) read or changed the record, in plain words. */
export const accessLogPage = z.object({
  items: z.array(
    z.object({
      at: instant,
      who: z.object({ id: z.string(), name: z.string(), role: z.enum(['clinician', 'operator']) }),
      action: z.string(),
      what: z.string().describe('plain words, e.g. "your check-ins"'),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const need = z.object({
  kind: z.enum(['warning', 'worsening', 'quiet', 'low-adherence', 'none']),
  since: z.string().nullable(),
  detail: z.string(),
});

const warningFact = z.object({
  level,
  reasons: z.array(reason),
  advice: z.string().describe('the advice the person was given'),
  since: instant,
});

/** One row of the clinician's list. */
export const personRow = z.object({
  personId: z.string(),
  linkId: z.string(),
  email: z.string(),
  linkedSince: instant,
  need,
  warning: warningFact.nullable(),
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

const backOff = z.object({
  reason: z.enum(['spread', 'new-leg-symptoms']),
  since: localDate,
  until: z.enum(['settled', 'reassessment']),
});

/** One exercise of a programme: its dose, times a day, whom it serves, cautions and a clinician's note. */
const planItem = z.object({
  exerciseId: z.string(),
  kind: z.string(),
  dosage: z.object({
    unit: z.enum(['seconds', 'reps']),
    amount: z.number(),
    repeats: z.number(),
    sets: z.number(),
    sides: z.enum(['each', 'none']),
  }),
  timesPerDay: z.number(),
  serves: z.array(z.string()),
  cautions: z.array(z.string()),
  note: z.string().optional().describe("a clinician's note to the person about this exercise"),
});

/** A programme with its state (GET /api/programme's shape), as a clinician reads it. */
export const programmeDetail = z.object({
  id: z.string(),
  assessmentId: z.string(),
  createdAt: instant,
  knowledgeBase: z.string(),
  phase: z.string(),
  gate: z.enum(['allowed', 'gentle-only', 'not-now']),
  paused: z.boolean(),
  pausedBy: z
    .object({ level, reasons: z.array(reason), advice: z.string() })
    .nullable()
    .describe('the warning sign that paused it (until a new assessment), or null'),
  warningCheckRequired: z.boolean(),
  items: z.array(planItem),
  selfCare: z.array(z.string()),
  selfCareDetails: z.array(z.object({ id: z.string(), why: z.string() })),
  stopRules: z.array(z.unknown()),
  progressionRule: z.string(),
  notes: z.array(z.string()),
  dropped: z.array(z.string()).describe('exercises the stop rules took out'),
  backOff: backOff.nullable(),
  restDate: localDate.nullable(),
  clinicianPause: z
    .object({ by: z.string(), name: z.string(), since: instant, note: z.string().nullable() })
    .nullable()
    .describe("a clinician's pause: only a clinician lifts it"),
});

/** The latest assessment in clinical terms. */
const clinicalAssessment = z.object({
  id: z.string(),
  createdAt: instant,
  knowledgeBase: z.string(),
  level,
  advice: z.string(),
  gate: z.enum(['allowed', 'gentle-only', 'not-now']),
  phase: z.string(),
  reasons: z.array(reason).describe('the triage reasons with their codes'),
  contributors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      likelihood: z.string(),
      score: z.number(),
      evidence: z.array(z.unknown()),
      evidenceStrength: z.string().nullable(),
      icd10: z.array(z.object({ code: z.string(), display: z.string() })),
    }),
  ),
  startBack: z
    .object({ total: z.number(), distress: z.number(), risk: z.string() })
    .nullable()
    .describe(
      'the Keele STarT Back tool (Keele University; commercial use needs its permission), or null',
    ),
  answers: z.record(z.string(), z.unknown()).describe('the intake answers'),
});

/** GET /api/clinician/people/:personId. */
export const personSummaryView = z.object({
  person: z.object({ id: z.string(), email: z.string(), linkedSince: instant }),
  assessment: clinicalAssessment.nullable(),
  programme: programmeDetail.nullable(),
  versionNumber: z.number().nullable().describe('the latest programme version; send it as basedOn'),
  warning: warningFact.nullable().describe('the standing warning'),
  need,
});

/** One version of a programme: who changed what, and their note. */
export const versionView = z.object({
  number: z.number(),
  createdAt: instant,
  author: z.object({
    id: z.string().nullable().describe("the clinician's account id; null for the engine"),
    name: z.string(),
    role: z.enum(['engine', 'clinician']),
  }),
  changes: z.array(
    z.object({
      op: z.enum(['add', 'remove', 'dose', 'note', 'pause', 'resume']),
      exerciseId: z.string().nullable().describe('null for pause and resume'),
      before: z.unknown().describe('the item before (dose, times a day, note), or null'),
      after: z.unknown().describe('the item after, or null'),
    }),
  ),
  note: z.string().nullable(),
  seenAt: instant.nullable().describe('when the person saw it; null until then'),
});

export const versionList = z.object({ items: z.array(versionView) });
export const versionMade = z.object({ version: versionView });

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
  answers: z.looseObject({ instrument: z.enum(INSTRUMENT_IDS) }),
  enteredBy: z.string(),
  change: z
    .object({
      change: z.number(),
      important: z.boolean().nullable(),
      direction: z.enum(['better', 'worse']).nullable(),
    })
    .nullable(),
});

export const outcomeList = z.object({ items: z.array(outcomeView), due: z.array(scheduleView) });
