// `backchain clinician-code`: the operator makes a single-use code that lets one clinician sign up on a
// deployment started with `--clinician-signup code`. Only the code's hash is stored; the code is shown once.
import { clinicianCodeRecord } from '../server/clinician-codes.js';
import { openStore } from '../store/open.js';

export interface ClinicianCodeOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** How many days the code stays usable. */
  days: number;
  now?: Date;
}

/** Stores a fresh code's hash and returns the code (to hand to the clinician) with its expiry. */
export async function makeClinicianCode(
  opts: ClinicianCodeOptions,
): Promise<{ code: string; expiresAt: string }> {
  const store = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  try {
    const { code, record } = clinicianCodeRecord(opts.now ?? new Date(), opts.days);
    await store.addClinicianCode(record);
    return { code, expiresAt: record.expiresAt };
  } finally {
    await store.close();
  }
}
