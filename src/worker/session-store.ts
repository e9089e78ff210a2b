/**
 * The opt-in saved session: the loaded table, the setup and an imported model, encrypted with a key
 * derived from the user's passphrase (PBKDF2-SHA-256, 600,000 iterations, AES-GCM; core/privacy/
 * session-crypto.ts) and kept in this browser's IndexedDB. Only "saved at" and the size are stored in
 * clear. Nothing is written unless the user saves; "forget" deletes the whole database.
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
}

interface Stored {
  savedAt: string;
  bytes: number;
  envelope: Uint8Array;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, f: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
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
}

/** What is stored, without opening it (and without creating the database when there is none). */
export async function savedSessionInfo(): Promise<SavedSessionInfo | null> {
  const names = (await indexedDB.databases?.()) ?? [];
  if (!names.some((d) => d.name === DB)) return null;
  const stored = await withStore<Stored | undefined>('readonly', (s) => s.get(KEY) as IDBRequest<Stored | undefined>);
  return stored ? { savedAt: stored.savedAt, bytes: stored.bytes } : null;
}

export async function saveSession(content: SessionContent, passphrase: string, iterations?: number): Promise<Result<SavedSessionInfo>> {
  if (passphrase.length === 0) return fail({ code: 'empty-passphrase' });
  const plain = serialize(content);
  const envelope = serializeEnvelope(await encryptBytes(plain, passphrase, iterations));
  const stored: Stored = { savedAt: new Date().toISOString(), bytes: envelope.length, envelope };
  await withStore('readwrite', (s) => s.put(stored, KEY));
  return ok({ savedAt: stored.savedAt, bytes: stored.bytes });
}

export async function openSession(passphrase: string): Promise<Result<SessionContent>> {
  const info = await savedSessionInfo();
  if (!info) return fail({ code: 'no-saved-session' });
  const stored = await withStore<Stored | undefined>('readonly', (s) => s.get(KEY) as IDBRequest<Stored | undefined>);
  if (!stored) return fail({ code: 'no-saved-session' });
  const envelope = parseEnvelope(stored.envelope);
  if (!envelope.ok) return envelope;
  const plain = await decryptBytes(envelope.value, passphrase);
  if (!plain.ok) return plain;
  return ok(deserialize(plain.value));
}

/** Deletes the database: afterwards nothing of this app remains in IndexedDB. */
export function forgetEverything(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

function serialize(c: SessionContent): Uint8Array {
  return tableToBytes(c.table, { source: c.source, setup: c.setup, modelFile: c.modelFile });
}

function deserialize(bytes: Uint8Array): SessionContent {
  const { table, extra } = tableFromBytes(bytes);
  const e = extra as Omit<SessionContent, 'table'>;
  return { table, source: e.source, setup: e.setup, modelFile: e.modelFile };
}
