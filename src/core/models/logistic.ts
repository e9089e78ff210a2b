/**
 * L2-regularized logistic regression, as scikit-learn's LogisticRegression(penalty='l2'):
 *
 *   J(w, b) = ½‖w‖² + C·Σᵢ log(1 + exp(−yᵢ(wᵀxᵢ + b))),   yᵢ ∈ {−1, +1}, intercept b not penalized.
 *
 * The solver minimizes f = J / (C·n) (same optimum; the gradient tolerance then means the same
 * thing for 100 rows as for 10⁶) by L-BFGS. One evaluation of f and ∇f reads X once from memory:
 * rows are taken in blocks small enough that the block of every column stays in cache between the
 * margin pass and the gradient pass.
 *
 * Sparse columns (`X.sparse`, note terms) enter each block by sparse products (the block's rows of the CSR):
 * a pass costs the dense cells plus the non-zeros, and nothing is densified.
 *
 * On large tables a pass over X is what costs, so the fit first solves the same problem on an evenly
 * spaced sample of ~16k rows (cheap passes; its optimum lies within the sampling error of the full one),
 * then runs L-BFGS on all rows from there, preconditioned by the sample's exact Hessian at that point:
 * the first step is already Newton-like, and the L-BFGS pairs correct the sample's error. At 800k × 35
 * this takes 5–6 passes instead of ~19. The stopping rule (‖∇f‖∞ on all rows) is the same either way.
 */
import { choleskyInPlace, choleskySolve } from '../linalg/cholesky';
import { addProduct, addSparseProduct, addSparseTransposeProduct, checkShape, denseCols, gatherBlock, selectRows, type ColMajor, type Floats } from '../linalg/matrix';
import type { RunContext } from '../util/run-context';
import { minimizeLbfgs, type ValueAndGradient } from './optim/lbfgs';

export interface LogisticFit {
  coef: Float64Array;
  intercept: number;
  iterations: number;
  converged: boolean;
  /** J(w, b) / n at the returned point: mean log-loss plus ‖w‖² / (2·C·n). */
  loss: number;
  /** Evaluations of f and ∇f on all rows (one pass over X each); the sample's evaluations are not counted. */
  evaluations: number;
  /** Rows of the sample the fit started from, when it did (see the file comment). */
  sampleRows?: number;
}

export interface LogisticOptions {
  /** Inverse regularization strength (scikit-learn's C), > 0. */
  C: number;
  /** Stop when ‖∇(J / (C·n))‖∞ ≤ gradTol; default 1e-8 (within ~1e-6 of the optimum on the reference data sets). */
  gradTol?: number;
  maxIter?: number;
  /** Rows of the warm-start sample (default 16384); the sample is used only where the cost model says it pays. */
  sampleRows?: number;
  ctx?: RunContext;
}

/** Bytes of X per row block: the block of every column must stay in L2 between the two passes. */
const BLOCK_BYTES = 1 << 19;
/** Rows per softplus product: Π(1 + e) ≤ 2^256 cannot overflow. */
const LOG_CHUNK = 256;

/** 2^−k for k < 1100 (0 from k = 1075 on) and 2^(−j/64) for j < 64: the tables of `expNeg`. */
const POW2 = new Float64Array(1100);
POW2[0] = 1;
for (let k = 1; k < POW2.length; k++) POW2[k] = POW2[k - 1] * 0.5;
const POW2_64 = Float64Array.from({ length: 64 }, (_, j) => Math.pow(2, -j / 64));
const LN2_64_HI = 6.9314718036912381649e-1 / 64; // fdlibm's ln 2 split: N·HI is exact for N < 2^21
const LN2_64_LO = 1.9082149292705877e-10 / 64;

// e^−a for a ≥ 0 (NaN → NaN), ≤ 2 ulp: a = N·ln2/64 + r, e^−a = 2^−(N>>6)·2^−(N&63)/64·e^−r, e^−r by Taylor (r < 0.011).
// Three times faster than Math.exp in V8, and the loss loop runs it once per row and evaluation.
function expNeg(a0: number): number {
  const a = a0 > 760 ? 760 : a0;
  const N = (a * (64 / Math.LN2)) | 0;
  const r = a - N * LN2_64_HI - N * LN2_64_LO;
  const p = 1 - r * (1 - r * (0.5 - r * (1 / 6 - r * (1 / 24 - r * (1 / 120 - r * (1 / 720))))));
  return p * POW2_64[N & 63] * POW2[N >> 6];
}

