/**
 * Metrics of a confusion matrix at one decision threshold, and the `ThresholdTable` that gives the
 * confusion matrix at any threshold in O(log n), for a threshold slider over 200,000 rows.
 *
 * Undefined values: every ratio here is NaN when its denominator is 0 (e.g. PPV when nothing is
 * predicted an event, sensitivity when the labels hold no event). scikit-learn returns 0 there
 * (with an UndefinedMetricWarning); 0 would read as "the model is useless", NaN as "not defined".
 */
import { accuracy, type Confusion } from './classification';

export { accuracy };

// a / b, or NaN when b = 0 (the metric is undefined, not 0).
function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

// Sensitivity (recall, true positive rate) = TP / (TP + FN); sklearn recall_score.
export function sensitivity(c: Confusion): number {
  return ratio(c.tp, c.tp + c.fn);
}

// Specificity (true negative rate) = TN / (TN + FP); sklearn recall_score(pos_label=0).
export function specificity(c: Confusion): number {
  return ratio(c.tn, c.tn + c.fp);
}

// PPV (precision) = TP / (TP + FP); sklearn precision_score.
export function ppv(c: Confusion): number {
  return ratio(c.tp, c.tp + c.fp);
}

// NPV = TN / (TN + FN); sklearn precision_score(pos_label=0).
export function npv(c: Confusion): number {
  return ratio(c.tn, c.tn + c.fn);
}

// F1 = 2·TP / (2·TP + FP + FN), the harmonic mean of PPV and sensitivity; sklearn f1_score.
export function f1(c: Confusion): number {
  return ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
}

// Balanced accuracy = (sensitivity + specificity) / 2; sklearn balanced_accuracy_score (NaN with one class).
export function balancedAccuracy(c: Confusion): number {
  return (sensitivity(c) + specificity(c)) / 2;
}

export interface ThresholdMetrics {
  sensitivity: number;
  specificity: number;
  ppv: number;
  npv: number;
  f1: number;
  balancedAccuracy: number;
  accuracy: number;
}

/** All the threshold metrics of one confusion matrix (NaN where undefined, see the file comment). */
export function thresholdMetrics(c: Confusion): ThresholdMetrics {
  return {
    sensitivity: sensitivity(c),
    specificity: specificity(c),
    ppv: ppv(c),
    npv: npv(c),
    f1: f1(c),
    balancedAccuracy: balancedAccuracy(c),
    accuracy: accuracy(c),
  };
}

/**
 * The distinct scores in descending order with cumulative counts: `tp[i]` events and `fp[i]`
 * non-events have a score ≥ `thresholds[i]` (scikit-learn's `_binary_clf_curve`). A row is an event
 * when its label is 1 (anything else is a non-event, as `confusion`). Rows with a NaN score are
 * never predicted events (NaN ≥ t is false) and are counted only in `nanScores`, `positives` and
 * `negatives`.
 */
export interface ThresholdTable {
  readonly thresholds: Float64Array;
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  /** Rows labelled 1, and the others (NaN-scored rows included). */
  readonly positives: number;
  readonly negatives: number;
  readonly nanScores: number;
}

/** The scores of one class, ascending, NaN removed (a typed-array sort puts NaN last). */
function sortedScores(score: ArrayLike<number>, y: ArrayLike<number>, event: boolean, count: number): Float64Array {
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < score.length; i++) if ((y[i] === 1) === event) out[k++] = score[i];
  out.sort();
  let end = count;
  while (end > 0 && Number.isNaN(out[end - 1])) end--;
  return out.subarray(0, end);
}

// O(n log n): each class's scores sorted natively, then merged from the top into distinct thresholds.
export function buildThresholdTable(y: ArrayLike<number>, score: ArrayLike<number>): ThresholdTable {
  if (y.length !== score.length) {
    throw new RangeError(`buildThresholdTable: ${y.length} labels but ${score.length} scores`);
  }
  let positives = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 1) positives++;
  const negatives = y.length - positives;
  const pos = sortedScores(score, y, true, positives);
  const neg = sortedScores(score, y, false, negatives);
  const m = pos.length + neg.length;
  const thresholds = new Float64Array(m);
  const tp = new Float64Array(m);
  const fp = new Float64Array(m);
  let i = pos.length - 1;
  let j = neg.length - 1;
  let k = 0;
  let cumTp = 0;
  let cumFp = 0;
  while (i >= 0 || j >= 0) {
    const v = j < 0 || (i >= 0 && pos[i] >= neg[j]) ? pos[i] : neg[j];
    while (i >= 0 && pos[i] === v) { cumTp++; i--; }
    while (j >= 0 && neg[j] === v) { cumFp++; j--; }
    thresholds[k] = v;
    tp[k] = cumTp;
    fp[k] = cumFp;
    k++;
  }
  return {
    thresholds: thresholds.slice(0, k),
    tp: tp.slice(0, k),
    fp: fp.slice(0, k),
    positives,
    negatives,
    nanScores: y.length - m,
  };
}

// Binary search: how many distinct thresholds are ≥ t (0 for t = NaN), O(log n).
export function countAtOrAbove(table: ThresholdTable, t: number): number {
  const th = table.thresholds;
  let lo = 0;
  let hi = th.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (th[mid] >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The confusion matrix when a row is predicted an event for score ≥ t, in O(log n): exactly
 * `confusion(y, score, t)` for every t (NaN, ±∞ included).
 */
export function confusionAt(table: ThresholdTable, t: number): Confusion {
  const k = countAtOrAbove(table, t);
  const tp = k === 0 ? 0 : table.tp[k - 1];
  const fp = k === 0 ? 0 : table.fp[k - 1];
  return { tp, fp, fn: table.positives - tp, tn: table.negatives - fp };
}
