/**
 * Calibration of predicted risks (TRIPOD; Steyerberg, Clinical Prediction Models; Van Calster et al.
 * 2016, 2019): Brier score, calibration slope and calibration-in-the-large, and decile bins for the
 * calibration plot. Inputs: labels y (1 = event, anything else = non-event) and probabilities in
 * [0, 1] (a RangeError otherwise, as scikit-learn). Empty input gives NaN.
 *
 * logit(p) is taken of p clipped to [1e-15, 1 − 1e-15], so a predicted 0 or 1 gives ±34.54 instead
 * of ±∞ (the fits stay finite; scikit-learn clips log-loss at the same eps). The two logistic
 * regressions are fitted by Newton's method; where the maximum-likelihood estimate does not exist
 * (one class; for the slope also a threshold on logit p separating the classes, which includes
 * constant predictions) the estimate is NaN and `status` says why.
 */
import { normalQuantile } from './roc';

export const LOGIT_CLIP = 1e-15;

function checkProbabilities(y: ArrayLike<number>, prob: ArrayLike<number>, fn: string): void {
  if (y.length !== prob.length) throw new RangeError(`${fn}: ${y.length} labels but ${prob.length} probabilities`);
  for (let i = 0; i < prob.length; i++) {
    if (!(prob[i] >= 0 && prob[i] <= 1)) throw new RangeError(`${fn}: probability ${prob[i]} at row ${i} is not in [0, 1]`);
  }
}

// Brier = (1/n) Σ (pᵢ − yᵢ)² (sklearn brier_score_loss); Neumaier-compensated sum.
export function brierScore(y: ArrayLike<number>, prob: ArrayLike<number>): number {
  checkProbabilities(y, prob, 'brierScore');
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < y.length; i++) {
    const d = prob[i] - (y[i] === 1 ? 1 : 0);
    const term = d * d;
    const t = sum + term;
    comp += sum >= term ? sum - t + term : term - t + sum;
    sum = t;
  }
  return y.length === 0 ? NaN : (sum + comp) / y.length;
}

// logit(p) = log(q / (1 − q)), q = p clipped to [1e-15, 1 − 1e-15] (as R's qlogis of the clipped p).
export function clippedLogit(p: number): number {
  const q = Math.min(Math.max(p, LOGIT_CLIP), 1 - LOGIT_CLIP);
  return Math.log(q / (1 - q));
}

export type CalibrationStatus = 'ok' | 'empty' | 'one-class' | 'separated' | 'not-converged';

export interface CalibrationSlopeFit {
  /** b in logit P(y = 1) = a + b·logit(p): 1 when calibrated, < 1 when predictions are too extreme (overfit). */
  slope: number;
  /** a of that same model (not calibration-in-the-large). */
  intercept: number;
  status: CalibrationStatus;
  iterations: number;
}

export interface CalibrationInTheLargeFit {
  /** a in logit P(y = 1) = a + logit(p): 0 when the mean risk is right, > 0 when risks are too low. */
  intercept: number;
  status: CalibrationStatus;
  iterations: number;
}

interface Prepared { lp: Float64Array; y: Uint8Array; events: number; status: CalibrationStatus }

function prepare(y: ArrayLike<number>, prob: ArrayLike<number>, fn: string): Prepared {
  checkProbabilities(y, prob, fn);
  const n = y.length;
  const lp = new Float64Array(n);
  const yy = new Uint8Array(n);
  let events = 0;
  for (let i = 0; i < n; i++) {
    lp[i] = clippedLogit(prob[i]);
    yy[i] = y[i] === 1 ? 1 : 0;
    events += yy[i];
  }
  const status: CalibrationStatus = n === 0 ? 'empty' : events === 0 || events === n ? 'one-class' : 'ok';
  return { lp, y: yy, events, status };
}

const MAX_ITER = 100;

