// What the Learn screen says: topics and their sources from the knowledge base, and the posterior-chain picture in words.
import { POSTERIOR_CHAIN_POSE } from '../../figure/keyframes.js';
import { STANDING_LORDOSIS, type Pose } from '../../figure/model.js';
import type { EducationTopic, KnowledgeBase, Source } from '../../kb/types.js';

/** What kind of source it is, in words a reader can weigh. */
export const SOURCE_KIND_LABELS: Record<Source['kind'], string> = {
  article: 'Article',
  guideline: 'Clinical guideline',
  study: 'Research study',
};

/** Who published a source, without the internal note of which seed file it was read from. */
export function publisherWords(source: Source): string {
  return source.publisher.replace(/\s*\(seed \d+\)/i, '').trim();
}

/** A name as the start of a line: "glute bridge" becomes "Glute bridge". */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function findTopic(kb: KnowledgeBase, id: string | undefined): EducationTopic | undefined {
  return id === undefined ? undefined : kb.topics.find((t) => t.id === id);
}

/** The topic's sources in the order it cites them; an id the knowledge base lacks is skipped. */
export function topicSources(kb: KnowledgeBase, topic: EducationTopic): Source[] {
  return topic.sources.flatMap((id) => kb.sources.filter((s) => s.id === id));
}

/** The related topics that exist, as id and title, for links. */
export function relatedTopics(
  kb: KnowledgeBase,
  topic: EducationTopic,
): { id: string; title: string }[] {
  return topic.related.topics.flatMap((id) => {
    const found = findTopic(kb, id);
    return found ? [{ id: found.id, title: found.title }] : [];
  });
}

/** The previous and next topics in the knowledge base's order, for paging through them. */
export function neighbours(
  kb: KnowledgeBase,
  id: string,
): { previous?: EducationTopic; next?: EducationTopic } {
  const i = kb.topics.findIndex((t) => t.id === id);
  if (i < 0) return {};
  const previous = kb.topics[i - 1];
  const next = kb.topics[i + 1];
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}

/** The slider runs in whole percent; the figure model takes 0 to 1. */
export const TENSION_STEPS = 100;

export interface PosteriorChainState {
  pose: Pose;
  /** Degrees the pelvis is tilted back, rounded. */
  tilt: number;
  /** Degrees of the low back's inward curve, rounded. */
  lumbar: number;
  /** How tight, in a word or two. */
  tightness: string;
  /** What the picture shows, in a sentence (the live region reads it). */
  text: string;
}

function tightnessWord(t: number): string {
  if (t < 0.15) return 'Relaxed';
  if (t < 0.45) return 'A little tight';
  if (t < 0.8) return 'Tight';
  return 'Very tight';
}

/** The posterior-chain picture at a slider value from 0 (relaxed) to 100 (very tight). */
export function describePosteriorChain(percent: number): PosteriorChainState {
  const clamped = Number.isFinite(percent) ? Math.min(TENSION_STEPS, Math.max(0, percent)) : 0;
  const t = clamped / TENSION_STEPS;
  const pose = POSTERIOR_CHAIN_POSE(t);
  const tilt = Math.round(pose.pelvisTilt);
  const lumbar = Math.round(pose.lumbar);
  const normal = Math.round(STANDING_LORDOSIS);
  const pelvis = tilt === 0 ? 'Pelvis level, not tipped back.' : `Pelvis tipped back ${tilt}°.`;
  const curve =
    lumbar >= normal
      ? `The low back has its normal curve of ${lumbar}°.`
      : `The low-back curve is ${lumbar}°, flatter than the normal ${normal}°.`;
  return { pose, tilt, lumbar, tightness: tightnessWord(t), text: `${pelvis} ${curve}` };
}
