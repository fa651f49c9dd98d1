// Reading a person's rows oldest first a page at a time (exports), the same way in every store: the order, the cursor, the pages.
import { checkPage } from './paging.js';
import type { OrderedPage, PageRequest } from './types.js';

/** A row's place in the order: its date ('' for rows without one), creation time and id. */
export type OrderKey = readonly [date: string, createdAt: string, id: string];

export const orderKeyOf = (row: { date?: string; createdAt: string; id: string }): OrderKey => [
  row.date ?? '',
  row.createdAt,
  row.id,
];

/** Compares two keys as text, part by part (as the SQL stores' "C" and binary collations do). */
export function compareOrderKeys(a: OrderKey, b: OrderKey): number {
  for (let i = 0; i < 3; i++) {
    const [x, y] = [a[i] ?? '', b[i] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The cursor after a row: its key, as text the next request hands back. */
export const cursorAfter = (key: OrderKey): string => JSON.stringify(key);

/** The key a cursor names; a cursor this code did not make is a programming error. */
export function keyOfCursor(cursor: string): OrderKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !parsed.every((part): part is string => typeof part === 'string')
  ) {
    throw new RangeError('not a cursor of rowsInOrder');
  }
  return [parsed[0] as string, parsed[1] as string, parsed[2] as string];
}

/**
 * A page from up to limit + 1 rows in order: the extra row only says that more exist. Checks the
 * request first, as every store's pages do.
 */
export function orderedPageFrom<T extends { date?: string; createdAt: string; id: string }>(
  rows: T[],
  page: PageRequest,
): OrderedPage<T> {
  checkPage(page);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > page.limit && last ? cursorAfter(orderKeyOf(last)) : null,
  };
}
