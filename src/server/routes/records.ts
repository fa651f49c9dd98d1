// The person's data over HTTP: thin handlers that pass the validated body to the record service (`../../service/records.ts`) and send its answer.
// Its `RecordError`s become problem details in the app's one error handler.
import { z } from 'zod';
import * as records from '../../service/records.js';
import {
  assessmentCreated,
  assessmentPage,
  assessmentView,
  checkinOutcome,
  checkinPage,
  measurementPage,
  measurementView,
  programmePage,
  programmeView,
  progressView,
  sessionOutcome,
  sessionPage,
  sittingList,
  todayView,
} from '../../service/responses.js';
import {
  assessmentBody,
  checkinBody,
  measurementBody,
  sessionBody,
} from '../../service/schemas.js';
import { audit, recordContext, requireUser } from '../request-context.js';
import { sendExport } from '../export-stream.js';
import { exportQuery, idParams, pageQuery } from '../schemas.js';
import type { ZApi } from './types.js';

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

  app.post(
    '/api/assessments',
    {
      config: { access: 'write', role: 'person', problems: [404, 409, 422, 429] },
      schema: {
        tags: ['assessments'],
        description:
          'Stores an assessment and makes the programme built from it current (201). One whose clientId this person already sent is not stored again: the answer is the stored one, with 200.',
        body: assessmentBody,
        response: { 201: assessmentCreated, 200: assessmentCreated },
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
        response: { 200: assessmentPage },
      },
    },
    async (request) =>
      read(request, await records.listAssessments(ctx, requireUser(request), request.query)),
  );

  app.get(
    '/api/assessments/:id',
    {
      config: { access: 'read', role: 'person', problems: [404] },
      schema: { tags: ['assessments'], params: idParams, response: { 200: assessmentView } },
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
        response: { 200: todayView },
      },
    },
    async (request) =>
      read(request, await records.todayView(ctx, requireUser(request), request.query.date)),
  );

  app.get(
    '/api/programme',
    {
      config: { access: 'read', role: 'person', problems: [404] },
      schema: { tags: ['programme'], response: { 200: programmeView } },
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
        response: { 200: programmePage },
      },
    },
    async (request) =>
      read(request, await records.listProgrammes(ctx, requireUser(request), request.query)),
  );

  app.post(
    '/api/sessions',
    {
      config: { access: 'write', role: 'person', problems: [404, 409, 422, 429] },
      schema: {
        tags: ['sessions'],
        description:
          'Stores a session (201) and applies the stop rules and progression. A session whose clientId this person already sent is not stored or applied again: the answer is the stored one, with 200.',
        body: sessionBody,
        response: { 201: sessionOutcome, 200: sessionOutcome },
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
        response: { 200: sessionPage },
      },
    },
    async (request) =>
      read(request, await records.listSessions(ctx, requireUser(request), request.query)),
  );

  app.post(
    '/api/checkins',
    {
      config: { access: 'write', role: 'person', problems: [404, 409, 422, 429] },
      schema: {
        tags: ['checkins'],
        description:
          'Stores a check-in (201). A check-in that fires an emergency or urgent rule is stored with only the answers it has (warningSigns alone is enough) and pauses the programme; any other check-in must answer every question (400 naming each missing one). A check-in whose clientId this person already sent is not stored again: the answer is the stored one, with 200.',
        body: checkinBody,
        response: { 201: checkinOutcome, 200: checkinOutcome },
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
        response: { 200: checkinPage },
      },
    },
    async (request) =>
      read(request, await records.listCheckins(ctx, requireUser(request), request.query)),
  );

  app.post(
    '/api/measurements',
    {
      config: { access: 'write', role: 'person', problems: [404, 409, 422, 429] },
      schema: {
        tags: ['measurements'],
        description:
          'Stores a measurement (201). One whose clientId this person already sent is not stored again: the answer is the stored one, with 200.',
        body: measurementBody,
        response: { 201: measurementView, 200: measurementView },
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
        response: { 200: measurementPage },
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
        response: { 200: progressView },
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
        response: { 200: sittingList },
      },
    },
    async (request) =>
      read(request, { items: await records.listSittings(ctx, requireUser(request)) }),
  );

  app.get(
    '/api/export',
    {
      config: { access: 'export', role: 'person', problems: [404] },
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
