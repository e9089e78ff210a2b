import type { ColumnSummary, DatasetSummary } from '../worker/api';
import { DEFAULT_TEXT_OPTIONS, MAX_TEXT_TERMS, type MissingStrategy, type TrainSetup } from '../core/prep/setup';
import { modelDefinition, type ModelKind } from '../core/models/registry';
import type { Hyperparameters } from '../core/models/registry/definition';
import { suggestPositiveClass, MAX_OUTCOME_LEVELS } from '../core/prep/outcome';
import type { AppError, ErrorCode } from '../core/errors';

/** What the setup form holds: the user's choices as typed (inputs keep their text until valid). */
export interface SetupForm {
  outcome: string;
  positiveClass: string;
  features: string[];
  missing: MissingStrategy;
  splitKind: 'random' | 'column';
  testFraction: string;
  seed: string;
  splitColumn: string;
  trainValue: string;
  model: ModelKind;
  C: string;
  learningRate: string;
  epochs: string;
  /** 'full' or a mini-batch size. */
  batch: string;
  /** Hidden layer sizes, e.g. '16' or '32,16'. */
  hidden: string;
  cv: 'none' | '5' | '10';
  /** Note columns: the most terms each keeps, and sublinear tf. */
  maxTerms: string;
  sublinearTf: boolean;
}

export const BATCH_CHOICES = ['full', '32', '64', '256'] as const;
export const HIDDEN_CHOICES = ['8', '16', '32', '32,16', '64,32'] as const;

/** Problems the form can see before asking the worker; their codes are AppError codes, so one message table serves both. */
export type SetupProblem = Extract<
  ErrorCode,
  | 'outcome-not-binary'
  | 'outcome-one-class'
  | 'no-features'
  | 'bad-fraction'
  | 'bad-seed'
  | 'bad-c'
  | 'bad-learning-rate'
  | 'bad-epochs'
  | 'bad-max-terms'
  | 'no-split-column'
>;

export function initialForm(d: DatasetSummary): SetupForm {
  const outcome = d.suggestion.outcome ?? d.columns[d.columns.length - 1]?.name ?? '';
  const splitColumn = splitColumnChoices(d, outcome)[0]?.name ?? '';
  return {
    outcome,
    positiveClass: d.suggestion.positiveClass ?? positiveFor(d, outcome),
    features: d.suggestion.features.filter((f) => f !== outcome),
    missing: 'drop',
    splitKind: 'random',
    testFraction: '0.2',
    seed: '42',
    splitColumn,
    trainValue: defaultTrainValue(d.columns.find((c) => c.name === splitColumn)),
    model: 'logreg',
    ...FIELD_TEXT_DEFAULTS,
    ...modelDefaults('logreg'),
    cv: 'none',
    maxTerms: String(DEFAULT_TEXT_OPTIONS.maxTerms),
    sublinearTf: DEFAULT_TEXT_OPTIONS.sublinearTf,
  };
}

/** The chosen columns the worker reads as notes (free text): they become TF-IDF terms. */
export function noteFeatures(d: DatasetSummary, f: SetupForm): string[] {
  return f.features.filter((name) => name !== f.outcome && d.columns.find((c) => c.name === name)?.type === 'text');
}

/** The text of the fields no model has set yet (C 1, full batch, one hidden layer of 16). */
const FIELD_TEXT_DEFAULTS = { C: '1', learningRate: '0.5', epochs: '200', batch: 'full', hidden: '16' } as const;

/** A model's hyperparameters as the form's texts. */
function fieldTexts(h: Partial<Hyperparameters>): Partial<SetupForm> {
  const out: Partial<SetupForm> = {};
  if (h.C !== undefined) out.C = String(h.C);
  if (h.learningRate !== undefined) out.learningRate = String(h.learningRate);
  if (h.epochs !== undefined) out.epochs = String(h.epochs);
  if (h.batchSize !== undefined) out.batch = h.batchSize === null ? 'full' : String(h.batchSize);
  if (h.hidden !== undefined) out.hidden = h.hidden.join(',');
  return out;
}

/**
 * The step and epochs shown when switching to a model, which differ between models (gradient descent's
 * and the network's); C, batch and layers keep what the user typed.
 */
export function modelDefaults(kind: ModelKind): Partial<SetupForm> {
  const d = modelDefinition(kind);
  const { learningRate, epochs } = d.toFields(d.defaults);
  return fieldTexts({ learningRate, epochs });
}

export function outcomeLevels(d: DatasetSummary, outcome: string): string[] {
  const levels = d.columns.find((c) => c.name === outcome)?.levels;
  return levels && levels.length <= MAX_OUTCOME_LEVELS ? levels : [];
}

export function positiveFor(d: DatasetSummary, outcome: string): string {
  const col = d.columns.find((c) => c.name === outcome);
  const levels = outcomeLevels(d, outcome);
  if (!col || levels.length === 0) return '';
  const counts = levels.map((l) => col.top?.find((t) => t.value === l)?.count ?? 0);
  return suggestPositiveClass(levels, counts) ?? levels[0];
}

/** Columns that can mark a development/validation cohort: 2 to 50 distinct values, not the outcome. */
export function splitColumnChoices(d: DatasetSummary, outcome: string): ColumnSummary[] {
  return d.columns.filter((c) => c.name !== outcome && c.levels !== undefined && c.levels.length >= 2);
}

