// Small helpers for sentences people read: capitals, plurals and lists, in one style for every surface.

/** The text with its first letter in capitals: "bridge" → "Bridge". */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The text with its first letter in lower case, to continue a sentence: "Hold 30 seconds" → "hold 30 seconds". */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** A count with its noun in the right number: "1 second", "30 seconds". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
