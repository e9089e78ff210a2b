/**
 * What the UI receives after training: small, plain data. Curves are downsampled in the worker;
 * the table, the design matrices and the per-row predictions stay there.
 */
import type { Characteristics } from '../report/characteristics';
import type { Confusion } from '../metrics/classification';
import type { ThresholdMetrics } from '../metrics/threshold-metrics';
import type { CalibrationBin } from '../metrics/calibration';
import type { DecisionPoint } from '../validation/decision-curve';

export type { CalibrationBin };
import type { FeatureSpec, PrepNote } from '../prep/prepare';
import type { ModelSpec } from '../models/registry';
import type { ModelNomogram } from '../nomogram/from-model';

export type { ModelKind } from '../models/registry';

/** Something about a trained model the user must read before trusting it. */
export type TrainWarning =
  | { code: 'separation'; features?: string[] }
  | { code: 'collinearity'; features: string[] }
  | { code: 'not-converged'; iterations: number }
  | { code: 'divergence'; epoch: number }
  | { code: 'small-sample'; events: number; features: number }
  | { code: 'few-test-events'; events: number };

export interface Coefficient {
  feature: string;
  /** The CSV column the feature comes from (one-hot features share their column). */
  column: string;
  /** On the standardized scale: change in log-odds (or SVM margin) per one standard deviation. */
  coef: number;
  /** Per one original unit of the column (per 1 for a 0/1 indicator). */
  perUnit: number;
}

/** An odds ratio with its 95% confidence interval. */
export interface OddsRatioCi {
  or: number;
  low: number;
  high: number;
}

/**
 * One row of the odds-ratio table (unpenalized or Firth logistic regression). The estimate is kept on the
 * log-odds scale per one unit of the column, with its interval, so that any increment k gives
 * OR = e^(k·coef) and CI = (e^(k·low), e^(k·high)), whatever the interval's method. NaN where not estimable.
 */
export interface OddsRatioRow {
  feature: string;
  /** The CSV column it comes from. */
  column: string;
  /**
   * 'continuous': per unit of the column (the user picks the increment); 'binary': a 0/1 column, 1 against 0;
   * 'level': a one-hot level against the column's reference level. Only continuous rows have a per-SD odds ratio.
   */
  kind: 'continuous' | 'binary' | 'level';
  /** binary: '1' and '0'; level: the level (or '(other)') and the reference level. */
  level?: string;
  reference?: string;
  /** The training rows' standard deviation, in the column's units. */
  sd: number;
  /**
   * A term of a note column (per unit of its TF-IDF weight): the odds-ratio table, the forest plot and the report
   * leave such rows out (hundreds of terms); the coefficients table shows them by name.
   */
  note?: boolean;
  /** Log-odds per unit, its standard error (Wald), and the 95% interval of the log-odds per unit. */
  coef: number;
  se: number;
  low: number;
  high: number;
  /** How the interval was computed: Wald (β ± 1.96·se), profile (penalized) likelihood as logistf, or none (an L2-penalized fit). */
  interval: 'wald' | 'profile' | 'none';
  /** z (Wald) and the p-value: Wald, or the penalized likelihood-ratio test (Firth, as logistf). */
  z: number;
  p: number;
  pTest: 'wald' | 'likelihood-ratio' | 'none';
  /** The MLE found this predictor part of a (quasi-)separation: no finite estimate, shown as such. */
  separated: boolean;
  perUnit: OddsRatioCi;
  /** Per training SD (continuous rows; for the others the same as perUnit, not shown). */
  perSd: OddsRatioCi;
}

/** Metrics that depend on the decision threshold (event when risk ≥ threshold). NaN when undefined (0/0). */
export interface ThresholdResult extends ThresholdMetrics {
  threshold: number;
  confusion: Confusion;
}

export interface CurvePoint {
  x: number;
  y: number;
  threshold: number;
}

export interface Evaluation {
  rows: number;
  events: number;
  auc: number;
  aucLow: number;
  aucHigh: number;
  brier: number;
  calibrationSlope: number;
  calibrationIntercept: number;
  /** 95% Wald intervals of the slope and of calibration-in-the-large, from their GLMs (NaN where not estimable). */
  calibrationSlopeCi: [number, number];
  calibrationInterceptCi: [number, number];
  /** ROC: x = 1 − specificity, y = sensitivity. */
  roc: CurvePoint[];
  /** Precision–recall: x = recall, y = precision. */
  pr: CurvePoint[];
  averagePrecision: number;
  calibration: CalibrationBin[];
  atThreshold: ThresholdResult;
  /** Net benefit of the model and of treating all, thresholds 1% to 99% (decision-curve analysis). */
  decisionCurve: DecisionPoint[];
}

export interface LossPoint {
  epoch: number;
  loss: number;
  validationLoss?: number;
}

export interface CrossValidation {
  folds: number;
  auc: { mean: number; sd: number; values: number[] };
  accuracy: { mean: number; sd: number; values: number[] };
}

export interface TrainReport {
  model: ModelSpec;
  outcome: string;
  positiveClass: string;
  negativeClasses: string[];
  features: FeatureSpec[];
  /** Linear models: the weights on the standardized scale and per unit. */
  coefficients?: Coefficient[];
  intercept?: number;
  interceptPerUnit?: number;
  /** Unpenalized logistic regression: Wald statistics and odds ratios. */
  oddsRatios?: OddsRatioRow[];
  /** An L2-penalized logistic model's odds ratios (e^β per unit, no intervals): for the forest plot, labelled as penalized. */
  penalizedOddsRatios?: OddsRatioRow[];
  fitSummary?: { deviance: number; nullDeviance: number; aic: number };
  /** Logistic models (linear, in log-odds): the nomogram and its points table, as rms::nomogram draws it. */
  nomogram?: ModelNomogram;
  /** SVM: probabilities are Platt-scaled decision values fitted on the training rows. */
  probabilityNote?: 'platt';
  trainAccuracy: number;
  baselineAccuracy: number;
  baselineClass: string;
  test: Evaluation;
  lossCurve?: LossPoint[];
  /** For gradient descent: J at the exact optimum (L-BFGS), the line its curve should approach. */
  optimumLoss?: number;
  /**
   * Rows and events on each side, and distinct patients (equal to the rows without a patient key);
   * `sharedPatients`: patients with rows on both sides (0 for a random split with a key).
   */
  counts: { train: number; test: number; trainEvents: number; testEvents: number; trainPatients: number; testPatients: number; sharedPatients: number };
  /** The patient key the split used, or null (each row a patient). */
  patientKey: string | null;
  /** Participant flow, the training and test rows' characteristics, events per parameter (the report's TRIPOD sections). */
  characteristics: Characteristics;
  solver: { iterations: number; converged: boolean };
  crossValidation?: CrossValidation;
  prepNotes: PrepNote[];
  warnings: TrainWarning[];
}

export interface ComparisonRow {
  model: ModelSpec;
  auc: number;
  aucLow: number;
  aucHigh: number;
  accuracy: number;
  brier: number;
  warnings: TrainWarning[];
}
