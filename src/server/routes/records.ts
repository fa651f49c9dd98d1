// The person's data: assessments, the programme, exercise sessions, check-ins, measurements, progress and exports.
// The engine decides; these handlers only load, call it, and store the outcome.
import { z } from 'zod';
import { assessIntake } from '../../engine/assess.js';
import { checkinTriage, newWarningReasons } from '../../engine/checkin.js';
import { generateProgramme } from '../../engine/plan.js';
import { summariseProgress } from '../../engine/progress.js';
import {
  applySession,
  clearWarningCheck,
  initialProgrammeState,
  type SessionEntry,
} from '../../engine/session.js';
import { WARNING_RULES } from '../../engine/triage.js';
import { exportBundle, exportCsv, exportJson } from '../../fhir/export.js';
import type { ExerciseId } from '../../kb/types.js';
import { newId } from '../../store/ids.js';
import type {
  AssessmentRecord,
  ProgrammeRecord,
  ProgrammeUpdate,
  Store,
} from '../../store/types.js';
import { requireUser } from '../app.js';
import { ApiError, notFound } from '../problems.js';
import {
  assessmentBody,
  checkinBody,
  exportQuery,
  idParams,
  looseObject,
  measurementBody,
  pageOf,
  pageQuery,
  sessionBody,
} from '../schemas.js';
import type { ZApi } from './types.js';

/** How many times a programme update is retried when another request or process changed it first. */
const CAS_RETRIES = 25;

/** A short random pause before retrying, so concurrent writers stop colliding in step. */
const backoff = (attempt: number) =>
  attempt === 0
    ? Promise.resolve()
    : new Promise<void>((resolve) =>
        setTimeout(resolve, Math.floor(Math.random() * 10 * Math.min(attempt, 8)) + 1),
      );

const today = (now: Date) => now.toISOString().slice(0, 10);

function programmeView(p: ProgrammeRecord) {
  return {
    id: p.id,
    assessmentId: p.assessmentId,
    createdAt: p.createdAt,
    knowledgeBase: p.programme.knowledgeBase,
    phase: p.programme.phase,
    gate: p.programme.gate,
    paused: p.paused,
    pausedBy: p.pausedBy,
    warningCheckRequired: p.state.warningCheckRequired,
    items: p.programme.items,
    selfCare: p.programme.selfCare,
    selfCareDetails: p.programme.selfCareDetails,
    stopRules: p.programme.stopRules,
    progressionRule: p.programme.progressionRule,
    notes: p.programme.notes,
    dropped: p.state.dropped,
  };
}

const assessmentView = (a: AssessmentRecord) => ({
  id: a.id,
  createdAt: a.createdAt,
  answers: a.answers,
  result: a.result,
});

async function loadWhole(store: Store, userId: string) {
  const user = await store.getUser(userId);
  if (!user) throw notFound('account');
  const assessments: AssessmentRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listAssessments(userId, { limit: 500, cursor });
    assessments.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return {
    user,
    assessments: assessments.reverse(),
    programme: await store.getCurrentProgramme(userId),
    sessions: await store.sessionLogsSince(userId, '0000-01-01'),
    checkins: await store.allCheckins(userId),
    measurements: await store.allMeasurements(userId),
  };
}

/** The warning reasons already known when the programme was made (they do not pause it again). */
function knownWarningReasons(assessment: AssessmentRecord, programme: ProgrammeRecord) {
  const warningCodes = new Set<string>(WARNING_RULES.map((r) => r.code));
  return [
    ...assessment.result.triage.reasons.filter((r) => warningCodes.has(r.code)),
    ...(programme.pausedBy?.reasons ?? []),
  ];
}

