/**
 * The worker's API, shared by both sides: what the UI may ask and the small summaries it gets
 * back. The loaded table, design matrices and fitted models never leave the worker.
 */
import type { ModelEquation } from '../core/report/equation';
import type { ModelDescription } from '../core/report/description';
import type { Result } from '../core/errors';
import type { ColumnProfile } from '../core/table/profile';
import type { FileNote } from '../core/ingest/read-table';
import type { Encoding } from '../core/ingest/detect-encoding';
import type { Dialect } from '../core/ingest/dialect';
import type { TrainSetup } from '../core/prep/setup';
import type { TrainReport } from '../core/train/train';
import type { ComparisonRow, LossPoint, ThresholdResult } from '../core/train/report';
import type { ModelKind } from '../core/prep/setup';
import type { PatientPrediction, PatientValue, WhatIfPoint } from '../core/score/patient';
import type { ModelFileMeta } from '../core/export/model-file';
import type { IdentifierDetection } from '../core/privacy/identifiers';
import type { DeidAction, DeidColumnSummary } from '../core/privacy/deidentify';
import type { BootstrapResult } from '../core/validation/bootstrap';
import type { ExternalEvaluation, Recalibration, RecalibrationMethod } from '../core/validation/external';
import type { SubgroupRow } from '../core/validation/subgroups';
import type { TreatmentColumn } from '../core/treatment/columns';
import type { PatientTreatment } from '../core/treatment/patient';
import type { TreatmentComparison } from '../core/treatment/cohort';

export type { TreatmentColumn, PatientTreatment, TreatmentComparison };

export type Stage = 'read' | 'parse' | 'profile' | 'prepare' | 'train' | 'evaluate' | 'cross-validate' | 'compare' | 'score' | 'validate' | 'treatment' | 'deidentify' | 'encrypt' | 'decrypt';

export interface Progress {
  stage: Stage;
  /** 0..1 within the stage. */
  fraction: number;
  /** Loss-curve points of an iterative model since the previous report (for the live curve). */
  loss?: LossPoint[];
  /** While comparing: the model being trained. */
  model?: string;
}

export type ProgressListener = (p: Progress) => void;

export interface ColumnSummary extends ColumnProfile {
  /** Every distinct value as written in the file, sorted, when there are at most 50 (for outcome and cohort pickers). */
  levels?: string[];
  /** Set when the column looks like a patient identifier (by its name or its values): not a feature. */
  phi?: IdentifierDetection;
  /** The detection flagged it, and the user marked it as not an identifier: it may be a feature. */
  notIdentifier?: true;
  /** A birth-date column: an age can be derived from it instead. */
  birthDate?: boolean;
}

/** What the de-identification panel asks for: an action per column (a list, so names are never object keys). */
export interface DeidRequest {
  actions: [string, DeidAction][];
  /** The column naming the patient: one date shift per patient. */
  patientColumn?: string;
  /** The visit or admission date at which ages are reckoned (birth dates implying 90 or more become "90+"). */
  referenceColumn?: string;
  quasiIdentifiers: string[];
  k: number;
  /** Remove rows whose quasi-identifier combination is shared by fewer than k rows. */
  suppress: boolean;
}

export interface DeidOutcome {
  blob: Blob;
  rows: number;
  removed: number;
  /** Smallest equivalence class over the quasi-identifiers in the exported file (null when none chosen), in `unit`. */
  minClassSize: number | null;
  /** What the classes count: distinct patients (the file has a patient key) or rows. */
  unit: 'patients' | 'rows';
  rowsAtRisk: number | null;
  rowsAtRiskBefore: number | null;
  summary: DeidColumnSummary[];
}

export interface SavedSessionInfo {
  savedAt: string;
  bytes: number;
}

export interface RestoredSession extends DatasetState {
  setup: TrainSetup | null;
}

export interface DatasetSummary {
  fileName: string;
  fileBytes: number;
  rows: number;
  cols: number;
  encoding: Encoding;
  delimiter: Dialect['delimiter'];
  decimalComma: boolean;
  columns: ColumnSummary[];
  /**
   * The column that identifies the patient (found automatically, or chosen), or null: each row is a
   * patient. The split, cross-validation, k-anonymity and rare-level pooling count patients by it.
   */
  patientKey: string | null;
  /** Distinct patients (rows without a key value count one each); the row count without a key. */
  patients: number;
  fileNotes: FileNote[];
  /** A sensible starting setup: the likely outcome, its event value, and the columns usable as features. */
  suggestion: { outcome: string | null; positiveClass: string | null; features: string[] };
}

