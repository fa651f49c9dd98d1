// Record ids that sort by creation time, so "newest first" is simply "id descending" in every store.
// Web Crypto (`globalThis.crypto`) rather than node:crypto, so the same ids are made in a browser.

/** Crockford's base32 in lower case: ascending in ASCII, so text order equals numeric order. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TIME_CHARS = 12;
const RANDOM_CHARS = 14;
/** 32^12 ms is far beyond any real date, so the time part never overflows its width. */
const MAX_TIME = 32 ** TIME_CHARS - 1;

let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = (ALPHABET[rest % 32] ?? '0') + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomDigits(): number[] {
  // 256 is a multiple of 32, so masking a byte gives unbiased digits.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(RANDOM_CHARS));
  return [...bytes].map((b) => b & 31);
}

/** Adds one to a base32 number held as digits; ids made in the same millisecond keep their order. */
function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    const d = next[i] ?? 0;
    if (d < 31) {
      next[i] = d + 1;
      return next;
    }
    next[i] = 0;
  }
  // 70 random bits would need ~10^21 ids in one millisecond to get here.
  throw new Error('newId: random part overflowed within one millisecond');
}

/**
 * A new unique id: 12 base32 characters of the time in ms, then 14 random ones (26 in all).
 * Ids made by this process in the same millisecond increase, so text order is creation order.
 */
export function newId(now: Date): string {
  const ms = now.getTime();
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME) {
    throw new RangeError(`newId: not a usable time: ${String(now)}`);
  }
  lastRandom = ms === lastTime ? increment(lastRandom) : randomDigits();
  lastTime = ms;
  return encodeTime(ms) + lastRandom.map((d) => ALPHABET[d] ?? '0').join('');
}

/**
 * The smallest id `newId` makes at `at`: every id made at or after that instant sorts at or after it, so
 * "made since" is a range of ids (the write limits count a person's recent rows so).
 */
export function idFloor(at: Date): string {
  const ms = at.getTime();
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME) {
    throw new RangeError(`idFloor: not a usable time: ${String(at)}`);
  }
  return encodeTime(ms) + '0'.repeat(RANDOM_CHARS);
}

/** The creation time encoded in an id made by `newId`, or undefined when it is not one. */
export function idTime(id: string): Date | undefined {
  if (id.length !== TIME_CHARS + RANDOM_CHARS) return undefined;
  let ms = 0;
  for (const ch of id.slice(0, TIME_CHARS)) {
    const d = ALPHABET.indexOf(ch);
    if (d < 0) return undefined;
    ms = ms * 32 + d;
  }
  for (const ch of id.slice(TIME_CHARS)) if (!ALPHABET.includes(ch)) return undefined;
  return new Date(ms);
}
