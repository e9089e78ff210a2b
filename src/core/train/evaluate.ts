/**
 * The test-set evaluation a clinical prediction paper reports (TRIPOD): discrimination (ROC AUC with a
 * DeLong 95% CI, precision–recall), calibration (Brier, slope, intercept, risk-grouped plot) and the
 * threshold-dependent metrics. Curves are downsampled here, in the worker.
 */
import { buildThresholdTable, confusionAt, thresholdMetrics, type ThresholdTable } from '../metrics/threshold-metrics';
import { tableAucCi, rocCurve, type AucCi } from '../metrics/roc';
import { prCurve, averagePrecision } from '../metrics/pr';
import { brierScore, calibrationBins, calibrationEstimates } from '../metrics/calibration';
import type { CurvePoint, Evaluation, ThresholdResult } from './report';
import { decisionCurve } from '../validation/decision-curve';

export interface Scored {
  y: Uint8Array;
  risk: Float64Array;
  rank: Float64Array;
}

/** A threshold table over the risks: any threshold's confusion matrix in O(log n), for the slider. */
export function riskTable(s: Scored): ThresholdTable {
  return buildThresholdTable(s.y, s.risk);
}

export function atThreshold(table: ThresholdTable, threshold: number): ThresholdResult {
  const c = confusionAt(table, threshold);
  return { threshold, confusion: c, ...thresholdMetrics(c) };
}

export function evaluate(s: Scored, table: ThresholdTable, threshold = 0.5): Evaluation {
  const rankTable = s.rank === s.risk ? table : buildThresholdTable(s.y, s.rank);
  const events = table.positives;
  const both = events > 0 && table.negatives > 0;
  const ci: AucCi = both ? tableAucCi(rankTable) : { auc: NaN, se: NaN, lower: NaN, upper: NaN, level: 0.95 };
  const roc = both ? rocCurve(s.y, s.rank) : null;
  const pr = events > 0 ? prCurve(s.y, s.rank) : null;
  const cal = calibrationEstimates(s.y, s.risk);
  return {
    rows: s.y.length,
    events,
    auc: ci.auc,
    aucLow: ci.lower,
    aucHigh: ci.upper,
    brier: brierScore(s.y, s.risk),
    calibrationSlope: cal.slope.value,
    calibrationIntercept: cal.intercept.value,
    calibrationSlopeCi: [cal.slope.low, cal.slope.high],
    calibrationInterceptCi: [cal.intercept.low, cal.intercept.high],
    roc: roc ? points(roc.fpr, roc.tpr, roc.thresholds) : [],
    pr: pr ? points(pr.recall, pr.precision, pr.thresholds) : [],
    averagePrecision: events > 0 ? averagePrecision(s.y, s.rank) : NaN,
    calibration: calibrationBins(s.y, s.risk, Math.min(10, Math.max(1, Math.floor(s.y.length / 10)))),
    atThreshold: atThreshold(table, threshold),
    decisionCurve: decisionCurve(table),
  };
}

function points(x: Float64Array, y: Float64Array, thresholds: Float64Array): CurvePoint[] {
  return Array.from(x, (xv, k) => ({ x: xv, y: y[k], threshold: k < thresholds.length ? thresholds[k] : NaN }));
}
