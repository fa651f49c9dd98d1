// Tests the Learn screen's words: topic lookups, sources by title and kind, and the posterior-chain description.
import { describe, expect, it } from 'vitest';
import { knowledgeBase } from '../../kb/index.js';
import {
  describePosteriorChain,
  findTopic,
  capitalised,
  neighbours,
  publisherWords,
  relatedTopics,
  SOURCE_KIND_LABELS,
  topicSources,
} from './learn-content.js';

describe('topics', () => {
  it('finds a topic by id and nothing for an unknown one', () => {
    expect(findTopic(knowledgeBase, 'sitting')?.title).toMatch(/sitting/i);
    expect(findTopic(knowledgeBase, 'no-such-topic')).toBeUndefined();
    expect(findTopic(knowledgeBase, undefined)).toBeUndefined();
  });

  it('gives every topic at least one source, each with a title and a kind label', () => {
    for (const topic of knowledgeBase.topics) {
      const sources = topicSources(knowledgeBase, topic);
      expect(sources.length, topic.id).toBe(topic.sources.length);
      for (const s of sources) {
        expect(s.title.length).toBeGreaterThan(0);
        expect(SOURCE_KIND_LABELS[s.kind]).toBeTruthy();
      }
    }
  });

  it('keeps the order the topic cites its sources in', () => {
    const topic = findTopic(knowledgeBase, 'posterior-chain-pelvic-tilt');
    expect(topic).toBeDefined();
    if (!topic) return;
    expect(topicSources(knowledgeBase, topic).map((s) => s.id)).toEqual(topic.sources);
  });

  it('links only to related topics that exist', () => {
    for (const topic of knowledgeBase.topics) {
      const related = relatedTopics(knowledgeBase, topic);
      expect(related.length).toBe(topic.related.topics.length);
      for (const r of related) expect(findTopic(knowledgeBase, r.id)?.title).toBe(r.title);
    }
  });

  it('pages from the first topic forward only and from the last backward only', () => {
    const first = knowledgeBase.topics[0];
    const last = knowledgeBase.topics.at(-1);
    if (!first || !last) throw new Error('no topics');
    expect(neighbours(knowledgeBase, first.id).previous).toBeUndefined();
    expect(neighbours(knowledgeBase, first.id).next?.id).toBe(knowledgeBase.topics[1]?.id);
    expect(neighbours(knowledgeBase, last.id).next).toBeUndefined();
    expect(neighbours(knowledgeBase, 'nope')).toEqual({});
  });
});

describe('words', () => {
  it('names no seed file in any publisher, and would drop such a note', () => {
    for (const s of knowledgeBase.sources) expect(s.publisher).not.toMatch(/seed \d/);
    const source = knowledgeBase.sources.find((s) => s.id === 'art-causes');
    if (!source) throw new Error('source missing');
    expect(publisherWords({ ...source, publisher: 'Health article (seed 000)' })).toBe(
      'Health article',
    );
  });
  it('capitalises a name', () => {
    expect(capitalised('glute bridge')).toBe('Glute bridge');
    expect(capitalised('')).toBe('');
  });
});

describe('describePosteriorChain', () => {
  it('shows a level pelvis and the usual standing curve when relaxed', () => {
    const s = describePosteriorChain(0);
    expect(s.tilt).toBe(0);
    expect(s.lumbar).toBe(40);
    expect(s.tightness).toBe('Relaxed');
    expect(s.text).toBe('Pelvis level, not tipped back. The low back has its normal curve of 40°.');
  });

  it('tilts the pelvis back and flattens the curve as the hamstrings tighten', () => {
    const s = describePosteriorChain(60);
    expect(s.tilt).toBe(9);
    expect(s.lumbar).toBe(25);
    expect(s.text).toBe(
      'Pelvis tipped back 9°. The low-back curve is 25°, flatter than the normal 40°.',
    );
    expect(s.pose.pelvisTilt).toBeCloseTo(9);
  });

  it('changes monotonically: tighter never tilts less nor curves more', () => {
    let previous = describePosteriorChain(0);
    for (let p = 5; p <= 100; p += 5) {
      const s = describePosteriorChain(p);
      expect(s.tilt).toBeGreaterThanOrEqual(previous.tilt);
      expect(s.lumbar).toBeLessThanOrEqual(previous.lumbar);
      previous = s;
    }
    expect(previous.tightness).toBe('Very tight');
    expect(previous.tilt).toBe(15);
    expect(previous.lumbar).toBe(15);
  });

  it('clamps values outside the slider and treats nonsense as relaxed', () => {
    expect(describePosteriorChain(150).tilt).toBe(15);
    expect(describePosteriorChain(-10).tilt).toBe(0);
    expect(describePosteriorChain(Number.NaN).tilt).toBe(0);
  });
});
