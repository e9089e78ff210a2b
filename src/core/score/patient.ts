/**
 * One patient at the bedside: the predicted risk, why (contributions per column), where the model is
 * extrapolating, and what-if curves. A patient is an array of values aligned with `fitted.transforms`
 * (never an object keyed by column names, so a column called `__proto__` or `constructor` is just a
 * name): numbers or text for numeric columns (a decimal comma is accepted), the level's text for
 * categorical ones, null (or '') for unknown. The patient goes through the same transform and the
 * same model code as the rows of a file, so its risk equals the risk of an identical row in a batch.
 * Input problems are results, not exceptions: `patient-value-invalid` (text that is no number where a
 * number is needed), `patient-value-missing` (an empty value when training dropped rows with missing
 * values; otherwise it is filled as in training and listed in `imputed`), `bad-parameter` (wrong length).
 *
 * Contributions are measured against the REFERENCE PATIENT (`referencePatient`: numeric columns at their
 * training median, categorical at their most frequent training level), per column:
 * - linear models (logreg, gd, logreg-mle): exact. With weights w on the standardized features z,
 *   contribution(column) = Σ over the column's features j of wⱼ·(zⱼ(patient) − zⱼ(reference)), so the
 *   contributions add up to score(patient) − score(reference) (to rounding). Unit: log-odds. (MLE
 *   features dropped as collinear have no weight and contribute nothing, as in prediction.)
 * - SVM: the same decomposition of the decision value wᵀz + b; unit: 'svm-margin' (the Platt-scaled risk
 *   is a monotone function of it, so the signs and the ranking of the contributions carry over).
 * - MLP: by occlusion: contribution(column) = logit(patient) − logit(patient with that one column set to
 *   the reference value). The network is not additive: these need NOT add up to the total difference
 *   (interactions are counted in several columns, or in none). Unit: log-odds.
 */
import type { Table } from '../table/column';
import { cellText } from '../table/column';
import { densify, type ColMajor } from '../linalg/matrix';
import type { ColumnTransform, FittedPrep, NoteSink } from '../prep/pipeline';
import { featureWidth, OTHER_LEVEL, transform } from '../prep/pipeline';
import { modelDefinition, type FittedModel } from '../models/registry';
import { fail, ok, type Result } from '../errors';
import { isMissingText, parseNumberText } from './align';

export type PatientValue = string | number | null;

export interface Contribution {
  column: string;
  contribution: number;
  /**
   * A note column under a linear model: the terms of the patient's note that moved the score, each by
   * wⱼ·zⱼ (the reference patient has no note), largest first; they add up to `contribution`.
   */
  terms?: { term: string; contribution: number }[];
}

/** A numeric value outside the range of the training rows (their 1st to 99th percentile): the model is extrapolating. */
export interface Extrapolation {
  column: string;
  value: number;
  min: number;
  max: number;
}

export interface PatientPrediction {
  risk: number;
  /** log(risk / (1 − risk)), from the model's own score (for the SVM: −(A·margin + B), Platt). */
  logit: number;
  /** The unit of `score` and of the contributions. */
  unit: 'log-odds' | 'svm-margin';
  /** The model's score: the logit, or the SVM's decision value wᵀz + b. */
  score: number;
  reference: { risk: number; score: number };
  /** 'exact' for the linear models (they add up to score − reference.score), 'occlusion' for the MLP. */
  method: 'exact' | 'occlusion';
  /** One per column, in `fitted.transforms` order. */
  contributions: Contribution[];
  extrapolation: Extrapolation[];
  /** Columns left empty and filled with the training fill value. */
  imputed: string[];
  /** Categories training never saw, treated as the reference level. */
  unseen: { column: string; value: string }[];
}

export interface WhatIfPoint {
  x: number | string;
  risk: number;
}

/** A value as the model reads it: numeric → number (NaN = missing), categorical → text or null (missing). */
type Cell = number | string | null;

const ignoreNotes: NoteSink = { push: () => 0 };

/** The reference patient: training medians and most frequent levels (null where training had none). */
export function referencePatient(fitted: FittedPrep): PatientValue[] {
  // a note column's reference is no note: its terms all 0
  return fitted.transforms.map((t) => (t.kind === 'numeric' ? (Number.isFinite(t.median) ? t.median : null) : t.kind === 'text' ? null : t.mode));
}

/** One row of an aligned table (align.ts) as a patient, e.g. to explain a row of a batch. */
export function patientFromRow(aligned: Table, row: number): PatientValue[] {
  return aligned.columns.map((c) => {
    if (c.storage === 'numeric') return c.values[row] === c.values[row] ? c.values[row] : null;
    return c.codes[row] < 0 ? null : cellText(c, row);
  });
}

