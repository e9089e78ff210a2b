import { describe, expect, it } from 'vitest';
import { colMajor, sparsifyLast } from '../linalg/matrix';
import { evaluate, makeDesign } from './mle-design';

// a seeded design: n rows, p columns, some of them kept (cols), and θ over the kept columns + intercept
function problem(n: number, p: number, seed: number) {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const X = colMajor(n, p);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rand() < 0.3 ? 0 : rand() * 4 - 2;
  const y = Uint8Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0));
  return { X, y, rand };
}

describe('evaluate: the gradient and Hessian of the log-likelihood over row blocks', () => {
  // for every parity of q (rows of H are formed two at a time) and blocks that do not divide n
  for (const q of [1, 2, 3, 4, 5, 8, 9, 13]) {
    it(`equals the textbook sums Σ w·aⱼ·aₖ and Σ (y − μ)·aⱼ with ${q} kept column(s)`, () => {
      const p = q + 2;
      const n = 5000 + q; // several blocks, the last one partial
      const { X, y, rand } = problem(n, p, 7 + q);
      const cols = Array.from({ length: q }, (_, j) => (j * 3) % p).filter((c, j, a) => a.indexOf(c) === j);
      while (cols.length < q) cols.push([...Array(p).keys()].find((c) => !cols.includes(c)) as number);
      const d = makeDesign(X, y, cols);
      const m = q + 1;
      const theta = Float64Array.from({ length: m }, () => rand() - 0.5);
      const g = new Float64Array(m);
      const h = new Float64Array(m * m);
      const ev = evaluate(d, theta, g, h);
      // the same sums, one row at a time, with a = [x_cols 1]
      const G = new Float64Array(m);
      const H = new Float64Array(m * m);
      let ll = 0;
      for (let i = 0; i < n; i++) {
        const a = [...cols.map((c) => X.data[c * n + i]), 1];
        const eta = a.reduce((sum, v, j) => sum + v * theta[j], 0);
        const mu = 1 / (1 + Math.exp(-eta));
        ll += y[i] ? Math.log(mu) : Math.log(1 - mu);
        for (let j = 0; j < m; j++) {
          G[j] += (y[i] - mu) * a[j];
          for (let k = 0; k < m; k++) H[j * m + k] += mu * (1 - mu) * a[j] * a[k];
        }
      }
      expect(ev.logLik).toBeCloseTo(ll, 8);
      for (let j = 0; j < m; j++) {
        expect(Math.abs(g[j] - G[j])).toBeLessThan(1e-9 * n);
        for (let k = 0; k < m; k++) {
          expect(Math.abs(h[j * m + k] - H[j * m + k])).toBeLessThan(1e-10 * n);
          expect(h[j * m + k]).toBe(h[k * m + j]); // symmetric
        }
      }
      // sparse storage of the last columns gives the same bits
      const sparse = sparsifyLast(X, 2);
      const hs = new Float64Array(m * m);
      const gs = new Float64Array(m);
      evaluate(makeDesign(sparse, y, cols), theta, gs, hs);
      expect(Array.from(hs)).toEqual(Array.from(h));
      expect(Array.from(gs)).toEqual(Array.from(g));
    });
  }
});
