import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import { train } from '../train/train';
import { scoreTable } from '../score/score-table';
import { MODEL_DEFINITIONS, DEFAULT_MODELS, type ModelKind } from '../models/registry';
import type { TrainSetup } from '../prep/setup';
import type { Table } from '../table/column';
import { longitudinalCohort } from '../__fixtures__/patients/longitudinal';
import { equationLogOdds, modelEquation } from './equation';

const linearKinds = MODEL_DEFINITIONS.filter((d) => d.traits.linear).map((d) => d.kind);

/** A row's values by column, as a reader would copy them from the file (missing: null). */
function rowValues(table: Table, i: number): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const c of table.columns) {
    if (c.storage === 'numeric') out[c.name] = Number.isNaN(c.values[i]) ? null : c.values[i];
    else out[c.name] = c.codes[i] < 0 ? null : c.levels[c.codes[i]];
  }
  return out;
}

async function load(text: string): Promise<Table> {
  const r = await readTable(textSource(text));
  if (!r.ok) throw new Error(r.error.code);
  return r.value.table;
}

async function expectSameRisks(table: Table, setup: TrainSetup, recalibration: { intercept: number; slope: number } | null) {
  const trained = await train(table, setup);
  if (!trained.ok) throw new Error(trained.error.code);
  const { model, prepared } = trained.value.run;
  const eq = modelEquation(prepared.fitted, model, recalibration);
  if (!eq) throw new Error('no equation');
  const scores = await scoreTable(table, prepared.fitted, model, 0.5, undefined, recalibration);
  if (!scores.ok) throw new Error(scores.error.code);
  let compared = 0;
  let worst = 0;
  for (let i = 0; i < table.rowCount; i++) {
    const app = scores.value.risk[i];
    const lp = equationLogOdds(eq, rowValues(table, i));
    if (!Number.isFinite(app)) {
      // a row the app does not score has no risk by the formula either (a missing value without a fill)
      if (setup.missing === 'drop') expect(Number.isFinite(lp)).toBe(false);
      continue;
    }
    worst = Math.max(worst, Math.abs(1 / (1 + Math.exp(-lp)) - app));
    compared++;
  }
  expect(compared).toBeGreaterThan(table.rowCount / 2);
  expect(worst).toBeLessThan(1e-9);
}

describe("the report's equation reproduces the app's risks (1e-9)", () => {
  const pima = readFileSync(new URL('../../../public/samples/pima_diabetes.csv', import.meta.url), 'utf8');
  const header = pima.slice(0, pima.indexOf('\n')).split(',').map((h) => h.trim().replace(/"/g, ''));
  const outcome = header[header.length - 1];

  it.each(linearKinds)('%s on the Pima file with mean imputation, as trained and recalibrated', async (kind: ModelKind) => {
    const table = await load(pima);
    const setup: TrainSetup = {
      outcome, positiveClass: 'pos', features: header.slice(0, -1), missing: 'mean',
      split: { kind: 'random', testFraction: 0.2, seed: 42 }, model: DEFAULT_MODELS[kind], seed: 42, cvFolds: 0,
    };
    await expectSameRisks(table, setup, null);
    await expectSameRisks(table, setup, { intercept: -0.3, slope: 0.8 });
  });

  it.each(linearKinds)('%s on visits with categories, pooled rare levels and missing values', async (kind: ModelKind) => {
    const cohort = longitudinalCohort('en', 200);
    const table = await load(cohort.csv);
    const names = cohort.csv.slice(0, cohort.csv.indexOf('\n')).split(',');
    const [age, sex, sbp, creatinine, hba1c, ward, plan, out] = names.slice(6);
    for (const missing of ['median', 'drop'] as const) {
      const setup: TrainSetup = {
        outcome: out, positiveClass: 'yes', features: [age, sex, sbp, creatinine, hba1c, ward, plan], missing,
        split: { kind: 'random', testFraction: 0.2, seed: 1 }, patientKey: cohort.key, model: DEFAULT_MODELS[kind], seed: 1, cvFolds: 0,
      };
      await expectSameRisks(table, setup, null);
    }
  });

  it('has no formula for the network', async () => {
    const table = await load(pima);
    const trained = await train(table, {
      outcome, positiveClass: 'pos', features: header.slice(0, -1), missing: 'mean',
      split: { kind: 'random', testFraction: 0.2, seed: 42 }, model: DEFAULT_MODELS.mlp, seed: 42, cvFolds: 0,
    });
    if (!trained.ok) throw new Error(trained.error.code);
    expect(modelEquation(trained.value.run.prepared.fitted, trained.value.run.model)).toBeNull();
  });
});