/** One input of the patient form: the training range and median, or the levels and the most frequent. */
export type PatientField =
  | { column: string; kind: 'numeric'; min: number; max: number; median: number }
  | { column: string; kind: 'categorical'; levels: string[]; mode: string | null }
  /** A note: free text; `terms` is how many terms of the vocabulary the model reads. */
  | { column: string; kind: 'text'; terms: number };

/** The model the "use the model" step works with, as the UI needs to describe it. */
export interface ModelInfo {
  source: 'trained' | 'imported';
  kind: ModelKind;
  outcome: string;
  positiveClass: string;
  negativeLabel: string;
  threshold: number;
  fields: PatientField[];
  createdAt?: string;
  appVersion?: string;
  training?: ModelFileMeta['training'];
  /** The SHA-256 (hex) of the model file last saved or opened: the receiver of a file can confirm it by phone. */
  fingerprint?: string;
  /** A recalibration of its log-odds applied to every risk (bootstrap shrinkage, or an update to an external file), or null. */
  recalibration: Recalibration | null;
  /** The model in use as a formula in the columns' units (the report's equation), or null (the network). */
  equation: ModelEquation | null;
  /** The author's description for the report, or null. */
  description: ModelDescription | null;
  /**
   * The features that can be compared as a treatment (categorical with 2–10 levels, or 0/1 numbers seen
   * in the training rows), with their options as written in the file.
   */
  treatments: TreatmentColumn[];
}

/** An external validation of the model in use on another file (see core/validation/external.ts). */
export interface ExternalOutcome {
  fileName: string;
  rowsRead: number;
  /** Rows left out: no outcome value; or not scored (a value the model needs is missing). */
  withoutOutcome: number;
  notScored: number;
  /** The figures of the model in use (after a recalibration, the recalibrated model's). */
  evaluation: ExternalEvaluation;
  /** The recalibration to this file's patients that is applied: none, intercept only, or logistic. */
  method: RecalibrationMethod;
}

export interface PatientAnswer {
  prediction: PatientPrediction;
  curves: { column: number; points: WhatIfPoint[] }[];
  threshold: number;
  /** The model's decision: the risk is at or above the threshold. */
  event: boolean;
}

export interface BatchPreview {
  fileName: string;
  rows: number;
  scored: number;
  notScored: number;
  predictedEvents: number;
  /** Rows with a note (missing values filled, unseen categories, text in a number column). */
  flagged: number;
  threshold: number;
  header: string[];
  /** Columns of the file left out of the scored CSV because they look like identifiers. */
  droppedColumns: string[];
  /** The file's patient column, found as in a loaded file, and how many patients its rows are; null when none. */
  patients: { key: string; count: number } | null;
  preview: string[][];
}

/** The loaded dataset and the model in use, as they are after an operation that may change them. */
export interface DatasetState {
  dataset: DatasetSummary;
  /** A model trained on the previous data (or split) is gone; an imported one stays. */
  model: ModelInfo | null;
}

export interface TrainOutcome {
  report: TrainReport;
  /** The trained model, now the one in use. */
  model: ModelInfo;
}

export interface ThresholdOutcome {
  /** The test metrics at the threshold. */
  metrics: ThresholdResult;
  /** The model in use, whose decisions now use this threshold (when it is the trained one). */
  model: ModelInfo | null;
}

/**
 * The engine's API (src/worker/engine.ts implements it; engine.worker.ts exposes it). Every method
 * answers a Result: nothing throws across the worker boundary. Long tasks take a progress listener and
 * can be cancelled.
 */