/** Risk, contributions and extrapolation for one patient (see the file comment). */
export function scorePatient(fitted: FittedPrep, model: FittedModel, values: readonly PatientValue[]): Result<PatientPrediction> {
  const read = readPatient(fitted, values, -1);
  if (!read.ok) return read;
  const cells = read.value;
  const ref = readPatient(fitted, referencePatient(fitted), -1);
  if (!ref.ok) return ref;
  const K = fitted.transforms.length;
  const definition = modelDefinition(model.kind);
  const linear = definition.traits.linear;
  // rows: patient, reference, then (MLP) the patient with column k set to the reference value
  const rows: Cell[][] = [cells, ref.value];
  if (!linear) for (let k = 0; k < K; k++) rows.push(cells.map((c, j) => (j === k ? ref.value[k] : c)));
  const e = evaluate(fitted, model, rows);
  const contributions: Contribution[] = fitted.transforms.map((t) => ({ column: t.column, contribution: 0 }));
  if (linear) {
    const w = definition.weights(model) as { coef: Float64Array };
    const owner = featureOwners(fitted.transforms);
    const X = densify(e.X); // a few rows
    const R = X.rows;
    for (let j = 0; j < owner.length; j++) {
      const wj = w.coef[j];
      if (wj === 0 || Number.isNaN(wj)) continue;
      const c = wj * (X.data[j * R] - X.data[j * R + 1]);
      contributions[owner[j]].contribution += c;
      const f = fitted.features[j];
      if (f.kind === 'term' && c !== 0) (contributions[owner[j]].terms ??= []).push({ term: f.term, contribution: c });
    }
    for (const c of contributions) c.terms?.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  } else for (let k = 0; k < K; k++) contributions[k].contribution = e.score[0] - e.score[2 + k];

  const extrapolation: Extrapolation[] = [];
  const imputed: string[] = [];
  const unseen: { column: string; value: string }[] = [];
  fitted.transforms.forEach((t, k) => {
    const c = cells[k];
    if (t.kind === 'text') return; // an empty note is no gap, and a note has no range
    if (t.kind === 'numeric') {
      const v = c as number;
      if (v !== v) imputed.push(t.column);
      else if (v < t.min || v > t.max) extrapolation.push({ column: t.column, value: v, min: t.min, max: t.max });
    } else if (c === null) imputed.push(t.column);
    else if (!t.levels.includes(c as string) && !(t.other && c === OTHER_LEVEL)) unseen.push({ column: t.column, value: c as string });
  });
  return ok({
    risk: e.risk[0],
    logit: e.logit[0],
    unit: definition.traits.unit,
    score: e.score[0],
    reference: { risk: e.risk[1], score: e.score[1] },
    method: linear ? 'exact' : 'occlusion',
    contributions,
    extrapolation,
    imputed,
    unseen,
  });
}

/**
 * The risk as one column varies over its training range, the other values held fixed: numeric columns
 * at `points` evenly spaced values from the training minimum to the maximum (one point when they are
 * equal, none when training had no value), categorical columns at each training level.
 */
export function whatIfCurve(
  fitted: FittedPrep,
  model: FittedModel,
  values: readonly PatientValue[],
  columnIndex: number,
  points = 41,
): Result<WhatIfPoint[]> {
  if (!(Number.isInteger(columnIndex) && columnIndex >= 0 && columnIndex < fitted.transforms.length)) {
    return fail({ code: 'bad-parameter', value: `column index = ${columnIndex}` });
  }
  if (!(Number.isInteger(points) && points >= 2 && points <= 10_000)) return fail({ code: 'bad-parameter', value: `points = ${points}` });
  const read = readPatient(fitted, values, columnIndex);
  if (!read.ok) return read;
  const t = fitted.transforms[columnIndex];
  let xs: (number | string)[];
  if (t.kind === 'text') xs = []; // a note has no axis to vary along
  else if (t.kind === 'categorical') xs = t.other ? [...t.levels, OTHER_LEVEL] : t.levels.slice();
  else if (!(Number.isFinite(t.min) && Number.isFinite(t.max))) xs = [];
  else if (t.min === t.max) xs = [t.min];
  else xs = Array.from({ length: points }, (_, i) => (i === points - 1 ? t.max : t.min + ((t.max - t.min) * i) / (points - 1)));
  if (xs.length === 0) return ok([]);
  const rows = xs.map((x) => read.value.map((c, k) => (k === columnIndex ? x : c)));
  const { risk } = evaluate(fitted, model, rows);
  return ok(xs.map((x, i) => ({ x, risk: risk[i] })));
}

