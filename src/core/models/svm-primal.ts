/**
 * Step 1 of `svm.ts`: the primal with its hinge smoothed over a width h,
 *
 *   P_h(w, b) = ½‖w‖² + C·Σᵢ L_h(uᵢ),  uᵢ = 1 − yᵢ(wᵀxᵢ + b),  L_h(u) = 0 (u ≤ 0), u²/2h (0 < u ≤ h), u − h/2 (u > h),
 *
 * minimized by Newton's method with an exact line search, for h = 1, 0.1, 0.01, … until few rows remain in the
 * quadratic zone 0 < u ≤ h. P_h is piecewise quadratic in p + 1 unknowns: Newton ends exactly once the rows'
 * zones stop changing, and a pass costs O(n·p) (plus O(p²) per row in the quadratic zone for the Hessian),
 * whatever the number of support vectors. At its optimum, αᵢ = C·L_h′(uᵢ) ∈ [0, C] satisfies the SVM's dual
 * conditions w = Σαᵢyᵢxᵢ, Σαᵢyᵢ = 0, with 0 < αᵢ < C only within h of the margin: step 2 starts from there.
 * Sparse columns of X (note terms) enter the margins and the gradient by sparse products, and the Hessian's
 * row blocks densified a block at a time (`gatherBlock`).
 */
import { addSparseProduct, denseCols, gatherBlock, type ColMajor } from '../linalg/matrix';
import type { State } from './svm-smo';

const BLOCK = 2048; // rows per block of a column-major pass
const HESSIAN_ROWS = 1 << 16; // beyond this many rows in zone 1, the Hessian is taken from every k-th of them (× k)

// z[k] = b + Σⱼ wⱼ·X[i0 + k, j] for k < len: four dense columns per sweep over z, then the sparse part, every
// term added in column order (the same bits for a sparse design as for its dense twin: linalg/matrix.ts)
function margins(z: Float64Array, X: ColMajor, i0: number, len: number, w: Float64Array, b: number): void {
  const { rows: n, data } = X;
  const p = denseCols(X);
  z.fill(b, 0, len);
  let j = 0;
  for (; j + 3 < p; j += 4) {
    const w0 = w[j], w1 = w[j + 1], w2 = w[j + 2], w3 = w[j + 3];
    const o0 = j * n + i0, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    for (let k = 0; k < len; k++) z[k] = z[k] + w0 * data[o0 + k] + w1 * data[o1 + k] + w2 * data[o2 + k] + w3 * data[o3 + k];
  }
  for (; j < p; j++) for (let k = 0, o = j * n + i0; k < len; k++) z[k] += w[j] * data[o + k];
  addSparseProduct(X, w, z, i0, i0 + len);
}

// out[i] = wᵀxᵢ + b for every row, block by block
export const allMargins = (X: ColMajor, w: Float64Array, b: number, out: Float64Array): Float64Array => {
  for (let i0 = 0; i0 < X.rows; i0 += BLOCK) margins(out.subarray(i0), X, i0, Math.min(BLOCK, X.rows - i0), w, b);
  return out;
};

// Solves H·d = r in place of r (H symmetric positive definite, q × q, row-major) by Cholesky: H = LLᵀ.
function cholSolve(H: Float64Array, r: Float64Array, q: number): void {
  for (let j = 0; j < q; j++) {
    let d = H[j * q + j];
    for (let k = 0; k < j; k++) d -= H[j * q + k] ** 2;
    const l = Math.sqrt(Math.max(d, 1e-300));
    H[j * q + j] = l;
    for (let i = j + 1; i < q; i++) {
      let s = H[i * q + j];
      for (let k = 0; k < j; k++) s -= H[i * q + k] * H[j * q + k];
      H[i * q + j] = s / l;
    }
  }
  for (let i = 0; i < q; i++) {
    for (let k = 0; k < i; k++) r[i] -= H[i * q + k] * r[k];
    r[i] /= H[i * q + i];
  }
  for (let i = q - 1; i >= 0; i--) {
    for (let k = i + 1; k < q; k++) r[i] -= H[k * q + i] * r[k];
    r[i] /= H[i * q + i];
  }
}

