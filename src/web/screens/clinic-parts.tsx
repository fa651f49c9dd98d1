// Pieces the clinician's screens share: the need badge (words, colour and icon), the pain sparkline with its
// words, a reported warning with the advice the person was given, and the notices for offline and unlinked.
import type { ComponentChildren } from 'preact';
import type { NeedKind } from '../../engine/caseload.js';
import { LEVEL_NAME } from '../level-words.js';
import { formatDate } from '../format-date.js';
import type { Need, WarningFact } from '../data/clinician-api.js';
import { href } from '../router.js';
import { NEED_WORDS, painSummary, sparkline, type NeedIcon } from './clinic-words.js';

const ICON_PATHS: Record<NeedIcon, string> = {
  triangle: 'M12 3 22 20H2zM12 9v5M12 17v.5',
  'arrow-up': 'M12 20V5M6 11l6-6 6 6',
  clock: 'M12 21a9 9 0 1 1 0-18 9 9 0 0 1 0 18zM12 7v5l3 2',
  half: 'M12 21a9 9 0 1 1 0-18 9 9 0 0 1 0 18zM12 3v18',
  check: 'M5 12.5 10 17l9-10',
};

/** The need's icon: a shape for each kind, so the colour is never the only sign. */
export function NeedIconSvg({ kind }: { kind: NeedKind }) {
  return (
    <svg class="need-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={ICON_PATHS[NEED_WORDS[kind].icon]} />
    </svg>
  );
}

/** The need as a badge: icon, colour and words together. */
export function NeedBadge({ need }: { need: Need }) {
  const words = NEED_WORDS[need.kind];
  return (
    <span class={`need-badge need-${words.tone}`}>
      <NeedIconSvg kind={need.kind} />
      {words.label}
    </span>
  );
}

/** Dates as the clinician reads them: day and short month, with the year only when it is not this one. */
export function day(value: string): string {
  const thisYear = String(new Date().getFullYear());
  return formatDate(value, { year: !value.startsWith(thisYear) });
}

/** The time of an instant, "10:04", in the reader's own clock. */
export function time(value: string): string {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return '';
  return at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** The 30-day pain sparkline: an inline SVG, hidden from screen readers, beside its summary in words. */
export function PainSparkline({
  pain,
  today,
  id,
}: {
  pain: readonly { date: string; value: number }[];
  today: string;
  id: string;
}) {
  const line = sparkline(pain, today);
  const words = painSummary(pain, today, day);
  return (
    <div class="sparkline">
      <svg
        viewBox={`0 0 ${line.width} ${line.height}`}
        width={line.width}
        height={line.height}
        aria-hidden="true"
        focusable="false"
      >
        <line class="spark-base" x1="0" x2={line.width} y1={line.height - 1} y2={line.height - 1} />
        {line.path && <path class="spark-line" d={line.path} />}
        {line.dots.map((d) => (
          <circle
            key={d.date}
            class="spark-dot"
            cx={d.x}
            cy={d.y}
            r={line.dots.length > 14 ? 1.4 : 2}
          />
        ))}
      </svg>
      <p class="small sparkline-words" id={id}>
        {words}
      </p>
    </div>
  );
}

/** A warning sign the person reported: the level, the reasons and the advice they were given at once. */
export function WarningFactBlock({
  warning,
  headingLevel = 3,
}: {
  warning: WarningFact;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class={`clinic-warning level-tone-${warning.level}`}>
      <Heading class="clinic-warning-title">
        <NeedIconSvg kind="warning" />
        {LEVEL_NAME[warning.level]}: warning sign reported {day(warning.since)} at{' '}
        {time(warning.since)}
      </Heading>
      <ul class="clinic-warning-reasons">
        {warning.reasons.map((r) => (
          <li key={r.code}>
            {r.text} <span class="code">({r.code})</span>
          </li>
        ))}
      </ul>
      <p class="clinic-warning-advice">
        <strong>The advice they were given at once:</strong> {warning.advice}
      </p>
    </div>
  );
}

/** Said when the clinician is offline: their pages come from the server. */
export function OfflineNotice() {
  return (
    <div class="notice notice-warning" role="status">
      <p class="notice-title">You are offline</p>
      <p>
        Your people’s records are kept on the server, not on this device. They show again once you
        are back online.
      </p>
    </div>
  );
}

/** Said when a person's record is refused: the link ended (or never was), so access stopped at once. */
export function NotLinkedNotice() {
  return (
    <div class="notice notice-warning" role="alert">
      <p class="notice-title">You no longer have access to this person’s record</p>
      <p>
        They are not linked to you: the link has ended (either of you can end it at any time) or was
        never made. Nothing of their record is shown. If they want you to follow them again, send
        them a new invitation.
      </p>
      <p>
        <a href={href('clinic')}>Back to your people</a>
      </p>
    </div>
  );
}

/** A wide table that scrolls sideways on a phone: a labelled region keyboard users can focus and scroll. */
export function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
