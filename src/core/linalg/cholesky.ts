/**
 * Cholesky factorization of small dense symmetric positive (semi)definite matrices, stored row-major
 * in a Float64Array of m·m (only the lower triangle is read; the factor L overwrites it). For the
 * normal-equation systems of models/logistic-mle.ts, where m = features + 1 ≤ a few hundred.
 */

// A = L·Lᵀ in place (lower triangle, left-looking); false if a pivot dₖ = Aₖₖ − Σⱼ Lₖⱼ² ≤ relTol·Aₖₖ or is not finite
export function choleskyInPlace(a: Float64Array, m: number, relTol = 0): boolean {
  for (let k = 0; k < m; k++) {
    const rk = k * m;
    let d = a[rk + k];
    const diag = d;
    for (let j = 0; j < k; j++) d -= a[rk + j] * a[rk + j];
    if (!(d > relTol * diag) || !Number.isFinite(d)) return false;
    const lkk = Math.sqrt(d);
    a[rk + k] = lkk;
    for (let i = k + 1; i < m; i++) {
      const ri = i * m;
      let s = a[ri + k];
      for (let j = 0; j < k; j++) s -= a[ri + j] * a[rk + j];
      a[ri + k] = s / lkk;
    }
  }
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) a[i * m + j] = 0;
  return true;
}

/**
 * Columns of a Gram matrix G = XᵀX that are (numerically) linear combinations of earlier columns, as
 * glm's QR with limited pivoting reports them: in column order, k is dependent when its squared
 * distance to the span of the earlier independent columns, dₖ = Gₖₖ − Σⱼ Lₖⱼ², is ≤ relTol·Gₖₖ
 * (relTol 1e-10: a residual below 1e-5 of the column's norm, a variance inflation factor above 1e10).
 * G is overwritten by the factor of the independent columns (rows and columns of dependent ones zero).
 */
// sequential Cholesky that skips (and returns) columns k with dₖ ≤ relTol·Gₖₖ
export function dependentColumns(g: Float64Array, m: number, relTol: number): number[] {
  const dependent: number[] = [];
  for (let k = 0; k < m; k++) {
    const rk = k * m;
    let d = g[rk + k];
    const diag = d;
    for (let j = 0; j < k; j++) d -= g[rk + j] * g[rk + j];
    if (!(d > relTol * diag) || !Number.isFinite(d)) {
      dependent.push(k);
      for (let i = k; i < m; i++) g[i * m + k] = 0;
      g[rk + k] = 0;
      for (let j = 0; j < k; j++) g[rk + j] = 0;
      continue;
    }
    const lkk = Math.sqrt(d);
    g[rk + k] = lkk;
    for (let i = k + 1; i < m; i++) {
      const ri = i * m;
      let s = g[ri + k];
      for (let j = 0; j < k; j++) s -= g[ri + j] * g[rk + j];
      g[ri + k] = s / lkk;
    }
  }
  return dependent;
}

// x = (L·Lᵀ)⁻¹·b in place: forward substitution L·u = b, then back substitution Lᵀ·x = u
export function choleskySolve(l: Float64Array, m: number, b: Float64Array): Float64Array {
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let j = 0; j < i; j++) s -= l[i * m + j] * b[j];
    b[i] = s / l[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < m; j++) s -= l[j * m + i] * b[j];
    b[i] = s / l[i * m + i];
  }
  return b;
}

// A⁻¹ = L⁻ᵀ·L⁻¹ (full symmetric, row-major) from the factor L of A
export function choleskyInverse(l: Float64Array, m: number): Float64Array {
  // V = L⁻¹ (lower triangular), column by column
  const v = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    v[c * m + c] = 1 / l[c * m + c];
    for (let i = c + 1; i < m; i++) {
      let s = 0;
      for (let j = c; j < i; j++) s -= l[i * m + j] * v[j * m + c];
      v[i * m + c] = s / l[i * m + i];
    }
  }
  // (A⁻¹)ᵢⱼ = Σₖ Vₖᵢ·Vₖⱼ over k ≥ max(i, j)
  const inv = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < m; k++) s += v[k * m + i] * v[k * m + j];
      inv[i * m + j] = s;
      inv[j * m + i] = s;
    }
  }
  return inv;
}
