/**
 * Mersenne Twister MT19937, stream-for-stream identical to numpy's legacy
 * `np.random.RandomState(seed)` for an integer seed (numpy 1.x `mtrand` / `randomkit`):
 * same seeding, raw 32-bit outputs, `random_interval`, `shuffle`, `permutation` and
 * `random_sample`. No `Math.random` anywhere: a seed reproduces a run exactly.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class MT19937 {
  private readonly key = new Uint32Array(N);
  private pos = N;

  /** `seed`: an integer in 0..2^32-1, as `RandomState(seed)` accepts. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer in 0..2^32-1, got ${seed}`);
    }
    this.seed(seed);
  }

  // Ports init_genrand / numpy mt19937_seed: key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >>> 30)) + i mod 2^32.
  private seed(seed: number): void {
    const key = this.key;
    key[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = key[i - 1];
      key[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    this.pos = N;
  }

  // Ports numpy mt19937_gen: regenerates the 624-word state (twist) in place.
  private twist(): void {
    const key = this.key;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      const y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M - N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** The next raw output, an integer in 0..2^32-1 (numpy mt19937_next with tempering). */
  nextUint32(): number {
    if (this.pos === N) this.twist();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  // Ports numpy random_interval (max < 2^32): draw uint32 & (smallest all-ones mask >= max), reject while > max.
  randomInterval(max: number): number {
    if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) {
      throw new RangeError(`randomInterval: max must be an integer in 0..2^32-1, got ${max}`);
    }
    if (max === 0) return 0;
    let mask = max >>> 0;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    for (;;) {
      const value = (this.nextUint32() & mask) >>> 0;
      if (value <= max) return value;
    }
  }

  /**
   * `RandomState.randint(0, n, size)` (dtype int64): numpy's legacy bounded draw is masked rejection on
   * 32-bit outputs (random_bounded_uint64_fill with use_masked for a range below 2^32), one
   * random_interval(n − 1) per value, so the draws are the same stream as shuffle's. n in 1..2^32.
   */
  randint(n: number, size: number): Int32Array {
    if (!Number.isInteger(n) || n < 1 || n > 0x100000000) throw new RangeError(`randint: n must be an integer in 1..2^32, got ${n}`);
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`randint: size must be a non-negative integer, got ${size}`);
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = this.randomInterval(n - 1);
    return out;
  }

  // Ports numpy legacy RandomState.shuffle on a 1-D array (Fisher-Yates from the end, j = random_interval(i)).
  shuffle(arr: Int32Array | number[]): void {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.randomInterval(i);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
  }

  /** `RandomState.permutation(n)`: 0..n-1 shuffled by `shuffle`. */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
      throw new RangeError(`permutation: n must be a non-negative integer, got ${n}`);
    }
    const arr = new Int32Array(n);
    for (let i = 0; i < n; i++) arr[i] = i;
    this.shuffle(arr);
    return arr;
  }

  // Ports numpy legacy random_sample (mt19937_next_double): 53 random bits, (a>>>5 * 2^26 + b>>>6) / 2^53, in [0, 1).
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
