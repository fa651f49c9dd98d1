// Server-only request schemas of the HTTP API (`docs/api.md`, `docs/clinician.md`): accounts, paging, exports, and
// the clinician side's paths. The record bodies live in `../service/schemas.ts`, shared with the web app, and every
// response body in `../service/responses.ts`; all are the source of the OpenAPI document.
import { z } from 'zod';
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
