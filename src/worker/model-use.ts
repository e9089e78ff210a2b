/**
 * Using a model, trained here or imported from a model file: the patient form's fields, one patient's
 * risk with its reasons and what-if curves, batch scoring of a new file and its CSV, and the model file.
 */
import { modelEquation } from '../core/report/equation';
import { isEmptyDescription, type ModelDescription } from '../core/report/description';
import { OTHER_LEVEL, type FittedPrep } from '../core/prep/pipeline';
import { columnStats, detectIdentifiers } from '../core/privacy/identifiers';
import { suggestPatientKey } from '../core/patients/suggest-key';
import { patientIndex, totalPatients } from '../core/patients/patient-key';
import type { FittedModel } from '../core/train/models';
import type { TrainReport } from '../core/train/report';
import type { ModelKind, TrainSetup } from '../core/prep/setup';
import type { Table } from '../core/table/column';
import { cellText } from '../core/table/column';
import { scorePatient, whatIfCurve, type PatientPrediction, type PatientValue } from '../core/score/patient';
import { recalibrated, type Recalibration } from '../core/validation/external';
import type { BootstrapResult } from '../core/validation/bootstrap';
import { rowFlagSummary, type RowFlag } from '../core/score/align';
import type { BatchScores } from '../core/score/score-table';
import { csvChunks } from '../core/export/csv';
import { modelFileValidation, toModelFile, parseModelFileText, type ModelFile, type ModelFileMeta } from '../core/export/model-file';
import { fail, ok, type Result } from '../core/errors';
import { treatmentColumns, type TreatmentColumn } from '../core/treatment/columns';
import { patientTreatment, type PatientTreatment } from '../core/treatment/patient';
import type { BatchPreview, ModelInfo, PatientAnswer, PatientField } from './api';

/** The model the "use the model" step works with. */
export interface ActiveModel {
  source: 'trained' | 'imported';
  fitted: FittedPrep;
  model: FittedModel;
  threshold: number;
  negativeLabel: string;
  /** Trained here: the report and setup (for the model file and the code export). */
  report?: TrainReport;
  setup?: TrainSetup;
  /** Imported: what the file says about its training. */
  meta?: ModelFileMeta;
  /** Imported: the model file as it was read, and the SHA-256 of its bytes (hex). */
  file?: { text: string; sha256: string };
  /** Imported: its recalibration and threshold as the file had them (a changed one is written anew). */
  opened?: { recalibration: Recalibration | null; threshold: number };
  /** The SHA-256 of the model file last saved or opened (hex), for a receiver to confirm it by phone. */
  fingerprint?: string;
  /** A recalibration of its log-odds (bootstrap shrinkage, or an update to an external file), or null. */
  recalibration: Recalibration | null;
  /** What validation found, for the model file and the report. */
  validation: ModelValidation;
  /** The author's description for the report and the model file, or null. */
  description: ModelDescription | null;
  /** The features that can be compared as a treatment, with their options (core/treatment/columns.ts). */
  treatments: TreatmentColumn[];
}

/** The validation results a model carries (model file, report). */
export interface ModelValidation {
  bootstrap: BootstrapResult | null;
  external: ExternalSummary | null;
}

/** An external validation, in short: the file's name, its rows and events, and the figures of the model in use. */
export interface ExternalSummary {
  fileName: string;
  rows: number;
  events: number;
  auc: number;
  aucLow: number;
  aucHigh: number;
  brier: number;
  oe: number;
  calibrationIntercept: number;
  calibrationSlope: number;
}

export function modelInfo(m: ActiveModel): ModelInfo {
  const fields: PatientField[] = m.fitted.transforms.map((t) =>
    t.kind === 'numeric'
      ? { column: t.column, kind: 'numeric', min: t.min, max: t.max, median: t.median }
      : t.kind === 'text'
        ? { column: t.column, kind: 'text', terms: t.terms.length }
        : { column: t.column, kind: 'categorical', levels: t.other ? [...t.levels, OTHER_LEVEL] : t.levels, mode: t.mode },
  );
  return {
    source: m.source,
    kind: m.model.kind as ModelKind,
    outcome: m.fitted.setup.outcome,
    positiveClass: m.fitted.setup.positiveClass,
    negativeLabel: m.negativeLabel,
    threshold: m.threshold,
    fields,
    ...(m.meta ? { createdAt: m.meta.createdAt, appVersion: m.meta.appVersion, training: m.meta.training } : {}),
    ...(m.fingerprint ? { fingerprint: m.fingerprint } : {}),
    recalibration: m.recalibration,
    equation: modelEquation(m.fitted, m.model, m.recalibration),
    description: m.description,
    treatments: m.treatments,
  };
}

