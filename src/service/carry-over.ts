// A new assessment keeps the clinician's changes that are still safe (docs/clinician.md, "A new assessment"):
// their net changes to the previous programme, re-applied one by one to the engine's new programme through the
// same safety check as a clinician's change (gate of the new triage, "never when", ranges). Transport-free.
import { z } from 'zod';
import {
  applyClinicianChanges,
  type AppliedChange,
  type ChangeContext,
  type ChangeRefusal,
  type ClinicianChange,
} from '../engine/clinician-change.js';
import type { Programme, PrescribedDosage } from '../engine/plan.js';
import type { ProgrammeState } from '../engine/session.js';
import type { KnowledgeBase } from '../kb/types.js';
import type { ProgrammeVersionRecord } from '../store/types.js';
import { exerciseName } from '../words/names.js';
import { refusalWords } from '../words/refusal.js';

/** A dose as a version's change stored it (before/after are stored JSON: read them through a schema). */
const storedDose = z.looseObject({
  dosage: z.looseObject({ amount: z.number(), repeats: z.number(), sets: z.number() }),
  timesPerDay: z.number(),
});
const storedItem = storedDose.extend({ note: z.string().optional() });

type Dose = z.infer<typeof storedDose>;

/** What the clinicians' versions did to one exercise, all told. */
interface NetChange {
  exerciseId: string;
  /** Added by a clinician (not the engine's own exercise). */
  added: boolean;
  removed: boolean;
  dose?: Dose;
  /** The note set last; null when removed; absent when untouched. */
  note?: string | null;
}

/** The clinicians' changes to a programme, in order, folded into one net change per exercise. */
export function netChanges(versions: readonly ProgrammeVersionRecord[]): NetChange[] {
  const byId = new Map<string, NetChange>();
  const clinicians = versions
    .filter((v) => v.authorRole === 'clinician')
    .sort((a, b) => a.number - b.number);
  for (const change of clinicians.flatMap((v) => v.changes)) {
    const id = change.exerciseId;
    if (id === undefined) continue; // a pause or resume: carried over as the programme's state
    const net = byId.get(id) ?? { exerciseId: id, added: false, removed: false };
    switch (change.op) {
      case 'add': {
        const item = storedItem.safeParse(change.after);
        if (!item.success) continue;
        const { note, ...dose } = item.data;
        byId.set(id, {
          exerciseId: id,
          added: true,
          removed: false,
          dose,
          ...(note === undefined ? {} : { note }),
        });
        continue;
      }
      case 'remove':
        // An exercise a clinician added and later removed leaves nothing to carry.
        if (net.added) byId.delete(id);
        else byId.set(id, { exerciseId: id, added: false, removed: true });
        continue;
      case 'dose': {
        const dose = storedDose.safeParse(change.after);
        if (dose.success) byId.set(id, { ...net, dose: dose.data });
        continue;
      }
      case 'note': {
        const note = z
          .string()
          .nullable()
          .safeParse(change.after ?? null);
        if (note.success) byId.set(id, { ...net, note: note.data });
        continue;
      }
      case 'pause':
      case 'resume':
        continue;
    }
  }
  return [...byId.values()];
}

const sameDose = (a: PrescribedDosage, times: number, b: Dose) =>
  a.amount === b.dosage.amount &&
  a.repeats === b.dosage.repeats &&
  a.sets === b.dosage.sets &&
  times === b.timesPerDay;

/** The changes that make one net change on the new programme (none when it already holds). */
function changesFor(net: NetChange, programme: Programme): ClinicianChange[] {
  const id = net.exerciseId;
  const item = programme.items.find((i) => i.exerciseId === id);
  // Removed by the clinician and not chosen again: it stays out without a change.
  if (net.removed) return item ? [{ op: 'remove', exerciseId: id }] : [];
  const parts = (d: Dose) => ({
    amount: d.dosage.amount,
    repeats: d.dosage.repeats,
    sets: d.dosage.sets,
  });
  if (net.added && !item) {
    return [
      {
        op: 'add',
        exerciseId: id,
        ...(net.dose ? { dosage: parts(net.dose), timesPerDay: net.dose.timesPerDay } : {}),
        ...(net.note ? { note: net.note } : {}),
      },
    ];
  }
  const out: ClinicianChange[] = [];
  // An exercise the new programme lacks: the dose or note is refused as "not in the programme".
  if (net.dose && (!item || !sameDose(item.dosage, item.timesPerDay, net.dose))) {
    out.push({
      op: 'dose',
      exerciseId: id,
      dosage: parts(net.dose),
      timesPerDay: net.dose.timesPerDay,
    });
  }
  if (net.note !== undefined && (!item || (item.note ?? null) !== net.note)) {
    out.push({ op: 'note', exerciseId: id, note: net.note });
  }
  return out;
}

/** What was carried over: the programme with what passed, what passed, and what was refused and why. */
export interface CarriedOver {
  programme: Programme;
  state: ProgrammeState;
  applied: AppliedChange[];
  refused: { change: ClinicianChange; refusal: ChangeRefusal }[];
}

/**
 * Re-applies the clinicians' net changes to the engine's new programme, each on its own through
 * `applyClinicianChanges` under the new assessment's context: what passes is kept, what is refused is
 * left out and listed with the rule that refused it. Null when there is nothing to carry.
 */
export function carryOver(
  versions: readonly ProgrammeVersionRecord[],
  programme: Programme,
  state: ProgrammeState,
  kb: KnowledgeBase,
  context: ChangeContext,
): CarriedOver | null {
  let next = { programme, state };
  const applied: AppliedChange[] = [];
  const refused: CarriedOver['refused'] = [];
  for (const net of netChanges(versions)) {
    for (const change of changesFor(net, next.programme)) {
      const result = applyClinicianChanges(next.programme, next.state, [change], kb, context);
      if (result.ok) {
        next = { programme: result.programme, state: result.state };
        applied.push(...result.applied);
      } else {
        refused.push(...result.refusals.map((refusal) => ({ change, refusal })));
      }
    }
  }
  if (applied.length === 0 && refused.length === 0) return null;
  return { ...next, applied, refused };
}

const WHAT: Record<ClinicianChange['op'], string> = {
  add: 'adding it',
  remove: 'removing it',
  dose: 'the dose',
  note: 'the note',
};

/** The carried-over version's note: where the changes came from and, in words, each one left out and why. */
export function carryOverNote(
  carried: CarriedOver,
  fromVersion: number,
  kb: KnowledgeBase,
): string {
  const head = `Carried over from version ${fromVersion} of the previous programme: the clinician’s changes that are still safe after this assessment.`;
  if (carried.refused.length === 0) return head;
  const left = carried.refused.map(
    ({ change, refusal }) =>
      `${exerciseName(kb, change.exerciseId)} (${WHAT[change.op]}): ${refusalWords(refusal)}`,
  );
  return `${head} Not carried over: ${left.join(' ')}`;
}
