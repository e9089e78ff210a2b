/**
 * Firth's bias-reduced logistic regression (Firth 1993; Heinze & Schemper 2002), with the estimates of
 * R's brglm2::brglmFit(type = "AS_mean") and logistf, and logistf's profile penalized-likelihood
 * intervals and likelihood-ratio tests:
 *
 *   maximize ℓ*(θ) = ℓ(θ) + ½·log det I(θ),    ℓ(θ) = Σᵢ [yᵢηᵢ − log(1 + e^ηᵢ)],    I(θ) = AᵀWA,
 *
 * θ = (β, b), ηᵢ = βᵀxᵢ + b, A = [X_S 1] the kept columns of the standardized design (prep/prepare.ts)
 * and the intercept, W = diag wᵢ, wᵢ = πᵢ(1 − πᵢ), πᵢ = σ(ηᵢ). The penalty is the log of Jeffreys'
 * prior; its derivative gives the modified score
 *
 *   U*(θ) = ∇ℓ* = Aᵀ(y − π + h∘(½ − π)),    hᵢ = wᵢ·aᵢᵀ I⁻¹ aᵢ (the hat values of W^½A; Σhᵢ = q + 1),
 *
 * whose root is Firth's estimate. It is finite even when the classes are separated (the penalty goes to
 * −∞ as |θ| does), which is what the model is for: small samples, rare events, separation.
 *
 * Solver: the modified Fisher scoring of logistf and brglm2, θ ← θ + t·I(θ)⁻¹U*(θ), with t halved until
 * ℓ* does not decrease (and |step| ≤ 5 on the z-score scale). Each iteration is two passes over the rows:
 * ℓ, I = AᵀWA and its Cholesky factor L (log det I = 2Σ log Lₖₖ), then hᵢ = wᵢ‖L⁻¹aᵢ‖² and U*. Both cost
 * about n(q + 1)²/2 multiply-adds. Constant and collinear columns are dropped first, as logistic-mle.ts
 * drops them (NaN coefficients).
 *
 * Profile intervals (logistf's, level 95%): for a coefficient θⱼ, its bounds are the two values b with
 *
 *   2·(ℓ*(θ̂) − max{ℓ*(θ) : θⱼ = b}) = χ²₁(0.95) = 3.841458820694124,
 *
 * with the penalty of the FULL design (log det of all of A, θⱼ fixed inside it), as logistf computes them:
 * not the penalty of the model without column j. Each bound is found as logistf finds it (Venzon &
 * Moolgavkar 1988): on the level set ℓ*(θ) = ℓ₀ = ℓ*(θ̂) − χ²/2 the extreme θⱼ has ∇ℓ* ∥ eⱼ, and each
 * step solves the quadratic model of ℓ* there, δ = I⁻¹(U* + λeⱼ) with λ = ±√(2(ℓ* − ℓ₀ + ½U*ᵀI⁻¹U*)/(I⁻¹)ⱼⱼ).
 * Should that not converge, the bound is found on the profile itself (a constrained fit per trial value,
 * Newton's method on b with bisection, the slope being U*ⱼ at the constrained optimum); should that fail
 * too, the bound is NaN and the table falls back to Wald's interval for that coefficient (odds-ratios.ts
 * labels the row). The p-value is logistf's penalized likelihood-ratio test: θⱼ fixed at 0, the others
 * re-maximized (same full-design penalty), p = P(χ²₁ > 2(ℓ*(θ̂) − ℓ*(θ̃))).
 *
 * ℓ* is not concave everywhere: with separated classes, ℓ* with θⱼ fixed can have a second maximum far
 * out along the separating direction, above the branch through the estimate once θⱼ is far from θ̂ⱼ
 * (the test's `separated` cohort: its noise coefficient's lower bound is −1.97 on the profile, −1.42 on
 * the branch through the estimate, where logistf's iteration would stop). The profile is the maximum over
 * all the other coordinates, so on separated data (the MLE says so) of modest size (FAR_BUDGET) each bound
 * and test is checked for such a branch (farBranch) and continued along it when it is higher. Beyond that
 * size, and wherever that search misses a branch, a bound is the one on the branch through the estimate
 * (logistf's). With complete separation by many collinear columns (wdbc: 30) some bounds are not found
 * at all (7 of 60 there) and fall back to Wald's.
 *
 * Cost of the profile: per coefficient 3-4 passes for each bound and 2-3 for the test (measured at 10⁵
 * rows × 20 features: 229 passes for the fit and 20 coefficients), a pass being n(q + 1)² multiply-adds;
 * ~10 passes per coefficient, ~10·q·n(q + 1)² in all (the fit itself: 6-10 passes). Measured in node on
 * a 2-core machine shared with other jobs (load 3-4): 10⁴ rows × 20 features 0.13 s to fit, 2.5 s with
 * the profile; 10⁵ × 20 0.75 s and 22 s (a pass ~95 ms). The intervals are computed up to
 * PROFILE_BUDGET of n(q + 1)²q, Wald's beyond (labelled; see `profileSkipped`).
 */
