/**
 * The model file, version 2, as a zod schema: the shape and the types of every field. What the
 * shape cannot say (lengths that must agree, layers that must chain) is checked in model-file-check.ts.
 * The model's parameters and hyperparameters are each model's own schemas (models/kinds, via the registry).
 *
 * Numbers: JSON has no NaN or Infinity (JSON.stringify writes null), and `z.number()` refuses them.
 * - Parameters that make predictions (fill values, scaler, weights, intercepts, Platt A/B, the MLP's
 *   layers, the threshold) must be finite numbers: a null there is refused.
 * - The ONLY parameters allowed to be null are the unpenalized logistic regression's coefficients of
 *   features it dropped as constant or collinear (R's NA; they contribute nothing to a prediction), and
 *   only at the indices its `problems` list as dropped.
 * - Statistics that can be undefined (an AUC with one class in the test rows, a standard error of a
 *   dropped feature, a calibration slope under separation, the range of a column with no training
 *   value) are `number | null`, null meaning "not defined".
 * Unknown fields are refused everywhere (strict objects): a version-2 file holds exactly these fields,
 * so a changed file is noticed, and a file can never carry anything extra, such as patient rows.
 */
import { z } from 'zod';
import { modelFileParametersSchema, modelSpecSchema } from '../models/registry';
import { modelDescriptionSchema } from '../report/description';

export const MODEL_FILE_FORMAT = 'clinical-ml-workbench/model';
export const MODEL_FILE_VERSION = 2;
/**
 * Versions this app reads. Version 1 (before rare levels were pooled and the patient key was kept)
 * is read as version 2 with no pooled level and no patient key (model-file.ts upgrades it).
 */
export const READABLE_MODEL_FILE_VERSIONS: readonly number[] = [1, 2];

const num = z.number();
const stat = z.number().nullable();
const count = z.number().int().nonnegative();
const text = z.string();
const obj = z.strictObject;

const split = z.discriminatedUnion('kind', [
  obj({ kind: z.literal('random'), testFraction: num, seed: num }),
  obj({ kind: z.literal('column'), column: text, trainValue: text }),
]);

/** ColumnTransform: how a CSV column becomes design features (training fill, range, median, levels, mode). */
const column = z.discriminatedUnion('kind', [
  obj({ kind: z.literal('numeric'), column: text, fill: num.nullable(), min: stat, max: stat, median: stat }),
  /** `levels`: the frequent training levels; `other`: rarer ones were pooled into one "(other)" level (fill and mode may name it). */
  obj({ kind: z.literal('categorical'), column: text, levels: z.array(text), other: z.boolean(), fill: text.nullable(), mode: text.nullable() }),
  /**
   * A note column: its terms (each written for at least 5 training patients: no name or record number can be one)
   * and their idf (TfidfVectorizer's smooth idf), tf raw or sublinear; rows are l2-normalized.
   */
  obj({ kind: z.literal('text'), column: text, terms: z.array(text), idf: z.array(num.positive()), sublinearTf: z.boolean() }),
]);

/** FeatureSpec: one column of the design matrix. */
const feature = z.discriminatedUnion('kind', [
  obj({ kind: z.literal('numeric'), name: text, column: text }),
  obj({ kind: z.literal('indicator'), name: text, column: text, level: text }),
  obj({ kind: z.literal('term'), name: text, column: text, term: text }),
]);

const calibrationBin = obj({ meanPredicted: stat, observed: stat, count, events: count, lower: stat, upper: stat });

const testMetrics = obj({
  rows: count,
  events: count,
  auc: stat,
  aucLow: stat,
  aucHigh: stat,
  brier: stat,
  calibrationSlope: stat,
  calibrationIntercept: stat,
  averagePrecision: stat,
  calibration: z.array(calibrationBin),
  atThreshold: obj({ threshold: stat, accuracy: stat, sensitivity: stat, specificity: stat, ppv: stat, npv: stat }),
});

