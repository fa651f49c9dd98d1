// The words of linking to a clinician: an invitation code as typed, how long to wait after too many tries,
// a link's state, and each entry of "who looked at your record" as a sentence.
import type { AccessLogEntry, LinkView } from '../data/types.js';

/** The letters and digits a code is made of: no 0/O, 1/I/L, so it reads aloud without mistakes. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export type CodeCheck = { ok: true; code: string } | { ok: false; message: string };

/**
 * Reads a code as a person types or pastes it ("abcd ef23", "ABCD-EF23", or the whole link) into the
 * form the app shows, `ABCD-EF23`; or says plainly what is wrong with it.
 */
export function readCode(input: string): CodeCheck {
  const fromLink = /#\/link\/([^/?#\s]+)/.exec(input)?.[1];
  const raw = (fromLink ? decodeURIComponent(fromLink) : input).toUpperCase().replace(/[\s-]/g, '');
  if (raw === '') return { ok: false, message: 'Type the code your clinician gave you.' };
  if (/[01OIL]/.test(raw)) {
    return {
      ok: false,
      message:
        'Codes never use the letters O, I or L, nor the digits 0 or 1. Check each character again.',
    };
  }
  if (!new RegExp(`^[${CODE_ALPHABET}]+$`).test(raw)) {
    return { ok: false, message: 'A code has only letters and digits, like ABCD-EF23.' };
  }
  if (raw.length !== 8) {
    return {
      ok: false,
      message: `A code has 8 letters and digits, like ABCD-EF23; this one has ${String(raw.length)}.`,
    };
  }
  return { ok: true, code: `${raw.slice(0, 4)}-${raw.slice(4)}` };
}

/** "in a minute", "in about 12 minutes", "in about 2 hours": when to try again. */
export function waitWords(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return 'later';
  if (seconds <= 60) return 'in a minute';
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in about ${String(minutes)} minutes`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? 'in about an hour' : `in about ${String(hours)} hours`;
}

/** A name as the subject of a sentence: "Alex Morgan, physiotherapist," takes a closing comma. */
export function subject(name: string): string {
  const trimmed = name.trim();
  return trimmed.includes(',') ? `${trimmed},` : trimmed;
}

/** Formats for dates and times, passed in so the words can be tested in any locale. */
export interface WhenFormat {
  /** "3 December". */
  date: (iso: string) => string;
  /** "10:04". */
  time: (iso: string) => string;
}

const VERBS: Record<string, string> = {
  read: 'looked at',
  create: 'added to',
  update: 'changed',
  delete: 'removed',
  export: 'downloaded',
};

/**
 * One entry of the access log as a sentence: "Alex Morgan, physiotherapist, looked at your check-ins on
 * 3 December at 10:04." `what` keeps its own words, brackets and all ("your whole record (a FHIR
 * copy)"), except a bracket that only repeats the verb ("your programme (changed)").
 */
export function accessSentence(entry: AccessLogEntry, when: WhenFormat): string {
  const who =
    entry.who.role === 'operator'
      ? 'The service’s operator'
      : entry.who.name.trim() || 'A clinician who has since left';
  const verb = VERBS[entry.action] ?? 'used';
  const said = entry.what.trim() || 'your record';
  const what = said.endsWith(`(${verb})`) ? said.slice(0, -(verb.length + 2)).trim() : said;
  const at = `on ${when.date(entry.at)} at ${when.time(entry.at)}`;
  const doing =
    entry.action === 'link'
      ? 'linked to your record'
      : entry.action === 'unlink'
        ? 'ended the link with you'
        : `${verb} ${what}`;
  return `${subject(who)} ${doing} ${at}.`;
}

/** A link's state in words: since when, or from when to when and who ended it. */
export function linkState(link: LinkView, date: (iso: string) => string): string {
  if (link.status === 'active') return `Linked since ${date(link.createdAt)}.`;
  const by =
    link.endedBy === 'person'
      ? 'you ended it'
      : link.endedBy === 'clinician'
        ? 'they ended it'
        : link.endedBy === 'operator'
          ? 'the service’s operator ended it'
          : 'it ended';
  return `Linked from ${date(link.createdAt)} to ${link.endedAt ? date(link.endedAt) : 'an unknown date'}: ${by}.`;
}
