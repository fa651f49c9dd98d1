// Routes about the service itself: health, the OpenAPI document, the intake Questionnaire, and the audit trail.
import { z } from 'zod';
import { intakeQuestionnaire } from '../../fhir/questionnaire.js';
import { requireUser } from '../app.js';
import { pageQuery, pageOf } from '../schemas.js';
import type { ZApi } from './types.js';

export function metaRoutes(app: ZApi): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['service'],
        response: {
          200: z.object({
            status: z.literal('ok'),
            store: z.enum(['sqlite', 'postgres', 'memory']),
            knowledgeBase: z.string(),
          }),
        },
      },
    },
    () => ({
      status: 'ok' as const,
      store: app.ctx.store.kind,
      knowledgeBase: app.ctx.kb.version,
    }),
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
      schema: {
        tags: ['account'],
        querystring: pageQuery,
        response: {
          200: pageOf(
            z.object({
              id: z.string(),
              at: z.string(),
              actor: z.string(),
              action: z.string(),
              resource: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const userId = requireUser(request);
      const page = await app.ctx.store.listAudit(userId, request.query);
      return {
        items: page.items.map(({ id, at, actor, action, resource }) => ({
          id,
          at,
          actor,
          action,
          resource,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
