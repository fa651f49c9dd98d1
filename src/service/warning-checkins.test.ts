// Check-ins that stop at a warning sign: every emergency and urgent rule is stored and stops exercise at once; other check-ins answer every question.
import { beforeEach, describe, expect, it } from 'vitest';
import { parsed, ANSWERS, NO_WARNING_SIGNS, storeWithPerson } from '../../test/fixtures.js';
import { certainCheckins } from '../../test/warning-checkins.js';
import { DAILY_WARNING_FIELDS } from '../engine/checkin.js';
import { parseIntake, type Intake } from '../engine/intake.js';
import { LEVELS } from '../engine/triage.js';
import { knowledgeBase } from '../kb/index.js';
import type { Store } from '../store/types.js';
import {
  addCheckin,
  createAssessment,
  currentProgramme,
  logSession,
  RecordError,
  todayView,
  type RecordContext,
} from './records.js';
import {
  assessmentBody,
  checkinBody,
  parseBody,
  sessionBody,
  type CheckinBody,
} from './schemas.js';

const USER = 'user-0001';

const baseline: Intake = (() => {
  const r = parseIntake(ANSWERS);
  if (!r.ok) throw new Error('ANSWERS must parse');
  return r.value;
})();

const checkin = (body: object): CheckinBody => parsed(parseBody(checkinBody, body));
const COMPLETE = {
  painNow: 3,
  painAreas: ['lower-back'],
  legSide: 'none',
  warningSigns: NO_WARNING_SIGNS,
};
const brace = () =>
  parsed(
    parseBody(sessionBody, {
      entries: [
        {
          exerciseId: 'abdominal-brace',
          done: {},
          tooEasy: false,
          painSharper: false,
          painSpread: false,
        },
      ],
    }),
  );

async function refusal(promise: Promise<unknown>): Promise<RecordError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof RecordError) return e;
    throw e;
  }
  throw new Error('expected a RecordError, but the operation succeeded');
}

let store: Store;
let ctx: RecordContext;
let clock: { now: Date };
beforeEach(() => {
  store = storeWithPerson(USER);
  clock = { now: new Date('2026-11-02T09:00:00.000Z') };
  ctx = { store, kb: knowledgeBase, now: () => clock.now };
});

const later = (minutes: number) => {
  clock.now = new Date(clock.now.getTime() + minutes * 60_000);
};

async function assessed(answers: object = ANSWERS) {
  const created = await createAssessment(ctx, USER, parsed(parseBody(assessmentBody, { answers })));
  later(1);
  return created;
}

const codes = (t: { reasons: { code: string }[] } | null | undefined) =>
  t?.reasons.map((r) => r.code) ?? [];

