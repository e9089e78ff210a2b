/**
 * The model file: a trained model as JSON the user can save, keep with the study's records, and load
 * again to score patients without the training data. It holds everything that reproduces the
 * predictions (the fitted preprocessing: columns, types, category levels, fill values, training
 * ranges, medians and modes, scaler means and standard deviations; the model's parameters; the
 * threshold; the outcome and its event value) and a summary of the training (row counts, prevalence,
 * split, test metrics, warnings). It holds NO patient row: the only values from the data are the
 * category level names and summary statistics (fill values, medians, minima and maxima, means and
 * standard deviations, counts).
 *
 * Round trip: numbers are written as JSON numbers (JSON.stringify writes the shortest text that reads
 * back as the same double), typed arrays as lists, so a model read back scores every patient exactly
 * as the original. The schema and its rules about NaN and unknown fields: model-file-schema.ts.
 */
import type { FittedPrep } from '../prep/pipeline';
import { modelDefinition, type FittedModel } from '../models/registry';
import type { TrainReport } from '../train/report';
import { isEmptyDescription, type ModelDescription } from '../report/description';
import type { SplitSpec } from '../prep/setup';
import { fail, ok, type Result } from '../errors';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, READABLE_MODEL_FILE_VERSIONS, modelFileSchema, type ModelFile, type ModelFileOutcome, type ModelFileTraining } from './model-file-schema';
import { consistencyProblems, describeIssue } from './model-file-check';
import { foldsForFraction } from '../prep/group-split';
import type { Recalibration } from '../validation/external';
import type { BootstrapResult } from '../validation/bootstrap';

export { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, type ModelFile } from './model-file-schema';

/** How many problems `detail` names (the rest are counted). */
const SHOWN_PROBLEMS = 3;

export interface ModelFileInput {
  fitted: FittedPrep;
  model: FittedModel;
  report: TrainReport;
  threshold: number;
  recalibration?: Recalibration | null;
  validation?: ModelValidationInput;
  description?: ModelDescription | null;
  appVersion: string;
  /** ISO 8601, e.g. new Date().toISOString(). */
  createdAt: string;
}

export interface ModelFileMeta {
  appVersion: string;
  createdAt: string;
  description: ModelDescription | null;
  outcome: ModelFileOutcome;
  training: ModelFileTraining;
}

export interface ImportedModel {
  fitted: FittedPrep;
  model: FittedModel;
  threshold: number;
  recalibration: Recalibration | null;
  meta: ModelFileMeta;
}

/** The validation results a model file records (see model-file-schema.ts `training.validation`). */
export interface ModelValidationInput {
  bootstrap: BootstrapResult | null;
  external: { fileName: string; rows: number; events: number; auc: number; aucLow: number; aucHigh: number; brier: number; oe: number; calibrationIntercept: number; calibrationSlope: number } | null;
}

const list = (a: Float64Array): number[] => Array.from(a);
/** A statistic: NaN or ±Infinity (undefined) as null. */
const stat = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The model as a plain JSON-able object (JSON.stringify it to save). A model whose parameters are not
 * finite (a diverged gradient descent) gives a file that `parseModelFile` refuses: check before offering it.
 */
