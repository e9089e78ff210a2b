import type { Table, Column } from '../table/column';
import { cellText } from '../table/column';
import { colMajor, type ColMajor } from '../linalg/matrix';
import { fail, ok, type AppError, type Result } from '../errors';
import { stratifiedSplit, SplitError, type Split } from './split';
import { encodeOutcome } from './outcome';
import { numericFillValue, modeCode } from './impute';
import { fitScaler, applyScaler, type ScalerParams } from './scale';
import type { PrepSetup } from './setup';

/** One column of the design matrix and where it comes from (scikit-learn's output_indices_). */
export type FeatureSpec =
  | { kind: 'numeric'; name: string; column: string }
  | { kind: 'indicator'; name: string; column: string; level: string };

/** How each used CSV column is turned into design columns: learned on the training rows only. */
export type ColumnTransform =
  | { kind: 'numeric'; column: string; fill: number | null }
  | { kind: 'categorical'; column: string; levels: string[]; fill: string | null };

/** The fitted preprocessing: plain, serializable data that reproduces the design matrix for any rows. */
export interface FittedPrep {
  setup: PrepSetup;
  transforms: ColumnTransform[];
  features: FeatureSpec[];
  scaler: ScalerParams;
}

export type PrepNote =
  | { code: 'rows-missing-outcome'; count: number }
  | { code: 'rows-dropped-missing'; count: number }
  | { code: 'rows-missing-split'; count: number }
  | { code: 'constant-features'; features: string[] }
  | { code: 'unseen-levels'; column: string; count: number; examples: string[] }
  | { code: 'feature-all-missing'; column: string };

export interface PreparedData {
  fitted: FittedPrep;
  trainX: ColMajor;
  testX: ColMajor;
  trainY: Uint8Array;
  testY: Uint8Array;
  /** Table row numbers of the training and test rows (ascending). */
  trainRows: Int32Array;
  testRows: Int32Array;
  notes: PrepNote[];
}

/**
 * The seed's flow without its leakage: drop rows with a missing outcome; drop rows with a missing
 * feature (or impute later); split (stratified by the outcome, scikit-learn-identical for a seed,
 * or by a cohort column); fit imputation, one-hot levels and z-scores on the training rows only;
 * apply them to both sides. The outcome is never a feature and never scaled.
 */
