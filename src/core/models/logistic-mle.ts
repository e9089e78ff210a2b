/**
 * Unpenalized maximum-likelihood logistic regression, as R's glm(family = binomial) and statsmodels'
 * Logit report it (coefficients, Wald standard errors, z, p, deviance, AIC):
 *
 *   maximize ℓ(β, b) = Σᵢ [yᵢηᵢ − log(1 + e^ηᵢ)],   ηᵢ = βᵀxᵢ + b,
 *
 * by Newton–Raphson (= IRLS) with step halving, on the standardized design of prep/prepare.ts. Before
 * fitting, constant columns and columns that are linear combinations of earlier ones are dropped (glm's
 * NA coefficients). When the classes are (quasi-)completely separated the maximum does not exist: the
 * coefficients run to infinity while ℓ approaches its supremum. The fit then stops with a certificate,
 * a direction δ with sᵢ·δᵀ(xᵢ, 1) ≥ 0 for every row (sᵢ = ±1 the class), checked row by row.
 */
import { addProduct, checkShape, denseCols, selectRows, type ColMajor } from '../linalg/matrix';
import type { RunContext } from '../util/run-context';
import { choleskyInPlace, choleskyInverse, choleskySolve, dependentColumns } from '../linalg/cholesky';
import { twoSidedP } from '../metrics/normal';
import { centeredGram, evaluate, makeDesign, separates, singleSeparators, type Design, type Evaluation } from './mle-design';

export type MleProblem =
  /** No finite maximum: a hyperplane puts every row on its class's side (`complete`), or all but rows lying on it. */
  | { kind: 'separation'; complete: boolean; features: number[] }
  /** Columns that are linear combinations of earlier columns (and the intercept): dropped, as glm's NA. */
  | { kind: 'collinearity'; features: number[] }
  /** Columns with one value in every training row: dropped (aliased with the intercept). */
  | { kind: 'constant'; features: number[] }
  | { kind: 'not-converged' };

/**
 * A maximum-likelihood fit: plain, serializable data. Coefficients are on the scale of X (z-scores from
 * prepare.ts), intercept last wherever the intercept is part of a matrix. Dropped columns (constant,
 * collinear) have NaN coef, se, z and p, never a made-up number.
 *
 * When `converged` is false (`problems` says why: separation or not-converged) the numbers are the last
 * Newton iterate, NOT estimates: with separation the true maximum lies at infinity, so the coefficients,
 * standard errors, odds ratios and p-values are artefacts of where the iteration stopped. Show the
 * problem, not the numbers.
 */
export interface MleFit {
  coef: Float64Array;
  intercept: number;
  se: Float64Array;
  interceptSe: number;
  /** Wald z = β/se and two-sided p = 2·Φ(−|z|), as glm's summary. */
  z: Float64Array;
  p: Float64Array;
  interceptZ: number;
  interceptP: number;
  /** Inverse of the negative Hessian AᵀWA at the fit, (p+1)² row-major, intercept last; NaN rows/columns for dropped features. */
  covariance: Float64Array;
  logLik: number;
  /** −2ℓ (0/1 outcomes: the saturated model's ℓ is 0). */
  deviance: number;
  /** −2ℓ of the intercept-only model. */
  nullDeviance: number;
  /** deviance + 2·(estimated parameters), as glm's AIC. */
  aic: number;
  iterations: number;
  converged: boolean;
  problems: MleProblem[];
}

export interface MleOptions {
  /** Newton iterations; default 50 (glm: 25). */
  maxIter?: number;
  /** Stop when the predicted relative change of the deviance |Δdev|/(|dev| + 0.1) is below tol; default 1e-10. */
  tol?: number;
  ctx?: RunContext;
  /** Start a large fit from a fit on a sample of its rows (see warmStart); default true. */
  warmStart?: boolean;
}

/** z₀.₉₇₅ = Φ⁻¹(0.975), for 95% Wald intervals. */
export const Z_95 = 1.959963984540054;
/** A column is collinear when its residual on the earlier columns has < 1e-5 of its centred norm (relative 1e-10 squared). */
const COLLINEAR_TOL = 1e-10;
/** A Newton system with a pivot below 1e-13 of its diagonal is numerically singular. */
const SINGULAR_TOL = 1e-13;
/** |η| above which some fitted probabilities are within e^−20 ≈ 2e-9 of 0 or 1: time to look for separation. */
const DIVERGING_ETA = 20;

