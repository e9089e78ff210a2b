import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { confusion, type Confusion } from './classification';
import {
  accuracy, balancedAccuracy, buildThresholdTable, confusionAt, countAtOrAbove, f1, npv, ppv, sensitivity, specificity,
  thresholdMetrics,
} from './threshold-metrics';
import { labels, metricsCases, nan } from '../__fixtures__/metrics/load';

function expectClose(actual: number, expected: number, tol = 1e-15): void {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
}

describe('threshold metrics against scikit-learn 1.2.1 (metrics-cases.json)', () => {
  for (const c of metricsCases()) {
    it(c.name, () => {
      const y = labels(c.y);
      const s = Float64Array.from(c.score);
      const table = buildThresholdTable(y, s);
      for (const a of c.at) {
        const expected: Confusion = { tp: a.tp, fp: a.fp, tn: a.tn, fn: a.fn };
        const cm = confusion(y, s, a.t);
        expect(cm).toEqual(expected);
        expect(confusionAt(table, a.t)).toEqual(expected);
        const m = thresholdMetrics(cm);
        expectClose(m.sensitivity, nan(a.sensitivity));
        expectClose(m.specificity, nan(a.specificity));
        expectClose(m.ppv, nan(a.ppv));
        expectClose(m.npv, nan(a.npv));
        expectClose(m.f1, nan(a.f1));
        expectClose(m.balancedAccuracy, nan(a.balanced_accuracy));
        expectClose(m.accuracy, a.accuracy);
      }
    });
  }
});

describe('threshold metrics by hand', () => {
  it('a small confusion matrix', () => {
    const c: Confusion = { tp: 8, fp: 2, tn: 6, fn: 4 };
    expect(sensitivity(c)).toBe(8 / 12);
    expect(specificity(c)).toBe(6 / 8);
    expect(ppv(c)).toBe(8 / 10);
    expect(npv(c)).toBe(6 / 10);
    expect(f1(c)).toBe(16 / 22);
    expect(balancedAccuracy(c)).toBeCloseTo((8 / 12 + 6 / 8) / 2, 15);
    expect(accuracy(c)).toBe(14 / 20);
  });

  it('NaN, not 0 and not a throw, where a denominator is 0', () => {
    const nothingPredicted: Confusion = { tp: 0, fp: 0, tn: 5, fn: 3 };
    expect(ppv(nothingPredicted)).toBeNaN();
    expect(sensitivity(nothingPredicted)).toBe(0);
    const noEvents: Confusion = { tp: 0, fp: 2, tn: 5, fn: 0 };
    expect(sensitivity(noEvents)).toBeNaN();
    expect(balancedAccuracy(noEvents)).toBeNaN();
    expect(f1(noEvents)).toBe(0);
    const empty: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
    for (const v of Object.values(thresholdMetrics(empty))) expect(v).toBeNaN();
  });
});

describe('ThresholdTable', () => {
  it('distinct scores descending with cumulative counts (sklearn _binary_clf_curve)', () => {
    const t = buildThresholdTable(Uint8Array.from([0, 0, 1, 1, 1]), Float64Array.from([0.2, 0.6, 0.2, 0.9, 0.6]));
    expect(Array.from(t.thresholds)).toEqual([0.9, 0.6, 0.2]);
    expect(Array.from(t.tp)).toEqual([1, 2, 3]);
    expect(Array.from(t.fp)).toEqual([0, 1, 2]);
    expect([t.positives, t.negatives, t.nanScores]).toEqual([3, 2, 0]);
    expect(countAtOrAbove(t, 0.6)).toBe(2);
    expect(countAtOrAbove(t, 0.61)).toBe(1);
    expect(countAtOrAbove(t, NaN)).toBe(0);
  });

  it('NaN scores are never events, ±∞ and −0 behave as in confusion()', () => {
    const y = Uint8Array.from([1, 0, 1, 0, 1, 0]);
    const s = Float64Array.from([NaN, NaN, Infinity, -Infinity, -0, 0]);
    const t = buildThresholdTable(y, s);
    expect(t.nanScores).toBe(2);
    for (const th of [NaN, Infinity, -Infinity, 0, -0, 1e-300, -1e-300, 5]) expect(confusionAt(t, th)).toEqual(confusion(y, s, th));
  });

  it('refuses labels and scores of different lengths', () => {
    expect(() => buildThresholdTable(new Uint8Array(3), new Float64Array(2))).toThrow(RangeError);
  });

  it('property: confusionAt(table, t) = confusion(y, p, t) for any t', () => {
    const row = fc.tuple(fc.integer({ min: 0, max: 1 }),
      fc.oneof(fc.constantFrom(0, 0.1, 0.25, 0.5, 1, NaN), fc.double({ min: 0, max: 1, noNaN: true })));
    fc.assert(fc.property(fc.array(row, { maxLength: 60 }), fc.array(fc.double({ min: -0.1, max: 1.1 }), { maxLength: 8 }),
      (rows, extra) => {
        const y = Uint8Array.from(rows, (r) => r[0]);
        const p = Float64Array.from(rows, (r) => r[1]);
        const table = buildThresholdTable(y, p);
        for (const t of [...extra, ...p, 0, 1, NaN]) {
          const c = confusionAt(table, t);
          expect(c).toEqual(confusion(y, p, t));
          for (const v of Object.values(thresholdMetrics(c))) expect(Number.isNaN(v) || (v >= 0 && v <= 1)).toBe(true);
        }
      }), { numRuns: 300 });
  });

  it('200,000 rows: built in well under a second, each lookup O(log n)', () => {
    const n = 200_000;
    const y = new Uint8Array(n);
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) { p[i] = ((i * 2654435761) % 1000003) / 1000003; y[i] = (i * 40503) % 7 < 2 ? 1 : 0; }
    const t0 = performance.now();
    const table = buildThresholdTable(y, p);
    const built = performance.now() - t0;
    const t1 = performance.now();
    for (let k = 0; k <= 1000; k++) confusionAt(table, k / 1000);
    const lookups = performance.now() - t1;
    expect(built).toBeLessThan(1000);
    expect(lookups).toBeLessThan(50);
    for (const t of [0, 0.3, 0.5, 0.999]) expect(confusionAt(table, t)).toEqual(confusion(y, p, t));
  });
});