import type { ColMajor } from '../linalg/matrix';
import type { RunContext } from '../util/run-context';
import { choleskyInPlace, choleskySolve } from '../linalg/cholesky';
import { twoSidedP } from '../metrics/normal';
import type { ProfileIntervals } from '../train/odds-ratios';
import { checkLabels, fitLogisticMle, screenColumns, waldFit, type MleFit, type MleProblem } from './logistic-mle';
import { evaluate, loadBlock, makeDesign, type Design } from './mle-design';
import { minimizeLbfgs } from './optim/lbfgs';

/** χ²₁ quantile 0.95 = 1.959963984540054²: the drop of 2ℓ* that bounds a 95% profile interval. */
export const CHI2_1_95 = 3.841458820694124;
/**
 * The largest n·(q + 1)²·q (rows × squared parameters × coefficients to profile) for which the profile
 * intervals are computed: 10⁵ rows × 20 features is 8.8·10⁸ (10-20 s); 10⁶ rows × 20 features or 10⁵ rows
 * × 30 are beyond: Wald's intervals there (at such sizes close to the profile ones, the penalty being
 * O(q/n) of ℓ).
 */
export const PROFILE_BUDGET = 1e9;
/** logistf's maxstep: no step moves a coefficient by more than 5 (here: 5 standard deviations of its column). */
const MAX_STEP = 5;
/** The most passes over the rows that the root search for one bound may take (profileRoot). */
const ROOT_PASSES = 400;
/** Where farBranch starts L-BFGS: the estimate times these. */
const FAR_STARTS = [2, 4, 8];
/**
 * The largest n·(q + 1)²·q for which separated data are searched for a second branch of the profile
 * (farBranch: up to some thousands of passes per coefficient, each n(q + 1)²): 10³ rows × 12 features, or
 * 200 rows × 20 (wdbc's 455 rows × 30 features are beyond).
 */
export const FAR_BUDGET = 2e6;

/** Why the profile intervals were not computed (Wald's intervals and p-values throughout). */
export type ProfileSkip =
  /** The caller did not ask for them (refits for cross-validation and the bootstrap only predict). */
  | 'not-requested'
  /** n·(q + 1)²·q above PROFILE_BUDGET. */
  | 'too-large'
  /** The fit did not converge: no point to profile around. */
  | 'not-converged';

/** What a Firth fit can report (never separation: its estimate exists whatever the data). */
export type FirthProblem = Exclude<MleProblem, { kind: 'separation' }>;

