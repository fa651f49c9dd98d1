// The JSON documents the stores keep, each with its schema version: writing stamps the version, reading
// runs the upgrade steps from the version a document was written at and then checks its shape. Pure (no
// Node, no DOM): the SQL stores, the memory store's snapshot and the browser's device record all use it.
import { z } from 'zod';
import type { Assessment } from '../engine/assess.js';
import { intakeSchema, type Intake } from '../engine/intake.js';
import { outcomeAnswersSchema, type OutcomeAnswers } from '../engine/outcomes.js';
import type { Programme } from '../engine/plan.js';
import {
  restoreProgrammeState,
  type ProgrammeChange,
  type ProgrammeState,
  type SessionEntry,
} from '../engine/session.js';
import { GATES, LEVELS, type Triage } from '../engine/triage.js';
import type { CheckinRecord, CredentialRecord, ProgrammeVersionChange } from './types.js';

/**
 * One kind of stored document. `version` is the one this code writes; `steps[n - 1]` upgrades a document
 * of version n to n + 1. Version 1 is every document written before documents carried a version.
 */
export interface DocumentKind<T> {
  /** How errors name it: "programme state". */
  readonly name: string;
  /**
   * `object`: the version is the member `versionKey` (default `v`) of the object itself.
   * `list`: stored as `{ v, items }`; a bare list is version 1.
   */
  readonly form: 'object' | 'list';
  readonly versionKey?: string;
  readonly version: number;
  readonly steps: readonly ((body: never) => unknown)[];
  /** The shape after upgrading; what it returns is what a read gives back. */
  readonly schema: z.ZodType;
  /** Only for typing: the value a read gives. */
  readonly _type?: T;
}

/** Defines a document kind, checking that there is one step from each earlier version. */
export function documentKind<T>(kind: Omit<DocumentKind<T>, '_type'>): DocumentKind<T> {
  if (!Number.isInteger(kind.version) || kind.version < 1) {
    throw new Error(`document ${kind.name}: version must be a whole number from 1`);
  }
  if (kind.steps.length !== kind.version - 1) {
    throw new Error(
      `document ${kind.name}: version ${kind.version} needs ${kind.version - 1} upgrade steps, has ${kind.steps.length}`,
    );
  }
  return kind;
}

