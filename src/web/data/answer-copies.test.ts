// The device's copies of API answers: read back only when their shape's version is the one the app knows.
import { describe, expect, it } from 'vitest';
import { ANSWER_COPY_VERSION, answerCopy, fromAnswerCopy } from './answer-copies.js';

describe('answer copies', () => {
  const today = { items: [{ id: 'a', date: '2026-11-29' }], nextCursor: null };

  it('gives back a copy kept by this version', () => {
    expect(fromAnswerCopy(answerCopy(today))).toEqual(today);
    expect(fromAnswerCopy(answerCopy(null))).toBeNull();
  });

  it('reads a copy kept before copies had versions as version 1', () => {
    expect(fromAnswerCopy(today, 1)).toEqual(today);
    expect(fromAnswerCopy(today, 2)).toBeUndefined();
  });

  it('does not read a copy of another version, older or newer', () => {
    expect(fromAnswerCopy(answerCopy(today, ANSWER_COPY_VERSION + 1))).toBeUndefined();
    expect(fromAnswerCopy(answerCopy(today, 1), 2)).toBeUndefined();
  });

  it('has nothing when nothing was kept', () => {
    expect(fromAnswerCopy(undefined)).toBeUndefined();
  });
});
