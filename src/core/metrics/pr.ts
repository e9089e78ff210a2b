/**
 * Precision–recall curve and average precision, equal to scikit-learn 1.2.1
 * `precision_recall_curve` and `average_precision_score` (y = 1 is the event; a higher score means
 * more likely an event; NaN scores are refused). O(n log n) for the sort, then O(distinct scores).
 */
import { buildThresholdTable, type ThresholdTable } from './threshold-metrics';
import { DISPLAY_POINTS, downsampleIndices, pick, requireScored } from './roc';

export interface PrCurve {
  /** Ordered by increasing threshold (decreasing recall); the last point is (recall 0, precision 1). */
  precision: Float64Array;
  recall: Float64Array;
  /** Distinct scores ascending: point k predicts an event for score ≥ thresholds[k]; one fewer than the points. */
  thresholds: Float64Array;
}

// sklearn 1.2.1 precision_recall_curve: precision = TP/(TP+FP), recall = TP/n₁ (1 when n₁ = 0, as sklearn) at each
// distinct score, ascending, then the point (recall 0, precision 1); no truncation at full recall (since sklearn 1.1).
export function tablePrCurve(table: ThresholdTable): PrCurve {
  requireScored(table, 'prCurve');
  const { thresholds: th, tp, fp, positives: P } = table;
  const T = th.length;
  const precision = new Float64Array(T + 1);
  const recall = new Float64Array(T + 1);
  const thresholds = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    const k = T - 1 - i; // reversed: increasing threshold
    const predicted = tp[i] + fp[i];
    precision[k] = predicted === 0 ? 0 : tp[i] / predicted;
    recall[k] = P === 0 ? 1 : tp[i] / P;
    thresholds[k] = th[i];
  }
  precision[T] = 1;
  recall[T] = 0;
  return { precision, recall, thresholds };
}

// AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ over distinct thresholds, descending (the step integral, no interpolation; sklearn
// average_precision_score). NaN without events (sklearn 1.2.1 returns -0.0 with a warning).
export function tableAveragePrecision(table: ThresholdTable): number {
  const c = tablePrCurve(table);
  if (table.positives === 0) return NaN;
  // sklearn: -sum(diff(recall) * precision[:-1]), in the curve's (ascending-threshold) order.
  let sum = 0;
  let comp = 0; // Neumaier compensation: sklearn's pairwise np.sum is within ~1e-16 of the exact sum too
  for (let k = 0; k < c.thresholds.length; k++) {
    const term = (c.recall[k] - c.recall[k + 1]) * c.precision[k];
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return sum + comp;
}

/** Average precision of scores for labels y (1 = event). */
export function averagePrecision(y: ArrayLike<number>, score: ArrayLike<number>): number {
  return tableAveragePrecision(buildThresholdTable(y, score));
}

/** The precision–recall curve downsampled to at most maxPoints for display (both ends kept). */
export function prCurve(y: ArrayLike<number>, score: ArrayLike<number>, maxPoints = DISPLAY_POINTS): PrCurve {
  const full = tablePrCurve(buildThresholdTable(y, score));
  const keep = downsampleIndices(full.recall, full.precision, maxPoints);
  // thresholds has one entry fewer than the points: the last point (recall 0) has none.
  const th = Array.from(keep).filter((i) => i < full.thresholds.length);
  return { precision: pick(full.precision, keep), recall: pick(full.recall, keep), thresholds: pick(full.thresholds, Int32Array.from(th)) };
}
