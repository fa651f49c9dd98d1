// `backchain reset-password`: the operator gives an account a new password, and every session and token of
// that person stops working at once. Recorded in the person's audit trail as the operator's act.
import { randomBytes } from 'node:crypto';
import { hashPassword, passwordProblem } from '../server/auth.js';
import { newId } from '../store/ids.js';
import { normalizeEmail } from '../store/keys.js';
import { openStore } from '../store/open.js';

export interface ResetOptions {
  email: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  /** The new password; a random one is made (and shown once) when none is given. */
  password?: string | undefined;
  now?: Date;
}

export type ResetOutcome =
  | { ok: true; email: string; password: string; generated: boolean }
  | { ok: false; problem: string };

/** A random password of 24 characters (144 bits), easy to copy: letters, digits, - and _. */
function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Sets a new password for the account and revokes every session and token of it, in one transaction. */
export async function resetPassword(opts: ResetOptions): Promise<ResetOutcome> {
  const store = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  try {
    const email = normalizeEmail(opts.email.trim());
    const user = await store.getUserByEmail(email);
    if (!user)
      return {
        ok: false,
        problem: `--email: expected the email of an account, got ${JSON.stringify(opts.email)} (no account has it)`,
      };
    const generated = opts.password === undefined;
    const password = opts.password ?? randomPassword();
    const why = passwordProblem(password, email);
    if (why) return { ok: false, problem: `the new password: expected ${why}` };
    const passwordHash = await hashPassword(password);
    const now = opts.now ?? new Date();
    await store.withPerson(user.id, async (tx) => {
      await tx.updatePasswordHash(user.id, passwordHash);
      await tx.deleteCredentialsOf(user.id, ['session', 'token']);
      await tx.addAudit({
        userId: user.id,
        id: newId(now),
        at: now.toISOString(),
        actor: 'operator',
        action: 'password-reset',
        resource: 'backchain reset-password',
        resourceId: null,
        credentialKind: null,
        credentialId: null,
        address: null,
        outcome: 'ok',
      });
    });
    return { ok: true, email, password, generated };
  } finally {
    await store.close();
  }
}
