// The clinician's changes to the programme that the person has not seen yet: who changed it and when,
// each change in words, and their note, with "Got it" to mark them seen. Shown on Home, on the programme,
// and in the session player before the first exercise; never before a standing warning (the screens
// decide that: a warning returns before this is drawn).
import { useState } from 'preact/hooks';
import { knowledgeBase as kb } from '../kb.js';
import { useApp } from '../app-context.js';
import type { ProgrammeVersionView } from '../data/types.js';
import { formatDate } from '../format-date.js';
import { exerciseTitle } from '../../words/index.js';
import { Notice } from './common.js';
import {
  describeVersionChange,
  newestNumber,
  newsToShow,
  pauseOnly,
  versionHeadline,
} from './programme-news-words.js';
import './programme-news.css';

const nameOf = (id: string): string => {
  const ex = kb.exercises.find((e) => e.id === id);
  return ex ? exerciseTitle(ex.name).title : id;
};
const shapeOf = (id: string) => {
  const d = kb.exercises.find((e) => e.id === id)?.dosage;
  return d ? { unit: d.unit, sides: d.sides } : undefined;
};

/**
 * The news card. `before`: the words above the button in the session player ("before you start").
 * `onSeen` runs once the person has pressed "Got it", whether or not the server could be told (offline,
 * the news shows again next time, which is the safe way round).
 */
export default function ProgrammeNews({
  versions,
  onSeen,
  context = 'card',
  pausedNow = false,
}: {
  versions: readonly ProgrammeVersionView[];
  onSeen: () => void;
  /** A clinician's pause stands and its notice is shown: versions that only paused are not repeated. */
  pausedNow?: boolean;
  /** `card` on Home and the programme; `session` before a sitting, with a button that starts it. */
  context?: 'card' | 'session';
}) {
  // No `changed()` after: that would reload the whole screen; each screen asks again when opened.
  const { repo } = useApp();
  const [busy, setBusy] = useState(false);
  const [offline, setOffline] = useState(false);
  const ordered = newsToShow(versions, pausedNow).sort((a, b) => a.number - b.number);
  if (ordered.length === 0) return null;
  const seen = async () => {
    if (busy) return;
    setBusy(true);
    // Everything up to the newest is seen, including a pause the pause notice already told.
    const outcome = await repo.markVersionsSeen(newestNumber(versions));
    setBusy(false);
    if (!outcome.ok && outcome.error.kind === 'network') setOffline(true);
    onSeen();
    // The card goes away: focus moves to the screen's heading rather than being lost.
    if (context === 'card') {
      requestAnimationFrame(() => {
        document.getElementById('screen-title')?.focus();
      });
    }
  };
  return (
    <section class="card programme-news" aria-labelledby="programme-news-title">
      <h2 id="programme-news-title" tabIndex={-1}>
        {context === 'session'
          ? 'Before you start: your programme changed'
          : ordered.every(pauseOnly)
            ? 'News about your programme'
            : 'Your programme changed'}
      </h2>
      {ordered.map((v) => (
        <div key={v.number} class="programme-news-version">
          <p class="programme-news-headline">
            {versionHeadline(v, (iso) => formatDate(iso, { month: 'long' }))}
            {v.changes.some((c) => c.op !== 'pause' && c.op !== 'resume') ? ':' : '.'}
          </p>
          {/* A pause or a restart alone is said by the headline; a list would say it twice. */}
          {v.changes.some((c) => c.op !== 'pause' && c.op !== 'resume') && (
            <ul class="programme-news-changes">
              {v.changes.map((c, i) => (
                <li key={`${c.op}-${c.exerciseId ?? ''}-${String(i)}`}>
                  {describeVersionChange(c, nameOf, shapeOf)}
                </li>
              ))}
            </ul>
          )}
          {v.note && (
            <blockquote class="programme-news-note">
              <p class="programme-news-note-label">Their note</p>
              <p>{v.note}</p>
            </blockquote>
          )}
        </div>
      ))}
      {context === 'session' && (
        <p>The session below uses your programme as it is now, with these changes.</p>
      )}
      {offline && (
        <Notice tone="warning" title="You are offline">
          <p>This news will show again once you are back online.</p>
        </Notice>
      )}
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => void seen()}>
          Got it
        </button>
      </div>
    </section>
  );
}
