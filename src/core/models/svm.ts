/**
 * Soft-margin linear SVM, as scikit-learn's SVC(kernel='linear', C) (libsvm), solved to its exact optimum:
 *
 *   P(w, b) = ½‖w‖² + C·Σᵢ max(0, 1 − yᵢ(wᵀxᵢ + b)),   yᵢ ∈ {−1, +1}, intercept b not penalized.
 *
 * Dual: min ½αᵀQα − Σαᵢ over 0 ≤ α ≤ C with Σαᵢyᵢ = 0, Q = YXXᵀY, w = Σαᵢyᵢxᵢ (Q is never formed).
 * 1. `svm-primal.ts`: Newton's method on the primal with the hinge smoothed over a width h, h = 1, 0.1, …
 *    (p + 1 unknowns; O(n·p) a step whatever the number of support vectors). Its optimum gives a feasible α
 *    with only the few rows within h of the margin strictly between 0 and C.
 * 2. `svm-smo.ts`: libsvm's SMO (Fan, Chen & Lin 2005) on those rows, the others fixed, finished by a Newton step
 *    on the free rows; then a scan of all rows, violators join, until libsvm's own stopping quantity, the gap
 *    m(α) − M(α), is ≤ tol on every row.
 * b is libsvm's: the mean of yᵢ − wᵀxᵢ over free αᵢ, else the midpoint of the interval of optimal b.
 * Dual coordinate descent (Hsieh et al. 2008) with a 1-D search on b was tried first: on n ≫ p data with many
 * bounded support vectors it needs hundreds of passes, and it stalls near the optimal b.
 */
import { checkShape, type ColMajor } from '../linalg/matrix';
import type { RunContext } from '../util/run-context';
import { decisionFunction } from './logistic';
import { allMargins, smoothedNewton } from './svm-primal';
import { smo, State } from './svm-smo';

export interface SvmFit {
  coef: Float64Array;
  intercept: number;
  /** Newton steps plus SMO pair updates. */
  iterations: number;
  converged: boolean;
  /** libsvm's nSV (αᵢ > 0) and nBSV (αᵢ = C). */
  supportVectors: number;
  boundedSupportVectors: number;
  /** P(w, b) at the returned point. */
  objective: number;
  /** libsvm's optimality gap max(0, m(α) − M(α)) at the returned α (margin units): ≤ tol when converged. */
  kktViolation: number;
}

export interface SvmOptions {
  /** Cost of a margin violation (scikit-learn's C), > 0. */
  C: number;
  /** Target for libsvm's gap m(α) − M(α); default 1e-9. */
  tol?: number;
  /** Budget of Newton steps plus SMO pair updates; default 1e6. */
  maxIter?: number;
  ctx?: RunContext;
}

const MAX_BAND = 100; // step 1 narrows h until at most this many rows (+ 2 per feature) are within h of the margin

// libsvm's b and gap at (α, w = Σαᵢyᵢxᵢ), vᵢ = yᵢ − wᵀxᵢ: b = mean of vᵢ over free αᵢ, else (m + M)/2 with
// m = max{vᵢ : yᵢ = +1, αᵢ < C or yᵢ = −1, αᵢ > 0}, M = min{vᵢ : yᵢ = −1, αᵢ < C or yᵢ = +1, αᵢ > 0} (calculate_rho).
function summarize(st: State): Omit<SvmFit, 'iterations' | 'converged'> & { f: Float64Array } {
  const { X, y, C, alpha, w } = st;
  const n = X.rows;
  const f = allMargins(X, w, 0, new Float64Array(n));
  let m = -Infinity, M = Infinity, free = 0, sumFree = 0, sv = 0, bsv = 0;
  for (let i = 0; i < n; i++) {
    const a = alpha[i], pos = y[i] === 1, v = (pos ? 1 : -1) - f[i];
    sv += a > 0 ? 1 : 0;
    bsv += a >= C ? 1 : 0;
    if (a > 0 && a < C) {
      free++;
      sumFree += v;
    }
    if ((pos ? a < C : a > 0) && v > m) m = v;
    if ((pos ? a > 0 : a < C) && v < M) M = v;
  }
  const b = free > 0 ? sumFree / free : Number.isFinite(m + M) ? (m + M) / 2 : Number.isFinite(m) ? m : M;
  let hinge = 0;
  for (let i = 0; i < n; i++) hinge += Math.max(0, 1 - (y[i] ? 1 : -1) * (f[i] + b));
  st.work += 2 * n * X.cols;
  const objective = 0.5 * w.reduce((s, v) => s + v * v, 0) + C * hinge;
  return { coef: w.slice(), intercept: b, supportVectors: sv, boundedSupportVectors: bsv, objective, kktViolation: Math.max(0, m - M), f };
}

