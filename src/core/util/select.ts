/**
 * Order statistics without sorting: the k-th smallest of n values in O(n) expected time, for the medians
 * and quantiles a pipeline learns from a million training values, where sorting a copy of each column
 * cost ~70 ms a column. `selectInPlace` is Hoare's FIND; `quantiles` and `median` read a column once,
 * after bracketing the wanted positions between values of a sorted sample (Floyd and Rivest's idea), and
 * select among the few values inside each bracket.
 */

/**
 * Rearranges a[lo..hi] (no NaN) so that a[k] holds the value it would hold were the range sorted, with no
 * greater value before it and no smaller one after it. Median-of-three pivots; a range still long after
 * 2·log₂ of its length rounds is sorted natively, so the worst case stays O(n log n).
 */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length - 1): void {
  if (k < lo || k > hi) throw new RangeError(`selectInPlace: k = ${k} is outside [${lo}, ${hi}]`);
  let rounds = 2 * Math.ceil(Math.log2(hi - lo + 2));
  while (hi > lo) {
    if (hi - lo < 16 || rounds-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = (lo + hi) >>> 1;
    // a[lo] ≤ a[mid] ≤ a[hi]: the ends stop both scans of the first sweep
    if (a[mid] < a[lo]) swap(a, lo, mid);
    if (a[hi] < a[lo]) swap(a, lo, hi);
    if (a[hi] < a[mid]) swap(a, mid, hi);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    // scans stop on values equal to the pivot, so runs of ties split evenly
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // now a[lo..j] ≤ pivot ≤ a[i..hi], and every value strictly between j and i equals the pivot
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Puts the order statistics at the positions `ks` (ascending, distinct, each in [0, n)) in place, as a sort
 * would: one selection splits the range at the middle position and the halves are searched for the others.
 */
export function orderStatistics(a: Float64Array, ks: readonly number[]): void {
  const visit = (lo: number, hi: number, from: number, to: number): void => {
    if (from >= to) return;
    const mid = (from + to) >> 1;
    const k = ks[mid];
    selectInPlace(a, k, lo, hi);
    visit(lo, k - 1, from, mid);
    visit(k + 1, hi, mid + 1, to);
  };
  visit(0, a.length - 1, 0, ks.length);
}

/** numpy's _lerp for quantiles: a + (b − a)·t, or b − (b − a)·(1 − t) past the middle, exact at both ends. */
export function lerp(a: number, b: number, t: number): number {
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/**
 * The buffer for the values inside the brackets, kept from call to call: a pipeline asks for the quantiles of
 * every numeric column in turn, and a new buffer each time was ~1.2 MB of garbage per column at 10⁶ rows
 * (36 MB for 30 columns, counted in the peak memory until the collector ran).
 */
let spare = new Float64Array(0);
function scratch(size: number): Float64Array {
  if (spare.length < size) spare = new Float64Array(size);
  return spare.subarray(0, size);
}

/** Values sampled to bracket the wanted positions; below this many present values, a copy is selected on directly. */
const SAMPLE = 4096;

/**
 * The order statistics at positions `ks` (ascending, each in [0, n), n the column's non-NaN values) of a
 * column that may hold NaN (skipped), without changing it: value ks[i] at index i. One pass over the column
 * counts the values below each bracket and keeps those inside; a position a bracket misses (rare: the
 * brackets are 4 sampling SDs wide) is found by selection on a copy instead.
 */
export function orderStatisticsOf(values: Float64Array, n: number, ks: readonly number[]): number[] {
  const out = new Array<number>(ks.length).fill(NaN);
  if (ks.length === 0) return out;
  if (n < 4 * SAMPLE) return fromCopy(values, n, ks, ks.map((_, i) => i), out);
  // a sorted sample of the present values, evenly spaced over the column
  const sample = new Float64Array(SAMPLE);
  let s = 0;
  for (let t = 0; t < SAMPLE; t++) {
    const v = values[Math.floor((t * values.length) / SAMPLE)];
    if (v === v) sample[s++] = v;
  }
  if (s < SAMPLE / 2) return fromCopy(values, n, ks, ks.map((_, i) => i), out); // mostly NaN where sampled
  const sorted = sample.subarray(0, s).sort();
  // per position, the bracket [sorted[a], sorted[b]]: a few SDs of the sample's rank error either side
  const groups: { a: number; b: number; items: number[] }[] = [];
  ks.forEach((k, i) => {
    const f = k / Math.max(1, n - 1);
    const margin = Math.ceil(4 * Math.sqrt(s * f * (1 - f)) + 4);
    const a = Math.floor(f * (s - 1)) - margin;
    const b = Math.ceil(f * (s - 1)) + margin;
    const last = groups[groups.length - 1];
    if (last && a <= last.b) {
      last.b = Math.max(last.b, b);
      last.items.push(i);
    } else groups.push({ a, b, items: [i] });
  });
  const G = groups.length;
  const lo = Float64Array.from(groups, (g) => (g.a < 0 ? -Infinity : sorted[g.a]));
  const hi = Float64Array.from(groups, (g) => (g.b >= s ? Infinity : sorted[g.b]));
  // strictly inside a bracket: about (b − a)/s of the values; room for twice that, more means the sample misled
  const start = new Int32Array(G + 1);
  groups.forEach((g, gi) => (start[gi + 1] = start[gi] + Math.min(n, Math.ceil((2 * (Math.min(g.b, s - 1) - Math.max(g.a, 0) + 1) * n) / s) + 64)));
  const kept = scratch(start[G]);
  const counts = bracketPass(values, lo, hi, start, kept);
  const below = counts.subarray(0, G);
  const atLo = counts.subarray(G, 2 * G);
  const atHi = counts.subarray(2 * G, 3 * G);
  const used = counts.subarray(3 * G, 4 * G);
  groups.forEach((g, gi) => {
    const len = used[gi];
    // where each position falls: at the low end, inside (a rank among the kept values), at the high end, or outside
    const place = g.items.map((i): { value: number } | { rank: number } | null => {
      const r = ks[i] - below[gi];
      if (r < 0) return null;
      if (r < atLo[gi]) return { value: lo[gi] };
      if (r - atLo[gi] < len) return { rank: r - atLo[gi] };
      if (r - atLo[gi] - len < atHi[gi]) return { value: hi[gi] };
      return null;
    });
    if (len > start[gi + 1] - start[gi] || place.some((x) => x === null)) {
      fromCopy(values, n, g.items.map((i) => ks[i]), g.items, out);
      return;
    }
    const buf = kept.subarray(start[gi], start[gi] + len);
    const ranks = place.flatMap((x) => (x && 'rank' in x ? [x.rank] : []));
    if (ranks.length > 0) orderStatistics(buf, [...new Set(ranks)].sort((x, y) => x - y));
    g.items.forEach((i, j) => {
      const x = place[j] as { value: number } | { rank: number };
      out[i] = 'value' in x ? x.value : buf[x.rank];
    });
  });
  return out;
}

/**
 * Per bracket g (one read of the column each, NaN skipped): the values below lo[g], equal to lo[g], equal to
 * hi[g] (ties are counted, so they never fill the buffer), and the number strictly inside, the first of which
 * are kept at kept[start[g] …] up to start[g + 1]. Returns [below, atLo, atHi, inside], G entries each.
 */
function bracketPass(values: Float64Array, lo: Float64Array, hi: Float64Array, start: Int32Array, kept: Float64Array): Float64Array {
  const G = lo.length;
  const counts = new Float64Array(4 * G);
  for (let g = 0; g < G; g++) {
    const c = bracketCounts(values, lo[g], hi[g], start[g], start[g + 1], kept);
    counts[g] = c.below;
    counts[G + g] = c.atLo;
    counts[2 * G + g] = c.atHi;
    counts[3 * G + g] = c.inside;
  }
  return counts;
}

// one bracket [l, h]: the comparisons as 0/1 sums, and a single branch, rarely taken, for the values in it (a
// branch on v < l would be a coin toss at the median); NaN fails every comparison and is skipped
function bracketCounts(values: Float64Array, l: number, h: number, from: number, to: number, kept: Float64Array) {
  let below = 0;
  let atLo = 0;
  let atHi = 0;
  let u = from;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    below += +(v < l);
    if (+(v >= l) & +(v <= h)) {
      if (v === l) atLo++;
      else if (v === h) atHi++;
      else {
        if (u < to) kept[u] = v;
        u++;
      }
    }
  }
  return { below, atLo, atHi, inside: u - from };
}

// the order statistics at `ks` by selection on a copy of the present values, written to out[slots[i]]
function fromCopy(values: Float64Array, n: number, ks: readonly number[], slots: readonly number[], out: number[]): number[] {
  const copy = new Float64Array(n);
  let c = 0;
  for (let i = 0; i < values.length && c < n; i++) if (values[i] === values[i]) copy[c++] = values[i];
  orderStatistics(copy, [...new Set(ks)]);
  ks.forEach((k, i) => (out[slots[i]] = copy[k]));
  return out;
}

/** Non-NaN values of a column. */
export function presentCount(values: Float64Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  return n;
}

/**
 * numpy.quantile over the non-NaN values of `values` for each q (np.nanquantile), and their median as
 * np.nanmedian takes it (the mean of the two middle values when even), in one read of the column, which
 * stays as it is. NaN throughout when no value is present.
 */
export function quantilesAndMedian(values: Float64Array, qs: readonly number[]): { quantiles: number[]; median: number } {
  const n = presentCount(values);
  if (n === 0) return { quantiles: qs.map(() => NaN), median: NaN };
  const at = qs.map((q) => {
    const pos = q * (n - 1);
    const lo = Math.floor(pos);
    return { lo, hi: Math.min(lo + 1, n - 1), frac: pos - lo };
  });
  const m = n >> 1;
  const mid = n % 2 === 1 ? [m] : [m - 1, m];
  const ks = [...new Set([...at.flatMap((p) => [p.lo, p.hi]), ...mid])].sort((x, y) => x - y);
  const stats = orderStatisticsOf(values, n, ks);
  const value = (k: number) => stats[ks.indexOf(k)];
  const quantiles = at.map(({ lo, hi, frac }) => lerp(value(lo), value(hi), frac));
  const median = n % 2 === 1 ? value(m) : (value(m - 1) + value(m)) / 2;
  return { quantiles, median };
}
