// The intake stopped by a warning sign: what to do now, and how storing the answer went.
import { FailureNotice } from '../components/common.js';
import type { Failure } from '../data/types.js';
import type { WarningNow } from '../../engine/warning-now.js';
// Only the triage policy's words, not the whole knowledge base (src/web/kb.ts): the intake's first question
// loads without it (the first-load budget, issue 11).
import { triageWords } from '../../kb/triage.js';
import { warningReasons, type Draft } from './intake-steps.js';
import { LevelPanel } from './result-panel.js';
import { adviceParts } from './result-view.js';

/** Asking, or stopped by a warning (stored as given: `saved` says how that went). */
export type Mode =
  | { kind: 'asking' }
  | {
      kind: 'stopped';
      warning: WarningNow;
      step: number;
      saved: 'saving' | 'saved' | 'queued' | Failure;
    };
/**
 * The questions stopped by a warning: what to do now fills the screen, and the answer is already being
 * stored (no more questions are needed for that). Until the questions are answered again, Home, the
 * programme and the session lead with this advice and offer no session.
 */
export function WarningStop({
  mode,
  draft,
  onBack,
}: {
  mode: Extract<Mode, { kind: 'stopped' }>;
  draft: Draft;
  onBack: () => void;
}) {
  const { warning, saved } = mode;
  const reasons = warningReasons(
    warning.reasons.map((r) => r.code),
    draft.values,
  );
  return (
    <LevelPanel
      level={warning.level}
      parts={adviceParts(warning.level, warning.gate, triageWords)}
      reasons={reasons}
    >
      {warning.level === 'emergency' ? (
        <p>Go now. Nothing else on this screen needs doing first.</p>
      ) : (
        <p>Do not start the exercises until you have been seen.</p>
      )}
      <p role="status">
        {saved === 'saving'
          ? 'Saving your answer…'
          : saved === 'saved'
            ? 'Your answer is saved. Backchain will not offer you exercises until you answer the questions again.'
            : saved === 'queued'
              ? 'Your answer is saved on this device and will be sent when you are back online.'
              : ''}
      </p>
      {typeof saved === 'object' && <FailureNotice failure={saved} />}
      <div class="actions">
        <button type="button" onClick={onBack}>
          Back to the questions
        </button>
      </div>
      <p class="small">
        Answered a question by mistake? Go back, change it and finish the questions: a new result
        replaces this one.
      </p>
    </LevelPanel>
  );
}
