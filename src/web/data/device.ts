// Device mode without loading the engine up front: the first call loads it, the later ones reuse it.
import type { Repo } from './types.js';

let loading: Promise<Repo> | null = null;

// In their own module, so `device-repo.ts` reads them without importing this file (no cycle).
export { DEVICE_STORE_KEY, DEVICE_USER } from './device-keys.js';

/** Forgets the loaded device record, so the next call reads IndexedDB again (after a move or clearing). */
export function resetDeviceRepo(): void {
  loading = null;
}

/** The device repository, loaded on first use (it carries the engine and the knowledge base). */
export function loadDeviceRepo(): Promise<Repo> {
  loading ??= import('./device-repo.js').then((m) => m.openDeviceRepo());
  return loading;
}

/** A Repo whose every call waits for the device repository to load. */
export const deviceRepo: Repo = {
  mode: 'device',
  assess: async (a) => (await loadDeviceRepo()).assess(a),
  latestAssessment: async () => (await loadDeviceRepo()).latestAssessment(),
  programme: async () => (await loadDeviceRepo()).programme(),
  logSession: async (b) => (await loadDeviceRepo()).logSession(b),
  sessions: async () => (await loadDeviceRepo()).sessions(),
  checkin: async (b, w) => (await loadDeviceRepo()).checkin(b, w),
  today: async (d) => (await loadDeviceRepo()).today(d),
  checkins: async () => (await loadDeviceRepo()).checkins(),
  measure: async (b) => (await loadDeviceRepo()).measure(b),
  measurements: async () => (await loadDeviceRepo()).measurements(),
  progress: async (d) => (await loadDeviceRepo()).progress(d),
  exportFile: async (f) => (await loadDeviceRepo()).exportFile(f),
  markVersionsSeen: async (n) => (await loadDeviceRepo()).markVersionsSeen(n),
  // No outcome measures on a device: answered without loading the engine.
  outcomes: () => Promise.resolve(null),
  addOutcome: async (b) => (await loadDeviceRepo()).addOutcome(b),
};
