import type { MissingStrategy } from './setup';

/**
 * The fill value for a numeric column, learned from the training rows only (scikit-learn's
 * SimpleImputer): mean, median (average of the two middle values when even), or most frequent
 * (ties → the smallest value). NaN when the training rows hold no value at all.
 */
export function numericFillValue(values: Float64Array, rows: Int32Array, strategy: Exclude<MissingStrategy, 'drop'>): number {
  const buffer = new Float64Array(rows.length);
  let count = 0;
  for (let k = 0; k < rows.length; k++) {
    const v = values[rows[k]];
    if (v === v) buffer[count++] = v;
  }
  if (count === 0) return NaN;
  const present = buffer.subarray(0, count);
  if (strategy === 'mean') return meanOf(present);
  present.sort(); // a typed array sorts numerically, natively (a million values in ~0.1 s, not ~1 s)
  if (strategy === 'median') {
    const m = present.length >> 1;
    return present.length % 2 === 1 ? present[m] : (present[m - 1] + present[m]) / 2;
  }
  let best = present[0];
  let bestCount = 0;
  for (let i = 0; i < present.length; ) {
    let j = i;
    while (j < present.length && present[j] === present[i]) j++;
    if (j - i > bestCount) {
      best = present[i];
      bestCount = j - i;
    }
    i = j;
  }
  return best;
}

/** Most frequent code among the rows (ties → the code whose level sorts first), or −1 if none. */
export function modeCode(codes: Int32Array, rows: Int32Array, sortRank: Int32Array): number {
  const counts = new Float64Array(sortRank.length);
  for (let k = 0; k < rows.length; k++) {
    const c = codes[rows[k]];
    if (c >= 0) counts[c]++;
  }
  let best = -1;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    if (best < 0 || counts[c] > counts[best] || (counts[c] === counts[best] && sortRank[c] < sortRank[best])) best = c;
  }
  return best;
}

/** Mean that survives values near the double range (1e308 + 1e308 would overflow). */
export function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    const a = Math.abs(values[i]);
    if (a > maxAbs) maxAbs = a;
  }
  if (Number.isFinite(sum)) return sum / values.length;
  let scaled = 0;
  for (let i = 0; i < values.length; i++) scaled += values[i] / maxAbs;
  return (scaled / values.length) * maxAbs;
}
