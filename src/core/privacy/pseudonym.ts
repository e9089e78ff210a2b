/**
 * Cryptographic randomness for de-identification: keyed pseudonyms (HMAC-SHA-256, RFC 2104) and
 * per-patient date offsets. Both come from `crypto.getRandomValues` / WebCrypto, never from the
 * seeded MT19937: a seed would let anyone who knows it undo the pseudonyms and the shifts.
 */
import { noContext, type RunContext } from '../util/run-context';

/** Hex characters of the HMAC kept in a pseudonym: 64 bits, collisions expected only beyond ~4·10⁹ distinct values. */
const PSEUDONYM_HEX = 16;
/** Signatures computed concurrently, between progress checkpoints. */
const BATCH = 512;
/** getRandomValues fills at most 65,536 bytes per call (WebCrypto spec). */
const MAX_RANDOM_WORDS = 16_384;

/**
 * A function giving each text its pseudonym ("P-" + 16 hex digits of HMAC-SHA-256 under a fresh
 * random 256-bit key). The key lives only inside the returned closure as a non-extractable
 * CryptoKey: it is never returned, stored or logged, so pseudonyms of two calls cannot be linked.
 */
export async function newPseudonymizer(): Promise<(texts: readonly string[], ctx?: RunContext) => Promise<Map<string, string>>> {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  raw.fill(0);
  const encoder = new TextEncoder();
  const sign = async (text: string): Promise<string> => {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
    let hex = 'P-';
    for (let i = 0; i < PSEUDONYM_HEX / 2; i++) hex += mac[i].toString(16).padStart(2, '0');
    return hex;
  };
  return async (texts, ctx = noContext) => {
    const out = new Map<string, string>();
    for (let start = 0; start < texts.length; start += BATCH) {
      const batch = texts.slice(start, start + BATCH);
      const signed = await Promise.all(batch.map(sign));
      batch.forEach((t, k) => out.set(t, signed[k]));
      await ctx.checkpoint(Math.min(1, (start + BATCH) / texts.length), 'pseudonymize');
    }
    return out;
  };
}

/** Largest day shift either way. */
export const MAX_SHIFT_DAYS = 365;

/**
 * `count` independent, uniform day offsets in −365..−1 ∪ 1..365 (zero is left out, so no date
 * passes through unshifted), by rejection sampling from 32-bit random words (no modulo bias).
 */
export function randomDayOffsets(count: number): Int32Array {
  const out = new Int32Array(count);
  const span = 2 * MAX_SHIFT_DAYS; // 730 outcomes
  const limit = Math.floor(0x100000000 / span) * span;
  const words = new Uint32Array(Math.min(MAX_RANDOM_WORDS, Math.max(1, count)));
  let filled = 0;
  while (filled < count) {
    crypto.getRandomValues(words);
    for (let k = 0; k < words.length && filled < count; k++) {
      const w = words[k];
      if (w >= limit) continue;
      const r = w % span; // 0..729
      out[filled++] = r < MAX_SHIFT_DAYS ? r - MAX_SHIFT_DAYS : r - MAX_SHIFT_DAYS + 1;
    }
  }
  return out;
}
