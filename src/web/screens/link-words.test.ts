// Linking words: a typed code read or refused plainly, the wait after too many tries, link states,
// and the access log as sentences.
import { describe, expect, it } from 'vitest';
import type { AccessLogEntry, LinkView } from '../data/types.js';
import { accessSentence, linkState, readCode, waitWords, type WhenFormat } from './link-words.js';

describe('readCode', () => {
  const good: [string, string][] = [
    ['ABCD-EF23', 'ABCD-EF23'],
    ['abcdef23', 'ABCD-EF23'],
    [' abcd ef23 ', 'ABCD-EF23'],
    ['https://backchain.example/#/link/ABCD-EF23', 'ABCD-EF23'],
    ['#/link/wxyz-2345', 'WXYZ-2345'],
  ];
  for (const [input, code] of good) {
    it(`reads “${input}” as ${code}`, () => {
      expect(readCode(input)).toEqual({ ok: true, code });
    });
  }

  it('says what is wrong: empty, a look-alike character, a stray sign, the wrong length', () => {
    const message = (input: string) => {
      const read = readCode(input);
      return read.ok ? '' : read.message;
    };
    expect(message('')).toMatch(/Type the code/);
    expect(message('ABCD-EF20')).toMatch(/never use .*0/);
    expect(message('ABCD-EFO3')).toMatch(/letters O, I or L/);
    expect(message('ABCD_EF23')).toMatch(/only letters and digits/);
    expect(message('ABCD-EF2')).toMatch(/this one has 7/);
  });
});

describe('waitWords', () => {
  const cases: [number | null, string][] = [
    [null, 'later'],
    [0, 'later'],
    [30, 'in a minute'],
    [60, 'in a minute'],
    [61, 'in about 2 minutes'],
    [720, 'in about 12 minutes'],
    [3600, 'in about an hour'],
    [2 * 3600 + 600, 'in about 2 hours'],
  ];
  for (const [seconds, words] of cases) {
    it(`${String(seconds)} seconds → ${words}`, () => {
      expect(waitWords(seconds)).toBe(words);
    });
  }
});

const when: WhenFormat = { date: () => '3 December', time: () => '10:04' };
const entry = (over: Partial<AccessLogEntry>): AccessLogEntry => ({
  at: '2026-12-03T10:04:00.000Z',
  who: { id: 'c1', name: 'Alex Morgan, physiotherapist', role: 'clinician' },
  action: 'read',
  what: 'your check-ins',
  ...over,
});

describe('accessSentence', () => {
  const cases: [string, Partial<AccessLogEntry>, string][] = [
    [
      'a read',
      {},
      'Alex Morgan, physiotherapist, looked at your check-ins on 3 December at 10:04.',
    ],
    [
      'a name without a comma',
      { who: { id: 'c2', name: 'Sam Lee', role: 'clinician' } },
      'Sam Lee looked at your check-ins on 3 December at 10:04.',
    ],
    [
      'a change',
      { action: 'update', what: 'your programme' },
      'Alex Morgan, physiotherapist, changed your programme on 3 December at 10:04.',
    ],
    [
      'a what that says what was done keeps its own words',
      { action: 'update', what: 'your programme (changed)' },
      'Alex Morgan, physiotherapist, changed your programme on 3 December at 10:04.',
    ],
    [
      'an export keeps what kind of copy',
      { action: 'export', what: 'your whole record (a FHIR copy)' },
      'Alex Morgan, physiotherapist, downloaded your whole record (a FHIR copy) on 3 December at 10:04.',
    ],
    [
      'a bracket that says more than the verb stays',
      { action: 'update', what: 'your programme (paused or started again)' },
      'Alex Morgan, physiotherapist, changed your programme (paused or started again) on 3 December at 10:04.',
    ],
    [
      'a measure asked for',
      { action: 'create', what: 'your outcome measures (asked you to fill one in)' },
      'Alex Morgan, physiotherapist, added to your outcome measures (asked you to fill one in) on 3 December at 10:04.',
    ],
    [
      'the clinician ending the link',
      { action: 'unlink', what: 'your link with them (ended)' },
      'Alex Morgan, physiotherapist, ended the link with you on 3 December at 10:04.',
    ],
    [
      'the operator',
      {
        who: { id: 'operator', name: 'operator', role: 'operator' },
        action: 'export',
        what: 'your whole record',
      },
      'The service’s operator downloaded your whole record on 3 December at 10:04.',
    ],
    [
      'a clinician who has left',
      { who: { id: 'gone', name: '', role: 'clinician' } },
      'A clinician who has since left looked at your check-ins on 3 December at 10:04.',
    ],
    [
      'an action it does not know',
      { action: 'inspect' },
      'Alex Morgan, physiotherapist, used your check-ins on 3 December at 10:04.',
    ],
  ];
  for (const [title, over, words] of cases) {
    it(title, () => {
      expect(accessSentence(entry(over), when)).toBe(words);
    });
  }
});

describe('linkState', () => {
  const link: LinkView = {
    id: 'l1',
    clinician: { id: 'c1', name: 'Alex', email: 'a@example.org' },
    status: 'active',
    createdAt: '2026-12-01T09:00:00.000Z',
    endedAt: null,
    endedBy: null,
  };
  const date = (iso: string) => iso.slice(0, 10);

  it('says since when an active link runs, and who ended an ended one', () => {
    expect(linkState(link, date)).toBe('Linked since 2026-12-01.');
    expect(
      linkState(
        { ...link, status: 'ended', endedAt: '2026-12-09T09:00:00.000Z', endedBy: 'person' },
        date,
      ),
    ).toBe('Linked from 2026-12-01 to 2026-12-09: you ended it.');
    expect(
      linkState(
        { ...link, status: 'ended', endedAt: '2026-12-09T09:00:00.000Z', endedBy: 'clinician' },
        date,
      ),
    ).toBe('Linked from 2026-12-01 to 2026-12-09: they ended it.');
  });
});
