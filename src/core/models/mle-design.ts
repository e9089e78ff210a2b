/**
 * The row-blocked passes of models/logistic-mle.ts over the design A = [X_S 1] (S: the columns kept in
 * the fit, intercept last). A block of rows of every kept column is copied into a contiguous scratch
 * (small enough to stay in cache), and all sums of the block are formed from it: each pass reads X once.
 * Sparse columns of X (`X.sparse`, note terms) are scattered into the same block from the block's rows of
 * the CSR, so everything after `loadBlock` is the same arithmetic whether a column is stored dense or
 * sparse, and X is never densified beyond a block.
 */
import { denseCols, type ColMajor } from '../linalg/matrix';

export interface Design {
  n: number;
  /** Kept columns (indices into X), q of them; the system has m = q + 1 unknowns, intercept last. */
  cols: Int32Array;
  q: number;
  m: number;
  X: ColMajor;
  /** X's dense columns, the first `dense` (X.data, column-major). */
  dense: number;
  /** Per sparse column of X (numbered from the first): its position among the kept columns, or −1. */
  slot: Int32Array;
  y: Uint8Array;
  /** Rows per block, and the scratch: column j of the block at xb[j·B …]. */
  B: number;
  xb: Float64Array;
  eta: Float64Array;
  w: Float64Array;
  r: Float64Array;
  /** Two weighted columns of the block: w·xⱼ at wx[0 …], w·xⱼ₊₁ at wx[B …]. */
  wx: Float64Array;
}

export function makeDesign(X: ColMajor, y: Uint8Array, cols: number[]): Design {
  const q = cols.length;
  const B = Math.max(64, Math.min(4096, Math.floor(32768 / Math.max(1, q))));
  const b = Math.min(B, X.rows);
  const dense = denseCols(X);
  const slot = new Int32Array(X.sparse?.cols ?? 0).fill(-1);
  cols.forEach((c, j) => {
    if (c >= dense) slot[c - dense] = j;
  });
  return {
    n: X.rows, cols: Int32Array.from(cols), q, m: q + 1, X, dense, slot, y, B: b,
    xb: new Float64Array(q * b), eta: new Float64Array(b), w: new Float64Array(b), r: new Float64Array(b), wx: new Float64Array(2 * b),
  };
}

// xb[j·B + k] = X[i0 + k, cols[j]] − shift[j] for k < len; a sparse column's zeros become 0 − shift[j]
// (as a stored 0 would), then its non-zeros in the block's rows are scattered in
export function loadBlock(d: Design, i0: number, len: number, shift: Float64Array | null): void {
  const { X, xb, B } = d;
  const data = X.data;
  for (let j = 0; j < d.q; j++) {
    const c = d.cols[j], t = j * B, s = shift ? shift[j] : 0;
    if (c >= d.dense) {
      xb.fill(0 - s, t, t + len);
      continue;
    }
    const o = c * d.n + i0;
    for (let k = 0; k < len; k++) xb[t + k] = data[o + k] - s;
  }
  const sp = X.sparse;
  if (!sp) return;
  for (let k = 0; k < len; k++) {
    for (let e = sp.rowStart[i0 + k], end = sp.rowStart[i0 + k + 1]; e < end; e++) {
      const j = d.slot[sp.colIndex[e]];
      if (j >= 0) xb[j * B + k] = sp.values[e] - (shift ? shift[j] : 0);
    }
  }
}

/**
 * One pass over the CSR: `visit(j, v, i)` for every stored non-zero v (row i) of a kept sparse column, j its
 * position among the kept columns; values of one column come in ascending rows. Returns how many non-zeros
 * each kept column has per class (count[2j + yᵢ]; 0 for dense columns), so that callers can account for the
 * zeros they did not see.
 */
export function visitSparse(d: Design, visit: (j: number, v: number, i: number) => void): Int32Array {
  const count = new Int32Array(2 * d.q);
  const sp = d.X.sparse;
  if (!sp || !d.slot.some((j) => j >= 0)) return count;
  for (let i = 0; i < d.n; i++) {
    for (let e = sp.rowStart[i]; e < sp.rowStart[i + 1]; e++) {
      const j = d.slot[sp.colIndex[e]];
      if (j < 0) continue;
      count[2 * j + d.y[i]]++;
      visit(j, sp.values[e], i);
    }
  }
  return count;
}