describe('a check-in carrying only what makes a warning rule certain', () => {
  const afterAssessment = certainCheckins(baseline);
  it('covers every emergency and urgent rule', () => {
    expect(afterAssessment.length).toBeGreaterThan(0);
    for (const { body } of afterAssessment) expect(body).not.toHaveProperty('painAreas');
  });

  describe.each(afterAssessment.map((c) => [c.rule.code, c] as const))(
    '%s',
    (code, { rule, body }) => {
      it('is stored as given, pauses the programme, leads today, and refuses sessions', async () => {
        await assessed();
        const out = await addCheckin(ctx, USER, checkin(body));
        expect(codes(out.triage)).toContain(code);
        expect(LEVELS.indexOf(out.triage?.level ?? 'self-care')).toBeGreaterThanOrEqual(
          LEVELS.indexOf(rule.level),
        );
        expect(out.programmePaused).toBe(true);
        expect(out.duplicate).toBe(false);

        // Stored with only what it had: no pain answers made up.
        const [stored] = await store.allCheckins(USER);
        expect(stored).toMatchObject({
          painNow: body.painNow ?? null,
          painAreas: null,
          legSide: body.legSide ?? null,
          warningSigns: body.warningSigns,
          triage: out.triage,
          programmePaused: true,
        });

        const programme = await currentProgramme(ctx, USER);
        expect(programme.paused).toBe(true);
        expect(codes(programme.pausedBy)).toContain(code);

        const today = await todayView(ctx, USER);
        expect(codes(today.warning)).toContain(code);
        expect(today.warning?.level).toBe(out.triage?.level);
        expect(today.warning?.advice).toBe(out.triage?.advice);
        expect(today.sessionAllowed).toBe(false);
        expect(today.blockedBy).toBe('paused');

        expect(await refusal(logSession(ctx, USER, brace()))).toMatchObject({
          kind: 'conflict',
          code: 'programme-paused',
        });
        expect(await store.sessionLogsSince(USER, '0000-01-01')).toStrictEqual([]);
      });
    },
  );

  const beforeAssessment = certainCheckins(null);
  describe.each(beforeAssessment.map((c) => [c.rule.code, c] as const))(
    '%s, before any assessment',
    (code, { body }) => {
      it('is stored and leads today until the next assessment', async () => {
        const out = await addCheckin(ctx, USER, checkin(body));
        expect(codes(out.triage)).toContain(code);
        const [stored] = await store.allCheckins(USER);
        expect(stored).toMatchObject({ triage: out.triage, warningSigns: body.warningSigns });
        expect(stored?.programmePaused).toBe(out.programmePaused);

        const today = await todayView(ctx, USER);
        expect(codes(today.warning)).toContain(code);
        expect(today.sessionAllowed).toBe(false);
        expect(today.blockedBy).toBe('no-programme');

        // A new assessment is what answers it: the warning then no longer stands.
        later(5);
        await assessed();
        const after = await todayView(ctx, USER);
        expect(after.warning).toBeNull();
        expect(after.sessionAllowed).toBe(true);
      });
    },
  );
});

describe('a warning the assessment already knew', () => {
  it('is answered with its triage but does not pause the programme again', async () => {
    await assessed({ ...ANSWERS, painNow: 9 });
    const out = await addCheckin(ctx, USER, checkin({ ...COMPLETE, painNow: 9 }));
    expect(codes(out.triage)).toEqual(['severe-pain']);
    expect(out.programmePaused).toBe(false);
    expect((await currentProgramme(ctx, USER)).paused).toBe(false);
    const today = await todayView(ctx, USER);
    expect(codes(today.warning)).toEqual(['severe-pain']);
    expect(today.warning?.level).toBe('urgent');
    // Not new, not an emergency: the gentle-only programme goes on.
    expect(today.sessionAllowed).toBe(true);
  });

  it('a new reason beside a known one pauses', async () => {
    await assessed({ ...ANSWERS, painNow: 9 });
    const out = await addCheckin(ctx, USER, checkin({ painNow: 9, warningSigns: { fever: true } }));
    expect(codes(out.triage)).toEqual(['possible-infection', 'severe-pain']);
    expect(out.programmePaused).toBe(true);
    expect((await todayView(ctx, USER)).blockedBy).toBe('paused');
  });

  it('an emergency or urgent assessment leads today by itself', async () => {
    await assessed({ ...ANSWERS, bladderChange: true });
    const today = await todayView(ctx, USER);
    expect(codes(today.warning)).toEqual(['cauda-equina-bladder']);
    expect(today.warning?.level).toBe('emergency');
    expect(today.sessionAllowed).toBe(false);
  });
});

