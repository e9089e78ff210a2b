/**
 * Our pipeline on one cohort file, in its own process (so each size starts from a clean heap):
 * read (readTable over a chunked file source), profile (the worker's summarize), prepare (mean
 * imputation, scikit-learn's split, one-hot, z-scores), fitLogisticL2 alone on that preparation, then
 * train() for each model as the worker runs it (each preparing the same seeded split). Times are wall-clock (performance.now); memory per phase
 * as memory.ts describes.
 */
import { basename } from 'node:path';
import { readTable } from '../src/core/ingest/read-table';
import { summarize } from '../src/worker/summarize';
import { prepare, type PreparedData } from '../src/core/prep/prepare';
import { DEFAULT_SPLIT, type ModelSpec, type PrepSetup } from '../src/core/prep/setup';
import { MODEL_DEFINITIONS } from '../src/core/models/registry';
import type { Hyperparameters } from '../src/core/models/registry/definition';
import type { Table } from '../src/core/table/column';
import { train } from '../src/core/train/train';
import { fitLogisticL2, logisticObjective } from '../src/core/models/logistic';
import { Cancelled, type RunContext } from '../src/core/util/run-context';
import { fileSource } from './node-source';
import { collect, hasGc, MemoryMeter } from './memory';
import type { LrFitResult, ModelResult, OursResult } from './types';

export const OUTCOME = 'outcome';
export const SEED = 42;
/** Checkpoints yield to the event loop this often, as the worker's RunControl does (and so the memory sampler runs). */
const YIELD_MS = 25;

/** A RunContext that notes when each stage starts, samples memory, yields, and cancels past a deadline. */
class StageClock implements RunContext {
  readonly marks = new Map<string, number>();
  lastParse = 0;
  private lastYield = performance.now();

  constructor(
    private readonly meter: MemoryMeter,
    private readonly deadline = Infinity,
  ) {}

  async checkpoint(_fraction: number, stage?: string): Promise<void> {
    const now = performance.now();
    if (stage !== undefined && !this.marks.has(stage)) this.marks.set(stage, now);
    if (stage === 'parse') this.lastParse = now;
    this.meter.sample();
    if (now - this.lastYield >= YIELD_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.lastYield = performance.now();
    }
    if (now > this.deadline) throw new Cancelled();
  }
}

export function prepSetup(table: Table): PrepSetup {
  return {
    outcome: OUTCOME,
    positiveClass: '1',
    features: table.columns.map((c) => c.name).filter((n) => n !== OUTCOME),
    missing: 'mean',
    split: DEFAULT_SPLIT,
  };
}

export async function loadTable(csv: string): Promise<Table> {
  const src = await fileSource(csv);
  try {
    const loaded = await readTable(src);
    if (!loaded.ok) throw new Error(`readTable failed: ${loaded.error.code}`);
    return loaded.value.table;
  } finally {
    await src.close();
  }
}

export function mustPrepare(table: Table): PreparedData {
  const prepared = prepare(table, prepSetup(table));
  if (!prepared.ok) throw new Error(`prepare failed: ${prepared.error.code}`);
  return prepared.value;
}

