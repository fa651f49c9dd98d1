// The request bodies of the clinician side (docs/clinician.md) that the engine does not already define: one zod schema each, shared by the server and the web app.
import { z } from 'zod';
import { outcomeAnswersSchema } from '../engine/outcomes.js';
import { CLIENT_ID, withExpectations } from './schemas.js';

export {
  programmeChangeBody,
  pauseBody,
  type ProgrammeChangeBody,
  type ClinicianChange,
} from '../engine/clinician-change.js';

const localDate = z.iso.date();
const DATE_EXPECTATION = 'a calendar date, YYYY-MM-DD';

/** The instruments a person fills in themselves: every one but the Oswestry index, which is licensed. */
export const PERSON_INSTRUMENTS = [
  'pain-nrs',
  'rmdq',
  'psfs',
  'sciatica-bothersomeness',
  'global-rating-of-change',
] as const;

/** A clinician asks the person to fill in a measure from a date. */
export const scheduleOutcomeBody = withExpectations(
  z.strictObject({ instrument: z.enum(PERSON_INSTRUMENTS), dueDate: localDate }),
  {
    instrument: `one of ${PERSON_INSTRUMENTS.join(', ')} (the Oswestry total is entered by the clinician)`,
    dueDate: DATE_EXPECTATION,
  },
);
export type ScheduleOutcomeBody = z.output<typeof scheduleOutcomeBody>;

/** The Oswestry Disability Index is licensed: a clinician enters only its total, never its text. */
export const outcomeTotalBody = withExpectations(
  z.strictObject({
    instrument: z.literal('oswestry-total'),
    total: z.int().min(0).max(100),
    date: localDate,
  }),
  {
    instrument: 'oswestry-total (the only measure a clinician enters)',
    total: 'a whole number from 0 to 100 (the Oswestry index in per cent)',
    date: DATE_EXPECTATION,
  },
);
export type OutcomeTotalBody = z.output<typeof outcomeTotalBody>;

/** A person's answers to a measure, scored as its authors specify. */
export const ownOutcomeBody = withExpectations(
  z.strictObject({
    answers: outcomeAnswersSchema,
    date: localDate.optional(),
    scheduleId: z.string().min(1).max(64).optional(),
    clientId: z.string().regex(CLIENT_ID).optional(),
  }),
  {
    answers: 'the answers of one instrument, with its `instrument` id',
    date: DATE_EXPECTATION,
    scheduleId: 'the id of the schedule entry this answers',
    clientId: 'an id the device made for this measure, 8 to 64 letters, digits, - or _',
  },
);
export type OwnOutcomeBody = z.output<typeof ownOutcomeBody>;

/** The person has seen the clinician's versions up to this number. */
export const versionsSeenBody = withExpectations(z.strictObject({ upTo: z.int().min(1) }), {
  upTo: 'a version number, 1 or more',
});
export type VersionsSeenBody = z.output<typeof versionsSeenBody>;