export function patient(m: ActiveModel, values: PatientValue[], whatIf: number[]): Result<PatientAnswer> {
  const scored = scorePatient(m.fitted, m.model, values);
  if (!scored.ok) return scored;
  const prediction = withRecalibration(scored.value, m.recalibration);
  const curves: PatientAnswer['curves'] = [];
  for (const column of whatIf) {
    const points = whatIfCurve(m.fitted, m.model, values, column);
    if (!points.ok) return points;
    const risks = recalibrated(Float64Array.from(points.value, (p) => p.risk), m.recalibration);
    curves.push({ column, points: points.value.map((p, i) => ({ x: p.x, risk: risks[i] })) });
  }
  // the engine decides: a risk at or above the model's threshold is a predicted event
  return ok({ prediction, curves, threshold: m.threshold, event: prediction.risk >= m.threshold });
}

/** One patient's risk under each option of a treatment column of the model in use (its recalibration applied). */
export function patientOptions(m: ActiveModel, values: PatientValue[], column: string): Result<PatientTreatment> {
  const tc = m.treatments.find((t) => t.column === column);
  if (!tc) return fail({ code: 'bad-parameter', column, value: 'treatment' });
  return patientTreatment(m.fitted, m.model, m.recalibration, values, tc);
}

/**
 * A patient's prediction under a recalibration logit' = a + b·logit: the risks (the patient's and the
 * reference's) recalibrated, and contributions in log-odds scaled by b (they still add up).
 */
function withRecalibration(p: PatientPrediction, r: Recalibration | null): PatientPrediction {
  if (!r) return p;
  const [risk, reference] = recalibrated(Float64Array.from([p.risk, p.reference.risk]), r);
  const scale = p.unit === 'log-odds' ? r.slope : 1;
  return {
    ...p,
    risk,
    logit: r.intercept + r.slope * p.logit,
    score: p.unit === 'log-odds' ? r.intercept + r.slope * p.score : p.score,
    reference: { risk: reference, score: p.unit === 'log-odds' ? r.intercept + r.slope * p.reference.score : p.reference.score },
    contributions: p.contributions.map((c) => ({ ...c, contribution: c.contribution * scale })),
  };
}

const PREVIEW_ROWS = 20;
const SOURCE_ROW = 'source_row';
const EXTRA = ['predicted_risk', 'predicted_class', 'scoring_notes'] as const;

/** A scored file: the table, its scores, and which of its columns go out (identifiers never do). */
export interface ScoredBatch {
  table: Table;
  scores: BatchScores;
  /** Columns of the file written to the scored CSV, in file order: every column not flagged as an identifier. */
  kept: number[];
  /** Names of the columns left out as identifiers. */
  dropped: string[];
  /** The file's patient column (found as in a loaded file) and its patients, or null. */
  patients: { key: string; count: number } | null;
}

/** The batch's output columns: identifiers (names, record numbers, phones…) found in the new file are left out. */
export function scoredBatch(table: Table, scores: BatchScores): ScoredBatch {
  const flags = detectIdentifiers(table);
  const kept: number[] = [];
  const dropped: string[] = [];
  table.columns.forEach((c, j) => (flags[j] ? dropped.push(c.name) : kept.push(j)));
  const key = suggestPatientKey(table.columns.map((c, j) => ({ name: c.name, detection: flags[j], ...columnStats(c) })));
  const keyColumn = table.columns.find((c) => c.name === key);
  const patients = keyColumn ? { key: keyColumn.name, count: totalPatients(patientIndex(keyColumn)) } : null;
  return { table, scores, kept, dropped, patients };
}

/** What the batch screen shows: counts and the first rows of the CSV that downloads. */
export function batchPreview(b: ScoredBatch, m: ActiveModel, fileName: string): BatchPreview {
  const { table, scores } = b;
  const rows = Math.min(PREVIEW_ROWS, table.rowCount);
  return {
    fileName,
    rows: table.rowCount,
    scored: scores.scored,
    notScored: table.rowCount - scores.scored,
    predictedEvents: scores.predictedEvents,
    flagged: countFlagged(scores),
    threshold: scores.threshold,
    header: batchHeader(b),
    droppedColumns: b.dropped,
    patients: b.patients,
    preview: Array.from({ length: rows }, (_, i) => [String(i + 1), ...b.kept.map((j) => cellText(table.columns[j], i)), ...extraCells(scores, m, i)]),
  };
}

function batchHeader(b: ScoredBatch): string[] {
  return [SOURCE_ROW, ...b.kept.map((j) => b.table.columns[j].name), ...EXTRA];
}

/** A row's scoring notes in plain English (the export stays the same whatever the UI language). */
function describeFlag(f: RowFlag): string {
  switch (f.code) {
    case 'not-scored':
      return `not scored: missing ${f.columns.join('; ')}`;
    case 'missing-imputed':
      return `missing filled as in training: ${f.columns.join('; ')}`;
    case 'not-a-number':
      return `not a number, treated as missing: ${f.cells.map((c) => `${c.column}=${c.value}`).join('; ')}`;
    case 'unseen-level':
      return `category not seen in training, treated as the reference: ${f.cells.map((c) => `${c.column}=${c.value}`).join('; ')}`;
  }
}

