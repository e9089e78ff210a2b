/**
 * External validation of a model's risks on another file's patients, and recalibration to them
 * (Steyerberg, Clinical Prediction Models, ch. 15 and 20; Van Calster et al. 2016, 2019; what
 * rms::val.prob reports): discrimination (AUC with the DeLong CI), overall accuracy (Brier),
 * calibration-in-the-large (logit P(y) = a + logit p, slope fixed at 1) and the calibration slope
 * (logit P(y) = a + b·logit p) with 95% Wald intervals, the observed/expected ratio, a smoothed
 * calibration curve (lowess) and risk-grouped points, and the decision curve.
 *
 * Recalibration updates the model to the new setting on its log-odds: intercept only
 * (logit p' = a + logit p: the baseline risk) or logistic (logit p' = a + b·logit p).
 */
import { buildThresholdTable } from '../metrics/threshold-metrics';
import { tableAucCi } from '../metrics/roc';
import { brierScore, calibrationBins, calibrationEstimates, calibrationInTheLarge, calibrationSlope, clippedLogit, type CalibrationBin, type Estimate } from '../metrics/calibration';
import { decisionCurve, type DecisionPoint } from './decision-curve';

/** A recalibration of a model's log-odds: logit p' = intercept + slope · logit p. */
export interface Recalibration {
  intercept: number;
  slope: number;
  /** How it was made: uniform shrinkage by the bootstrap, or an update to an external file's patients. */
  method: 'shrinkage' | 'intercept' | 'logistic';
  /** The rows it was estimated on. */
  rows: number;
}

export type RecalibrationMethod = 'none' | 'intercept' | 'logistic';

const sigmoid = (eta: number) => (eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta)));

/** Risks under a recalibration (the identity when there is none). */
export function recalibrated(risk: Float64Array, r: Pick<Recalibration, 'intercept' | 'slope'> | null): Float64Array {
  if (!r) return risk;
  return risk.map((p) => sigmoid(r.intercept + r.slope * clippedLogit(p)));
}

/** Two recalibrations one after the other: a₂ + b₂(a₁ + b₁ℓ) = (a₂ + b₂a₁) + b₂b₁ℓ. */
export function composeRecalibration(first: Recalibration | null, then: Recalibration): Recalibration {
  if (!first) return then;
  return { intercept: then.intercept + then.slope * first.intercept, slope: then.slope * first.slope, method: then.method, rows: then.rows };
}

export type { Estimate } from '../metrics/calibration';

export interface ExternalEvaluation {
  rows: number;
  events: number;
  auc: Estimate;
  brier: number;
  /** Observed events / expected events (the sum of the risks): 1 when the mean risk is right. */
  oe: number;
  calibrationIntercept: Estimate;
  calibrationSlope: Estimate;
  /** The intercept of the slope model (a in a + b·logit p), what val.prob calls "Intercept". */
  recalibrationIntercept: number;
  /** The smoothed calibration curve: lowess of y on p (iter = 0, f = 2/3, as val.prob), at up to 50 points. */
  curve: { predicted: number; observed: number }[];
  bins: CalibrationBin[];
  decisionCurve: DecisionPoint[];
}

/** The external figures of risks `risk` (and ranking values, the SVM's margins where they differ) against outcomes y. */
export function evaluateExternal(y: Uint8Array, risk: Float64Array, rank: Float64Array = risk): ExternalEvaluation {
  const n = y.length;
  let events = 0;
  let expected = 0;
  for (let i = 0; i < n; i++) {
    events += y[i];
    expected += risk[i];
  }
  const rankTable = buildThresholdTable(y, rank);
  const riskTable = rank === risk ? rankTable : buildThresholdTable(y, risk);
  const both = events > 0 && events < n;
  const ci = both ? tableAucCi(rankTable) : null;
  const cal = calibrationEstimates(y, risk);
  return {
    rows: n,
    events,
    auc: ci ? { value: ci.auc, low: ci.lower, high: ci.upper } : { value: NaN, low: NaN, high: NaN },
    brier: brierScore(y, risk),
    oe: events / expected,
    calibrationIntercept: cal.intercept,
    calibrationSlope: cal.slope,
    recalibrationIntercept: cal.recalibrationIntercept,
    curve: both ? lowessCurve(risk, y) : [],
    bins: calibrationBins(y, risk, Math.min(10, Math.max(1, Math.floor(n / 10)))),
    decisionCurve: decisionCurve(riskTable),
  };
}

/** The recalibration of risks to outcomes y: intercept only, or intercept and slope; null for 'none' or when it cannot be estimated. */
export function fitRecalibration(y: Uint8Array, risk: Float64Array, method: RecalibrationMethod): Recalibration | null {
  if (method === 'none') return null;
  if (method === 'intercept') {
    const a = calibrationInTheLarge(y, risk);
    return a.status === 'ok' ? { intercept: a.intercept, slope: 1, method, rows: y.length } : null;
  }
  const s = calibrationSlope(y, risk);
  return s.status === 'ok' ? { intercept: s.intercept, slope: s.slope, method, rows: y.length } : null;
}

/**
 * lowess (Cleveland 1979) of y on x without robustness iterations, as val.prob draws its curve
 * (`lowess(p, y, iter = 0)`): at each point x₀, a linear fit weighted by the tricube of the distance
 * over the ⌈f·n⌉ nearest x (f = 2/3). Evaluated at up to `points` distinct x spread over the data, in
 * O(points · n).
 */
export function lowessCurve(x: ArrayLike<number>, y: ArrayLike<number>, f = 2 / 3, points = 50): { predicted: number; observed: number }[] {
  const n = x.length;
  if (n === 0) return [];
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const xs = Float64Array.from(order, (i) => x[i]);
  const ys = Float64Array.from(order, (i) => y[i]);
  const span = Math.max(2, Math.min(n, Math.ceil(f * n)));
  const at = new Set<number>();
  for (let k = 0; k < Math.min(points, n); k++) at.add(Math.round((k * (n - 1)) / Math.max(1, Math.min(points, n) - 1)));
  const out: { predicted: number; observed: number }[] = [];
  let lo = 0;
  for (const i of [...at].sort((a, b) => a - b)) {
    const x0 = xs[i];
    // the window of `span` nearest points slides right while its far end is closer than its near end
    while (lo + span < n && x0 - xs[lo] > xs[lo + span] - x0) lo++;
    const hi = lo + span - 1;
    const h = Math.max(x0 - xs[lo], xs[hi] - x0);
    let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (let j = lo; j <= hi; j++) {
      const u = h > 0 ? Math.abs(xs[j] - x0) / h : 0;
      const w = u >= 1 ? 0 : (1 - u ** 3) ** 3;
      sw += w;
      sx += w * xs[j];
      sy += w * ys[j];
      sxx += w * xs[j] * xs[j];
      sxy += w * xs[j] * ys[j];
    }
    const mx = sx / sw;
    const my = sy / sw;
    const varx = sxx / sw - mx * mx;
    const fitted = varx > 1e-12 * (1 + mx * mx) ? my + ((sxy / sw - mx * my) / varx) * (x0 - mx) : my;
    out.push({ predicted: x0, observed: Math.min(1, Math.max(0, fitted)) });
  }
  return out;
}
