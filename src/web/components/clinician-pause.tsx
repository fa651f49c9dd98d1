// A pause a clinician set, in words: who paused the programme and when, their note, and what it means
// (no sittings until they start it again; check-ins go on). Light enough for Home's first load.
import type { ClinicianPauseView } from '../data/types.js';
import { formatDate } from '../format-date.js';
import { Notice } from './common.js';
import './clinician-pause.css';

/** "Alex Morgan, physiotherapist, paused your programme on 3 December 2026." */
export function clinicianPauseSentence(
  pause: Pick<ClinicianPauseView, 'name' | 'since'>,
  date: (iso: string) => string = (iso) => formatDate(iso, { month: 'long' }),
): string {
  const name = pause.name.trim() || 'Your clinician';
  return `${name.includes(',') ? `${name},` : name} paused your programme on ${date(pause.since)}.`;
}

/** A clinician's note about one exercise, where the exercise is shown (the programme, the player). */
export function ExerciseNote({ note }: { note: string | undefined }) {
  if (!note?.trim()) return null;
  return (
    <div class="clinician-note">
      <p>
        <strong>Note from your clinician:</strong> {note}
      </p>
    </div>
  );
}

/** The pause in words, where a warning's pause notice would stand (it is not a warning). */
export function ClinicianPauseNotice({ pause }: { pause: ClinicianPauseView }) {
  return (
    <Notice tone="info" title="Your programme is paused">
      <p>{clinicianPauseSentence(pause)}</p>
      {pause.note && (
        <blockquote class="clinician-note">
          <p>
            <strong>Their note:</strong> {pause.note}
          </p>
        </blockquote>
      )}
      <p>
        There are no exercise sessions until they start it again. Keep doing your daily check-ins:
        they help your clinician see how you are.
      </p>
    </Notice>
  );
}
