// The navigation's icons: one small line drawing each, in a 24 px grid, drawn in the text colour.
import type { RouteId } from '../router.js';

const PATHS: Record<RouteId | 'more' | 'invite', string> = {
  home: 'M3 11 12 3l9 8v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  programme:
    'M10 6h10M10 12h10M10 18h10M3.5 6l1.5 1.5L7.5 5M3.5 12l1.5 1.5 2.5-2.5M3.5 18l1.5 1.5 2.5-2.5',
  checkin: 'M4 5h16v15H4zM4 10h16M8 3v4M16 3v4M9 15l2 2 4-4',
  learn: 'M12 6c-2-1.5-5-2-8-1.5v14c3-.5 6 0 8 1.5 2-1.5 5-2 8-1.5v-14c-3-.5-6 0-8 1.5zM12 6v14',
  progress: 'M4 4v16h16M7 15l4-5 3 3 5-6',
  measure: 'M4 20h16M4 20 17 7M10 20a7 7 0 0 0-2.2-5',
  reminders: 'M6 16v-5a6 6 0 0 1 12 0v5l2 2H4zM10 21h4',
  report: 'M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7',
  account: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  intake:
    'M9 9a3 3 0 1 1 4 2.8c-.7.3-1 .9-1 1.7V15M12 18.5v.5M12 22a10 10 0 1 1 0-20 10 10 0 0 1 0 20z',
  result: 'M12 22a10 10 0 1 1 0-20 10 10 0 0 1 0 20zM8 12l3 3 5-6',
  session: 'M12 22a10 10 0 1 1 0-20 10 10 0 0 1 0 20zM10 8l6 4-6 4z',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  clinic:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20a7 7 0 0 1 14 0M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14a6 6 0 0 1 4 6',
  invite: 'M10 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM3 20a7 7 0 0 1 12.5-4.3M19 14v6M16 17h6',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  outcomes: 'M7 4h10v17H7zM10 3h4v3h-4zM10 17v-3M12 17v-6M14 17v-4',
};

export function NavIcon({ id }: { id: RouteId | 'more' | 'invite' }) {
  return (
    <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[id]} stroke-width={id === 'more' ? 3.5 : undefined} />
    </svg>
  );
}

/** The brand's mark: a figure bending from the hips, as in the app icon. */
export function BrandMark() {
  return (
    <svg
      class="brand-mark"
      viewBox="0 0 32 32"
      width="28"
      height="28"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="#ffffff" fill-opacity="0.16" />
      <g fill="none" stroke="#ffffff" stroke-width="2.6" stroke-linecap="round">
        <circle cx="16" cy="7.5" r="2.8" />
        <path d="M16 11.2q-2 5.6 0 10L13 28M16 21.2l4 6.8" />
      </g>
    </svg>
  );
}
