/**
 * Test helpers for scoring: a synthetic clinical CSV (numeric and categorical columns, some missing
 * values, a column called `__proto__`), read with the real CSV reader, and a trained model of each kind.
 */
import { textSource } from '../../ingest/byte-source';
import { readTable } from '../../ingest/read-table';
import { MT19937 } from '../../random/mt19937';
import type { Table } from '../../table/column';
import { DEFAULT_MODELS, type MissingStrategy, type ModelKind, type TrainSetup } from '../../prep/setup';
import { train, type TrainReport, type TrainedRun } from '../../train/train';

export const FEATURES = ['age', 'sex', 'stage', 'lactate', 'smoker', '__proto__'];
const STAGES = ['I', 'II', 'III', 'IV'];

/** A CSV of n patients: id, age, sex, stage, lactate (≈5% empty), smoker (≈3% empty), __proto__ (a 0–3 score), died. */
export function clinicCsv(n = 400, seed = 7): string {
  const rng = new MT19937(seed);
  const lines = ['id,age,sex,stage,lactate,smoker,__proto__,died'];
  for (let i = 0; i < n; i++) {
    const age = Math.round(30 + 60 * rng.random());
    const male = rng.random() < 0.5;
    const stage = Math.floor(4 * rng.random());
    const lactate = Math.round((0.5 + 4 * rng.random()) * 10) / 10;
    const smoker = rng.random() < 0.3;
    const score = Math.floor(4 * rng.random());
    const logit = -1.5 + 0.04 * (age - 60) + 0.5 * (male ? 1 : 0) + [0, 0.4, 0.9, 1.5][stage] + 0.6 * (lactate - 2.5) + 0.3 * (smoker ? 1 : 0) + 0.2 * score;
    const died = rng.random() < 1 / (1 + Math.exp(-logit));
    const lac = rng.random() < 0.05 ? '' : String(lactate);
    const smk = rng.random() < 0.03 ? '' : smoker ? 'yes' : 'no';
    lines.push([`P${1000 + i}`, age, male ? 'M' : 'F', STAGES[stage], lac, smk, score, died ? 'yes' : 'no'].join(','));
  }
  return lines.join('\n') + '\n';
}

export async function tableOf(csv: string): Promise<Table> {
  const r = await readTable(textSource(csv));
  if (!r.ok) throw new Error(`cannot read the CSV: ${r.error.code}`);
  return r.value.table;
}

export function clinicSetup(kind: ModelKind, missing: MissingStrategy = 'mean', features = FEATURES): TrainSetup {
  return {
    outcome: 'died',
    positiveClass: 'yes',
    features,
    missing,
    split: { kind: 'random', testFraction: 0.25, seed: 3 },
    model: DEFAULT_MODELS[kind],
    seed: 11,
    cvFolds: 0,
  };
}

export async function trained(table: Table, setup: TrainSetup): Promise<{ report: TrainReport; run: TrainedRun }> {
  const r = await train(table, setup);
  if (!r.ok) throw new Error(`training failed: ${r.error.code}`);
  return r.value;
}

/** The table with its columns in another order and an extra column in front. */
export function shuffledWithExtra(table: Table): Table {
  const cols = table.columns.slice().reverse();
  const extra = { storage: 'numeric' as const, name: 'ward', type: 'numeric' as const, values: new Float64Array(table.rowCount).fill(7) };
  return { rowCount: table.rowCount, columns: [extra, ...cols] };
}

/** The table repeated `times` times (a big file from a small one). */
export function tile(t: Table, times: number): Table {
  const columns = t.columns.map((c) => {
    if (c.storage === 'numeric') {
      const values = new Float64Array(t.rowCount * times);
      for (let k = 0; k < times; k++) values.set(c.values, k * t.rowCount);
      return { ...c, values };
    }
    const codes = new Int32Array(t.rowCount * times);
    for (let k = 0; k < times; k++) codes.set(c.codes, k * t.rowCount);
    return { ...c, codes };
  });
  return { rowCount: t.rowCount * times, columns };
}
