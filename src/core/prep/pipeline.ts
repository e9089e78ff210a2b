import type { Table, Column, CodedColumn } from '../table/column';
import { colMajor, denseCols, type ColMajor, type Floats, type SparseRows } from '../linalg/matrix';
import { fitTextColumn, transformText, type TextNote, type TextTransform } from '../text/tfidf';
import { numericFillValue, modeCode } from './impute';
import { lerp, quantilesAndMedian } from '../util/select';
import { applyScaler, fitColumn, scaleColumn, scaleSparse, sparseStd, type ScalerParams } from './scale';
import { DEFAULT_TEXT_OPTIONS, type PrepSetup } from './setup';
import { compareText, numbersAsText } from '../table/column';
import type { PatientIndex } from '../patients/patient-key';

/**
 * The fitted preprocessing, as scikit-learn's ColumnTransformer + StandardScaler: `fitPipeline`
 * learns fill values, category levels and z-scores from training rows only; `transform` applies
 * them to any rows (test rows, a cross-validation fold, later one patient or a batch file).
 */

/** One column of the design matrix and where it comes from (scikit-learn's output_indices_). */
export type FeatureSpec =
  | { kind: 'numeric'; name: string; column: string }
  | { kind: 'indicator'; name: string; column: string; level: string }
  /** A term of a note column (TF-IDF weight, scaled by its training SD): named `<column>:<term>`. */
  | { kind: 'term'; name: string; column: string; term: string };

/**
 * How each used CSV column is turned into design columns: learned on the training rows only. The
 * training range, median and most frequent level describe the "reference patient" (what a form is
 * prefilled with, what contributions are measured against, what counts as extrapolation).
 */
export type ColumnTransform =
  | {
      kind: 'numeric';
      column: string;
      fill: number | null;
      /**
       * The training rows' 1st and 99th percentiles (numpy's linear rule): the range without its most extreme patients.
       * These three are NaN in a pipeline fitted with `describe: false` (a refit that only transforms).
       */
      min: number;
      max: number;
      median: number;
    }
  | {
      kind: 'categorical';
      column: string;
      /** The frequent training levels (seen for at least MIN_LEVEL_PATIENTS patients), sorted; the first is the reference. */
      levels: string[];
      /** Rarer levels exist and are pooled into one "other" level, whose indicator is the last feature of the column. */
      other: boolean;
      /** A level of `levels`, or OTHER_LEVEL (the most frequent row value was a rare level), or null. */
      fill: string | null;
      mode: string | null;
    }
  /**
   * A free-text column used as notes: its vocabulary (terms written for at least MIN_LEVEL_PATIENTS patients in the
   * training rows, the most frequent kept) and their idf, as scikit-learn's TfidfVectorizer (text/tfidf.ts). Its
   * design columns are sparse and come after every dense column.
   */
  | TextTransform;

/**
 * A category level seen for fewer patients than this in the training rows is pooled into one "other"
 * level before one-hot encoding (scikit-learn's `OneHotEncoder(min_frequency=5,
 * handle_unknown='infrequent_if_exist')`, counting patients where the file has a patient key): no
 * model, model file, report or script then names a level that belongs to one or a few patients.
 */
export const MIN_LEVEL_PATIENTS = 5;
/**
 * The pooled level, as a value (a fill value, a patient's category): a text no trimmed CSV cell
 * holds. Its feature is named `<column>=(other)`.
 */
export const OTHER_LEVEL = '\u0000other';
export const OTHER_LABEL = '(other)';

/** The fitted preprocessing: plain, serializable data that reproduces the design matrix for any rows. */
export interface FittedPrep {
  setup: PrepSetup;
  transforms: ColumnTransform[];
  features: FeatureSpec[];
  scaler: ScalerParams;
}

export type PipelineNote =
  | { code: 'constant-features'; features: string[] }
  /** Levels seen for fewer than MIN_LEVEL_PATIENTS patients (or rows) were pooled into "(other)"; no level is named. */
  | { code: 'rare-levels-pooled'; column: string; levels: number; rows: number; unit: 'patients' | 'rows' }
  | { code: 'unseen-levels'; column: string; count: number; examples: string[] }
  | { code: 'feature-all-missing'; column: string }
  | TextNote;

