// Cursor paging shared by every store, so memory, SQLite and PostgreSQL page identically.
import type { Page, PageRequest } from './types.js';

export const MAX_PAGE_LIMIT = 500;

/** Throws on a limit outside 1..500: a programming error, since the server validates queries. */
export function checkPage(page: PageRequest): void {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_LIMIT) {
    throw new RangeError(`page limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`);
  }
}

/**
 * Makes a page from up to limit + 1 rows, newest first: the extra row only says that more exist.
 * The cursor is the last item's id because the next page asks for ids below it.
 */
export function pageFrom<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? last.id : null };
}
