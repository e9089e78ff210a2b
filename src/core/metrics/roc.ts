/**
 * ROC analysis: AUC (Mann–Whitney), the ROC curve as scikit-learn 1.2.1 `roc_curve`, and the DeLong
 * confidence interval of the AUC as R's `pROC::ci.auc(method = "delong")`.
 *
 * Conventions: y = 1 is the event and a higher score means "more likely an event" (pROC's
 * `direction = "<"`; pROC's default `direction = "auto"` would silently flip an AUC below 0.5).
 * Scores may be probabilities or SVM decision values: only their order matters. With a single
 * class the AUC is NaN (scikit-learn raises). A NaN score is refused (RangeError), as scikit-learn.
 * Every function is O(n log n) (one sort, in `buildThresholdTable`) and then O(distinct scores).
 */
import { buildThresholdTable, type ThresholdTable } from './threshold-metrics';

/** Throws for NaN scores: a rank statistic cannot place them. */
export function requireScored(table: ThresholdTable, fn: string): void {
  if (table.nanScores > 0) throw new RangeError(`${fn}: ${table.nanScores} score(s) are NaN`);
}

// AUC = U / (n₁n₀), U = Σ over events of (#non-events scored lower + ½ #tied) (Mann–Whitney; = sklearn roc_auc_score).
// Computed as 2U, a sum of integers (exact below 2⁵³), divided once.
export function tableAuc(table: ThresholdTable): number {
  requireScored(table, 'tableAuc');
  const { tp, fp, positives: P, negatives: N } = table;
  if (P === 0 || N === 0) return NaN;
  let twoU = 0;
  for (let g = 0; g < tp.length; g++) {
    const pg = tp[g] - (g > 0 ? tp[g - 1] : 0);
    const ng = fp[g] - (g > 0 ? fp[g - 1] : 0);
    twoU += pg * (2 * (N - fp[g]) + ng);
  }
  return twoU / (2 * P * N);
}

/** The AUC of scores for labels y (1 = event): P(score of an event > score of a non-event) + ½ P(tie). */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  return tableAuc(buildThresholdTable(y, score));
}

export interface AucCi {
  auc: number;
  /** DeLong standard error of the AUC. */
  se: number;
  lower: number;
  upper: number;
  level: number;
}

// DeLong (1988) via Sun & Xu (2014) placements: V10 = (#non-events below + ½ tied)/n₀ per event, V01 = (#events above
// + ½ tied)/n₁ per non-event; var = S10/n₁ + S01/n₀ (sample variances); CI = AUC ∓ z·se clipped to [0, 1] (pROC).
export function tableAucCi(table: ThresholdTable, level = 0.95): AucCi {
  if (!(level > 0 && level < 1)) throw new RangeError(`aucCi: level must be in (0, 1), got ${level}`);
  const auc = tableAuc(table);
  const { tp, fp, positives: P, negatives: N } = table;
  // pROC returns NA with a single event or non-event: the sample variance needs two.
  if (!(P > 1 && N > 1)) return { auc, se: NaN, lower: NaN, upper: NaN, level };
  let s10 = 0;
  let s01 = 0;
  for (let g = 0; g < tp.length; g++) {
    const pg = tp[g] - (g > 0 ? tp[g - 1] : 0);
    const ng = fp[g] - (g > 0 ? fp[g - 1] : 0);
    const v10 = (N - fp[g] + 0.5 * ng) / N; // shared by the pg events of this score
    const v01 = (tp[g] - 0.5 * pg) / P; // shared by the ng non-events of this score
    s10 += pg * (v10 - auc) * (v10 - auc);
    s01 += ng * (v01 - auc) * (v01 - auc);
  }
  const se = Math.sqrt(s10 / (P - 1) / P + s01 / (N - 1) / N);
  const z = normalQuantile(1 - (1 - level) / 2);
  return { auc, se, lower: Math.max(0, auc - z * se), upper: Math.min(1, auc + z * se), level };
}

/**
 * The AUC with its DeLong confidence interval, equal to `pROC::ci.auc(roc(y, score, direction = "<"),
 * method = "delong")`: the plain interval AUC ± z·se clipped to [0, 1] (pROC's choice; a logit-scale
 * interval would stay inside (0, 1) but is not what R users compare against). se and the bounds are
 * NaN with fewer than two events or two non-events (pROC: NA); with se = 0 (perfect separation, or
 * all scores tied) the interval is the single point AUC.
 */
export function aucCi(y: ArrayLike<number>, score: ArrayLike<number>, level = 0.95): AucCi {
  return tableAucCi(buildThresholdTable(y, score), level);
}

export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** Predict an event for score ≥ threshold; the first is max score + 1 (the (0, 0) point, sklearn 1.2.1). */
  thresholds: Float64Array;
}