export function toModelFile(input: ModelFileInput): ModelFile {
  const { fitted, model, report } = input;
  const setup = fitted.setup;
  const t = report.test;
  const c = report.counts;
  const cv = report.crossValidation;
  return {
    format: MODEL_FILE_FORMAT,
    version: MODEL_FILE_VERSION,
    appVersion: input.appVersion,
    createdAt: input.createdAt,
    outcome: { column: setup.outcome, event: setup.positiveClass, otherValues: report.negativeClasses.slice() },
    threshold: input.threshold,
    preprocessing: {
      selectedColumns: setup.features.slice(),
      missing: setup.missing,
      split: { ...setup.split },
      patientKey: setup.patientKey ?? null,
      ...(setup.text ? { text: { ...setup.text } } : {}),
      columns: fitted.transforms.map((tr) =>
        tr.kind === 'numeric'
          ? { kind: 'numeric', column: tr.column, fill: tr.fill, min: stat(tr.min), max: stat(tr.max), median: stat(tr.median) }
          : tr.kind === 'text'
            ? { kind: 'text', column: tr.column, terms: tr.terms.slice(), idf: tr.idf.slice(), sublinearTf: tr.sublinearTf }
            : { kind: 'categorical', column: tr.column, levels: tr.levels.slice(), other: tr.other, fill: tr.fill, mode: tr.mode },
      ),
      features: fitted.features.map((f) => ({ ...f })),
      scaler: { mean: list(fitted.scaler.mean), std: list(fitted.scaler.std) },
    },
    model: modelParameters(model),
    recalibration: input.recalibration ? { ...input.recalibration } : null,
    training: {
      hyperparameters: structuredClone(report.model),
      rows: { train: c.train, test: c.test, trainEvents: c.trainEvents, testEvents: c.testEvents },
      prevalence: { train: stat(c.trainEvents / c.train), test: stat(c.testEvents / c.test) },
      split: describeSplit(setup.split, setup.patientKey ?? null),
      patients: setup.patientKey ? { train: c.trainPatients, test: c.testPatients, shared: c.sharedPatients } : null,
      test: {
        rows: t.rows,
        events: t.events,
        auc: stat(t.auc),
        aucLow: stat(t.aucLow),
        aucHigh: stat(t.aucHigh),
        brier: stat(t.brier),
        calibrationSlope: stat(t.calibrationSlope),
        calibrationIntercept: stat(t.calibrationIntercept),
        averagePrecision: stat(t.averagePrecision),
        calibration: t.calibration.map((b) => ({
          meanPredicted: stat(b.meanPredicted), observed: stat(b.observed), count: b.count, events: b.events, lower: stat(b.lower), upper: stat(b.upper),
        })),
        atThreshold: {
          threshold: stat(t.atThreshold.threshold),
          accuracy: stat(t.atThreshold.accuracy),
          sensitivity: stat(t.atThreshold.sensitivity),
          specificity: stat(t.atThreshold.specificity),
          ppv: stat(t.atThreshold.ppv),
          npv: stat(t.atThreshold.npv),
        },
      },
      crossValidation: cv
        ? { folds: cv.folds, aucMean: stat(cv.auc.mean), aucSd: stat(cv.auc.sd), accuracyMean: stat(cv.accuracy.mean), accuracySd: stat(cv.accuracy.sd) }
        : null,
      warnings: structuredClone(report.warnings),
      validation: modelFileValidation(input.validation),
    },
    description: input.description && !isEmptyDescription(input.description) ? { ...input.description } : null,
  };
}

/** The validation results as the model file writes them (undefined statistics as null). */
export function modelFileValidation(v: ModelValidationInput | undefined): ModelFile['training']['validation'] {
  const b = v?.bootstrap ?? null;
  const e = v?.external ?? null;
  return {
    bootstrap: b && {
      replicates: b.requested, failed: b.failed, unit: b.unit, seed: b.seed, shrinkage: stat(b.shrinkage),
      metrics: b.rows.map((r) => ({ metric: r.metric, apparent: stat(r.apparent), optimism: stat(r.optimism), corrected: stat(r.corrected), optimismSd: stat(r.optimismSd) })),
    },
    external: e && {
      fileName: e.fileName, rows: e.rows, events: e.events, auc: stat(e.auc), aucLow: stat(e.aucLow), aucHigh: stat(e.aucHigh), brier: stat(e.brier), oe: stat(e.oe),
      calibrationIntercept: stat(e.calibrationIntercept), calibrationSlope: stat(e.calibrationSlope),
    },
  };
}

/** The model's parameters as its definition writes them. */
function modelParameters(m: FittedModel): ModelFile['model'] {
  return modelDefinition(m.kind).file.write(m);
}

/** The split in words, for people reading the file. */
export function describeSplit(s: SplitSpec, patientKey: string | null = null): string {
  if (s.kind === 'random' && patientKey) {
    return `random by patient (“${patientKey}”): each patient's rows on one side, about ${Math.round(1000 / foldsForFraction(s.testFraction)) / 10}% test, stratified by the outcome, seed ${s.seed}`;
  }
  if (s.kind === 'random') return `random, ${Math.round(s.testFraction * 1000) / 10}% test rows, stratified by the outcome, seed ${s.seed}`;
  return `by the column “${s.column}”: rows with “${s.trainValue}” trained the model, the other rows tested it`;
}

/** `bad-model-file` naming the first problems; `total` counts them all (a file can have 100,000 null weights). */
const bad = (problems: string[], total = problems.length): Result<never> => {
  const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ');
  const rest = total - Math.min(total, SHOWN_PROBLEMS);
  const more = rest > 0 ? ` (and ${rest} more problem${rest === 1 ? '' : 's'})` : '';
  return fail({ code: 'bad-model-file', count: total, detail: shown + more });
};

