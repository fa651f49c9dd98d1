// The clinician's routes (docs/clinician.md): invitations, the list of people by need, one person's record,
// and changes to their programme. Thin handlers over the clinician service, which checks the link and
// writes every read and change to the person's own audit trail before answering (no audit() here).
import { pauseBody, programmeChangeBody } from '../../engine/clinician-change.js';
import * as care from '../../service/clinician.js';
import { outcomeTotalBody, scheduleOutcomeBody } from '../../service/clinician-schemas.js';
import { recordContext, requireUser } from '../request-context.js';
import { sendExport } from '../export-stream.js';
import {
  caseloadView,
  clinicianCheckins,
  clinicianMeasurements,
  clinicianSittings,
  invitationList,
  invitationMade,
  noContent,
  outcomeList,
  outcomeView,
  personSummaryView,
  progressView,
  reportView,
  scheduleView,
  versionList,
  versionMade,
} from '../../service/responses.js';
import { dateQuery, exportQuery, idParams, personParams } from '../schemas.js';
import type { ZApi } from './types.js';

const TAGS = ['clinician'];

/** Said of every route about one person: what happens without an active link, and the audit. */
const ONE_PERSON =
  ' Answers 404 `not-linked` unless the person has an active link to you (never linked, invited, or ended: all alike). Written to the person’s audit trail, which they can read.';

