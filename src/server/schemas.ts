// Request and response schemas of the HTTP API (`api.md`): validated at the edge, and the source of the OpenAPI document.
import { z } from 'zod';
import { WARNING_SIGN_FIELDS, warningSignsSchema } from '../engine/checkin.js';
import { INTAKE_EXPECTATIONS, LEG_SIDES, PAIN_AREAS, intakeSchema } from '../engine/intake.js';
import { nestExpectations } from '../engine/problems.js';

/** Expectation texts attached to schemas, so validation problems read like the CLI's. */
export const expectationsOf = new WeakMap<object, Record<string, string>>();
function withExpectations<T extends z.ZodType>(schema: T, expectations: Record<string, string>): T {
  expectationsOf.set(schema, expectations);
  return schema;
}

const localDate = z.iso.date();
const id = z.string().min(1).max(64);

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

export const assessmentBody = withExpectations(z.strictObject({ answers: intakeSchema }), {
  ...nestExpectations('answers', INTAKE_EXPECTATIONS),
  answers: 'the intake answers (see intake.md)',
});

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
          felt: z.enum(['easier', 'same', 'harder']),
          painSharper: z.boolean(),
          painSpread: z.boolean(),
          newNumbnessOrWeakness: z.boolean().optional(),
        }),
      )
      .min(1)
      .max(50),
  }),
  { date: 'a calendar date, YYYY-MM-DD', entries: 'a list of 1 to 50 exercise entries' },
);

export const checkinBody = withExpectations(
  z.strictObject({
    date: localDate.optional(),
    painNow: z.int().min(0).max(10),
    painAreas: z.array(z.enum(PAIN_AREAS)).min(1),
    legSide: z.enum(LEG_SIDES),
    warningSigns: warningSignsSchema,
    sittingHours: z.number().min(0).max(24).optional(),
    walkingBreaks: z.int().min(0).max(100).optional(),
  }),
  {
    ...nestExpectations('warningSigns', INTAKE_EXPECTATIONS),
    date: 'a calendar date, YYYY-MM-DD',
    painNow: INTAKE_EXPECTATIONS.painNow,
    painAreas: INTAKE_EXPECTATIONS.painAreas,
    legSide: INTAKE_EXPECTATIONS.legSide,
    warningSigns: `every warning-sign answer, given explicitly: ${WARNING_SIGN_FIELDS.join(', ')}`,
    sittingHours: INTAKE_EXPECTATIONS.sittingHours,
    walkingBreaks: 'a whole number of walking breaks, 0 to 100',
  },
);

export const measurementBody = withExpectations(
  z
    .strictObject({
      date: localDate.optional(),
      kind: z.enum(['slr-angle', 'toe-touch']),
      side: z.enum(['left', 'right']).optional(),
      value: z.number().min(-100).max(180),
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
    date: 'a calendar date, YYYY-MM-DD',
    kind: 'one of slr-angle, toe-touch',
    side: 'left or right (required for slr-angle)',
    value:
      'degrees from 0 to 120 for slr-angle; centimetres short of the toes for toe-touch (negative when past them)',
  },
);

export const pageQuery = withExpectations(
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().min(1).max(64).optional(),
  }),
  { limit: 'a whole number from 1 to 500', cursor: 'the nextCursor of the previous page' },
);

export const exportQuery = withExpectations(
  z.strictObject({ format: z.enum(['fhir', 'json', 'csv']) }),
  {
    format: 'one of fhir, json, csv',
  },
);

export const idParams = withExpectations(z.strictObject({ id }), { id: 'an id' });

/** A loose description of engine outputs for the OpenAPI document; the engine's own types are exact. */
export const looseObject = z.record(z.string(), z.unknown());
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
