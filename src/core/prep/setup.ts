/** What the user chose on the setup screen: plain data (scikit-learn's hyperparameters), never fitted state. */
export type MissingStrategy = 'drop' | 'mean' | 'median' | 'mode';

export type SplitSpec =
  | { kind: 'random'; testFraction: number; seed: number }
  | { kind: 'column'; column: string; trainValue: string };

export interface PrepSetup {
  outcome: string;
  /** The outcome's value (as written in the file) that counts as the event, y = 1. */
  positiveClass: string;
  features: string[];
  missing: MissingStrategy;
  split: SplitSpec;
  /**
   * The column that identifies the patient, when a file holds several rows per patient: the random
   * split and cross-validation keep each patient's rows on one side, rare levels are counted in
   * patients. Absent or null: each row is a patient.
   */
  patientKey?: string | null;
  /** How note columns (free text used as a feature) become terms; absent: DEFAULT_TEXT_OPTIONS. */
  text?: TextOptions;
}

/**
 * Options of the note columns (TfidfVectorizer's): how many terms each keeps at most (the most frequent of
 * those written for at least 5 patients), and whether a term's count is damped (sublinear tf: 1 + ln tf).
 */
export interface TextOptions {
  maxTerms: number;
  sublinearTf: boolean;
}
export const DEFAULT_TEXT_OPTIONS: TextOptions = { maxTerms: 200, sublinearTf: false };
/** The most terms a note column may keep (the form refuses more: each is a design column). */
export const MAX_TEXT_TERMS = 2000;

/** The models and their hyperparameters are declared once, in the registry (models/registry). */
import type { ModelSpec } from '../models/registry';

export { DEFAULT_MODELS, MODEL_KINDS, type ModelKind, type ModelSpec } from '../models/registry';

export interface TrainSetup extends PrepSetup {
  model: ModelSpec;
  /** Seeds everything random after the split: SGD shuffles, network weights, cross-validation folds. */
  seed: number;
  /** Stratified k-fold cross-validation on the training rows, or none. */
  cvFolds: 0 | 5 | 10;
}

export const DEFAULT_SPLIT: SplitSpec = { kind: 'random', testFraction: 0.2, seed: 42 };