/** Fits w, b minimizing P (see the file comment). y: 1 = event, 0 = no event. */
export async function fitLinearSvm(X: ColMajor, y: Uint8Array, opts: SvmOptions): Promise<SvmFit> {
  const n = X.rows;
  const C = opts.C;
  if (n === 0) throw new Error('fitLinearSvm: no rows');
  if (y.length !== n) throw new Error(`fitLinearSvm: ${y.length} labels for ${n} rows`);
  checkShape(X, 'fitLinearSvm');
  if (!(C > 0) || !Number.isFinite(C)) throw new Error(`fitLinearSvm: C must be finite and > 0, got ${C}`);
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] > 1) throw new Error(`fitLinearSvm: label ${y[i]} at row ${i} is not 0/1`);
    events += y[i];
  }
  if (events === 0 || events === n) throw new Error('fitLinearSvm: both classes (0 and 1) must occur');
  const tol = opts.tol ?? 1e-9;
  const st = new State(X, y, C, opts.maxIter ?? 1_000_000, opts.ctx);
  const h = await smoothedNewton(st, MAX_BAND + 2 * X.cols);
  st.settle();
  let fit = summarize(st);
  // step 2 on the rows with a free α, within h/2 of the margin, or on its wrong side; then the rows that violate
  const inA = new Uint8Array(n), rows = new Int32Array(n);
  let m = 0, target = tol / 2;
  const join = (i: number): void => {
    inA[i] = 1;
    rows[m++] = i;
  };
  for (let i = 0; i < n; i++) {
    const a = st.alpha[i], G = (2 * y[i] - 1) * (fit.f[i] + fit.intercept) - 1;
    if ((a > 0 && a < C) || Math.abs(G) <= h / 2 || (a === 0 && G < 0) || (a === C && G > 0)) join(i);
  }
  st.progress = 0.9;
  while (fit.kktViolation > tol && !st.spent) {
    rows.subarray(0, m).sort();
    await smo(st, rows, m, target);
    await st.tick(true);
    st.settle();
    fit = summarize(st);
    let mA = -Infinity, MA = Infinity;
    for (let k = 0; k < m; k++) {
      const i = rows[k], a = st.alpha[i], pos = y[i] === 1, v = (pos ? 1 : -1) - fit.f[i];
      if ((pos ? a < C : a > 0) && v > mA) mA = v;
      if ((pos ? a > 0 : a < C) && v < MA) MA = v;
    }
    const before = m;
    for (let i = 0; i < n; i++) {
      const a = st.alpha[i], pos = y[i] === 1, v = (pos ? 1 : -1) - fit.f[i];
      if (!inA[i] && (((pos ? a < C : a > 0) && v > MA) || ((pos ? a > 0 : a < C) && v < mA))) join(i);
    }
    if (m === before && (target /= 4) < 1e-16 * (1 + C)) break; // within A, only rounding is left
  }
  const { coef, intercept, supportVectors, boundedSupportVectors, objective, kktViolation } = fit;
  const finite = Number.isFinite(objective) && Number.isFinite(intercept) && coef.every(Number.isFinite);
  const converged = finite && kktViolation <= tol;
  return { coef, intercept, iterations: st.iterations, converged, supportVectors, boundedSupportVectors, objective, kktViolation };
}

/** Decision values wᵀxᵢ + b (positive: predicted event). */
export function decisionSvm(fit: Pick<SvmFit, 'coef' | 'intercept'>, X: ColMajor): Float64Array {
  return decisionFunction(X, fit.coef, fit.intercept);
}
