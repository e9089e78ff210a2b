/**
 * Step 2 of `svm.ts`: libsvm's SMO (Fan, Chen & Lin 2005) on a few rows of the full dual (with Σαᵢyᵢ = 0),
 * the other αᵢ fixed, w kept explicitly (linear kernel: no kernel matrix), plus a Newton step on the free
 * rows: SMO alone approaches the optimum only linearly, slowly for a large C. Also the state both steps share.
 */
import { denseCols, type ColMajor } from '../linalg/matrix';
import type { RunContext } from '../util/run-context';

const TAU = 1e-12; // libsvm's floor for a pair's curvature
const WORK_PER_CHECKPOINT = 1 << 22; // multiply-adds between checkpoints (~5 ms)

// Row-major copy of rows[0..m) of X, dense column by column (each column read forwards when the rows ascend),
// then the sparse columns' non-zeros row by row
function gather(X: ColMajor, rows: Int32Array, m: number): Float64Array {
  const { rows: n, cols: p, data } = X;
  const dense = denseCols(X), sp = X.sparse;
  const buf = new Float64Array(m * p);
  for (let j = 0; j < dense; j++) for (let k = 0, o = j * n; k < m; k++) buf[k * p + j] = data[o + rows[k]];
  if (sp) {
    for (let k = 0; k < m; k++) {
      for (let e = sp.rowStart[rows[k]]; e < sp.rowStart[rows[k] + 1]; e++) buf[k * p + dense + sp.colIndex[e]] = sp.values[e];
    }
  }
  return buf;
}

/** Shared state: α, w (= Σαᵢyᵢxᵢ after `settle`), the budget and the work done (for checkpoints). */
export class State {
  readonly alpha: Float64Array;
  readonly w: Float64Array;
  iterations = 0;
  work = 0;
  private lastCheck = 0;
  constructor(
    readonly X: ColMajor,
    readonly y: Uint8Array,
    readonly C: number,
    readonly maxIter: number,
    private readonly ctx: RunContext | undefined,
    public progress = 0,
  ) {
    this.alpha = new Float64Array(X.rows);
    this.w = new Float64Array(X.cols);
  }
  get spent(): boolean {
    return this.iterations >= this.maxIter;
  }
  async tick(force = false): Promise<void> {
    if (this.ctx && (force || this.work - this.lastCheck >= WORK_PER_CHECKPOINT)) {
      this.lastCheck = this.work;
      await this.ctx.checkpoint(this.progress);
    }
  }
  // w = Σαᵢyᵢxᵢ afresh, after αᵢ within 1e-12·C of a bound are put on it (as libsvm's clipping would) and Σαᵢyᵢ
  // is made 0 by moving free αᵢ first, then any (unless it is no more than the rounding and the snapping)
  settle(): void {
    const { alpha, y, C, X, w } = this;
    const n = X.rows;
    let r = 0, slack = 0;
    for (let i = 0; i < n; i++) {
      const a = alpha[i], s = a < 1e-12 * C ? 0 : a > C - 1e-12 * C ? C : a;
      alpha[i] = s;
      slack += Math.abs(s - a) + 1e-15 * s;
      r += y[i] ? s : -s;
    }
    if (Math.abs(r) <= slack) r = 0;
    for (let round = 0; round < 2 && r !== 0; round++) {
      for (let i = 0; i < n && r !== 0; i++) {
        const a = alpha[i];
        if (round === 0 && (a === 0 || a === C)) continue;
        const down = r > 0 === (y[i] === 1); // lowering αᵢ lowers Σαy when yᵢ = +1
        const move = Math.min(Math.abs(r), down ? a : C - a);
        alpha[i] = down ? a - move : a + move;
        r -= Math.sign(r) * move;
      }
    }
    // compensated (Neumaier) sums: for n = 10⁶ and C = 100, plain ones leave w ~1e-9 off, as much as tol
    const dense = denseCols(X);
    for (let j = 0; j < dense; j++) {
      let acc = 0, comp = 0;
      for (let i = 0, o = j * n; i < n; i++) {
        const v = X.data[o + i] * (y[i] ? alpha[i] : -alpha[i]), t = acc + v;
        comp += Math.abs(acc) >= Math.abs(v) ? acc - t + v : v - t + acc;
        acc = t;
      }
      w[j] = acc + comp;
    }
    // the sparse columns' sums over their non-zeros, in ascending rows: a zero term leaves acc and comp as they
    // are, so these are the dense sums to the bit
    const sp = X.sparse;
    if (sp) {
      const acc = new Float64Array(sp.cols), comp = new Float64Array(sp.cols);
      for (let i = 0; i < n; i++) {
        const ay = y[i] ? alpha[i] : -alpha[i];
        for (let e = sp.rowStart[i]; e < sp.rowStart[i + 1]; e++) {
          const c = sp.colIndex[e], a = acc[c], v = sp.values[e] * ay, t = a + v;
          comp[c] += Math.abs(a) >= Math.abs(v) ? a - t + v : v - t + a;
          acc[c] = t;
        }
      }
      for (let c = 0; c < sp.cols; c++) w[dense + c] = acc[c] + comp[c];
    }
    this.work += n * X.cols;
  }
}

