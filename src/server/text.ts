// Text every store keeps the same way: a NUL character or a lone UTF-16 surrogate is refused at the edge,
// in any part of a request, because PostgreSQL cannot store either (SQLite would), and the same request
// must get the same answer whichever store is behind it.
import { problem, type Problem } from '../engine/problems.js';

const EXPECTED = 'text without NUL characters or unpaired surrogates';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string can be stored as it is by every store. */
export function storableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** One problem for each string (or object key) in `data` that no store could keep as it is. */
export function badTextProblems(data: unknown): Problem[] {
  const found: Problem[] = [];
  const walk = (value: unknown, path: (string | number)[], depth: number): void => {
    if (found.length >= 20 || depth > 64) return;
    if (typeof value === 'string') {
      if (!storableText(value)) found.push(problem(path, EXPECTED, value));
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, [...path, i], depth + 1);
      });
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (!storableText(key)) found.push(problem([...path, key], EXPECTED, key));
        else walk(item, [...path, key], depth + 1);
      }
    }
  };
  walk(data, [], 0);
  return found;
}
