/**
 * Using a model, trained here or imported from a model file: the patient form's fields, one patient's
 * risk with its reasons and what-if curves, batch scoring of a new file and its CSV, and the model file.
 */
import type { FittedPrep } from '../core/prep/pipeline';
import type { FittedModel } from '../core/train/models';
import type { TrainReport } from '../core/train/report';
import type { ModelKind, TrainSetup } from '../core/prep/setup';
import type { Table } from '../core/table/column';
import { cellText } from '../core/table/column';
import { scorePatient, whatIfCurve, type PatientValue } from '../core/score/patient';
import { rowFlagSummary, type RowFlag } from '../core/score/align';
import type { BatchScores } from '../core/score/score-table';
import { csvChunks } from '../core/export/csv';
import { toModelFile, parseModelFileText, type ModelFileMeta } from '../core/export/model-file';
import { fail, ok, type Result } from '../core/errors';
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
}

export function modelInfo(m: ActiveModel): ModelInfo {
  const fields: PatientField[] = m.fitted.transforms.map((t) =>
    t.kind === 'numeric'
      ? { column: t.column, kind: 'numeric', min: t.min, max: t.max, median: t.median }
      : { column: t.column, kind: 'categorical', levels: t.levels, mode: t.mode },
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
  };
}

export function patient(m: ActiveModel, values: PatientValue[], whatIf: number[]): Result<PatientAnswer> {
  const prediction = scorePatient(m.fitted, m.model, values);
  if (!prediction.ok) return prediction;
  const curves: PatientAnswer['curves'] = [];
  for (const column of whatIf) {
    const points = whatIfCurve(m.fitted, m.model, values, column);
    if (!points.ok) return points;
    curves.push({ column, points: points.value });
  }
  return ok({ prediction: prediction.value, curves, threshold: m.threshold });
}

const PREVIEW_ROWS = 20;
const EXTRA = ['predicted_risk', 'predicted_class', 'scoring_notes'] as const;

/** What the batch screen shows: counts and the first rows, with the model's columns first. */
export function batchPreview(table: Table, scores: BatchScores, m: ActiveModel, fileName: string): BatchPreview {
  const columns = table.columns.map((c) => c.name);
  const rows = Math.min(PREVIEW_ROWS, table.rowCount);
  return {
    fileName,
    rows: table.rowCount,
    scored: scores.scored,
    notScored: table.rowCount - scores.scored,
    predictedEvents: scores.predictedEvents,
    flagged: countFlagged(scores),
    threshold: scores.threshold,
    header: [...columns, ...EXTRA],
    preview: Array.from({ length: rows }, (_, i) => [...table.columns.map((c) => cellText(c, i)), ...extraCells(scores, m, i)]),
  };
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

/** The scored file as CSV: every original column, then the risk, the predicted class and notes; formula-safe. */
export function batchCsv(table: Table, scores: BatchScores, m: ActiveModel): Blob {
  const header = [...table.columns.map((c) => c.name), ...EXTRA];
  const width = table.columns.length;
  let row = -1;
  let extra: [string, string, string] = ['', '', ''];
  const chunks = csvChunks(
    header,
    table.rowCount,
    (i, j) => {
      if (j < width) return cellText(table.columns[j], i);
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

export function exportModel(m: ActiveModel, threshold: number, importedText: string | null): Result<string> {
  if (m.source === 'imported' || !m.report) {
    if (importedText === null) return fail({ code: 'bad-model-file', detail: 'no model file to re-export' });
    return ok(importedText);
  }
  const file = toModelFile({ fitted: m.fitted, model: m.model, report: m.report, threshold, appVersion: __APP_VERSION__, createdAt: new Date().toISOString() });
  const text = JSON.stringify(file, null, 1);
  // a model that cannot be read back (a diverged fit) is not offered
  const check = parseModelFileText(text);
  if (!check.ok) return check;
  return ok(text);
}

export function importModel(text: string): Result<ActiveModel> {
  const parsed = parseModelFileText(text);
  if (!parsed.ok) return parsed;
  const { fitted, model, threshold, meta } = parsed.value;
  const others = meta.outcome.otherValues;
  return ok({ source: 'imported', fitted, model, threshold, meta, negativeLabel: others.length === 1 ? others[0] : `not ${meta.outcome.event}` });
}
