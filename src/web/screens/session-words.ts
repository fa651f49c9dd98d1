// What the session player says: the step before each side or round, the cues announced (and spoken) at
// sensible moments of a hold, and the programme's changes in plain words.
import type { ProgrammeChange } from '../../engine/session.js';
import type { ExerciseId } from '../../kb/types.js';
import { dosageWords } from '../../words/index.js';
import {
  REST_SECONDS,
  secondsLeft,
  type Answers,
  type ExerciseRun,
  type SessionState,
} from './session-machine.js';

const SIDE_WORDS = { left: 'left leg', right: 'right leg' } as const;

/**
 * The heading of the step before a block: "Left leg first", "Now the right leg", "Round 2 of 2",
 * or null when there is only one block.
 */
export function blockLabel(run: ExerciseRun): string | null {
  const block = run.blocks[run.block];
  if (!block || run.blocks.length === 1) return null;
  const sets = run.blocks.at(-1)?.set ?? 1;
  const round = sets > 1 ? `Round ${block.set} of ${sets}` : null;
  if (block.side === null) return round;
  const previous = run.blocks[run.block - 1];
  const side = SIDE_WORDS[block.side];
  if (block.side === 'right' && previous?.side === 'left') {
    return round ? `${round}: now the ${side}` : `Now the ${side}`;
  }
  return round ? `${round}: ${side} first` : `${capital(side)} first`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Where in the dose the person is: "Left leg", "Right leg, round 2 of 2", "Round 1 of 2"; null for a single block. */
export function blockWhere(run: ExerciseRun): string | null {
  const block = run.blocks[run.block];
  if (!block || run.blocks.length === 1) return null;
  const sets = run.blocks.at(-1)?.set ?? 1;
  const round = sets > 1 ? `round ${block.set} of ${sets}` : null;
  if (block.side === null) return round ? capital(round) : null;
  const side = capital(SIDE_WORDS[block.side]);
  return round ? `${side}, ${round}` : side;
}

/** "Hold 2 of 3", "Rep 3 of 10", or "Rest". */
export function stageLabel(run: ExerciseRun): string {
  const s = run.stage;
  switch (s.kind) {
    case 'ready':
      return blockLabel(run) ?? 'Get ready';
    case 'getready': {
      const label = blockLabel(run);
      return label ? `${label}: get into position` : 'Get into position';
    }
    case 'hold':
      return `Hold ${s.rep} of ${run.dosage.repeats}`;
    case 'rest':
      return 'Relax';
    case 'reps':
      return `${s.count} of ${run.dosage.amount}`;
    case 'questions':
      return 'How did it go?';
  }
}

export interface Cue {
  /** Changes exactly when a new cue is due; the same key is never announced twice. */
  key: string;
  text: string;
}

/**
 * The cue to announce now, if any: when a step begins, 10 seconds before the end of a longer hold,
 * at the end of a hold, near the end of a rest, and on each counted repetition (the person pressed
 * for it). Never every second.
 */
export function cueFor(
  state: SessionState,
  nameOf: (id: ExerciseId) => string,
  /** The exercise's first step, read out while the person gets into position. */
  firstStep?: (id: ExerciseId) => string | undefined,
): Cue | null {
  const run = state.current;
  if (!run) return null;
  const base = `${state.results.length + state.skipped.length}:${run.exerciseId}:${run.block}`;
  const s = run.stage;
  const left = secondsLeft(s);
  switch (s.kind) {
    case 'ready': {
      const label = blockLabel(run);
      return {
        key: `${base}:ready`,
        text: `${nameOf(run.exerciseId)}. ${dosageWords(run.dosage)}.${label ? ` ${label}.` : ''} Read the steps, then press Start.`,
      };
    }
    case 'getready': {
      if (left === null) return null;
      const label = blockLabel(run);
      const first = run.block === 0 && run.tally.blocksDone === 0;
      if (left === Math.ceil(s.totalMs / 1000)) {
        const step = firstStep?.(run.exerciseId);
        const text = first
          ? `Next: ${nameOf(run.exerciseId)}.${label ? ` ${label}.` : ''} Get into position.${step ? ` ${step}` : ''}`
          : `${label ?? 'Next round'}. Get into position.`;
        return { key: `${base}:getready`, text };
      }
      if (left === 3) return { key: `${base}:getready:3`, text: 'Ready in 3.' };
      return null;
    }
    case 'hold': {
      if (left === null) return null;
      const total = run.dosage.amount;
      if (left === total) {
        return {
          key: `${base}:${s.rep}:hold`,
          text: `Hold ${s.rep} of ${run.dosage.repeats}. Hold for ${total} seconds.`,
        };
      }
      if (total >= 20 && left <= 10 && left > 5) {
        return { key: `${base}:${s.rep}:ten`, text: '10 seconds left.' };
      }
      return null;
    }
    case 'rest':
      if (left === null) return null;
      if (left === REST_SECONDS) {
        return {
          key: `${base}:${s.rep}:rest`,
          text: `Well done. Relax for ${REST_SECONDS} seconds.`,
        };
      }
      if (left <= 3) return { key: `${base}:${s.rep}:soon`, text: 'Get ready to hold again.' };
      return null;
    case 'reps':
      if (s.count === 0) {
        return {
          key: `${base}:reps`,
          text: `${run.dosage.amount} repetitions, in time with the beat. Go.`,
        };
      }
      return { key: `${base}:rep:${s.count}`, text: `${s.count}.` };
    case 'questions':
      return {
        key: `${base}:questions`,
        text: s.stoppedEarly
          ? 'Stopped. Please answer the questions about how it went.'
          : 'Well done. Please answer the questions about how it went.',
      };
  }
}

/** Why the stop rules acted, from the person's answers. */
export function painReason(a: Pick<Answers, 'painSharper' | 'painSpread'>): string {
  if (a.painSharper && a.painSpread) return 'the pain got sharper and spread down your leg';
  if (a.painSpread) return 'the pain spread down your leg';
  return 'the pain got sharper';
}

/**
 * One change in plain words, e.g. "We have taken Hamstring stretch out of your programme because the
 * pain spread down your leg. Try the gentler Knee to chest instead."
 */
export function describeChange(
  change: ProgrammeChange,
  answers: Pick<Answers, 'painSharper' | 'painSpread'>,
  nameOf: (id: ExerciseId) => string,
  /** The exercise just done: a change to another one came from backing off, not from its own pain. */
  logged?: ExerciseId,
): string {
  const name = nameOf(change.exerciseId);
  if (change.change === 'dropped' && logged !== undefined && change.exerciseId !== logged) {
    return `${name} is out of your programme for now: while your plan backs off it holds only gentle exercises that do not pull on the sciatic nerve.`;
  }
  switch (change.change) {
    case 'replaced': {
      const by = change.by ? nameOf(change.by) : 'a gentler exercise';
      if (!answers.painSharper && !answers.painSpread) {
        return `${name} has left your programme, and ${by} joins it so that stretching stays paired with strengthening.`;
      }
      return `We have taken ${name} out of your programme because ${painReason(answers)}. Try the gentler ${by} instead.`;
    }
    case 'dropped':
      return `We have taken ${name} out of your programme because ${painReason(answers)}. There is no gentler exercise of its kind to offer in its place.`;
    case 'progressed':
      if (change.by) {
        return `${name} was too easy two sessions running, so next time you move on to ${nameOf(change.by)}.`;
      }
      if (change.dosage) {
        return `${name} was too easy two sessions running, so its dose goes up one step: ${lowerFirst(dosageWords(change.dosage))}.`;
      }
      return `${name} was too easy two sessions running, so it moves up a step.`;
  }
}

const lowerFirst = (s: string) =>
  /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;

/** The end of the session in a few plain sentences. */
export function sessionSummary(
  state: SessionState,
  nameOf: (id: ExerciseId) => string,
): { done: string[]; skipped: string[]; changes: string[]; encouragement: string } {
  const done = state.results.map((r) => nameOf(r.exerciseId));
  const skipped = state.skipped.map(nameOf);
  const changes = state.results.flatMap((r) =>
    r.changes.map((c) => describeChange(c, r.answers, nameOf, r.exerciseId)),
  );
  const hurt = state.results.some((r) => r.answers.painSharper || r.answers.painSpread);
  const encouragement =
    done.length === 0
      ? 'No exercises today, and that is all right. Gentle movement and walking still help; try again tomorrow.'
      : hurt
        ? 'Thank you for stopping when it hurt: that is exactly what keeps this safe. Rest, move gently, and check in tomorrow.'
        : 'Well done. Small, steady sessions are what help most; the same again tomorrow.';
  return { done, skipped, changes, encouragement };
}