function countFlagged(s: BatchScores): number {
  let n = 0;
  for (let i = 0; i < s.flags.status.length; i++) if (s.flags.status[i] !== 0) n++;
  return n;
}

function extraCells(s: BatchScores, m: ActiveModel, i: number): [string, string, string] {
  const risk = s.risk[i];
  const cls = s.predictedClass[i];
  const notes = rowFlagSummary(s.flags, i).map(describeFlag).join(' | ');
  return [Number.isFinite(risk) ? String(risk) : '', cls === 1 ? m.fitted.setup.positiveClass : cls === 0 ? m.negativeLabel : '', notes];
}

/**
 * The scored file as CSV: the row's number in the file (to find the patient there), every column but
 * the identifiers, then the risk, the predicted class and notes; formula-safe.
 */
export function batchCsv(b: ScoredBatch, m: ActiveModel): Blob {
  const { table, scores, kept } = b;
  const width = kept.length + 1;
  let row = -1;
  let extra: [string, string, string] = ['', '', ''];
  const chunks = csvChunks(
    batchHeader(b),
    table.rowCount,
    (i, j) => {
      if (j === 0) return i + 1;
      if (j < width) return cellText(table.columns[kept[j - 1]], i);
      if (row !== i) {
        row = i;
        extra = extraCells(scores, m, i);
      }
      // the risk goes out as a number, so spreadsheets can sort and filter it
      return j === width ? (Number.isFinite(scores.risk[i]) ? scores.risk[i] : null) : extra[j - width];
    },
    { bom: true },
  );
  return new Blob([...chunks], { type: 'text/csv;charset=utf-8' });
}

/** The active model as a model file at the threshold, with the SHA-256 of its UTF-8 bytes; an imported one as it was read. */
export async function exportModel(m: ActiveModel, threshold: number, appVersion: string, createdAt: string): Promise<Result<{ text: string; sha256: string }>> {
  let text: string;
  if (m.source === 'imported' || !m.report) {
    if (!m.file) return fail({ code: 'bad-model-file', detail: 'no model file to re-export' });
    // the file as it was opened, unless it was recalibrated or validated here since: then with that recorded
    const sameDescription = JSON.stringify(m.description) === JSON.stringify(m.meta?.description ?? null);
    if (m.recalibration === (m.opened?.recalibration ?? null) && m.validation.external === null && threshold === m.opened?.threshold && sameDescription) return ok(m.file);
    const json = JSON.parse(m.file.text.replace(/^\uFEFF/, '')) as ModelFile;
    json.threshold = threshold;
    json.recalibration = m.recalibration ? { ...m.recalibration } : null;
    json.training.validation = { ...json.training.validation, external: modelFileValidation(m.validation).external ?? json.training.validation.external };
    json.description = m.description && !isEmptyDescription(m.description) ? { ...m.description } : null;
    text = JSON.stringify(json, null, 1);
  } else {
    const file = toModelFile({ fitted: m.fitted, model: m.model, report: m.report, threshold, appVersion, createdAt, recalibration: m.recalibration, validation: m.validation, description: m.description });
    text = JSON.stringify(file, null, 1);
  }
  // a model that cannot be read back (a diverged fit) is not offered
  const check = parseModelFileText(text);
  if (!check.ok) return check;
  return ok({ text, sha256: await sha256Hex(new TextEncoder().encode(text)) });
}

/** Reads a model file's bytes (UTF-8, a byte-order mark allowed); its SHA-256 is that of the bytes as they are. */
export async function importModel(bytes: Uint8Array): Promise<Result<ActiveModel>> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail({ code: 'bad-model-file', count: 1, detail: 'the file is not UTF-8 text: it is not a model file, or it was damaged' });
  }
  const parsed = parseModelFileText(text);
  if (!parsed.ok) return parsed;
  const { fitted, model, threshold, meta, recalibration } = parsed.value;
  const others = meta.outcome.otherValues;
  const sha256 = await sha256Hex(bytes);
  return ok({
    source: 'imported',
    description: meta.description,
    fitted,
    model,
    threshold,
    recalibration,
    validation: { bootstrap: null, external: null },
    opened: { recalibration, threshold },
    meta,
    file: { text, sha256 },
    fingerprint: sha256,
    // without its training rows, a 0/1 number cannot be told from a measurement: categories only
    treatments: treatmentColumns(fitted),
    negativeLabel: others.length === 1 ? others[0] : `not ${meta.outcome.event}`,
  });
}

/** SHA-256 of some bytes as 64 hex digits (Web Crypto: in the worker and in Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
