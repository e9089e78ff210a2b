/**
 * What a model kind provides, once, for everything that uses it: the setup form (its hyperparameters),
 * training (fit), scoring (risk, rank, decision, log-odds), the patient panel (linear or not), the model
 * file (its parameters' schema, writing and reading them, their consistency), the code export (its step
 * in the scikit-learn and PySpark scripts) and the report. models/README.md says how to add one.
 */
import type { z } from 'zod';
import type { ColMajor } from '../../linalg/matrix';
import type { RunContext } from '../../util/run-context';
import type { LossPoint, TrainReport, TrainWarning } from '../../train/report';
import type { PreparedData } from '../../prep/prepare';

/** A hyperparameter the setup form can show (the form parses and checks the text; the model gets numbers). */
export type HyperparameterField = 'C' | 'learningRate' | 'epochs' | 'batch' | 'hidden';

/** The form's hyperparameters as numbers: each model reads the ones it lists in `fields`. */
export interface Hyperparameters {
  C: number;
  learningRate: number;
  epochs: number;
  /** null: full batch. */
  batchSize: number | null;
  hidden: number[];
}

export interface FitOptions {
  seed: number;
  ctx?: RunContext;
  /** Called after each epoch of an iterative model, for the live loss curve. */
  onEpoch?: (point: LossPoint) => void;
  /** Design column names, to name the features a warning is about. */
  featureNames: string[];
  /**
   * The fit is for the training report: compute what only the report shows (Firth's profile-likelihood
   * intervals and tests, several fits per coefficient). train() asks for it (unless the model comparison,
   * which reads test metrics only, calls it); refits that only predict (cross-validation, the bootstrap)
   * do not.
   */
  inference?: boolean;
}

export interface ModelFitResult<F> {
  model: F;
  iterations: number;
  converged: boolean;
  warnings: TrainWarning[];
  lossCurve?: LossPoint[];
  /** The objective at the exact optimum (gradient descent's reference line). */
  optimumLoss?: number;
}

/** One model's part of an exported Python script: imports, helper functions, and the lines of its step in main(). */
export interface PythonStep {
  imports: string[];
  helpers: string[];
  /**
   * scikit-learn: the body of `fit_model(Z_train, y_train)`, ending in `return coef, intercept,
   * predict` with predict(Z) → (ranking score, risk). PySpark: the lines of main()'s model step, which
   * set coef, intercept and `scored` (the test rows with score and risk). See the existing kinds.
   */
  body: string[];
}

/** What the scikit-learn step is given: `sparse`, a scipy.sparse CSR matrix (the run has note columns), else a numpy array. */
export interface PythonDesign {
  sparse: boolean;
}

export interface ModelTraits {
  /** A weighted sum of the design features (plus a link): contributions are exact, weights can be shown. */
  linear: boolean;
  /** Trained epoch by epoch: a live loss curve. */
  iterative: boolean;
  /** Its epochs are a budget it may stop short of (early stopping): the form says "maximum epochs". */
  stopsEarly: boolean;
  /** Unpenalized estimates with standard errors: odds ratios, CIs and p-values. */
  hasOddsRatios: boolean;
  /** Its risks: the model's own probabilities, or Platt-scaled decision values. */
  probability: 'native' | 'platt';
  /** The unit of its decision value (what contributions are measured in). */
  unit: 'log-odds' | 'svm-margin';
}

/**
 * A model kind. S: its hyperparameters (`kind` included); F: the fitted model (plain data); P: its
 * parameters as written in the model file.
 */
export interface ModelDefinition<S extends { kind: string }, F extends { kind: string }, P extends { kind: string }> {
  kind: S['kind'];
  /** Hyperparameters when the user changes nothing (scikit-learn's where it has the model; the definition says why where not). */
  defaults: S;
  /** The hyperparameters' schema: the engine refuses a setup that fails it, and so does the model file. */
  spec: z.ZodType<S>;
  /** The setup form fields it uses. */
  fields: readonly HyperparameterField[];
  fromFields(h: Hyperparameters): S;
  toFields(spec: S): Partial<Hyperparameters>;
  traits: ModelTraits;
  fit(spec: S, X: ColMajor, y: Uint8Array, o: FitOptions): Promise<ModelFitResult<F>>;
  /** Per row: the risk, and the value that ranks rows for the ROC (the SVM's decision value). */
  score(model: F, X: ColMajor): { risk: Float64Array; rank: Float64Array };
  /** Per row: the decision value in the model's unit (`traits.unit`; a network's output logit). */
  decision(model: F, X: ColMajor): Float64Array;
  /** The log-odds of the risk, from the decision values. */
  logit(model: F, decision: Float64Array): Float64Array;
  /** Weights on the standardized scale (linear models), else null. */
  weights(model: F): { coef: Float64Array; intercept: number } | null;
  /** What the training report adds for this model (odds ratios, fit statistics, how risks are made). */
  report?(model: F, d: PreparedData): Partial<Pick<TrainReport, 'oddsRatios' | 'fitSummary' | 'probabilityNote'>>;
  file: {
    /** The parameters as the model file holds them (strict: no field beyond these). */
    schema: z.ZodType<P>;
    write(model: F): P;
    read(p: P): F;
    /** What the schema cannot say (lengths that must agree with the number of features), in words. */
    problems(p: P, features: number): string[];
  };
  python: {
    /** The model and its settings in words, for the script's docstring. */
    describe(spec: S): string;
    sklearn(spec: S, design: PythonDesign): PythonStep;
    pyspark(spec: S): PythonStep;
  };
}

/** Lengths that must agree, for the `problems` of the model file. */
export function lengthProblem(field: string, n: number, expected: number, what = 'features'): string[] {
  return n === expected ? [] : [`“model.${field}” has ${n} values for ${expected} ${what}`];
}

/** A kind the registry does not know (a switch over kinds ends here). */
export function assertNever(x: never): never {
  throw new Error(`unknown model kind ${JSON.stringify(x)}`);
}
