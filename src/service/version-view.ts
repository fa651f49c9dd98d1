// A programme version as both sides read it (docs/clinician.md): who made it, what changed, and the note. Kept apart from the service so the person's day (records.ts) can show news without a cycle.
import type { z } from 'zod';
import type { ProgrammeVersionRecord } from '../store/types.js';
import type { versionView as versionViewSchema } from './responses.js';

/** One version of a programme, as the API answers it. */
export type VersionView = z.infer<typeof versionViewSchema>;
/** What an item was before or after a change: the exercise, its dose and times a day, its note, or the pause. */
type ChangeSide = VersionView['changes'][number]['before'];

/** How the engine's own version is signed: the programme built from the assessment. */
export const ENGINE_AUTHOR = 'Backchain (from your assessment)';

/** A stored version as the API answers it; a clinician who has since left keeps the name they had. */
export function versionView(v: ProgrammeVersionRecord): VersionView {
  return {
    number: v.number,
    createdAt: v.createdAt,
    author:
      v.authorRole === 'engine'
        ? { id: null, name: ENGINE_AUTHOR, role: 'engine' }
        : { id: v.authorId, name: v.authorName ?? 'A clinician', role: 'clinician' },
    changes: v.changes.map((c) => ({
      op: c.op,
      exerciseId: c.exerciseId ?? null,
      // Stored as the engine's programme change wrote them: one of the shapes the document names.
      before: (c.before ?? null) as ChangeSide,
      after: (c.after ?? null) as ChangeSide,
    })),
    note: v.note,
    seenAt: v.seenAt,
  };
}

/**
 * The versions the person has not seen yet, oldest first: the news shown before their next sitting. These
 * are a clinician's, and the engine's that carry a clinician's changes into a new assessment's programme
 * (the engine's own first version is seen when made).
 */
export function unseenVersions(versions: readonly ProgrammeVersionRecord[]): VersionView[] {
  return versions
    .filter((v) => v.seenAt === null)
    .sort((a, b) => a.number - b.number)
    .map(versionView);
}