/**
 * A Firth fit: MleFit's fields, with these meanings (coefficients on the z-score scale, intercept last
 * in matrices, NaN for dropped columns):
 * - coef, intercept: Firth's estimates (the maximum of ℓ*);
 * - se, z, p: Wald's, from I(θ̂)⁻¹ = (AᵀWA)⁻¹ at the estimate (logistf's `var`, brglm2's `vcov`); `p` is
 *   Wald's two-sided p-value, the likelihood-ratio one is in `profile.p`;
 * - covariance: I(θ̂)⁻¹, (p+1)² row-major;
 * - logLik: the PENALIZED log-likelihood ℓ*(θ̂) (logistf's `loglik['full']`);
 * - deviance: −2ℓ(θ̂), the unpenalized log-likelihood at Firth's estimate (brglm2's `deviance`);
 * - nullDeviance: −2ℓ of Firth's intercept-only fit, π₀ = (events + ½)/(n + 1) (brglm2's `null.deviance`);
 * - aic: deviance + 2·(q + 1) (brglm2's `aic`);
 * - problems: constant or collinear columns (dropped), not-converged. Never separation: Firth's estimate
 *   exists whatever the data.
 */
export interface FirthFit extends MleFit {
  problems: FirthProblem[];
  /** logistf's profile 95% bounds and likelihood-ratio p-values per feature (NaN where not found: Wald for it), or null. */
  profile: ProfileIntervals | null;
  /** null when `profile` was computed; else why not. */
  profileSkipped: ProfileSkip | null;
}

export interface FirthOptions {
  /** Fisher-scoring iterations; default 200. */
  maxIter?: number;
  /** Compute the profile intervals and likelihood-ratio tests; default true. */
  profile?: boolean;
  /** See PROFILE_BUDGET (tests lower it). */
  profileBudget?: number;
  ctx?: RunContext;
}

/** A point θ with everything the solvers need there: ℓ, ℓ*, I = AᵀWA, its factor, ∇ℓ, U*. */
interface Point {
  theta: Float64Array;
  /** ℓ(θ), unpenalized. */
  ll: number;
  /** ℓ*(θ); −∞ where I is numerically singular. */
  pll: number;
  /** I(θ), full symmetric, and its Cholesky factor (lower). */
  info: Float64Array;
  fac: Float64Array;
  /** ∇ℓ = Aᵀ(y − π). */
  grad: Float64Array;
  /** U*(θ) = ∇ℓ* (scorePoint). */
  score: Float64Array;
}

function newPoint(m: number): Point {
  return {
    theta: new Float64Array(m), ll: NaN, pll: NaN, info: new Float64Array(m * m), fac: new Float64Array(m * m),
    grad: new Float64Array(m), score: new Float64Array(m),
  };
}

function copyPoint(to: Point, from: Point): void {
  to.theta.set(from.theta);
  to.ll = from.ll;
  to.pll = from.pll;
  to.info.set(from.info);
  to.fac.set(from.fac);
  to.grad.set(from.grad);
  to.score.set(from.score);
}

/** The design with the hat-value scratch: column k of a block's L⁻¹aᵢ at zb[k·B …]. */
interface Work {
  d: Design;
  zb: Float64Array;
}

// pass 1: ℓ, ∇ℓ, I = AᵀWA (mle-design's evaluate), then I = LLᵀ and ℓ* = ℓ + Σₖ log Lₖₖ (= ℓ + ½ log det I)
function penalize(w: Work, p: Point): void {
  const m = w.d.m;
  p.ll = evaluate(w.d, p.theta, p.grad, p.info).logLik;
  p.fac.set(p.info);
  if (!Number.isFinite(p.ll) || !choleskyInPlace(p.fac, m, 0)) {
    p.pll = -Infinity;
    return;
  }
  let half = 0;
  for (let k = 0; k < m; k++) half += Math.log(p.fac[k * m + k]);
  p.pll = p.ll + half;
}

/**
 * pass 2: U* = ∇ℓ + Aᵀ(h∘(½ − π)), hᵢ = wᵢ‖zᵢ‖², zᵢ = L⁻¹aᵢ by forward substitution, done column by column
 * over a block of rows (zₖ = (aₖ − Σ_{c<k} Lₖc·z_c)/Lₖₖ, the intercept's aₖ = 1), so the inner loops run
 * along contiguous rows.
 */
