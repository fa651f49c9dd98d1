// Which emergency number to offer first, from the person's locale, with the others listed: a wrong guess
// must never hide the right number.

export interface EmergencyNumber {
  number: '999' | '112' | '911';
  where: string;
}

export const EMERGENCY_NUMBERS: readonly EmergencyNumber[] = [
  { number: '999', where: 'United Kingdom' },
  { number: '112', where: 'European Union and most other countries' },
  { number: '911', where: 'United States, Canada and Mexico' },
];

const BY_REGION: Record<string, EmergencyNumber['number']> = {
  GB: '999',
  IM: '999',
  JE: '999',
  GG: '999',
  US: '911',
  CA: '911',
  MX: '911',
  PR: '911',
};

/**
 * The number to offer first for a BCP 47 locale such as `en-GB` (by its region; 112 where the region
 * is unknown, as it works across Europe and on most mobile phones), and the others.
 */
export function emergencyNumbers(locale: string): {
  primary: EmergencyNumber;
  others: EmergencyNumber[];
} {
  const region = /^[a-z]{2,3}(?:[-_][A-Za-z]{4})?[-_]([A-Za-z]{2})\b/i
    .exec(locale)?.[1]
    ?.toUpperCase();
  const chosen = (region && BY_REGION[region]) || '112';
  const primary = EMERGENCY_NUMBERS.find((n) => n.number === chosen) ?? EMERGENCY_NUMBERS[1];
  if (!primary) throw new Error('no emergency numbers');
  return { primary, others: EMERGENCY_NUMBERS.filter((n) => n !== primary) };
}
