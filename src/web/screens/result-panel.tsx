// The triage level as a panel: the level in words, an icon and a colour, what to do, and the reasons
// with the answers behind them. Used by the result screen and by the questions when an emergency stops them.
import type { ComponentChildren } from 'preact';
import { ScreenTitle } from '../components/common.js';
import type { Level } from '../../engine/triage.js';
import { CONTACT_HEADING, HEADLINE, LEVEL_NAME, type AdviceParts } from './result-view.js';
import './result.css';

export interface ReasonLine {
  text: string;
  answers: { question: string; answer: string }[];
}

function LevelIcon({ level }: { level: Level }) {
  const common = {
    class: 'level-icon',
    viewBox: '0 0 48 48',
    width: 48,
    height: 48,
    'aria-hidden': true,
    focusable: 'false',
  } as const;
  switch (level) {
    case 'emergency':
      return (
        <svg {...common}>
          <path class="icon-shape" d="M24 4 L46 43 H2 Z" />
          <path class="icon-line" d="M24 17 V30" stroke-width="5" />
          <circle class="icon-dot" cx="24" cy="37" r="3" />
        </svg>
      );
    case 'urgent':
      return (
        <svg {...common}>
          <circle class="icon-shape" cx="24" cy="24" r="20" />
          <path class="icon-line" d="M24 12 V25 L32 30" stroke-width="4" />
        </svg>
      );
    case 'soon':
      return (
        <svg {...common}>
          <rect class="icon-shape" x="5" y="9" width="38" height="34" rx="4" />
          <path class="icon-line" d="M14 5 V13 M34 5 V13 M5 19 H43" stroke-width="4" />
        </svg>
      );
    case 'self-care':
      return (
        <svg {...common}>
          <circle class="icon-shape" cx="24" cy="24" r="20" />
          <path class="icon-line" d="M14 25 L21 32 L34 17" stroke-width="5" />
        </svg>
      );
  }
}

/**
 * The level panel. Its heading is the screen's title, so it is what a screen reader hears first.
 * An emergency fills the screen; nothing about exercise belongs inside it.
 */
export function LevelPanel({
  level,
  parts,
  reasons,
  title,
  children,
}: {
  level: Level;
  parts: AdviceParts;
  reasons: readonly ReasonLine[];
  /** Replaces the level's standard headline. */
  title?: string;
  children?: ComponentChildren;
}) {
  return (
    <section class={`level-panel level-${level}`} aria-labelledby="screen-title">
      <div class="level-tag">
        <LevelIcon level={level} />
        <span>{LEVEL_NAME[level]}</span>
      </div>
      <ScreenTitle>{title ?? HEADLINE[level]}</ScreenTitle>
      <h2 class="level-subhead">{CONTACT_HEADING[level]}</h2>
      <p class="level-lead">{parts.contact}</p>
      {parts.safe && (
        <>
          <h2 class="level-subhead">What is still safe to do</h2>
          <p>{parts.safe}</p>
        </>
      )}
      {reasons.length > 0 && (
        <>
          <h2 class="level-subhead">Why</h2>
          <ul class="level-reasons">
            {reasons.map((r) => (
              <li key={r.text}>
                <p>{r.text}</p>
                {r.answers.length > 0 && (
                  <ul class="level-answers">
                    {r.answers.map((a) => (
                      <li key={a.question}>
                        You answered “{a.answer}” to: {a.question}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {parts.safetyNet && (
        <p class="level-safety-net">
          <strong>Watch for these:</strong> {parts.safetyNet}
        </p>
      )}
      {children}
    </section>
  );
}
