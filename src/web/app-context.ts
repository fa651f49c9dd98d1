// What every screen can reach: the repository holding the person's data, the connection state and the account.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Repo } from './data/types.js';

export interface Account {
  id: string;
  email: string;
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