function scorePoint(w: Work, p: Point): void {
  const { d, zb } = w;
  const { n, q, m, B, xb, eta, r } = d;
  const hs = d.w; // Σₖ zₖ², per row of the block
  const L = p.fac;
  const theta = p.theta;
  p.score.set(p.grad);
  for (let i0 = 0; i0 < n; i0 += B) {
    const len = Math.min(B, n - i0);
    loadBlock(d, i0, len, null);
    eta.fill(theta[q], 0, len);
    for (let j = 0; j < q; j++) {
      const tj = theta[j], o = j * B;
      for (let k = 0; k < len; k++) eta[k] += tj * xb[o + k];
    }
    hs.fill(0, 0, len);
    for (let j = 0; j < m; j++) {
      const zj = j * B;
      if (j < q) zb.set(xb.subarray(zj, zj + len), zj);
      else zb.fill(1, zj, zj + len);
      const row = j * m;
      let c = 0;
      for (; c + 4 <= j; c += 4) { // four columns per sweep over zⱼ
        const l0 = L[row + c], l1 = L[row + c + 1], l2 = L[row + c + 2], l3 = L[row + c + 3];
        const o0 = c * B, o1 = o0 + B, o2 = o1 + B, o3 = o2 + B;
        for (let k = 0; k < len; k++) zb[zj + k] -= l0 * zb[o0 + k] + l1 * zb[o1 + k] + l2 * zb[o2 + k] + l3 * zb[o3 + k];
      }
      for (; c < j; c++) {
        const l0 = L[row + c], o0 = c * B;
        for (let k = 0; k < len; k++) zb[zj + k] -= l0 * zb[o0 + k];
      }
      const inv = 1 / L[row + j];
      for (let k = 0; k < len; k++) {
        const v = zb[zj + k] * inv;
        zb[zj + k] = v;
        hs[k] += v * v;
      }
    }
    // r = h∘(½ − π), with π and w from e = e^(−|η|) (no overflow)
    for (let k = 0; k < len; k++) {
      const v = eta[k];
      const e = Math.exp(-Math.abs(v));
      const pi = v >= 0 ? 1 / (1 + e) : e / (1 + e);
      r[k] = ((e / ((1 + e) * (1 + e))) * hs[k]) * (0.5 - pi);
    }
    for (let j = 0; j < q; j++) {
      const o = j * B;
      let s = 0;
      for (let k = 0; k < len; k++) s += r[k] * xb[o + k];
      p.score[j] += s;
    }
    let s = 0;
    for (let k = 0; k < len; k++) s += r[k];
    p.score[q] += s;
  }
}

function evaluatePoint(w: Work, p: Point): void {
  penalize(w, p);
  if (p.pll > -Infinity) scorePoint(w, p);
}

const maxAbs = (a: Float64Array): number => a.reduce((s, v) => Math.max(s, Math.abs(v)), 0);

interface Maximized {
  converged: boolean;
  iterations: number;
}

/**
 * Maximizes ℓ* from `cur` (evaluated and scored) by modified Fisher scoring, over all of θ or with θ_fixed
 * held at its value (logistf's `col.fit`: the same full-design ℓ*, the step solved on the other
 * coordinates only). `cur` ends at the maximum; `trial` is scratch. Stops when a step moves no coordinate
 * by more than 1e-12 (1 + |θ|∞) (the iteration is linear with rate O(q/n): the error is below the step);
 * or, should no halved step raise ℓ* any more, at that point (converged if the full step was below
 * 1e-7 (1 + |θ|∞): at the maximum to rounding).
 */