/** Where the pipeline reports what it noticed (any array of a wider note type will do). */
export interface NoteSink {
  push(...notes: PipelineNote[]): unknown;
}

export interface FitOptions {
  /**
   * Whether to learn the numeric columns' training range and median (the reference patient), which costs a sort of
   * every numeric column. Default true; false for refits that only transform rows (cross-validation folds, bootstrap
   * replicates): their min, max and median are then NaN, and everything `transform` uses is the same.
   */
  describe?: boolean;
  /**
   * Storage for the design matrix, reused when it holds rows × design columns values of the storage chosen (see
   * `transform`).
   */
  into?: Floats;
  /** Store the design in Float32 (true) or Float64 (false); default: Float32 from FLOAT32_ROWS and FLOAT32_CELLS on. */
  float32?: boolean;
}

/**
 * A training design of at least FLOAT32_ROWS rows and FLOAT32_CELLS dense cells (64 MB as Float64) is stored in
 * Float32: at 10⁶ rows × 35 columns that is 112 MB less while a model is fitted. Each z-score is computed in double and
 * rounded once, to a relative 2⁻²⁴ ≈ 6e-8: far below the data's own precision (a lab value of four significant
 * digits) and below the sampling error of any coefficient at that many rows (~1/√n of its scale: 4e-3 at 65,536
 * rows, 1e-3 at 10⁶). The rounding errors are independent across rows and mostly cancel in the sums: a coefficient
 * moved by ≤ 4.1e-9 on 140,000 rows (models/logistic-mle.test.ts) and ≤ 3.9e-9 at 10⁶ (the bench). Every solver reads
 * the design and does its arithmetic in double. The pipeline's own statistics (fill values, percentiles, means, SDs)
 * are learned from the Float64 values, so the model file does not change. Smaller designs, and every design
 * `transform` builds, stay Float64, bit for bit as before.
 */
export const FLOAT32_ROWS = 65536;
export const FLOAT32_CELLS = 1 << 23;

/** Whether a training design of `rows` × `denseCols` is stored in Float32 by default (see FLOAT32_ROWS). */
export function float32Design(rows: number, denseCols: number): boolean {
  return rows >= FLOAT32_ROWS && rows * denseCols >= FLOAT32_CELLS;
}

