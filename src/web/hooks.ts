// Small hooks the screens share: loading data from the repository, and the reduced-motion preference.
import { useEffect, useState } from 'preact/hooks';

export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; message: string };

/** Runs `load` when a dependency changes and keeps only the newest answer. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (value) => {
        if (live) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (live)
          setState({
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
          });
      },
    );
    return () => {
      live = false;
    };
  }, deps);
  return state;
}

/** True when the person asked their system for less motion. */
export function useReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => {
      setReduced(list.matches);
    };
    list.addEventListener('change', update);
    return () => {
      list.removeEventListener('change', update);
    };
  }, []);
  return reduced;
}

/** Today's date where the person is, YYYY-MM-DD (check-ins and sessions use the local calendar). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Keeps the screen on while `active`, where the browser allows it (the Screen Wake Lock API), and asks
 * again when the page comes back into view (the browser lets the lock go when it is hidden).
 */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active || !('wakeLock' in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let live = true;
    const request = () => {
      navigator.wakeLock.request('screen').then(
        (got) => {
          if (live) lock = got;
          else void got.release();
        },
        () => {
          // Refused (battery saver, or not allowed here): the sitting works without it.
        },
      );
    };
    const again = () => {
      if (document.visibilityState === 'visible') request();
    };
    request();
    document.addEventListener('visibilitychange', again);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', again);
      void lock?.release();
    };
  }, [active]);
}
