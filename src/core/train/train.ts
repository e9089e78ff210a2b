import { penalizedOddsRatios } from './odds-ratios';
import { characteristics } from '../report/characteristics';
import type { Table } from '../table/column';
import { columnLevels } from '../table/column';
import { fail, ok, type Result } from '../errors';
import { prepare, type PreparedData } from '../prep/prepare';
import type { TrainSetup } from '../prep/setup';
import { modelDefinition, modelSpecProblem, type AnyModelDefinition } from '../models/registry';
import { modelNomogram } from '../nomogram/from-model';
import { accuracy, confusion, majorityBaseline } from '../metrics/classification';
import type { ThresholdTable } from '../metrics/threshold-metrics';
import { noContext, type RunContext } from '../util/run-context';
import { fitModel, linearWeights, scoreRows, type FittedModel } from './models';
import { evaluate, riskTable, type Scored } from './evaluate';
import { crossValidate } from './cross-validate';
import type { Coefficient, LossPoint, TrainReport, TrainWarning } from './report';

export type { Coefficient, TrainReport, TrainWarning } from './report';

/** A trained model with its fitted preprocessing and its test scores: what the worker keeps for later questions. */
export interface TrainedRun {
  prepared: PreparedData;
  model: FittedModel;
  test: Scored;
  testTable: ThresholdTable;
}

/** Events per candidate feature below this is the classic "too few events" warning (Peduzzi et al. 1996). */
const MIN_EVENTS_PER_FEATURE = 10;
/** Fewer test events than this make the test AUC and accuracy very uncertain. */
const MIN_TEST_EVENTS = 10;

export interface TrainOptions {
  ctx?: RunContext;
  onEpoch?: (point: LossPoint) => void;
  /** A preparation already made for the same PrepSetup (model comparison reuses one split). */
  prepared?: PreparedData;
  /**
   * Compute what only the report's inference shows (Firth's profile intervals: several fits per
   * coefficient); default true. The model comparison, which reads the test metrics only, says false.
   */
  inference?: boolean;
}

