// The person's data over HTTP: thin handlers that pass the validated body to the record service (`../../service/records.ts`) and send its answer.
// Its `RecordError`s become problem details in the app's one error handler.
import { z } from 'zod';
import * as records from '../../service/records.js';
import {
  assessmentBody,
  checkinBody,
  measurementBody,
  sessionBody,
} from '../../service/schemas.js';
import { requireUser } from '../app.js';
import { exportQuery, idParams, looseObject, pageOf, pageQuery } from '../schemas.js';
import type { ZApi } from './types.js';

const sessionAnswer = z.object({
  id: z.string(),
  programmeChanges: z.array(
    z.object({
      exerciseId: z.string(),
      change: z.enum(['dropped', 'replaced', 'progressed']),
      by: z.string().optional(),
    }),
  ),
  warningCheckRequired: z.boolean(),
  stoppedForToday: z.boolean(),
  advice: z.array(z.string()),
});

const triageAnswer = z.object({
  level: z.enum(['self-care', 'soon', 'urgent', 'emergency']),
  reasons: z.array(z.object({ code: z.string(), text: z.string(), answers: z.array(z.string()) })),
  advice: z.string(),
});

const checkinAnswer = z.object({
  id: z.string(),
  programmePaused: z.boolean(),
  triage: triageAnswer.optional(),
  newLegSymptoms: z
    .object({
      areas: z.array(z.string()),
      sides: z.array(z.enum(['left', 'right'])),
      numbnessFurther: z.boolean(),
    })
    .optional(),
  reassessmentAdvised: z.boolean(),
  backOffEnded: z.boolean(),
  advice: z.array(z.string()),
});

const todayAnswer = z.object({
  warning: triageAnswer.extend({ since: z.string() }).nullable(),
  sessionAllowed: z.boolean(),
  blockedBy: z
    .enum(['no-programme', 'paused', 'warning-check-required', 'rest-today', 'no-exercises'])
    .nullable(),
  backOff: z
    .object({
      reason: z.enum(['spread', 'new-leg-symptoms']),
      since: z.string(),
      until: z.enum(['settled', 'reassessment']),
    })
    .nullable(),
  reassessmentAdvised: z.boolean(),
});

export function recordRoutes(app: ZApi): void {
  const ctx = app.ctx;

  app.post(
    '/api/assessments',
    {
      schema: {
        tags: ['assessments'],
        body: assessmentBody,
        response: {
          201: z.object({
            id: z.string(),
            createdAt: z.string(),
            result: looseObject,
            programmeId: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const created = await records.createAssessment(ctx, requireUser(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/assessments',
    {
      schema: {
        tags: ['assessments'],
        querystring: pageQuery,
        response: { 200: pageOf(looseObject) },
      },
    },
    async (request) => records.listAssessments(ctx, requireUser(request), request.query),
  );

  app.get(
    '/api/assessments/:id',
    { schema: { tags: ['assessments'], params: idParams, response: { 200: looseObject } } },
    async (request) => records.getAssessment(ctx, requireUser(request), request.params.id),
  );

  app.get(
    '/api/today',
    {
      schema: {
        tags: ['programme'],
        description:
          "The standing warning to lead with (until a new assessment), whether a session may start today, and any back-off. `date` is the person's local date (default: the server's UTC date).",
        querystring: z.strictObject({ date: z.iso.date().optional() }),
        response: { 200: todayAnswer },
      },
    },
    async (request) => records.todayView(ctx, requireUser(request), request.query.date),
  );

  app.get(
    '/api/programme',
    { schema: { tags: ['programme'], response: { 200: looseObject } } },
    async (request) => records.currentProgramme(ctx, requireUser(request)),
  );

  app.get(
    '/api/programmes',
    {
      schema: {
        tags: ['programme'],
        querystring: pageQuery,
        response: { 200: pageOf(looseObject) },
      },
    },
    async (request) => records.listProgrammes(ctx, requireUser(request), request.query),
  );

  app.post(
    '/api/sessions',
    {
      schema: {
        tags: ['sessions'],
        description:
          'Stores a session (201) and applies the stop rules and progression. A session whose clientId this person already sent is not stored or applied again: the answer is the stored one, with 200.',
        body: sessionBody,
        response: { 201: sessionAnswer, 200: sessionAnswer },
      },
    },
    async (request, reply) => {
      const { duplicate, ...answer } = await records.logSession(
        ctx,
        requireUser(request),
        request.body,
      );
      return reply.code(duplicate ? 200 : 201).send(answer);
    },
  );

  app.get(
    '/api/sessions',
    {
      schema: {
        tags: ['sessions'],
        querystring: pageQuery,
        response: { 200: pageOf(looseObject) },
      },
    },
    async (request) => records.listSessions(ctx, requireUser(request), request.query),
  );

  app.post(
    '/api/checkins',
    {
      schema: {
        tags: ['checkins'],
        description:
          'Stores a check-in (201). A check-in that fires an emergency or urgent rule is stored with only the answers it has (warningSigns alone is enough) and pauses the programme; any other check-in must answer every question (400 naming each missing one). A check-in whose clientId this person already sent is not stored again: the answer is the stored one, with 200.',
        body: checkinBody,
        response: { 201: checkinAnswer, 200: checkinAnswer },
      },
    },
    async (request, reply) => {
      const { duplicate, ...answer } = await records.addCheckin(
        ctx,
        requireUser(request),
        request.body,
      );
      return reply.code(duplicate ? 200 : 201).send(answer);
    },
  );

  app.get(
    '/api/checkins',
    {
      schema: {
        tags: ['checkins'],
        querystring: pageQuery,
        response: { 200: pageOf(looseObject) },
      },
    },
    async (request) => records.listCheckins(ctx, requireUser(request), request.query),
  );

  app.post(
    '/api/measurements',
    { schema: { tags: ['measurements'], body: measurementBody, response: { 201: looseObject } } },
    async (request, reply) => {
      const stored = await records.addMeasurement(ctx, requireUser(request), request.body);
      return reply.code(201).send(stored);
    },
  );

  app.get(
    '/api/measurements',
    {
      schema: {
        tags: ['measurements'],
        querystring: pageQuery,
        response: { 200: pageOf(looseObject) },
      },
    },
    async (request) => records.listMeasurements(ctx, requireUser(request), request.query),
  );

  app.get(
    '/api/progress',
    { schema: { tags: ['progress'], response: { 200: looseObject } } },
    async (request) => records.progress(ctx, requireUser(request)),
  );

  app.get(
    '/api/export',
    { schema: { tags: ['export'], querystring: exportQuery } },
    async (request, reply) => {
      const out = await records.exportRecord(ctx, requireUser(request), request.query.format);
      reply.type(out.contentType);
      // Only the CSV is offered as a download; the JSON documents open in place.
      if (out.format === 'csv') {
        reply.header('content-disposition', `attachment; filename="${out.fileName}"`);
      }
      return reply.send(out.body);
    },
  );
}
