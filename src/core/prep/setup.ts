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
}

export type ModelSpec = { kind: 'logreg'; C: number };

export interface TrainSetup extends PrepSetup {
  model: ModelSpec;
}

export const DEFAULT_SPLIT: SplitSpec = { kind: 'random', testFraction: 0.2, seed: 42 };