// φ′(t) and φ″(t) of φ(t) = P_h(θ + t·d): a₀ + t·a₁ − C·Σ L_h′(uᵢ − t·cᵢ)·cᵢ and a₁ + (C/h)·Σ_{quadratic zone} cᵢ²
function slope(t: number, u: Float64Array, c: Float64Array, a0: number, a1: number, C: number, h: number): [number, number] {
  let d1 = 0, d2 = 0;
  for (let i = 0; i < u.length; i++) {
    const v = u[i] - t * c[i];
    if (v <= 0) continue;
    if (v > h) {
      d1 += c[i];
    } else {
      d1 += (v / h) * c[i];
      d2 += c[i] * c[i];
    }
  }
  return [a0 + t * a1 - C * d1, a1 + (C / h) * d2];
}

// Exact line search: the root of the non-decreasing piecewise-linear φ′ on t > 0 (φ′(0) = gᵀd < 0), by Newton
// steps kept in a bracket; the full step t = 1 when φ′(1) is rounding-small against φ′(0); 0 when d is no descent.
function lineSearch(u: Float64Array, c: Float64Array, a0: number, a1: number, C: number, h: number): number {
  const d0 = slope(0, u, c, a0, a1, C, h)[0];
  let size = Math.abs(a0) + a1; // φ′ is a sum of terms up to C·|cᵢ|: below ~1e-13 of their sum it is rounding
  for (let i = 0; i < c.length; i++) size += C * Math.abs(c[i]);
  if (!(d0 < -1e-13 * size)) return 0;
  const tol = Math.max(1e-11 * -d0, 1e-13 * size);
  let lo = 0, hi = Infinity, t = 1;
  for (let it = 0; it < 100; it++) {
    const [d1, d2] = slope(t, u, c, a0, a1, C, h);
    if (Math.abs(d1) <= tol) return t;
    if (d1 < 0) lo = t;
    else hi = t;
    if (hi - lo <= 1e-15 * hi) break;
    const tn = t - d1 / d2;
    t = tn > lo && tn < hi ? tn : hi === Infinity ? 2 * t : (lo + hi) / 2;
  }
  return lo > 0 ? lo : t;
}

// H += ch·Σₖ x̃ₖx̃ₖᵀ (upper triangle) over the rows idx[0..cnt), x̃ = (x, 1): their columns copied into contiguous runs
// of T (sparse columns densified there), then one dot product per pair of columns
function hessianBlock(H: Float64Array, T: Float64Array, X: ColMajor, idx: Int32Array, cnt: number, ch: number): void {
  const p = X.cols, q = p + 1;
  gatherBlock(X, idx, 0, cnt, T);
  for (let j = 0; j < p; j++) {
    const a = j * cnt;
    let sum = 0;
    for (let k = 0; k < cnt; k++) sum += T[a + k];
    H[j * q + p] += ch * sum;
    for (let l = j; l < p; l++) {
      const e = l * cnt;
      let s0 = 0, s1 = 0, k = 0;
      for (; k + 1 < cnt; k += 2) {
        s0 += T[a + k] * T[e + k];
        s1 += T[a + k + 1] * T[e + k + 1];
      }
      H[j * q + l] += ch * (s0 + s1 + (k < cnt ? T[a + k] * T[e + k] : 0));
    }
  }
  H[p * q + p] += ch * cnt;
}

