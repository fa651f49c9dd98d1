// Routes about the service itself: health, its public settings, the OpenAPI document, the intake Questionnaire,
// and the audit trail.
import { intakeQuestionnaire } from '../../fhir/questionnaire.js';
import { auditPage, configView, healthView } from '../../service/responses.js';
import { audit, requireUser } from '../request-context.js';
import { pageQuery } from '../schemas.js';
import type { ZApi } from './types.js';

export function metaRoutes(app: ZApi): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['service'],
        response: { 200: healthView },
      },
    },
    () => ({
      status: 'ok' as const,
      store: app.ctx.store.kind,
      knowledgeBase: app.ctx.kb.version,
    }),
  );

  app.get(
    '/api/config',
    {
      schema: {
        tags: ['service'],
        description:
          'What this deployment allows before anyone signs in: whether a clinician sign-up needs a code from the operator (`code`) or not (`open`).',
        response: { 200: configView },
      },
    },
    () => ({ clinicianSignup: app.ctx.clinicianSignup }),
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, () => Promise.resolve(app.swagger()));

  app.get(
    '/api/fhir/Questionnaire/intake',
    { schema: { tags: ['fhir'] } },
    async (_request, reply) =>
      reply.type('application/fhir+json').send(intakeQuestionnaire(app.ctx.kb.version)),
  );

  app.get(
    '/api/audit',
    {
      config: { access: 'read' },
      schema: {
        tags: ['account'],
        description:
          'Who read or changed the person’s data, signed in or out, made or revoked tokens, changed the password, or was refused, and when: newest first, each with the credential used (a browser session or a token, by id), the client address, the record touched and the outcome.',
        querystring: pageQuery,
        response: { 200: auditPage },
      },
    },
    async (request) => {
      const userId = requireUser(request);
      const page = await app.ctx.store.listAudit(userId, request.query);
      // Reading the trail is an access too, recorded before the page is sent.
      await audit(request, app.ctx, 'read');
      return {
        items: page.items.map((a) => ({
          id: a.id,
          at: a.at,
          actor: a.actor,
          action: a.action,
          resource: a.resource,
          resourceId: a.resourceId ?? null,
          credentialKind: a.credentialKind ?? null,
          credentialId: a.credentialId ?? null,
          address: a.address ?? null,
          outcome: a.outcome ?? 'ok',
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