/** Fits the pipeline on the training rows; returns it with the training rows' standardized design matrix. */
export function fitPipeline(
  table: Table, // the table the feature columns belong to (dense ones are read directly)
  setup: PrepSetup,
  features: Column[],
  trainRows: Int32Array,
  notes: NoteSink,
  patients: PatientIndex | null = null,
  options: FitOptions = {},
): { fitted: FittedPrep; trainX: ColMajor } {
  const describe = options.describe ?? true;
  const n = trainRows.length;
  // note columns go last: their term columns are the sparse end of the design matrix
  const text = features.filter(isNoteColumn);
  const dense = features.filter((c) => !isNoteColumn(c));
  const fitNotes: PipelineNote[][] = dense.map(() => []);
  // the categorical columns first: their frequent levels decide the design matrix's width
  const transforms: ColumnTransform[] = dense.map((c, i) =>
    c.storage === 'coded' ? fitCategorical(c, trainRows, setup, fitNotes[i], patients) : { kind: 'numeric', column: c.name, fill: null, min: NaN, max: NaN, median: NaN });
  const textNotes: PipelineNote[] = [];
  const textOptions = setup.text ?? DEFAULT_TEXT_OPTIONS;
  for (const c of text) {
    const fit = fitTextColumn(c as CodedColumn, trainRows, patients, { maxTerms: textOptions.maxTerms, sublinearTf: textOptions.sublinearTf, minPatients: MIN_LEVEL_PATIENTS });
    transforms.push(fit.transform);
    textNotes.push(...fit.notes);
  }
  const width = transforms.slice(0, dense.length).reduce((w, t) => w + featureWidth(t), 0);
  const float32 = options.float32 ?? float32Design(n, width);
  const { m: trainX, reused } = storage(n, width, options.into, float32);
  const data = trainX.data;
  // a Float32 design's numeric columns are gathered, imputed and described in double here, then stored as z-scores
  const raw = float32 ? new Float64Array(n) : null;
  const cols = transforms.reduce((w, t) => w + featureWidth(t), 0);
  const scaler: ScalerParams = { mean: new Float64Array(cols), std: new Float64Array(cols) };
  const designNotes: PipelineNote[] = [];
  let j = 0;
  dense.forEach((c, i) => {
    if (c.storage === 'numeric') {
      // a numeric column's training values are gathered once, into its design column (or `raw`): the fill value,
      // range and median are learned from there (the same values in the same order), its missing cells are filled,
      // and it is scaled, in place or into the Float32 column
      const slot = raw ?? (data as Float64Array).subarray(j * n, (j + 1) * n);
      gatherFilled(c.values, trainRows, NaN, slot, 0);
      const t = fitNumeric(c.name, slot, setup, fitNotes[i], describe);
      if (t.fill !== null) fillMissing(slot, t.fill);
      transforms[i] = t;
      fitColumn(slot, 0, n, scaler.mean, scaler.std, j);
      scaleColumn(slot, 0, data, j * n, n, scaler.mean[j], scaler.std[j]);
      j++;
    } else {
      writeIndicators(c, transforms[i], trainRows, data, j, n, reused, designNotes);
      // 0 and 1 are exact in either storage: the indicators are scaled in place
      for (const end = j + featureWidth(transforms[i]); j < end; j++) {
        fitColumn(data, j * n, n, scaler.mean, scaler.std, j);
        scaleColumn(data, j * n, data, j * n, n, scaler.mean[j], scaler.std[j]);
      }
    }
  });
  for (const list of fitNotes) if (list.length > 0) notes.push(...list);
  if (textNotes.length > 0) notes.push(...textNotes);
  if (designNotes.length > 0) notes.push(...designNotes);
  if (text.length > 0) {
    withTerms(trainX, table, transforms, trainRows);
    sparseStd(trainX, width, scaler.std);
    scaleSparse(scaler, trainX);
  }
  const specs = transforms.flatMap(featureSpecs);
  const constant = specs.filter((_, j) => j < denseCols(trainX) && isConstant(trainX, j)).map((s) => s.name);
  if (constant.length > 0) notes.push({ code: 'constant-features', features: constant });
  return { fitted: { setup, transforms, features: specs, scaler }, trainX };
}

/** The design matrix before z-scores: numeric values (imputed) and 0/1 indicators; for checks against scikit-learn's encoders. */
export function unscaledDesign(table: Table, fitted: FittedPrep, rows: Int32Array, notes: NoteSink = []): ColMajor {
  return design(table, fitted.transforms, fitted.features.length, rows, notes);
}

/**
 * The standardized design matrix of any rows under a fitted pipeline. `into`: storage to write it to when it holds
 * rows × design columns values (the matrix is then a view of it), so that a loop of refits (the bootstrap) does not
 * allocate, and the system does not map and fault in, tens of megabytes per matrix; else a new array.
 */
export function transform(table: Table, fitted: FittedPrep, rows: Int32Array, notes: NoteSink = [], into?: Floats): ColMajor {
  const X = design(table, fitted.transforms, fitted.features.length, rows, notes, into);
  applyScaler(fitted.scaler, X);
  return X;
}

/**
 * `transform` a block of rows at a time: visit(X, start) gets the standardized design of rows[start …] (at most
 * `blockRows` of them), in storage reused from block to block, so the whole matrix is never in memory. The notes
 * are those of one `transform` of all the rows: a column's unseen levels counted over every block, its examples
 * the first three in row order.
 */
