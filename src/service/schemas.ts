// The bodies of the person's record (assessments, sessions, check-ins, measurements): one zod schema each, shared by the server and the web app.
import { z } from 'zod';
import { WARNING_SIGN_FIELDS, warningSignsSchema } from '../engine/checkin.js';
import {
  INTAKE_EXPECTATIONS,
  LEG_AREAS,
  LEG_SIDES,
  PAIN_AREAS,
  intakeSchema,
} from '../engine/intake.js';
import {
  OWN_EXPECTATION,
  nestExpectations,
  problemsFromZod,
  type Result,
} from '../engine/problems.js';

/** Expectation texts attached to schemas, so validation problems read like the CLI's. */
export const expectationsOf = new WeakMap<object, Record<string, string>>();

/** Attaches the expectation texts of a schema's fields (by dotted path) to the schema. */
export function withExpectations<T extends z.ZodType>(
  schema: T,
  expectations: Record<string, string>,
): T {
  expectationsOf.set(schema, expectations);
  return schema;
}

/**
 * Validates input against a schema, with one problem per field naming the path, the expectation
 * and what was given: the same problems the server sends in a 400.
 */
export function parseBody<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: problemsFromZod(result.error.issues, input, expectationsOf.get(schema) ?? {}),
  };
}

const localDate = z.iso.date();
const DATE_EXPECTATION = 'a calendar date, YYYY-MM-DD';

/** A record's id made on the device, so one sent again (offline queue, retry) is stored once. */
export const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const assessmentBody = withExpectations(
  z.strictObject({ answers: intakeSchema, clientId: z.string().regex(CLIENT_ID).optional() }),
  {
    ...nestExpectations('answers', INTAKE_EXPECTATIONS),
    answers: 'the intake answers (see intake.md)',
    clientId: 'an id the device made for this assessment, 8 to 64 letters, digits, - or _',
  },
);
export type AssessmentBody = z.output<typeof assessmentBody>;

export const sessionBody = withExpectations(
  z.strictObject({
    date: localDate.optional(),
    entries: z
      .array(
        z.strictObject({
          exerciseId: z.string().min(1).max(64),
          done: z.strictObject({
            sets: z.int().min(0).max(20).optional(),
            reps: z.int().min(0).max(500).optional(),
            holdSeconds: z.int().min(0).max(600).optional(),
            sides: z.enum(['left', 'right', 'both']).optional(),
          }),
          tooEasy: z.boolean().optional(),
          felt: z.enum(['easier', 'same', 'harder']).optional(),
          painSharper: z.boolean(),
          painSpread: z.boolean(),
          newNumbnessOrWeakness: z.boolean().optional(),
        }),
      )
      .min(1)
      .max(50),
    clientId: z.string().regex(CLIENT_ID).optional(),
    /** The sitting these exercises belong to: logs with the same id are one sitting. */
    sittingId: z.string().regex(CLIENT_ID).optional(),
  }),
  {
    date: DATE_EXPECTATION,
    entries: 'a list of 1 to 50 exercise entries',
    clientId: 'an id the device made for this session, 8 to 64 letters, digits, - or _',
    sittingId:
      'the id of the sitting these exercises were done in, 8 to 64 letters, digits, - or _ (the same for every exercise of one sitting)',
  },
);
export type SessionBody = z.output<typeof sessionBody>;

/**
 * A check-in. The pain answers and the warning signs are optional here because a check-in that stops
 * at its first emergency or urgent answer is stored as it is; the service refuses any other check-in
 * that leaves a question unanswered (`missingCheckinAnswers`), naming each one.
 */
export const checkinBody = withExpectations(
  z
    .strictObject({
      date: localDate.optional(),
      age: z.int().min(16).max(110).optional(),
      painNow: z.int().min(0).max(10).optional(),
      painAreas: z.array(z.enum(PAIN_AREAS)).min(1).optional(),
      legSide: z.enum(LEG_SIDES).optional(),
      warningSigns: warningSignsSchema,
      sittingHours: z.number().min(0).max(24).optional(),
      walkingBreaks: z.int().min(0).max(100).optional(),
      clientId: z.string().regex(CLIENT_ID).optional(),
    })
    .superRefine((c, ctx) => {
      const legAreas = (c.painAreas ?? []).filter((a) => LEG_AREAS.includes(a));
      if (c.legSide === 'none' && legAreas.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['legSide'],
          message: `left, right or both, because painAreas includes ${legAreas.join(', ')} (legSide none means no buttock or leg symptoms)`,
          params: OWN_EXPECTATION,
        });
      }
    }),
  {
    ...nestExpectations('warningSigns', INTAKE_EXPECTATIONS),
    date: DATE_EXPECTATION,
    age: `${INTAKE_EXPECTATIONS.age}; only needed when a warning is reported before any assessment`,
    painNow: INTAKE_EXPECTATIONS.painNow,
    painAreas: INTAKE_EXPECTATIONS.painAreas,
    legSide: INTAKE_EXPECTATIONS.legSide,
    warningSigns: `the warning-sign answers, given explicitly: ${WARNING_SIGN_FIELDS.join(', ')}`,
    sittingHours: INTAKE_EXPECTATIONS.sittingHours,
    walkingBreaks: 'a whole number of walking breaks, 0 to 100',
    clientId: 'an id the device made for this check-in, 8 to 64 letters, digits, - or _',
  },
);
export type CheckinBody = z.output<typeof checkinBody>;

export const measurementBody = withExpectations(
  z
    .strictObject({
      date: localDate.optional(),
      kind: z.enum(['slr-angle', 'toe-touch']),
      side: z.enum(['left', 'right']).optional(),
      value: z.number().min(-100).max(180),
      clientId: z.string().regex(CLIENT_ID).optional(),
    })
    .superRefine((m, ctx) => {
      if (m.kind === 'slr-angle' && (m.value < 0 || m.value > 120)) {
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: 'degrees from 0 to 120 for slr-angle',
        });
      }
      if (m.kind === 'slr-angle' && m.side === undefined) {
        ctx.addIssue({ code: 'custom', path: ['side'], message: 'left or right for slr-angle' });
      }
    }),
  {
    date: DATE_EXPECTATION,
    kind: 'one of slr-angle, toe-touch',
    side: 'left or right (required for slr-angle)',
    value:
      'degrees from 0 to 120 for slr-angle; centimetres short of the toes for toe-touch (negative when past them)',
    clientId: 'an id the device made for this measurement, 8 to 64 letters, digits, - or _',
  },
);
export type MeasurementBody = z.output<typeof measurementBody>;
