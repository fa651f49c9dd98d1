// The person's side of the clinician link (docs/clinician.md): reading and accepting an invitation, their
// links, who looked at their record, their outcome measures, and the versions of their programme.
// Thin handlers: the service does the work and writes the audit rows of its changes.
import * as care from '../../service/clinician.js';
import { ownOutcomeBody, versionsSeenBody } from '../../service/clinician-schemas.js';
import { audit, recordContext, requireUser } from '../request-context.js';
import {
  accessLogPage,
  invitationPreview,
  linkList,
  linkView,
  noContent,
  outcomeList,
  outcomeView,
  versionList,
} from '../../service/responses.js';
import { codeParams, idParams, pageQuery } from '../schemas.js';
import type { ZApi } from './types.js';

const TAGS = ['links'];

export function linkRoutes(app: ZApi): void {
  const ctx = app.ctx;
  /** Reads answer only once their audit row is stored: no row, no data. */
  const read = async <T>(request: Parameters<typeof requireUser>[0], data: T): Promise<T> => {
    await audit(request, ctx, 'read');
    return data;
  };

  app.get(
    '/api/invitations/:code',
    {
      config: { access: 'read', role: 'person', problems: [404, 429] },
      schema: {
        tags: TAGS,
        description:
          'What an invitation would share, to read before accepting it: the clinician’s name and email, when it expires, what they will see and what they may change. Unknown, used, withdrawn or expired codes answer 404 `invitation-unusable`; after 10 failed lookups in an hour, 429 `too-many-tries` with `Retry-After`.',
        params: codeParams,
        response: { 200: invitationPreview },
      },
    },
    async (request) =>
      read(
        request,
        await care.previewInvitation(
          recordContext(request, app),
          requireUser(request),
          request.params.code,
        ),
      ),
  );

  app.post(
    '/api/invitations/:code/accept',
    {
      // Consent to share the record: from a signed-in browser only, as other changes to the account are.
      config: { access: 'account', role: 'person', problems: [404, 409, 429] },
      schema: {
        tags: TAGS,
        description:
          'Accepts an invitation (201 with the link): the clinician may now see your record and change your programme, until you end the link. 404 `invitation-unusable` as for reading it; 409 `already-linked` when you already have an active link to that clinician. Only from a signed-in browser.',
        params: codeParams,
        response: { 201: linkView },
      },
    },
    async (request, reply) => {
      const link = await care.acceptInvitation(
        recordContext(request, app),
        requireUser(request),
        request.params.code,
      );
      return reply.code(201).send(link);
    },
  );

  app.get(
    '/api/links',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: TAGS,
        description:
          'Your links to clinicians, newest first, active and ended (who ended each, and when).',
        response: { 200: linkList },
      },
    },
    async (request) =>
      read(request, await care.listLinks(recordContext(request, app), requireUser(request))),
  );

  app.delete(
    '/api/links/:id',
    {
      config: { access: 'write', role: 'person', problems: [404] },
      schema: {
        tags: TAGS,
        description:
          'Ends a link at once (204): the clinician’s next request for your record is refused. 404 for a link that is not yours or already ended.',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await care.endLink(recordContext(request, app), requireUser(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/access-log',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: TAGS,
        description:
          'Every read and change a clinician (or the operator) made on your record, newest first, in plain words: who, when, and what ("your check-ins").',
        querystring: pageQuery,
        response: { 200: accessLogPage },
      },
    },
    async (request) =>
      read(
        request,
        await care.accessLog(recordContext(request, app), requireUser(request), request.query),
      ),
  );

  app.get(
    '/api/outcomes',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: ['outcomes'],
        description:
          'Your outcome measures, oldest first, each scored as its authors specify with the change since your first score on it; and the measures your clinician asked for that are still due.',
        response: { 200: outcomeList },
      },
    },
    async (request) =>
      read(request, await care.listOwnOutcomes(recordContext(request, app), requireUser(request))),
  );

  app.post(
    '/api/outcomes',
    {
      config: { access: 'write', role: 'person', problems: [404, 409] },
      schema: {
        tags: ['outcomes'],
        description:
          'Records your answers to an outcome measure (201, scored): `pain-nrs`, `rmdq`, `psfs`, `sciatica-bothersomeness` or `global-rating-of-change`. `scheduleId` answers a measure your clinician asked for. The Oswestry index is entered by a clinician only (403). A repeated `clientId` is stored once.',
        body: ownOutcomeBody,
        response: { 201: outcomeView },
      },
    },
    async (request, reply) => {
      const outcome = await care.addOwnOutcome(
        recordContext(request, app),
        requireUser(request),
        request.body,
      );
      return reply.code(201).send(outcome);
    },
  );

  app.get(
    '/api/programme/versions',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: ['programme'],
        description:
          'The versions of your current programme, newest first: who made each (the engine, or your clinician), what changed, their note, and when you saw it.',
        response: { 200: versionList },
      },
    },
    async (request) =>
      read(request, await care.listOwnVersions(recordContext(request, app), requireUser(request))),
  );

  app.post(
    '/api/programme/versions/seen',
    {
      config: { access: 'write', role: 'person', problems: [404] },
      schema: {
        tags: ['programme'],
        description:
          'Marks your programme’s versions up to `upTo` as seen (204): they leave `programmeNews` in `GET /api/today`.',
        body: versionsSeenBody,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await care.markVersionsSeen(
        recordContext(request, app),
        requireUser(request),
        request.body.upTo,
      );
      return reply.code(204).send();
    },
  );
}