// H[j,k] += Σ w·xⱼ·xₖ for k ≤ j < m over the block (column q is the constant 1); lower triangle only.
// Rows j and j + 1 of H are formed together, four columns at a time: each sweep over the block reads two
// weighted columns and four others for eight sums. Every entry is still one sum over the block's rows in
// order, added to H once, so H is the same to the bit as with one entry at a time.
function addBlockHessian(d: Design, len: number, h: Float64Array): void {
  const { q, m, B, xb, w, wx } = d;
  let j = 0;
  for (; j + 1 < q; j += 2) {
    const oj = j * B, oj1 = oj + B;
    for (let k = 0; k < len; k++) {
      wx[k] = w[k] * xb[oj + k];
      wx[B + k] = w[k] * xb[oj1 + k];
    }
    const row = j * m, row1 = row + m;
    let c = 0;
    for (; c + 3 <= j; c += 4) {
      const o0 = c * B, o1 = o0 + B, o2 = o1 + B, o3 = o2 + B;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let k = 0; k < len; k++) {
        const u = wx[k], v = wx[B + k];
        const x0 = xb[o0 + k], x1 = xb[o1 + k], x2 = xb[o2 + k], x3 = xb[o3 + k];
        s0 += u * x0; s1 += u * x1; s2 += u * x2; s3 += u * x3;
        t0 += v * x0; t1 += v * x1; t2 += v * x2; t3 += v * x3;
      }
      h[row + c] += s0; h[row + c + 1] += s1; h[row + c + 2] += s2; h[row + c + 3] += s3;
      h[row1 + c] += t0; h[row1 + c + 1] += t1; h[row1 + c + 2] += t2; h[row1 + c + 3] += t3;
    }
    for (; c <= j; c++) {
      const oc = c * B;
      let s = 0, t = 0;
      for (let k = 0; k < len; k++) {
        const x = xb[oc + k];
        s += wx[k] * x;
        t += wx[B + k] * x;
      }
      h[row + c] += s;
      h[row1 + c] += t;
    }
    let s = 0, t = 0, dd = 0; // H[j+1, j+1], and the intercept's row
    for (let k = 0; k < len; k++) {
      const v = wx[B + k];
      dd += v * xb[oj1 + k];
      s += wx[k];
      t += v;
    }
    h[row1 + j + 1] += dd;
    h[q * m + j] += s;
    h[q * m + j + 1] += t;
  }
  for (; j < q; j++) { // the last row when q is odd
    const oj = j * B;
    for (let k = 0; k < len; k++) wx[k] = w[k] * xb[oj + k];
    const row = j * m;
    let c = 0;
    for (; c + 3 <= j; c += 4) {
      const o0 = c * B, o1 = o0 + B, o2 = o1 + B, o3 = o2 + B;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < len; k++) {
        const u = wx[k];
        s0 += u * xb[o0 + k]; s1 += u * xb[o1 + k]; s2 += u * xb[o2 + k]; s3 += u * xb[o3 + k];
      }
      h[row + c] += s0; h[row + c + 1] += s1; h[row + c + 2] += s2; h[row + c + 3] += s3;
    }
    for (; c <= j; c++) {
      const oc = c * B;
      let s = 0;
      for (let k = 0; k < len; k++) s += wx[k] * xb[oc + k];
      h[row + c] += s;
    }
    let s = 0;
    for (let k = 0; k < len; k++) s += wx[k];
    h[q * m + j] += s;
  }
  let s = 0;
  for (let k = 0; k < len; k++) s += w[k];
  h[q * m + q] += s;
}

// mirrors the lower triangle of a row-major m×m matrix into the upper one
export function symmetrize(h: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) h[j * m + i] = h[i * m + j];
}

