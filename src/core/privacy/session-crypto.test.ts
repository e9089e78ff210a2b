import { describe, it, expect } from 'vitest';
import { DEFAULT_ITERATIONS, decryptBytes, encryptBytes, parseEnvelope, serializeEnvelope, type SessionEnvelope } from './session-crypto';
import type { Result } from '../errors';

const FAST = 1000; // most tests: a small iteration count, for speed
const plain = new TextEncoder().encode('{"session":"患者 cohort","rows":[1,2,3]}');

const errorCode = <T>(r: Result<T>): string | null => (r.ok ? null : r.error.code);
const flip = (bytes: Uint8Array, i: number): Uint8Array => {
  const copy = bytes.slice();
  copy[i] ^= 0x01;
  return copy;
};

describe('session encryption', () => {
  it('round-trips, through bytes too', async () => {
    const env = await encryptBytes(plain, 'correct horse battery staple', FAST);
    expect(env).toMatchObject({ v: 1, kdf: 'PBKDF2-SHA-256', iterations: FAST });
    expect(env.salt.length).toBe(16);
    expect(env.iv.length).toBe(12);
    expect(env.ciphertext.length).toBe(plain.length + 16);
    const back = await decryptBytes(env, 'correct horse battery staple');
    expect(back.ok && Array.from(back.value)).toEqual(Array.from(plain));
    const parsed = parseEnvelope(serializeEnvelope(env));
    if (!parsed.ok) throw new Error(parsed.error.code);
    expect(parsed.value).toEqual(env);
    const again = await decryptBytes(parsed.value, 'correct horse battery staple');
    expect(again.ok && new TextDecoder().decode(again.value)).toBe(new TextDecoder().decode(plain));
  });

  it('uses a fresh salt and IV every time', async () => {
    const [a, b] = await Promise.all([encryptBytes(plain, 'pw', FAST), encryptBytes(plain, 'pw', FAST)]);
    expect(a.salt).not.toEqual(b.salt);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ciphertext).not.toEqual(b.ciphertext);
  });

  it('says wrong-passphrase, never returns garbage', async () => {
    const env = await encryptBytes(plain, 'secret', FAST);
    expect(errorCode(await decryptBytes(env, 'Secret'))).toBe('wrong-passphrase');
    expect(errorCode(await decryptBytes(env, 'secret '))).toBe('wrong-passphrase');
    expect(errorCode(await decryptBytes(env, ''))).toBe('empty-passphrase');
  });

  it('detects a changed ciphertext, tag, IV, salt or iteration count', async () => {
    const env = await encryptBytes(plain, 'secret', FAST);
    const tampered: SessionEnvelope[] = [
      { ...env, ciphertext: flip(env.ciphertext, 0) },
      { ...env, ciphertext: flip(env.ciphertext, env.ciphertext.length - 1) }, // the tag
      { ...env, ciphertext: env.ciphertext.slice(0, -1) },
      { ...env, iv: flip(env.iv, 5) },
      { ...env, salt: flip(env.salt, 15) },
      { ...env, iterations: FAST + 1 },
    ];
    for (const t of tampered) expect(errorCode(await decryptBytes(t, 'secret'))).toBe('wrong-passphrase');
    const bytes = serializeEnvelope(env);
    for (let i = 6; i < bytes.length; i += 7) {
      const parsed = parseEnvelope(flip(bytes, i));
      const r = parsed.ok ? await decryptBytes(parsed.value, 'secret') : parsed;
      expect(r.ok, `byte ${i}`).toBe(false);
    }
  });

  it('refuses what is not an envelope', async () => {
    const env = await encryptBytes(plain, 'secret', FAST);
    const bytes = serializeEnvelope(env);
    expect(errorCode(parseEnvelope(new TextEncoder().encode('{"v":1}')))).toBe('bad-envelope');
    expect(errorCode(parseEnvelope(bytes.slice(0, 20)))).toBe('bad-envelope');
    const v2 = bytes.slice();
    v2[4] = 2;
    expect(errorCode(parseEnvelope(v2))).toBe('unsupported-envelope');
    const huge = bytes.slice();
    huge.set([0xff, 0xff, 0xff, 0xff], 6);
    expect(errorCode(parseEnvelope(huge))).toBe('bad-envelope');
    expect(errorCode(await decryptBytes({ ...env, iv: env.iv.slice(0, 8) }, 'secret'))).toBe('bad-envelope');
    await expect(encryptBytes(plain, 'x', 0)).rejects.toThrow(RangeError);
    await expect(encryptBytes(plain, '', FAST)).rejects.toThrow(RangeError);
  });

  it('reads the same passphrase typed in NFC or NFD', async () => {
    const env = await encryptBytes(plain, 'caf\u00e9', FAST);
    expect((await decryptBytes(env, 'cafe\u0301')).ok).toBe(true);
  });

  it('derives the key with at least 600,000 PBKDF2 iterations by default', async () => {
    expect(DEFAULT_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const env = await encryptBytes(plain, 'default strength');
    expect(env.iterations).toBe(600_000);
    const back = await decryptBytes(env, 'default strength');
    expect(back.ok).toBe(true);
  });
});
