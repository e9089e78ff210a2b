/** The JSON that the benchmark's child processes hand back to the orchestrator (bench.ts). */
import type { MemoryPeak } from './memory';

export interface PhaseResult {
  seconds: number;
  memory: MemoryPeak;
}

export interface ModelResult {
  kind: string;
  /** What was asked of the model (hyperparameters), for the report. */
  spec: string;
  ok: boolean;
  /** Why it did not finish (an exception, or the time budget). */
  error?: string;
  /** train() from its 'train' checkpoint to its end: fit + scoring + evaluation. */
  seconds: number;
  /** From train()'s 'train' checkpoint to its 'evaluate' checkpoint: the fit alone. */
  fitSeconds: number;
  /** Scoring train and test rows, ROC/PR/calibration. */
  evaluateSeconds: number;
  iterations?: number;
  converged?: boolean;
  testAuc?: number;
  /** Seconds of each epoch (gd, mlp), from the onEpoch callbacks. */
  epochSeconds?: number[];
  coefficients?: Record<string, number>;
  intercept?: number;
  memory: MemoryPeak;
}

export interface LrFitResult {
  /** fitLogisticL2 alone on the prepared training matrix (what train() calls for 'logreg'). */
  seconds: number;
  iterations: number;
  converged: boolean;
  /** Objective + gradient evaluations on all rows (one pass over X each). */
  evaluations: number;
  /** Rows of the sample the fit started from (undefined: it started from w = 0). */
  sampleRows?: number;
  /** Median time of one objective + gradient evaluation. */
  secondsPerEvaluation: number;
  coefficients: Record<string, number>;
  intercept: number;
  /** The same fit without the sample warm start (plain L-BFGS from w = 0), to show what the warm start buys. */
  plain: { seconds: number; iterations: number; evaluations: number };
}

export interface OursResult {
  rows: number;
  file: string;
  bytes: number;
  gcAvailable: boolean;
  /** RSS after start-up, before the file is read. */
  baselineRss: number;
  parse: PhaseResult & { scanSeconds: number; inferSeconds: number; columns: number; numericColumns: number; types: Record<string, string> };
  profile: PhaseResult;
  prepare: PhaseResult & { trainRows: number; testRows: number; features: string[]; trainRowSum: number };
  lrFit: LrFitResult;
  models: ModelResult[];
  /** Peak RSS over all phases (bytes). */
  peakRss: number;
  /** Bytes of the table's numeric data: rows × numeric columns × 8. */
  numericBytes: number;
  /** The measure of the data: 8 bytes × cells (rows × all columns, outcome and text columns included). */
  cellBytes: number;
  /** Bytes of the training + test design matrices: rows × design columns × 8. */
  designBytes: number;
}

/** The app in Chromium on the cohort file (browser.ts). */
export interface BrowserResult {
  rows: number;
  ok: boolean;
  error?: string;
  chromium?: string;
  /** From handing the file to the picker to the profile on screen. */
  loadSeconds?: number;
  /** From "Train model" to the results and the patient form on screen. */
  trainSeconds?: number;
  /** The journey split into its phases (browser.ts journeyPhases), from the page's and the worker's marks. */
  phases?: JourneyPhases;
  /** Durations of the main-thread tasks over 50 ms from the file to the results (none is the goal). */
  longTasks?: number[];
  longestFrameGapMs?: number;
  outcome?: string;
  testAuc?: number;
}

