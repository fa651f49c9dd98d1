// The sitting's place on the device: a reload continues the same sitting at the first exercise not yet done,
// without counting an exercise twice when the record catches up.
import { describe, expect, it } from 'vitest';
import type { PlannedItem, SittingLog } from '../../engine/sittings.js';
import { sittingToRun, todayWithPlace, withPlace, type SittingPlace } from './sitting-place.js';

const PLAN: PlannedItem[] = [
  { exerciseId: 'knee-to-chest', timesPerDay: 1 },
  { exerciseId: 'supine-hamstring-gentle', timesPerDay: 2 },
  { exerciseId: 'abdominal-brace', timesPerDay: 1 },
];
const DAY = '2026-11-20';
const place: SittingPlace = {
  sittingId: 'sitting-0001',
  date: DAY,
  startedAt: `${DAY}T08:00:00.000Z`,
  done: ['knee-to-chest'],
};

describe('the sitting place', () => {
  it('continues the same sitting after a reload, at the first exercise not yet done', () => {
    const today = todayWithPlace(PLAN, [], place, DAY);
    const run = sittingToRun(today, () => 'new-sitting');
    expect(run).toEqual({
      sittingId: 'sitting-0001',
      number: 1,
      exerciseIds: ['supine-hamstring-gentle', 'abdominal-brace'],
      continuing: true,
    });
  });

  it('does not count an exercise twice once the record has it', () => {
    const logs: SittingLog[] = [
      {
        id: 'l1',
        sittingId: 'sitting-0001',
        date: DAY,
        createdAt: `${DAY}T08:03:00.000Z`,
        entries: [{ exerciseId: 'knee-to-chest' }],
      },
    ];
    expect(withPlace(logs, place)).toEqual(logs);
    // An older record without sitting ids: a log since the sitting began counts as the same one.
    const legacy = logs.map((l) => ({ ...l, sittingId: null }));
    expect(withPlace(legacy, place)).toEqual(legacy);
    expect(todayWithPlace(PLAN, logs, place, DAY).items[0]?.doneToday).toBe(1);
  });

  it('starts a new sitting with only what is still due once the first is complete', () => {
    const done: SittingPlace = {
      ...place,
      done: ['knee-to-chest', 'supine-hamstring-gentle', 'abdominal-brace'],
    };
    const run = sittingToRun(todayWithPlace(PLAN, [], done, DAY), () => 'sitting-0002');
    expect(run).toEqual({
      sittingId: 'sitting-0002',
      number: 2,
      exerciseIds: ['supine-hamstring-gentle'],
      continuing: false,
    });
  });

  it('ignores a place from another day', () => {
    const yesterday: SittingPlace = { ...place, date: '2026-11-19' };
    const run = sittingToRun(todayWithPlace(PLAN, [], yesterday, DAY), () => 'sitting-0003');
    expect(run?.continuing).toBe(false);
    expect(run?.exerciseIds).toHaveLength(3);
  });
});