export function transformBlocks(
  table: Table, fitted: FittedPrep, rows: Int32Array, notes: NoteSink, blockRows: number, visit: (X: ColMajor, start: number) => void,
): void {
  const B = Math.max(1, Math.min(blockRows, rows.length));
  const into = new Float64Array(B * fitted.features.length);
  const unseen = new Map<string, { count: number; examples: string[] }>();
  const other: PipelineNote[] = [];
  for (let start = 0; start < rows.length; start += B) {
    const blockNotes: PipelineNote[] = [];
    visit(transform(table, fitted, rows.subarray(start, Math.min(rows.length, start + B)), blockNotes, into), start);
    for (const note of blockNotes) {
      if (note.code !== 'unseen-levels') {
        other.push(note);
        continue;
      }
      const u = unseen.get(note.column) ?? { count: 0, examples: [] };
      u.count += note.count;
      for (const e of note.examples) if (u.examples.length < 3 && !u.examples.includes(e)) u.examples.push(e);
      unseen.set(note.column, u);
    }
  }
  // in the order of the transforms, as one pass writes them
  for (const t of fitted.transforms) {
    const u = unseen.get(t.column);
    if (u) notes.push({ code: 'unseen-levels', column: t.column, count: u.count, examples: u.examples });
  }
  if (other.length > 0) notes.push(...other);
}

/** Learns a numeric column's fill value and (with `describe`) training range and median from its training values (row order, NaN where missing). */
function fitNumeric(column: string, values: Float64Array, setup: PrepSetup, notes: NoteSink, describe: boolean): ColumnTransform & { kind: 'numeric' } {
  const impute = setup.missing !== 'drop';
  // the 1st and 99th percentiles and the median by selection, not by sorting a copy of the column
  const described = describe ? quantilesAndMedian(values, [0.01, 0.99]) : null;
  const [min, max] = described ? described.quantiles : [NaN, NaN];
  const median = described ? described.median : NaN;
  let fill: number | null = null;
  if (impute) {
    const v = setup.missing === 'median' && describe ? median : numericFillValue(values, setup.missing === 'drop' ? 'mean' : setup.missing);
    if (v !== v) notes.push({ code: 'feature-all-missing', column });
    fill = v === v ? v : 0;
  }
  return { kind: 'numeric', column, fill, min, max, median };
}

/** Learns a categorical column's frequent training levels (the rest pooled), and its most frequent value. */
function fitCategorical(c: Column & { storage: 'coded' }, trainRows: Int32Array, setup: PrepSetup, notes: NoteSink, patients: PatientIndex | null): ColumnTransform {
  const impute = setup.missing !== 'drop';
  const units = levelUnits(c, trainRows, patients);
  const frequent = new Uint8Array(c.levels.length);
  let rareLevels = 0;
  let rareRows = 0;
  for (let k = 0; k < c.levels.length; k++) {
    if (units.count[k] >= MIN_LEVEL_PATIENTS) frequent[k] = 1;
    else if (units.rows[k] > 0) {
      rareLevels++;
      rareRows += units.rows[k];
    }
  }
  if (rareLevels > 0) notes.push({ code: 'rare-levels-pooled', column: c.name, levels: rareLevels, rows: rareRows, unit: patients ? 'patients' : 'rows' });
  const levels = c.levels.filter((_, k) => frequent[k] === 1).sort(compareText);
  const rank = new Int32Array(c.levels.length);
  const sortedAll = Array.from(c.levels.keys()).sort((a, b) => compareText(c.levels[a], c.levels[b]));
  sortedAll.forEach((code, r) => (rank[code] = r));
  // the most frequent row value (SimpleImputer's), shown as "(other)" when it is a rare level
  const modeIndex = modeCode(c.codes, trainRows, rank);
  const mode = modeIndex < 0 ? null : frequent[modeIndex] ? c.levels[modeIndex] : OTHER_LEVEL;
  if (impute && mode === null) notes.push({ code: 'feature-all-missing', column: c.name });
  return { kind: 'categorical', column: c.name, levels, other: rareLevels > 0, fill: impute ? mode : null, mode };
}

/**
 * Per level code: training rows, and distinct patients (rows when there is no key) counted up to
 * MIN_LEVEL_PATIENTS, which is all the pooling rule needs: O(rows · MIN_LEVEL_PATIENTS) at worst.
 */