export interface EngineApi {
  /** Parses a CSV file into the engine's table (replacing the previous one only on success). */
  load(file: Blob, fileName: string, onProgress: ProgressListener): Promise<Result<DatasetState>>;
  /** Sets the column that identifies the patient (null: each row is a patient); the summary is recomputed per patient. */
  setPatientKey(column: string | null): Promise<Result<DatasetState>>;
  /** Marks a flagged column as not an identifier (it may then be a feature), or flags it again. */
  setNotIdentifier(column: string, notIdentifier: boolean): Promise<Result<DatasetState>>;
  /** Adds an age column computed from a birth-date column (at a reference date column or today). */
  deriveAge(column: string): Promise<Result<DatasetState>>;
  train(setup: TrainSetup, onProgress: ProgressListener): Promise<Result<TrainOutcome>>;
  /** Moves the decision threshold of the trained model: its test metrics there (instant: no retraining). */
  setThreshold(threshold: number): Promise<Result<ThresholdOutcome>>;
  /** Trains every model on the same split and compares them on the test rows. */
  compare(setup: TrainSetup, onProgress: ProgressListener): Promise<Result<ComparisonRow[]>>;
  /** The model the "use the model" step works with (the last trained or imported one), or null. */
  activeModel(): Promise<Result<ModelInfo | null>>;
  /** One patient's risk, its reasons, the model's decision and what-if curves for the given columns (indices into `fields`). */
  patient(values: PatientValue[], whatIf: number[]): Promise<Result<PatientAnswer>>;
  /** Scores a file of new patients with the model in use, at its threshold. */
  scoreFile(file: Blob, fileName: string, onProgress: ProgressListener): Promise<Result<BatchPreview>>;
  /** The last scored file as a formula-safe CSV, without its identifier columns. */
  batchCsv(): Promise<Result<Blob>>;
  /** The model in use as a model file (JSON text) at its threshold, with the SHA-256 of its bytes. */
  exportModel(): Promise<Result<{ text: string; sha256: string }>>;
  /** Reads a model file (its bytes: the fingerprint is theirs); it becomes the model in use. */
  importModel(file: Blob): Promise<Result<ModelInfo>>;
  /** The trained pipeline as a Python script (pandas + scikit-learn) or a PySpark script. */
  code(kind: 'sklearn' | 'pyspark'): Promise<Result<string>>;
  /** A de-identified copy of the loaded file, with its k-anonymity report. */
  deidentify(request: DeidRequest, onProgress: ProgressListener): Promise<Result<DeidOutcome>>;
  /** What is saved on this device (nothing unless the user saved). */
  savedSession(): Promise<Result<SavedSessionInfo | null>>;
  /** Encrypts the data, the setup and an imported model under the passphrase into IndexedDB. */
  saveSession(passphrase: string, setup: TrainSetup | null, onProgress: ProgressListener): Promise<Result<SavedSessionInfo>>;
  openSession(passphrase: string, onProgress: ProgressListener): Promise<Result<RestoredSession>>;
  /** Deletes everything this app stored on the device; `forget-blocked` while another tab holds it open. */
  forgetEverything(): Promise<Result<true>>;
  /** The author's description of the model in use (report, model file); the model's info back. */
  describeModel(description: ModelDescription): Promise<Result<ModelInfo>>;
  /** Internal validation of the trained model by the bootstrap (Harrell's optimism correction), with progress and cancel. */
  validateBootstrap(replicates: number, onProgress: ProgressListener): Promise<Result<BootstrapResult>>;
  /** Shrinks the trained model by the bootstrap's corrected calibration slope (the intercept re-estimated). */
  applyShrinkage(): Promise<Result<ModelInfo>>;
  /** Validates the model in use (trained or opened) on a second file that has the outcome. */
  validateExternal(file: Blob, fileName: string, onProgress: ProgressListener): Promise<Result<ExternalOutcome>>;
  /** Recalibrates the model in use to the external file's patients; the recalibrated model is then the one in use. */
  recalibrate(method: RecalibrationMethod): Promise<Result<{ external: ExternalOutcome; model: ModelInfo }>>;
  /** The trained model's test figures per level of a column (sex, age band, site). */
  subgroups(column: string): Promise<Result<SubgroupRow[]>>;
  /** One patient's risk under each option of a treatment column (one of `ModelInfo.treatments`), ranked, against the patient's own option. */
  patientTreatment(values: PatientValue[], column: string): Promise<Result<PatientTreatment>>;
  /**
   * The cohort's standardized risk under each option of a treatment column (g-computation over the test
   * rows of the trained model in use), their differences and bootstrap 95% intervals (`replicates`
   * refits, 0 for none), and the warnings; with progress and cancel.
   */
  compareTreatments(column: string, replicates: number, onProgress: ProgressListener): Promise<Result<TreatmentComparison>>;
  /** Throws outside any call, as an unexpected bug would: for the end-to-end test of crash recovery. */
  crashForTest(): void;
  /** Asks the running task to stop at its next checkpoint; it then resolves with the 'cancelled' error. */
  cancel(): void;
}
