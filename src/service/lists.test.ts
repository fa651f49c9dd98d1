// Tests reading a whole paged list: every page, in the list's own order, each page asked for from the last cursor.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Page, PageRequest } from '../store/types.js';
import { everyPage, LIST_PAGE_MAX } from './lists.js';

/** A list of `rows` (already newest first) served `limit` at a time, recording what was asked. */
function pagedList(rows: readonly string[]) {
  const asked: PageRequest[] = [];
  const list = (page: PageRequest): Promise<Page<string>> => {
    asked.push(page);
    const from = page.cursor === undefined ? 0 : rows.indexOf(page.cursor) + 1;
    const items = rows.slice(from, from + page.limit);
    const last = items.at(-1);
    const more = from + page.limit < rows.length;
    return Promise.resolve({ items, nextCursor: more && last !== undefined ? last : null });
  };
  return { list, asked };
}

describe('everyPage', () => {
  it('gathers every page in the list’s order, whatever the page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        async (rows, limit) => {
          const { list, asked } = pagedList(rows);
          expect(await everyPage(list, limit)).toStrictEqual(rows);
          expect(asked.length).toBe(Math.max(1, Math.ceil(rows.length / limit)));
          expect(asked.every((p) => p.limit === limit)).toBe(true);
        },
      ),
    );
  });

  it('asks for the largest page the API allows unless told otherwise', async () => {
    const { list, asked } = pagedList(['c', 'b', 'a']);
    expect(await everyPage(list)).toStrictEqual(['c', 'b', 'a']);
    expect(asked).toStrictEqual([{ limit: LIST_PAGE_MAX, cursor: undefined }]);
    expect(LIST_PAGE_MAX).toBe(500);
  });
});
