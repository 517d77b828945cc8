/**
 * Checkpoints in the browser's IndexedDB: one record per checkpoint holding every file's
 * bytes, written in a single transaction (IndexedDB commits all of it or none, so a closed tab
 * never leaves half a checkpoint). Loaded records are verified like files on disk.
 *
 * Database `recurrent-checkpoints` (by default), object store `checkpoints`, key
 * `<run>/<name>` (e.g. `char-lm/latest`), value `{ files: { [file]: Uint8Array }, savedAt }`.
 */
import { BackendError, CheckpointError } from '@recurrent/errors';
import type { CheckpointStore } from './checkpoint-store.js';
import type { Checkpoint, CheckpointContents, CheckpointFiles } from './checkpoint-types.js';
import { decodeCheckpoint } from './decode-checkpoint.js';
import { encodeCheckpoint } from './encode-checkpoint.js';

export const indexedDBDefaults = Object.freeze({
  database: 'recurrent-checkpoints', // one database for every run of every task on the origin
});

const storeName = 'checkpoints';

interface StoredCheckpoint {
  files: Record<string, Uint8Array>;
  savedAt: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function openDatabase(database: string): Promise<IDBDatabase> {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) {
    throw new BackendError(
      'IndexedDB checkpoints: indexedDB is not available here (Node has none). In Node use checkpointDir or fileCheckpointStore().',
    );
  }
  const open = idb.open(database, 1);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(storeName)) open.result.createObjectStore(storeName);
  };
  return request(open);
}

async function withStore<T>(
  database: string,
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDatabase(database);
  try {
    const tx = db.transaction(storeName, mode);
    const result = request(run(tx.objectStore(storeName)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return await result;
  } finally {
    db.close();
  }
}

const locate = (database: string, key: string) => `indexeddb://${database}/${key}`;

/** Writes encoded checkpoint files under `key` in one transaction. */
export async function writeIndexedDBCheckpoint(
  key: string,
  files: CheckpointFiles,
  options: { database?: string } = {},
): Promise<string> {
  const database = options.database ?? indexedDBDefaults.database;
  const value: StoredCheckpoint = {
    files: Object.fromEntries(files),
    savedAt: new Date().toISOString(),
  };
  await withStore(database, 'readwrite', (store) => store.put(value, key));
  return locate(database, key);
}

/**
 * @example
 * await saveCheckpointToIndexedDB('char-lm/best', { config, weights: model.variables });
 */
export async function saveCheckpointToIndexedDB(
  key: string,
  contents: CheckpointContents,
  options: { database?: string } = {},
): Promise<string> {
  return writeIndexedDBCheckpoint(key, await encodeCheckpoint(contents), options);
}

async function readStored(database: string, key: string): Promise<Checkpoint | null> {
  const stored = (await withStore(database, 'readonly', (store) => store.get(key))) as
    | StoredCheckpoint
    | undefined;
  if (!stored) return null;
  return decodeCheckpoint(async (file) => stored.files[file] ?? null, locate(database, key));
}

/**
 * @example
 * const ck = await loadCheckpointFromIndexedDB('char-lm/best');
 */
export async function loadCheckpointFromIndexedDB(
  key: string,
  options: { database?: string } = {},
): Promise<Checkpoint> {
  const database = options.database ?? indexedDBDefaults.database;
  const ck = await readStored(database, key);
  if (!ck) {
    throw new CheckpointError(
      `${locate(database, key)}: no checkpoint saved under this key. Train with indexedDBCheckpointStore("${key.split('/')[0]}") first.`,
    );
  }
  return ck;
}

/** A CheckpointStore for `train()` in a page or worker: keys `<run>/latest`, `<run>/best`. */
export function indexedDBCheckpointStore(
  run: string,
  options: { database?: string } = {},
): CheckpointStore {
  const database = options.database ?? indexedDBDefaults.database;
  return {
    locate: (name) => locate(database, `${run}/${name}`),
    save: (name, files) => writeIndexedDBCheckpoint(`${run}/${name}`, files, { database }),
    load: (name) => readStored(database, `${run}/${name}`),
  };
}