// rows per block for p columns: ~BLOCK_BYTES of X, a multiple of LOG_CHUNK, at least LOG_CHUNK
function blockRows(p: number): number {
  const rows = Math.floor(BLOCK_BYTES / (8 * Math.max(1, p)) / LOG_CHUNK) * LOG_CHUNK;
  return Math.max(LOG_CHUNK, Math.min(8192, rows));
}

// z[k] += Σⱼ wⱼ·X[i0 + k, j] for k < len: eight columns per sweep over z, then four, then one. The terms are
// added one after the other in column order (left to right), as the sparse columns' are after them
// (linalg/matrix.ts): the margins of a sparse design are those of its dense twin to the bit.
function addMargins(z: Float64Array, data: Floats, n: number, i0: number, len: number, w: Float64Array, p: number): void {
  let j = 0;
  for (; j + 7 < p; j += 8) {
    const w0 = w[j], w1 = w[j + 1], w2 = w[j + 2], w3 = w[j + 3], w4 = w[j + 4], w5 = w[j + 5], w6 = w[j + 6], w7 = w[j + 7];
    const o0 = j * n + i0, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n, o4 = o3 + n, o5 = o4 + n, o6 = o5 + n, o7 = o6 + n;
    for (let k = 0; k < len; k++) {
      z[k] = z[k] + w0 * data[o0 + k] + w1 * data[o1 + k] + w2 * data[o2 + k] + w3 * data[o3 + k] +
        w4 * data[o4 + k] + w5 * data[o5 + k] + w6 * data[o6 + k] + w7 * data[o7 + k];
    }
  }
  for (; j + 3 < p; j += 4) {
    const w0 = w[j], w1 = w[j + 1], w2 = w[j + 2], w3 = w[j + 3];
    const o0 = j * n + i0, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    for (let k = 0; k < len; k++) z[k] = z[k] + w0 * data[o0 + k] + w1 * data[o1 + k] + w2 * data[o2 + k] + w3 * data[o3 + k];
  }
  for (; j < p; j++) {
    const wj = w[j], o = j * n + i0;
    for (let k = 0; k < len; k++) z[k] += wj * data[o + k];
  }
}

// grad[j] += Σₖ X[i0 + k, j]·r[k] for every column j (each sum over the block's rows in order, then added to
// grad[j]): eight dot products per sweep over r, then four, then one
function addGradient(r: Float64Array, data: Floats, n: number, i0: number, len: number, grad: Float64Array, p: number): void {
  let j = 0;
  for (; j + 7 < p; j += 8) {
    const o0 = j * n + i0, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n, o4 = o3 + n, o5 = o4 + n, o6 = o5 + n, o7 = o6 + n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let k = 0; k < len; k++) {
      const v = r[k];
      s0 += data[o0 + k] * v; s1 += data[o1 + k] * v; s2 += data[o2 + k] * v; s3 += data[o3 + k] * v;
      s4 += data[o4 + k] * v; s5 += data[o5 + k] * v; s6 += data[o6 + k] * v; s7 += data[o7 + k] * v;
    }
    grad[j] += s0; grad[j + 1] += s1; grad[j + 2] += s2; grad[j + 3] += s3;
    grad[j + 4] += s4; grad[j + 5] += s5; grad[j + 6] += s6; grad[j + 7] += s7;
  }
  for (; j + 3 < p; j += 4) {
    const o0 = j * n + i0, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = 0; k < len; k++) {
      const v = r[k];
      s0 += data[o0 + k] * v; s1 += data[o1 + k] * v; s2 += data[o2 + k] * v; s3 += data[o3 + k] * v;
    }
    grad[j] += s0; grad[j + 1] += s1; grad[j + 2] += s2; grad[j + 3] += s3;
  }
  for (; j < p; j++) {
    const o = j * n + i0;
    let s = 0;
    for (let k = 0; k < len; k++) s += data[o + k] * r[k];
    grad[j] += s;
  }
}

