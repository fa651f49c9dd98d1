// The triage level as a panel: the level in words, an icon and a colour, what to do (with the emergency
// numbers to call at once), and the reasons with the answers behind them. The one panel every screen uses for
// a level or a standing warning: the result, the questions stopped early, the check-in, the session, Home.
// Free of the engine, so the first screen can show a standing warning without loading it.
import type { ComponentChildren } from 'preact';
import type { Level } from '../../engine/triage.js';
import { emergencyNumbers } from '../emergency-numbers.js';
import { CONTACT_HEADING, HEADLINE, LEVEL_NAME, type AdviceParts } from '../level-words.js';
import { ScreenTitle } from './common.js';
import './level-panel.css';

export interface ReasonLine {
  text: string;
  answers: { question: string; answer: string }[];
}

/** The emergency numbers as links that dial, the locale's first and the others listed. */
export function EmergencyCall({ locale }: { locale?: string }) {
  const { primary, others } = emergencyNumbers(
    locale ??
      (typeof navigator === 'undefined' ? '' : (navigator.languages[0] ?? navigator.language)),
  );
  return (
    <div class="emergency-call">
      <a class="button call-primary" href={`tel:${primary.number}`}>
        Call {primary.number}
      </a>
      <p class="call-others-intro">Elsewhere:</p>
      <ul class="call-others">
        {others.map((n) => (
          <li key={n.number}>
            <a href={`tel:${n.number}`}>{n.number}</a> in the {n.where}
          </li>
        ))}
      </ul>
    </div>
  );
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
  heading = 'title',
  children,
}: {
  level: Level;
  parts: AdviceParts;
  reasons: readonly ReasonLine[];
  /** Replaces the level's standard headline. */
  title?: string;
  /** `title`: the panel's heading is the screen's title (h1); `section`: the screen has its own (h2). */
  heading?: 'title' | 'section';
  children?: ComponentChildren;
}) {
  const headline = title ?? HEADLINE[level];
  return (
    <section
      class={`level-panel level-${level}`}
      aria-labelledby={heading === 'title' ? 'screen-title' : 'level-title'}
    >
      <div class="level-tag">
        <LevelIcon level={level} />
        <span>{LEVEL_NAME[level]}</span>
      </div>
      {heading === 'title' ? (
        <ScreenTitle>{headline}</ScreenTitle>
      ) : (
        <h2 id="level-title" class="level-title">
          {headline}
        </h2>
      )}
      <h2 class="level-subhead">{CONTACT_HEADING[level]}</h2>
      <p class="level-lead">{parts.contact}</p>
      {level === 'emergency' && <EmergencyCall />}
      {parts.safe && (
        <>
          <h2 class="level-subhead">What is still safe to do</h2>
          <p>{parts.safe}</p>
        </>
      )}
      {reasons.length > 0 &&
        (level === 'emergency' ? (
          <>
            <h2 class="level-subhead">Why</h2>
            <Reasons reasons={reasons} />
          </>
        ) : (
          <details class="disclosure level-why">
            <summary>Why this advice</summary>
            <div class="disclosure-body">
              <Reasons reasons={reasons} />
            </div>
          </details>
        ))}
      {parts.safetyNet && (
        <p class="level-safety-net">
          <strong>Watch for these:</strong> {parts.safetyNet}
        </p>
      )}
      {children}
    </section>
  );
}

function Reasons({ reasons }: { reasons: readonly ReasonLine[] }) {
  return (
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
  );
}

/** A warning as it was given and stored: its level, the advice, and the rules behind it. */
export interface WarningLike {
  level: Level;
  reasons: readonly { code: string; text: string }[];
  advice: string;
}

/**
 * A standing warning (a paused programme, a warning sign just reported): the advice as it was given,
 * with the emergency numbers for an emergency. Nothing about exercise is offered beside it.
 */
export function WarningPanel({
  warning,
  title,
  heading = 'title',
  children,
}: {
  warning: WarningLike;
  title?: string;
  heading?: 'title' | 'section';
  children?: ComponentChildren;
}) {
  return (
    <LevelPanel
      level={warning.level}
      parts={{ contact: warning.advice }}
      reasons={warning.reasons.map((r) => ({ text: r.text, answers: [] }))}
      heading={heading}
      {...(title === undefined ? {} : { title })}
    >
      {children}
    </LevelPanel>
  );
}