// sklearn 1.2.1 roc_curve: points (FP/n₀, TP/n₁) at each distinct score, descending, after an added (0, 0);
// drop_intermediate keeps a point only where the second difference of FP or TP is non-zero (a corner).
export function tableRocCurve(table: ThresholdTable, dropIntermediate = true): RocCurve {
  requireScored(table, 'rocCurve');
  const { thresholds: th, tp, fp, positives: P, negatives: N } = table;
  const T = th.length;
  if (T === 0) return { fpr: new Float64Array(0), tpr: new Float64Array(0), thresholds: new Float64Array(0) };
  const keep: number[] = [];
  for (let i = 0; i < T; i++) {
    const corner = i === 0 || i === T - 1 || T <= 2 || !dropIntermediate
      || fp[i + 1] - 2 * fp[i] + fp[i - 1] !== 0 || tp[i + 1] - 2 * tp[i] + tp[i - 1] !== 0;
    if (corner) keep.push(i);
  }
  const m = keep.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  thresholds[0] = th[0] + 1;
  // sklearn: fpr, tpr are all NaN when there are no non-events / no events.
  fpr[0] = N === 0 ? NaN : 0;
  tpr[0] = P === 0 ? NaN : 0;
  for (let k = 1; k < m; k++) {
    const i = keep[k - 1];
    fpr[k] = fp[i] / N;
    tpr[k] = tp[i] / P;
    thresholds[k] = th[i];
  }
  return { fpr, tpr, thresholds };
}

/** Default number of points a curve sent to the UI keeps. */
export const DISPLAY_POINTS = 300;

/** The ROC curve (sklearn's, with drop_intermediate) downsampled to at most maxPoints for display. */
export function rocCurve(y: ArrayLike<number>, score: ArrayLike<number>, maxPoints = DISPLAY_POINTS): RocCurve {
  const full = tableRocCurve(buildThresholdTable(y, score), true);
  const keep = downsampleIndices(full.fpr, full.tpr, maxPoints);
  return { fpr: pick(full.fpr, keep), tpr: pick(full.tpr, keep), thresholds: pick(full.thresholds, keep) };
}

export function pick(values: Float64Array, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k]];
  return out;
}

// Largest-Triangle-Three-Buckets (Steinarsson 2013): first and last points kept; from each of maxPoints − 2 equal
// index buckets, the point making the largest triangle with the previous pick and the next bucket's mean. O(n).
export function downsampleIndices(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints = DISPLAY_POINTS): Int32Array {
  if (!Number.isInteger(maxPoints) || maxPoints < 3) {
    throw new RangeError(`downsampleIndices: maxPoints must be an integer ≥ 3, got ${maxPoints}`);
  }
  const n = x.length;
  if (n <= maxPoints) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(maxPoints);
  const every = (n - 2) / (maxPoints - 2);
  let a = 0;
  for (let b = 0; b < maxPoints - 2; b++) {
    const start = Math.floor(b * every) + 1;
    const end = Math.floor((b + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((b + 2) * every) + 1, n);
    let ax = 0;
    let ay = 0;
    for (let i = end; i < nextEnd; i++) { ax += x[i]; ay += y[i]; }
    ax /= nextEnd - end;
    ay /= nextEnd - end;
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((x[a] - ax) * (y[i] - y[a]) - (x[a] - x[i]) * (ay - y[a]));
      if (area > bestArea) { bestArea = area; best = i; }
    }
    out[b + 1] = best;
    a = best;
  }
  out[maxPoints - 1] = n - 1;
  return out;
}

// Standard normal quantile Φ⁻¹(p) by Wichura's AS 241 (PPND16, relative error ~1e-16), as R's qnorm.
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return q * (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r
      + 45921.95393154987) * r + 13731.69376550946) * r + 1971.5909503065513) * r + 133.14166789178438) * r
      + 3.3871328727963665)
      / (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r
      + 21213.794301586597) * r + 5394.196021424751) * r + 687.1870074920579) * r + 42.31333070160091) * r + 1);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val = (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r
      + 1.2704582524523684) * r + 3.6478483247632045) * r + 5.769497221460691) * r + 4.630337846156546) * r
      + 1.4234371107496835)
      / (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r
      + 0.14810397642748008) * r + 0.6897673349851) * r + 1.6763848301838038) * r + 2.053191626637759) * r + 1);
  } else {
    r -= 5;
    val = (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r
      + 0.026532189526576124) * r + 0.29656057182850487) * r + 1.7848265399172913) * r + 5.463784911164114) * r
      + 6.657904643501103)
      / (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r
      + 0.0007868691311456133) * r + 0.014875361290850615) * r + 0.1369298809227358) * r + 0.599832206555888) * r + 1);
  }
  return q < 0 ? -val : val;
}
