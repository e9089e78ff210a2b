/** Confusion counts at a decision threshold. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * Predicted event when the risk reaches the threshold (p ≥ t, the clinical reading of a cut-off).
 * scikit-learn's predict uses p > 0.5: the two differ only for a probability of exactly 0.5.
 */
export function predictClass(p: number, threshold = 0.5): 0 | 1 {
  return p >= threshold ? 1 : 0;
}

export function confusion(y: Uint8Array, prob: Float64Array, threshold = 0.5): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < y.length; i++) {
    const pred = predictClass(prob[i], threshold);
    if (y[i] === 1) {
      if (pred === 1) c.tp++;
      else c.fn++;
    } else if (pred === 1) c.fp++;
    else c.tn++;
  }
  return c;
}

/** (TP + TN) / n: the teaching example's metric. */
export function accuracy(c: Confusion): number {
  const n = c.tp + c.fp + c.tn + c.fn;
  return n === 0 ? NaN : (c.tp + c.tn) / n;
}

/**
 * The accuracy of always predicting the training rows' majority class, measured on the given
 * labels: what a model must beat before its accuracy means anything.
 */
export function majorityBaseline(trainY: Uint8Array, y: Uint8Array): { majorityClass: 0 | 1; accuracy: number } {
  let trainEvents = 0;
  for (let i = 0; i < trainY.length; i++) trainEvents += trainY[i];
  const majorityClass: 0 | 1 = trainEvents * 2 > trainY.length ? 1 : 0;
  let hits = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === majorityClass) hits++;
  return { majorityClass, accuracy: y.length === 0 ? NaN : hits / y.length };
}
