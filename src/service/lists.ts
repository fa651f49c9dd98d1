// The order of every list the service gives, stated once; the API and the device's record answer in it.
//
// Every list of a person's records (assessments, programmes, sessions, sittings, check-ins, measurements)
// is newest first: the last one stored leads (ids are time-ordered), and a page goes on from its
// `nextCursor` to older ones. Screens that want another order (a chart by date) sort for themselves.
import type { Page, PageRequest } from '../store/types.js';

/** The largest page a list gives (`limit`). */
export const LIST_PAGE_MAX = 500;

/** Every item of a paged list, page after page, keeping the list's order (newest first). */
export async function everyPage<T>(
  list: (page: PageRequest) => Promise<Page<T>>,
  limit = LIST_PAGE_MAX,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
