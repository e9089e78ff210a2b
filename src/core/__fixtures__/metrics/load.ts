/** Test helpers: the metrics fixtures made by make-metrics-cases.py and make-fold-cases.py (beside this file). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const read = (file: string): string => readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8');

/** A value scikit-learn leaves undefined (NaN) is written as null. */
export type Num = number | null;

export interface Curve3 { fpr: Num[]; tpr: Num[]; thresholds: number[] }

export interface AtThreshold {
  t: number; tp: number; fp: number; tn: number; fn: number;
  sensitivity: Num; specificity: Num; ppv: Num; npv: Num; f1: Num; balanced_accuracy: Num; accuracy: number;
}

export interface MetricsCase {
  name: string;
  prob: boolean;
  y: string;
  score: number[];
  auc?: number;
  delong?: { auc: number; se: number; lower: number; upper: number } | null;
  roc: Curve3;
  roc_full?: Curve3;
  pr: { precision: number[]; recall: number[]; thresholds: number[] };
  ap?: number;
  at: AtThreshold[];
  brier?: number;
  calibration?: { slope: Num; slope_intercept: Num; citl: number; citl_statsmodels: Num };
  bins?: {
    edges: number[]; mean_predicted: number[]; observed: number[]; count: number[]; events: number[];
    wilson_lower: number[]; wilson_upper: number[];
  };
  r?: Partial<Record<'auc_w' | 'delong_se' | 'delong_lo' | 'delong_hi' | 'glm_slope' | 'glm_slope_intercept' | 'glm_citl', number>>;
}

export interface FoldCase { name: string; y: string; k: number; seed: number; folds: number[][]; warns: boolean }
export interface FoldError { name: string; y: string; k: number; sklearn: string }

export const metricsCases = (): MetricsCase[] => (JSON.parse(read('metrics-cases.json')) as { cases: MetricsCase[] }).cases;
export const foldCases = (): { cases: FoldCase[]; errors: FoldError[] } =>
  JSON.parse(read('fold-cases.json')) as { cases: FoldCase[]; errors: FoldError[] };

export const labels = (s: string): Uint8Array => Uint8Array.from(s, Number);
export const nan = (v: Num | undefined): number => (v === null || v === undefined ? NaN : v);
