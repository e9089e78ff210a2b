import type { Table, Column } from '../table/column';
import { colMajor, type ColMajor } from '../linalg/matrix';
import { numericFillValue, modeCode } from './impute';
import { fitScaler, applyScaler, type ScalerParams } from './scale';
import type { PrepSetup } from './setup';

/**
 * The fitted preprocessing, as scikit-learn's ColumnTransformer + StandardScaler: `fitPipeline`
 * learns fill values, category levels and z-scores from training rows only; `transform` applies
 * them to any rows (test rows, a cross-validation fold, later one patient or a batch file).
 */

/** One column of the design matrix and where it comes from (scikit-learn's output_indices_). */
export type FeatureSpec =
  | { kind: 'numeric'; name: string; column: string }
  | { kind: 'indicator'; name: string; column: string; level: string };

/**
 * How each used CSV column is turned into design columns: learned on the training rows only. The
 * training range, median and most frequent level describe the "reference patient" (what a form is
 * prefilled with, what contributions are measured against, what counts as extrapolation).
 */
export type ColumnTransform =
  | { kind: 'numeric'; column: string; fill: number | null; min: number; max: number; median: number }
  | { kind: 'categorical'; column: string; levels: string[]; fill: string | null; mode: string | null };

/** The fitted preprocessing: plain, serializable data that reproduces the design matrix for any rows. */
export interface FittedPrep {
  setup: PrepSetup;
  transforms: ColumnTransform[];
  features: FeatureSpec[];
  scaler: ScalerParams;
}

export type PipelineNote =
  | { code: 'constant-features'; features: string[] }
  | { code: 'unseen-levels'; column: string; count: number; examples: string[] }
  | { code: 'feature-all-missing'; column: string };

/** Where the pipeline reports what it noticed (any array of a wider note type will do). */
export interface NoteSink {
  push(...notes: PipelineNote[]): unknown;
}

/** Fits the pipeline on the training rows; returns it with the training rows' standardized design matrix. */
export function fitPipeline(
  table: Table,
  setup: PrepSetup,
  features: Column[],
  trainRows: Int32Array,
  notes: NoteSink,
): { fitted: FittedPrep; trainX: ColMajor } {
  const transforms = features.map((c) => fitTransform(c, trainRows, setup, notes));
  const specs = transforms.flatMap(featureSpecs);
  const trainX = design(table, transforms, specs.length, trainRows, notes);
  const scaler = fitScaler(trainX);
  applyScaler(scaler, trainX);
  const constant = specs.filter((_, j) => isConstant(trainX, j)).map((s) => s.name);
  if (constant.length > 0) notes.push({ code: 'constant-features', features: constant });
  return { fitted: { setup, transforms, features: specs, scaler }, trainX };
}

/** The standardized design matrix of any rows under a fitted pipeline. */
export function transform(table: Table, fitted: FittedPrep, rows: Int32Array, notes: NoteSink = []): ColMajor {
  const X = design(table, fitted.transforms, fitted.features.length, rows, notes);
  applyScaler(fitted.scaler, X);
  return X;
}

/** Learns a column's fill value and (categorical) its sorted training levels. */
function fitTransform(c: Column, trainRows: Int32Array, setup: PrepSetup, notes: NoteSink): ColumnTransform {
  const impute = setup.missing !== 'drop';
  if (c.storage === 'numeric') {
    let fill: number | null = null;
    if (impute) {
      const v = numericFillValue(c.values, trainRows, setup.missing === 'drop' ? 'mean' : setup.missing);
      if (v !== v) notes.push({ code: 'feature-all-missing', column: c.name });
      fill = v === v ? v : 0;
    }
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < trainRows.length; k++) {
      const v = c.values[trainRows[k]];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const median = numericFillValue(c.values, trainRows, 'median');
    return { kind: 'numeric', column: c.name, fill, min: min <= max ? min : NaN, max: min <= max ? max : NaN, median };
  }
  const present = new Uint8Array(c.levels.length);
  for (let k = 0; k < trainRows.length; k++) {
    const code = c.codes[trainRows[k]];
    if (code >= 0) present[code] = 1;
  }
  const levels = c.levels.filter((_, k) => present[k] === 1).sort(compareText);
  const rank = new Int32Array(c.levels.length);
  const sortedAll = Array.from(c.levels.keys()).sort((a, b) => compareText(c.levels[a], c.levels[b]));
  sortedAll.forEach((code, r) => (rank[code] = r));
  const modeIndex = modeCode(c.codes, trainRows, rank);
  const mode = modeIndex >= 0 ? c.levels[modeIndex] : null;
  if (impute && mode === null) notes.push({ code: 'feature-all-missing', column: c.name });
  return { kind: 'categorical', column: c.name, levels, fill: impute ? mode : null, mode };
}

/** Code-point order, as Python's sorted() orders strings (scikit-learn's OneHotEncoder categories). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function featureSpecs(t: ColumnTransform): FeatureSpec[] {
  if (t.kind === 'numeric') return [{ kind: 'numeric', name: t.column, column: t.column }];
  return t.levels.slice(1).map((level) => ({ kind: 'indicator', name: `${t.column}=${level}`, column: t.column, level }));
}

/** The unscaled design matrix for some rows: numeric values (imputed) and 0/1 indicators for levels after the first. */
function design(table: Table, transforms: ColumnTransform[], p: number, rows: Int32Array, notes: NoteSink): ColMajor {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const n = rows.length;
  const m = colMajor(n, p);
  const data = m.data;
  let j = 0;
  for (const t of transforms) {
    const c = byName.get(t.column) as Column;
    if (t.kind === 'numeric' && c.storage === 'numeric') {
      const fill = t.fill ?? NaN;
      const off = j * n;
      for (let k = 0; k < n; k++) {
        const v = c.values[rows[k]];
        data[off + k] = v === v ? v : fill;
      }
      j++;
    } else if (t.kind === 'categorical' && c.storage === 'coded') {
      const columnOf = new Int32Array(c.levels.length).fill(-1); // code → design column, −1 for the reference level
      const known = new Uint8Array(c.levels.length);
      t.levels.forEach((level, r) => {
        const code = c.levels.indexOf(level);
        known[code] = 1;
        if (r > 0) columnOf[code] = j + r - 1;
      });
      const fillCode = t.fill === null ? -1 : c.levels.indexOf(t.fill);
      const unseen = new Map<string, number>();
      for (let k = 0; k < n; k++) {
        let code = c.codes[rows[k]];
        if (code < 0) code = fillCode;
        if (code < 0) continue;
        if (!known[code]) {
          unseen.set(c.levels[code], (unseen.get(c.levels[code]) ?? 0) + 1);
          continue;
        }
        const col = columnOf[code];
        if (col >= 0) data[col * n + k] = 1;
      }
      if (unseen.size > 0) {
        const count = Array.from(unseen.values()).reduce((s, v) => s + v, 0);
        notes.push({ code: 'unseen-levels', column: t.column, count, examples: Array.from(unseen.keys()).slice(0, 3) });
      }
      j += Math.max(0, t.levels.length - 1);
    } else throw new Error(`column ${t.column} changed storage since it was fitted`);
  }
  return m;
}

function isConstant(m: ColMajor, j: number): boolean {
  const off = j * m.rows;
  for (let i = 1; i < m.rows; i++) if (m.data[off + i] !== m.data[off]) return false;
  return true;
}
