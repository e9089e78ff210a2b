/**
 * The bootstrap case of the benchmark, in its own process: Harrell's optimism correction
 * (`bootstrapValidation`, src/core/validation/bootstrap.ts) of the L2 logistic regression (logreg, C = 1)
 * trained on a cohort file with mean (or median) imputation, one-hot levels and z-scores, as the worker
 * runs it: with the worker's RunControl (progress reports throttled to 100 ms, a yield to the event loop
 * every 25 ms, the cancel flag checked at every checkpoint).
 *
 * It also writes the scikit-learn script the app exports for this run (codegen-sklearn.ts), whose
 * `fit_pipeline`, `fit_model` and `performance` the Python side of the case (sklearn_bootstrap.py) runs
 * in the same loop with the same indices.
 */
import { basename } from 'node:path';
import { writeFileSync } from 'node:fs';
import { train } from '../src/core/train/train';
import { DEFAULT_MODELS, type MissingStrategy, type TrainSetup } from '../src/core/prep/setup';
import { bootstrapSeed, bootstrapValidation, performance as figures, type BootstrapResult } from '../src/core/validation/bootstrap';
import { prepare } from '../src/core/prep/prepare';
import { fitPipeline, transform } from '../src/core/prep/pipeline';
import type { Floats } from '../src/core/linalg/matrix';
import { modelDefinition, type FittedModel } from '../src/core/models/registry';
import { MT19937 } from '../src/core/random/mt19937';
import { noContext } from '../src/core/util/run-context';
import type { Table } from '../src/core/table/column';
import { sklearnScript } from '../src/core/export/codegen-sklearn';
import { Cancelled } from '../src/core/util/run-context';
import { RunControl } from '../src/worker/run-control';
import { collect, MemoryMeter } from './memory';
import { loadTable, prepSetup, SEED } from './ours';
import type { BootstrapFigures, BootstrapOursResult } from './types';

export interface BootstrapOptions {
  replicates: number;
  missing: MissingStrategy;
  /** Where to write the exported scikit-learn script. */
  scriptPath: string;
  /** Also the figures of the first `checkReplicates` replicates (0: none), to compare with a scikit-learn run of that many. */
  checkReplicates: number;
  /** Replicates of the loop's parts timed one by one (a diagnostic; 0: none). */
  partReplicates: number;
  /** Seconds after which a second run is cancelled, to time how soon the cancel takes effect (0: no such run). */
  cancelAfter: number;
  log: (s: string) => void;
}

export function bootstrapSetup(setup: ReturnType<typeof prepSetup>, missing: MissingStrategy): TrainSetup {
  return { ...setup, missing, model: DEFAULT_MODELS.logreg, seed: SEED, cvFolds: 0 };
}

/** A RunControl whose checkpoints are timed: the longest stretch of computing between two checkpoints is how long a cancel can wait. */
function timedControl(): { control: RunControl; stats: () => { checkpoints: number; reports: number; longestGapMs: number; lastFraction: number } } {
  let reports = 0;
  let lastFraction = 0;
  const control = new RunControl((p) => {
    reports++;
    lastFraction = p.fraction;
  }, 'validate');
  let checkpoints = 0;
  let longest = 0;
  let since = performance.now();
  const inner = control.checkpoint.bind(control);
  control.checkpoint = async (fraction: number, stage?: string) => {
    const t = performance.now();
    longest = Math.max(longest, t - since);
    checkpoints++;
    try {
      await inner(fraction, stage);
    } finally {
      since = performance.now();
    }
  };
  return { control, stats: () => ({ checkpoints, reports, longestGapMs: longest, lastFraction }) };
}

/**
 * The first `k` replicates of bootstrapValidation's loop (rows, no patient key) with each part timed: the same calls
 * in the same order, so the sums say where its time goes. Seconds summed over the replicates.
 */
export async function bootstrapParts(table: Table, setup: TrainSetup, k: number): Promise<Record<string, number>> {
  const parts: Record<string, number> = { draw: 0, select: 0, fitPipeline: 0, fit: 0, transformOriginal: 0, score: 0, metrics: 0 };
  const prepared = prepare(table, setup);
  if (!prepared.ok) throw new Error(prepared.error.code);
  const d = prepared.value;
  const definition = modelDefinition(setup.model.kind);
  const featureNames = d.fitted.features.map((f) => f.name);
  const n = d.trainRows.length;
  const rng = new MT19937(bootstrapSeed(setup));
  let replicateStore: Floats = new Float64Array(0);
  let originalStore: Floats = d.trainX.data;
  const clock = (part: string, from: number): number => {
    const now = performance.now();
    parts[part] += (now - from) / 1000;
    return now;
  };
  for (let b = 0; b < k; b++) {
    let t = performance.now();
    const draw = rng.randint(n, n);
    t = clock('draw', t);
    const rows = new Int32Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      rows[i] = d.trainRows[draw[i]];
      y[i] = d.trainY[draw[i]];
    }
    t = clock('select', t);
    const { fitted, trainX } = fitPipeline(table, setup, d.featureColumns, rows, [], d.patients, { describe: false, into: replicateStore });
    if (trainX.data.buffer !== replicateStore.buffer) replicateStore = trainX.data;
    t = clock('fitPipeline', t);
    const refit: { model: FittedModel } = await definition.fit(setup.model, trainX, y, { seed: setup.seed, ctx: noContext, featureNames });
    t = clock('fit', t);
    const originalX = transform(table, fitted, d.trainRows, [], originalStore);
    if (originalX.data.buffer !== originalStore.buffer) originalStore = originalX.data;
    t = clock('transformOriginal', t);
    const own = definition.score(refit.model, trainX);
    const onOriginal = definition.score(refit.model, originalX);
    t = clock('score', t);
    figures(y, own.risk, own.rank);
    figures(d.trainY, onOriginal.risk, onOriginal.rank);
    clock('metrics', t);
  }
  return parts;
}