// the features (indices into X) of the kept columns whose share of a separating direction, |δⱼ|·sdⱼ, is ≥ 1e-3 of the largest
function involved(d: Design, dir: Float64Array, sd: Float64Array): number[] {
  let max = 0;
  for (let j = 0; j < d.q; j++) max = Math.max(max, Math.abs(dir[j]) * sd[j]);
  const out: number[] = [];
  for (let j = 0; j < d.q; j++) if (max > 0 && Math.abs(dir[j]) * sd[j] >= 1e-3 * max) out.push(d.cols[j]);
  return out;
}

// separation problem if θ (strictly) or the last step δ (quasi) is a certificate; named: the features that
// separate on their own if any, else those that carry the separating direction
function separation(d: Design, theta: Float64Array, step: Float64Array | null, sd: Float64Array): MleProblem | null {
  const problem = (complete: boolean, dir: Float64Array): MleProblem => {
    const single = singleSeparators(d, !complete);
    return { kind: 'separation', complete, features: single.length > 0 ? single : involved(d, dir, sd) };
  };
  if (separates(d, theta).complete) return problem(true, theta);
  if (!step) return null;
  const byStep = separates(d, step);
  return byStep.separated ? problem(byStep.complete, step) : null;
}

/** The 0/1 labels checked against X (a caller's bug throws, naming `who`): the number of events. */
export function checkLabels(X: ColMajor, y: Uint8Array, who: string): number {
  const n = X.rows;
  if (n === 0) throw new Error(`${who}: no rows`);
  if (y.length !== n) throw new Error(`${who}: ${y.length} labels for ${n} rows`);
  checkShape(X, who);
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] > 1) throw new Error(`${who}: label ${y[i]} at row ${i} is not 0/1`);
    events += y[i];
  }
  if (events === 0 || events === n) throw new Error(`${who}: both classes (0 and 1) must occur`);
  return events;
}

/**
 * Per sparse column of X: whether it has one value in every row (in one pass over the CSR; checking that the
 * stored values are finite). A column with a zero somewhere is constant when all its stored values are 0; one
 * stored in every row, when they all equal its first row's.
 */
function sparseConstant(X: ColMajor, who: string): Uint8Array {
  const sp = X.sparse;
  if (!sp) return new Uint8Array(0);
  const n = X.rows, dense = denseCols(X);
  const first = new Float64Array(sp.cols); // row 0's value (0 where it has none)
  for (let e = sp.rowStart[0]; e < sp.rowStart[1]; e++) first[sp.colIndex[e]] = sp.values[e];
  const stored = new Int32Array(sp.cols);
  const same = new Uint8Array(sp.cols).fill(1);
  for (let i = 0; i < n; i++) {
    for (let e = sp.rowStart[i]; e < sp.rowStart[i + 1]; e++) {
      const c = sp.colIndex[e], v = sp.values[e];
      if (!Number.isFinite(v)) throw new Error(`${who}: non-finite value at row ${i}, column ${dense + c}`);
      stored[c]++;
      if (v !== first[c]) same[c] = 0;
    }
  }
  for (let c = 0; c < sp.cols; c++) if (stored[c] < n && first[c] !== 0) same[c] = 0; // a zero row differs from row 0
  return same;
}

/**
 * The columns a fit keeps, as glm: constant columns (one value in every row) and columns in the span
 * of the earlier ones (and the intercept) are dropped and reported; `sd` is the kept columns' standard
 * deviation (population), in the order of `kept`.
 */
export function screenColumns(
  X: ColMajor, y: Uint8Array, who: string,
): { kept: number[]; sd: Float64Array; problems: Extract<MleProblem, { kind: 'constant' | 'collinearity' }>[] } {
  const n = X.rows;
  const p = X.cols;
  const problems: Extract<MleProblem, { kind: 'constant' | 'collinearity' }>[] = [];
  const constant: number[] = [];
  const varying: number[] = [];
  const dense = denseCols(X);
  const sparseSame = sparseConstant(X, who);
  for (let j = 0; j < p; j++) {
    if (j >= dense) {
      (sparseSame[j - dense] ? constant : varying).push(j);
      continue;
    }
    const o = j * n, v0 = X.data[o];
    let same = true;
    for (let i = 0; i < n; i++) {
      const v = X.data[o + i];
      if (!Number.isFinite(v)) throw new Error(`${who}: non-finite value at row ${i}, column ${j}`);
      if (v !== v0) same = false;
    }
    (same ? constant : varying).push(j);
  }
  if (constant.length > 0) problems.push({ kind: 'constant', features: constant });
  const { gram } = centeredGram(makeDesign(X, y, varying));
  const sdAll = varying.map((_, j) => Math.sqrt(gram[j * varying.length + j] / n));
  const dependent = new Set(dependentColumns(gram, varying.length, COLLINEAR_TOL));
  if (dependent.size > 0) problems.push({ kind: 'collinearity', features: [...dependent].map((k) => varying[k]) });
  const kept = varying.filter((_, k) => !dependent.has(k));
  const sd = Float64Array.from(sdAll.filter((_, k) => !dependent.has(k)));
  return { kept, sd, problems };
}