async function maximize(
  w: Work, cur: Point, trial: Point, fixed: number, maxIter: number,
  tick?: (iteration: number) => Promise<void>, maxStep = MAX_STEP,
): Promise<Maximized> {
  const m = w.d.m;
  const sys = new Float64Array(m * m);
  for (let iter = 1; iter <= maxIter; iter++) {
    if (tick) await tick(iter);
    // δ = I⁻¹U* (on the free coordinates: row and column `fixed` replaced by the identity, its U* by 0)
    let delta: Float64Array;
    if (fixed < 0) delta = choleskySolve(cur.fac, m, cur.score.slice());
    else {
      sys.set(cur.info);
      for (let k = 0; k < m; k++) sys[fixed * m + k] = sys[k * m + fixed] = 0;
      sys[fixed * m + fixed] = 1;
      if (!choleskyInPlace(sys, m, 0)) return { converged: false, iterations: iter };
      const rhs = cur.score.slice();
      rhs[fixed] = 0;
      delta = choleskySolve(sys, m, rhs);
    }
    const big = maxAbs(delta);
    if (!Number.isFinite(big)) return { converged: false, iterations: iter };
    if (big > maxStep) for (let k = 0; k < m; k++) delta[k] *= maxStep / big;
    const size = Math.min(big, maxStep);
    let t = 1;
    let accepted = false;
    for (let halving = 0; halving < 50; halving++, t *= 0.5) {
      for (let k = 0; k < m; k++) trial.theta[k] = cur.theta[k] + t * delta[k];
      penalize(w, trial);
      if (trial.pll >= cur.pll - 1e-13 * Math.abs(cur.pll)) {
        accepted = true;
        break;
      }
    }
    if (!accepted) return { converged: size <= 1e-7 * (1 + maxAbs(cur.theta)), iterations: iter };
    scorePoint(w, trial);
    copyPoint(cur, trial);
    if (size * t <= 1e-12 * (1 + maxAbs(cur.theta))) return { converged: true, iterations: iter };
  }
  return { converged: false, iterations: maxIter };
}

/** Column j of I⁻¹ from the factor L of I. */
function inverseColumn(fac: Float64Array, m: number, j: number): Float64Array {
  const e = new Float64Array(m);
  e[j] = 1;
  return choleskySolve(fac, m, e);
}

/**
 * One profile bound of θⱼ (side −1 or +1) at the level ℓ₀ = ℓ*(θ̂) − χ²/2, by Venzon and Moolgavkar's
 * iteration from the estimate (logistf's logistpl; see the file comment), to |ℓ* − ℓ₀| ≤ 1e-10 (1 + |ℓ₀|)
 * with a last step below 1e-9 (1 + |θ|∞), or θⱼ's last three steps below 1e-10 (1 + |θⱼ|); NaN if that is
 * not reached in 100 steps.
 */
function venzonMoolgavkar(w: Work, start: Point, j: number, side: 1 | -1, level: number, cur: Point): number {
  const m = w.d.m;
  copyPoint(cur, start);
  const tolL = 1e-10 * (1 + Math.abs(level));
  let settled = 0;
  for (let iter = 0; iter < 100; iter++) {
    const a = choleskySolve(cur.fac, m, cur.score.slice()); // I⁻¹U*
    const c = inverseColumn(cur.fac, m, j); // I⁻¹eⱼ
    let uvu = 0;
    for (let k = 0; k < m; k++) uvu += cur.score[k] * a[k];
    const lambda2 = (2 * (cur.pll - level + 0.5 * uvu)) / c[j];
    const lambda = side * Math.sqrt(Math.max(0, lambda2));
    const delta = new Float64Array(m);
    for (let k = 0; k < m; k++) delta[k] = a[k] + lambda * c[k];
    const big = maxAbs(delta);
    if (!Number.isFinite(big)) return NaN;
    if (big > MAX_STEP) for (let k = 0; k < m; k++) delta[k] *= MAX_STEP / big;
    const prev = cur.theta.slice();
    // a step into a region where I is singular (ℓ* = −∞) is halved until it is not
    let t = 1;
    for (let halving = 0; halving < 50; halving++, t *= 0.5) {
      for (let k = 0; k < m; k++) cur.theta[k] = prev[k] + t * delta[k];
      evaluatePoint(w, cur);
      if (cur.pll > -Infinity) break;
    }
    if (!(cur.pll > -Infinity)) return NaN;
    const onLevel = Math.abs(cur.pll - level) <= tolL;
    if (onLevel && t * Math.min(big, MAX_STEP) <= 1e-9 * (1 + maxAbs(cur.theta))) return cur.theta[j];
    // θⱼ settled while other coordinates still creep along a flat direction (separated, collinear data:
    // the iteration's rate there can be 0.9): at the extreme θⱼ the level set is tangent to θⱼ = const,
    // so the creeping moves θⱼ only to second order
    settled = onLevel && Math.abs(t * delta[j]) <= 1e-10 * (1 + Math.abs(cur.theta[j])) ? settled + 1 : 0;
    if (settled >= 3) return cur.theta[j];
  }
  return NaN;
}

