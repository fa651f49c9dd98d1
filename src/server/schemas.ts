// Server-only request and response schemas of the HTTP API (`api.md`): accounts, paging, exports.
// The record bodies live in `../service/schemas.ts`, shared with the web app; all are the source of the OpenAPI document.
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
