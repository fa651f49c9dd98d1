// Server-only request and response schemas of the HTTP API (`api.md`): accounts, paging, exports.
// The record bodies live in `../service/schemas.ts`, shared with the web app; all are the source of the OpenAPI document.
import { z } from 'zod';
import { withExpectations } from '../service/schemas.js';

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