// Calibration slope: logistic regression y ~ a + b·logit(p) by Newton–Raphson with step halving on the log-likelihood
// ℓ = Σ yη − log(1 + e^η) (Cox 1958; Steyerberg 2019 ch. 15); equal to R glm / statsmodels GLM Binomial.
export function calibrationSlope(y: ArrayLike<number>, prob: ArrayLike<number>): CalibrationSlopeFit {
  const { lp, y: yy, events, status } = prepare(y, prob, 'calibrationSlope');
  if (status !== 'ok') return { slope: NaN, intercept: NaN, status, iterations: 0 };
  // The MLE exists iff no threshold on lp separates the classes (Albert & Anderson 1984), in 1-D: the ranges overlap.
  let minPos = Infinity, maxPos = -Infinity, minNeg = Infinity, maxNeg = -Infinity;
  for (let i = 0; i < lp.length; i++) {
    if (yy[i] === 1) { minPos = Math.min(minPos, lp[i]); maxPos = Math.max(maxPos, lp[i]); }
    else { minNeg = Math.min(minNeg, lp[i]); maxNeg = Math.max(maxNeg, lp[i]); }
  }
  if (minPos >= maxNeg || maxPos <= minNeg) return { slope: NaN, intercept: NaN, status: 'separated', iterations: 0 };

  const n = lp.length;
  // ℓ and its first and second derivatives at (a, b) in one pass, one exponential per row: with e = e^−|η|,
  // σ(η) = 1 / (1 + e) or e / (1 + e) by the sign of η, σ(−η) = 1 − σ(η) the other one (no cancellation), and
  // log(1 + e^η) = max(η, 0) + log1p(e), all without overflow.
  // at[0] = ℓ, at[1..2] = ∇ℓ, at[3..5] = the lower triangle of −∇²ℓ (summed in locals: a closure's captured variables are slow)
  const at = new Float64Array(6);
  const evaluate = (a: number, b: number): void => {
    let l = 0, g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < n; i++) {
      const x = lp[i];
      const eta = a + b * x;
      const e = Math.exp(-Math.abs(eta));
      const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      const rest = eta >= 0 ? e / (1 + e) : 1 / (1 + e); // 1 − μ without cancellation
      l += yy[i] * eta - (Math.max(eta, 0) + Math.log1p(e));
      const r = yy[i] === 1 ? rest : -mu;
      const w = mu * rest;
      g0 += r; g1 += r * x;
      h00 += w; h01 += w * x; h11 += w * x * x;
    }
    at[0] = l; at[1] = g0; at[2] = g1; at[3] = h00; at[4] = h01; at[5] = h11;
  };
  let a = Math.log(events / (n - events)); // start at the null model (b = 0)
  let b = 0;
  evaluate(a, b);
  for (let iter = 1; iter <= MAX_ITER; iter++) {
    const [ll, g0, g1, h00, h01, h11] = at;
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) break;
    let da = (h11 * g0 - h01 * g1) / det;
    let db = (h00 * g1 - h01 * g0) / det;
    // Step halving: the log-likelihood is concave, so a short enough Newton step increases it.
    evaluate(a + da, b + db);
    for (let k = 0; k < 30 && !(at[0] >= ll - 1e-12 * Math.abs(ll)); k++) {
      da /= 2; db /= 2;
      evaluate(a + da, b + db);
    }
    a += da; b += db; // the point just evaluated: ℓ and the derivatives are at (a, b)
    if (Math.abs(da) + Math.abs(db) <= 1e-11 * (1 + Math.abs(a) + Math.abs(b))) {
      return { slope: b, intercept: a, status: 'ok', iterations: iter };
    }
  }
  return { slope: NaN, intercept: NaN, status: 'not-converged', iterations: MAX_ITER };
}

// Calibration-in-the-large: a solving Σ (yᵢ − σ(a + logit pᵢ)) = 0, i.e. y ~ 1 with offset logit(p) (Van Calster 2016),
// by Newton's method safeguarded by bisection in the bracket logit(ȳ) − max lp ≤ a ≤ logit(ȳ) − min lp.
export function calibrationInTheLarge(y: ArrayLike<number>, prob: ArrayLike<number>): CalibrationInTheLargeFit {
  const { lp, y: yy, events, status } = prepare(y, prob, 'calibrationInTheLarge');
  if (status !== 'ok') return { intercept: NaN, status, iterations: 0 };
  const n = lp.length;
  let minLp = Infinity, maxLp = -Infinity;
  for (let i = 0; i < n; i++) { minLp = Math.min(minLp, lp[i]); maxLp = Math.max(maxLp, lp[i]); }
  const base = Math.log(events / (n - events));
  let lo = base - maxLp - 1; // g(lo) < 0: every σ(lo + lp) < ȳ
  let hi = base - minLp + 1; // g(hi) > 0
  let a = Math.min(Math.max(0, lo), hi); // a calibrated model has a = 0
  let dx = hi - lo;
  let dxOld = dx;
  for (let iter = 1; iter <= 4 * MAX_ITER; iter++) {
    // g = Σ (σᵢ − yᵢ), increasing in a, summed as σ(η) for non-events and −σ(−η) for events: no cancellation in 1 − σ.
    let g = 0;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const eta = a + lp[i];
      const e = Math.exp(-Math.abs(eta)); // σ(η) and σ(−η) from one exponential, as in calibrationSlope
      const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      const rest = eta >= 0 ? e / (1 + e) : 1 / (1 + e);
      g += yy[i] === 1 ? -rest : mu;
      h += mu * rest;
    }
    if (g === 0) return { intercept: a, status: 'ok', iterations: iter };
    if (g > 0) hi = a; else lo = a;
    const newton = a - g / h;
    // rtsafe (Numerical Recipes 9.4): bisect when Newton leaves the bracket or does not halve the step of two ago.
    if (!(newton > lo && newton < hi) || Math.abs(2 * g) > Math.abs(dxOld * h)) {
      dxOld = dx;
      dx = (hi - lo) / 2;
      a = lo + dx;
    } else {
      dxOld = dx;
      dx = a - newton;
      a = newton;
    }
    if (Math.abs(dx) <= 1e-14 * (1 + Math.abs(a))) return { intercept: a, status: 'ok', iterations: iter };
  }
  return { intercept: NaN, status: 'not-converged', iterations: 4 * MAX_ITER };
}

