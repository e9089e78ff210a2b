import { describe, expect, it } from 'vitest';
import { choleskyInPlace, choleskyInverse, choleskySolve, dependentColumns } from './cholesky';

// A = BᵀB + I for a fixed B: symmetric positive definite
const m = 4;
const Bm = [
  [2, -1, 0.5, 3],
  [0, 1, 4, -2],
  [1, 1, 1, 1],
  [-3, 0.25, 2, 0],
];
const A = new Float64Array(m * m);
for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) A[i * m + j] = Bm.reduce((s, row) => s + row[i] * row[j], 0) + (i === j ? 1 : 0);

describe('Cholesky', () => {
  it('factors, solves and inverts a positive definite matrix', () => {
    const L = Float64Array.from(A);
    expect(choleskyInPlace(L, m)).toBe(true);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += L[i * m + k] * L[j * m + k];
        expect(s).toBeCloseTo(A[i * m + j], 12);
      }
    }
    const b = Float64Array.of(1, -2, 3, 0.5);
    const x = choleskySolve(L, m, Float64Array.from(b));
    for (let i = 0; i < m; i++) expect(A.subarray(i * m, i * m + m).reduce((s, a, j) => s + a * x[j], 0)).toBeCloseTo(b[i], 12);
    const inv = choleskyInverse(L, m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += A[i * m + k] * inv[k * m + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('refuses a singular or indefinite matrix', () => {
    expect(choleskyInPlace(Float64Array.of(1, 1, 1, 1), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2)).toBe(false);
    // the pivot is judged against its own diagonal: a tiny but independent column is fine, a near-copy is not
    expect(choleskyInPlace(Float64Array.of(1, 0, 0, 1e-15), 2, 1e-13)).toBe(true);
    expect(choleskyInPlace(Float64Array.of(1, 1, 1, 1 + 1e-15), 2, 1e-13)).toBe(false);
  });

  it('names the columns that are combinations of earlier ones', () => {
    // columns: u, v, u + v, w, 2u
    const u = [1, 2, 0, -1, 3], v = [0, 1, 1, 2, -1], w = [1, 0, 0, 0, 1];
    const X = [u, v, u.map((a, i) => a + v[i]), w, u.map((a) => 2 * a)];
    const k = X.length;
    const G = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) G[i * k + j] = X[i].reduce((s, a, r) => s + a * X[j][r], 0);
    expect(dependentColumns(G, k, 1e-10)).toEqual([2, 4]);
  });
});