/**
 * f(w,b) = (1/n)·Σᵢ softplus(−sᵢmᵢ) + ‖w‖²/(2Cn), mᵢ = wᵀxᵢ + b, sᵢ = 2tᵢ − 1;
 * ∇f = ((1/n)·Xᵀr + w/(Cn), (1/n)·Σᵢ rᵢ) with rᵢ = σ(mᵢ) − tᵢ. Parameters are [w₀ … w_{p−1}, b].
 */
export function logisticObjective(X: ColMajor, t: Uint8Array, C: number): ValueAndGradient {
  const n = X.rows;
  const p = X.cols;
  const d = denseCols(X); // columns 0 … d − 1 are read from `data`, the rest from the CSR
  const data = X.data;
  // blocks sized by all p columns, sparse ones too (smaller blocks than their storage needs): a block's sums
  // are added to ∇f as a whole, so a sparse design must be cut where its dense twin is to give the same bits
  const B = Math.min(blockRows(p), Math.ceil(n / LOG_CHUNK) * LOG_CHUNK);
  const z = new Float64Array(B); // margins of the block, then its residuals
  const gs = new Float64Array(p); // the block's Xᵀr over the sparse columns, added to grad as addGradient adds its sums
  const invN = 1 / n;
  const invCN = 1 / (C * n);
  return (x, grad) => {
    const b = x[p];
    grad.fill(0);
    let gb = 0;
    let hinge = 0; // Σ 2·max(uᵢ, 0)
    let logs = 0; // Σ log(1 + exp(−|mᵢ|))
    for (let i0 = 0; i0 < n; i0 += B) {
      const len = Math.min(B, n - i0);
      z.fill(b, 0, len);
      addMargins(z, data, n, i0, len, x, d);
      addSparseProduct(X, x, z, i0, i0 + len);
      // softplus(u) = max(u, 0) + log(1 + e^−|u|) with one log per LOG_CHUNK rows: Σlog(1+eₖ) = log Π(1+eₖ)
      for (let c0 = 0; c0 < len; c0 += LOG_CHUNK) {
        const c1 = Math.min(len, c0 + LOG_CHUNK);
        let prod = 1;
        for (let k = c0; k < c1; k++) {
          const m = z[k];
          const tk = t[i0 + k];
          const u = m - 2 * tk * m; // loss term softplus(u) with u = −sᵢmᵢ
          const e = expNeg(Math.abs(m));
          const ope = 1 + e;
          prod *= ope;
          hinge += u + Math.abs(u); // 2·max(u, 0), branch-free
          // σ(m) − t with σ(m) = ½ + ½·sign(m)·(1 − e)/(1 + e): branch-free, absolute error ~1e-16
          const r = 0.5 + (0.5 * Math.sign(m) * (1 - e)) / ope - tk;
          z[k] = r;
          gb += r;
        }
        logs += Math.log(prod);
      }
      addGradient(z, data, n, i0, len, grad, d);
      if (d < p) {
        gs.fill(0, d, p);
        addSparseTransposeProduct(X, z, gs, i0, i0 + len);
        for (let j = d; j < p; j++) grad[j] += gs[j];
      }
    }
    let ww = 0;
    for (let j = 0; j < p; j++) {
      ww += x[j] * x[j];
      grad[j] = grad[j] * invN + x[j] * invCN;
    }
    grad[p] = gb * invN;
    return (0.5 * hinge + logs) * invN + 0.5 * ww * invCN;
  };
}

/** Rows of the warm-start sample by default. */
const SAMPLE_ROWS = 16384;
/** Iterations allowed for the sample fit: a sample that needs more (e.g. one it separates) is not a good start. */
const SAMPLE_MAX_ITER = 200;

// Stride of the warm-start sample, or 0 when fitting on all rows from the start does less arithmetic. In
// multiply-adds: ~20 evaluations of 2nq from the start, against ~20 on the m sampled rows, the sample's
// Hessian (mq²/2) and ~6 evaluations on all rows (measured at 800k × 35: 18 sample iterations, a 17 ms
// Hessian, 6 evaluations on all rows). q counts sparse columns as dense ones: a pass over them costs less,
// which favours the sample a little too much, but a sparse design then takes the path its dense twin takes
// (and gives the same bits).
function sampleStride(n: number, q: number, rows: number): number {
  if (!(rows >= 1) || n < 4 * rows) return 0;
  const stride = Math.floor(n / rows);
  const m = Math.ceil(n / stride);
  return 40 * n * q > 40 * m * q + (m * q * q) / 2 + 12 * n * q ? stride : 0;
}

