// Small pieces every part of the FHIR export shares: valid resource ids, the knowledge-base tag, a stable order.
import { SYSTEM } from './codes.js';
import type { Meta } from './types.js';
import { uuidUrn } from './uuid.js';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The record id when it is a valid FHIR id, else the UUID of its key (always valid). */
export function fhirId(candidate: string, key: string): string {
  return FHIR_ID.test(candidate) ? candidate : uuidUrn(key).slice('urn:uuid:'.length);
}

/** The knowledge base a resource was made with, as a meta tag. */
export function kbTag(version: string): Meta {
  return { tag: [{ system: SYSTEM.knowledgeBase, code: version }] };
}

/** Oldest first, ties by id, so the output never depends on the order the store listed rows in. */
export function chronological<T extends { createdAt: string; id: string; date?: string }>(
  rows: readonly T[],
): T[] {
  const key = (r: T) => `${r.date ?? ''}\u0000${r.createdAt}\u0000${r.id}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
