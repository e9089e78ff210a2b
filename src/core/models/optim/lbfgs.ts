/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 7.4/7.5) with a
 * strong-Wolfe line search (Alg. 3.5/3.6, cubic-interpolation zoom). Unconstrained, dense,
 * allocation-free after start-up: every work array is allocated once per call.
 */

/** Writes ∇f(x) into `grad` and returns f(x). */
export type ValueAndGradient = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsIterationInfo {
  iter: number;
  f: number;
  gradNorm: number;
}

export interface LbfgsOptions {
  /** Number of stored correction pairs (default 10). */
  memory?: number;
  /** Stop when ‖∇f‖∞ ≤ gradTol (scipy lbfgsb's `pgtol`); default 1e-5. */
  gradTol?: number;
  /** Maximum number of iterations (default 1000). */
  maxIter?: number;
  /**
   * Applies an approximate inverse Hessian P to v in place (symmetric positive definite). L-BFGS then
   * starts each two-loop recursion from H₀ = γP, γ = sᵀy / yᵀPy of the newest pair, instead of γI with
   * γ = sᵀy / yᵀy (preconditioned L-BFGS); the first step tries α = 1 along −Pg. Default: the identity.
   */
  precondition?: (v: Float64Array) => void;
  /** Called after each iteration; awaited, so it may yield or throw (e.g. `Cancelled`). */
  onIteration?: (info: LbfgsIterationInfo) => Promise<void> | void;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** ‖∇f(x)‖∞ at the returned point. */
  gradNorm: number;
}

const C1 = 1e-4; // sufficient decrease
const C2 = 0.9; // curvature
const MAX_LINE_SEARCH = 30; // evaluations per line search
/** Relative size of rounding noise in f: below it, decrease is judged by the slope (Hager–Zhang). */
const F_NOISE = 1e-11;
/** A failed line search still counts as converged when ‖∇f‖∞ is this small relative to max(1,|f|). */
const TINY_GRADIENT = 1e-8;

// ‖v‖∞ (NaN-propagating: any NaN gives NaN)
function normInf(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (a > m || a !== a) m = a;
  }
  return m;
}

// aᵀb over the first n entries of a at offset `off`
function dot(a: Float64Array, b: Float64Array, off = 0): number {
  let s = 0;
  for (let i = 0; i < b.length; i++) s += a[off + i] * b[i];
  return s;
}

// Minimizer of the cubic through (a, fa, da), (b, fb, db) (N&W eq. 3.59); NaN if none
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
}

// Next trial in the bracket (lo, hi), t = (a − lo)/(hi − lo): the cubic's minimizer kept to t ∈ [0.1, 0.9];
// else the minimizer of the quadratic through φ(lo), φ′(lo), φ(hi), t ∈ [1e-3, 0.5]; else t = 0.1 (φ(hi) not finite)
function interpolate(lo: number, flo: number, dlo: number, hi: number, fhi: number, dhi: number): number {
  const w = hi - lo;
  if (!Number.isFinite(fhi)) return lo + 0.1 * w;
  const c = (cubicMin(lo, flo, dlo, hi, fhi, dhi) - lo) / w;
  if (Number.isFinite(c)) return lo + Math.min(0.9, Math.max(0.1, c)) * w;
  const q = (-dlo * w) / (2 * (fhi - flo - dlo * w));
  return lo + (q > 0 ? Math.min(0.5, Math.max(1e-3, q)) : 0.5) * w;
}

