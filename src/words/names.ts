// Names people read for the knowledge base's items, looked up by id in the knowledge base given
// (never a global one): exercises as titles, contributors, self-care, "never when" situations, sources.
import type { ExclusionCode, KnowledgeBase, SourceId } from '../kb/types.js';
import { capitalise } from './text.js';

/**
 * An exercise's name as a title, with a trailing explanation in brackets split off:
 * "gentle supine hamstring stretch (knee to vertical, …)" → "Gentle supine hamstring stretch"
 * and "knee to vertical, …". Brackets in the middle of a name stay where they are.
 */
export function exerciseTitle(name: string): { title: string; detail?: string } {
  const match = /^(.+?) \(([^()]+)\)$/.exec(name.trim());
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { title: capitalise(match[1]), detail: match[2] };
  }
  return { title: capitalise(name.trim()) };
}

/** An exercise's title by id ("Bridge"); the id itself when the catalogue has no such exercise. */
export function exerciseName(kb: Pick<KnowledgeBase, 'exercises'>, id: string): string {
  const ex = kb.exercises.find((e) => e.id === id);
  return ex ? exerciseTitle(ex.name).title : id;
}

/** A contributor's name by id; the id itself when unknown. */
export function contributorName(kb: Pick<KnowledgeBase, 'contributors'>, id: string): string {
  return kb.contributors.find((c) => c.id === id)?.name ?? id;
}

/** A self-care item's name by id; the id itself when unknown. */
export function selfCareName(kb: Pick<KnowledgeBase, 'selfCare'>, id: string): string {
  return kb.selfCare.find((s) => s.id === id)?.name ?? id;
}

/** A "never when" situation in words that fit after "Never when:" ("a recent hamstring injury"). */
export function exclusionName(kb: Pick<KnowledgeBase, 'exclusions'>, code: ExclusionCode): string {
  return kb.exclusions[code].name;
}

/** "Never when: a recent hamstring injury; pain or numbness below the knee", or undefined for none. */
export function neverWhenWords(
  kb: Pick<KnowledgeBase, 'exclusions'>,
  codes: readonly ExclusionCode[],
): string | undefined {
  if (codes.length === 0) return undefined;
  return `Never when: ${codes.map((c) => exclusionName(kb, c)).join('; ')}`;
}

/** The name of any item people can look up by id: an exercise, contributor or self-care item. */
export function itemName(
  kb: Pick<KnowledgeBase, 'exercises' | 'contributors' | 'selfCare'>,
  id: string,
): string {
  if (kb.exercises.some((e) => e.id === id)) return exerciseName(kb, id);
  if (kb.contributors.some((c) => c.id === id)) return contributorName(kb, id);
  return selfCareName(kb, id);
}

/** Source titles by id, in the order given; an unknown id stays as it is. */
export function sourceTitles(
  kb: Pick<KnowledgeBase, 'sources'>,
  ids: readonly SourceId[],
): string[] {
  return ids.map((id) => kb.sources.find((s) => s.id === id)?.title ?? id);
}
