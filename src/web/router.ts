// Hash routes: every screen has an address that works offline from the one cached page.
export const ROUTES = [
  'home',
  'intake',
  'result',
  'programme',
  'session',
  'checkin',
  'progress',
  'measure',
  'learn',
  'reminders',
  'report',
  'account',
  // The clinician's side: their people, one person (`#/clinic/person/<id>`), invitations (`#/clinic/invite`).
  'clinic',
  // A person opening a clinician's invitation (`#/link/ABCD-EF23`), and their outcome measures.
  'link',
  'outcomes',
] as const;
export type RouteId = (typeof ROUTES)[number];

export interface Route {
  id: RouteId;
  /** What follows the screen's name, e.g. a topic id in `#/learn/sitting`. */
  params: string[];
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first = 'home', ...params] = parts;
  const id = (ROUTES as readonly string[]).includes(first) ? (first as RouteId) : 'home';
  return { id, params: id === first ? params : [] };
}

export function href(id: RouteId, ...params: string[]): string {
  return id === 'home' ? '#/' : `#/${[id, ...params].map(encodeURIComponent).join('/')}`;
}

export function navigate(id: RouteId, ...params: string[]): void {
  window.location.hash = href(id, ...params);
}