// rows 0, stride, 2·stride, … of X (the sparse part kept sparse) and y
function sampleRows(X: ColMajor, y: Uint8Array, stride: number): { S: ColMajor; t: Uint8Array } {
  const m = Math.ceil(X.rows / stride);
  const rows = Int32Array.from({ length: m }, (_, k) => k * stride);
  return { S: selectRows(X, rows), t: Uint8Array.from(rows, (i) => y[i]) };
}

/** Doubles per row block of the sample's Hessian (256 KB: the block's columns stay in L2 across the q²/2 dot products). */
const HESSIAN_BLOCK = 1 << 15;

/**
 * Hessian of f on the rows of S at x = [w, b], H = (1/m)·X̃ᵀDX̃ + λ·diag(1, …, 1, 0) with X̃ = [X 1],
 * D = diag(σ(mᵢ)(1 − σ(mᵢ))) and λ = 1/(Cn): lower triangle, row-major (q × q, q = p + 1). Summed over
 * dense row blocks of S (`gatherBlock`), so sparse columns are densified a block at a time only.
 */
export function logisticHessian(S: ColMajor, x: Float64Array, lambda: number): Float64Array {
  const m = S.rows, p = S.cols, q = p + 1;
  const w = decisionFunction(S, x.subarray(0, p), x[p]);
  for (let k = 0; k < m; k++) {
    const e = Math.exp(-Math.abs(w[k]));
    w[k] = e / ((1 + e) * (1 + e) * m); // σ(1 − σ) = e^−|z| / (1 + e^−|z|)², divided by m
  }
  const B = Math.max(1, Math.min(m, Math.floor(HESSIAN_BLOCK / q)));
  const blk = new Float64Array(B * q); // the block's columns, len apart, the intercept's ones last
  const H = new Float64Array(q * q);
  const v = new Float64Array(B);
  for (let i0 = 0; i0 < m; i0 += B) {
    const len = Math.min(B, m - i0);
    gatherBlock(S, null, i0, len, blk);
    blk.fill(1, p * len, q * len);
    for (let a = 0; a < q; a++) {
      const ca = a * len;
      for (let k = 0; k < len; k++) v[k] = w[i0 + k] * blk[ca + k];
      let b = 0;
      for (; b + 3 <= a; b += 4) {
        const c0 = b * len, c1 = c0 + len, c2 = c1 + len, c3 = c2 + len;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let k = 0; k < len; k++) {
          const vk = v[k];
          s0 += vk * blk[c0 + k]; s1 += vk * blk[c1 + k]; s2 += vk * blk[c2 + k]; s3 += vk * blk[c3 + k];
        }
        H[a * q + b] += s0; H[a * q + b + 1] += s1; H[a * q + b + 2] += s2; H[a * q + b + 3] += s3;
      }
      for (; b <= a; b++) {
        const cb = b * len;
        let s0 = 0;
        for (let k = 0; k < len; k++) s0 += v[k] * blk[cb + k];
        H[a * q + b] += s0;
      }
    }
  }
  for (let j = 0; j < p; j++) H[j * q + j] += lambda;
  return H;
}