export async function runBootstrapOurs(csv: string, o: BootstrapOptions): Promise<BootstrapOursResult> {
  const log = o.log;
  const t0 = performance.now();
  const table = await loadTable(csv);
  const t1 = performance.now();
  log(`  read ${table.rowCount} rows: ${((t1 - t0) / 1000).toFixed(2)} s`);
  const setup = bootstrapSetup(prepSetup(table), o.missing);

  // the model to validate: train() as the worker runs it (prepare, fit, evaluate on the test rows)
  const trained = await train(table, setup);
  const t2 = performance.now();
  if (!trained.ok) throw new Error(`train failed: ${trained.error.code}`);
  const { report, run } = trained.value;
  const trainRows = run.prepared.trainRows.length;
  log(`  train() on ${trainRows} training rows: ${((t2 - t1) / 1000).toFixed(2)} s, test AUC ${report.test.auc.toFixed(4)}`);

  writeFileSync(
    o.scriptPath,
    sklearnScript({
      fileName: basename(csv),
      encoding: 'utf-8',
      delimiter: ',',
      decimalComma: false,
      setup,
      fitted: run.prepared.fitted,
      appVersion: 'bench',
      results: { testAccuracy: report.test.atThreshold.accuracy, auc: report.test.auc, coefficients: report.coefficients?.map((c) => c.coef), intercept: report.intercept },
    }),
  );

  collect();
  const meter = new MemoryMeter();
  meter.start();
  const timed = timedControl();
  const t3 = performance.now();
  const result = await bootstrapValidation(table, setup, run.model, o.replicates, timed.control);
  const t4 = performance.now();
  const memory = meter.stop();
  if (!result.ok) throw new Error(`bootstrapValidation failed: ${result.error.code}`);
  const seconds = (t4 - t3) / 1000;
  const progress = timed.stats();
  log(`  bootstrapValidation, ${o.replicates} replicates: ${seconds.toFixed(2)} s (${((seconds / o.replicates) * 1000).toFixed(0)} ms per replicate); ` +
    `${progress.reports} progress reports, longest stretch between checkpoints ${progress.longestGapMs.toFixed(0)} ms`);

  let cancel: BootstrapOursResult['cancel'];
  if (o.cancelAfter > 0) {
    collect();
    // the user's click at `cancelAfter` s is seen, as the worker's cancel message is, at the next yield to the event loop:
    // the delay is from the click to the run's end
    const c = timedControl();
    const clickAt = performance.now() + o.cancelAfter * 1000;
    const timer = setTimeout(() => {
      c.control.cancelled = true;
    }, o.cancelAfter * 1000);
    let outcome = 'finished';
    try {
      await bootstrapValidation(table, setup, run.model, o.replicates, c.control);
    } catch (e) {
      outcome = e instanceof Cancelled ? 'cancelled' : `error: ${e instanceof Error ? e.message : String(e)}`;
    }
    clearTimeout(timer);
    const afterMs = performance.now() - clickAt;
    cancel = { afterSeconds: o.cancelAfter, outcome, stoppedAfterMs: afterMs, fractionReached: c.stats().lastFraction };
    log(`  cancel at ${o.cancelAfter} s: ${outcome} ${afterMs.toFixed(0)} ms later (at ${(c.stats().lastFraction * 100).toFixed(1)}% of the bar)`);
  }

  let check: BootstrapOursResult['check'];
  if (o.checkReplicates > 0 && o.checkReplicates !== o.replicates) {
    const few = await bootstrapValidation(table, setup, run.model, o.checkReplicates, noContext);
    if (!few.ok) throw new Error(`bootstrapValidation failed: ${few.error.code}`);
    check = { replicates: o.checkReplicates, metrics: figuresOf(few.value) };
  }

  let partSeconds: Record<string, number> | undefined;
  if (o.partReplicates > 0) {
    collect();
    partSeconds = await bootstrapParts(table, setup, o.partReplicates);
    log(`  the loop's parts over ${o.partReplicates} replicates: ${Object.entries(partSeconds).map(([k, v]) => `${k} ${((v / o.partReplicates) * 1000).toFixed(1)} ms`).join(', ')} per replicate`);
  }

  return {
    csv,
    rows: table.rowCount,
    trainRows,
    trainRowSum: run.prepared.trainRows.reduce((a, b) => a + b, 0),
    features: run.prepared.fitted.features.map((f) => f.name),
    replicates: o.replicates,
    missing: o.missing,
    readSeconds: (t1 - t0) / 1000,
    trainSeconds: (t2 - t1) / 1000,
    seconds,
    memory,
    progress,
    ...(cancel ? { cancel } : {}),
    ...(partSeconds ? { partSeconds, partReplicates: o.partReplicates } : {}),
    ...(check ? { check } : {}),
    failed: result.value.failed,
    seed: result.value.seed,
    metrics: figuresOf(result.value),
  };
}

function figuresOf(result: BootstrapResult): BootstrapFigures {
  return Object.fromEntries(result.rows.map((r) => [r.metric, { apparent: r.apparent, optimism: r.optimism, corrected: r.corrected, optimismSd: r.optimismSd }]));
}