/** Minimizes f from x0 by L-BFGS; never throws on numerical trouble (reports converged=false). */
export async function minimizeLbfgs(
  fg: ValueAndGradient,
  x0: Float64Array,
  opts: LbfgsOptions = {},
): Promise<LbfgsResult> {
  const n = x0.length;
  const m = Math.max(1, Math.floor(opts.memory ?? 10));
  const gradTol = opts.gradTol ?? 1e-5;
  const maxIter = opts.maxIter ?? 1000;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xt = new Float64Array(n); // trial point of the line search
  const gt = new Float64Array(n);
  const xb = new Float64Array(n); // best acceptable trial so far (zoom's α_lo)
  const gb = new Float64Array(n);
  const S = new Float64Array(m * n); // sₖ = xₖ₊₁ − xₖ, ring buffer of rows
  const Y = new Float64Array(m * n); // yₖ = gₖ₊₁ − gₖ
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let stored = 0;
  let head = 0; // slot of the next pair
  let gamma = 1;
  let evaluations = 1;
  let f = fg(x, g);
  let gradNorm = normInf(g);
  let iter = 0;
  const done = (converged: boolean): LbfgsResult => ({ x, f, iterations: iter, evaluations, converged, gradNorm });
  if (!Number.isFinite(f) || !Number.isFinite(gradNorm)) return done(false);

  const precondition = opts.precondition;
  const py = new Float64Array(precondition ? n : 0); // P·y for the scale of H₀
  // d = −H g by the two-loop recursion from H₀ = γI (γ = sᵀy / yᵀy of the newest pair), or γP
  const direction = (): void => {
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = 0; k < stored; k++) {
      const slot = (head - 1 - k + m) % m;
      alpha[slot] = rho[slot] * dot(S, d, slot * n);
      const a = alpha[slot];
      for (let i = 0, o = slot * n; i < n; i++) d[i] -= a * Y[o + i];
    }
    if (precondition) precondition(d);
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = stored - 1; k >= 0; k--) {
      const slot = (head - 1 - k + m) % m;
      const beta = rho[slot] * dot(Y, d, slot * n);
      const c = alpha[slot] - beta;
      for (let i = 0, o = slot * n; i < n; i++) d[i] += c * S[o + i];
    }
  };

  // φ(a) = f(x + a·d): evaluates into xt, gt; returns [φ, φ'] through the two slots
  const trial = { f: 0, d: 0 };
  const evaluate = (a: number): void => {
    for (let i = 0; i < n; i++) xt[i] = x[i] + a * d[i];
    trial.f = fg(xt, gt);
    trial.d = dot(gt, d);
    evaluations++;
  };

  // moves to (xs, gs, fs), storing the pair (s, y) when sᵀy > 0 (keeps H positive definite)
  const accept = (xs: Float64Array, gs: Float64Array, fs: number): void => {
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const s = xs[i] - x[i];
      const yv = gs[i] - g[i];
      sy += s * yv;
      yy += yv * yv;
    }
    if (sy > 1e-12 * yy && yy > 0) {
      for (let i = 0, o = head * n; i < n; i++) {
        S[o + i] = xs[i] - x[i];
        Y[o + i] = gs[i] - g[i];
      }
      rho[head] = 1 / sy;
      if (precondition) {
        // H₀ = γP with γ = sᵀy / yᵀPy: 1 when P is the inverse Hessian, and it rescues a P of the wrong scale
        for (let i = 0, o = head * n; i < n; i++) py[i] = Y[o + i];
        precondition(py);
        const ypy = dot(Y, py, head * n);
        gamma = ypy > 0 && Number.isFinite(ypy) ? sy / ypy : 1;
      } else gamma = sy / yy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    x.set(xs);
    g.set(gs);
    f = fs;
  };

  // strong-Wolfe line search (N&W Alg. 3.5 + zoom 3.6); true when a step was taken
  const lineSearch = (a1: number, d0: number): boolean => {
    const f0 = f;
    const noise = F_NOISE * Math.abs(f0);
    // Armijo, or (when f is in the noise) the slope form (2c₁ − 1)φ'(0) ≥ φ'(a) of Hager & Zhang
    const decreases = (a: number, fa: number, da: number): boolean =>
      fa <= f0 + C1 * a * d0 || (fa <= f0 + noise && da <= (2 * C1 - 1) * d0);
    const curvature = (da: number): boolean => Math.abs(da) <= -C2 * d0;
    let lo = 0, flo = f0, dlo = d0; // best step satisfying sufficient decrease (α_lo)
    let hi = NaN, fhi = NaN, dhi = NaN; // the other end of the bracket once there is one
    let a = a1;
    let haveBest = false;
    for (let k = 0; k < MAX_LINE_SEARCH; k++) {
      evaluate(a);
      const fa = trial.f, da = trial.d;
      const finite = Number.isFinite(fa) && Number.isFinite(da);
      if (finite && decreases(a, fa, da) && curvature(da)) {
        accept(xt, gt, fa);
        return true;
      }
      const pa = lo, pf = flo, pd = dlo;
      if (!finite || !decreases(a, fa, da) || fa > flo + noise) {
        hi = a; fhi = finite ? fa : NaN; dhi = da;
      } else {
        if (Number.isNaN(hi) ? da >= 0 : da * (hi - lo) >= 0) {
          hi = lo; fhi = flo; dhi = dlo;
        }
        lo = a; flo = fa; dlo = da;
        xb.set(xt);
        gb.set(gt);
        haveBest = true;
      }
      if (Number.isNaN(hi)) {
        // still descending past a: extrapolate within Moré–Thuente's [a + 1.1Δ, a + 4Δ]
        const step = a - pa;
        const c = cubicMin(pa, pf, pd, a, fa, da);
        a = Number.isFinite(c) ? Math.min(Math.max(c, a + 1.1 * step), a + 4 * step) : a + 4 * step;
        continue;
      }
      // zoom between lo and hi
      if (Math.abs(hi - lo) <= 1e-16 * Math.max(Math.abs(lo), Math.abs(hi))) break;
      a = interpolate(lo, flo, dlo, hi, fhi, dhi);
    }
    // no point met both conditions: still move to the best decreasing point (no pair if sᵀy ≤ 0)
    if (haveBest && flo < f0) {
      accept(xb, gb, flo);
      return true;
    }
    return false;
  };

  while (gradNorm > gradTol) {
    if (iter >= maxIter) return done(false);
    let fresh = stored === 0;
    direction();
    let d0 = dot(g, d);
    if (!(d0 < 0) || !Number.isFinite(d0)) {
      stored = 0; // not a descent direction: restart from −H₀g, or steepest descent if that fails too
      fresh = true;
      direction();
      d0 = dot(g, d);
      if (!(d0 < 0) || !Number.isFinite(d0)) {
        for (let i = 0; i < n; i++) d[i] = -g[i];
        d0 = dot(g, d);
      }
    }
    // a fresh start tries a unit-length step unless H₀ is a real preconditioner (then −H₀g is Newton-like)
    const a1 = fresh && !precondition ? 1 / Math.sqrt(dot(d, d)) : 1;
    if (!lineSearch(a1, d0)) {
      if (!fresh) {
        stored = 0; // retry once along the steepest descent
        continue;
      }
      return done(gradNorm <= TINY_GRADIENT * Math.max(1, Math.abs(f)));
    }
    iter++;
    gradNorm = normInf(g);
    if (!Number.isFinite(f) || !Number.isFinite(gradNorm)) return done(false);
    if (opts.onIteration) await opts.onIteration({ iter, f, gradNorm });
  }
  return done(true);
}
