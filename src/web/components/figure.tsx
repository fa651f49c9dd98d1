// The exercise illustrations: the figure model's SVG, animated there and back, or as numbered key poses
// for people who ask for reduced motion.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Keyframe } from '../../kb/types.js';
import { anglesToPose, poseAt, yoyo, type Pose } from '../../figure/model.js';
import { figureBounds, renderFigureSvg, renderKeyPosesSvg } from '../../figure/svg.js';
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

/**
 * An exercise's illustration. Animated, one repetition takes `secondsPerRep` there and back, and
 * `playing` false holds the current frame (a paused session holds its picture too).
 */
export function ExerciseFigure({
  keyframes,
  title,
  playing = true,
  secondsPerRep = 4,
  width = 280,
  height = 220,
}: {
  keyframes: readonly Keyframe[];
  title: string;
  playing?: boolean;
  secondsPerRep?: number;
  width?: number;
  height?: number;
}) {
  const reduced = useReducedMotion();
  const host = useRef<HTMLDivElement>(null);
  const [phase, setPhase] = useState(0);
  const bounds = useMemo(
    () => figureBounds(keyframes.map((k) => anglesToPose(k.angles))),
    [keyframes],
  );
  useEffect(() => {
    if (reduced || !playing) return;
    let frame = 0;
    let last: number | null = null;
    const tick = (t: number) => {
      const step = last === null ? 0 : (t - last) / 1000 / (secondsPerRep / 2);
      setPhase((p) => p + step);
      last = t;
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [reduced, playing, secondsPerRep]);
  if (reduced) {
    const svg = renderKeyPosesSvg(keyframes, {
      title: `${title}: key positions, in order from left to right`,
      panelWidth: 150,
      height: 150,
    });
    return <div class="figure" ref={host} dangerouslySetInnerHTML={{ __html: svg }} />;
  }
  const svg = renderFigureSvg(poseAt(keyframes, yoyo(phase)), { title, width, height, bounds });
  return <div class="figure" ref={host} dangerouslySetInnerHTML={{ __html: svg }} />;
}