/**
 * The risks of several patients at once (as `scorePatient` reads each: the same checks, the same
 * transform and model code), without contributions: e.g. one patient under each option of a treatment.
 */
export function patientRisks(fitted: FittedPrep, model: FittedModel, patients: readonly (readonly PatientValue[])[]): Result<Float64Array> {
  const rows: Cell[][] = [];
  for (const values of patients) {
    const read = readPatient(fitted, values, -1);
    if (!read.ok) return read;
    rows.push(read.value);
  }
  if (rows.length === 0) return ok(new Float64Array(0));
  return ok(evaluate(fitted, model, rows).risk);
}

/** The values as cells, checked: numbers where numbers are needed; no gap where training dropped rows with gaps. */
function readPatient(fitted: FittedPrep, values: readonly PatientValue[], skip: number): Result<Cell[]> {
  const K = fitted.transforms.length;
  if (!Array.isArray(values) || values.length !== K) {
    return fail({ code: 'bad-parameter', value: `${Array.isArray(values) ? values.length : 'no'} values for ${K} columns` });
  }
  const drop = fitted.setup.missing === 'drop';
  const cells: Cell[] = [];
  for (let k = 0; k < K; k++) {
    const t = fitted.transforms[k];
    if (k === skip) {
      cells.push(t.kind === 'numeric' ? NaN : null);
      continue;
    }
    const v = values[k];
    let cell: Cell;
    if (t.kind === 'text') {
      // a note: any text (an empty one has no terms, and is no gap even when training dropped rows with gaps)
      const text = v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v).trim();
      cells.push(text === '' ? null : text);
      continue;
    }
    if (t.kind === 'numeric') {
      if (v === null || v === undefined || (typeof v === 'string' && isMissingText(v)) || (typeof v === 'number' && Number.isNaN(v))) cell = NaN;
      else {
        cell = typeof v === 'number' ? v : parseNumberText(String(v));
        if (!Number.isFinite(cell)) return fail({ code: 'patient-value-invalid', column: t.column, value: String(v) });
      }
      if (cell !== cell && (drop || t.fill === null)) return fail({ code: 'patient-value-missing', column: t.column });
    } else {
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) cell = null;
      else {
        const text = String(v).trim();
        cell = isMissingText(text) ? null : text;
      }
      if (cell === null && drop) return fail({ code: 'patient-value-missing', column: t.column });
    }
    cells.push(cell);
  }
  return ok(cells);
}

/** Per design feature, the index of the transform (column) it comes from, in `design()`'s order. */
function featureOwners(transforms: ColumnTransform[]): Int32Array {
  const owners: number[] = [];
  transforms.forEach((t, k) => {
    const width = featureWidth(t);
    for (let i = 0; i < width; i++) owners.push(k);
  });
  return Int32Array.from(owners);
}

/** Design matrix, risk, score (in the model's unit) and logit of some patients. */
function evaluate(fitted: FittedPrep, model: FittedModel, rows: Cell[][]): { X: ColMajor; risk: Float64Array; score: Float64Array; logit: Float64Array } {
  const X = transform(cellsTable(fitted, rows), fitted, Int32Array.from(rows, (_, i) => i), ignoreNotes);
  const definition = modelDefinition(model.kind);
  const risk = definition.score(model, X).risk;
  const score = definition.decision(model, X);
  const logit = definition.logit(model, score);
  return { X, risk, score, logit };
}

/** A small table of patients, in the storage the pipeline expects; unseen levels are appended to the training levels. */
function cellsTable(fitted: FittedPrep, rows: Cell[][]): Table {
  const columns = fitted.transforms.map((t, k) => {
    if (t.kind === 'numeric') return { storage: 'numeric' as const, name: t.column, type: 'numeric' as const, values: Float64Array.from(rows, (r) => r[k] as number) };
    const levels = t.kind === 'text' ? [] : t.levels.slice();
    const index = new Map(levels.map((l, i) => [l, i]));
    const codes = Int32Array.from(rows, (r) => {
      const v = r[k] as string | null;
      if (v === null) return -1;
      let c = index.get(v);
      if (c === undefined) {
        c = levels.length;
        levels.push(v);
        index.set(v, c);
      }
      return c;
    });
    return { storage: 'coded' as const, name: t.column, type: t.kind === 'text' ? ('text' as const) : ('categorical' as const), codes, levels };
  });
  return { rowCount: rows.length, columns };
}