/** Rows of the warm-start sample: the Newton fit on all rows starts from the fit on every k-th row. */
const WARM_ROWS = 16384;

/** Fits β, b maximizing ℓ (see the file comment). y: 1 = event, 0 = no event. */
export async function fitLogisticMle(X: ColMajor, y: Uint8Array, opts: MleOptions = {}): Promise<MleFit> {
  const n = X.rows;
  const p = X.cols;
  const events = checkLabels(X, y, 'fitLogisticMle');
  const maxIter = opts.maxIter ?? 50;
  const tol = opts.tol ?? 1e-10;
  // constant columns (one value in every row), then columns in the span of the earlier ones
  const screened = screenColumns(X, y, 'fitLogisticMle');
  const { kept, sd } = screened;
  const problems: MleProblem[] = [...screened.problems];

  const d = makeDesign(X, y, kept);
  const { q, m } = d;
  const theta = new Float64Array(m);
  theta[q] = Math.log(events / (n - events)); // b = logit(ȳ): the optimum for β = 0
  const warm = opts.warmStart === false ? null : await warmStart(X, y, kept, theta, sd, maxIter, tol, opts.ctx);
  if (warm) theta.set(warm.theta);
  const fit = await newton(d, theta, sd, maxIter, tol, opts.ctx, warm ? 0.2 : 0, 1, warm?.hessian);
  if (fit.sep) problems.push(fit.sep);
  else if (!fit.converged) problems.push({ kind: 'not-converged' });
  return summarize(d, theta, fit.h, fit.ev.logLik, n, events, p, fit.converged && !fit.sep, fit.iterations, problems);
}

/**
 * A start near the maximum for a large fit: the same Newton iteration on every k-th row (about WARM_ROWS of
 * them), which costs a fraction of one iteration on all rows and saves several (at 800,000 × 35: 7 iterations
 * from θ₀, 4 from the sample's fit). null, and the fit starts from θ₀, when n is small or the sample's fit
 * did not converge to a finite maximum (a sample may separate the classes where all rows do not, or lack a
 * level's rows): the start changes the path to the maximum, never the maximum or the tests of convergence.
 */
async function warmStart(
  X: ColMajor, y: Uint8Array, kept: number[], theta0: Float64Array, sd: Float64Array, maxIter: number, tol: number, ctx: RunContext | undefined,
): Promise<{ theta: Float64Array; hessian: Float64Array } | null> {
  if (X.rows < 8 * WARM_ROWS) return null;
  const stride = Math.floor(X.rows / WARM_ROWS);
  const rows = Int32Array.from({ length: Math.ceil(X.rows / stride) }, (_, k) => k * stride);
  const t = Uint8Array.from(rows, (i) => y[i]);
  const events = t.reduce((a, v) => a + v, 0);
  if (events === 0 || events === t.length) return null;
  const theta = theta0.slice();
  const fit = await newton(makeDesign(selectRows(X, rows), t, kept), theta, sd, maxIter, tol, ctx, 0, 0.2);
  if (!(fit.converged && !fit.sep && fit.ev.maxAbsEta <= DIVERGING_ETA && theta.every(Number.isFinite))) return null;
  // the sample's Hessian scaled to all rows: the first step's, in place of a pass over all rows
  const scale = X.rows / rows.length;
  return { theta, hessian: fit.h.map((v) => v * scale) };
}

/**
 * Newton–Raphson with step halving from θ (updated in place) to the maximum of ℓ over the design d: the
 * last evaluation, its gradient and negative Hessian, and how it ended. `from`, `to`: the share of the
 * task's progress this run covers. `firstHessian`: an approximation of the negative Hessian at θ for the first
 * step only (the warm start's, scaled), which saves a pass over the rows; every later step, the tests of
 * convergence and the Hessian returned (the standard errors') are computed exactly.
 */
