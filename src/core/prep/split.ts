/**
 * Train/test splits. `stratifiedSplit` reproduces scikit-learn 1.2.1
 * `train_test_split(arange(n), test_size=f, random_state=seed, stratify=y)` exactly (numpy 1.24
 * legacy RandomState stream), so a run with seed 42 uses the same rows as the Python reference.
 */
import { MT19937 } from '../random/mt19937';

/** Indices into the rows passed in, each sorted ascending. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

export type SplitErrorCode = 'class-too-small' | 'split-too-small' | 'bad-fraction';

export class SplitError extends Error {
  readonly code: SplitErrorCode;
  constructor(code: SplitErrorCode, message: string) {
    super(message);
    this.name = 'SplitError';
    this.code = code;
  }
}

// Ports sklearn.utils._approximate_mode: floor(c / sum(c) * n_draws), then the remaining draws go to
// the largest remainders, ties broken by rng.choice(inds, k, replace=False) = inds[permutation(len)[:k]].
export function approximateMode(classCounts: ArrayLike<number>, nDraws: number, rng: MT19937): number[] {
  const k = classCounts.length;
  let total = 0;
  for (let i = 0; i < k; i++) total += classCounts[i];
  const continuous = Array.from({ length: k }, (_, i) => (classCounts[i] / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let needToAdd = Math.trunc(nDraws - floored.reduce((s, v) => s + v, 0));
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds: number[] = [];
      for (let i = 0; i < k; i++) if (remainder[i] === value) inds.push(i);
      const addNow = Math.min(inds.length, needToAdd);
      // rng.choice draws a full permutation even when it keeps all of inds (and none for length 1).
      const perm = rng.permutation(inds.length);
      for (let j = 0; j < addNow; j++) floored[inds[perm[j]]] += 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}

// Ports sklearn 1.2.1 StratifiedShuffleSplit._iter_indices (first split) with
// _validate_shuffle_split's sizes for a float test_size: n_test = ceil(f * n), n_train = n - n_test.
export function stratifiedSplit(y: ArrayLike<number>, testFraction: number, seed: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new SplitError('bad-fraction', `The test fraction must be between 0 and 1 (exclusive), got ${testFraction}.`);
  }
  const n = y.length;
  const nTest = Math.ceil(testFraction * n);
  const nTrain = n - nTest;
  if (nTrain <= 0 || nTest <= 0) {
    throw new SplitError('split-too-small',
      `With ${n} rows and test fraction ${testFraction}, the ${nTrain <= 0 ? 'training' : 'test'} set would be empty.`);
  }

  // np.unique(y, return_inverse=True): sorted classes and each row's class number.
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`stratifiedSplit: label ${y[i]} at row ${i} is not a finite number`);
  }
  const classes = [...new Set(Array.from(y))].sort((a, b) => a - b);
  const classOf = new Map(classes.map((c, i) => [c, i]));
  const nClasses = classes.length;
  // Stable argsort of the inverse labels: each class's rows in ascending order.
  const classIndices: number[][] = classes.map(() => []);
  for (let i = 0; i < n; i++) classIndices[classOf.get(y[i]) as number].push(i);
  const classCounts = classIndices.map((rows) => rows.length);

  if (Math.min(...classCounts) < 2) {
    throw new SplitError('class-too-small',
      'The least populated class has only 1 row; each class needs at least 2 rows for a stratified split.');
  }
  if (nTrain < nClasses) {
    throw new SplitError('split-too-small', `The training set (${nTrain} rows) is smaller than the number of classes (${nClasses}).`);
  }
  if (nTest < nClasses) {
    throw new SplitError('split-too-small', `The test set (${nTest} rows) is smaller than the number of classes (${nClasses}).`);
  }

  const rng = new MT19937(seed);
  const nI = approximateMode(classCounts, nTrain, rng);
  const tI = approximateMode(classCounts.map((c, i) => c - nI[i]), nTest, rng);

  // each row's side (1 train, 2 test, 0 neither), so that both lists come out in ascending order without a sort
  const side = new Uint8Array(n);
  let trainCount = 0;
  let testCount = 0;
  for (let c = 0; c < nClasses; c++) {
    const count = classCounts[c];
    const perm = rng.permutation(count);
    const rows = classIndices[c];
    // Python slices [:n_i] and [n_i:n_i+t_i] clip at the class size.
    const trainEnd = Math.min(nI[c], count);
    const testEnd = Math.min(nI[c] + tI[c], count);
    for (let j = 0; j < trainEnd; j++) side[rows[perm[j]]] = 1;
    for (let j = trainEnd; j < testEnd; j++) side[rows[perm[j]]] = 2;
    trainCount += trainEnd;
    testCount += testEnd - trainEnd;
  }
  // scikit-learn then permutes train and test (rng.permutation): that changes only their order, which the
  // sort below undoes, and the stream is not read again, so those draws are skipped
  const train = new Int32Array(trainCount);
  const test = new Int32Array(testCount);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (side[i] === 1) train[a++] = i;
    else if (side[i] === 2) test[b++] = i;
  }
  return { train, test };
}

/** A split given by a column: rows where `isTrain` is truthy train, the others test; each side must be non-empty. */
export function columnSplit(isTrain: ArrayLike<boolean | number>): Split {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < isTrain.length; i++) (isTrain[i] ? train : test).push(i);
  if (train.length === 0 || test.length === 0) {
    throw new SplitError('split-too-small',
      `The split column puts no rows in the ${train.length === 0 ? 'training' : 'test'} set.`);
  }
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
