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
}

/** The models of the seed document, with their hyperparameters (defaults in DEFAULT_MODELS). */
export type ModelSpec =
  | { kind: 'logreg'; C: number }
  | { kind: 'logreg-mle' }
  | { kind: 'svm'; C: number }
  | { kind: 'gd'; C: number; learningRate: number; epochs: number; batchSize: number | null }
  | { kind: 'mlp'; hidden: number[]; alpha: number; learningRate: number; maxEpochs: number };

export type ModelKind = ModelSpec['kind'];

export const MODEL_KINDS: readonly ModelKind[] = ['logreg', 'logreg-mle', 'svm', 'gd', 'mlp'];

/**
 * scikit-learn's defaults where it has the model (C = 1; MLP alpha 1e-4, 200 epochs), except the MLP's
 * Adam step: 0.01 instead of 0.001, because clinical tables are small (a few hundred rows make one or
 * two batches of 200 per epoch) and 200 epochs at 0.001 leave such a network far from trained.
 */
export const DEFAULT_MODELS: { [K in ModelKind]: Extract<ModelSpec, { kind: K }> } = {
  logreg: { kind: 'logreg', C: 1 },
  'logreg-mle': { kind: 'logreg-mle' },
  svm: { kind: 'svm', C: 1 },
  gd: { kind: 'gd', C: 1, learningRate: 0.5, epochs: 200, batchSize: null },
  mlp: { kind: 'mlp', hidden: [16], alpha: 1e-4, learningRate: 0.01, maxEpochs: 200 },
};

export interface TrainSetup extends PrepSetup {
  model: ModelSpec;
  /** Seeds everything random after the split: SGD shuffles, network weights, cross-validation folds. */
  seed: number;
  /** Stratified k-fold cross-validation on the training rows, or none. */
  cvFolds: 0 | 5 | 10;
}

export const DEFAULT_SPLIT: SplitSpec = { kind: 'random', testFraction: 0.2, seed: 42 };