const warning = z.discriminatedUnion('code', [
  obj({ code: z.literal('separation'), features: z.array(text).optional() }),
  obj({ code: z.literal('collinearity'), features: z.array(text) }),
  obj({ code: z.literal('not-converged'), iterations: count }),
  obj({ code: z.literal('divergence'), epoch: count }),
  obj({ code: z.literal('small-sample'), events: count, features: count }),
  obj({ code: z.literal('few-test-events'), events: count }),
]);

const training = obj({
  /** The hyperparameters the model was trained with (each model's own schema, models/kinds). */
  hyperparameters: modelSpecSchema,
  rows: obj({ train: count, test: count, trainEvents: count, testEvents: count }),
  prevalence: obj({ train: stat, test: stat }),
  /** In words, e.g. "random, 20% test rows, stratified by the outcome, seed 42". */
  split: text,
  /** With a patient key: the distinct patients on each side (no patient is on both sides of a random split). */
  patients: obj({ train: count, test: count, shared: count }).nullable(),
  test: testMetrics,
  crossValidation: obj({ folds: count, aucMean: stat, aucSd: stat, accuracyMean: stat, accuracySd: stat }).nullable(),
  warnings: z.array(warning),
  /** Internal validation by the bootstrap and external validation on another file, when they were run. */
  validation: obj({
    bootstrap: obj({
      replicates: count,
      failed: count,
      unit: z.enum(['patients', 'rows']),
      seed: count,
      metrics: z.array(obj({ metric: z.enum(['auc', 'brier', 'calibration-slope', 'calibration-intercept']), apparent: stat, optimism: stat, corrected: stat, optimismSd: stat })),
      shrinkage: stat,
    }).nullable(),
    external: obj({
      fileName: text, rows: count, events: count, auc: stat, aucLow: stat, aucHigh: stat, brier: stat, oe: stat, calibrationIntercept: stat, calibrationSlope: stat,
    }).nullable(),
  }),
});

/**
 * A recalibration of the model's log-odds, applied to every risk it gives: logit p' = intercept +
 * slope · logit p (bootstrap shrinkage, or an update to an external file's patients, on `rows` rows).
 */
const recalibration = obj({ intercept: num, slope: num, method: z.enum(['shrinkage', 'intercept', 'logistic']), rows: count });

export const modelFileSchema = obj({
  format: z.literal(MODEL_FILE_FORMAT),
  version: z.literal(MODEL_FILE_VERSION),
  appVersion: text,
  /** ISO 8601. */
  createdAt: text,
  /** The outcome column, its value that counts as the event, and its other values. */
  outcome: obj({ column: text, event: text, otherValues: z.array(text) }),
  /** Risk ≥ threshold: predicted event. */
  threshold: num.min(0).max(1),
  preprocessing: obj({
    /** The columns chosen as features on the setup screen. */
    selectedColumns: z.array(text),
    missing: z.enum(['drop', 'mean', 'median', 'mode']),
    split,
    /** The name of the column that identifies the patient (never its values), or null: each row was a patient. */
    patientKey: text.nullable(),
    /** How note columns became terms (absent in older files, and when no note column is used: the defaults). */
    text: obj({ maxTerms: count, sublinearTf: z.boolean() }).optional(),
    columns: z.array(column),
    features: z.array(feature),
    /** Training mean and standard deviation of each design feature (z = (x − mean) / std). */
    scaler: obj({ mean: z.array(num), std: z.array(num.positive()) }),
  }),
  /** The model's parameters (each model's own schema, models/kinds). */
  model: modelFileParametersSchema,
  recalibration: recalibration.nullable(),
  training,
  /** The author's description for the report (population, data source and dates, setting, eligibility, intended use and users); absent in older files. */
  description: modelDescriptionSchema.nullable().optional(),
});

export type ModelFile = z.infer<typeof modelFileSchema>;
export type ModelFileTraining = ModelFile['training'];
export type ModelFileOutcome = ModelFile['outcome'];
