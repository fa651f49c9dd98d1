// parseBody: the same problems the server sends in a 400, so the web app can check a form offline with the same words.
import { describe, expect, it } from 'vitest';
import { NO_WARNING_SIGNS } from '../../test/fixtures.js';
import { checkinBody, CLIENT_ID, measurementBody, parseBody, sessionBody } from './schemas.js';

const checkin = {
  painNow: 3,
  painAreas: ['lower-back'],
  legSide: 'none',
  warningSigns: NO_WARNING_SIGNS,
};

describe('parseBody', () => {
  it('accepts a good body and gives the parsed value', () => {
    const out = parseBody(checkinBody, { ...checkin, clientId: 'device_queue-01' });
    expect(out).toStrictEqual({ ok: true, value: { ...checkin, clientId: 'device_queue-01' } });
  });

  it('names the field, the expectation and what was given, as the server does', () => {
    const out = parseBody(checkinBody, { ...checkin, clientId: 'short' });
    expect(out).toStrictEqual({
      ok: false,
      problems: [
        {
          path: 'clientId',
          expected: 'an id the device made for this check-in, 8 to 64 letters, digits, - or _',
          received: '"short"',
          message:
            'clientId: expected an id the device made for this check-in, 8 to 64 letters, digits, - or _, got "short"',
        },
      ],
    });
  });

  it("names a session's clientId as the session's", () => {
    const entries = [
      { exerciseId: 'glute-bridge', done: {}, felt: 'same', painSharper: false, painSpread: false },
    ];
    expect(parseBody(sessionBody, { entries, clientId: 'device_queue-01' })).toStrictEqual({
      ok: true,
      value: { entries, clientId: 'device_queue-01' },
    });
    expect(parseBody(sessionBody, { entries, clientId: 'has spaces in it' })).toStrictEqual({
      ok: false,
      problems: [
        {
          path: 'clientId',
          expected: 'an id the device made for this session, 8 to 64 letters, digits, - or _',
          received: '"has spaces in it"',
          message:
            'clientId: expected an id the device made for this session, 8 to 64 letters, digits, - or _, got "has spaces in it"',
        },
      ],
    });
  });

  it('reports every bad field, with the expectations of cross-field rules', () => {
    const out = parseBody(measurementBody, { kind: 'slr-angle', value: 150, extra: 1 });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => [p.path, p.expected])).toStrictEqual([
      ['extra', 'no such field (unknown fields are not accepted)'],
      [
        'value',
        'degrees from 0 to 120 for slr-angle; centimetres short of the toes for toe-touch (negative when past them)',
      ],
      ['side', 'left or right (required for slr-angle)'],
    ]);
  });

  it('refuses a check-in with a buttock or leg area and legSide none, naming both fields', () => {
    const out = parseBody(checkinBody, { ...checkin, painAreas: ['lower-back', 'foot'] });
    expect(out).toStrictEqual({
      ok: false,
      problems: [
        {
          path: 'legSide',
          expected:
            'left, right or both, because painAreas includes foot (legSide none means no buttock or leg symptoms)',
          received: '"none"',
          message:
            'legSide: expected left, right or both, because painAreas includes foot (legSide none means no buttock or leg symptoms), got "none"',
        },
      ],
    });
    expect(parseBody(checkinBody, { ...checkin, painAreas: ['foot'], legSide: 'left' }).ok).toBe(
      true,
    );
  });

  it('lets a check-in carry only its warning signs (the service decides whether that is enough)', () => {
    expect(parseBody(checkinBody, { warningSigns: { bladderChange: true } })).toStrictEqual({
      ok: true,
      value: { warningSigns: { bladderChange: true } },
    });
    // Still no unknown fields, and still a warningSigns object.
    expect(parseBody(checkinBody, { warningSigns: {}, extra: 1 }).ok).toBe(false);
    expect(parseBody(checkinBody, { painNow: 3 }).ok).toBe(false);
  });

  it('takes client ids of 8 to 64 letters, digits, - and _ only', () => {
    for (const ok of ['abcdefgh', 'A-b_0123', 'x'.repeat(64)])
      expect(CLIENT_ID.test(ok), ok).toBe(true);
    for (const bad of [
      'abcdefg',
      'x'.repeat(65),
      'abc defgh',
      'abcdefgh!',
      'ábcdefgh',
      'abcdefgh\n',
    ])
      expect(CLIENT_ID.test(bad), bad).toBe(false);
  });
});