/** Fits w, b minimizing J (see the file comment). y: 1 = event, 0 = no event. */
export async function fitLogisticL2(X: ColMajor, y: Uint8Array, opts: LogisticOptions): Promise<LogisticFit> {
  const n = X.rows;
  const p = X.cols;
  if (n === 0) throw new Error('fitLogisticL2: no rows');
  if (y.length !== n) throw new Error(`fitLogisticL2: ${y.length} labels for ${n} rows`);
  checkShape(X, 'fitLogisticL2');
  if (!(opts.C > 0) || !Number.isFinite(opts.C)) throw new Error(`fitLogisticL2: C must be finite and > 0, got ${opts.C}`);
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] > 1) throw new Error(`fitLogisticL2: label ${y[i]} at row ${i} is not 0/1`);
    events += y[i];
  }
  // one class only: the unpenalized intercept runs to ±∞ (scikit-learn refuses too)
  if (events === 0 || events === n) throw new Error('fitLogisticL2: both classes (0 and 1) must occur');
  const gradTol = opts.gradTol ?? 1e-8;
  const maxIter = opts.maxIter ?? 1000;
  const ctx = opts.ctx;
  const x0 = new Float64Array(p + 1);
  x0[p] = Math.log(events / (n - events)); // b = logit(ȳ): the optimum for w = 0

  // progress: [from, to) of the bar, as the share of the way from the first gradient to gradTol on a log scale
  let progress = 0;
  const report = (from: number, to: number) => {
    if (!ctx) return undefined;
    let g0 = 0;
    return ({ iter, gradNorm }: { iter: number; gradNorm: number }) => {
      if (iter === 1) g0 = gradNorm * 2;
      const frac = Math.max(Math.min(1, Math.max(0, Math.log(g0 / gradNorm) / Math.log(g0 / gradTol))), iter / maxIter);
      progress = Math.max(progress, Math.min(0.99, from + (to - from) * frac));
      return ctx.checkpoint(progress);
    };
  };

  const fg = logisticObjective(X, y, opts.C);
  const stride = sampleStride(n, p + 1, opts.sampleRows ?? SAMPLE_ROWS);
  let start: Float64Array = x0;
  let precondition: ((v: Float64Array) => void) | undefined;
  let sampled: number | undefined;
  if (stride > 0) {
    // the same f on the sample: C scaled by n/m keeps the penalty ‖w‖²/(2Cn) per mean loss
    const { S, t } = sampleRows(X, y, stride);
    let sEvents = 0;
    for (let k = 0; k < t.length; k++) sEvents += t[k];
    if (sEvents > 0 && sEvents < t.length) {
      const warm = await minimizeLbfgs(logisticObjective(S, t, (opts.C * n) / S.rows), x0, {
        gradTol,
        maxIter: SAMPLE_MAX_ITER,
        onIteration: report(0, 0.2),
      });
      const at = warm.converged ? warm.x : x0;
      const H = logisticHessian(S, at, 1 / (opts.C * n));
      if (choleskyInPlace(H, p + 1)) {
        start = at;
        precondition = (v) => void choleskySolve(H, p + 1, v);
        sampled = S.rows;
      }
    }
  }
  let res = await minimizeLbfgs(fg, start, { gradTol, maxIter, precondition, onIteration: report(precondition ? 0.2 : 0, 1) });
  let iterations = res.iterations;
  let evaluations = res.evaluations;
  if (precondition && !res.converged) {
    // insurance against a sample unlike the table: plain L-BFGS for the iterations left
    const from = res.x.every(Number.isFinite) ? res.x : x0;
    res = await minimizeLbfgs(fg, from, { gradTol, maxIter: Math.max(1, maxIter - iterations), onIteration: report(0, 1) });
    iterations += res.iterations;
    evaluations += res.evaluations;
  }
  const coef = res.x.slice(0, p);
  const intercept = res.x[p];
  const finite = Number.isFinite(res.f) && Number.isFinite(res.gradNorm) && coef.every(Number.isFinite) && Number.isFinite(intercept);
  return {
    coef,
    intercept,
    iterations,
    evaluations,
    converged: res.converged && finite,
    loss: res.f * opts.C,
    ...(sampled !== undefined ? { sampleRows: sampled } : {}),
  };
}

/** Margins mᵢ = wᵀxᵢ + b: column by column over the dense columns, row by row over the sparse ones. */
export function decisionFunction(X: ColMajor, coef: Float64Array, intercept: number): Float64Array {
  if (coef.length !== X.cols) throw new Error(`decisionFunction: ${coef.length} coefficients for ${X.cols} columns`);
  const out = new Float64Array(X.rows).fill(intercept);
  addProduct(X, coef, out);
  return out;
}

/** P(event | xᵢ) = σ(mᵢ) = 1 / (1 + e^−mᵢ), evaluated without overflow for either sign of mᵢ. */
export function predictProba(X: ColMajor, coef: Float64Array, intercept: number): Float64Array {
  const m = decisionFunction(X, coef, intercept);
  for (let i = 0; i < m.length; i++) {
    const v = m[i];
    const e = Math.exp(-Math.abs(v));
    m[i] = v >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
  return m;
}
