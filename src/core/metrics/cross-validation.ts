/**
 * Stratified k-fold cross-validation, reproducing scikit-learn 1.2.1
 * `StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(X, y)` exactly (numpy 1.24
 * legacy RandomState stream), and the "mean ± SD" summary of per-fold results.
 */
import { MT19937 } from '../random/mt19937';
import { SplitError } from '../prep/split';

// Ports sklearn 1.2.1 StratifiedKFold._make_test_folds: classes numbered by first appearance; class c's share of fold i
// is how many of positions i, i+k, i+2k, … of the class-sorted labels hold c; each class's fold numbers
// (0…0 1…1 …) are shuffled by one RandomState(seed), class by class, and dealt to its rows in row order.
export function stratifiedKFold(y: ArrayLike<number>, k: number, seed: number): Int32Array[] {
  if (!Number.isInteger(k) || k < 2) {
    throw new RangeError(`stratifiedKFold: k must be an integer ≥ 2, got ${k}`);
  }
  const n = y.length;
  if (k > n) {
    throw new SplitError('split-too-small', `Cannot make ${k} folds from ${n} rows.`);
  }
  const classOf = new Map<number, number>();
  const encoded = new Int32Array(n);
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) throw new RangeError(`stratifiedKFold: label ${v} at row ${i} is not a finite number`);
    let c = classOf.get(v);
    if (c === undefined) {
      c = counts.length;
      classOf.set(v, c);
      counts.push(0);
    }
    encoded[i] = c;
    counts[c]++;
  }
  if (counts.every((count) => k > count)) {
    throw new SplitError('class-too-small', `Cannot make ${k} folds: every class has fewer than ${k} rows.`);
  }
  // sklearn only warns when the smallest class has fewer than k rows: some folds then lack that class.

  const rng = new MT19937(seed);
  const testFold = new Int32Array(n);
  let start = 0; // class c occupies positions [start, start + counts[c]) of the sorted labels
  for (let c = 0; c < counts.length; c++) {
    const end = start + counts[c];
    const folds = new Int32Array(counts[c]);
    let at = 0;
    for (let i = 0; i < k; i++) {
      // #{p in [start, end) : p ≡ i (mod k)} = f(end) − f(start), f(x) = #{p < x : p ≡ i} = max(0, ⌈(x − i)/k⌉)
      const share = Math.max(0, Math.ceil((end - i) / k)) - Math.max(0, Math.ceil((start - i) / k));
      folds.fill(i, at, at + share);
      at += share;
    }
    rng.shuffle(folds);
    let j = 0;
    for (let r = 0; r < n; r++) if (encoded[r] === c) testFold[r] = folds[j++];
    start = end;
  }

  const sizes = new Int32Array(k);
  for (let r = 0; r < n; r++) sizes[testFold[r]]++;
  const out = Array.from(sizes, (size) => new Int32Array(size));
  const fill = new Int32Array(k);
  for (let r = 0; r < n; r++) out[testFold[r]][fill[testFold[r]]++] = r; // ascending, as np.where
  return out;
}

/** The training rows of a fold: every row not in `test` (both ascending). */
export function complement(test: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n - test.length);
  let j = 0;
  let k = 0;
  for (let r = 0; r < n; r++) {
    if (j < test.length && test[j] === r) j++;
    else out[k++] = r;
  }
  return out;
}

export interface MeanSd {
  mean: number;
  /** Sample standard deviation (ddof = 1): NaN for fewer than two values. */
  sd: number;
  n: number;
}

// mean = Σx/n, SD = √(Σ(x − mean)² / (n − 1)) (two-pass; numpy mean, std(ddof=1)). A NaN value makes both NaN.
export function meanSd(values: ArrayLike<number>): MeanSd {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN, n };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n < 2) return { mean, sd: NaN, n };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}