/** The app's journey in Chromium, in seconds per phase (bench/browser.ts). */
export interface JourneyPhases {
  load: {
    /** From the file input's change event to the profile on screen. */
    total: number;
    /** The page hands the File (a handle, not its bytes) to the worker: from the change event to the worker's task start. */
    toWorker: number;
    /** readTable's scan of the bytes into column builders, the reading of the file's bytes included. */
    parse: number;
    /** Of parse: the time the worker waited for the file's bytes (Blob.slice().arrayBuffer()). */
    fileRead: number | null;
    /** readTable's typing of the columns (its 'profile' stage). */
    typing: number;
    /** summarize: the profile table and the identifier detection. */
    profile: number;
    /** From the worker's task end to the page's receipt of its answer (structured clone of the summary). */
    toPage: number;
    /** From the answer to the profile on screen (React). */
    render: number;
  };
  train: {
    /** From the click on "Train model" to the results (the status and the test metrics) on screen. */
    total: number;
    toWorker: number;
    /** prepare: split, imputation, one-hot, z-scores (the task's start to the 'train' stage). */
    prepare: number;
    /** The model's fit (the 'train' stage). */
    fit: number;
    /** Scoring, ROC/PR/calibration, AUC CI, the model's description (the 'evaluate' stage to the task's end). */
    evaluate: number;
    toPage: number;
    /** From the answer to the results on screen (React). */
    render: number;
    /** From the click to the patient form on screen, the end of the results page (it mounts a dozen frames after the metrics). */
    patientForm: number;
    /** From the click to every deferred part of the results mounted. */
    complete: number;
  };
}

export interface PapaResult {
  rows: number;
  ok: boolean;
  error?: string;
  readSeconds?: number;
  parseSeconds?: number;
  parsedRows?: number;
  errors?: number;
  memory?: MemoryPeak;
}

export interface MlLrResult {
  rows: number;
  ok: boolean;
  error?: string;
  /** Steps per classifier that were run, and the library's default. */
  steps: number;
  defaultSteps: number;
  /** Measured seconds for `steps` steps (both one-vs-all classifiers, as the library trains them). */
  seconds?: number;
  /** seconds × defaultSteps / steps: the time its defaults would take. */
  projectedSeconds?: number;
  coefficients?: Record<string, number>;
  intercept?: number;
  /** Mean log-loss at the returned weights, and whether it is finite. */
  meanLogLoss?: number;
}

export interface SklearnResult {
  ok: boolean;
  error?: string;
  rows: number;
  versions: Record<string, string>;
  read_csv: { seconds: number; peak_rss: number };
  preprocess: { seconds: number; peak_rss: number; train_rows: number; test_rows: number; train_row_sum: number; features: string[] };
  logreg_default: SklearnLr;
  /** The default fit with BLAS limited to one thread (threadpoolctl), as our worker runs on one core. */
  logreg_default_1thread?: SklearnLr;
  logreg_tight: SklearnLr;
  /** newton-cg, tol 1e-10: the reference optimum. */
  logreg_exact: SklearnLr;
  logreg_none: SklearnLr;
  svc?: { seconds: number; evaluate_seconds: number; test_auc: number; n_support: number; coefficients: Record<string, number>; intercept: number; peak_rss: number };
  svc_skipped?: string;
  mlp: { seconds: number; epochs: number; seconds_per_epoch: number; test_auc: number; peak_rss: number };
  peak_rss: number;
}

export interface SklearnLr {
  seconds: number;
  evaluate_seconds: number;
  iterations: number;
  tol: number;
  test_auc: number;
  coefficients: Record<string, number>;
  intercept: number;
  peak_rss: number;
}

/** The four figures of a bootstrap validation, per metric. */
export type BootstrapFigures = Record<string, { apparent: number; optimism: number; corrected: number; optimismSd?: number }>;

/** bootstrapValidation on a cohort file, as the worker runs it (bootstrap.ts). */
export interface BootstrapOursResult {
  csv: string;
  rows: number;
  trainRows: number;
  /** Sum of the training rows' table indices: with trainRows, checks that both sides use the same rows. */
  trainRowSum: number;
  features: string[];
  replicates: number;
  missing: string;
  readSeconds: number;
  /** train(): the model that is validated (not part of the bootstrap's time). */
  trainSeconds: number;
  /** bootstrapValidation from its call to its result. */
  seconds: number;
  memory: MemoryPeak;
  /** The worker's RunControl during the run: checkpoints reached, progress reports sent, the longest computation between two checkpoints. */
  progress: { checkpoints: number; reports: number; longestGapMs: number; lastFraction: number };
  /** The loop's parts timed one by one over the first `partReplicates` replicates (bench/bootstrap.ts bootstrapParts), seconds summed. */
  partSeconds?: Record<string, number>;
  partReplicates?: number;
  /** A second run cancelled after `afterSeconds` (the flag set by a timer, seen at the next yield as a cancel message is): how long after that moment it stopped. */
  cancel?: { afterSeconds: number; outcome: string; stoppedAfterMs: number; fractionReached: number };
  failed: number;
  seed: number;
  metrics: BootstrapFigures;
  /** The figures of the first `replicates` replicates alone (a second, shorter run), for a scikit-learn run of that many. */
  check?: { replicates: number; metrics: BootstrapFigures };
}

