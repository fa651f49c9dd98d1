// For every emergency and urgent rule, the smallest check-in that makes it certain, worked out from the rule table.
import { checkinTriage, type CheckinDraft } from '../src/engine/checkin.js';
import type { Intake, IntakeField } from '../src/engine/intake.js';
import { WARNING_RULES, type TriageRule } from '../src/engine/triage.js';
import { triageWords } from '../src/kb/triage.js';
import { ANSWER_DOMAINS } from '../src/engine/warning-now.js';

/** The check-in's own top-level answers; every other answer a rule reads is a warning sign. */
const TOP_LEVEL: readonly IntakeField[] = ['painNow', 'painAreas', 'legSide'];

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((first, i) =>
    subsets(items.slice(i + 1), size - 1).map((rest) => [first, ...rest]),
  );
}

function product(domains: readonly (readonly unknown[])[]): unknown[][] {
  return domains.reduce<unknown[][]>(
    (all, domain) => all.flatMap((row) => domain.map((v) => [...row, v])),
    [[]],
  );
}

/** A check-in body carrying only these answers: nothing else answered, no other warning sign. */
function draftOf(fields: readonly IntakeField[], values: readonly unknown[]): CheckinDraft {
  const top: Record<string, unknown> = {};
  const signs: Record<string, unknown> = {};
  fields.forEach((f, i) => {
    if (TOP_LEVEL.includes(f)) top[f] = values[i];
    else signs[f] = values[i];
  });
  return { ...top, warningSigns: signs };
}

export interface CertainCheckin {
  rule: TriageRule;
  /** The check-in body: `warningSigns` and, where the rule reads them, `painNow` or `legSide`. */
  body: CheckinDraft;
}

/**
 * For each warning rule, the check-in with the fewest answers that makes it certain against `base` (the
 * assessment's answers, or null before any): `age` is never the check-in's to give. Throws when a rule
 * cannot be made certain by a check-in, so a rule the check-in cannot catch fails the tests loudly.
 */
export function certainCheckins(base: Intake | null): CertainCheckin[] {
  return WARNING_RULES.map((rule) => {
    const askable = rule.reads.filter((f) => f !== 'age');
    for (let size = 1; size <= askable.length; size++) {
      for (const fields of subsets(askable, size)) {
        for (const values of product(fields.map((f) => ANSWER_DOMAINS[f] ?? []))) {
          const body = draftOf(fields, values);
          const fired = checkinTriage(base, body, { triage: triageWords });
          if (fired?.reasons.some((r) => r.code === rule.code)) return { rule, body };
        }
      }
    }
    throw new Error(`no check-in makes ${rule.code} certain`);
  });
}