/** The rows of step 2 as row-major data with their labels yₖ, αₖ, ‖xₖ‖² and vₖ = yₖ − wᵀxₖ (= −yₖ∇ₖ). */
interface Rows {
  m: number;
  p: number;
  R: Float64Array;
  Y: Float64Array;
  A: Float64Array;
  QD: Float64Array;
  V: Float64Array;
}

// Σ_c R[a + c]·R[b + c]: the inner product of two rows of R
const dot = (R: Float64Array, a: number, b: number, p: number): number => {
  let s = 0;
  for (let c = 0; c < p; c++) s += R[a + c] * R[b + c];
  return s;
};

// w += dw and vₖ −= xₖᵀdw for every row: the gradient update of both steps, O(m·p)
function move(r: Rows, w: Float64Array, dw: Float64Array): void {
  const { m, p, R, V } = r;
  for (let c = 0; c < p; c++) w[c] += dw[c];
  for (let k = 0; k < m; k++) {
    let d = 0;
    for (let c = 0, o = k * p; c < p; c++) d += R[o + c] * dw[c];
    V[k] -= d;
  }
}

// Newton step on the free rows F (Σαy fixed): stationary where K_FF·u + b·1 = v_F, 1ᵀu = 0, Δαₗ = yₗuₗ (all free
// rows on one margin); taken whole, or up to the first bound. K_FF gets a 1e-13 relative ridge (repeated rows make it
// singular): the step then falls just short of the segment's minimum, so it always descends; repeated, it converges.
// Gaussian elimination with partial pivoting, O(|F|³): skipped beyond max(250, 4(p + 1)) free rows (at most 1500).
function newton(r: Rows, C: number, w: Float64Array): number {
  const { m, p, R, Y, A, V } = r;
  const F: number[] = [];
  for (let k = 0; k < m; k++) if (A[k] > 0 && A[k] < C) F.push(k);
  const q = F.length;
  if (q === 0 || q > Math.min(1500, Math.max(250, 4 * (p + 1)))) return 1;
  const ridge = 1e-13 * (1 + Math.max(...F.map((k) => r.QD[k])));
  const S = Array.from({ length: q + 1 }, (_, a) =>
    Float64Array.from({ length: q + 2 }, (_, b) =>
      a === q ? (b < q ? 1 : 0) : b < q ? dot(R, F[a] * p, F[b] * p, p) + (a === b ? ridge : 0) : b === q ? 1 : V[F[a]],
    ),
  );
  for (let c = 0; c <= q; c++) {
    let piv = c;
    for (let a = c + 1; a <= q; a++) if (Math.abs(S[a][c]) > Math.abs(S[piv][c])) piv = a;
    if (S[piv][c] === 0) return 1;
    [S[c], S[piv]] = [S[piv], S[c]];
    for (let a = c + 1; a <= q; a++) {
      const f = S[a][c] / S[c][c];
      for (let b = c; b <= q + 1; b++) S[a][b] -= f * S[c][b];
    }
  }
  const u = new Float64Array(q + 1);
  for (let c = q; c >= 0; c--) {
    let s = S[c][q + 1];
    for (let b = c + 1; b <= q; b++) s -= S[c][b] * u[b];
    u[c] = s / S[c][c];
  }
  const mean = u.subarray(0, q).reduce((a, v) => a + v, 0) / q; // 1ᵀu = 0 (Σαy kept) exactly, whatever the conditioning
  for (let l = 0; l < q; l++) u[l] -= mean;
  let tau = 1, block = -1;
  for (let l = 0; l < q; l++) {
    const a = A[F[l]], d = Y[F[l]] * u[l];
    const lim = d > 0 ? (C - a) / d : d < 0 ? -a / d : Infinity;
    if (lim < tau) {
      tau = lim;
      block = l;
    }
  }
  const dw = new Float64Array(p);
  for (let l = 0; l < q; l++) {
    const k = F[l], d = Y[k] * u[l], old = A[k];
    A[k] = l === block ? (d > 0 ? C : 0) : Math.min(C, Math.max(0, old + tau * d));
    for (let c = 0, e = (A[k] - old) * Y[k]; c < p; c++) dw[c] += e * R[k * p + c];
  }
  move(r, w, dw);
  return tau;
}

