// The home page's picture, loaded after the first paint: the same figure as the exercises, drawing a
// knee in to the chest on a mat, the stretch picked out and the movement shown by an arrow.
// Only the key poses, not the whole knowledge base (src/web/kb.ts): the home page loads without it.
import { EXERCISE_KEYFRAMES } from '../../kb/figures.js';
import { anglesToPose } from '../../figure/model.js';
import { figureBounds, marksOf, renderFigureSvg, viewOf } from '../../figure/svg.js';

export function homePictureSvg(title: string): string {
  const frames = EXERCISE_KEYFRAMES['knee-to-chest'];
  const poses = frames.map((k) => anglesToPose(k.angles));
  const marks = marksOf(frames);
  const last = poses[poses.length - 1];
  if (!last) return '';
  return renderFigureSvg(last, {
    title,
    width: 300,
    height: 170,
    keyframes: frames,
    bounds: figureBounds(poses, 0, viewOf(marks), marks),
  });
}
