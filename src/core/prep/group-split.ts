/**
 * Splits that keep each patient's rows together: scikit-learn 1.2.1's
 * `StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)`, ported draw for draw (numpy
 * 1.24 legacy RandomState stream), and the train/test split made from its first fold. With several
 * rows per patient, a row split puts the same patient on both sides and the test figures measure
 * how well the model recognises patients it has seen, not how it does on new ones.
 */
import { MT19937 } from '../random/mt19937';
import { SplitError, type Split } from './split';

/**
 * Per row, its group's number: groups numbered in the order of their key (np.unique's sorted order),
 * `rank[code]` giving each key code's position. Rows whose key is missing (code −1) are each a group
 * of their own, numbered after every keyed group, in row order: a row without a patient number is
 * treated as a patient of its own (np.unique would put all of them into one group).
 */
export function groupNumbers(keyCodes: ArrayLike<number>, rank: ArrayLike<number>): Int32Array {
  const n = keyCodes.length;
  let keyed = 0;
  for (let i = 0; i < rank.length; i++) keyed = Math.max(keyed, rank[i] + 1);
  const out = new Int32Array(n);
  let next = keyed;
  for (let i = 0; i < n; i++) out[i] = keyCodes[i] >= 0 ? rank[keyCodes[i]] : next++;
  return out;
}

/** Python's round() of a float to an integer: halves go to the even neighbour (round(2.5) = 2). */
export function pyRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The number of folds whose first is the test set for a test fraction: round(1 / f), at least 2. */
export function foldsForFraction(testFraction: number): number {
  return Math.max(2, pyRound(1 / testFraction));
}

/**
 * Ports sklearn 1.2.1 StratifiedGroupKFold._iter_test_indices: the groups' class counts are shuffled
 * (as rows of one array: in 1.2.1 this permutes the counts among the group numbers, a known quirk that
 * still randomizes the assignment), sorted by decreasing standard deviation of their class counts
 * (stable), and each goes to the fold where the mean over classes of the std of the folds' class shares
 * is smallest (ties within np.isclose: the fold with fewer rows). Returns each fold's rows, ascending.
 * `groups`: per row, its group number 0…G−1 in sorted-key order (see groupNumbers). O(G·k²·classes).
 */