describe('a check-in missing an asked answer, with no certain warning', () => {
  const asked = [
    'painNow',
    'painAreas',
    'legSide',
    ...DAILY_WARNING_FIELDS.filter((f) => f !== 'weaknessWorsening').map(
      (f) => `warningSigns.${f}`,
    ),
  ];

  function withoutPath(path: string): object {
    const omit = (from: object, key: string) =>
      Object.fromEntries(Object.entries(from).filter(([k]) => k !== key));
    const [top, sign] = path.split('.');
    if (top === 'warningSigns' && sign) {
      return { ...COMPLETE, warningSigns: omit(NO_WARNING_SIGNS, sign) };
    }
    return omit(COMPLETE, path);
  }

  it.each(asked)('is refused naming %s, and nothing is stored', async (path) => {
    await assessed();
    const err = await refusal(addCheckin(ctx, USER, checkin(withoutPath(path))));
    expect(err).toMatchObject({ kind: 'invalid', code: 'validation' });
    expect(err.problems.map((p) => p.path)).toEqual([path]);
    expect(err.problems[0]).toMatchObject({ received: 'nothing' });
    expect(err.detail).toContain(path);
    expect(await store.allCheckins(USER)).toStrictEqual([]);
    expect((await currentProgramme(ctx, USER)).paused).toBe(false);
  });

  it('names every missing answer, one problem each', async () => {
    await assessed();
    const err = await refusal(addCheckin(ctx, USER, checkin({ warningSigns: { fever: false } })));
    expect(err.problems.map((p) => p.path)).toEqual(
      asked.filter((p) => p !== 'warningSigns.fever'),
    );
  });

  it('is refused before any assessment too, naming the answers rather than the assessment', async () => {
    const err = await refusal(addCheckin(ctx, USER, checkin({ warningSigns: {} })));
    expect(err.kind).toBe('invalid');
    expect(err.problems.length).toBe(asked.length);
  });

  it('asks whether a weak leg is getting worse, and the cancer follow-ups with a cancer history', async () => {
    await assessed({ ...ANSWERS, cancerHistory: true });
    const err = await refusal(
      addCheckin(
        ctx,
        USER,
        checkin({
          ...COMPLETE,
          warningSigns: { ...DAILY_ONLY, legWeakness: 'mild', weaknessWorsening: undefined },
        }),
      ),
    );
    expect(err.problems.map((p) => p.path)).toEqual([
      'warningSigns.weaknessWorsening',
      'warningSigns.weightLoss',
      'warningSigns.thoracicPain',
    ]);
    // A check-in cannot take the history away: saying "no" to it still asks the follow-ups.
    const still = await refusal(
      addCheckin(
        ctx,
        USER,
        checkin({ ...COMPLETE, warningSigns: { ...DAILY_ONLY, cancerHistory: false } }),
      ),
    );
    expect(still.problems.map((p) => p.path)).toEqual([
      'warningSigns.weightLoss',
      'warningSigns.thoracicPain',
    ]);
    // With the follow-up answered "yes", it is certain and urgent.
    const out = await addCheckin(ctx, USER, checkin({ warningSigns: { weightLoss: true } }));
    expect(codes(out.triage)).toEqual(['cancer-warning-signs']);
    expect(out.programmePaused).toBe(true);
  });

  it('a warning-only check-in does not count as answering the warning-sign check', async () => {
    await assessed();
    await logSession(ctx, USER, spreadIn('glute-bridge', '2026-11-01'));
    await logSession(ctx, USER, spreadIn('standing-march', '2026-11-02'));
    expect((await store.getCurrentProgramme(USER))?.state.warningCheckRequired).toBe(true);
    await addCheckin(ctx, USER, checkin({ warningSigns: { fever: true } }));
    const after = await store.getCurrentProgramme(USER);
    expect(after?.paused).toBe(true);
    expect(after?.state.warningCheckRequired).toBe(true);
  });
});

/** The daily questions answered "no", without the carried history or the cancer follow-ups. */
const DAILY_ONLY = Object.fromEntries(DAILY_WARNING_FIELDS.map((f) => [f, NO_WARNING_SIGNS[f]]));

const spreadIn = (exerciseId: string, date: string) =>
  parsed(
    parseBody(sessionBody, {
      date,
      entries: [{ exerciseId, done: {}, tooEasy: false, painSharper: false, painSpread: true }],
    }),
  );