/**
 * The profile P(b) = max{ℓ*(θ) : θⱼ = b}, from `cur` (moved to θⱼ = b along the estimate's conditional
 * direction I⁻¹eⱼ, then maximized); its slope P′(b) = U*ⱼ at the constrained maximum (the other
 * components of U* are 0 there).
 */
async function profileAt(
  w: Work, cur: Point, trial: Point, j: number, b: number, dir: Float64Array, maxIter = 200,
): Promise<{ value: number; slope: number; ok: boolean; iterations: number }> {
  const m = w.d.m;
  const shift = (b - cur.theta[j]) / dir[j];
  for (let k = 0; k < m; k++) cur.theta[k] += shift * dir[k];
  cur.theta[j] = b;
  evaluatePoint(w, cur);
  if (!(cur.pll > -Infinity)) return { value: -Infinity, slope: NaN, ok: false, iterations: 0 };
  const r = await maximize(w, cur, trial, j, maxIter);
  return { value: cur.pll, slope: cur.score[j], ok: r.converged, iterations: r.iterations };
}

/**
 * A bound found on the profile itself, beyond `start` (where `cur` is the constrained maximum and
 * P(start) ≥ ℓ₀): a bracket [inner, b] with P(b) < ℓ₀ by steps of 1, 2, 4, … Wald half-widths, then
 * Newton's method on P(b) − ℓ₀ (slope U*ⱼ), bisecting whenever Newton would leave the bracket; to
 * |Δb| ≤ 1e-10 (1 + |b|). Each P(b) starts from the previous one (the same branch of the profile). NaN
 * when a constrained fit does not converge or the search takes more than ROOT_PASSES passes.
 */
async function profileRoot(
  w: Work, est: Point, j: number, side: 1 | -1, level: number, cur: Point, trial: Point, start: number,
): Promise<number> {
  const dir = inverseColumn(est.fac, w.d.m, j);
  const half = 1.959963984540054 * Math.sqrt(dir[j]);
  let passes = ROOT_PASSES;
  const at = async (b: number) => {
    const r = await profileAt(w, cur, trial, j, b, dir, Math.min(200, passes));
    passes -= r.iterations + 1;
    return r.ok && passes > 0 ? r : null;
  };
  let inner = start;
  let outer = NaN;
  let here = null;
  let b = start;
  for (let k = 0; k <= 40; k++) {
    b = start + side * half * 2 ** k;
    here = await at(b);
    if (!here) return NaN;
    if (here.value < level) {
      outer = b;
      break;
    }
    inner = b;
  }
  if (!here || Number.isNaN(outer)) return NaN;
  for (let iter = 0; iter < 100; iter++) {
    const g = here.value - level;
    if (g >= 0) inner = b;
    else outer = b;
    let next = b - g / here.slope;
    const lo = Math.min(inner, outer), hi = Math.max(inner, outer);
    if (!(next > lo && next < hi)) next = 0.5 * (inner + outer);
    if (Math.abs(next - b) <= 1e-10 * (1 + Math.abs(b))) return next;
    b = next;
    here = await at(b);
    if (!here) return NaN;
  }
  return NaN;
}