export function stratifiedGroupKFold(y: ArrayLike<number>, groups: ArrayLike<number>, k: number, seed: number): Int32Array[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`stratifiedGroupKFold: k must be an integer ≥ 2, got ${k}`);
  const n = y.length;
  if (groups.length !== n) throw new RangeError(`stratifiedGroupKFold: ${groups.length} groups for ${n} rows`);
  if (k > n) throw new SplitError('split-too-small', `Cannot make ${k} folds from ${n} rows.`);
  // np.unique(y, return_inverse, return_counts): classes in sorted order
  const classes = [...new Set(Array.from(y))].sort((a, b) => a - b);
  for (const c of classes) if (!Number.isFinite(c)) throw new RangeError(`stratifiedGroupKFold: label ${c} is not a finite number`);
  const classOf = new Map(classes.map((c, i) => [c, i]));
  const m = classes.length;
  const yCount = new Float64Array(m);
  const yInv = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    yInv[i] = classOf.get(y[i]) as number;
    yCount[yInv[i]]++;
  }
  if (yCount.every((c) => k > c)) throw new SplitError('class-too-small', `Cannot make ${k} folds: every class has fewer than ${k} rows.`);

  let nGroups = 0;
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    if (!(Number.isInteger(g) && g >= 0)) throw new RangeError(`stratifiedGroupKFold: group ${g} at row ${i} is not a group number`);
    nGroups = Math.max(nGroups, g + 1);
  }
  // y_counts_per_group: one row of class counts per group
  const perGroup = new Float64Array(nGroups * m);
  for (let i = 0; i < n; i++) perGroup[groups[i] * m + yInv[i]] += 1;

  // rng.shuffle(y_counts_per_group): the legacy Fisher–Yates over rows
  const rng = new MT19937(seed);
  for (let i = nGroups - 1; i > 0; i--) {
    const j = rng.randomInterval(i);
    if (i === j) continue;
    for (let c = 0; c < m; c++) {
      const t = perGroup[i * m + c];
      perGroup[i * m + c] = perGroup[j * m + c];
      perGroup[j * m + c] = t;
    }
  }

  // argsort(-std(row), kind='mergesort'): stable, decreasing spread of the class counts
  const spread = new Float64Array(nGroups);
  for (let g = 0; g < nGroups; g++) spread[g] = -populationStd(perGroup, g * m, m, 1);
  const order = Array.from({ length: nGroups }, (_, g) => g).sort((a, b) => spread[a] - spread[b]);

  const perFold = new Float64Array(k * m);
  const foldOfGroup = new Int32Array(nGroups);
  const shares = new Float64Array(k);
  for (const g of order) {
    let best = -1;
    let minEval = Infinity;
    let minSamples = Infinity;
    for (let f = 0; f < k; f++) {
      for (let c = 0; c < m; c++) perFold[f * m + c] += perGroup[g * m + c];
      // np.mean(np.std(y_counts_per_fold / y_cnt, axis=0))
      let sumStd = 0;
      for (let c = 0; c < m; c++) {
        for (let ff = 0; ff < k; ff++) shares[ff] = perFold[ff * m + c] / yCount[c];
        sumStd += populationStd(shares, 0, k, 1);
      }
      for (let c = 0; c < m; c++) perFold[f * m + c] -= perGroup[g * m + c];
      const foldEval = sumStd / m;
      let samples = 0;
      for (let c = 0; c < m; c++) samples += perFold[f * m + c];
      if (foldEval < minEval || (isClose(foldEval, minEval) && samples < minSamples)) {
        minEval = foldEval;
        minSamples = samples;
        best = f;
      }
    }
    for (let c = 0; c < m; c++) perFold[best * m + c] += perGroup[g * m + c];
    foldOfGroup[g] = best;
  }

  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[foldOfGroup[groups[i]]]++;
  const out = Array.from(sizes, (size) => new Int32Array(size));
  const at = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const f = foldOfGroup[groups[i]];
    out[f][at[f]++] = i;
  }
  return out;
}

/**
 * The train/test split of a grouped cohort: the first fold of StratifiedGroupKFold with
 * round(1 / testFraction) folds is the test set (so 0.2 → 5 folds, 0.3 → 3: the test share is 1/k,
 * about the fraction asked for), the other folds train. No group is on both sides.
 */
export function groupedSplit(y: ArrayLike<number>, groups: ArrayLike<number>, testFraction: number, seed: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new SplitError('bad-fraction', `The test fraction must be between 0 and 1 (exclusive), got ${testFraction}.`);
  }
  const folds = stratifiedGroupKFold(y, groups, foldsForFraction(testFraction), seed);
  const test = folds[0];
  const n = y.length;
  if (test.length === 0 || test.length === n) {
    throw new SplitError('split-too-small', `With ${n} rows, the ${test.length === 0 ? 'test' : 'training'} set would be empty: there are too few patients to split.`);
  }
  const inTest = new Uint8Array(n);
  for (const i of test) inTest[i] = 1;
  const train = new Int32Array(n - test.length);
  for (let i = 0, j = 0; i < n; i++) if (!inTest[i]) train[j++] = i;
  return { train, test };
}

/** np.std(a) (ddof 0) of `count` values at `start` with a stride: numpy's mean, then the mean square deviation. */
function populationStd(a: Float64Array, start: number, count: number, stride: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += a[start + i * stride];
  const mean = sum / count;
  let sq = 0;
  for (let i = 0; i < count; i++) {
    const d = a[start + i * stride] - mean;
    sq += d * d;
  }
  return Math.sqrt(sq / count);
}

/** np.isclose(a, b) with its defaults (rtol 1e-5, atol 1e-8); infinities are close only to themselves. */
function isClose(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}
