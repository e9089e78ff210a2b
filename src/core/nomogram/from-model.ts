/**
 * The nomogram of a fitted logistic model in the app: its z-score weights turned back into the columns'
 * units, and each axis's range taken from the training rows as rms's datadist takes it from the data it
 * is given (the test gives rms the same rows): the full range, min to max, of the present values (a
 * missing cell filled in is not a value anyone had), and for a column with at most 10 distinct values
 * those values themselves (datadist's n.unique = 10), where the axis is drawn at each of them.
 */
import type { ColMajor } from '../linalg/matrix';
import type { Column } from '../table/column';
import { OTHER_LABEL, OTHER_LEVEL, type FittedPrep } from '../prep/pipeline';
import { nomogram, type Nomogram, type NomogramPredictorInput } from './nomogram';

/** rms::datadist's n.unique: a numeric column with at most this many distinct values is drawn at each. */
const FEW_VALUES = 10;

export interface ModelNomogram extends Nomogram {
  /** Columns left off: every one of their features was dropped from the model (constant or collinear: no weight). */
  omitted: string[];
}

/** What the adapter reads from the prepared data: the fitted preprocessing, the training rows and their columns. */
export interface TrainingRows {
  fitted: FittedPrep;
  /** The training rows' standardized design matrix. */
  trainX: ColMajor;
  trainRows: Int32Array;
  featureColumns: Column[];
}

/**
 * The nomogram of a linear logistic model (weights on the z-score scale, as the app fits them), or null
 * when it cannot be drawn: an infinite weight (separation), or no predictor that changes the risk.
 * A weight that is NaN (a feature the MLE left out) contributes nothing, as in scoring.
 */
export function modelNomogram(d: TrainingRows, w: { coef: Float64Array; intercept: number }): ModelNomogram | null {
  const { mean, std } = d.fitted.scaler;
  const features = d.fitted.features;
  // a note's terms would be hundreds of axes, and a reader cannot weigh a note's TF-IDF by hand: no nomogram
  if (d.fitted.transforms.some((t) => t.kind === 'text')) return null;
  for (let j = 0; j < features.length; j++) if (w.coef[j] === Infinity || w.coef[j] === -Infinity) return null;
  const used = (j: number) => Number.isFinite(w.coef[j]);
  // β per unit = β_z / σ; b₀ = b_z − Σ β_z·μ / σ (the per-unit intercept of the coefficient table)
  const perUnit = (j: number) => (used(j) ? w.coef[j] / std[j] : 0);
  let intercept = w.intercept;
  for (let j = 0; j < features.length; j++) if (used(j)) intercept -= (w.coef[j] * mean[j]) / std[j];

  const columns = new Map(d.featureColumns.map((c) => [c.name, c]));
  const predictors: NomogramPredictorInput[] = [];
  const omitted: string[] = [];
  let j = 0;
  for (const t of d.fitted.transforms) {
    const first = j;
    while (j < features.length && features[j].column === t.column) j++;
    const own = Array.from({ length: j - first }, (_, k) => first + k);
    if (!own.some(used)) {
      omitted.push(t.column);
      continue;
    }
    if (t.kind === 'text') throw new Error('a note column has no nomogram axis');
    if (t.kind === 'numeric') {
      const c = columns.get(t.column);
      if (!c || c.storage !== 'numeric') throw new Error(`column ${t.column} changed storage since it was fitted`);
      predictors.push({ kind: 'numeric', name: t.column, coef: perUnit(first), ...observedRange(c.values, d.trainRows, t.fill) });
    } else {
      // the reference level (the first frequent level, or "(other)" when none is frequent) at 0, then each feature's level
      const reference = t.levels.length > 0 ? t.levels[0] : OTHER_LABEL;
      const levels = [{ label: reference, coef: 0 }];
      for (const k of own) {
        const f = features[k];
        if (f.kind === 'indicator') levels.push({ label: f.level === OTHER_LEVEL ? OTHER_LABEL : f.level, coef: perUnit(k) });
      }
      predictors.push({ kind: 'categorical', name: t.column, levels });
    }
  }
  if (predictors.length === 0) return null;

  // the training rows' log-odds, for the total-points axis (rms: the fit's linear predictors)
  // (a column at a time, down the column-major matrix; each row's sum in the same order as row by row)
  const n = d.trainX.rows;
  const eta = new Float64Array(n).fill(w.intercept);
  for (let k = 0; k < features.length; k++) {
    if (!used(k)) continue;
    const c = w.coef[k], o = k * n, x = d.trainX.data;
    for (let i = 0; i < n; i++) eta[i] += c * x[o + i];
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, eta[i]);
    hi = Math.max(hi, eta[i]);
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) return null;
  try {
    return { ...nomogram({ intercept, predictors, lpRange: [lo, hi] }), omitted };
  } catch {
    return null; // no predictor changes the log-odds
  }
}

/** datadist's "Low" and "High" (min and max of the present values), its few distinct values, and whether all are whole. */
function observedRange(values: Float64Array, rows: Int32Array, fill: number | null): { low: number; high: number; values: number[] | null; integer: boolean } {
  let low = Infinity;
  let high = -Infinity;
  let integer = true;
  for (let k = 0; k < rows.length; k++) {
    const v = values[rows[k]];
    if (v < low) low = v; // NaN fails both comparisons
    if (v > high) high = v;
    if (integer && v === v && !Number.isInteger(v)) integer = false;
  }
  // the first FEW_VALUES + 1 distinct values: a measurement gets there within a few rows
  const distinct = new Set<number>();
  for (let k = 0; k < rows.length && distinct.size <= FEW_VALUES; k++) {
    const v = values[rows[k]];
    if (v === v) distinct.add(v);
  }
  if (low > high) {
    // no value present: the axis is the fill value alone
    const v = fill ?? 0;
    return { low: v, high: v, values: [v], integer: Number.isInteger(v) };
  }
  return { low, high, values: distinct.size <= FEW_VALUES ? [...distinct].sort((a, b) => a - b) : null, integer };
}
