import { describe, expect, it } from 'vitest';
import { FIXTURES, preparedFixture } from '../__fixtures__/reference/load';
import { predictProba } from '../models/logistic';
import { atThreshold, evaluate, riskTable } from './evaluate';
import { confusion } from '../metrics/classification';

/** The fixtures' own predictions (their coefficients on the same test rows) must give their AUC, Brier and confusion matrix. */
describe.each(FIXTURES)('evaluation of the scikit-learn predictions on %s', (name) => {
  it('reproduces roc_auc_score, brier_score_loss and confusion_matrix (|Δ| ≤ 1e-6)', async () => {
    const { fx, p } = await preparedFixture(name);
    const risk = predictProba(p.testX, Float64Array.from(fx.logistic_l2_C1.coef), fx.logistic_l2_C1.intercept);
    const scored = { y: p.testY, risk, rank: risk };
    const e = evaluate(scored, riskTable(scored));
    expect(Math.abs(e.auc - fx.logistic_l2_C1.auc)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(e.brier - fx.logistic_l2_C1.brier)).toBeLessThanOrEqual(1e-6);
    const [[tn, fp], [fn, tp]] = fx.logistic_l2_C1.confusion;
    expect(e.atThreshold.confusion).toEqual({ tn, fp, fn, tp });
    expect(e.aucLow).toBeLessThan(e.auc);
    expect(e.aucHigh).toBeGreaterThan(e.auc);
    expect(e.roc.length).toBeLessThanOrEqual(300);
    expect(e.roc[0]).toMatchObject({ x: 0, y: 0 });
    expect(e.roc[e.roc.length - 1]).toMatchObject({ x: 1, y: 1 });
  });
});

describe('threshold queries', () => {
  it('give exactly the counts of recounting the rows, for any threshold', () => {
    const y = Uint8Array.from([0, 1, 1, 0, 1, 0, 0, 1, 1, 0]);
    const risk = Float64Array.from([0.1, 0.9, 0.5, 0.5, 0.3, 0.05, 0.7, 0.7, 0.2, 0.4]);
    const table = riskTable({ y, risk, rank: risk });
    for (const t of [0, 0.05, 0.1, 0.2, 0.3, 0.35, 0.4, 0.5, 0.55, 0.7, 0.9, 0.95, 1]) {
      const r = atThreshold(table, t);
      expect(r.confusion).toEqual(confusion(y, risk, t));
      expect(r.threshold).toBe(t);
    }
    // t = 0.5: predicted events are 0.9, 0.5, 0.5, 0.7, 0.7 → TP 3 (0.9, 0.5, 0.7), FP 2
    const half = atThreshold(table, 0.5);
    expect(half.confusion).toEqual({ tp: 3, fp: 2, tn: 3, fn: 2 });
    expect(half.sensitivity).toBe(0.6);
    expect(half.ppv).toBe(0.6);
  });
});
