/**
 * Decision-curve analysis (Vickers & Elkin 2006): the net benefit of treating the patients whose risk
 * is at or above a threshold probability pt, against treating everyone and treating no one.
 *   NB(model) = TP/n − FP/n · pt/(1 − pt)
 *   NB(treat all) = events/n − non-events/n · pt/(1 − pt);   NB(treat none) = 0.
 * pt/(1 − pt) is the harm of an unneeded treatment relative to the benefit of a needed one that a
 * clinician who would act at pt implies. O(n log n) once (the threshold table), then O(log n) per pt.
 */
import { confusionAt, type ThresholdTable } from '../metrics/threshold-metrics';

export interface DecisionPoint {
  threshold: number;
  netBenefit: number;
  treatAll: number;
}

/** The thresholds of the curve: 1% to 99% by 1%. */
export const CURVE_THRESHOLDS: readonly number[] = Array.from({ length: 99 }, (_, k) => (k + 1) / 100);
/** The thresholds of the table: 5% to 95% by 5%. */
export const TABLE_THRESHOLDS: readonly number[] = Array.from({ length: 19 }, (_, k) => (k + 1) / 20);

/** Net benefit of the model and of treating all at each threshold (a risk table over the risks: see evaluate.ts). */
export function decisionCurve(table: ThresholdTable, thresholds: readonly number[] = CURVE_THRESHOLDS): DecisionPoint[] {
  const n = table.positives + table.negatives;
  return thresholds.map((pt) => {
    if (!(pt > 0 && pt < 1)) throw new RangeError(`decisionCurve: a threshold must be in (0, 1), got ${pt}`);
    const odds = pt / (1 - pt);
    const c = confusionAt(table, pt);
    return {
      threshold: pt,
      netBenefit: n === 0 ? NaN : c.tp / n - (c.fp / n) * odds,
      treatAll: n === 0 ? NaN : table.positives / n - (table.negatives / n) * odds,
    };
  });
}
