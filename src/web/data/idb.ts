// A small promise wrapper over IndexedDB: one key-value store and one outbox of requests waiting for the network.
const DB_NAME = 'backchain';
const DB_VERSION = 1;
export const KV = 'kv';
export const OUTBOX = 'outbox';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(KV)) db.createObjectStore(KV);
      if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'key' });
    };
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB could not be opened'));
    };
  });
  return opening;
}

function done<T>(request: IDBRequest<T>, tx: IDBTransaction): Promise<T> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      resolve(request.result);
    };
    tx.onerror = () => {
      reject(tx.error ?? new Error('IndexedDB transaction failed'));
    };
    tx.onabort = () => {
      reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    };
  });
}

export async function kvGet<T>(key: string): Promise<T | undefined> {
  const db = await open();
  const tx = db.transaction(KV, 'readonly');
  return (await done(tx.objectStore(KV).get(key), tx)) as T | undefined;
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  const db = await open();
  const tx = db.transaction(KV, 'readwrite');
  await done(tx.objectStore(KV).put(value, key), tx);
}

export async function kvDelete(key: string): Promise<void> {
  const db = await open();
  const tx = db.transaction(KV, 'readwrite');
  await done(tx.objectStore(KV).delete(key), tx);
}

export interface OutboxItem {
  /** The request's idempotency key; also the record's key in the outbox. */
  key: string;
  path: string;
  body: unknown;
  queuedAt: string;
}

export async function outboxAdd(item: OutboxItem): Promise<void> {
  const db = await open();
  const tx = db.transaction(OUTBOX, 'readwrite');
  await done(tx.objectStore(OUTBOX).put(item), tx);
}

export async function outboxAll(): Promise<OutboxItem[]> {
  const db = await open();
  const tx = db.transaction(OUTBOX, 'readonly');
  return (await done(tx.objectStore(OUTBOX).getAll(), tx)) as OutboxItem[];
}

export async function outboxRemove(key: string): Promise<void> {
  const db = await open();
  const tx = db.transaction(OUTBOX, 'readwrite');
  await done(tx.objectStore(OUTBOX).delete(key), tx);
}

/** Removes every key-value entry whose key starts with `prefix`. */
export async function kvDeletePrefix(prefix: string): Promise<void> {
  const db = await open();
  const tx = db.transaction(KV, 'readwrite');
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  await done(tx.objectStore(KV).delete(range), tx);
}

/** Empties the outbox. */
export async function outboxClear(): Promise<void> {
  const db = await open();
  const tx = db.transaction(OUTBOX, 'readwrite');
  await done(tx.objectStore(OUTBOX).clear(), tx);
}