function levelUnits(c: Column & { storage: 'coded' }, rows: Int32Array, patients: PatientIndex | null): { rows: Float64Array; count: Float64Array } {
  const L = c.levels.length;
  const rowCount = new Float64Array(L);
  const count = new Float64Array(L);
  const seen = patients ? new Int32Array(L * MIN_LEVEL_PATIENTS) : null;
  for (let k = 0; k < rows.length; k++) {
    const code = c.codes[rows[k]];
    if (code < 0) continue;
    rowCount[code]++;
    if (count[code] >= MIN_LEVEL_PATIENTS) continue;
    const p = patients ? patients.ofRow[rows[k]] : -1;
    if (p >= 0 && seen) {
      let known = false;
      for (let s = 0; s < count[code]; s++) if (seen[code * MIN_LEVEL_PATIENTS + s] === p) known = true;
      if (known) continue;
      seen[code * MIN_LEVEL_PATIENTS + count[code]] = p;
    }
    count[code]++;
  }
  return { rows: rowCount, count };
}

/** numpy.quantile(values, q) with its default linear rule: position q·(n − 1), interpolated. NaN when empty. */
export function quantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return lerp(sorted[lo], sorted[hi], pos - lo);
}

/** The design columns of a column: itself, or an indicator per level after the reference, then "(other)". */
export function featureSpecs(t: ColumnTransform): FeatureSpec[] {
  if (t.kind === 'text') return t.terms.map((term) => ({ kind: 'term', name: `${t.column}:${term}`, column: t.column, term }));
  if (t.kind === 'numeric') return [{ kind: 'numeric', name: t.column, column: t.column }];
  const specs: FeatureSpec[] = t.levels.slice(1).map((level) => ({ kind: 'indicator', name: `${t.column}=${level}`, column: t.column, level }));
  // scikit-learn drops the first category after grouping: with no frequent level, "(other)" is the reference
  if (t.other && t.levels.length > 0) specs.push({ kind: 'indicator', name: `${t.column}=${OTHER_LABEL}`, column: t.column, level: OTHER_LEVEL });
  return specs;
}

/** The number of design columns a column makes. */
export function featureWidth(t: ColumnTransform): number {
  if (t.kind === 'text') return t.terms.length;
  return t.kind === 'numeric' ? 1 : Math.max(0, t.levels.length - 1) + (t.other && t.levels.length > 0 ? 1 : 0);
}

/** The unscaled design matrix for some rows: numeric values (imputed) and 0/1 indicators for levels after the first. */
function design(table: Table, transforms: ColumnTransform[], p: number, rows: Int32Array, notes: NoteSink, into?: Floats): ColMajor {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const n = rows.length;
  const sparseWidth = transforms.reduce((w, t) => w + (t.kind === 'text' ? featureWidth(t) : 0), 0);
  const { m, reused } = storage(n, p - sparseWidth, into);
  const data = m.data as Float64Array; // storage's default: these designs are Float64 (`into` is used when it is one)
  let j = 0;
  for (const t of transforms) {
    const c = byName.get(t.column) as Column;
    if (t.kind === 'text') continue;
    if (t.kind === 'numeric' && c.storage === 'numeric') {
      gatherFilled(c.values, rows, t.fill ?? NaN, data, j * n);
      j++;
    } else if (t.kind === 'categorical' && c.storage === 'coded') {
      writeIndicators(c, t, rows, data, j, n, reused, notes);
      j += featureWidth(t);
    } else throw new Error(`column ${t.column} changed storage since it was fitted`);
  }
  if (sparseWidth > 0) withTerms(m, table, transforms, rows);
  return m;
}

/** A column the pipeline reads as notes (TF-IDF terms): one the table typed as free text. */
export function isNoteColumn(c: Column): boolean {
  return c.type === 'text' && c.storage === 'coded';
}

/** Adds the note columns' term features (unscaled TF-IDF) to a dense design matrix as its sparse end. */
function withTerms(m: ColMajor, table: Table, transforms: ColumnTransform[], rows: Int32Array): void {
  const parts: SparseRows[] = [];
  for (const t of transforms) {
    if (t.kind !== 'text') continue;
    const c = table.columns.find((x) => x.name === t.column);
    if (!c) throw new Error(`column ${t.column} is missing`);
    parts.push(transformText(c.storage === 'coded' ? c : numbersAsText(c, c.name, 'text'), t, rows)); // a new file may hold the notes as numbers
  }
  m.sparse = hstack(parts, rows.length);
  m.cols += m.sparse.cols;
}