function describe(spec: ModelSpec): string {
  const { kind, ...rest } = spec;
  const parts = Object.entries(rest).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : v === null ? 'full batch' : String(v)}`);
  return parts.length > 0 ? `${kind} (${parts.join(', ')})` : kind;
}

const seconds = (from: number, to: number): number => (to - from) / 1000;

async function runModel(table: Table, spec: ModelSpec, budgetSeconds: number, log: (s: string) => void): Promise<ModelResult> {
  collect();
  const meter = new MemoryMeter();
  meter.start();
  const t0 = performance.now();
  const clock = new StageClock(meter, t0 + budgetSeconds * 1000);
  const epochEnds: number[] = [];
  const base: Omit<ModelResult, 'ok' | 'memory'> = { kind: spec.kind, spec: describe(spec), seconds: 0, fitSeconds: 0, evaluateSeconds: 0 };
  try {
    const res = await train(table, { ...prepSetup(table), model: spec, seed: SEED, cvFolds: 0 }, { ctx: clock, onEpoch: () => epochEnds.push(performance.now()) });
    const t1 = performance.now();
    if (!res.ok) return { ...base, ok: false, error: res.error.code, memory: meter.stop() };
    const report = res.value.report;
    const tTrain = clock.marks.get('train') ?? t0;
    const tEval = clock.marks.get('evaluate') ?? t1;
    const epochSeconds = epochEnds.map((t, k) => seconds(k === 0 ? tTrain : epochEnds[k - 1], t));
    const result: ModelResult = {
      ...base,
      ok: true,
      seconds: seconds(tTrain, t1),
      fitSeconds: seconds(tTrain, tEval),
      evaluateSeconds: seconds(tEval, t1),
      iterations: report.solver.iterations,
      converged: report.solver.converged,
      testAuc: report.test.auc,
      ...(epochSeconds.length > 0 ? { epochSeconds } : {}),
      ...(report.coefficients ? { coefficients: Object.fromEntries(report.coefficients.map((c) => [c.feature, c.coef])), intercept: report.intercept } : {}),
      memory: meter.stop(),
    };
    log(`  ${result.spec}: ${result.seconds.toFixed(2)} s (fit ${result.fitSeconds.toFixed(2)} s), AUC ${report.test.auc.toFixed(4)}`);
    return result;
  } catch (e) {
    const error = e instanceof Cancelled ? `stopped at the time budget of ${budgetSeconds} s` : e instanceof Error ? e.message : String(e);
    log(`  ${base.spec}: FAILED (${error})`);
    return { ...base, ok: false, error, seconds: seconds(t0, performance.now()), memory: meter.stop() };
  }
}

function names(prepared: PreparedData): string[] {
  return prepared.fitted.features.map((f) => f.name);
}

/** fitLogisticL2 alone (the work of 'logreg' without evaluation), its passes over X, and the same fit without the sample warm start. */
async function lrFit(prepared: PreparedData): Promise<LrFitResult> {
  const X = prepared.trainX;
  const y = prepared.trainY;
  collect();
  const t0 = performance.now();
  const fit = await fitLogisticL2(X, y, { C: 1 });
  const t1 = performance.now();
  collect();
  const t2 = performance.now();
  const plain = await fitLogisticL2(X, y, { C: 1, sampleRows: Infinity });
  const t3 = performance.now();
  const fg = logisticObjective(X, y, 1);
  const g = new Float64Array(X.cols + 1);
  const x = Float64Array.from([...fit.coef, fit.intercept]);
  const times: number[] = [];
  for (let k = 0; k < 7; k++) {
    const s = performance.now();
    fg(x, g);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const featureNames = names(prepared);
  return {
    seconds: seconds(t0, t1),
    iterations: fit.iterations,
    converged: fit.converged,
    evaluations: fit.evaluations,
    ...(fit.sampleRows !== undefined ? { sampleRows: fit.sampleRows } : {}),
    secondsPerEvaluation: times[3] / 1000,
    coefficients: Object.fromEntries(featureNames.map((n, j) => [n, fit.coef[j]])),
    intercept: fit.intercept,
    plain: { seconds: seconds(t2, t3), iterations: plain.iterations, evaluations: plain.evaluations },
  };
}

/** Phase 3: prepare (mean imputation, stratified 80/20 split with seed 42, one-hot, z-scores), then lrFit. */
async function prepareAndFit(table: Table, meter: MemoryMeter, log: (s: string) => void) {
  collect();
  meter.start();
  const t0 = performance.now();
  const prepared = mustPrepare(table);
  void prepared.testX; // built lazily by the app (after fitting); built here so the phase matches scikit-learn's
  const t1 = performance.now();
  const prepMemory = meter.stop();
  log(`  prepare: ${seconds(t0, t1).toFixed(2)} s`);
  const lr = await lrFit(prepared);
  log(`  fitLogisticL2: ${lr.seconds.toFixed(2)} s, ${lr.iterations} iterations, ${lr.evaluations} evaluations of ${(lr.secondsPerEvaluation * 1000).toFixed(1)} ms` +
    `${lr.sampleRows ? ` after a ${lr.sampleRows}-row warm start` : ''}; without the warm start ${lr.plain.seconds.toFixed(2)} s, ${lr.plain.evaluations} evaluations`);
  let trainRowSum = 0;
  for (let k = 0; k < prepared.trainRows.length; k++) trainRowSum += prepared.trainRows[k];
  const prepInfo = {
    trainRows: prepared.trainRows.length,
    testRows: prepared.testRows.length,
    features: names(prepared),
    trainRowSum,
    designBytes: (prepared.trainRows.length + prepared.testRows.length) * prepared.trainX.cols * 8,
  };
  return { prepMemory, prepSeconds: seconds(t0, t1), prepInfo, lr };
}

export interface OursOptions {
  budgetSeconds: number;
  mlpEpochs: number;
  gdEpochs: number;
  /** Model kinds to run (default all five). */
  models: string[];
  log: (s: string) => void;
}

export async function runOurs(csv: string, rows: number, bytes: number, o: OursOptions): Promise<OursResult> {
  const log = o.log;
  collect();
  const baselineRss = process.memoryUsage().rss;
  const meter = new MemoryMeter();

  // 1. read: the worker's readTable over a file read in 4 MB chunks
  meter.start();
  const clock = new StageClock(meter);
  const t0 = performance.now();
  const src = await fileSource(csv);
  const loaded = await readTable(src, clock);
  await src.close();
  const t1 = performance.now();
  const parseMemory = meter.stop();
  if (!loaded.ok) throw new Error(`readTable failed: ${loaded.error.code}`);
  const table = loaded.value.table;
  const scanEnd = clock.lastParse || t1;
  log(`  read ${rows} rows: ${seconds(t0, t1).toFixed(2)} s (scan ${seconds(t0, scanEnd).toFixed(2)} s, typing ${seconds(scanEnd, t1).toFixed(2)} s)`);

  // 2. profile: what the worker computes for the profile table after loading
  collect();
  meter.start();
  const t2 = performance.now();
  const summary = summarize(loaded.value, basename(csv), bytes);
  const t3 = performance.now();
  const profileMemory = meter.stop();
  log(`  profile ${summary.columns.length} columns: ${seconds(t2, t3).toFixed(2)} s`);

  // 3. prepare, then fitLogisticL2 alone on that preparation (a function of its own, so that its preparation is
  // garbage before the models run: each then runs as the worker runs it, train() preparing the same seeded
  // split itself and building the test matrix after fitting, and the memory measured is the worker's)
  const { prepMemory, prepSeconds, prepInfo, lr } = await prepareAndFit(table, meter, log);

  // every registered model with its defaults; an iterative one with the bench's epoch budget (a network's, or gradient descent's)
  const specs: ModelSpec[] = MODEL_DEFINITIONS.map((d) =>
    d.fields.includes('epochs') ? d.fromFields({ ...d.toFields(d.defaults), epochs: d.traits.stopsEarly ? o.mlpEpochs : o.gdEpochs } as Hyperparameters) : d.defaults,
  );
  const models: ModelResult[] = [];
  for (const spec of specs) {
    if (!o.models.includes(spec.kind)) continue;
    models.push(await runModel(table, spec, o.budgetSeconds, log));
  }

  const numericColumns = table.columns.filter((c) => c.storage === 'numeric' && c.name !== OUTCOME).length;
  const phases = [parseMemory, profileMemory, prepMemory, ...models.map((m) => m.memory)];
  return {
    rows,
    file: csv,
    bytes,
    gcAvailable: hasGc,
    baselineRss,
    parse: {
      seconds: seconds(t0, t1),
      scanSeconds: seconds(t0, scanEnd),
      inferSeconds: seconds(scanEnd, t1),
      columns: table.columns.length,
      numericColumns,
      types: Object.fromEntries(table.columns.map((c) => [c.name, c.type])),
      memory: parseMemory,
    },
    profile: { seconds: seconds(t2, t3), memory: profileMemory },
    prepare: {
      seconds: prepSeconds,
      trainRows: prepInfo.trainRows,
      testRows: prepInfo.testRows,
      features: prepInfo.features,
      trainRowSum: prepInfo.trainRowSum,
      memory: prepMemory,
    },
    lrFit: lr,
    models,
    peakRss: Math.max(...phases.map((m) => m.peakRss)),
    numericBytes: table.rowCount * numericColumns * 8,
    cellBytes: table.rowCount * table.columns.length * 8,
    designBytes: prepInfo.designBytes,
  };
}
