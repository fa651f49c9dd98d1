// Plain-text renderings for a person reading a terminal: the assessment, the programme and knowledge-base entries.
import type { Assessment } from '../engine/assess.js';
import type { Programme } from '../engine/plan.js';
import type { KnowledgeBase, SourceId } from '../kb/types.js';
import {
  capitalise,
  contributorName,
  dosageRangeWords,
  dosageWords,
  GATE_WORDS,
  itemName,
  LEVEL_HEADLINE,
  LIKELIHOOD_WORDS,
  lowerFirst,
  neverWhenWords,
  PHASE_WORDS,
  RISK_WORDS,
  selfCareName,
} from '../words/index.js';

function sourceList(kb: KnowledgeBase, ids: readonly SourceId[]): string[] {
  return ids.map((id) => {
    const s = kb.sources.find((x) => x.id === id);
    return s ? `  - ${s.title} (${s.kind})` : `  - ${id}`;
  });
}

export function renderAssessment(a: Assessment, kb: KnowledgeBase): string {
  const out: string[] = [];
  out.push(LEVEL_HEADLINE[a.triage.level]);
  out.push('');
  out.push(a.triage.advice);
  if (a.triage.reasons.length > 0) {
    out.push('');
    out.push('Why:');
    // The rule codes and the answers they read stay in the JSON output (`--json`), as on the web.
    for (const r of a.triage.reasons) out.push(`  - ${r.text}`);
  }
  out.push('');
  out.push(`${capitalise(GATE_WORDS[a.exercise])}.`);
  out.push(`Phase: ${PHASE_WORDS[a.phase]}.`);
  if (a.triage.level !== 'emergency') {
    out.push('');
    out.push('What is most likely driving your pain:');
    for (const c of a.contributors) {
      out.push(`  ${contributorName(kb, c.id)}: ${lowerFirst(LIKELIHOOD_WORDS[c.likelihood])}`);
      if (c.likelihood === 'unlikely') continue;
      for (const e of c.evidence) out.push(`     ${e.effect === 'for' ? '+' : '-'} ${e.text}`);
    }
  }
  if (a.startBack) {
    out.push('');
    out.push(
      `STarT Back: total ${a.startBack.total} of 9, distress ${a.startBack.distress} of 5: ${lowerFirst(RISK_WORDS[a.startBack.risk])}.`,
    );
  }
  out.push('');
  out.push('Sources:');
  for (const s of a.sources) out.push(`  - ${s.title} (${s.kind})`);
  out.push('');
  out.push(
    `Triage policy version ${a.policyVersion}, knowledge base ${a.knowledgeBase}. This is guidance, not a diagnosis.`,
  );
  return out.join('\n');
}

export function renderProgramme(p: Programme, kb: KnowledgeBase): string {
  const out: string[] = ['Your programme', ''];
  for (const note of p.notes) out.push(note);
  if (p.notes.length > 0) out.push('');
  if (p.items.length > 0) {
    out.push('Exercises:');
    for (const item of p.items) {
      out.push(
        `  - ${itemName(kb, item.exerciseId)} (${item.exerciseId}): ${lowerFirst(dosageWords(item.dosage, item.timesPerDay))}`,
      );
      for (const c of item.cautions) out.push(`      ! ${c}`);
    }
    out.push('');
  }
  if (p.selfCareDetails.length > 0) {
    out.push('Self-care:');
    for (const s of p.selfCareDetails) out.push(`  - ${selfCareName(kb, s.id)}: ${s.why}`);
    out.push('');
  }
  if (p.items.length > 0) {
    out.push('Rules for every session:');
    for (const r of p.stopRules) out.push(`  - ${r.text}`);
    out.push('');
    out.push(`Progression: ${p.progressionRule}`);
  }
  return out.join('\n');
}

/** Renders one knowledge-base entry by id (exercise, contributor, self-care item or topic), or undefined. */
export function renderEntry(kb: KnowledgeBase, id: string): string | undefined {
  const ex = kb.exercises.find((e) => e.id === id);
  if (ex) {
    return [
      `${capitalise(ex.name)} (${ex.id}): ${ex.kind}${ex.gentle ? ', gentle' : ''}`,
      '',
      ex.purpose,
      '',
      'Steps:',
      ...ex.steps.map((s, i) => `  ${i + 1}. ${s}`),
      '',
      'Cues:',
      ...ex.cues.map((c) => `  - ${c}`),
      '',
      'Common mistakes:',
      ...ex.mistakes.map((m) => `  - ${m}`),
      '',
      `Dosage: ${lowerFirst(dosageRangeWords(ex.dosage))}`,
      ...(ex.neverWhen.length > 0 ? [`${neverWhenWords(kb, ex.neverWhen)}.`] : []),
      `Helps with: ${ex.serves.map((c) => contributorName(kb, c)).join('; ')}`,
      '',
      'Sources:',
      ...sourceList(kb, ex.sources),
    ].join('\n');
  }
  const c = kb.contributors.find((x) => x.id === id);
  if (c) {
    return [
      `${c.name} (${c.id})`,
      '',
      c.summary,
      '',
      ...c.mechanism.flatMap((p) => [p, '']),
      'What points to it, and away from it:',
      ...c.typicalSigns.map((s) => `  - ${s}`),
      '',
      `Strength of the evidence: ${c.evidence.strength}. ${c.evidence.note}`,
      ...(c.icd10.length > 0
        ? [`ICD-10: ${c.icd10.map((i) => `${i.code} ${i.display}`).join('; ')}`]
        : []),
      '',
      'Sources:',
      ...sourceList(kb, c.sources),
    ].join('\n');
  }
  const s = kb.selfCare.find((x) => x.id === id);
  if (s) {
    return [
      `${s.name} (${s.id})`,
      `When: ${s.when}`,
      ...(s.minutes ? [`For ${s.minutes.min} to ${s.minutes.max} minutes.`] : []),
      '',
      ...s.steps.map((x, i) => `  ${i + 1}. ${x}`),
      ...(s.cautions.length > 0 ? ['', 'Take care:', ...s.cautions.map((x) => `  - ${x}`)] : []),
      '',
      'Sources:',
      ...sourceList(kb, s.sources),
    ].join('\n');
  }
  const t = kb.topics.find((x) => x.id === id);
  if (t) {
    return [
      `${t.title} (${t.id})`,
      '',
      t.summary,
      '',
      ...t.body.flatMap((p) => [p, '']),
      ...(t.evidenceNote ? [`How sure we are: ${t.evidenceNote}`, ''] : []),
      'Sources:',
      ...sourceList(kb, t.sources),
    ].join('\n');
  }
  return undefined;
}

/** Every id `explain` accepts, for the error message when one is unknown. */
export function explainableIds(kb: KnowledgeBase): string[] {
  return [
    ...kb.exercises.map((e) => e.id),
    ...kb.contributors.map((c) => c.id),
    ...kb.selfCare.map((s) => s.id),
    ...kb.topics.map((t) => t.id),
  ];
}
