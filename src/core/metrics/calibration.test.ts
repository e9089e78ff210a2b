import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { brierScore, calibrationBins, calibrationInTheLarge, calibrationSlope, clippedLogit, wilsonInterval } from './calibration';
import { labels, metricsCases, nan } from '../__fixtures__/metrics/load';
import { MT19937 } from '../random/mt19937';

function expectClose(actual: number, expected: number, tol: number): void {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
}

describe('against scikit-learn 1.2.1, statsmodels 0.13 and R 4.2 glm (metrics-cases.json)', () => {
  for (const c of metricsCases().filter((k) => k.prob)) {
    it(c.name, () => {
      const y = labels(c.y);
      const p = Float64Array.from(c.score);
      expectClose(brierScore(y, p), nan(c.brier), 1e-15);
      const slope = calibrationSlope(y, p);
      const citl = calibrationInTheLarge(y, p);
      if (!c.calibration) {
        expect([slope.status, citl.status]).toEqual(['one-class', 'one-class']);
        expect(slope.slope).toBeNaN();
        expect(citl.intercept).toBeNaN();
      } else {
        const cal = c.calibration;
        expect(slope.status).toBe(cal.slope === null ? 'separated' : 'ok');
        expectClose(slope.slope, nan(cal.slope), 1e-13);
        expectClose(slope.intercept, nan(cal.slope_intercept), 1e-13);
        expectClose(slope.slope, nan(c.r?.glm_slope ?? cal.slope), 1e-13);
        expectClose(slope.intercept, nan(c.r?.glm_slope_intercept ?? cal.slope_intercept), 1e-13);
        expect(citl.status).toBe('ok');
        const tol = 1e-14 * (1 + Math.abs(cal.citl)); // brentq's root to ~1 ulp of |a| ≈ 35 in the one-class-member cases
        expectClose(citl.intercept, cal.citl, tol);
        if (cal.citl_statsmodels !== null) expectClose(citl.intercept, cal.citl_statsmodels, tol);
        if (c.r?.glm_citl !== undefined) expectClose(citl.intercept, c.r.glm_citl, tol);
      }
      const bins = calibrationBins(y, p);
      const ref = c.bins;
      if (!ref) throw new Error('fixture without bins');
      expect(bins.map((b) => b.count)).toEqual(ref.count);
      expect(bins.map((b) => b.events)).toEqual(ref.events);
      bins.forEach((b, i) => {
        expectClose(b.meanPredicted, ref.mean_predicted[i], 1e-15);
        expectClose(b.observed, ref.observed[i], 0);
        expectClose(b.lower, ref.wilson_lower[i], 1e-15);
        expectClose(b.upper, ref.wilson_upper[i], 1e-15);
      });
    });
  }
});

