// The stored documents' versions: stamping, the upgrade steps, the shape check, and every fixture read as it must be.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STORED_FIXTURES } from '../../test/store-upgrades.js';
import {
  DOCUMENT_KINDS,
  documentKind,
  PAIN_AREAS,
  PROGRAMME_STATE,
  readDocument,
  storedDocument,
  StoredDocumentError,
  WARNING_TRIAGE,
  type DocumentName,
} from './documents.js';

/** A small document for the mechanism's own tests: 1 had `n` as text, 2 as a number, 3 added `tags`. */
const COUNTER = documentKind<{ n: number; tags: string[] }>({
  name: 'counter',
  form: 'object',
  version: 3,
  steps: [
    (v1: { n: string }) => ({ n: Number(v1.n) }),
    (v2: { n: number }) => ({ ...v2, tags: [] }),
  ],
  schema: z.strictObject({ n: z.number(), tags: z.array(z.string()) }),
});

describe('stored documents: versions and upgrade steps', () => {
  it('stamps the current version when writing: a member of an object, an envelope round a list', () => {
    expect(storedDocument(COUNTER, { n: 1, tags: [] })).toStrictEqual({ v: 3, n: 1, tags: [] });
    expect(storedDocument(PAIN_AREAS, ['buttock'])).toStrictEqual({ v: 2, items: ['buttock'] });
  });

  it.each([
    ['version 1 (no version member)', { n: '4' }],
    ['version 1, stamped', { v: 1, n: '4' }],
    ['version 2', { v: 2, n: 4 }],
    ['version 3', { v: 3, n: 4, tags: [] }],
  ])('runs every step from %s to the current version', (_label, stored) => {
    expect(readDocument(COUNTER, stored)).toStrictEqual({ n: 4, tags: [] });
  });

  it('reads a bare list as version 1 and an enveloped one at its version', () => {
    expect(readDocument(PAIN_AREAS, ['lower-back'])).toStrictEqual(['lower-back']);
    expect(readDocument(PAIN_AREAS, { v: 2, items: ['lower-back'] })).toStrictEqual(['lower-back']);
  });

  it('refuses a document of a newer version than this code knows, naming it and where it was', () => {
    const read = () => readDocument(COUNTER, { v: 4, n: 4, tags: [] }, 'counters.body, row r1');
    expect(read).toThrow(StoredDocumentError);
    expect(read).toThrow(
      'stored counter (counters.body, row r1) cannot be read: it was written by a newer Backchain (document version 4; this one reads up to 3)',
    );
    expect(() => readDocument(PAIN_AREAS, { v: 3, items: [] })).toThrow(/newer Backchain/);
  });

  it.each([
    ['a version that is not a whole number from 1', { v: 0, n: 1, tags: [] }, /its version/],
    ['a version given as text', { v: '3', n: 1, tags: [] }, /its version/],
    ['not an object', ['n'], /expected an object/],
    ['a wrong field, by its path', { v: 3, n: 1, tags: [7] }, /: tags\.0: /],
  ])('refuses %s with a clear error', (_label, stored, message) => {
    expect(() => readDocument(COUNTER, stored, 'counters.body, row r1')).toThrow(message);
  });

  it('names the field at fault in a real document', () => {
    const state = { ...storedState(), backOff: { reason: 'spread', since: 5, until: 'settled' } };
    expect(() => readDocument(PROGRAMME_STATE, state, 'programmes.state, row p1')).toThrow(
      /^stored programme state \(programmes\.state, row p1\) cannot be read: backOff\.since: /,
    );
  });

  it('refuses a kind whose steps do not reach its version', () => {
    expect(() =>
      documentKind({ name: 'gap', form: 'object', version: 3, steps: [], schema: z.object({}) }),
    ).toThrow(/needs 2 upgrade steps, has 0/);
  });

  it('keeps fields it does not know in records others may grow (never drops them on the way)', () => {
    const triage = {
      level: 'urgent',
      reasons: [{ code: 'x', text: 'y', answers: [], ruleId: 'r1' }],
      advice: 'a',
      policyVersion: '1',
    };
    expect(readDocument(WARNING_TRIAGE, storedDocument(WARNING_TRIAGE, triage as never))).toEqual(
      triage,
    );
  });

  it('reads what it writes, also through JSON text (property)', () => {
    const versioned = fc.record(
      { n: fc.integer().map((n) => n + 0), tags: fc.array(fc.string()) },
      { noNullPrototype: true },
    );
    fc.assert(
      fc.property(versioned, (value) => {
        expect(readDocument(COUNTER, storedDocument(COUNTER, value))).toStrictEqual(value);
        expect(
          readDocument(COUNTER, JSON.parse(JSON.stringify(storedDocument(COUNTER, value)))),
        ).toStrictEqual(value);
      }),
    );
  });
});

/** Today's programme state as stored, from its fixture. */
function storedState(): Record<string, unknown> {
  const fixture = STORED_FIXTURES.find((f) => f.file === 'programme-state.v2.json');
  if (!fixture) throw new Error('the programme state fixture is missing');
  return structuredClone(fixture.stored) as Record<string, unknown>;
}

describe('stored document fixtures (test/fixtures/stored)', () => {
  it.each(STORED_FIXTURES.map((f) => [f.file, f] as const))(
    '%s reads as it says',
    (_file, fixture) => {
      const kind = DOCUMENT_KINDS[fixture.document];
      expect(readDocument(kind as never, fixture.stored)).toStrictEqual(fixture.read);
      // And what it reads as is written at today's version, and read back the same.
      expect(
        readDocument(kind as never, storedDocument(kind as never, fixture.read as never)),
      ).toStrictEqual(fixture.read);
    },
  );

  it('holds, for every kind, a document as written today and one from before versions', () => {
    for (const [name, kind] of Object.entries(DOCUMENT_KINDS) as [
      DocumentName,
      { version: number },
    ][]) {
      const files = STORED_FIXTURES.filter((f) => f.document === name).map((f) => f.file);
      expect(files, name).toContain(`${name}.v${kind.version}.json`);
      expect(files, name).toContain(`${name}.unversioned.json`);
    }
  });

  it('holds the programme state from before backing off, and it upgrades to "nothing happened"', () => {
    const old = STORED_FIXTURES.find(
      (f) => f.file === 'programme-state.unversioned-before-back-off.json',
    );
    expect(old?.stored).not.toHaveProperty('backOff');
    expect(old?.read).toMatchObject({ backOff: null, restDate: null, clinicianPause: null });
  });
});
