/**
 * Internal validation by the bootstrap, corrected for optimism (Efron 1983; Harrell, Lee & Mark 1996;
 * what rms::validate does): the apparent performance of the model on its own training rows is too good;
 * its optimism is estimated by refitting the whole pipeline (imputation, levels, z-scores, model) on
 * bootstrap replicates of the training rows, each refit scored on its replicate and on the original
 * training rows; corrected = apparent − mean optimism.
 *
 * Replicate b draws n indices into the training rows taken in file order, exactly as
 * `numpy.random.RandomState(seed).randint(0, n, size=n)` does, the replicates drawn one after another
 * from one generator seeded with the split's seed: anyone can repeat the figures in Python. With a
 * patient key, patients are drawn (the training patients in the key's sorted order, each drawn patient
 * bringing all its training rows), not rows.
 */
import type { Table } from '../table/column';
import type { Floats } from '../linalg/matrix';
import { fail, ok, type Result } from '../errors';
import { MT19937 } from '../random/mt19937';
import { prepare } from '../prep/prepare';
import { fitPipeline, transform } from '../prep/pipeline';
import type { TrainSetup } from '../prep/setup';
import { groupsOf } from '../patients/patient-key';
import { modelDefinition, type FittedModel } from '../models/registry';
import { rocAuc } from '../metrics/roc';
import { brierScore, calibrationInTheLarge, calibrationSlope } from '../metrics/calibration';
import type { RunContext } from '../util/run-context';

export const VALIDATION_METRICS = ['auc', 'brier', 'calibration-slope', 'calibration-intercept'] as const;
export type ValidationMetric = (typeof VALIDATION_METRICS)[number];

/** The four figures a validation reports; calibration-intercept is calibration-in-the-large (slope fixed at 1). */
export type Performance = Record<ValidationMetric, number>;

/** AUC (ranking values), Brier, calibration slope and calibration-in-the-large of some risks. NaN where undefined. */
export function performance(y: Uint8Array, risk: Float64Array, rank: Float64Array): Performance {
  let events = 0;
  for (let i = 0; i < y.length; i++) events += y[i];
  const both = events > 0 && events < y.length;
  return {
    auc: both ? rocAuc(y, rank) : NaN,
    brier: brierScore(y, risk),
    'calibration-slope': calibrationSlope(y, risk).slope,
    'calibration-intercept': calibrationInTheLarge(y, risk).intercept,
  };
}

export interface BootstrapRow {
  metric: ValidationMetric;
  apparent: number;
  /** Mean over the replicates where the metric was defined. */
  optimism: number;
  corrected: number;
  /** Standard deviation of the replicates' optimism (n − 1). */
  optimismSd: number;
  /** Replicates where the metric was defined on both sides. */
  replicates: number;
}

export interface BootstrapResult {
  /** Replicates asked for, and those that could not be fitted (one outcome class in the replicate). */
  requested: number;
  failed: number;
  /** What was drawn: patients (with a patient key) or rows. */
  unit: 'patients' | 'rows';
  /** The generator's seed: the split's. */
  seed: number;
  rows: BootstrapRow[];
  /**
   * The corrected calibration slope: the factor to shrink the model's log-odds by (uniform shrinkage,
   * the intercept re-estimated), as rms users do. NaN when it could not be estimated.
   */
  shrinkage: number;
}

/** The most replicates a run may ask for. */
export const MAX_REPLICATES = 2000;

/** The seed of the bootstrap's generator: the random split's, else the setup's. */
export function bootstrapSeed(setup: TrainSetup): number {
  return setup.split.kind === 'random' ? setup.split.seed : setup.seed;
}

