import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPlatt, fitPlatt } from './platt';

/** Decision values and labels, A and B from a numpy port of libsvm's sigmoid_train, and scikit-learn's
 *  _sigmoid_calibration (same loss and targets, minimized by BFGS) for comparison (svm_reference.py). */
interface PlattCase {
  name: string;
  decision: number[];
  y: number[];
  A: number;
  B: number;
  iterations: number;
  sklearn_A: number;
  sklearn_B: number;
}
const CASES = (JSON.parse(readFileSync(new URL('../__fixtures__/svm/svm_cases.json', import.meta.url), 'utf8')) as { platt: PlattCase[] }).platt;

// the gradient of Platt's smoothed cross-entropy at (A, B), as libsvm computes it
function gradient(f: Float64Array, y: Uint8Array, A: number, B: number): [number, number] {
  const n1 = y.reduce((s, v) => s + v, 0), n0 = y.length - n1;
  let g1 = 0, g2 = 0;
  f.forEach((fi, i) => {
    const t = y[i] ? (n1 + 1) / (n1 + 2) : 1 / (n0 + 2), p = 1 / (1 + Math.exp(fi * A + B));
    g1 += fi * (t - p);
    g2 += t - p;
  });
  return [g1, g2];
}

describe('fitPlatt equals libsvm sigmoid_train', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const f = Float64Array.from(c.decision), y = Uint8Array.from(c.y);
    const { A, B } = fitPlatt(f, y);
    // the same iterations in the same order: equal up to the last bits of exp and log
    expect(Math.abs(A - c.A)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(c.A)));
    expect(Math.abs(B - c.B)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(c.B)));
    const [g1, g2] = gradient(f, y, A, B);
    expect(Math.max(Math.abs(g1), Math.abs(g2))).toBeLessThan(1e-5);
    // scikit-learn minimizes the same function with BFGS and its own stopping rule: within 1e-5 here
    expect(Math.abs(A - c.sklearn_A)).toBeLessThanOrEqual(2e-5);
    expect(Math.abs(B - c.sklearn_B)).toBeLessThanOrEqual(2e-5);
  });

  it('has A < 0 when larger decision values mean more events, and finite parameters on separable values', () => {
    for (const c of CASES.filter((k) => k.name !== 'constant_decision')) expect(fitPlatt(Float64Array.from(c.decision), Uint8Array.from(c.y)).A).toBeLessThan(0);
    const sep = CASES.find((k) => k.name === 'separable') as PlattCase;
    const { A, B } = fitPlatt(Float64Array.from(sep.decision), Uint8Array.from(sep.y));
    expect(Number.isFinite(A) && Number.isFinite(B)).toBe(true);
  });

  it('refuses empty or mismatched inputs', () => {
    expect(() => fitPlatt(new Float64Array(0), new Uint8Array(0))).toThrow(/no decision values/);
    expect(() => fitPlatt(Float64Array.from([1, 2]), Uint8Array.from([1]))).toThrow(/labels for/);
  });
});

describe('applyPlatt', () => {
  it('is 1/(1 + exp(A·f + B)), in (0, 1), without overflow', () => {
    const params = { A: -1.7, B: 0.3 };
    const f = Float64Array.from([-3, -0.5, 0, 0.4, 2, 1e6, -1e6]);
    const p = applyPlatt(params, f);
    f.slice(0, 5).forEach((fi, i) => expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-1.7 * fi + 0.3)), 15));
    expect(p[5]).toBe(1);
    expect(p[6]).toBe(0);
    for (let i = 1; i < 5; i++) expect(p[i]).toBeGreaterThan(p[i - 1]);
  });
});