export function prepare(table: Table, setup: PrepSetup): Result<PreparedData> {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const get = (name: string): Column | undefined => byName.get(name);
  const outcomeCol = get(setup.outcome);
  if (!outcomeCol) return fail({ code: 'unknown-column', column: setup.outcome });
  const features: Column[] = [];
  for (const name of setup.features) {
    const c = get(name);
    if (!c) return fail({ code: 'unknown-column', column: name });
    if (name !== setup.outcome && !(setup.split.kind === 'column' && name === setup.split.column)) features.push(c);
  }
  if (features.length === 0) return fail({ code: 'no-features' });
  const yAll = encodeOutcome(outcomeCol, setup.positiveClass);
  if (!yAll.ok) return yAll;
  const notes: PrepNote[] = [];

  let splitCol: Column | undefined;
  if (setup.split.kind === 'column') {
    splitCol = get(setup.split.column);
    if (!splitCol) return fail({ code: 'unknown-column', column: setup.split.column });
  }

  // Rows to use: outcome present, split value present, and (for 'drop') every feature present.
  const used: number[] = [];
  let missingOutcome = 0;
  let missingSplit = 0;
  let droppedMissing = 0;
  for (let i = 0; i < table.rowCount; i++) {
    if (yAll.value[i] < 0) {
      missingOutcome++;
      continue;
    }
    if (splitCol && cellText(splitCol, i) === '') {
      missingSplit++;
      continue;
    }
    if (setup.missing === 'drop' && features.some((c) => isMissingCell(c, i))) {
      droppedMissing++;
      continue;
    }
    used.push(i);
  }
  if (missingOutcome > 0) notes.push({ code: 'rows-missing-outcome', count: missingOutcome });
  if (missingSplit > 0) notes.push({ code: 'rows-missing-split', count: missingSplit });
  if (droppedMissing > 0) notes.push({ code: 'rows-dropped-missing', count: droppedMissing });
  if (used.length === 0) return fail({ code: 'no-rows-left', count: droppedMissing });

  const y = Uint8Array.from(used, (i) => yAll.value[i]);
  const events = y.reduce((s, v) => s + v, 0);
  if (events === 0 || events === y.length) {
    return fail({ code: 'outcome-one-class', column: setup.outcome, value: events === 0 ? setup.positiveClass : undefined, count: y.length });
  }

  const split = splitRows(y, used, setup, splitCol);
  if (!split.ok) return split;
  const trainRows = Int32Array.from(split.value.train, (k) => used[k]);
  const testRows = Int32Array.from(split.value.test, (k) => used[k]);
  const trainY = Uint8Array.from(split.value.train, (k) => y[k]);
  const testY = Uint8Array.from(split.value.test, (k) => y[k]);
  if (trainY.every((v) => v === trainY[0])) return fail({ code: 'outcome-one-class', column: setup.outcome, count: trainY.length });

  const transforms = features.map((c) => fitTransform(c, trainRows, setup, notes));
  const specs = transforms.flatMap(featureSpecs);
  const trainX = design(byName, transforms, specs.length, trainRows, notes);
  const testX = design(byName, transforms, specs.length, testRows, notes);
  const scaler = fitScaler(trainX);
  applyScaler(scaler, trainX);
  applyScaler(scaler, testX);
  const constant = specs.filter((_, j) => isConstant(trainX, j)).map((s) => s.name);
  if (constant.length > 0) notes.push({ code: 'constant-features', features: constant });

  return ok({ fitted: { setup, transforms, features: specs, scaler }, trainX, testX, trainY, testY, trainRows, testRows, notes });
}

function isMissingCell(c: Column, i: number): boolean {
  return c.storage === 'numeric' ? c.values[i] !== c.values[i] : c.codes[i] < 0;
}

function splitRows(y: Uint8Array, used: number[], setup: PrepSetup, splitCol: Column | undefined): Result<Split> {
  const spec = setup.split;
  if (spec.kind === 'random') {
    try {
      return ok(stratifiedSplit(y, spec.testFraction, spec.seed));
    } catch (e) {
      if (e instanceof SplitError) return fail({ code: e.code, count: y.length });
      throw e;
    }
  }
  const col = splitCol as Column;
  const train: number[] = [];
  const test: number[] = [];
  used.forEach((row, k) => (cellText(col, row) === spec.trainValue ? train : test).push(k));
  if (train.length === 0 || test.length === 0) {
    const error: AppError = { code: 'split-one-side', column: spec.column, value: spec.trainValue, count: train.length };
    return fail(error);
  }
  return ok({ train: Int32Array.from(train), test: Int32Array.from(test) });
}

/** Learns a column's fill value and (categorical) its sorted training levels. */
function fitTransform(c: Column, trainRows: Int32Array, setup: PrepSetup, notes: PrepNote[]): ColumnTransform {
  const impute = setup.missing !== 'drop';
  if (c.storage === 'numeric') {
    let fill: number | null = null;
    if (impute) {
      const v = numericFillValue(c.values, trainRows, setup.missing === 'drop' ? 'mean' : setup.missing);
      if (v !== v) notes.push({ code: 'feature-all-missing', column: c.name });
      fill = v === v ? v : 0;
    }
    return { kind: 'numeric', column: c.name, fill };
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
  let fill: string | null = null;
  if (impute) {
    const mode = modeCode(c.codes, trainRows, rank);
    if (mode < 0) notes.push({ code: 'feature-all-missing', column: c.name });
    fill = mode >= 0 ? c.levels[mode] : null;
  }
  return { kind: 'categorical', column: c.name, levels, fill };
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
function design(byName: Map<string, Column>, transforms: ColumnTransform[], p: number, rows: Int32Array, notes: PrepNote[]): ColMajor {
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