async function newton(
  d: Design, theta: Float64Array, sd: Float64Array, maxIter: number, tol: number, ctx: RunContext | undefined, from = 0, to = 1,
  firstHessian?: Float64Array,
): Promise<{ ev: Evaluation; h: Float64Array; converged: boolean; sep: MleProblem | null; iterations: number }> {
  const m = d.m;
  let g = new Float64Array(m);
  let h = new Float64Array(m * m);
  let exact = !firstHessian; // whether h is the Hessian at θ
  // the gradient and Hessian at the full Newton step, formed in the pass that checks the step (it is
  // usually taken): one pass over X per iteration instead of two
  let gNext = new Float64Array(m);
  let hNext = new Float64Array(m * m);
  const fac = new Float64Array(m * m);
  const trial = new Float64Array(m);
  let ev = evaluate(d, theta, g, exact ? h : null);
  if (firstHessian) h.set(firstHessian);
  let step: Float64Array | null = null;
  let sep: MleProblem | null = null;
  let converged = false;
  let iterations = 0;
  let wasSmall = false;
  for (let iter = 1; iter <= maxIter; iter++) {
    if (ctx) await ctx.checkpoint(from + (to - from) * Math.min(0.99, (iter - 1) / maxIter));
    iterations = iter;
    if (ev.minMargin > 0 && (sep = separation(d, theta, null, sd))) break; // θ itself classifies every row
    fac.set(h);
    if (!choleskyInPlace(fac, m, SINGULAR_TOL)) break;
    const delta = choleskySolve(fac, m, g.slice());
    let decrement = 0; // gᵀH⁻¹g = 2 × the increase of ℓ that the full Newton step predicts
    for (let j = 0; j < m; j++) decrement += g[j] * delta[j];
    // glm's test |Δdev|/(|dev| + 0.1) < tol on the predicted change; stop after two such steps in a row (the
    // second polishes the first's O(√tol) error down to rounding)
    const small = decrement * 0.5 <= tol * (Math.abs(ev.logLik) + 0.05);
    const polishing = small && wasSmall;
    wasSmall = small;
    // step halving: the largest t = 2⁻ᵏ with ℓ(θ + tδ) ≥ ℓ(θ) (to rounding)
    let t = 1;
    let accepted = false;
    let atTrial: Evaluation | null = null; // with gNext and hNext, when the full step was taken
    for (let k = 0; k < 40; k++, t *= 0.5) {
      for (let j = 0; j < m; j++) trial[j] = theta[j] + t * delta[j];
      const e = k === 0 ? evaluate(d, trial, gNext, hNext) : evaluate(d, trial, null, null);
      // a step whose predicted gain is below the tolerance is taken whole, as glm takes its steps: its change of
      // ℓ is below the rounding of a sum over the rows (at 800,000 rows the full step often "lost" 1e-9 to
      // rounding, and two halvings and a Hessian more were spent on nothing)
      accepted = (k === 0 && small) || e.logLik >= ev.logLik - 1e-14 * Math.abs(ev.logLik);
      if (accepted) {
        if (k === 0) atTrial = e;
        break;
      }
    }
    if (!accepted) {
      converged = small; // at the maximum to rounding: no step can raise ℓ
      break;
    }
    let stepMax = 0, thetaMax = 0;
    for (let j = 0; j < m; j++) {
      delta[j] *= t;
      stepMax = Math.max(stepMax, Math.abs(delta[j]));
      thetaMax = Math.max(thetaMax, Math.abs(trial[j]));
    }
    step = delta;
    theta.set(trial);
    if (atTrial) {
      [g, gNext] = [gNext, g];
      [h, hNext] = [hNext, h];
      ev = atTrial;
    } else ev = evaluate(d, theta, g, h);
    exact = true;
    if (polishing || stepMax <= 1e-12 * (1 + thetaMax)) {
      converged = true;
      break;
    }
    if (ev.maxAbsEta > DIVERGING_ETA && (sep = separation(d, theta, step, sd))) break;
  }
  // glm's relative-deviance test also "converges" on separated data (ℓ → 0 or its supremum): check
  if (!sep && ev.maxAbsEta > DIVERGING_ETA / 2) sep = separation(d, theta, step, sd);
  if (!exact) ev = evaluate(d, theta, g, h); // stopped before a step: the Hessian at θ, not the approximation
  return { ev, h, converged, sep, iterations };
}

// se = √diag(H⁻¹), z = β/se, p = 2Φ(−|z|), deviance −2ℓ, null deviance −2n·[ȳ log ȳ + (1 − ȳ) log(1 − ȳ)], AIC = −2ℓ + 2(q + 1)
function summarize(
  d: Design, theta: Float64Array, h: Float64Array, logLik: number, n: number, events: number, p: number,
  converged: boolean, iterations: number, problems: MleProblem[],
): MleFit {
  const ybar = events / n;
  const nullDeviance = -2 * (events * Math.log(ybar) + (n - events) * Math.log1p(-ybar));
  return waldFit(d, theta, h, p, { logLik, deviance: -2 * logLik, nullDeviance, iterations, converged, problems });
}