export function clinicianRoutes(app: ZApi): void {
  app.post(
    '/api/clinician/invitations',
    {
      config: { access: 'write', role: 'clinician' },
      schema: {
        tags: TAGS,
        description:
          'Makes an invitation (201): a code of 8 letters and digits shown as ABCD-EF23, single use, valid 7 days, and a link holding it. Only its hash is stored: the code is shown this once.',
        response: { 201: invitationMade },
      },
    },
    async (request, reply) => {
      const made = await care.createInvitation(recordContext(request, app), requireUser(request));
      return reply.code(201).send(made);
    },
  );

  app.get(
    '/api/clinician/invitations',
    {
      config: { access: 'read', role: 'clinician' },
      schema: {
        tags: TAGS,
        description:
          'Your invitations, newest first, each `open`, `used`, `expired` or `cancelled` (never their codes).',
        response: { 200: invitationList },
      },
    },
    async (request) => care.listInvitations(recordContext(request, app), requireUser(request)),
  );

  app.delete(
    '/api/clinician/invitations/:id',
    {
      config: { access: 'write', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description:
          'Withdraws an open invitation (204): its code stops working at once. 404 for one that is not yours or no longer open.',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await care.cancelInvitation(
        recordContext(request, app),
        requireUser(request),
        request.params.id,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/clinician/people',
    {
      config: { access: 'read', role: 'clinician' },
      schema: {
        tags: TAGS,
        description:
          'The people linked to you, most in need first: a warning sign since you last opened their record, then pain spreading or getting worse, then no check-in for 3 days or more, then fewer than half the planned sittings done in the last 7 days. Each with a pain sparkline (30 days), sittings done of planned (7 days) and days with data in the last 30 (a neutral count; Backchain claims no billing code). Each person’s row is written to their audit trail.',
        response: { 200: caseloadView },
      },
    },
    async (request) => care.caseload(recordContext(request, app), requireUser(request)),
  );

  app.get(
    '/api/clinician/people/:personId',
    {
      config: { access: 'read', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `One person: the latest assessment in clinical terms, the programme with its state and version number, the standing warning and their need. Opening it marks them as looked at (their warning is then no longer new in your list).${ONE_PERSON}`,
        params: personParams,
        response: { 200: personSummaryView },
      },
    },
    async (request) =>
      care.personSummary(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
      ),
  );

  app.delete(
    '/api/clinician/people/:personId',
    {
      config: { access: 'write', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `Ends your link with this person (204): you lose access at once, and they see that you ended it.${ONE_PERSON}`,
        params: personParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await care.endLinkByClinician(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/clinician/people/:personId/checkins',
    {
      config: { access: 'read', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `The person’s check-ins, newest first.${ONE_PERSON}`,
        params: personParams,
        response: { 200: clinicianCheckins },
      },
    },
    async (request) =>
      care.personCheckins(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
      ),
  );

  app.get(
    '/api/clinician/people/:personId/sittings',
    {
      config: { access: 'read', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `The person’s sittings, newest first, each exercise with what was planned and done and the stop rules’ events (pain sharper, pain spreading down the leg).${ONE_PERSON}`,
        params: personParams,
        response: { 200: clinicianSittings },
      },
    },
    async (request) =>
      care.personSittings(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
      ),
  );

  app.get(
    '/api/clinician/people/:personId/measurements',
    {
      config: { access: 'read', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `The person’s measurements, newest first: straight-leg-raise angles by side, and toe-touch distances.${ONE_PERSON}`,
        params: personParams,
        response: { 200: clinicianMeasurements },
      },
    },
    async (request) =>
      care.personMeasurements(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
      ),
  );

  app.get(
    '/api/clinician/people/:personId/outcomes',
    {
      config: { access: 'read', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `The person’s outcome measures over time, each with its range and the change since their first score on that instrument (and whether it reaches the minimal important change), and the measures still due.${ONE_PERSON}`,
        params: personParams,
        response: { 200: outcomeList },
      },
    },
    async (request) =>
      care.personOutcomes(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
      ),
  );

  app.get(
    '/api/clinician/people/:personId/programme/versions',
    {
      config: { access: 'read', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `The versions of the person’s current programme, newest first: who made each, what it changed, and the note.${ONE_PERSON}`,
        params: personParams,
        response: { 200: versionList },
      },
    },
    async (request) =>
      care.personVersions(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
      ),
  );

  app.get(
    '/api/clinician/people/:personId/progress',
    {
      config: { access: 'read', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `The person’s pain, extent, adherence and leg-raise angles, as their own progress view shows them.${ONE_PERSON}`,
        params: personParams,
        querystring: dateQuery,
        response: { 200: progressView },
      },
    },
    async (request) =>
      care.personProgress(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
        request.query.date,
      ),
  );

  app.get(
    '/api/clinician/people/:personId/report',
    {
      config: { access: 'read', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `The data of the person’s one-page report.${ONE_PERSON}`,
        params: personParams,
        response: { 200: reportView },
      },
    },
    async (request) =>
      care.personReport(recordContext(request, app), requireUser(request), request.params.personId),
  );

  app.get(
    '/api/clinician/people/:personId/export',
    {
      config: { access: 'export', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `The person’s record as a FHIR Bundle, JSON, or check-ins and sessions as CSV (a download).${ONE_PERSON}`,
        params: personParams,
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const out = await care.personExport(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
        request.query.format,
      );
      return sendExport(reply, out);
    },
  );

  app.post(
    '/api/clinician/people/:personId/programme/changes',
    {
      config: { access: 'write', role: 'clinician', problems: [404, 409, 422] },
      schema: {
        tags: TAGS,
        description: `Changes the person’s programme (201 with the new version): add or remove exercises, set a dose or times a day within the catalogue’s range, or a note per exercise. \`basedOn\` is the version you saw: an older one answers 409 \`version-changed\`. Every change passes the engine’s own safety check; if any is refused, none is applied: 422 \`change-refused\` with \`refusals: [{ index, exerciseId, rule, text, lowest? }]\` naming each rule. A programme paused by a warning sign cannot be changed until a new assessment (rule \`warning-pause\`). The person sees the change and its note before their next sitting.${ONE_PERSON}`,
        params: personParams,
        body: programmeChangeBody,
        response: { 201: versionMade },
      },
    },
    async (request, reply) => {
      const version = await care.changeProgramme(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
        request.body,
      );
      return reply.code(201).send({ version });
    },
  );

  app.post(
    '/api/clinician/people/:personId/programme/pause',
    {
      config: { access: 'write', role: 'clinician', problems: [404, 409] },
      schema: {
        tags: TAGS,
        description: `Pauses (\`paused: true\`) or resumes the person’s programme, with an optional note (201 with the new version). Your pause stops their sittings until a clinician resumes it; resuming never lifts a pause that a warning sign set.${ONE_PERSON}`,
        params: personParams,
        body: pauseBody,
        response: { 201: versionMade },
      },
    },
    async (request, reply) => {
      const version = await care.pauseProgramme(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
        request.body,
      );
      return reply.code(201).send({ version });
    },
  );

  app.post(
    '/api/clinician/people/:personId/outcomes/schedule',
    {
      config: { access: 'write', role: 'clinician', problems: [404] },
      schema: {
        tags: TAGS,
        description: `Asks the person to fill in an outcome measure from a date (201 with the schedule entry).${ONE_PERSON}`,
        params: personParams,
        body: scheduleOutcomeBody,
        response: { 201: scheduleView },
      },
    },
    async (request, reply) => {
      const entry = await care.scheduleOutcome(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
        request.body,
      );
      return reply.code(201).send(entry);
    },
  );

  app.post(
    '/api/clinician/people/:personId/outcomes',
    {
      config: { access: 'write', role: 'clinician', problems: [404, 409] },
      schema: {
        tags: TAGS,
        description: `Records an Oswestry Disability Index total you scored with the person (201). The index is licensed: only its total is recorded, never its text; this is the one measure a clinician enters.${ONE_PERSON}`,
        params: personParams,
        body: outcomeTotalBody,
        response: { 201: outcomeView },
      },
    },
    async (request, reply) => {
      const outcome = await care.enterOutcomeTotal(
        recordContext(request, app),
        requireUser(request),
        request.params.personId,
        request.body,
      );
      return reply.code(201).send(outcome);
    },
  );
}