export interface CalibrationBin {
  /** Mean predicted risk of the bin's rows. */
  meanPredicted: number;
  /** Observed event rate, events / count. */
  observed: number;
  count: number;
  events: number;
  /** Wilson score interval of the observed rate at `level`. */
  lower: number;
  upper: number;
}

// Wilson interval: (p̂ + z²/2n ∓ z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n) (Wilson 1927; statsmodels proportion_confint).
export function wilsonInterval(events: number, n: number, level = 0.95): { lower: number; upper: number } {
  const z = normalQuantile(1 - (1 - level) / 2);
  const q = events / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (q + z2 / (2 * n)) / denom;
  const dist = (z * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n))) / denom;
  // The exact bound is 0 with no events and 1 with all events, where rounding can leave ±3e-17.
  return { lower: events === 0 ? 0 : center - dist, upper: events === n ? 1 : center + dist };
}

// Quantile bins as sklearn 1.2.1 calibration_curve(strategy='quantile'): edges = np.percentile(p, linspace(0, 100, k+1))
// (linear interpolation), bin = #inner edges < p (searchsorted left), empty bins dropped; plus counts and Wilson CIs.
export function calibrationBins(y: ArrayLike<number>, prob: ArrayLike<number>, bins = 10, level = 0.95): CalibrationBin[] {
  checkProbabilities(y, prob, 'calibrationBins');
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`calibrationBins: bins must be a positive integer, got ${bins}`);
  const n = prob.length;
  if (n === 0) return [];
  const sorted = Float64Array.from(prob).sort();
  const inner = new Float64Array(bins - 1);
  for (let k = 1; k < bins; k++) {
    const q = ((k * (1 / bins)) * 100) / 100; // np.linspace then percentile's q / 100
    const virtual = (n - 1) * q;
    if (virtual >= n - 1) { inner[k - 1] = sorted[n - 1]; continue; }
    const prev = Math.floor(virtual);
    const gamma = virtual - prev;
    const lo = sorted[prev];
    const diff = sorted[prev + 1] - lo;
    inner[k - 1] = gamma >= 0.5 ? sorted[prev + 1] - diff * (1 - gamma) : lo + diff * gamma; // numpy _lerp
  }
  const sum = new Float64Array(bins);
  const count = new Float64Array(bins);
  const events = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = inner.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (inner[mid] < prob[i]) lo = mid + 1; else hi = mid; }
    sum[lo] += prob[i];
    count[lo]++;
    if (y[i] === 1) events[lo]++;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    const { lower, upper } = wilsonInterval(events[b], count[b], level);
    out.push({ meanPredicted: sum[b] / count[b], observed: events[b] / count[b], count: count[b], events: events[b], lower, upper });
  }
  return out;
}

/** An estimate with its 95% interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

const Z_975 = normalQuantile(0.975);
const wald = (value: number, se: number): Estimate => ({ value, low: value - Z_975 * se, high: value + Z_975 * se });

/**
 * Calibration-in-the-large (logit P(y) = a + logit p) and the calibration slope (logit P(y) = a + b·logit p)
 * with 95% Wald intervals from the observed information at each estimate, as glm's summary gives them;
 * and the slope model's intercept (val.prob's "Intercept"). NaN where a fit does not exist.
 */
export function calibrationEstimates(y: ArrayLike<number>, risk: ArrayLike<number>): { intercept: Estimate; slope: Estimate; recalibrationIntercept: number } {
  const slope = calibrationSlope(y, risk);
  const large = calibrationInTheLarge(y, risk);
  let wLarge = 0;
  let h00 = 0;
  let h01 = 0;
  let h11 = 0;
  for (let i = 0; i < y.length; i++) {
    const lp = clippedLogit(risk[i]);
    const m1 = 1 / (1 + Math.exp(-(large.intercept + lp)));
    wLarge += m1 * (1 - m1);
    const m2 = 1 / (1 + Math.exp(-(slope.intercept + slope.slope * lp)));
    const w = m2 * (1 - m2);
    h00 += w;
    h01 += w * lp;
    h11 += w * lp * lp;
  }
  const det = h00 * h11 - h01 * h01;
  return { intercept: wald(large.intercept, 1 / Math.sqrt(wLarge)), slope: wald(slope.slope, Math.sqrt(h00 / det)), recalibrationIntercept: slope.intercept };
}
