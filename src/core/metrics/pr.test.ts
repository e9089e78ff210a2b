import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { averagePrecision, prCurve, tablePrCurve } from './pr';
import { buildThresholdTable } from './threshold-metrics';
import { labels, metricsCases } from '../__fixtures__/metrics/load';

describe('against scikit-learn 1.2.1 (metrics-cases.json)', () => {
  for (const c of metricsCases()) {
    it(c.name, () => {
      const y = labels(c.y);
      const s = Float64Array.from(c.score);
      const curve = tablePrCurve(buildThresholdTable(y, s));
      // precision_recall_curve: the same points and thresholds, bit for bit.
      expect(Array.from(curve.precision)).toEqual(c.pr.precision);
      expect(Array.from(curve.recall)).toEqual(c.pr.recall);
      expect(Array.from(curve.thresholds)).toEqual(c.pr.thresholds);
      // average_precision_score (sklearn 1.2.1 returns -0.0 without events; we say NaN).
      if (c.ap === undefined) expect(averagePrecision(y, s)).toBeNaN();
      else expect(Math.abs(averagePrecision(y, s) - c.ap)).toBeLessThanOrEqual(1e-15);
    });
  }
});

describe('by hand', () => {
  it('sklearn docstring: y = [0,0,1,1], s = [0.1,0.4,0.35,0.8]', () => {
    const y = Uint8Array.from([0, 0, 1, 1]);
    const s = Float64Array.from([0.1, 0.4, 0.35, 0.8]);
    const c = tablePrCurve(buildThresholdTable(y, s));
    expect(Array.from(c.precision)).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
    expect(Array.from(c.recall)).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(Array.from(c.thresholds)).toEqual([0.1, 0.35, 0.4, 0.8]);
    // AP = 0.5·1 + 0.5·(2/3) = 0.8333…
    expect(averagePrecision(y, s)).toBeCloseTo(5 / 6, 15);
  });

  it('perfect ranking gives AP 1, all tied gives the prevalence', () => {
    expect(averagePrecision(Uint8Array.from([0, 1, 0, 1]), Float64Array.from([0.1, 0.9, 0.2, 0.8]))).toBe(1);
    expect(averagePrecision(Uint8Array.from([0, 1, 0, 0]), new Float64Array(4).fill(0.3))).toBe(0.25);
  });

  it('refuses NaN scores', () => {
    expect(() => averagePrecision(Uint8Array.from([0, 1]), Float64Array.from([0.1, NaN]))).toThrow(RangeError);
  });
});

describe('display curve', () => {
  it('≤ 300 points, both ends kept, thresholds one fewer than points at most, fast on 200,000 rows', () => {
    const n = 200_000;
    const y = new Uint8Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) { y[i] = (i * 40503) % 10 < 2 ? 1 : 0; s[i] = y[i] * 0.5 + ((i * 2654435761) % 1000003) / 1000003; }
    const t0 = performance.now();
    const ap = averagePrecision(y, s);
    const c = prCurve(y, s);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(ap).toBeGreaterThan(0.2);
    expect(c.precision.length).toBeLessThanOrEqual(300);
    expect(c.recall[0]).toBe(1);
    expect([c.recall.at(-1), c.precision.at(-1)]).toEqual([0, 1]);
    expect(c.thresholds.length).toBe(c.precision.length - 1);
    for (let i = 1; i < c.recall.length; i++) expect(c.recall[i]).toBeLessThanOrEqual(c.recall[i - 1]);
  });
});

describe('properties', () => {
  it('AP in [0, 1], precision and recall in [0, 1], recall non-increasing', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.oneof(fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 1, noNaN: true }))),
      { minLength: 1, maxLength: 50 });
    fc.assert(fc.property(rows, (r) => {
      const y = Uint8Array.from(r, (v) => v[0]);
      const s = Float64Array.from(r, (v) => v[1]);
      const ap = averagePrecision(y, s);
      if (y.every((v) => v === 0)) expect(ap).toBeNaN();
      else expect(ap >= 0 && ap <= 1 + 1e-15).toBe(true);
      const c = tablePrCurve(buildThresholdTable(y, s));
      for (let i = 0; i < c.recall.length; i++) {
        expect(c.precision[i] >= 0 && c.precision[i] <= 1 && c.recall[i] >= 0 && c.recall[i] <= 1).toBe(true);
        if (i > 0) expect(c.recall[i]).toBeLessThanOrEqual(c.recall[i - 1]);
      }
    }), { numRuns: 300 });
  });
});