// Newton steps until one is taken whole: each blocked one puts a free row on its bound (with more free rows than
// p + 1, K_FF is singular and the step runs along its null space, where the dual falls linearly, to a bound)
function newtonSteps(r: Rows, C: number, w: Float64Array): void {
  for (let k = 0; k < 2 * r.p + 12 && newton(r, C, w) < 1; k++);
}

// libsvm's Solver on rows[0..m) (WSS 2): i = argmax{vₖ : k ∈ I_up}, j = argmin{−(vᵢ − vₖ)²/‖xᵢ − xₖ‖² : k ∈ I_low,
// vₖ < vᵢ}; the step Δαᵢ = yᵢt, Δαⱼ = −yⱼt, t = (vᵢ − vⱼ)/‖xᵢ − xⱼ‖² clipped to the box. Stops when
// m − M = vᵢ − min{vₖ : k ∈ I_low} < tol; a Newton step on the free rows every m + 10 pair steps.
export async function smo(st: State, rows: Int32Array, m: number, tol: number): Promise<void> {
  const { X, y, C, alpha, w } = st;
  const p = X.cols;
  const R = gather(X, rows, m);
  const r: Rows = { m, p, R, Y: new Float64Array(m), A: new Float64Array(m), QD: new Float64Array(m), V: new Float64Array(m) };
  const { Y, A, QD, V } = r;
  for (let k = 0; k < m; k++) {
    const i = rows[k];
    Y[k] = 2 * y[i] - 1;
    A[k] = alpha[i];
    QD[k] = dot(R, k * p, k * p, p);
    V[k] = Y[k] - w.reduce((s, wc, c) => s + wc * R[k * p + c], 0);
  }
  const Ki = new Float64Array(m), dw = new Float64Array(p);
  let lastNewton = 0;
  for (let step = 1; !st.spent; step++) {
    if (step % (m + 10) === 0) {
      newtonSteps(r, C, w);
      lastNewton = step;
    }
    let i = -1, vi = -Infinity;
    for (let k = 0; k < m; k++) {
      if (!((Y[k] > 0 ? A[k] < C : A[k] > 0) && V[k] >= vi)) continue;
      i = k;
      vi = V[k];
    }
    if (i < 0) break;
    for (let k = 0; k < m; k++) Ki[k] = dot(R, k * p, i * p, p);
    let j = -1, best = Infinity, vMin = Infinity;
    for (let k = 0; k < m; k++) {
      if (!(Y[k] > 0 ? A[k] > 0 : A[k] < C)) continue;
      if (V[k] < vMin) vMin = V[k];
      const gd = vi - V[k], q = QD[i] + QD[k] - 2 * Ki[k];
      const obj = -(gd * gd) / (q > 0 ? q : TAU);
      if (gd > 0 && obj <= best) {
        j = k;
        best = obj;
      }
    }
    if ((j < 0 || vi - vMin < tol) && lastNewton === step - 1) break;
    if (j < 0 || vi - vMin < tol) {
      newtonSteps(r, C, w); // before stopping: exact when the free rows are now the right ones
      lastNewton = step;
      continue;
    }
    const q = QD[i] + QD[j] - 2 * Ki[j];
    const ti = Y[i] > 0 ? C - A[i] : A[i], tj = Y[j] > 0 ? A[j] : C - A[j];
    const t = Math.min((vi - V[j]) / (q > 0 ? q : TAU), ti, tj);
    A[i] = t === ti ? (Y[i] > 0 ? C : 0) : A[i] + Y[i] * t;
    A[j] = t === tj ? (Y[j] > 0 ? 0 : C) : A[j] - Y[j] * t;
    for (let c = 0; c < p; c++) dw[c] = t * (R[i * p + c] - R[j * p + c]);
    move(r, w, dw);
    st.iterations++;
    st.work += 2 * m * p;
    await st.tick();
  }
  for (let k = 0; k < m; k++) alpha[rows[k]] = A[k];
}
