import type { Table } from '../table/column';
import { ok, fail, type Result } from '../errors';
import type { PreparedData } from '../prep/prepare';
import { fitPipeline, transform } from '../prep/pipeline';
import type { TrainSetup } from '../prep/setup';
import { SplitError } from '../prep/split';
import { stratifiedKFold, meanSd } from '../metrics/cross-validation';
import { stratifiedGroupKFold } from '../prep/group-split';
import { groupsOf } from '../patients/patient-key';
import { rocAuc } from '../metrics/roc';
import { accuracy, confusion } from '../metrics/classification';
import type { RunContext } from '../util/run-context';
import { fitModel, scoreRows } from './models';
import type { CrossValidation } from './report';

/**
 * Stratified k-fold cross-validation on the training rows (scikit-learn's StratifiedKFold with
 * shuffle, same seed → same folds; StratifiedGroupKFold when the file has a patient key, so that no
 * patient has rows on both sides of a fold). Each fold refits the whole pipeline (imputation, levels,
 * z-scores) on its own training part, so no fold sees its test rows: the same rule as the main split.
 */
export async function crossValidate(table: Table, setup: TrainSetup, d: PreparedData, k: number, ctx: RunContext): Promise<Result<CrossValidation>> {
  let folds: Int32Array[];
  try {
    // with a patient key, each patient's training rows stay in one fold (StratifiedGroupKFold)
    folds = d.patients ? stratifiedGroupKFold(d.trainY, groupsOf(d.patients, d.trainRows), k, setup.seed) : stratifiedKFold(d.trainY, k, setup.seed);
  } catch (e) {
    if (e instanceof SplitError) return fail({ code: e.code, count: d.trainY.length });
    throw e;
  }
  const aucs: number[] = [];
  const accuracies: number[] = [];
  const inFold = new Uint8Array(d.trainRows.length);
  for (let f = 0; f < folds.length; f++) {
    await ctx.checkpoint(f / folds.length, 'cross-validate');
    inFold.fill(0);
    for (const i of folds[f]) inFold[i] = 1;
    const fitIdx = Int32Array.from(d.trainRows.keys()).filter((i) => !inFold[i]);
    const fitRows = Int32Array.from(fitIdx, (i) => d.trainRows[i]);
    const foldRows = Int32Array.from(folds[f], (i) => d.trainRows[i]);
    const { fitted, trainX } = fitPipeline(table, setup, d.featureColumns, fitRows, [], d.patients, { describe: false });
    const foldX = transform(table, fitted, foldRows);
    const fitY = Uint8Array.from(fitIdx, (i) => d.trainY[i]);
    const foldY = Uint8Array.from(folds[f], (i) => d.trainY[i]);
    const { model } = await fitModel(setup.model, trainX, fitY, { seed: setup.seed, ctx, featureNames: fitted.features.map((x) => x.name) });
    const scores = scoreRows(model, foldX);
    aucs.push(rocAuc(foldY, scores.rank));
    accuracies.push(accuracy(confusion(foldY, scores.risk)));
  }
  const a = meanSd(aucs);
  const acc = meanSd(accuracies);
  return ok({ folds: folds.length, auc: { mean: a.mean, sd: a.sd, values: aucs }, accuracy: { mean: acc.mean, sd: acc.sd, values: accuracies } });
}
