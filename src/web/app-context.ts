// What every screen can reach: the repository holding the person's data, the connection state and the account.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Repo } from './data/types.js';

/** Who an account is for: a person with their own record, or a clinician following people linked to them. */
export type AccountRole = 'person' | 'clinician';

export interface Account {
  id: string;
  email: string;
  /** From GET /api/me; an account saved before roles existed reads as a person's. */
  role: AccountRole;
  /** The name a clinician is shown by ("Alex Morgan, physiotherapist"); null for a person. */
  displayName: string | null;
}

/** What GET /api/me answers, as far as the app reads it (older servers send no role). */
export interface MeAnswer {
  id: string;
  email: string;
  role?: AccountRole;
  displayName?: string | null;
}

/** The account as the app keeps it, from GET /api/me (or a copy saved before roles existed). */
export function accountFrom(me: MeAnswer): Account {
  return {
    id: me.id,
    email: me.email,
    role: me.role === 'clinician' ? 'clinician' : 'person',
    displayName: me.displayName ?? null,
  };
}

export interface AppServices {
  repo: Repo;
  online: boolean;
  account: Account | null;
  /** Check-ins made offline that have not reached the server yet. */
  pending: number;
  /**
   * Call after signing up, logging in or out: the app switches where it keeps data. Signing out
   * forgets the account's copies on this device (cached reads and anything still unsent).
   */
  setAccount: (account: Account | null) => void;
  /** Call after a change, so screens showing derived data load it again. */
  changed: () => void;
  /** Bumped by `changed`, for effects that must re-run. */
  version: number;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside the app');
  return app;
}