/** The same loop in numpy + pandas + scikit-learn (sklearn_bootstrap.py), once per model variant. */
export interface BootstrapSklearnRun {
  /** "exact": the exported script's LogisticRegression(newton-cg, tol 1e-10); "default": LogisticRegression(). */
  model: string;
  description: string;
  seconds: number;
  replicates: number;
  failed: number;
  /** Seconds summed over the replicates, per part of the loop (draw, select, fit_pipeline, design, fit, predict, metrics). */
  partSeconds: Record<string, number>;
  /** Solver iterations per replicate: mean, most, and the replicates whose fit took over 100. */
  meanIterations: number;
  maxIterations?: number;
  slowFits?: number;
  metrics: BootstrapFigures;
}

export interface BootstrapSklearnResult {
  ok: boolean;
  error?: string;
  versions: Record<string, string>;
  rows: number;
  train_rows: number;
  train_row_sum: number;
  read_seconds: number;
  features: string[];
  runs: BootstrapSklearnRun[];
}

export interface BootstrapCaseResult {
  cohort: string;
  bytes: number;
  rows: number;
  ours?: BootstrapOursResult;
  oursError?: string;
  sklearn?: BootstrapSklearnResult;
  sklearnError?: string;
  /** Load average (1 min) before each measurement, and the CPU other processes used during it. */
  disturbance?: Record<string, { wallSeconds: number; foreignCpuSeconds: number; loadBefore: number; loadAverage?: number }[]>;
}

/** The seed's Python script end to end (journey.py), part by part, with statsmodels' Logit. */
export interface JourneyScriptResult {
  ok: boolean;
  error?: string;
  rows: number;
  /** Importing pandas and scikit-learn, from the start of the script file. */
  imports: number;
  /** read_csv, split, impute_onehot_scale, fit, evaluate (seconds). */
  parts: Record<string, number>;
  /** From read_csv to the AUC: the sum of the parts. */
  script: number;
  train_rows: number;
  train_row_sum: number;
  design_columns: number;
  accuracy: number;
  auc: number;
  versions: Record<string, string>;
  /** statsmodels' Logit(y, add_constant(Z)).fit() and its standard errors, on the training matrix. */
  statsmodels?: { seconds: number; iterations: number; converged: boolean; max_se: number };
  glm_matrix?: { path: string; rows: number; columns: number };
}

/** R's glm(family = binomial) with summary()'s standard errors on the same training matrix (journey_glm.R). */
export interface GlmResult {
  ok: boolean;
  error?: string;
  seconds?: number;
  read_seconds?: number;
  iterations?: number;
  converged?: boolean;
  max_se?: number;
  r?: string;
}

/** The journey case for one size: the app in Chromium, our pipeline in Node, the seed's script, statsmodels and glm. */
export interface JourneyCaseResult {
  rows: number;
  file: string;
  bytes: number;
  browser?: BrowserResult;
  ours?: OursResult;
  oursError?: string;
  script?: JourneyScriptResult;
  /** The script's process from spawn to exit: interpreter start and imports included. */
  scriptProcessSeconds?: number;
  scriptError?: string;
  glm?: GlmResult;
  /** The machine before and during each measurement. */
  disturbance?: Record<string, { wallSeconds: number; foreignCpuSeconds: number; loadBefore: number; loadAverage?: number }[]>;
}