// A clinician's access to one person's record (docs/clinician.md): the active link checked inside the person's
// transaction, and every read and change written to the person's own audit trail before anything is answered.
import { PersonGone } from '../store/errors.js';
import { newId } from '../store/ids.js';
import type { AuditAction, AuditOutcome, CareLinkRecord } from '../store/types.js';
import { RecordError, accountGone, type PersonContext, type RecordContext } from './records.js';

/**
 * The one answer without an active link: the same for a person never linked, only invited, unlinked, or
 * not there at all, so a clinician learns nothing about who exists or who ended a link.
 */
export const notLinked = () =>
  new RecordError(
    'not-found',
    'not-linked',
    'Not linked to this person',
    'You can see a person’s record only while they have an active link to you.',
  );

/** What a clinician touched, as the audit row's resource: the route, with no person id in it. */
export type CareResource =
  | '/api/clinician/people'
  | '/api/clinician/people/:personId'
  | '/api/clinician/people/:personId/checkins'
  | '/api/clinician/people/:personId/sittings'
  | '/api/clinician/people/:personId/measurements'
  | '/api/clinician/people/:personId/outcomes'
  | '/api/clinician/people/:personId/outcomes/schedule'
  | '/api/clinician/people/:personId/programme/versions'
  | '/api/clinician/people/:personId/programme/changes'
  | '/api/clinician/people/:personId/programme/pause'
  | '/api/clinician/people/:personId/progress'
  | '/api/clinician/people/:personId/report'
  | `/api/clinician/people/:personId/export?format=${string}`;

/** The audit row's id of what was made or changed, set by the work as it goes. */
export interface AccessNote {
  resourceId: string | null;
}

/** Writes one row on the person's trail for the acting clinician (or the operator). */
export async function auditAccess(
  tx: PersonContext,
  personId: string,
  actor: string,
  action: AuditAction,
  resource: string,
  resourceId: string | null,
  outcome: AuditOutcome,
): Promise<void> {
  const now = tx.now();
  await tx.store.addAudit({
    userId: personId,
    id: newId(now),
    at: now.toISOString(),
    actor,
    action,
    resource,
    resourceId,
    credentialKind: tx.audit?.credentialKind ?? null,
    credentialId: tx.audit?.credentialId ?? null,
    address: tx.audit?.address ?? null,
    outcome,
  });
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: RecordError };

/**
 * Runs a clinician's read or change of one person's record in that person's transaction: refused as
 * `not-linked` unless the link is active at this moment; otherwise the access is written to the person's
 * trail (refused when the work refuses) in the same transaction, so no data leaves without its row.
 * `work` must throw its refusals before it writes anything, as the refusal's row is kept.
 */
export async function asLinked<T>(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
  action: AuditAction,
  resource: CareResource,
  work: (tx: PersonContext, link: CareLinkRecord, note: AccessNote) => Promise<T>,
): Promise<T> {
  let settled: Settled<T>;
  try {
    settled = await ctx.store.withPerson(personId, async (store) => {
      const tx: PersonContext = { ...ctx, store };
      const link = await store.activeLink(personId, clinicianId);
      if (!link) throw notLinked();
      const note: AccessNote = { resourceId: null };
      try {
        const value = await work(tx, link, note);
        await auditAccess(tx, personId, clinicianId, action, resource, note.resourceId, 'ok');
        return { ok: true, value } as const;
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        await auditAccess(tx, personId, clinicianId, action, resource, note.resourceId, 'refused');
        return { ok: false, error: e } as const;
      }
    });
  } catch (e) {
    // A person who is not there answers as one who is not linked: nothing tells the two apart.
    if (e instanceof PersonGone) throw notLinked();
    if (e instanceof RecordError && e.code === accountGone().code) throw notLinked();
    throw e;
  }
  if (!settled.ok) throw settled.error;
  return settled.value;
}

/** Where a clinician's audit row came from, for turning it into the person's words. */
const WORDS: readonly [suffix: string, read: string, changed: string][] = [
  [
    '/outcomes/schedule',
    'your outcome measures',
    'your outcome measures (asked you to fill one in)',
  ],
  ['/outcomes', 'your outcome measures', 'your outcome measures (entered a score)'],
  ['/programme/versions', 'your programme’s history', 'your programme’s history'],
  ['/programme/changes', 'your programme', 'your programme (changed)'],
  ['/programme/pause', 'your programme', 'your programme (paused or started again)'],
  ['/checkins', 'your check-ins', 'your check-ins'],
  ['/sittings', 'your exercise sittings', 'your exercise sittings'],
  ['/measurements', 'your leg-raise and toe-touch measurements', 'your measurements'],
  ['/progress', 'your progress', 'your progress'],
  ['/report', 'your one-page report', 'your one-page report'],
  ['/people/:personId', 'your assessment and programme', 'your link with them (ended)'],
  ['/people', 'your place in their list of people', 'your place in their list of people'],
];

/** An audit row by someone else in the person's own plain words ("your check-ins"). */
export function accessWords(action: AuditAction, resource: string): string {
  if (action === 'unlink') return 'your link with them (ended)';
  if (action === 'link') return 'your link with them';
  if (action === 'export' || resource.includes('/export')) {
    const format = /format=(\w+)/.exec(resource)?.[1];
    return format
      ? `your whole record (a ${format.toUpperCase()} copy)`
      : 'your whole record (a copy)';
  }
  const path = resource.split('?')[0] ?? resource;
  const found = WORDS.find(([suffix]) => path.endsWith(suffix));
  if (!found) return 'your record';
  return action === 'read' ? found[1] : found[2];
}