/** G = (X_S − 1cᵀ)ᵀ(X_S − 1cᵀ), c the column means (q×q, row-major), and the means themselves. */
// cᵢ = (1/n)·Σ xᵢ; Gⱼₖ = Σᵢ (xᵢⱼ − cⱼ)(xᵢₖ − cₖ): centring before the products keeps G accurate for any offset
export function centeredGram(d: Design): { gram: Float64Array; mean: Float64Array } {
  const { n, q, m } = d;
  // Σᵢ xᵢⱼ in ascending rows; a sparse column adds its non-zeros in the same order (adding its zeros would
  // change nothing), so the means are the same to the bit either way
  const mean = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    if (d.cols[j] >= d.dense) continue;
    const o = d.cols[j] * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += d.X.data[o + i];
    mean[j] = s;
  }
  visitSparse(d, (j, v) => void (mean[j] += v));
  for (let j = 0; j < q; j++) mean[j] /= n;
  const h = new Float64Array(m * m);
  d.w.fill(1);
  for (let i0 = 0; i0 < n; i0 += d.B) {
    const len = Math.min(d.B, n - i0);
    loadBlock(d, i0, len, mean);
    addBlockHessian(d, len, h);
  }
  const gram = new Float64Array(q * q);
  for (let j = 0; j < q; j++) for (let k = 0; k <= j; k++) gram[j * q + k] = gram[k * q + j] = h[j * m + k];
  return { gram, mean };
}

export interface Evaluation {
  /** ℓ(θ) = Σᵢ [yᵢηᵢ − log(1 + e^ηᵢ)] ≤ 0. */
  logLik: number;
  maxAbsEta: number;
  /** minᵢ sᵢηᵢ with sᵢ = 2yᵢ − 1: > 0 when θ classifies every row correctly. */
  minMargin: number;
}

/**
 * ℓ(θ), and when asked the gradient g = ∇ℓ = Aᵀ(y − μ) and the negative Hessian H = AᵀWA (W = diag μᵢ(1 − μᵢ)),
 * with μ = σ(η) and each row's terms from e = e^(−|η|) only: log(1 + e^(−sη)) = max(−sη, 0) + log1p(e),
 * y − μ = s·σ(−sη), μ(1 − μ) = e/(1 + e)². No overflow and no cancellation for any η.
 */
// ℓ = −Σᵢ softplus(−sᵢηᵢ), g = Aᵀ(y − μ), H = AᵀWA in one pass over the rows
export function evaluate(d: Design, theta: Float64Array, g: Float64Array | null, h: Float64Array | null): Evaluation {
  const { n, q, m, B, xb, eta, w, r, y } = d;
  if (g) g.fill(0);
  if (h) h.fill(0);
  let ll = 0;
  let maxAbsEta = 0;
  let minMargin = Infinity;
  for (let i0 = 0; i0 < n; i0 += B) {
    const len = Math.min(B, n - i0);
    loadBlock(d, i0, len, null);
    eta.fill(theta[q], 0, len);
    for (let j = 0; j < q; j++) {
      const tj = theta[j], o = j * B;
      for (let k = 0; k < len; k++) eta[k] += tj * xb[o + k];
    }
    for (let k = 0; k < len; k++) {
      const v = eta[k];
      const s = 2 * y[i0 + k] - 1;
      const e = Math.exp(-Math.abs(v));
      const u = -s * v; // the row's loss is softplus(u)
      ll -= (u > 0 ? u : 0) + Math.log1p(e);
      r[k] = (s * (u > 0 ? 1 : e)) / (1 + e); // s·σ(u)
      w[k] = e / ((1 + e) * (1 + e));
      const a = Math.abs(v);
      if (a > maxAbsEta) maxAbsEta = a;
      if (-u < minMargin) minMargin = -u;
    }
    if (g) {
      for (let j = 0; j < q; j++) {
        const o = j * B;
        let s = 0;
        for (let k = 0; k < len; k++) s += r[k] * xb[o + k];
        g[j] += s;
      }
      let s = 0;
      for (let k = 0; k < len; k++) s += r[k];
      g[q] += s;
    }
    if (h) addBlockHessian(d, len, h);
  }
  if (h) symmetrize(h, m);
  return { logLik: ll, maxAbsEta, minMargin };
}

