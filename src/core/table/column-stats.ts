/**
 * The statistics of a numeric column that the profile, the identifier checks and the outcome's checks read
 * (missing cells, range, sum, distinct values), taken once: while the column is typed after reading
 * (infer-type.ts), or on first request for a column made another way. Kept per values array, which nothing
 * changes once a column is built, and let go with it.
 */
export interface NumericStats {
  missing: number;
  /** Of the present values; Infinity and −Infinity when none is present. */
  min: number;
  max: number;
  /** Of the present values in row order (may overflow to ±Infinity: the profile then scales them down). */
  sum: number;
  /** Distinct present values (−0 and 0 count as one). */
  distinct: number;
}

const known = new WeakMap<Float64Array, NumericStats>();

/** Records the statistics of `values`, computed by the caller in a pass it makes anyway. */
export function rememberStats(values: Float64Array, stats: NumericStats): void {
  known.set(values, stats);
}

/** The statistics of `values`: recorded ones, or computed now (and recorded). */
export function numericStats(values: Float64Array): NumericStats {
  let stats = known.get(values);
  if (!stats) {
    let missing = 0;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) {
        missing++;
        continue;
      }
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    stats = { missing, min, max, sum, distinct: countDistinct(values, min, max) };
    known.set(values, stats);
  }
  return stats;
}

/** Measurements with up to 3 decimals: v·1000 is an integer r with r / 1000 === v (see countDistinct). */
const SCALE = 1000;
/** Bits in the bitmap of scaled values (16 MB); wider ranges are hashed. */
const MAX_BITMAP_RANGE = 1 << 27;

/**
 * Distinct non-NaN values (−0 and 0 count as one). Measurements written with up to three decimals are counted
 * in a bitmap of their values × 1000: r = round(1000·v) with r / 1000 === v is one r per value and one value per r,
 * so distinct r are distinct values, and setting a bit is a few operations where hashing was ~10 ns a cell. A
 * column with other values, or too wide a range, is hashed (`hashDistinct`).
 */
export function countDistinct(values: Float64Array, min?: number, max?: number): number {
  if (min === undefined || max === undefined) {
    min = Infinity;
    max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!(min <= max)) return 0; // nothing present
  const lo = Math.round(min * SCALE);
  const range = Math.round(max * SCALE) - lo + 1;
  if (!(range > 0 && range <= MAX_BITMAP_RANGE)) return hashDistinct(values);
  const bits = new Uint32Array((range + 31) >>> 5);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    const r = Math.round(v * SCALE);
    if (r / SCALE !== v) return hashDistinct(values); // more than 3 decimals (or not representable so)
    const k = r - lo;
    const word = k >>> 5;
    const bit = 1 << (k & 31);
    if ((bits[word] & bit) === 0) {
      bits[word] |= bit;
      count++;
    }
  }
  return count;
}

/**
 * Distinct non-NaN values (−0 and 0 count as one), by hashing each value's bits into an
 * open-addressing table of doubles (NaN marks an empty slot): one pass, and a table that stays in
 * cache for measurement columns (a few thousand distinct values), where sorting a copy of a
 * 10⁶-row column took ~90 ms.
 */
export function hashDistinct(values: Float64Array): number {
  let mask = 1023;
  let table = new Float64Array(mask + 1).fill(NaN);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    let slot = slotOf(v, mask);
    for (;;) {
      const t = table[slot];
      if (t === v) break; // −0 === 0: both zeros start at the same slot (slotOf) and meet here
      if (t !== t) {
        table[slot] = v;
        count++;
        if (2 * count > mask) {
          mask = mask * 2 + 1;
          table = rehash(table, mask);
        }
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return count;
}

const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);

/** Start slot of v: a mix of its 64 bits (both zeros map to 0). */
function slotOf(v: number, mask: number): number {
  if (v === 0) return 0;
  BITS[0] = v;
  let h = Math.imul(WORDS[1] ^ (WORDS[1] >>> 16), 0x85ebca6b) ^ WORDS[0];
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

function rehash(old: Float64Array, mask: number): Float64Array<ArrayBuffer> {
  const table = new Float64Array(mask + 1).fill(NaN);
  for (let k = 0; k < old.length; k++) {
    const v = old[k];
    if (v !== v) continue;
    let slot = slotOf(v, mask);
    while (table[slot] === table[slot]) slot = (slot + 1) & mask;
    table[slot] = v;
  }
  return table;
}
