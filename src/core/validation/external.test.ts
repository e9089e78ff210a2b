import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { composeRecalibration, evaluateExternal, fitRecalibration, lowessCurve, recalibrated } from './external';
import { decisionCurve, TABLE_THRESHOLDS } from './decision-curve';
import { buildThresholdTable } from '../metrics/threshold-metrics';

interface Case {
  name: string; p: number[]; y: number[]; brier: number; valprob_intercept: number; valprob_slope: number; somers2_c: number;
  citl: number; citl_ci: [number, number]; slope: number; slope_ci: [number, number]; auc_delong: [number, number, number];
}
// Made by ../__fixtures__/validation/make-external-cases.R (R 4.2: rms::val.prob, Hmisc::somers2, glm, pROC).
const fixture = JSON.parse(readFileSync(new URL('../__fixtures__/validation/external-cases.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('external validation against R', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const y = Uint8Array.from(c.y);
    const p = Float64Array.from(c.p);
    const e = evaluateExternal(y, p);
    expect(e.rows).toBe(c.y.length);
    expect(e.brier).toBeCloseTo(c.brier, 12); // val.prob
    expect(e.calibrationSlope.value).toBeCloseTo(c.valprob_slope, 6); // lrm's tolerance
    expect(e.recalibrationIntercept).toBeCloseTo(c.valprob_intercept, 6);
    expect(e.calibrationSlope.value).toBeCloseTo(c.slope, 8); // glm
    // glm's standard error comes from the working weights of its last IRLS step, taken one step before
    // the converged estimate; ours from the information at the estimate: they agree to about 1e-5
    expect(e.calibrationSlope.low).toBeCloseTo(c.slope_ci[0], 4);
    expect(e.calibrationSlope.high).toBeCloseTo(c.slope_ci[1], 4);
    expect(e.calibrationIntercept.value).toBeCloseTo(c.citl, 8); // glm(y ~ 1, offset = logit p)
    expect(e.calibrationIntercept.low).toBeCloseTo(c.citl_ci[0], 4);
    expect(e.calibrationIntercept.high).toBeCloseTo(c.citl_ci[1], 4);
    expect(e.auc.value).toBeCloseTo(c.somers2_c, 12); // somers2
    expect(e.auc.low).toBeCloseTo(c.auc_delong[1], 10); // pROC DeLong
    expect(e.auc.high).toBeCloseTo(c.auc_delong[2], 10);
    expect(e.oe).toBeCloseTo(c.y.reduce((s, v) => s + v, 0) / c.p.reduce((s, v) => s + v, 0), 12);
  });

  it('recalibration: the intercept update makes calibration-in-the-large 0, the logistic one the slope 1 too', () => {
    for (const c of fixture.cases) {
      const y = Uint8Array.from(c.y);
      const p = Float64Array.from(c.p);
      const byIntercept = fitRecalibration(y, p, 'intercept');
      const logistic = fitRecalibration(y, p, 'logistic');
      if (!byIntercept || !logistic) throw new Error('no recalibration');
      expect(byIntercept.intercept).toBeCloseTo(c.citl, 8);
      expect(byIntercept.slope).toBe(1);
      expect(logistic.intercept).toBeCloseTo(c.valprob_intercept, 6);
      expect(logistic.slope).toBeCloseTo(c.valprob_slope, 6);
      expect(evaluateExternal(y, recalibrated(p, byIntercept)).calibrationIntercept.value).toBeCloseTo(0, 9);
      const after = evaluateExternal(y, recalibrated(p, logistic));
      expect(after.calibrationSlope.value).toBeCloseTo(1, 8);
      expect(after.calibrationIntercept.value).toBeCloseTo(0, 1);
      expect(after.auc.value).toBeCloseTo(c.somers2_c, 12); // a monotone update keeps the ranking
      expect(fitRecalibration(y, p, 'none')).toBeNull();
    }
  });

  it('recalibrations compose on the log-odds', () => {
    const first = { intercept: 0.3, slope: 0.8, method: 'shrinkage' as const, rows: 100 };
    const then = { intercept: -0.5, slope: 1.2, method: 'logistic' as const, rows: 50 };
    const both = composeRecalibration(first, then);
    const p = Float64Array.from([0.05, 0.3, 0.7, 0.99]);
    const twice = recalibrated(recalibrated(p, first), then);
    recalibrated(p, both).forEach((v, i) => expect(v).toBeCloseTo(twice[i], 12));
    expect(composeRecalibration(null, then)).toBe(then);
  });

  it('the smoothed curve follows the data and stays in [0, 1]', () => {
    const x = Array.from({ length: 400 }, (_, i) => i / 399);
    const y = x.map((v, i) => (((i * 7919) % 1000) / 1000 < v ? 1 : 0));
    const curve = lowessCurve(x, y);
    expect(curve.length).toBe(50);
    for (const pt of curve) {
      expect(pt.observed).toBeGreaterThanOrEqual(0);
      expect(pt.observed).toBeLessThanOrEqual(1);
      expect(Math.abs(pt.observed - pt.predicted)).toBeLessThan(0.15);
    }
  });
});

describe('decision curve', () => {
  it('net benefit equals its formula at every threshold (1e-12)', () => {
    const risk = Float64Array.from([0.02, 0.08, 0.15, 0.15, 0.3, 0.42, 0.55, 0.61, 0.77, 0.93]);
    const y = Uint8Array.from([0, 0, 1, 0, 0, 1, 0, 1, 1, 1]);
    const n = 10;
    for (const pt of decisionCurve(buildThresholdTable(y, risk), TABLE_THRESHOLDS)) {
      let tp = 0;
      let fp = 0;
      risk.forEach((r, i) => {
        if (r >= pt.threshold) {
          if (y[i] === 1) tp++;
          else fp++;
        }
      });
      const odds = pt.threshold / (1 - pt.threshold);
      expect(pt.netBenefit).toBeCloseTo(tp / n - (fp / n) * odds, 12);
      expect(pt.treatAll).toBeCloseTo(5 / n - (5 / n) * odds, 12);
    }
    // at a threshold below every risk the model treats everyone
    const low = decisionCurve(buildThresholdTable(y, risk), [0.01])[0];
    expect(low.netBenefit).toBeCloseTo(low.treatAll, 15);
    expect(() => decisionCurve(buildThresholdTable(y, risk), [1])).toThrow(RangeError);
  });
});