describe('by hand', () => {
  it('Brier score', () => {
    expect(brierScore(Uint8Array.from([0, 1, 1]), Float64Array.from([0.2, 0.6, 1]))).toBeCloseTo((0.04 + 0.16 + 0) / 3, 16);
    expect(brierScore(new Uint8Array(0), new Float64Array(0))).toBeNaN();
  });

  it('refuses probabilities outside [0, 1] (and NaN), like sklearn', () => {
    for (const bad of [1.2, -0.1, NaN]) {
      const p = Float64Array.from([0.5, bad]);
      const y = Uint8Array.from([0, 1]);
      expect(() => brierScore(y, p)).toThrow(RangeError);
      expect(() => calibrationSlope(y, p)).toThrow(RangeError);
      expect(() => calibrationBins(y, p)).toThrow(RangeError);
    }
  });

  it('logit of p clipped to [1e-15, 1 − 1e-15]', () => {
    expect(clippedLogit(0)).toBe(clippedLogit(1e-15));
    // 1 − 1e-15 is 0.999999999999999000799…, so logit(1) = 34.5396 while logit(0) = −34.5388 (as numpy and R).
    expect(clippedLogit(1)).toBe(Math.log((1 - 1e-15) / (1 - (1 - 1e-15))));
    expect(clippedLogit(0)).toBeCloseTo(-34.538776394910684, 12);
    expect(clippedLogit(0.5)).toBe(0);
  });

  it('constant predictions: citl = logit(ȳ) − logit(p), no slope (status separated)', () => {
    const y = Uint8Array.from([1, 0, 0, 0]);
    const p = new Float64Array(4).fill(0.5);
    expect(calibrationInTheLarge(y, p).intercept).toBeCloseTo(Math.log(1 / 3), 14);
    expect(calibrationSlope(y, p)).toMatchObject({ status: 'separated' });
    expect(calibrationSlope(new Uint8Array(0), new Float64Array(0)).status).toBe('empty');
  });

  it('shifting every logit by δ shifts calibration-in-the-large by −δ; scaling by k divides the slope by k', () => {
    const rng = new MT19937(7);
    const n = 2000;
    const y = new Uint8Array(n);
    const p = new Float64Array(n);
    const shifted = new Float64Array(n);
    const scaled = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const lp = 4 * rng.random() - 2;
      y[i] = rng.random() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
      p[i] = 1 / (1 + Math.exp(-lp));
      shifted[i] = 1 / (1 + Math.exp(-(lp + 0.7)));
      scaled[i] = 1 / (1 + Math.exp(-2 * lp));
    }
    expect(calibrationInTheLarge(y, shifted).intercept).toBeCloseTo(calibrationInTheLarge(y, p).intercept - 0.7, 9);
    expect(calibrationSlope(y, scaled).slope).toBeCloseTo(calibrationSlope(y, p).slope / 2, 9);
  });

  it('Wilson interval (statsmodels proportion_confint method="wilson")', () => {
    // proportion_confint(3, 10, alpha=0.05, method='wilson') = (0.10779126740630104, 0.6032218525388546)
    const w = wilsonInterval(3, 10);
    expectClose(w.lower, 0.10779126740630104, 1e-15);
    expectClose(w.upper, 0.6032218525388546, 1e-15);
    expect(wilsonInterval(0, 5).lower).toBe(0);
  });

  it('200,000 rows: slope, citl and bins in well under two seconds', () => {
    const rng = new MT19937(42);
    const n = 200_000;
    const y = new Uint8Array(n);
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const lp = 6 * rng.random() - 4;
      y[i] = rng.random() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
      p[i] = 1 / (1 + Math.exp(-1.5 * lp - 0.3)); // overconfident and too high
    }
    const t0 = performance.now();
    const s = calibrationSlope(y, p);
    const c = calibrationInTheLarge(y, p);
    const bins = calibrationBins(y, p);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(s.slope).toBeCloseTo(1 / 1.5, 1);
    expect(c.intercept).toBeLessThan(0);
    expect(bins).toHaveLength(10);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(n);
  });
});

describe('properties', () => {
  it('Brier in [0, 1]; bins partition the rows; lower ≤ observed ≤ upper in [0, 1]; mean predicted ascending', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }))),
      { minLength: 1, maxLength: 80 });
    fc.assert(fc.property(rows, fc.integer({ min: 1, max: 12 }), (r, k) => {
      const y = Uint8Array.from(r, (v) => v[0]);
      const p = Float64Array.from(r, (v) => v[1]);
      const b = brierScore(y, p);
      expect(b >= 0 && b <= 1).toBe(true);
      const bins = calibrationBins(y, p, k);
      expect(bins.length).toBeLessThanOrEqual(k);
      expect(bins.reduce((a, x) => a + x.count, 0)).toBe(y.length);
      bins.forEach((x, i) => {
        expect(x.lower >= -1e-15 && x.lower <= x.observed + 1e-15 && x.observed <= x.upper + 1e-15 && x.upper <= 1 + 1e-15).toBe(true);
        if (i > 0) expect(x.meanPredicted).toBeGreaterThanOrEqual(bins[i - 1].meanPredicted);
      });
      const slope = calibrationSlope(y, p);
      expect(['ok', 'one-class', 'separated']).toContain(slope.status);
      const citl = calibrationInTheLarge(y, p);
      expect(citl.status === 'ok' ? Number.isFinite(citl.intercept) : citl.status === 'one-class').toBe(true);
    }), { numRuns: 300 });
  });
});
