// The exercise illustrations: the figure model's SVG, moving as the session asks (looping there and back,
// moving into a hold and staying still, one repetition per count), or as numbered key poses for people
// who ask for reduced motion.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Keyframe } from '../../kb/types.js';
import {
  anglesToPose,
  isSettled,
  momentOf,
  motionPose,
  type FigureMotion,
  type Pose,
} from '../../figure/model.js';
import {
  figureBounds,
  marksOf,
  renderFigureSvg,
  renderKeyPosesSvg,
  viewOf,
} from '../../figure/svg.js';
import { useReducedMotion } from '../hooks.js';

/** One still pose (the markup comes from our own renderer, which escapes every text it writes). */
export function PoseFigure({
  pose,
  title,
  width = 240,
  height = 200,
  hamstrings = false,
}: {
  pose: Pose;
  title: string;
  width?: number;
  height?: number;
  hamstrings?: boolean;
}) {
  const svg = renderFigureSvg(pose, { title, width, height, hamstrings });
  return <div class="figure" dangerouslySetInnerHTML={{ __html: svg }} />;
}

const DEMO: FigureMotion = { kind: 'demo' };

/** The motion as a value: a new key is a new motion to run from its start, the same key carries on. */
function motionKey(motion: FigureMotion): string {
  switch (motion.kind) {
    case 'demo':
      return 'demo';
    case 'hold':
      return `hold:${motion.msIntoHold}`;
    case 'rest':
      return `rest:${motion.msIntoRest}`;
    case 'reps':
      return `reps:${motion.count}`;
  }
}

/**
 * An exercise's illustration. `motion` says what it shows (see `FigureMotion`): by default the
 * movement looping there and back, one repetition taking `secondsPerRep`. A hold or rest is drawn
 * frame by frame only while the figure moves into or out of position, then not at all while it is
 * still. `playing` false holds the current frame (a paused session holds its picture too).
 */
export function ExerciseFigure({
  keyframes,
  title,
  motion = DEMO,
  playing = true,
  secondsPerRep = 4,
  width = 280,
  height = 220,
}: {
  keyframes: readonly Keyframe[];
  title: string;
  motion?: FigureMotion;
  playing?: boolean;
  secondsPerRep?: number;
  width?: number;
  height?: number;
}) {
  const reduced = useReducedMotion();
  const host = useRef<HTMLDivElement>(null);
  const msPerRep = secondsPerRep * 1000;
  const key = motionKey(motion);
  // Running time since this motion was given, paused time not counted; a new motion starts at 0.
  const [clock, setClock] = useState({ key, elapsedMs: 0 });
  const elapsedMs = clock.key === key ? clock.elapsedMs : 0;
  const elapsedNow = useRef(elapsedMs);
  elapsedNow.current = elapsedMs;
  const bounds = useMemo(() => {
    const marks = marksOf(keyframes);
    return figureBounds(
      keyframes.map((k) => anglesToPose(k.angles)),
      0,
      viewOf(marks),
      marks,
    );
  }, [keyframes]);
  useEffect(() => {
    if (reduced || !playing) return;
    const from = elapsedNow.current;
    if (isSettled(momentOf(motion, from, msPerRep))) return;
    let frame = 0;
    let first: number | null = null;
    const tick = (t: number) => {
      first ??= t;
      const ms = from + (t - first);
      setClock({ key, elapsedMs: ms });
      // Still from here on: stop asking for frames until the motion changes.
      if (!isSettled(momentOf(motion, ms, msPerRep))) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [reduced, playing, key, msPerRep]);
  if (reduced) {
    const svg = renderKeyPosesSvg(keyframes, {
      title: `${title}: key positions, in order from left to right`,
      panelWidth: 150,
      height: 150,
    });
    return <div class="figure" ref={host} dangerouslySetInnerHTML={{ __html: svg }} />;
  }
  const pose = motionPose(keyframes, momentOf(motion, elapsedMs, msPerRep));
  const svg = renderFigureSvg(pose, { title, width, height, bounds, keyframes });
  return <div class="figure" ref={host} dangerouslySetInnerHTML={{ __html: svg }} />;
}
