import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { aucCi, downsampleIndices, normalQuantile, rocAuc, rocCurve, tableAucCi, tableRocCurve } from './roc';
import { buildThresholdTable } from './threshold-metrics';
import { labels, metricsCases, nan, type Num } from '../__fixtures__/metrics/load';

function expectClose(actual: number, expected: number, tol: number): void {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
}
const expectArray = (actual: Float64Array, expected: Num[], tol = 0): void => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expectClose(v, nan(expected[i]), tol));
};

// O(n₁n₀) Mann–Whitney from its definition.
function bruteAuc(y: ArrayLike<number>, s: ArrayLike<number>): number {
  let u = 0, pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) if (y[j] !== 1) { pairs++; u += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0; }
  }
  return u / pairs;
}

describe('against scikit-learn 1.2.1 and R 4.2 (metrics-cases.json)', () => {
  for (const c of metricsCases()) {
    it(c.name, () => {
      const y = labels(c.y);
      const s = Float64Array.from(c.score);
      const table = buildThresholdTable(y, s);
      // roc_auc_score (absent where sklearn raises: one class) and R's Wilcoxon W / (n₁n₀).
      if (c.auc === undefined) expect(rocAuc(y, s)).toBeNaN();
      else expectClose(rocAuc(y, s), c.auc, 1e-15);
      if (c.r?.auc_w !== undefined) expectClose(rocAuc(y, s), c.r.auc_w, 1e-15);
      // roc_curve, drop_intermediate True and False: the same points and thresholds, bit for bit.
      const roc = tableRocCurve(table, true);
      expectArray(roc.fpr, c.roc.fpr);
      expectArray(roc.tpr, c.roc.tpr);
      expectArray(roc.thresholds, c.roc.thresholds);
      if (c.roc_full) {
        const full = tableRocCurve(table, false);
        expectArray(full.fpr, c.roc_full.fpr);
        expectArray(full.tpr, c.roc_full.tpr);
        expectArray(full.thresholds, c.roc_full.thresholds);
      }
      // DeLong: the explicit-psi-matrix computations in numpy and in R, pROC's interval.
      const ci = tableAucCi(table);
      if (!c.delong) {
        expect([ci.se, ci.lower, ci.upper].every(Number.isNaN)).toBe(true);
      } else {
        expectClose(ci.se, c.delong.se, 1e-14);
        expectClose(ci.lower, c.delong.lower, 1e-14);
        expectClose(ci.upper, c.delong.upper, 1e-14);
        expectClose(ci.se, nan(c.r?.delong_se), 1e-14);
        expectClose(ci.lower, nan(c.r?.delong_lo), 1e-14);
        expectClose(ci.upper, nan(c.r?.delong_hi), 1e-14);
      }
    });
  }
});

describe('rocAuc and aucCi by hand', () => {
  it('sklearn docstring: y = [0,0,1,1], s = [0.1,0.4,0.35,0.8] → 0.75', () => {
    expect(rocAuc(Uint8Array.from([0, 0, 1, 1]), Float64Array.from([0.1, 0.4, 0.35, 0.8]))).toBe(0.75);
  });

  it('ties count one half', () => {
    // pairs (event, non-event): (0.5, 0.5) tie ½, (0.9, 0.5) 1 → 1.5 / 2
    expect(rocAuc(Uint8Array.from([1, 0, 1]), Float64Array.from([0.5, 0.5, 0.9]))).toBe(0.75);
    expect(rocAuc(Uint8Array.from([1, 0, 1, 0]), new Float64Array(4).fill(0.2))).toBe(0.5);
  });

  it('perfect and inverted rankings; only order matters (SVM decision values)', () => {
    const y = Uint8Array.from([0, 0, 0, 1, 1]);
    expect(rocAuc(y, Float64Array.from([-3, -2, -1, 1, 2]))).toBe(1);
    expect(rocAuc(y, Float64Array.from([3, 2, 1, -1, -2]))).toBe(0);
    const perfect = aucCi(y, Float64Array.from([-3, -2, -1, 1, 2]));
    expect([perfect.se, perfect.lower, perfect.upper]).toEqual([0, 1, 1]);
  });

  it('one class: NaN AUC (sklearn raises); one event: AUC but NaN interval (pROC: NA)', () => {
    expect(rocAuc(Uint8Array.from([0, 0]), Float64Array.from([0.1, 0.2]))).toBeNaN();
    const one = aucCi(Uint8Array.from([0, 1, 0, 0]), Float64Array.from([0.1, 0.3, 0.4, 0.2]));
    expect(one.auc).toBeCloseTo(2 / 3, 15);
    expect(one.se).toBeNaN();
  });

  it('refuses NaN scores and a level outside (0, 1)', () => {
    expect(() => rocAuc(Uint8Array.from([0, 1]), Float64Array.from([NaN, 0.2]))).toThrow(RangeError);
    expect(() => aucCi(Uint8Array.from([0, 1, 0, 1]), Float64Array.from([0.1, 0.2, 0.3, 0.4]), 1)).toThrow(RangeError);
  });

  it('the interval widens with the level and is clipped to [0, 1]', () => {
    const y = Uint8Array.from([0, 1, 0, 1, 1, 0, 1, 0]);
    const s = Float64Array.from([0.1, 0.9, 0.3, 0.8, 0.2, 0.4, 0.7, 0.6]);
    const a = aucCi(y, s, 0.8);
    const b = aucCi(y, s, 0.99);
    expect(b.lower).toBeLessThan(a.lower);
    expect(b.upper).toBe(1);
    expect(a.se).toBe(b.se);
  });
});

