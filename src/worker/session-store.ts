/**
 * The opt-in saved session: the loaded table, the setup and an imported model, encrypted with a key
 * derived from the user's passphrase (PBKDF2-SHA-256, 600,000 iterations, AES-GCM; core/privacy/
 * session-crypto.ts) and kept in this browser's IndexedDB. Only "saved at" and the size are stored in
 * clear. Nothing is written unless the user saves; "forget" deletes the whole database. The storage is
 * an interface (IndexedDB in the browser, memory in Node tests), so the engine runs the same in both.
 */
import type { Table } from '../core/table/column';
import { tableFromBytes, tableToBytes } from '../core/table/table-bytes';
import type { LoadedTable } from '../core/ingest/read-table';
import { encryptBytes, decryptBytes, serializeEnvelope, parseEnvelope } from '../core/privacy/session-crypto';
import { fail, ok, type Result } from '../core/errors';
import type { SavedSessionInfo } from './api';
import type { TrainSetup } from '../core/prep/setup';

const DB = 'clinical-ml-workbench';
const STORE = 'session';
const KEY = 'current';

/** Where the table came from: enough to rebuild its profile exactly as after loading. */
export type SessionSource = Omit<LoadedTable, 'table'> & { fileName: string; fileBytes: number };

export interface SessionContent {
  source: SessionSource;
  table: Table;
  setup: TrainSetup | null;
  modelFile: string | null;
  /** The patient key and the columns marked as not identifiers (absent in sessions saved before they existed). */
  patientKey?: string | null;
  notIdentifiers?: string[];
}

/** What is kept on the device: the encrypted envelope, and in clear only when it was saved and its size. */
export interface StoredSession {
  savedAt: string;
  bytes: number;
  envelope: Uint8Array;
}

/** Where the saved session lives: IndexedDB in the browser, memory in tests. */
export interface SessionStorage {
  /** What is stored, or null (reading never creates anything). */
  read(): Promise<StoredSession | null>;
  write(session: StoredSession): Promise<void>;
  /**
   * Deletes everything this app stored. 'blocked': another tab of the app holds the storage open;
   * the deletion waits for that tab and is not done yet.
   */
  clear(): Promise<'deleted' | 'blocked'>;
}

/** How long "forget" waits for another tab to let go before saying that it is blocked. */
const BLOCKED_WAIT_MS = 3000;

/** The browser's IndexedDB: one database, one store, one key. */
export function indexedDbStorage(): SessionStorage {
  const openDb = (): Promise<IDBDatabase> =>
    new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const withStore = async <T>(mode: IDBTransactionMode, f: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await openDb();
    try {
      return await new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = f(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  };
  return {
    async read() {
      // without creating the database when there is none
      const names = (await indexedDB.databases?.()) ?? [];
      if (!names.some((d) => d.name === DB)) return null;
      return (await withStore<StoredSession | undefined>('readonly', (st) => st.get(KEY) as IDBRequest<StoredSession | undefined>)) ?? null;
    },
    async write(session) {
      await withStore('readwrite', (st) => st.put(session, KEY));
    },
    clear() {
      return new Promise((resolve, reject) => {
        const req = indexedDB.deleteDatabase(DB);
        let timer: ReturnType<typeof setTimeout> | undefined;
        req.onsuccess = () => {
          clearTimeout(timer);
          resolve('deleted');
        };
        req.onerror = () => {
          clearTimeout(timer);
          reject(req.error);
        };
        // another tab has the database open: the deletion is queued until it closes it
        req.onblocked = () => {
          timer ??= setTimeout(() => resolve('blocked'), BLOCKED_WAIT_MS);
        };
      });
    },
  };
}

/** A storage in memory: for tests of the engine in Node. `blocked` makes clear() answer as if another tab held it. */
export function memoryStorage(options: { blocked?: boolean } = {}): SessionStorage & { blocked: boolean } {
  let stored: StoredSession | null = null;
  return {
    blocked: options.blocked ?? false,
    async read() {
      return stored;
    },
    async write(session) {
      stored = session;
    },
    async clear() {
      if (this.blocked) return 'blocked';
      stored = null;
      return 'deleted';
    },
  };
}

/** What is stored, without opening it. */
export async function savedSessionInfo(storage: SessionStorage): Promise<SavedSessionInfo | null> {
  const stored = await storage.read();
  return stored ? { savedAt: stored.savedAt, bytes: stored.bytes } : null;
}

export async function saveSession(storage: SessionStorage, content: SessionContent, passphrase: string, iterations?: number): Promise<Result<SavedSessionInfo>> {
  if (passphrase.length === 0) return fail({ code: 'empty-passphrase' });
  const plain = serialize(content);
  const envelope = serializeEnvelope(await encryptBytes(plain, passphrase, iterations));
  const stored: StoredSession = { savedAt: new Date().toISOString(), bytes: envelope.length, envelope };
  await storage.write(stored);
  return ok({ savedAt: stored.savedAt, bytes: stored.bytes });
}

export async function openSession(storage: SessionStorage, passphrase: string): Promise<Result<SessionContent>> {
  const stored = await storage.read();
  if (!stored) return fail({ code: 'no-saved-session' });
  const envelope = parseEnvelope(stored.envelope);
  if (!envelope.ok) return envelope;
  const plain = await decryptBytes(envelope.value, passphrase);
  if (!plain.ok) return plain;
  return ok(deserialize(plain.value));
}

function serialize(c: SessionContent): Uint8Array {
  return tableToBytes(c.table, { source: c.source, setup: c.setup, modelFile: c.modelFile, patientKey: c.patientKey, notIdentifiers: c.notIdentifiers });
}

function deserialize(bytes: Uint8Array): SessionContent {
  const { table, extra } = tableFromBytes(bytes);
  const e = extra as Omit<SessionContent, 'table'>;
  return { table, source: e.source, setup: e.setup, modelFile: e.modelFile, patientKey: e.patientKey, notIdentifiers: e.notIdentifiers };
}