/**
 * With separation, ℓ* with θⱼ fixed can have a second local maximum far out along the separating
 * direction (the likelihood near its supremum there, the penalty slowly falling), higher than the branch
 * through the estimate once θⱼ is far enough from θ̂ⱼ (the `separated` fixture's noise coefficient below
 * −1.1 is such a case); the profile, a maximum over all the other coordinates, is then that branch.
 * Venzon–Moolgavkar and the scoring steps from the estimate stay on the first branch (so would logistf);
 * Fisher scoring from far-out starts also slides back to it (I⁻¹U* runs along the separating direction),
 * so this looks with L-BFGS (quasi-Newton from the gradient U*, which crosses to the other basin) from
 * the estimate scaled by 2, 4 and 8 (θⱼ = b; further out the weights vanish and L-BFGS stalls), then
 * polishes by small (≤ ½) scoring steps. `best` gets the highest maximum found; null if none converged.
 */
async function farBranch(w: Work, est: Point, j: number, b: number, best: Point, scratch: Point, trial: Point): Promise<number | null> {
  const m = w.d.m;
  const free = Array.from({ length: m }, (_, k) => k).filter((k) => k !== j);
  const place = (x: Float64Array) => {
    for (let k = 0; k < free.length; k++) scratch.theta[free[k]] = x[k];
    scratch.theta[j] = b;
  };
  // −ℓ* and −U* over the free coordinates; +∞ where I is singular (the line search backs off)
  const fg = (x: Float64Array, grad: Float64Array): number => {
    place(x);
    evaluatePoint(w, scratch);
    if (!(scratch.pll > -Infinity)) {
      grad.fill(NaN);
      return Infinity;
    }
    for (let k = 0; k < free.length; k++) grad[k] = -scratch.score[free[k]];
    return -scratch.pll;
  };
  let value: number | null = null;
  for (const c of FAR_STARTS) {
    const r = await minimizeLbfgs(fg, Float64Array.from(free, (k) => c * est.theta[k]), { gradTol: 1e-7, maxIter: 300 });
    if (!r.converged) continue;
    place(r.x);
    evaluatePoint(w, scratch);
    if (!(scratch.pll > -Infinity)) continue;
    const polished = await maximize(w, scratch, trial, j, 1000, undefined, 0.5);
    if (polished.converged && (value === null || scratch.pll > value)) {
      value = scratch.pll;
      copyPoint(best, scratch);
    }
  }
  return value;
}

/**
 * Both profile bounds and the likelihood-ratio p-value of coefficient j (kept column j of the design).
 * A bound: Venzon–Moolgavkar from the estimate, else (not converged) the root search from it; then, if
 * the data are separated and small enough (`lookFar`), a look for a higher branch of the profile there
 * (farBranch), and if there is one, the root search continued along it. The test: P(0) from the
 * estimate moved to θⱼ = 0 along I⁻¹eⱼ, or the far branch's maximum there if higher.
 */
async function profileCoefficient(
  w: Work, est: Point, j: number, level: number, lookFar: boolean, pts: { cur: Point; trial: Point; far: Point; scratch: Point },
): Promise<{ low: number; high: number; p: number }> {
  const { cur, trial, far, scratch } = pts;
  const tolL = 1e-10 * (1 + Math.abs(level));
  const bounds: number[] = [];
  for (const side of [-1, 1] as const) {
    let b = venzonMoolgavkar(w, est, j, side, level, cur);
    if (Number.isNaN(b)) {
      copyPoint(cur, est);
      b = await profileRoot(w, est, j, side, level, cur, trial, est.theta[j]);
    }
    if (lookFar && Number.isFinite(b)) {
      const other = await farBranch(w, est, j, b, far, scratch, trial);
      if (other !== null && other > level + tolL) {
        copyPoint(cur, far);
        b = await profileRoot(w, est, j, side, level, cur, trial, b);
      }
    }
    bounds.push(b);
  }
  copyPoint(cur, est);
  const at = await profileAt(w, cur, trial, j, 0, inverseColumn(est.fac, w.d.m, j));
  let top = at.ok ? at.value : NaN;
  if (lookFar) {
    const other = await farBranch(w, est, j, 0, far, scratch, trial);
    if (other !== null && !(other <= top)) top = other;
  }
  // χ²₁: P(χ²₁ > s) = 2Φ(−√s)
  const p = Number.isFinite(top) ? twoSidedP(Math.sqrt(Math.max(0, 2 * (est.pll - top)))) : NaN;
  return { low: bounds[0], high: bounds[1], p };
}

