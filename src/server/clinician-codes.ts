// Clinician sign-up codes (`backchain clinician-code`): made by the operator, single use, stored only as a hash.
import { createHash, randomInt } from 'node:crypto';
import type { ClinicianCodeRecord } from '../store/types.js';

/** Letters and digits that cannot be mistaken for one another when read aloud or copied (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 12 characters of 31: about 59 bits, plenty for a code that is single use and expires. */
export const CLINICIAN_CODE_LENGTH = 12;
export const CLINICIAN_CODE_DAYS = 14;

/** The code as typed, made comparable: upper case, without the spaces and dashes people add. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

/** What is stored and looked up: the sha256 of the normalised code, so a stolen database gives no usable code. */
export function hashClinicianCode(code: string): string {
  return createHash('sha256')
    .update(`backchain-clinician-code:${normaliseCode(code)}`)
    .digest('hex');
}

/** A fresh code in groups of four (ABCD-EFGH-JKMN), from a cryptographic random source. */
export function newClinicianCode(): string {
  let raw = '';
  for (let i = 0; i < CLINICIAN_CODE_LENGTH; i++) {
    raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)] ?? '';
  }
  return raw.match(/.{1,4}/g)?.join('-') ?? raw;
}

/**
 * A new code and the record to store for it: the operator hands the code to one clinician, who uses
 * it up by signing up before it expires.
 */
export function clinicianCodeRecord(
  now: Date,
  days: number = CLINICIAN_CODE_DAYS,
): { code: string; record: ClinicianCodeRecord } {
  const code = newClinicianCode();
  return {
    code,
    record: {
      codeHash: hashClinicianCode(code),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
      usedAt: null,
      usedBy: null,
    },
  };
}