/**
 * A fit's Wald table from its estimate θ and information matrix (the negative Hessian, m × m over the kept
 * columns and the intercept): se = √diag(I⁻¹), z = β/se, p = 2Φ(−|z|), the covariance spread over all p
 * features (NaN for dropped ones, intercept last), AIC = deviance + 2m. Shared by the MLE and Firth's fit.
 */
export function waldFit<P extends MleProblem>(
  d: Design, theta: Float64Array, information: Float64Array, p: number,
  fit: { logLik: number; deviance: number; nullDeviance: number; iterations: number; converged: boolean; problems: P[] },
): MleFit & { problems: P[] } {
  const { q, m } = d;
  const fac = Float64Array.from(information);
  const inv = choleskyInPlace(fac, m, 0) ? choleskyInverse(fac, m) : new Float64Array(m * m).fill(NaN);
  // position in the full (p+1)-vector: kept column j → d.cols[j], intercept → p
  const at = (j: number) => (j === q ? p : d.cols[j]);
  const P1 = p + 1;
  const covariance = new Float64Array(P1 * P1).fill(NaN);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) covariance[at(i) * P1 + at(j)] = inv[i * m + j];
  const coef = new Float64Array(p).fill(NaN);
  const se = new Float64Array(p).fill(NaN);
  const z = new Float64Array(p).fill(NaN);
  const pv = new Float64Array(p).fill(NaN);
  for (let j = 0; j < q; j++) {
    const k = d.cols[j];
    coef[k] = theta[j];
    se[k] = Math.sqrt(inv[j * m + j]);
    z[k] = coef[k] / se[k];
    pv[k] = twoSidedP(z[k]);
  }
  const interceptSe = Math.sqrt(inv[q * m + q]);
  return {
    coef, intercept: theta[q], se, interceptSe, z, p: pv, interceptZ: theta[q] / interceptSe,
    interceptP: twoSidedP(theta[q] / interceptSe), covariance, ...fit, aic: fit.deviance + 2 * m,
  };
}

export interface OddsRatio {
  or: number;
  low: number;
  high: number;
}

/**
 * Odds ratios with 95% Wald intervals e^(β ± 1.96·se): per standard deviation (β as fitted on z-scores)
 * and per original unit (β/σⱼ, se/σⱼ with σ the training standard deviations the caller scaled with).
 */
// OR = e^β, CI = e^(β ± z₀.₉₇₅·se); per unit: β/σ and se/σ
export function oddsRatios(fit: MleFit, std: Float64Array): { perSd: OddsRatio[]; perUnit: OddsRatio[] } {
  if (std.length !== fit.coef.length) throw new Error(`oddsRatios: ${std.length} standard deviations for ${fit.coef.length} coefficients`);
  const ci = (b: number, s: number): OddsRatio => ({ or: Math.exp(b), low: Math.exp(b - Z_95 * s), high: Math.exp(b + Z_95 * s) });
  const perSd: OddsRatio[] = [];
  const perUnit: OddsRatio[] = [];
  for (let j = 0; j < fit.coef.length; j++) {
    perSd.push(ci(fit.coef[j], fit.se[j]));
    perUnit.push(ci(fit.coef[j] / std[j], fit.se[j] / std[j]));
  }
  return { perSd, perUnit };
}

/** Linear predictors ηᵢ = b + Σⱼ βⱼxᵢⱼ; dropped columns (NaN coefficient) contribute nothing, as R's predict on a rank-deficient glm. */
// ηᵢ = b + Σⱼ βⱼxᵢⱼ over the finite coefficients (a NaN one counts as 0)
export function decisionMle(fit: MleFit, X: ColMajor): Float64Array {
  if (fit.coef.length !== X.cols) throw new Error(`decisionMle: ${fit.coef.length} coefficients for ${X.cols} columns`);
  const out = new Float64Array(X.rows).fill(fit.intercept);
  addProduct(X, fit.coef.map((w) => (Number.isNaN(w) ? 0 : w)), out);
  return out;
}

/** P(event | xᵢ) = σ(ηᵢ). */
// σ(η) = 1/(1 + e^−η) for η ≥ 0, e^η/(1 + e^η) otherwise: no overflow
export function predictMle(fit: MleFit, X: ColMajor): Float64Array {
  const eta = decisionMle(fit, X);
  for (let i = 0; i < eta.length; i++) {
    const v = eta[i];
    const e = Math.exp(-Math.abs(v));
    eta[i] = v >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
  return eta;
}
