/**
 * JavaScript as commonly written, for comparison: PapaParse's row-object parse of the whole text, and
 * the npm package ml-logistic-regression with its default settings. Each runs in its own process.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { collect, MemoryMeter } from './memory';
import { loadTable, mustPrepare } from './ours';
import type { MlLrResult, PapaResult } from './types';

/** `Papa.parse(text, { header: true, dynamicTyping: true })` on the whole file read as one string. */
export function runPapa(csv: string, rows: number): PapaResult {
  collect();
  const meter = new MemoryMeter();
  meter.start();
  const t0 = performance.now();
  const text = readFileSync(csv, 'utf8');
  const t1 = performance.now();
  const parsed = Papa.parse<Record<string, unknown>>(text, { header: true, dynamicTyping: true });
  const t2 = performance.now();
  const memory = meter.stop();
  return {
    rows,
    ok: true,
    readSeconds: (t1 - t0) / 1000,
    parseSeconds: (t2 - t1) / 1000,
    parsedRows: parsed.data.length,
    errors: parsed.errors.length,
    memory,
  };
}

export const ML_LR_DEFAULT_STEPS = 50_000;

/**
 * ml-logistic-regression with its defaults (50,000 full-batch gradient-ascent steps at learning rate
 * 5e-4 on the summed log-likelihood, no penalty, one classifier per class: two for a binary outcome),
 * on our prepared training matrix plus a column of ones for the intercept (it fits none itself).
 * `steps` below the default runs that many steps and projects the time linearly (every step costs the same).
 */
export async function runMlLr(csv: string, rows: number, steps: number): Promise<MlLrResult> {
  const table = await loadTable(csv);
  const prepared = mustPrepare(table);
  const X0 = prepared.trainX;
  const n = X0.rows;
  const p = X0.cols;
  const X = new Matrix(n, p + 1);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) X.set(i, j, X0.data[j * n + i]);
  for (let i = 0; i < n; i++) X.set(i, p, 1);
  const Y = Matrix.columnVector(Array.from(prepared.trainY));
  const model = new LogisticRegression({ numSteps: steps });
  collect();
  const t0 = performance.now();
  model.train(X, Y);
  const secondsRun = (performance.now() - t0) / 1000;
  // classifiers[0] is trained on "not class 0" = (y = 1): its weights are the log-odds of the event
  const w = model.classifiers[0].weights.to1DArray();
  const names = prepared.fitted.features.map((f) => f.name);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let m = w[p];
    for (let j = 0; j < p; j++) m += w[j] * X0.data[j * n + i];
    const s = prepared.trainY[i] === 1 ? -m : m; // softplus(−sᵢmᵢ)
    loss += Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
  }
  return {
    rows,
    ok: true,
    steps,
    defaultSteps: ML_LR_DEFAULT_STEPS,
    seconds: secondsRun,
    projectedSeconds: (secondsRun * ML_LR_DEFAULT_STEPS) / steps,
    coefficients: Object.fromEntries(names.map((name, j) => [name, w[j]])),
    intercept: w[p],
    meanLogLoss: loss / n,
  };
}