export function recordRoutes(app: ZApi): void {
  const { store, kb } = app.ctx;

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
      const userId = requireUser(request);
      const answers = request.body.answers;
      const result = assessIntake(answers, kb);
      const programme = generateProgramme(
        { answers, gate: result.exercise, contributors: result.contributors },
        kb,
      );
      const now = app.ctx.now();
      const createdAt = now.toISOString();
      const assessment: AssessmentRecord = {
        userId,
        id: newId(now),
        createdAt,
        answers,
        result,
        knowledgeBase: kb.version,
      };
      const programmeRecord: ProgrammeRecord = {
        userId,
        id: newId(now),
        assessmentId: assessment.id,
        createdAt,
        programme,
        state: initialProgrammeState(),
        paused: false,
        pausedBy: null,
        current: true,
        revision: 0,
      };
      await store.addAssessment(assessment, programmeRecord);
      return reply
        .code(201)
        .send({ id: assessment.id, createdAt, result, programmeId: programmeRecord.id });
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
    async (request) => {
      const page = await store.listAssessments(requireUser(request), request.query);
      return { items: page.items.map(assessmentView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/assessments/:id',
    { schema: { tags: ['assessments'], params: idParams, response: { 200: looseObject } } },
    async (request) => {
      const found = await store.getAssessment(requireUser(request), request.params.id);
      if (!found) throw notFound('assessment with that id');
      return assessmentView(found);
    },
  );

  app.get(
    '/api/programme',
    { schema: { tags: ['programme'], response: { 200: looseObject } } },
    async (request) => {
      const current = await store.getCurrentProgramme(requireUser(request));
      if (!current) throw notFound('programme yet: complete an assessment first');
      return programmeView(current);
    },
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
    async (request) => {
      const page = await store.listProgrammes(requireUser(request), request.query);
      return {
        items: page.items.map((p) => ({ ...programmeView(p), current: p.current })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    '/api/sessions',
    {
      schema: {
        tags: ['sessions'],
        body: sessionBody,
        response: {
          201: z.object({
            id: z.string(),
            programmeChanges: z.array(
              z.object({
                exerciseId: z.string(),
                change: z.enum(['dropped', 'replaced', 'progressed']),
                by: z.string().optional(),
              }),
            ),
            warningCheckRequired: z.boolean(),
          }),
        },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request);
      const now = app.ctx.now();
      const date = request.body.date ?? today(now);
      for (let attempt = 0; attempt < CAS_RETRIES; attempt++) {
        await backoff(attempt);
        const current = await store.getCurrentProgramme(userId);
        if (!current)
          throw new ApiError(
            409,
            'no-programme',
            'No programme yet',
            'Complete an assessment first; it builds your programme.',
          );
        if (current.paused) {
          throw new ApiError(
            409,
            'programme-paused',
            'Your programme is paused',
            current.pausedBy?.advice ?? 'Follow the advice you were given before exercising again.',
          );
        }
        if (current.state.warningCheckRequired) {
          throw new ApiError(
            409,
            'warning-check-required',
            'Please answer the warning-sign questions first',
            'Pain spread down the leg twice within a week, or new numbness or weakness appeared. Do a check-in with the warning-sign questions before the next session.',
          );
        }
        const planned = new Map(
          current.programme.items.map((i) => [i.exerciseId as string, i.dosage]),
        );
        const unknown = request.body.entries.filter((e) => !planned.has(e.exerciseId));
        if (unknown.length > 0) {
          throw new ApiError(
            400,
            'not-in-programme',
            'Exercise not in your programme',
            `These are not in your current programme: ${unknown.map((e) => e.exerciseId).join(', ')}.`,
          );
        }
        const entries: SessionEntry[] = request.body.entries.map((e) => ({
          ...e,
          exerciseId: e.exerciseId as ExerciseId,
          planned: planned.get(e.exerciseId) ?? null,
        }));
        const assessment = await store.getAssessment(userId, current.assessmentId);
        if (!assessment) throw notFound('assessment behind this programme');
        const outcome = applySession(
          {
            programme: current.programme,
            state: current.state,
            entries,
            date,
            answers: assessment.answers,
          },
          kb,
        );
        const log = {
          userId,
          id: newId(now),
          programmeId: current.id,
          date,
          createdAt: now.toISOString(),
          entries,
          programmeChanges: outcome.changes,
          warningCheckRequired: outcome.warningCheckRequired,
        };
        const update: ProgrammeUpdate = {
          id: current.id,
          expectedRevision: current.revision,
          programme: outcome.programme,
          state: outcome.state,
          paused: current.paused,
          pausedBy: current.pausedBy,
        };
        if (await store.addSessionLog(log, update)) {
          return reply.code(201).send({
            id: log.id,
            programmeChanges: outcome.changes,
            warningCheckRequired: outcome.warningCheckRequired,
          });
        }
      }
      throw new ApiError(
        409,
        'busy',
        'Your programme changed at the same moment',
        'Please send the session again.',
      );
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
    async (request) => {
      const page = await store.listSessionLogs(requireUser(request), request.query);
      return {
        items: page.items.map(({ userId: _u, ...rest }) => rest),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    '/api/checkins',
    {
      schema: {
        tags: ['checkins'],
        body: checkinBody,
        response: {
          201: z.object({
            id: z.string(),
            programmePaused: z.boolean(),
            triage: looseObject.optional(),
          }),
        },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request);
      const body = request.body;
      const now = app.ctx.now();
      const latest = await store.latestAssessment(userId);
      if (!latest)
        throw new ApiError(
          409,
          'no-assessment',
          'No assessment yet',
          'Complete an assessment first; check-ins compare against it.',
        );
      const fired = checkinTriage(latest.answers, {
        painNow: body.painNow,
        painAreas: body.painAreas,
        legSide: body.legSide,
        warningSigns: body.warningSigns,
      });
      for (let attempt = 0; attempt < CAS_RETRIES; attempt++) {
        await backoff(attempt);
        const current = await store.getCurrentProgramme(userId);
        const fresh =
          fired && current
            ? newWarningReasons(knownWarningReasons(latest, current), fired.reasons)
            : fired
              ? fired.reasons.map((r) => r.code)
              : [];
        const pause = fired !== null && fresh.length > 0;
        const paused = (current?.paused ?? false) || pause;
        const checkin = {
          userId,
          id: newId(now),
          date: body.date ?? today(now),
          createdAt: now.toISOString(),
          painNow: body.painNow,
          painAreas: body.painAreas,
          legSide: body.legSide,
          warningSigns: body.warningSigns,
          sittingHours: body.sittingHours ?? null,
          walkingBreaks: body.walkingBreaks ?? null,
          triage: fired,
          programmePaused: paused,
        };
        // The check-in answers the warning-sign questions, so a pending re-check is cleared.
        // The programme is only rewritten when something about it changes.
        const changes = current !== undefined && (pause || current.state.warningCheckRequired);
        const update: ProgrammeUpdate | undefined = changes
          ? {
              id: current.id,
              expectedRevision: current.revision,
              programme: current.programme,
              state: clearWarningCheck(current.state),
              paused,
              pausedBy: pause && fired ? fired : current.pausedBy,
            }
          : undefined;
        if (await store.addCheckin(checkin, update)) {
          return reply
            .code(201)
            .send({ id: checkin.id, programmePaused: paused, ...(fired ? { triage: fired } : {}) });
        }
      }
      throw new ApiError(
        409,
        'busy',
        'Your programme changed at the same moment',
        'Please send the check-in again.',
      );
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
    async (request) => {
      const page = await store.listCheckins(requireUser(request), request.query);
      return {
        items: page.items.map(({ userId: _u, ...rest }) => rest),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    '/api/measurements',
    { schema: { tags: ['measurements'], body: measurementBody, response: { 201: looseObject } } },
    async (request, reply) => {
      const userId = requireUser(request);
      const now = app.ctx.now();
      const m = request.body;
      const record = {
        userId,
        id: newId(now),
        date: m.date ?? today(now),
        createdAt: now.toISOString(),
        kind: m.kind,
        side: m.side ?? null,
        value: m.value,
      };
      await store.addMeasurement(record);
      const { userId: _u, ...view } = record;
      return reply.code(201).send(view);
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
    async (request) => {
      const page = await store.listMeasurements(requireUser(request), request.query);
      return {
        items: page.items.map(({ userId: _u, ...rest }) => rest),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/api/progress',
    { schema: { tags: ['progress'], response: { 200: looseObject } } },
    async (request) => {
      const userId = requireUser(request);
      const [programme, checkins, measurements] = await Promise.all([
        store.getCurrentProgramme(userId),
        store.allCheckins(userId),
        store.allMeasurements(userId),
      ]);
      const programmeStart = programme ? programme.createdAt.slice(0, 10) : null;
      const sessions = await store.sessionLogsSince(userId, programmeStart ?? '0000-01-01');
      return summariseProgress({
        today: today(app.ctx.now()),
        programmeStart,
        checkins,
        sessions,
        measurements,
      });
    },
  );

  app.get(
    '/api/export',
    { schema: { tags: ['export'], querystring: exportQuery } },
    async (request, reply) => {
      const userId = requireUser(request);
      const record = await loadWhole(store, userId);
      const now = app.ctx.now().toISOString();
      switch (request.query.format) {
        case 'fhir':
          return reply
            .type('application/fhir+json')
            .send(exportBundle(record, { kbVersion: kb.version, now }));
        case 'json':
          return reply
            .type('application/json')
            .send(exportJson(record, { kbVersion: kb.version, now }));
        case 'csv':
          return reply
            .type('text/csv; charset=utf-8')
            .header(
              'content-disposition',
              'attachment; filename="backchain-checkins-and-sessions.csv"',
            )
            .send(exportCsv(record));
      }
    },
  );
}
