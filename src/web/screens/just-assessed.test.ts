// Tests the hand-over from the intake to the result screen: taken once, and only by the same kind of repository.
import { describe, expect, it } from 'vitest';
import type { AssessmentView } from '../data/types.js';
import { handOverAssessment, takeHandedOver } from './just-assessed.js';

const view = (id: string) => ({ id, createdAt: '2026-11-02T09:00:00.000Z' }) as AssessmentView;

describe('the assessment handed to the result screen', () => {
  it('is taken once; the next visit loads as usual', () => {
    handOverAssessment('device', view('a1'));
    expect(takeHandedOver('device')?.id).toBe('a1');
    expect(takeHandedOver('device')).toBeNull();
  });

  it('is the latest one handed over', () => {
    handOverAssessment('account', view('a1'));
    handOverAssessment('account', view('a2'));
    expect(takeHandedOver('account')?.id).toBe('a2');
  });

  it('is not shown where the data now lives elsewhere (signed in or out meanwhile), and is dropped', () => {
    handOverAssessment('device', view('a1'));
    expect(takeHandedOver('account')).toBeNull();
    expect(takeHandedOver('device')).toBeNull();
  });
});
