/**
 * The worker's API, shared by both sides: what the UI may ask and the small summaries it gets
 * back. The loaded table, design matrices and fitted models never leave the worker.
 */
import type { Result } from '../core/errors';
import type { ColumnProfile } from '../core/table/profile';
import type { FileNote } from '../core/ingest/read-table';
import type { Encoding } from '../core/ingest/detect-encoding';
import type { Dialect } from '../core/ingest/dialect';
import type { TrainSetup } from '../core/prep/setup';
import type { TrainReport } from '../core/train/train';
import type { ComparisonRow, LossPoint, ThresholdResult } from '../core/train/report';

export type Stage = 'read' | 'parse' | 'profile' | 'prepare' | 'train' | 'evaluate' | 'cross-validate' | 'compare';

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
  fileNotes: FileNote[];
  /** A sensible starting setup: the likely outcome, its event value, and the columns usable as features. */
  suggestion: { outcome: string | null; positiveClass: string | null; features: string[] };
}

export interface EngineApi {
  /** Parses a CSV file into the worker's table (replacing the previous one only on success). */
  load(file: Blob, fileName: string, onProgress: ProgressListener): Promise<Result<DatasetSummary>>;
  train(setup: TrainSetup, onProgress: ProgressListener): Promise<Result<TrainReport>>;
  /** The last trained model's test metrics at another decision threshold (instant: no retraining). */
  threshold(threshold: number): Promise<Result<ThresholdResult>>;
  /** Trains every model on the same split and compares them on the test rows. */
  compare(setup: TrainSetup, onProgress: ProgressListener): Promise<Result<ComparisonRow[]>>;
  /** Asks the running task to stop at its next checkpoint; it then resolves with the 'cancelled' error. */
  cancel(): void;
}
