import type { Table } from '../table/column';
import { columnLevels } from '../table/column';
import { fail, ok, type Result } from '../errors';
import { prepare, type FeatureSpec, type FittedPrep, type PrepNote } from '../prep/prepare';
import type { TrainSetup } from '../prep/setup';
import { fitLogisticL2, predictProba } from '../models/logistic';
import { accuracy, confusion, majorityBaseline, type Confusion } from '../metrics/classification';
import { noContext, type RunContext } from '../util/run-context';

/** Something about a trained model the user must read before trusting it. */
export type TrainWarning =
  | { code: 'separation' }
  | { code: 'not-converged'; iterations: number }
  | { code: 'small-sample'; events: number; features: number };

export interface Coefficient {
  feature: string;
  /** The CSV column the feature comes from (one-hot features share their column). */
  column: string;
  /** On the standardized scale: change in log-odds per one standard deviation (comparable across features). */
  coef: number;
  /** Per one original unit of the column (per 1 for a 0/1 indicator). */
  perUnit: number;
}

/** What the UI shows after training: small, plain data; the table and matrices stay in the worker. */
export interface TrainReport {
  model: TrainSetup['model'];
  outcome: string;
  positiveClass: string;
  /** The outcome's other value(s), for labels such as "malignant vs benign". */
  negativeClasses: string[];
  features: FeatureSpec[];
  coefficients: Coefficient[];
  intercept: number;
  interceptPerUnit: number;
  trainAccuracy: number;
  testAccuracy: number;
  baselineAccuracy: number;
  baselineClass: string;
  testConfusion: Confusion;
  counts: { train: number; test: number; trainEvents: number; testEvents: number };
  solver: { iterations: number; converged: boolean };
  prepNotes: PrepNote[];
  warnings: TrainWarning[];
}

/** A trained model with its fitted preprocessing: everything needed to score new rows. */
export interface TrainedModel {
  prep: FittedPrep;
  coef: Float64Array;
  intercept: number;
}

/** Events per candidate feature below this is the classic "too few events" warning (Peduzzi et al. 1996). */
const MIN_EVENTS_PER_FEATURE = 10;

/** The foundation's whole run: prepare (fit on training rows), fit L2 logistic regression, evaluate on the test rows. */
export async function train(
  table: Table,
  setup: TrainSetup,
  ctx: RunContext = noContext,
): Promise<Result<{ report: TrainReport; model: TrainedModel }>> {
  const C = setup.model.C;
  if (!(C > 0) || !Number.isFinite(C)) return fail({ code: 'bad-parameter', value: String(C) });
  await ctx.checkpoint(0, 'prepare');
  const prepared = prepare(table, setup);
  if (!prepared.ok) return prepared;
  const d = prepared.value;
  await ctx.checkpoint(0, 'train');
  const fit = await fitLogisticL2(d.trainX, d.trainY, { C, ctx });
  await ctx.checkpoint(1, 'evaluate');

  const trainProb = predictProba(d.trainX, fit.coef, fit.intercept);
  const testProb = predictProba(d.testX, fit.coef, fit.intercept);
  const trainConfusion = confusion(d.trainY, trainProb);
  const testConfusion = confusion(d.testY, testProb);
  const baseline = majorityBaseline(d.trainY, d.testY);

  const { mean, std } = d.fitted.scaler;
  const coefficients: Coefficient[] = d.fitted.features.map((f, j) => ({
    feature: f.name,
    column: f.column,
    coef: fit.coef[j],
    perUnit: fit.coef[j] / std[j],
  }));
  let interceptPerUnit = fit.intercept;
  for (let j = 0; j < coefficients.length; j++) interceptPerUnit -= (fit.coef[j] * mean[j]) / std[j];

  const outcomeLevels = columnLevels(table.columns.find((c) => c.name === setup.outcome) as Table['columns'][number]) ?? [];
  const negativeClasses = outcomeLevels.filter((l) => l !== setup.positiveClass);
  const trainEvents = count(d.trainY);
  const testEvents = count(d.testY);
  const warnings: TrainWarning[] = [];
  const trainAccuracy = accuracy(trainConfusion);
  if (trainAccuracy === 1) warnings.push({ code: 'separation' });
  if (!fit.converged) warnings.push({ code: 'not-converged', iterations: fit.iterations });
  const minority = Math.min(trainEvents, d.trainY.length - trainEvents);
  if (minority < MIN_EVENTS_PER_FEATURE * d.fitted.features.length) {
    warnings.push({ code: 'small-sample', events: minority, features: d.fitted.features.length });
  }
  if (!coefficients.every((c) => Number.isFinite(c.coef))) return fail({ code: 'not-converged' });

  const report: TrainReport = {
    model: setup.model,
    outcome: setup.outcome,
    positiveClass: setup.positiveClass,
    negativeClasses,
    features: d.fitted.features,
    coefficients,
    intercept: fit.intercept,
    interceptPerUnit,
    trainAccuracy,
    testAccuracy: accuracy(testConfusion),
    baselineAccuracy: baseline.accuracy,
    baselineClass: baseline.majorityClass === 1 ? setup.positiveClass : negativeClasses.join(' / '),
    testConfusion,
    counts: { train: d.trainY.length, test: d.testY.length, trainEvents, testEvents },
    solver: { iterations: fit.iterations, converged: fit.converged },
    prepNotes: d.notes,
    warnings,
  };
  return ok({ report, model: { prep: d.fitted, coef: fit.coef, intercept: fit.intercept } });
}

function count(y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return s;
}