/** One run: prepare (fit on training rows), fit the chosen model, evaluate on the test rows, cross-validate if asked. */
export async function train(table: Table, setup: TrainSetup, options: TrainOptions = {}): Promise<Result<{ report: TrainReport; run: TrainedRun }>> {
  const ctx = options.ctx ?? noContext;
  const bad = modelSpecProblem(setup.model);
  if (bad) return fail({ code: 'bad-parameter', value: bad });
  const definition = modelDefinition(setup.model.kind);
  await ctx.checkpoint(0, 'prepare');
  let d = options.prepared;
  if (!d) {
    const prepared = prepare(table, setup);
    if (!prepared.ok) return prepared;
    d = prepared.value;
  }
  await ctx.checkpoint(0, 'train');
  const featureNames = d.fitted.features.map((f) => f.name);
  const fitted = await fitModel(setup.model, d.trainX, d.trainY, { seed: setup.seed, ctx, onEpoch: options.onEpoch, featureNames, inference: options.inference ?? true });
  await ctx.checkpoint(0, 'evaluate');

  const trainScores = scoreRows(fitted.model, d.trainX);
  // the test rows scored a block at a time: their design matrix is never whole while the training one is in memory
  const testScores = { risk: new Float64Array(d.testRows.length), rank: new Float64Array(d.testRows.length) };
  d.forTestBlocks((X, start) => {
    const s = scoreRows(fitted.model, X);
    testScores.risk.set(s.risk, start);
    testScores.rank.set(s.rank, start);
  });
  const test: Scored = { y: d.testY, ...testScores };
  const testTable = riskTable(test);
  const evaluation = evaluate(test, testTable);
  const baseline = majorityBaseline(d.trainY, d.testY);
  const trainAccuracy = accuracy(confusion(d.trainY, trainScores.risk));

  const outcomeCol = table.columns.find((c) => c.name === setup.outcome);
  const negativeClasses = (outcomeCol ? columnLevels(outcomeCol) ?? [] : []).filter((l) => l !== setup.positiveClass);
  const trainEvents = count(d.trainY);
  const testEvents = count(d.testY);
  const warnings: TrainWarning[] = [...fitted.warnings];
  if (trainAccuracy === 1 && !warnings.some((w) => w.code === 'separation')) warnings.unshift({ code: 'separation' });
  const minority = Math.min(trainEvents, d.trainY.length - trainEvents);
  if (minority < MIN_EVENTS_PER_FEATURE * featureNames.length) warnings.push({ code: 'small-sample', events: minority, features: featureNames.length });
  if (Math.min(testEvents, d.testY.length - testEvents) < MIN_TEST_EVENTS) warnings.push({ code: 'few-test-events', events: Math.min(testEvents, d.testY.length - testEvents) });

  const report: TrainReport = {
    model: setup.model,
    outcome: setup.outcome,
    positiveClass: setup.positiveClass,
    negativeClasses,
    features: d.fitted.features,
    trainAccuracy,
    baselineAccuracy: baseline.accuracy,
    baselineClass: baseline.majorityClass === 1 ? setup.positiveClass : negativeClasses.join(' / '),
    test: evaluation,
    counts: {
      train: d.trainY.length,
      test: d.testY.length,
      trainEvents,
      testEvents,
      trainPatients: d.patientCounts.train,
      testPatients: d.patientCounts.test,
      sharedPatients: d.patientCounts.shared,
    },
    patientKey: d.patients?.column ?? null,
    characteristics: characteristics(table, d),
    solver: { iterations: fitted.iterations, converged: fitted.converged },
    prepNotes: d.notes,
    warnings,
    ...linearSummary(fitted.model, d),
    ...nomogramSummary(definition, fitted.model, d),
    ...(fitted.lossCurve ? { lossCurve: fitted.lossCurve } : {}),
    ...(fitted.optimumLoss !== undefined ? { optimumLoss: fitted.optimumLoss } : {}),
    ...definition.report?.(fitted.model, d),
  };
  const w = linearWeights(fitted.model);
  if (w && definition.traits.unit === 'log-odds' && !report.oddsRatios && !definition.traits.hasOddsRatios) report.penalizedOddsRatios = penalizedOddsRatios(w.coef, d);
  if (setup.cvFolds > 0) {
    const cv = await crossValidate(table, setup, d, setup.cvFolds, ctx);
    if (!cv.ok) return cv;
    report.crossValidation = cv.value;
  }
  return ok({ report, run: { prepared: d, model: fitted.model, test, testTable } });
}

/** Coefficients on the standardized scale and per original unit, for the linear models. */
function linearSummary(model: FittedModel, d: PreparedData): Pick<TrainReport, 'coefficients' | 'intercept' | 'interceptPerUnit'> {
  const w = linearWeights(model);
  if (!w) return {};
  const { mean, std } = d.fitted.scaler;
  const coefficients: Coefficient[] = d.fitted.features.map((f, j) => ({ feature: f.name, column: f.column, coef: w.coef[j], perUnit: w.coef[j] / std[j] }));
  let interceptPerUnit = w.intercept;
  for (let j = 0; j < coefficients.length; j++) if (Number.isFinite(w.coef[j])) interceptPerUnit -= (w.coef[j] * mean[j]) / std[j];
  return { coefficients, intercept: w.intercept, interceptPerUnit };
}

/**
 * The nomogram of a model that is a weighted sum in log-odds (the logistic models, by their registry
 * traits), with its axes over the training rows' range; none when it cannot be drawn (an infinite weight).
 */
function nomogramSummary(definition: AnyModelDefinition, model: FittedModel, d: PreparedData): Pick<TrainReport, 'nomogram'> {
  if (!definition.traits.linear || definition.traits.unit !== 'log-odds') return {};
  const w = linearWeights(model);
  const nomogram = w ? modelNomogram(d, w) : null;
  return nomogram ? { nomogram } : {};
}

function count(y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return s;
}
