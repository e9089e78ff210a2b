/**
 * Treatment options compared for the cohort, by g-computation (marginal standardization): the
 * standardized risk under an option is the mean, over the test rows, of the risk the model in use
 * predicts for each row with the treatment column set to that option and every other value as it is.
 * Its difference between two options is the risk difference, standardized to the test rows' mix of
 * patients. The risks are those of the model in use: its recalibration, if any, is applied.
 *
 * The 95% interval is a percentile bootstrap that REFITS the model: replicate b draws the training rows
 * and then the test rows, each as `numpy.random.RandomState(seed).randint(0, n, size=n)` does (one
 * generator seeded with the split's seed, as the internal validation's bootstrap; with a patient key,
 * patients are drawn, each bringing all its rows, in the key's sorted order); it refits the whole
 * pipeline and the model on its training rows (as bootstrap.ts does), applies the recalibration of the
 * model in use to the refit's risks, and standardizes over its test rows. The interval is the 2.5th
 * and 97.5th percentiles (numpy's linear rule) of the replicates' values: it reflects both the model's
 * estimation (which training patients it learned from) and the sampling of the cohort it is standardized
 * to. It does not cover what no resampling can: confounding, a wrong model form, another population. A
 * replicate whose training draw has one outcome class cannot be fitted and is left out (counted).
 *
 * In observational data these are associations adjusted for the model's other features, not the effects
 * of giving the treatment: patients are treated because of how ill they are (confounding by
 * indication), and what made the clinician choose is rarely all in the file. Two warnings point at
 * where even the association is weak, both on the training rows (those the model learned from):
 * - an option with fewer than MIN_OPTION_EVENTS events among the rows that had it;
 * - an option whose rows differ from the others' (the rows with another value) by a standardized mean
 *   difference SMD = (mean₁ − mean₀) / √((var₁ + var₀) / 2) (sample variances) beyond SMD_LIMIT in
 *   absolute value for a numeric feature: the model extrapolates when it moves them to that option.
 *   With two options, only the non-reference option's (the other's are the same with the sign changed).
 */
import type { Table, Column } from '../table/column';
import { fail, ok, type Result } from '../errors';
import { MT19937 } from '../random/mt19937';
import { prepare } from '../prep/prepare';
import { fitPipeline, quantile, transform, type FittedPrep } from '../prep/pipeline';
import type { TrainSetup } from '../prep/setup';
import { groupsOf, type PatientIndex } from '../patients/patient-key';
import { modelDefinition, type FittedModel } from '../models/registry';
import { recalibrated, type Recalibration } from '../validation/external';
import { bootstrapSeed, MAX_REPLICATES } from '../validation/bootstrap';
import type { RunContext } from '../util/run-context';
import { optionOfRows, optionValue, type TreatmentColumn } from './columns';

/** Fewer events than this among an option's training rows: its association rests on very few patients. */
export const MIN_OPTION_EVENTS = 10;
/** An |SMD| above this between an option's rows and the others' is a strong imbalance (a common rule: 0.1–0.25). */
export const SMD_LIMIT = 0.25;

export interface Interval {
  value: number;
  /** The bootstrap's 2.5th and 97.5th percentiles; NaN without replicates. */
  low: number;
  high: number;
}

export interface TreatmentOptionResult extends Interval {
  /** The option as written in the file. */
  level: string;
  /** Rows (and events among them) that had this option, in the training and the test rows. */
  trainRows: number;
  trainEvents: number;
  testRows: number;
  testEvents: number;
  /** Per numeric feature (the treatment aside): SMD of this option's training rows against the others'. */
  smd: { column: string; smd: number }[];
}

export type TreatmentWarning =
  | { code: 'few-events'; option: number; events: number; rows: number }
  | { code: 'imbalance'; option: number; features: { column: string; smd: number }[] };

export interface TreatmentComparison {
  column: string;
  kind: TreatmentColumn['kind'];
  /** `value`: the standardized risk; low and high its interval. */
  options: TreatmentOptionResult[];
  /** differences[i][j]: standardized risk of option i minus that of option j, with its interval. */
  differences: Interval[][];
  /** The reference the app starts with: the most common option among the training rows (ties: the first). */
  reference: number;
  /** The test rows standardized over. */
  testRows: number;
  warnings: TreatmentWarning[];
  bootstrap: { requested: number; failed: number; unit: 'patients' | 'rows'; seed: number };
  /** The risks are those of a recalibrated model (each refit recalibrated the same way). */
  recalibrated: boolean;
}

export interface TreatmentInput {
  table: Table;
  /** The setup the model in use was trained with (its split gives the test rows). */
  setup: TrainSetup;
  fitted: FittedPrep;
  model: FittedModel;
  recalibration: Pick<Recalibration, 'intercept' | 'slope'> | null;
  treatment: TreatmentColumn;
}