/** Reads a model file's text (what the user picked); JSON errors are explained like the other problems. */
export function parseModelFileText(text: string): Result<ImportedModel> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return bad([`the file is not valid JSON (${e instanceof Error ? e.message : String(e)}): it is not a model file, or it was damaged`]);
  }
  return parseModelFile(json);
}

/** Checks a parsed model file and rebuilds the fitted pipeline and model; `bad-model-file` with the first problems in words. */
export function parseModelFile(json: unknown): Result<ImportedModel> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return bad(['the file does not hold a model (a JSON object with “format”, “version”, … is expected)']);
  const head = json as { format?: unknown; version?: unknown };
  if (head.format !== MODEL_FILE_FORMAT) {
    return bad([
      head.format === undefined
        ? `this is not a model file of the Clinical ML Workbench (the field “format” is missing)`
        : `this is not a model file of the Clinical ML Workbench (“format” is ${JSON.stringify(head.format)}, expected “${MODEL_FILE_FORMAT}”)`,
    ]);
  }
  if (!READABLE_MODEL_FILE_VERSIONS.includes(head.version as number)) {
    const v = head.version;
    if (typeof v === 'number' && Number.isInteger(v) && v > MODEL_FILE_VERSION) {
      return bad([`the model file has version ${v}, written by a newer version of the app; this version reads version ${MODEL_FILE_VERSION}: update the app`]);
    }
    return bad([`unknown model file version ${v === undefined ? '(missing)' : JSON.stringify(v)}; this app reads version ${MODEL_FILE_VERSION}`]);
  }
  const parsed = modelFileSchema.safeParse(head.version === 1 ? upgradeFromVersion1(json) : json);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    return bad(issues.slice(0, SHOWN_PROBLEMS).map((issue) => describeIssue(issue, json)), issues.length);
  }
  const f = parsed.data;
  const problems = consistencyProblems(f);
  if (problems.length > 0) return bad(problems);
  return ok({
    fitted: fittedPrep(f),
    model: fittedModel(f.model),
    threshold: f.threshold,
    recalibration: f.recalibration,
    meta: { appVersion: f.appVersion, createdAt: f.createdAt, outcome: f.outcome, training: f.training, description: f.description ?? null },
  });
}

/**
 * A version-1 file as version 2: no level was pooled, no patient key. Only the fields version 2 added
 * are filled in; anything else wrong in the file is left for the schema to report.
 */
function upgradeFromVersion1(json: object): unknown {
  const f = structuredClone(json) as { version: number; preprocessing?: { columns?: unknown; patientKey?: unknown }; training?: { patients?: unknown } };
  f.version = MODEL_FILE_VERSION;
  const pre = f.preprocessing;
  if (pre && typeof pre === 'object') {
    if (Array.isArray(pre.columns)) {
      for (const c of pre.columns as { kind?: unknown; other?: unknown }[]) if (c && typeof c === 'object' && c.kind === 'categorical' && !('other' in c)) c.other = false;
    }
    if (!('patientKey' in pre)) pre.patientKey = null;
  }
  if (f.training && typeof f.training === 'object' && !('patients' in f.training)) f.training.patients = null;
  if (f.training && typeof f.training === 'object' && !('validation' in f.training)) (f.training as Record<string, unknown>).validation = { bootstrap: null, external: null };
  if (!('recalibration' in f)) (f as Record<string, unknown>).recalibration = null;
  return f;
}

function fittedPrep(f: ModelFile): FittedPrep {
  const pre = f.preprocessing;
  return {
    setup: {
      outcome: f.outcome.column, positiveClass: f.outcome.event, features: pre.selectedColumns, missing: pre.missing, split: pre.split, patientKey: pre.patientKey,
      ...(pre.text ? { text: { ...pre.text } } : {}),
    },
    transforms: pre.columns.map((c) =>
      c.kind === 'numeric'
        ? { kind: 'numeric', column: c.column, fill: c.fill, min: c.min ?? NaN, max: c.max ?? NaN, median: c.median ?? NaN }
        : c.kind === 'text'
          ? { kind: 'text', column: c.column, terms: c.terms, idf: c.idf, sublinearTf: c.sublinearTf }
          : { kind: 'categorical', column: c.column, levels: c.levels, other: c.other, fill: c.fill, mode: c.mode },
    ),
    features: pre.features,
    scaler: { mean: Float64Array.from(pre.scaler.mean), std: Float64Array.from(pre.scaler.std) },
  };
}

function fittedModel(m: ModelFile['model']): FittedModel {
  return modelDefinition(m.kind).file.read(m);
}