describe('normalQuantile (AS 241): R 4.2 qnorm bit for bit', () => {
  // sprintf("%.17g", qnorm(p)) in R 4.2; scipy's norm.ppf differs by up to 3 ulp (e.g. 1.6448536269514722 at 0.95).
  const cases: [number, number][] = [[0.5, 0], [0.975, 1.9599639845400536], [0.025, -1.9599639845400538],
    [0.995, 2.5758293035488999], [0.9, 1.2815515655446008], [0.95, 1.6448536269514715], [0.6, 0.25334710313579978],
    [1e-10, -6.3613409024040557], [1e-300, -37.047096299361201], [0.999999, 4.7534243088170891], [0.3, -0.52440051270804067]];
  for (const [p, q] of cases) it(`Φ⁻¹(${p})`, () => expect(normalQuantile(p)).toBe(q));
  it('ends and invalid input', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('display curves', () => {
  it('downsampleIndices keeps both ends, at most maxPoints, increasing', () => {
    const n = 5000;
    const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
    const y = Float64Array.from(x, (v) => Math.sqrt(v));
    const idx = downsampleIndices(x, y, 300);
    expect(idx.length).toBe(300);
    expect([idx[0], idx[299]]).toEqual([0, n - 1]);
    for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
    expect(Array.from(downsampleIndices(x.subarray(0, 10), y, 300))).toEqual([...Array(10).keys()]);
    expect(() => downsampleIndices(x, y, 2)).toThrow(RangeError);
  });

  it('LTTB keeps the corner of a step', () => {
    const x = Float64Array.from({ length: 1001 }, (_, i) => (i <= 500 ? 0 : (i - 500) / 500));
    const y = Float64Array.from({ length: 1001 }, (_, i) => (i <= 500 ? i / 500 : 1));
    const idx = Array.from(downsampleIndices(x, y, 20));
    expect(idx.some((i) => Math.abs(i - 500) <= 1)).toBe(true);
  });

  it('rocCurve: ≤ 300 points from (0, 0) to (1, 1), a subset of the full curve, fast on 200,000 rows', () => {
    const n = 200_000;
    const y = new Uint8Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) { y[i] = (i * 40503) % 10 < 3 ? 1 : 0; s[i] = y[i] * 0.8 + ((i * 2654435761) % 1000003) / 1000003; }
    const t0 = performance.now();
    const auc = rocAuc(y, s);
    const ci = aucCi(y, s);
    const curve = rocCurve(y, s);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(2000);
    expect(ci.auc).toBe(auc);
    expect(ci.lower).toBeLessThan(auc);
    expect(curve.fpr.length).toBeLessThanOrEqual(300);
    expect([curve.fpr[0], curve.tpr[0], curve.fpr.at(-1), curve.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
    const full = tableRocCurve(buildThresholdTable(y, s));
    const points = new Set(Array.from(full.thresholds, (t, i) => `${t}:${full.fpr[i]}:${full.tpr[i]}`));
    curve.thresholds.forEach((t, i) => expect(points.has(`${t}:${curve.fpr[i]}:${curve.tpr[i]}`)).toBe(true));
  });
});

describe('properties', () => {
  const data = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -5, max: 5, noNaN: true }))),
    { minLength: 1, maxLength: 50 });

  it('AUC in [0, 1], equal to the O(n²) definition, AUC(y, −s) = 1 − AUC(y, s), same DeLong se', () => {
    fc.assert(fc.property(data, (rows) => {
      const y = Uint8Array.from(rows, (r) => r[0]);
      const s = Float64Array.from(rows, (r) => r[1]);
      const auc = rocAuc(y, s);
      const events = y.reduce((a, b) => a + b, 0);
      if (events === 0 || events === y.length) { expect(auc).toBeNaN(); return; }
      expect(auc).toBeGreaterThanOrEqual(0);
      expect(auc).toBeLessThanOrEqual(1);
      expectClose(auc, bruteAuc(y, s), 1e-15);
      const neg = Float64Array.from(s, (v) => -v);
      expectClose(rocAuc(y, neg), 1 - auc, 1e-15);
      const a = aucCi(y, s);
      const b = aucCi(y, neg);
      expectClose(b.se, a.se, 1e-15);
      if (!Number.isNaN(a.se)) expect(a.lower <= auc && auc <= a.upper).toBe(true);
    }), { numRuns: 300 });
  });

  it('the trapezoid area under the ROC curve is the AUC', () => {
    fc.assert(fc.property(data, (rows) => {
      const y = Uint8Array.from(rows, (r) => r[0]);
      const s = Float64Array.from(rows, (r) => r[1]);
      const auc = rocAuc(y, s);
      if (Number.isNaN(auc)) return;
      const { fpr, tpr } = tableRocCurve(buildThresholdTable(y, s));
      let area = 0;
      for (let i = 1; i < fpr.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
      expectClose(area, auc, 1e-12);
    }), { numRuns: 200 });
  });
});
