// An invitation code kept for this tab while the person signs up or logs in, so Account can lead them back.
const KEY = 'backchain:pending-link';

/** Remembers the code being opened (this tab only: it is gone when the tab closes). */
export function keepPendingCode(code: string): void {
  try {
    sessionStorage.setItem(KEY, code);
  } catch {
    // Storage refused (private mode): the person types the code again; nothing else depends on it.
  }
}

export function pendingCode(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function clearPendingCode(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing kept, nothing to clear.
  }
}
