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
import { audit, recordContext, requireUser } from '../app.js';
import { sendExport } from '../export-stream.js';
import { exportQuery, idParams, looseObject, pageOf, pageQuery, versionView } from '../schemas.js';
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
  clinicianPause: z
    .object({ by: z.string(), name: z.string(), since: z.string(), note: z.string().nullable() })
    .nullable()
    .describe('a clinician paused the programme: no sitting until they resume it'),
  programmeNews: z
    .object({ versions: z.array(versionView) })
    .nullable()
    .describe(
      "a clinician's changes not seen yet, oldest first: show them before the next sitting, then POST /api/programme/versions/seen",
    ),
});

export function recordRoutes(app: ZApi): void {
  const ctx = app.ctx;
  /** Reads answer only once their audit row is stored: no row, no data. */
  const read = async <T>(
    request: Parameters<typeof requireUser>[0],
    data: T,
    resourceId: string | null = null,
  ): Promise<T> => {
    await audit(request, ctx, 'read', 'ok', resourceId);
    return data;
  };

  const assessmentAnswer = z.object({
    id: z.string(),
    createdAt: z.string(),
    result: looseObject,
    programmeId: z.string(),
  });
  app.post(
    '/api/assessments',
    {
      config: { access: 'write', role: 'person' },
      schema: {
        tags: ['assessments'],
        description:
          'Stores an assessment and makes the programme built from it current (201). One whose clientId this person already sent is not stored again: the answer is the stored one, with 200.',
        body: assessmentBody,
        response: { 201: assessmentAnswer, 200: assessmentAnswer },
      },
    },
    async (request, reply) => {
      const { duplicate, ...created } = await records.createAssessment(
        recordContext(request, app),
        requireUser(request),
        request.body,
      );
      return reply.code(duplicate ? 200 : 201).send(created);
    },
  );

  app.get(
    '/api/assessments',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: ['assessments'],
        querystring: pageQuery,
        response: { 200: pageOf(looseObject) },
      },
    },
    async (request) =>
      read(request, await records.listAssessments(ctx, requireUser(request), request.query)),
  );

  app.get(
    '/api/assessments/:id',
    {
      config: { access: 'read', role: 'person' },
      schema: { tags: ['assessments'], params: idParams, response: { 200: looseObject } },
    },
    async (request) =>
      read(
        request,
        await records.getAssessment(ctx, requireUser(request), request.params.id),
        request.params.id,
      ),
  );

  app.get(
    '/api/today',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: ['programme'],
        description:
          "The standing warning to lead with (until a new assessment), whether a session may start today, and any back-off. `date` is the person's local date (default: the server's UTC date).",
        querystring: z.strictObject({ date: z.iso.date().optional() }),
        response: { 200: todayAnswer },
      },
    },
    async (request) =>
      read(request, await records.todayView(ctx, requireUser(request), request.query.date)),
  );

  app.get(
    '/api/programme',
    {
      config: { access: 'read', role: 'person' },
      schema: { tags: ['programme'], response: { 200: looseObject } },
    },
    async (request) => {
      const programme = await records.currentProgramme(ctx, requireUser(request));
      return read(request, programme, programme.id);
    },
  );

  app.get(
    '/api/programmes',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: ['programme'],
        querystring: pageQuery,
        response: { 200: pageOf(looseObject) },
      },
    },
    async (request) =>
      read(request, await records.listProgrammes(ctx, requireUser(request), request.query)),
  );

  app.post(
    '/api/sessions',
    {
      config: { access: 'write', role: 'person' },
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
        recordContext(request, app),
        requireUser(request),
        request.body,
      );
      return reply.code(duplicate ? 200 : 201).send(answer);
    },
  );

  app.get(
    '/api/sessions',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: ['sessions'],
        querystring: pageQuery,
        response: { 200: pageOf(looseObject) },
      },
    },
    async (request) =>
      read(request, await records.listSessions(ctx, requireUser(request), request.query)),
  );

  app.post(
    '/api/checkins',
    {
      config: { access: 'write', role: 'person' },
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
        recordContext(request, app),
        requireUser(request),
        request.body,
      );
      return reply.code(duplicate ? 200 : 201).send(answer);
    },
  );

  app.get(
    '/api/checkins',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: ['checkins'],
        querystring: pageQuery,
        response: { 200: pageOf(looseObject) },
      },
    },
    async (request) =>
      read(request, await records.listCheckins(ctx, requireUser(request), request.query)),
  );

  app.post(
    '/api/measurements',
    {
      config: { access: 'write', role: 'person' },
      schema: {
        tags: ['measurements'],
        description:
          'Stores a measurement (201). One whose clientId this person already sent is not stored again: the answer is the stored one, with 200.',
        body: measurementBody,
        response: { 201: looseObject, 200: looseObject },
      },
    },
    async (request, reply) => {
      const { duplicate, ...stored } = await records.addMeasurement(
        recordContext(request, app),
        requireUser(request),
        request.body,
      );
      return reply.code(duplicate ? 200 : 201).send(stored);
    },
  );

  app.get(
    '/api/measurements',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: ['measurements'],
        querystring: pageQuery,
        response: { 200: pageOf(looseObject) },
      },
    },
    async (request) =>
      read(request, await records.listMeasurements(ctx, requireUser(request), request.query)),
  );

  app.get(
    '/api/progress',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: ['progress'],
        description:
          "Pain, extent, adherence (sittings and exercises, planned against done) and leg-raise angles. `date` is the person's local date today (default: the server's UTC date).",
        querystring: z.strictObject({ date: z.iso.date().optional() }),
        response: { 200: looseObject },
      },
    },
    async (request) =>
      read(request, await records.progress(ctx, requireUser(request), request.query.date)),
  );

  app.get(
    '/api/sittings',
    {
      config: { access: 'read', role: 'person' },
      schema: {
        tags: ['sessions'],
        description:
          'One record per sitting, newest first: every exercise logged in it (with what was planned, what was done and how it went).',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                sittingId: z.string(),
                date: z.string(),
                startedAt: z.string().nullable(),
                entries: z.array(
                  z.looseObject({
                    exerciseId: z.string(),
                    loggedAt: z.string(),
                    painSharper: z.boolean(),
                    painSpread: z.boolean(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) =>
      read(request, { items: await records.listSittings(ctx, requireUser(request)) }),
  );

  app.get(
    '/api/export',
    {
      config: { access: 'export', role: 'person' },
      schema: { tags: ['export'], querystring: exportQuery },
    },
    async (request, reply) => {
      // Not-found for an account that is gone, before anything is read or audited.
      const out = await records.exportRecord(ctx, requireUser(request), request.query.format);
      // The export leaves its row before a byte of it is sent: no row, no data.
      await audit(request, ctx, 'export');
      // Streamed: the record is read a page at a time as the client takes it.
      return sendExport(reply, out);
    },
  );
}