/** Bootstrap optimism correction of the training run `setup` whose fitted model is `model` (see the file comment). */
export async function bootstrapValidation(
  table: Table,
  setup: TrainSetup,
  model: FittedModel,
  replicates: number,
  ctx: RunContext,
): Promise<Result<BootstrapResult>> {
  if (!(Number.isInteger(replicates) && replicates >= 1 && replicates <= MAX_REPLICATES)) return fail({ code: 'bad-parameter', value: `replicates = ${replicates}` });
  const prepared = prepare(table, setup);
  if (!prepared.ok) return prepared;
  const d = prepared.value;
  const definition = modelDefinition(setup.model.kind);
  const featureNames = d.fitted.features.map((f) => f.name);
  const scored = (m: FittedModel, X: Parameters<typeof definition.score>[1]) => definition.score(m, X);
  const original = scored(model, d.trainX);
  const apparent = performance(d.trainY, original.risk, original.rank);

  // what a draw picks: a training row, or a training patient with all its rows
  const n = d.trainRows.length;
  let members: Int32Array[] | null = null;
  if (d.patients) {
    const groups = groupsOf(d.patients, d.trainRows);
    let G = 0;
    for (let k = 0; k < n; k++) G = Math.max(G, groups[k] + 1);
    const lists: number[][] = Array.from({ length: G }, () => []);
    for (let k = 0; k < n; k++) lists[groups[k]].push(k);
    members = lists.map((l) => Int32Array.from(l));
  }
  const units = members ? members.length : n;

  const seed = bootstrapSeed(setup);
  const rng = new MT19937(seed);
  const optimism: Record<ValidationMetric, number[]> = { auc: [], brier: [], 'calibration-slope': [], 'calibration-intercept': [] };
  let failed = 0;
  // storage for the replicate's design matrix and the original rows' one, reused from replicate to replicate (a
  // replicate's model is scored and dropped before the next one overwrites them); the second starts as the
  // prepared training matrix, which is not read again
  let replicateStore: Floats = new Float64Array(0);
  let originalStore: Floats = d.trainX.data;
  await ctx.checkpoint(0, 'validate');
  for (let b = 0; b < replicates; b++) {
    const draw = rng.randint(units, units);
    // indices into the training rows, in draw order (a patient's rows in file order)
    let picked: Int32Array;
    if (members) {
      let size = 0;
      for (let i = 0; i < units; i++) size += members[draw[i]].length;
      picked = new Int32Array(size);
      let at = 0;
      for (let i = 0; i < units; i++) {
        picked.set(members[draw[i]], at);
        at += members[draw[i]].length;
      }
    } else picked = draw;
    const rows = new Int32Array(picked.length);
    const y = new Uint8Array(picked.length);
    let events = 0;
    for (let i = 0; i < picked.length; i++) {
      rows[i] = d.trainRows[picked[i]];
      y[i] = d.trainY[picked[i]];
      events += y[i];
    }
    if (events === 0 || events === y.length) {
      failed++;
      continue;
    }
    const { fitted, trainX } = fitPipeline(table, setup, d.featureColumns, rows, [], d.patients, { describe: false, into: replicateStore });
    if (trainX.data.buffer !== replicateStore.buffer) replicateStore = trainX.data;
    // the model's own progress, within this replicate's share of the bar
    const inReplicate: RunContext = { checkpoint: (f) => ctx.checkpoint((b + Math.min(1, f)) / replicates, 'validate') };
    const refit = await definition.fit(setup.model, trainX, y, { seed: setup.seed, ctx: inReplicate, featureNames });
    const own = scored(refit.model, trainX);
    const originalX = transform(table, fitted, d.trainRows, [], originalStore);
    if (originalX.data.buffer !== originalStore.buffer) originalStore = originalX.data;
    const onOriginal = scored(refit.model, originalX);
    const a = performance(y, own.risk, own.rank);
    const o = performance(d.trainY, onOriginal.risk, onOriginal.rank);
    for (const m of VALIDATION_METRICS) {
      const diff = a[m] - o[m];
      if (Number.isFinite(diff)) optimism[m].push(diff);
    }
    await ctx.checkpoint((b + 1) / replicates, 'validate');
  }
  const rows = VALIDATION_METRICS.map((metric): BootstrapRow => {
    const values = optimism[metric];
    const mean = values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : NaN;
    const sd = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : NaN;
    return { metric, apparent: apparent[metric], optimism: mean, corrected: apparent[metric] - mean, optimismSd: sd, replicates: values.length };
  });
  const slope = rows.find((r) => r.metric === 'calibration-slope') as BootstrapRow;
  return ok({ requested: replicates, failed, unit: members ? 'patients' : 'rows', seed, rows, shrinkage: slope.corrected });
}
