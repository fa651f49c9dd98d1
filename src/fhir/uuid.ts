// Deterministic UUID-shaped ids for bundle entries, from a stable key, in pure code (no node:crypto, so it runs in a browser).
// FNV-1a over 128 bits: not a security hash, only a well-spread one; exports must stay identical for the same record.

const FNV_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const FNV_PRIME = 0x0000000001000000000000000000013bn;
const MASK_128 = (1n << 128n) - 1n;

/** A UUID (RFC 9562 version 8, "custom") derived from the key: the same key always gives the same UUID. */
export function deterministicUuid(key: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(key)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_128;
  }
  const hex = hash.toString(16).padStart(32, '0');
  // Set the version nibble to 8 and the variant bits to 10, so the string is a well-formed UUID.
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  const full = `${hex.slice(0, 12)}8${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
  return `${full.slice(0, 8)}-${full.slice(8, 12)}-${full.slice(12, 16)}-${full.slice(16, 20)}-${full.slice(20)}`;
}

/** The `urn:uuid:` URI of a key, for Bundle.entry.fullUrl and the references between entries. */
export function uuidUrn(key: string): string {
  return `urn:uuid:${deterministicUuid(key)}`;
}
