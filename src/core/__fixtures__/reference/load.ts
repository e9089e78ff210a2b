/** Test helpers: the reference fixtures (scikit-learn 1.2.1, see README.md here) and the sample CSVs. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bytesSource } from '../../ingest/byte-source';
import { readTable } from '../../ingest/read-table';
import type { Table } from '../../table/column';
import { prepare, type PreparedData } from '../../prep/prepare';

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

export interface ReferenceFixture {
  csv: string;
  target: string;
  positive: string;
  missing: 'drop' | 'mean';
  features: string[];
  n_rows_used: number;
  train_rows: number[];
  test_rows: number[];
  scaler: { mean: number[]; std: number[] };
  logistic_l2_C1: { coef: number[]; intercept: number; accuracy: number; train_accuracy: number; auc: number; brier: number; confusion: number[][] };
  logistic_unpenalized: Record<string, unknown>;
  svm_linear_C1: { coef: number[]; intercept: number; accuracy: number; train_accuracy: number; auc: number };
}

export type FixtureName = 'wdbc' | 'pima_diabetes_drop' | 'pima_diabetes_mean';
export const FIXTURES: FixtureName[] = ['wdbc', 'pima_diabetes_drop', 'pima_diabetes_mean'];

/** Python's json.dump writes bare NaN/Infinity, which JSON.parse refuses: read them as null. */
export function loadReference(name: FixtureName): ReferenceFixture {
  const text = readFileSync(here(`./${name}.json`), 'utf8');
  return JSON.parse(text.replace(/\bNaN\b|-?\bInfinity\b/g, 'null')) as ReferenceFixture;
}

export interface ConvergedOptimum {
  coef: number[];
  intercept: number;
  accuracy: number;
  train_accuracy: number;
}

/** The exact optimum of the same objective on the same split (converged.py). */
export function loadConverged(name: FixtureName): ConvergedOptimum {
  const all = JSON.parse(readFileSync(here('./converged.json'), 'utf8')) as Record<string, ConvergedOptimum>;
  return all[name];
}

export function sampleBytes(file: string): Uint8Array {
  return readFileSync(here(`../../../../public/samples/${file}`));
}

export async function loadSampleTable(file: string): Promise<Table> {
  const r = await readTable(bytesSource(sampleBytes(file)));
  if (!r.ok) throw new Error(`cannot load ${file}: ${r.error.code}`);
  return r.value.table;
}

/** A fixture's data through the real pipeline with the reference split (seed 42, 20% test): its design matrices. */
export async function preparedFixture(name: FixtureName): Promise<{ fx: ReferenceFixture; p: PreparedData }> {
  const fx = loadReference(name);
  const prepared = prepare(await loadSampleTable(fx.csv), {
    outcome: fx.target,
    positiveClass: fx.positive,
    features: fx.features,
    missing: fx.missing,
    split: { kind: 'random', testFraction: 0.2, seed: 42 },
  });
  if (!prepared.ok) throw new Error(`cannot prepare ${name}: ${prepared.error.code}`);
  return { fx, p: prepared.value };
}