/** Fits θ maximizing ℓ* (see the file comment), and profiles each coefficient unless told not to. */
export async function fitLogisticFirth(X: ColMajor, y: Uint8Array, opts: FirthOptions = {}): Promise<FirthFit> {
  const n = X.rows;
  const p = X.cols;
  const events = checkLabels(X, y, 'fitLogisticFirth');
  const maxIter = opts.maxIter ?? 200;
  const screened = screenColumns(X, y, 'fitLogisticFirth');
  const kept = screened.kept;
  const problems: FirthProblem[] = [...screened.problems];
  const d = makeDesign(X, y, kept);
  const { q, m } = d;
  const w: Work = { d, zb: new Float64Array(m * d.B) };
  const wantProfile = opts.profile ?? true;
  const budget = opts.profileBudget ?? PROFILE_BUDGET;
  const profiling = wantProfile && q > 0 && n * m * m * q <= budget;
  const fitShare = profiling ? 0.2 : 1;
  const ctx = opts.ctx;

  const est = newPoint(m);
  const trial = newPoint(m);
  est.theta[q] = Math.log(events / (n - events));
  evaluatePoint(w, est);
  const tick = ctx ? (iter: number) => ctx.checkpoint(fitShare * Math.min(0.99, (iter - 1) / maxIter)) : undefined;
  const fit = est.pll > -Infinity ? await maximize(w, est, trial, -1, maxIter, tick) : { converged: false, iterations: 0 };
  if (!fit.converged) problems.push({ kind: 'not-converged' });

  let profile: ProfileIntervals | null = null;
  let profileSkipped: ProfileSkip | null = null;
  if (!wantProfile) profileSkipped = 'not-requested';
  else if (!fit.converged) profileSkipped = 'not-converged';
  else if (q > 0 && !profiling) profileSkipped = 'too-large';
  else {
    profile = { low: new Float64Array(p).fill(NaN), high: new Float64Array(p).fill(NaN), p: new Float64Array(p).fill(NaN) };
    const level = est.pll - CHI2_1_95 / 2;
    // separated classes (the MLE does not exist) are where ℓ* may have a second maximum (see farBranch)
    const lookFar = n * m * m * q <= FAR_BUDGET && (await fitLogisticMle(X, y)).problems.some((pr) => pr.kind === 'separation');
    const pts = { cur: newPoint(m), trial, far: newPoint(m), scratch: newPoint(m) };
    for (let j = 0; j < q; j++) {
      if (ctx) await ctx.checkpoint(fitShare + (1 - fitShare) * (j / q));
      const r = await profileCoefficient(w, est, j, level, lookFar, pts);
      profile.low[kept[j]] = r.low;
      profile.high[kept[j]] = r.high;
      profile.p[kept[j]] = r.p;
    }
  }
  return { ...summarize(d, est, n, events, p, fit.converged, fit.iterations, problems), profile, profileSkipped };
}

// se = √diag(I⁻¹), z = β/se, Wald p = 2Φ(−|z|); deviance −2ℓ(θ̂); the null deviance of Firth's intercept-only
// fit, whose modified score (events − nπ) + (½ − π) = 0 gives π₀ = (events + ½)/(n + 1); AIC = deviance + 2(q + 1)
function summarize(
  d: Design, est: Point, n: number, events: number, p: number, converged: boolean, iterations: number, problems: FirthProblem[],
): MleFit & { problems: FirthProblem[] } {
  const pi0 = (events + 0.5) / (n + 1);
  const nullDeviance = -2 * (events * Math.log(pi0) + (n - events) * Math.log1p(-pi0));
  return waldFit(d, est.theta, est.info, p, { logLik: est.pll, deviance: -2 * est.ll, nullDeviance, iterations, converged, problems });
}