/** Sparse blocks side by side (the same rows): one CSR whose columns are the blocks' columns in order. */
function hstack(parts: SparseRows[], n: number): SparseRows {
  if (parts.length === 1) return parts[0];
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + parts.reduce((s, b) => s + b.rowStart[i + 1] - b.rowStart[i], 0);
  const nnz = rowStart[n];
  const colIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let offset = 0;
  const offsets = parts.map((b) => ((offset += b.cols), offset - b.cols));
  for (let i = 0; i < n; i++) {
    let e = rowStart[i];
    parts.forEach((b, k) => {
      for (let f = b.rowStart[i]; f < b.rowStart[i + 1]; f++, e++) {
        colIndex[e] = offsets[k] + b.colIndex[f];
        values[e] = b.values[f];
      }
    });
  }
  return { cols: offset, rowStart, colIndex, values };
}

/**
 * An n × p matrix in Float64 (Float32 when `float32`): a view of `into` when it is of that storage and holds that many
 * values (`reused`: its old contents are still there), else a new one of zeros.
 */
function storage(n: number, p: number, into: Floats | undefined, float32 = false): { m: ColMajor; reused: boolean } {
  if (into !== undefined && into.length >= n * p && into instanceof Float32Array === float32) {
    return { m: { rows: n, cols: p, data: into.subarray(0, n * p) }, reused: true };
  }
  return { m: colMajor(n, p, float32), reused: false };
}

/** The 0/1 indicator columns of a categorical column, from design column j on. */
function writeIndicators(c: Column, t: ColumnTransform, rows: Int32Array, data: Floats, j: number, n: number, reused: boolean, notes: NoteSink): void {
  if (t.kind !== 'categorical' || c.storage !== 'coded') throw new Error(`column ${t.column} changed storage since it was fitted`);
  const width = featureWidth(t);
  if (reused) data.fill(0, j * n, (j + width) * n); // indicators are written where they are 1 only
  // the "(other)" column, or −1 (no rare levels; or no frequent level, when "(other)" is the reference)
  const otherColumn = t.other && t.levels.length > 0 ? j + width - 1 : -1;
  const columnOf = new Int32Array(c.levels.length).fill(-1); // code → design column, −1 for the reference level
  const known = new Uint8Array(c.levels.length);
  const levelCode = new Map(c.levels.map((l, code) => [l, code]));
  t.levels.forEach((level, r) => {
    const code = levelCode.get(level);
    if (code === undefined) return;
    known[code] = 1;
    if (r > 0) columnOf[code] = j + r - 1;
  });
  // a rare fill value: missing cells go to "(other)"
  const fillCode = t.fill === null ? -1 : t.fill === OTHER_LEVEL ? -2 : (levelCode.get(t.fill) ?? -1);
  const unseen = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    let code = c.codes[rows[k]];
    if (code < 0) code = fillCode;
    if (code === -1) continue;
    if (code === -2 || !known[code]) {
      if (t.other) {
        // a rare training level, or one never seen: the pooled level (handle_unknown='infrequent_if_exist')
        if (otherColumn >= 0) data[otherColumn * n + k] = 1;
        continue;
      }
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
}

/** out[off + k] = values[rows[k]], a missing value replaced by `fill` (a function of its own: one compiled loop for every column). */
function gatherFilled(values: Float64Array, rows: Int32Array, fill: number, out: Float64Array, off: number): void {
  for (let k = 0; k < rows.length; k++) {
    const v = values[rows[k]];
    out[off + k] = v === v ? v : fill;
  }
}

/** Missing cells (NaN) of a column set to its fill value. */
function fillMissing(values: Float64Array, fill: number): void {
  for (let k = 0; k < values.length; k++) if (values[k] !== values[k]) values[k] = fill;
}

function isConstant(m: ColMajor, j: number): boolean {
  const off = j * m.rows;
  for (let i = 1; i < m.rows; i++) if (m.data[off + i] !== m.data[off]) return false;
  return true;
}