const TRAIN_VALUE = /^(train|training|dev|development|derivation|1|yes|true|训练|建模)/i;

export function defaultTrainValue(col: ColumnSummary | undefined): string {
  const levels = col?.levels ?? [];
  return levels.find((l) => TRAIN_VALUE.test(l)) ?? levels[0] ?? '';
}

/** The form as a TrainSetup, or the problems that stop training (shown beside the controls). */
export function toSetup(d: DatasetSummary, f: SetupForm): { setup: TrainSetup | null; problems: SetupProblem[] } {
  const problems: SetupProblem[] = [];
  const levels = outcomeLevels(d, f.outcome).length;
  if (levels === 1) problems.push('outcome-one-class');
  else if (levels === 0) problems.push('outcome-not-binary');
  const splitColumn = f.splitKind === 'column' ? f.splitColumn : null;
  const features = f.features.filter((x) => x !== f.outcome && x !== splitColumn);
  if (features.length === 0) problems.push('no-features');
  const testFraction = Number(f.testFraction);
  if (f.splitKind === 'random' && !(testFraction > 0 && testFraction < 1)) problems.push('bad-fraction');
  const seed = Number(f.seed);
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) problems.push('bad-seed');
  const definition = modelDefinition(f.model);
  const uses = (field: (typeof definition.fields)[number]) => definition.fields.includes(field);
  const C = Number(f.C);
  if (uses('C') && (!(C > 0 && Number.isFinite(C)) || f.C.trim() === '')) problems.push('bad-c');
  const learningRate = Number(f.learningRate);
  const epochs = Number(f.epochs);
  if (uses('learningRate') && !(learningRate > 0 && Number.isFinite(learningRate))) problems.push('bad-learning-rate');
  if (uses('epochs') && !(Number.isInteger(epochs) && epochs >= 1 && epochs <= 100_000)) problems.push('bad-epochs');
  if (f.splitKind === 'column' && !splitColumn) problems.push('no-split-column');
  const notes = noteFeatures(d, f).length > 0;
  const maxTerms = Number(f.maxTerms);
  if (notes && !(Number.isInteger(maxTerms) && maxTerms >= 1 && maxTerms <= MAX_TEXT_TERMS)) problems.push('bad-max-terms');
  if (problems.length > 0) return { setup: null, problems };
  const model = definition.fromFields({ C, learningRate, epochs, batchSize: f.batch === 'full' ? null : Number(f.batch), hidden: f.hidden.split(',').map(Number) });
  return {
    setup: {
      outcome: f.outcome,
      positiveClass: f.positiveClass,
      features,
      missing: f.missing,
      split:
        f.splitKind === 'random'
          ? { kind: 'random', testFraction, seed }
          : { kind: 'column', column: f.splitColumn, trainValue: f.trainValue },
      model,
      seed: Number.isInteger(seed) ? seed : 42,
      cvFolds: f.cv === 'none' ? 0 : (Number(f.cv) as 5 | 10),
      // only with a note column, so that other setups (saved sessions, model files) stay as they were
      ...(notes ? { text: { maxTerms, sublinearTf: f.sublinearTf } } : {}),
    },
    problems,
  };
}

/** A setup problem as the error the alert shows, with the details its message quotes. */
export function problemAsError(d: DatasetSummary, f: SetupForm, problem: SetupProblem): AppError {
  const col = d.columns.find((c) => c.name === f.outcome);
  if (problem === 'outcome-one-class') return { code: problem, column: f.outcome, value: col?.levels?.[0], count: d.rows - (col?.missing ?? 0) };
  if (problem === 'outcome-not-binary') return { code: problem, column: f.outcome, count: col?.distinct };
  if (problem === 'bad-c') return { code: problem, value: f.C };
  if (problem === 'bad-seed') return { code: problem, value: f.seed };
  if (problem === 'bad-fraction') return { code: problem, value: f.testFraction };
  if (problem === 'bad-learning-rate') return { code: problem, value: f.learningRate };
  if (problem === 'bad-epochs') return { code: problem, value: f.epochs };
  if (problem === 'bad-max-terms') return { code: problem, value: f.maxTerms };
  return { code: problem };
}

/** The form for a saved setup (a reopened session), on top of the defaults for the dataset. */
export function formFromSetup(d: DatasetSummary, setup: TrainSetup): SetupForm {
  const base = initialForm(d);
  const m = setup.model;
  return {
    ...base,
    outcome: setup.outcome,
    positiveClass: setup.positiveClass,
    features: setup.features,
    missing: setup.missing,
    splitKind: setup.split.kind,
    testFraction: setup.split.kind === 'random' ? String(setup.split.testFraction) : base.testFraction,
    seed: String(setup.seed),
    splitColumn: setup.split.kind === 'column' ? setup.split.column : base.splitColumn,
    trainValue: setup.split.kind === 'column' ? setup.split.trainValue : base.trainValue,
    model: m.kind,
    ...modelDefaults(m.kind),
    ...fieldTexts(modelDefinition(m.kind).toFields(m)),
    cv: setup.cvFolds === 0 ? 'none' : (String(setup.cvFolds) as '5' | '10'),
    maxTerms: String(setup.text?.maxTerms ?? DEFAULT_TEXT_OPTIONS.maxTerms),
    sublinearTf: setup.text?.sublinearTf ?? DEFAULT_TEXT_OPTIONS.sublinearTf,
  };
}