/**
 * Whether the direction δ (over [X_S 1]) separates the classes: uᵢ = sᵢ·δᵀaᵢ ≥ −τ·‖δ‖∞·‖aᵢ‖₁ for every row
 * (τ = 1e-8 absorbs the rounding of δ, the limit of Newton's steps, and of the products), with at least
 * one row strictly on its side. `complete` when no row lies on the hyperplane (|uᵢ| ≤ τ·‖δ‖∞·‖aᵢ‖₁).
 */
// certificate of (quasi-)complete separation: sᵢ·δᵀaᵢ ≥ 0 for all i, > 0 for some (all, if complete)
export function separates(d: Design, dir: Float64Array): { separated: boolean; complete: boolean } {
  const { n, q, B, xb, eta, w, y } = d;
  let dmax = 0;
  for (let j = 0; j <= q; j++) dmax = Math.max(dmax, Math.abs(dir[j]));
  if (!(dmax > 0) || !Number.isFinite(dmax)) return { separated: false, complete: false };
  const tau = 1e-8 * dmax;
  let strict = 0;
  for (let i0 = 0; i0 < n; i0 += B) {
    const len = Math.min(B, n - i0);
    loadBlock(d, i0, len, null);
    eta.fill(dir[q], 0, len);
    w.fill(1, 0, len); // ‖aᵢ‖₁, the intercept's 1 first
    for (let j = 0; j < q; j++) {
      const tj = dir[j], o = j * B;
      for (let k = 0; k < len; k++) {
        eta[k] += tj * xb[o + k];
        w[k] += Math.abs(xb[o + k]);
      }
    }
    for (let k = 0; k < len; k++) {
      const u = (2 * y[i0 + k] - 1) * eta[k];
      if (u < -tau * w[k]) return { separated: false, complete: false };
      if (u > tau * w[k]) strict++;
    }
  }
  return { separated: strict > 0, complete: strict === n };
}

/** Kept columns (indices into X) that alone put the classes apart: max over one class < (or ≤, when `ties`) min over the other. */
// column j separates alone if max{xᵢⱼ : yᵢ = 0} < min{xᵢⱼ : yᵢ = 1} or the reverse (≤ with ties allowed)
export function singleSeparators(d: Design, ties: boolean): number[] {
  const { X, y, n, q } = d;
  // per kept column: [min0, max0, min1, max1], the dense ones row by row, the sparse ones from their non-zeros
  const range = new Float64Array(4 * q);
  for (let j = 0; j < q; j++) {
    range.set([Infinity, -Infinity, Infinity, -Infinity], 4 * j);
    if (d.cols[j] >= d.dense) continue;
    const o = d.cols[j] * n;
    let min0 = Infinity, max0 = -Infinity, min1 = Infinity, max1 = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = X.data[o + i];
      if (y[i]) {
        if (v < min1) min1 = v;
        if (v > max1) max1 = v;
      } else {
        if (v < min0) min0 = v;
        if (v > max0) max0 = v;
      }
    }
    range.set([min0, max0, min1, max1], 4 * j);
  }
  const count = visitSparse(d, (j, v, i) => {
    const o = 4 * j + 2 * y[i];
    if (v < range[o]) range[o] = v;
    if (v > range[o + 1]) range[o + 1] = v;
  });
  // a sparse column's zeros: in class 0 unless each of its class-0 rows is a non-zero, likewise class 1
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  for (let j = 0; j < q; j++) {
    if (d.cols[j] < d.dense) continue;
    for (const [c, rows] of [[0, n - events], [1, events]]) {
      const o = 4 * j + 2 * c;
      if (count[2 * j + c] < rows) [range[o], range[o + 1]] = [Math.min(range[o], 0), Math.max(range[o + 1], 0)];
    }
  }
  const out: number[] = [];
  for (let j = 0; j < q; j++) {
    const [min0, max0, min1, max1] = range.subarray(4 * j, 4 * j + 4);
    if (max0 < min1 || max1 < min0 || (ties && (max0 <= min1 || max1 <= min0))) out.push(d.cols[j]);
  }
  return out;
}