// Step 1: θ ← θ + t·d, H·d = −∇P_h(θ), t = argmin P_h(θ + t·d), for h = 1, 0.1, …; leaves αᵢ = C·L_h′(uᵢ) in st.alpha
// (with w in st.w) and returns the last h.
export async function smoothedNewton(st: State, maxBand: number): Promise<number> {
  const { X, y, C, w } = st;
  const n = X.rows, p = X.cols, q = p + 1, data = X.data, dense = denseCols(X);
  const u = new Float64Array(n).fill(1), c = new Float64Array(n), r = new Float64Array(n), zone = new Uint8Array(n);
  const H = new Float64Array(q * q), g = new Float64Array(q), T = new Float64Array(BLOCK * p), idx = new Int32Array(BLOCK);
  const sparse = X.sparse, pairs = n - (n % 2);
  // Xᵀr's sparse part in the dense columns' three partial sums: even rows, odd rows, the last row when n is odd
  const even = new Float64Array(p), odd = new Float64Array(p), last = new Float64Array(p);
  let h = 1, mid = n;
  for (let stage = 0; ; stage++) {
    let full = false, sampled = false;
    for (let iter = 0; iter < 60 && !st.spent; iter++) {
      // the first step for a new h is Newton's on the quadratic piece of the last h's zones (exact if they hold)
      const model = stage > 0 && iter === 0;
      let changed = 0;
      mid = 0;
      for (let i = 0; i < n; i++) {
        const v = u[i], zt = v <= 0 ? 0 : v <= h ? 1 : 2, z = model ? zone[i] : zt;
        r[i] = C * (2 * y[i] - 1) * (z === 2 ? 1 : z === 1 ? v / h : 0); // C·L_h′(uᵢ)·yᵢ = αᵢyᵢ
        changed += zone[i] !== zt ? 1 : 0;
        mid += z === 1 ? 1 : 0;
        zone[i] = z;
      }
      if (full && changed === 0 && !sampled) break; // a full Newton step within one quadratic piece: its exact minimizer
      if (sampled && changed * 1000 <= mid) break; // a sampled Hessian (early, large h): near enough for the next h
      const every = Math.ceil(mid / HESSIAN_ROWS);
      sampled = every > 1;
      // gradient (w − Σαᵢyᵢxᵢ, −Σαᵢyᵢ) and Hessian [I 0; 0 0] + (C/h)·Σ_{zone 1} x̃ᵢx̃ᵢᵀ, x̃ = (x, 1)
      H.fill(0);
      for (let j = 0; j < dense; j++) {
        let s0 = 0, s1 = 0, i = 0;
        for (const o = j * n; i + 1 < n; i += 2) {
          s0 += data[o + i] * r[i];
          s1 += data[o + i + 1] * r[i + 1];
        }
        g[j] = w[j] - s0 - s1 - (i < n ? data[j * n + i] * r[i] : 0);
      }
      if (sparse) {
        even.fill(0);
        odd.fill(0);
        last.fill(0);
        for (let i = 0; i < n; i++) {
          const ri = r[i], acc = i >= pairs ? last : i % 2 ? odd : even;
          if (ri !== 0) for (let e = sparse.rowStart[i]; e < sparse.rowStart[i + 1]; e++) acc[dense + sparse.colIndex[e]] += sparse.values[e] * ri;
        }
        for (let j = dense; j < p; j++) g[j] = w[j] - even[j] - odd[j] - last[j];
      }
      for (let j = 0; j < p; j++) H[j * q + j] = 1;
      g[p] = -r.reduce((a, v) => a + v, 0);
      st.work += n * p;
      await st.tick();
      for (let i0 = 0, seen = 0; i0 < n; i0 += BLOCK) {
        let cnt = 0;
        for (let k = 0, len = Math.min(BLOCK, n - i0); k < len; k++) if (zone[i0 + k] === 1 && seen++ % every === 0) idx[cnt++] = i0 + k;
        if (cnt > 0) hessianBlock(H, T, X, idx, cnt, (every * C) / h);
        st.work += (cnt * q * q) / 2;
        await st.tick();
      }
      for (let j = 0; j < q; j++) for (let l = 0; l < j; l++) H[j * q + l] = H[l * q + j];
      H[q * q - 1] += 1e-12 * (1 + (C / h) * n); // b has no ridge: keeps H definite when no row is in zone 1
      const d = g.map((v) => -v);
      cholSolve(H, d, q);
      // line search along d: cᵢ = yᵢ(dwᵀxᵢ + db) is the rate at which uᵢ falls
      allMargins(X, d.subarray(0, p), d[p], c);
      for (let i = 0; i < n; i++) c[i] *= 2 * y[i] - 1;
      st.work += n * p;
      await st.tick();
      let a0 = 0, a1 = 0;
      for (let j = 0; j < p; j++) {
        a0 += w[j] * d[j];
        a1 += d[j] * d[j];
      }
      const t = lineSearch(u, c, a0, a1, C, h);
      for (let j = 0; j < p; j++) w[j] += t * d[j];
      for (let i = 0; i < n && t > 0; i++) u[i] -= t * c[i];
      full = t === 1;
      st.iterations++;
      if (t === 0 && model) continue; // not a descent direction for P_h: plain Newton from here
      if (t === 0) break;
    }
    st.progress = Math.min(0.8, 0.1 * (stage + 1));
    await st.tick(true);
    if (mid <= maxBand || h < 1e-9 || st.spent) break;
    h /= 10;
  }
  for (let i = 0; i < n; i++) st.alpha[i] = u[i] <= 0 ? 0 : u[i] > h ? C : (C * u[i]) / h;
  return h;
}
