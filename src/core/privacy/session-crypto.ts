/**
 * Passphrase encryption of an opt-in saved session (WebCrypto only): AES-256-GCM under a key
 * derived with PBKDF2-SHA-256 (NIST SP 800-38D; RFC 8018). Iterations: 600,000 by default, the
 * OWASP Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256. A wrong passphrase or an
 * altered byte fails GCM authentication: the result is an error, never garbage.
 */
import { fail, ok, type Result } from '../errors';

export const DEFAULT_ITERATIONS = 600_000;
/** Above this, an envelope is refused rather than made to spin the CPU for minutes. */
export const MAX_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12; // the GCM nonce size recommended by SP 800-38D
const TAG_BYTES = 16;
const MAGIC = [0x43, 0x4d, 0x4c, 0x57]; // "CMLW"
const KDF_PBKDF2_SHA256 = 1;

export interface SessionEnvelope {
  v: 1;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: Uint8Array;
  iv: Uint8Array;
  /** AES-GCM output: encrypted bytes followed by the 16-byte authentication tag. */
  ciphertext: Uint8Array;
}

/** Encrypts `plain` under `passphrase` with a fresh random salt and IV. */
export async function encryptBytes(plain: Uint8Array, passphrase: string, iterations = DEFAULT_ITERATIONS): Promise<SessionEnvelope> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new RangeError(`iterations must be an integer in 1..${MAX_ITERATIONS}, got ${iterations}`);
  }
  if (passphrase === '') throw new RangeError('empty passphrase');
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header = { v: 1, kdf: 'PBKDF2-SHA-256', iterations, salt, iv } as const;
  const key = await deriveKey(passphrase, salt, iterations, 'encrypt');
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: headerBytes(header), tagLength: TAG_BYTES * 8 },
    key,
    new Uint8Array(plain),
  );
  return { ...header, ciphertext: new Uint8Array(sealed) };
}

/** The plain bytes, or 'wrong-passphrase' when authentication fails (wrong passphrase, or any byte altered). */
export async function decryptBytes(envelope: SessionEnvelope, passphrase: string): Promise<Result<Uint8Array>> {
  if (passphrase === '') return fail({ code: 'empty-passphrase' });
  const problem = checkEnvelope(envelope);
  if (problem) return fail(problem.code === 'unsupported-envelope' ? problem : { code: 'bad-envelope', detail: problem.detail });
  const key = await deriveKey(passphrase, envelope.salt, envelope.iterations, 'decrypt');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(envelope.iv), additionalData: headerBytes(envelope), tagLength: TAG_BYTES * 8 },
      key,
      new Uint8Array(envelope.ciphertext),
    );
    return ok(new Uint8Array(plain));
  } catch {
    return fail({ code: 'wrong-passphrase' });
  }
}

/** The envelope as bytes: "CMLW", version, KDF id, iterations (uint32 BE), salt and IV (length-prefixed), ciphertext. */
export function serializeEnvelope(envelope: SessionEnvelope): Uint8Array {
  const header = headerBytes(envelope);
  const out = new Uint8Array(header.length + envelope.ciphertext.length);
  out.set(header, 0);
  out.set(envelope.ciphertext, header.length);
  return out;
}

export function parseEnvelope(bytes: Uint8Array): Result<SessionEnvelope> {
  const bad = (detail: string) => fail<SessionEnvelope>({ code: 'bad-envelope', detail });
  if (bytes.length < 7 || MAGIC.some((b, i) => bytes[i] !== b)) return bad('not an encrypted session file');
  if (bytes[4] !== 1) return fail({ code: 'unsupported-envelope', value: String(bytes[4]) });
  if (bytes[5] !== KDF_PBKDF2_SHA256) return bad(`unknown key derivation ${bytes[5]}`);
  if (bytes.length < 11) return bad('truncated');
  const iterations = new DataView(bytes.buffer, bytes.byteOffset + 6, 4).getUint32(0, false);
  let pos = 10;
  const field = (): Uint8Array | null => {
    if (pos >= bytes.length) return null;
    const length = bytes[pos++];
    if (pos + length > bytes.length) return null;
    const value = bytes.slice(pos, pos + length);
    pos += length;
    return value;
  };
  const salt = field();
  const iv = field();
  if (!salt || !iv) return bad('truncated');
  const envelope: SessionEnvelope = { v: 1, kdf: 'PBKDF2-SHA-256', iterations, salt, iv, ciphertext: bytes.slice(pos) };
  const problem = checkEnvelope(envelope);
  return problem ? fail(problem) : ok(envelope);
}

function checkEnvelope(e: SessionEnvelope): { code: 'bad-envelope' | 'unsupported-envelope'; detail?: string; value?: string } | null {
  if (e.v !== 1) return { code: 'unsupported-envelope', value: String(e.v) };
  if (e.kdf !== 'PBKDF2-SHA-256') return { code: 'bad-envelope', detail: 'unknown key derivation' };
  if (!Number.isInteger(e.iterations) || e.iterations < 1 || e.iterations > MAX_ITERATIONS) return { code: 'bad-envelope', detail: 'iteration count out of range' };
  if (e.salt.length !== SALT_BYTES) return { code: 'bad-envelope', detail: 'salt must be 16 bytes' };
  if (e.iv.length !== IV_BYTES) return { code: 'bad-envelope', detail: 'IV must be 12 bytes' };
  if (e.ciphertext.length < TAG_BYTES) return { code: 'bad-envelope', detail: 'truncated' };
  return null;
}

/**
 * Everything before the ciphertext; also the GCM additional authenticated data, so a changed
 * version, iteration count, salt or IV fails authentication like a changed ciphertext.
 */
function headerBytes(e: Pick<SessionEnvelope, 'iterations' | 'salt' | 'iv'>): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(10 + 1 + e.salt.length + 1 + e.iv.length);
  out.set(MAGIC, 0);
  out[4] = 1;
  out[5] = KDF_PBKDF2_SHA256;
  new DataView(out.buffer).setUint32(6, e.iterations, false);
  out[10] = e.salt.length;
  out.set(e.salt, 11);
  out[11 + e.salt.length] = e.iv.length;
  out.set(e.iv, 12 + e.salt.length);
  return out;
}

/** PBKDF2-SHA-256 → a non-extractable AES-256-GCM key. The passphrase is NFC-normalized (same bytes on every OS and keyboard). */
async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number, use: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const secret = new TextEncoder().encode(passphrase.normalize('NFC'));
  const base = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveKey']);
  secret.fill(0);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    [use],
  );
}