/** The table with one column replaced by a constant: every row given option k. */
export function withOption(table: Table, tc: TreatmentColumn, k: number): Table {
  const value = optionValue(tc, k);
  const n = table.rowCount;
  const columns = table.columns.map((c): Column => {
    if (c.name !== tc.column) return c;
    if (tc.kind === 'binary') return { storage: 'numeric', name: c.name, type: c.type, values: new Float64Array(n).fill(value as number) };
    return { storage: 'coded', name: c.name, type: c.type, codes: new Int32Array(n), levels: [value as string] };
  });
  return { rowCount: n, columns };
}

/** Per test row, the risk of the model with the treatment set to each option (recalibrated). */
function optionRisks(tables: Table[], fitted: FittedPrep, model: FittedModel, rows: Int32Array, r: TreatmentInput['recalibration']): Float64Array[] {
  const definition = modelDefinition(model.kind);
  return tables.map((t) => recalibrated(definition.score(model, transform(t, fitted, rows)).risk, r));
}

/** For each unit a draw can pick (a row, or a patient), the indices into `rows` it brings. */
function unitsOf(rows: Int32Array, patients: PatientIndex | null): Int32Array[] | null {
  if (!patients) return null;
  const groups = groupsOf(patients, rows);
  let G = 0;
  for (let k = 0; k < rows.length; k++) G = Math.max(G, groups[k] + 1);
  const lists: number[][] = Array.from({ length: G }, () => []);
  for (let k = 0; k < rows.length; k++) lists[groups[k]].push(k);
  return lists.map((l) => Int32Array.from(l));
}

/** The indices a draw of units picks, in draw order (a patient's rows in file order). */
function picked(draw: Int32Array, members: Int32Array[] | null): Int32Array {
  if (!members) return draw;
  let size = 0;
  for (let i = 0; i < draw.length; i++) size += members[draw[i]].length;
  const out = new Int32Array(size);
  let at = 0;
  for (let i = 0; i < draw.length; i++) {
    out.set(members[draw[i]], at);
    at += members[draw[i]].length;
  }
  return out;
}

/** Standardized mean difference of the values of rows `a` against rows `b` (missing values skipped). */
export function standardizedMeanDifference(values: Float64Array, a: number[], b: number[]): number {
  const moments = (rows: number[]) => {
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (const i of rows) {
      const v = values[i];
      if (v !== v) continue;
      n++;
      const d = v - mean;
      mean += d / n;
      m2 += d * (v - mean);
    }
    return { n, mean, variance: n > 1 ? m2 / (n - 1) : NaN };
  };
  const x = moments(a);
  const y = moments(b);
  if (x.n < 2 || y.n < 2) return NaN;
  const sd = Math.sqrt((x.variance + y.variance) / 2);
  const diff = x.mean - y.mean;
  if (sd === 0) return diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
  return diff / sd;
}