/** A stored document that cannot be read: unknown version (written by a newer Backchain), or a wrong shape. */
export class StoredDocumentError extends Error {
  constructor(
    /** The document kind's name. */
    readonly document: string,
    /** Where it was read from (table, column and row), when known. */
    readonly where: string | undefined,
    /** The field at fault, as a dotted path ('' for the whole document). */
    readonly field: string,
    problem: string,
  ) {
    super(
      `stored ${document}${where ? ` (${where})` : ''} cannot be read: ${field ? `${field}: ` : ''}${problem}`,
    );
    this.name = 'StoredDocumentError';
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The version a stored document was written at, and its body without the version. */
function unwrap<T>(
  kind: DocumentKind<T>,
  stored: unknown,
  where: string | undefined,
): { version: number; body: unknown } {
  const fail = (problem: string) => new StoredDocumentError(kind.name, where, '', problem);
  let version: unknown;
  let body: unknown;
  if (kind.form === 'list') {
    if (Array.isArray(stored)) return { version: 1, body: stored };
    if (!isPlainObject(stored) || !Array.isArray(stored.items)) {
      throw fail('expected a list, or { v, items } with a list');
    }
    version = stored.v;
    body = stored.items;
  } else {
    if (!isPlainObject(stored)) throw fail('expected an object');
    const key = kind.versionKey ?? 'v';
    const { [key]: v, ...rest } = stored;
    version = v ?? 1;
    body = rest;
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw fail(`expected a whole number from 1 as its version, got ${JSON.stringify(version)}`);
  }
  if (version > kind.version) {
    throw fail(
      `it was written by a newer Backchain (document version ${version}; this one reads up to ${kind.version})`,
    );
  }
  return { version, body };
}

/**
 * Reads a stored document (already parsed from JSON): upgrades it step by step to the current version,
 * then checks its shape. Throws `StoredDocumentError`, naming the document, `where` and the field.
 */
export function readDocument<T>(kind: DocumentKind<T>, stored: unknown, where?: string): T {
  const { version, body } = unwrap(kind, stored, where);
  let upgraded = body;
  for (let n = version; n < kind.version; n++) {
    const step = kind.steps[n - 1] as (body: unknown) => unknown;
    upgraded = step(upgraded);
  }
  const checked = kind.schema.safeParse(upgraded);
  if (!checked.success) {
    const [issue] = checked.error.issues;
    throw new StoredDocumentError(
      kind.name,
      where,
      issue?.path.map(String).join('.') ?? '',
      issue?.message ?? 'not the expected shape',
    );
  }
  return checked.data as T;
}

/** The document as stored: the value with its kind's current version. */
export function storedDocument<T>(kind: DocumentKind<T>, value: T): unknown {
  if (kind.form === 'list') return { v: kind.version, items: value };
  return { [kind.versionKey ?? 'v']: kind.version, ...(value as object) };
}

// ---- The shapes, as far as the stores and their readers rely on them ----
// Records the engine or knowledge base may grow are loose objects: their known fields are checked and
// new ones kept, so a field added elsewhere is never dropped on the way through the store.

const triageReason = z.looseObject({
  code: z.string(),
  text: z.string(),
  answers: z.array(z.string()),
});
const triage = z.looseObject({
  level: z.enum(LEVELS),
  reasons: z.array(triageReason),
  advice: z.string(),
});
const prescribedDosage = z.looseObject({
  unit: z.string(),
  amount: z.number(),
  repeats: z.number(),
  sets: z.number(),
  sides: z.string(),
});
const programme = z.looseObject({
  knowledgeBase: z.string(),
  phase: z.string(),
  gate: z.enum(GATES),
  exclusions: z.array(z.string()),
  items: z.array(
    z.looseObject({
      exerciseId: z.string(),
      kind: z.string(),
      dosage: prescribedDosage,
      timesPerDay: z.number(),
      serves: z.array(z.string()),
      cautions: z.array(z.string()),
      note: z.string().optional(),
    }),
  ),
  selfCare: z.array(z.string()),
  selfCareDetails: z.array(z.looseObject({ id: z.string(), why: z.string() })),
  stopRules: z.array(z.looseObject({ code: z.string(), text: z.string() })),
  progressionRule: z.string(),
  notes: z.array(z.string()),
});

// ---- The documents ----

/** An assessment's answers (`assessments.answers`): the intake contract's parsed answers. */
export const ASSESSMENT_ANSWERS = documentKind<Intake>({
  name: 'assessment answers',
  form: 'object',
  version: 1,
  steps: [],
  schema: intakeSchema,
});

/**
 * An assessment's result (`assessments.result`). 2: it names the triage policy version it followed;
 * results of version 1 were all made under triage policy version 1 (docs/triage-policy.md), the only
 * one there was until then.
 */
export const ASSESSMENT_RESULT = documentKind<Assessment>({
  name: 'assessment result',
  form: 'object',
  version: 2,
  steps: [(old: Omit<Assessment, 'policyVersion'>) => ({ policyVersion: 1, ...old })],
  schema: z.looseObject({
    contract: z.literal(1),
    knowledgeBase: z.string(),
    policyVersion: z.int().min(1),
    triage,
    exercise: z.enum(GATES),
    phase: z.string(),
    contributors: z.array(
      z.looseObject({
        id: z.string(),
        likelihood: z.enum(['likely', 'possible', 'unlikely']),
        score: z.number(),
        evidence: z.array(z.looseObject({ answer: z.string(), text: z.string() })),
        sources: z.array(z.string()),
      }),
    ),
    startBack: z.looseObject({}).optional(),
    sources: z.array(z.looseObject({ id: z.string(), title: z.string() })),
  }),
});

/** A programme as generated and changed (`programmes.programme`, `programme_versions.programme`). */
export const PROGRAMME = documentKind<Programme>({
  name: 'programme',
  form: 'object',
  version: 1,
  steps: [],
  schema: programme,
});

/**
 * A programme's state (`programmes.state`). 2: every field present; version 1 states written before
 * backing off (or a clinician's pause) existed lack `backOff`, `restDate` and `clinicianPause`, which
 * take their "nothing happened" value.
 */
export const PROGRAMME_STATE = documentKind<ProgrammeState>({
  name: 'programme state',
  form: 'object',
  version: 2,
  steps: [(old: Partial<ProgrammeState>) => restoreProgrammeState(old)],
  schema: z.looseObject({
    easyStreak: z.record(z.string(), z.number()),
    dropped: z.array(z.string()),
    spreadEpisodes: z.array(z.string()),
    warningCheckRequired: z.boolean(),
    backOff: z
      .looseObject({
        reason: z.enum(['spread', 'new-leg-symptoms']),
        since: z.string(),
        until: z.enum(['settled', 'reassessment']),
      })
      .nullable(),
    restDate: z.string().nullable(),
    clinicianPause: z
      .looseObject({
        by: z.string(),
        name: z.string(),
        since: z.string(),
        note: z.string().nullable(),
      })
      .nullable(),
  }),
});

/** The warning rules that fired: a programme's pause (`programmes.paused_by`) or a check-in's `triage`. */
export const WARNING_TRIAGE = documentKind<Triage>({
  name: 'warning triage',
  form: 'object',
  version: 1,
  steps: [],
  schema: triage,
});

/** A check-in's warning-sign answers as given (`checkins.warning_signs`). */
export const WARNING_SIGNS = documentKind<CheckinRecord['warningSigns']>({
  name: 'warning-sign answers',
  form: 'object',
  version: 1,
  steps: [],
  schema: z.record(z.string(), z.unknown()),
});

/** A check-in's pain areas (`checkins.pain_areas`). 2: stored as `{ v, items }`. */
export const PAIN_AREAS = documentKind<string[]>({
  name: 'pain areas',
  form: 'list',
  version: 2,
  steps: [(list: string[]) => list],
  schema: z.array(z.string()),
});

/** A session log's exercises (`session_logs.entries`). 2: stored as `{ v, items }`. */
export const SESSION_ENTRIES = documentKind<SessionEntry[]>({
  name: 'session entries',
  form: 'list',
  version: 2,
  steps: [(list: SessionEntry[]) => list],
  schema: z.array(
    z.looseObject({
      exerciseId: z.string(),
      planned: prescribedDosage.nullable(),
      done: z.looseObject({}),
      // Older clients sent "compared with last time" (`felt`) instead of "too easy?": kept as given.
      tooEasy: z.boolean().optional(),
      felt: z.enum(['easier', 'same', 'harder']).optional(),
      painSharper: z.boolean(),
      painSpread: z.boolean(),
      newNumbnessOrWeakness: z.boolean().optional(),
    }),
  ),
});

/** What a session changed in the programme (`session_logs.programme_changes`). 2: stored as `{ v, items }`. */
export const PROGRAMME_CHANGES = documentKind<ProgrammeChange[]>({
  name: 'programme changes',
  form: 'list',
  version: 2,
  steps: [(list: ProgrammeChange[]) => list],
  schema: z.array(
    z.looseObject({
      exerciseId: z.string(),
      change: z.enum(['dropped', 'replaced', 'progressed']),
      by: z.string().optional(),
      dosage: prescribedDosage.optional(),
    }),
  ),
});

/** What one programme version changed (`programme_versions.changes`). 2: stored as `{ v, items }`. */
export const VERSION_CHANGES = documentKind<ProgrammeVersionChange[]>({
  name: 'programme version changes',
  form: 'list',
  version: 2,
  steps: [(list: ProgrammeVersionChange[]) => list],
  schema: z.array(
    z.looseObject({
      op: z.enum(['add', 'remove', 'dose', 'note', 'pause', 'resume']),
      exerciseId: z.string().optional(),
    }),
  ),
});

/** An outcome measure's answers (`outcomes.answers`): the instrument's own schema. */
export const OUTCOME_ANSWERS = documentKind<OutcomeAnswers>({
  name: 'outcome answers',
  form: 'object',
  version: 1,
  steps: [],
  schema: outcomeAnswersSchema,
});

/** A token's scopes (`credentials.scopes`). 2: stored as `{ v, items }`. */
export const TOKEN_SCOPES = documentKind<CredentialRecord['scopes']>({
  name: 'token scopes',
  form: 'list',
  version: 2,
  steps: [(list: CredentialRecord['scopes']) => list],
  schema: z.array(z.enum(['read', 'write', 'export'])),
});

/** Every document kind the stores keep, by name (for the fixtures' tests and the documentation). */
export const DOCUMENT_KINDS = {
  'assessment-answers': ASSESSMENT_ANSWERS,
  'assessment-result': ASSESSMENT_RESULT,
  programme: PROGRAMME,
  'programme-state': PROGRAMME_STATE,
  'warning-triage': WARNING_TRIAGE,
  'warning-signs': WARNING_SIGNS,
  'pain-areas': PAIN_AREAS,
  'session-entries': SESSION_ENTRIES,
  'programme-changes': PROGRAMME_CHANGES,
  'version-changes': VERSION_CHANGES,
  'outcome-answers': OUTCOME_ANSWERS,
  'token-scopes': TOKEN_SCOPES,
} as const;
export type DocumentName = keyof typeof DOCUMENT_KINDS;