function interval(value: number, sorted: Float64Array): Interval {
  return { value, low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
}

/** Standardized risks per option, their differences with bootstrap intervals, and the warnings (see the file comment). */
export async function compareTreatmentOptions(input: TreatmentInput, replicates: number, ctx: RunContext): Promise<Result<TreatmentComparison>> {
  const { table, setup, fitted, model, recalibration, treatment: tc } = input;
  if (!(Number.isInteger(replicates) && replicates >= 0 && replicates <= MAX_REPLICATES)) return fail({ code: 'bad-parameter', value: `replicates = ${replicates}` });
  const source = table.columns.find((c) => c.name === tc.column);
  if (!source) return fail({ code: 'unknown-column', column: tc.column });
  if (fitted.transforms[tc.field]?.column !== tc.column || tc.options.length < 2) return fail({ code: 'bad-parameter', column: tc.column, value: 'treatment' });
  const prepared = prepare(table, setup);
  if (!prepared.ok) return prepared;
  const d = prepared.value;
  const L = tc.options.length;
  await ctx.checkpoint(0, 'treatment');

  // the point estimates: the model in use over the test rows, the treatment set to each option
  const tables = tc.options.map((_, k) => withOption(table, tc, k));
  const risks = optionRisks(tables, fitted, model, d.testRows, recalibration);
  const standardized = risks.map((r) => r.reduce((s, v) => s + v, 0) / r.length);

  // who had which option: counts, events and balance on the training rows; counts on the test rows
  const optionOf = optionOfRows(tc, source);
  const trainRows = Array.from({ length: L }, () => 0);
  const trainEvents = Array.from({ length: L }, () => 0);
  const testRows = Array.from({ length: L }, () => 0);
  const testEvents = Array.from({ length: L }, () => 0);
  const members: number[][] = Array.from({ length: L }, () => []);
  const present: number[] = [];
  d.trainRows.forEach((row, k) => {
    const o = optionOf[row];
    if (o === -2) return;
    present.push(row);
    if (o < 0) return;
    members[o].push(row);
    trainRows[o]++;
    trainEvents[o] += d.trainY[k];
  });
  d.testRows.forEach((row, k) => {
    const o = optionOf[row];
    if (o < 0) return;
    testRows[o]++;
    testEvents[o] += d.testY[k];
  });
  const numeric = fitted.transforms.filter((t) => t.kind === 'numeric' && t.column !== tc.column).map((t) => table.columns.find((c) => c.name === t.column) as Column);
  const smd = tc.options.map((_, o) => {
    const mine = new Set(members[o]);
    const others = present.filter((row) => !mine.has(row));
    return numeric.map((c) => ({ column: c.name, smd: c.storage === 'numeric' ? standardizedMeanDifference(c.values, members[o], others) : NaN }));
  });
  let reference = 0;
  for (let o = 1; o < L; o++) if (trainRows[o] > trainRows[reference]) reference = o;
  const warnings: TreatmentWarning[] = [];
  for (let o = 0; o < L; o++) if (trainEvents[o] < MIN_OPTION_EVENTS) warnings.push({ code: 'few-events', option: o, events: trainEvents[o], rows: trainRows[o] });
  for (let o = 0; o < L; o++) {
    // two options: the other's SMDs are these with the sign changed (when no row is pooled), one warning says it
    if (L === 2 && o === reference) continue;
    const strong = smd[o].filter((s) => Math.abs(s.smd) > SMD_LIMIT).sort((a, b) => Math.abs(b.smd) - Math.abs(a.smd));
    if (strong.length > 0) warnings.push({ code: 'imbalance', option: o, features: strong });
  }

  // the bootstrap: training and test units drawn one after the other, the pipeline and model refitted
  const trainMembers = unitsOf(d.trainRows, d.patients);
  const testMembers = unitsOf(d.testRows, d.patients);
  const trainUnits = trainMembers ? trainMembers.length : d.trainRows.length;
  const testUnits = testMembers ? testMembers.length : d.testRows.length;
  const seed = bootstrapSeed(setup);
  const rng = new MT19937(seed);
  const definition = modelDefinition(setup.model.kind);
  const featureNames = d.fitted.features.map((f) => f.name);
  const draws: Float64Array[] = [];
  let failed = 0;
  const weight = new Float64Array(d.testRows.length);
  for (let b = 0; b < replicates; b++) {
    const trainPick = picked(rng.randint(trainUnits, trainUnits), trainMembers);
    const testPick = picked(rng.randint(testUnits, testUnits), testMembers);
    const rows = Int32Array.from(trainPick, (k) => d.trainRows[k]);
    const y = Uint8Array.from(trainPick, (k) => d.trainY[k]);
    let events = 0;
    for (let i = 0; i < y.length; i++) events += y[i];
    if (events === 0 || events === y.length) {
      failed++;
      await ctx.checkpoint((b + 1) / replicates, 'treatment');
      continue;
    }
    const refitPrep = fitPipeline(table, setup, d.featureColumns, rows, [], d.patients);
    const inReplicate: RunContext = { checkpoint: (f) => ctx.checkpoint((b + Math.min(1, f)) / replicates, 'treatment') };
    const refit = await definition.fit(setup.model, refitPrep.trainX, y, { seed: setup.seed, ctx: inReplicate, featureNames });
    // a test row drawn m times counts m times in the replicate's mean
    weight.fill(0);
    for (let i = 0; i < testPick.length; i++) weight[testPick[i]]++;
    const replicate = optionRisks(tables, refitPrep.fitted, refit.model, d.testRows, recalibration).map((r) => {
      let s = 0;
      for (let i = 0; i < r.length; i++) s += weight[i] * r[i];
      return s / testPick.length;
    });
    draws.push(Float64Array.from(replicate));
    await ctx.checkpoint((b + 1) / replicates, 'treatment');
  }

  const sortedOf = (f: (draw: Float64Array) => number) => Float64Array.from(draws, f).sort();
  const options = tc.options.map((level, o): TreatmentOptionResult => ({
    level,
    ...interval(standardized[o], sortedOf((x) => x[o])),
    trainRows: trainRows[o],
    trainEvents: trainEvents[o],
    testRows: testRows[o],
    testEvents: testEvents[o],
    smd: smd[o],
  }));
  const differences = tc.options.map((_, i) => tc.options.map((__, j) => interval(standardized[i] - standardized[j], sortedOf((x) => x[i] - x[j]))));
  return ok({
    column: tc.column,
    kind: tc.kind,
    options,
    differences,
    reference,
    testRows: d.testRows.length,
    warnings,
    bootstrap: { requested: replicates, failed, unit: trainMembers ? 'patients' : 'rows', seed },
    recalibrated: recalibration !== null,
  });
}
