import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import { train } from '../train/train';
import { DEFAULT_MODELS, type ModelKind, type TrainSetup } from '../prep/setup';
import { noContext } from '../util/run-context';
import { bootstrapValidation, performance } from './bootstrap';
import { longitudinalCohort } from '../__fixtures__/patients/longitudinal';

interface Row { metric: string; apparent: number; optimism: number; corrected: number; optimismSd: number }
interface Case { name: string; csv: string; target: string; positive: string; missing: 'drop' | 'mean'; model: ModelKind; replicates: number; seed: number; rows: Row[] }
// Made by ../__fixtures__/validation/make-bootstrap-cases.py (numpy 1.24, scikit-learn 1.2.1, statsmodels 0.13).
const fixture = JSON.parse(readFileSync(new URL('../__fixtures__/validation/bootstrap-cases.json', import.meta.url), 'utf8')) as { cases: Case[] };

async function loadCsv(path: string) {
  const text = readFileSync(new URL(path, import.meta.url), 'utf8');
  const r = await readTable(textSource(text));
  if (!r.ok) throw new Error(r.error.code);
  return { table: r.value.table, header: text.slice(0, text.indexOf('\n')).split(',').map((h) => h.trim().replace(/"/g, '')) };
}

describe('bootstrap optimism correction against numpy + scikit-learn (same indices, 1e-6)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const { table, header } = await loadCsv(`../../../public/samples/${c.csv}`);
    const setup: TrainSetup = {
      outcome: c.target, positiveClass: c.positive, features: header.filter((h) => h !== c.target), missing: c.missing,
      split: { kind: 'random', testFraction: 0.2, seed: c.seed }, model: DEFAULT_MODELS[c.model], seed: c.seed, cvFolds: 0,
    };
    const trained = await train(table, setup);
    if (!trained.ok) throw new Error(trained.error.code);
    const r = await bootstrapValidation(table, setup, trained.value.run.model, c.replicates, noContext);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.unit).toBe('rows');
    expect(r.value.failed).toBe(0);
    for (const want of c.rows) {
      const got = r.value.rows.find((x) => x.metric === want.metric);
      if (!got) throw new Error(want.metric);
      expect(got.replicates).toBe(c.replicates);
      for (const key of ['apparent', 'optimism', 'corrected', 'optimismSd'] as const) expect(Math.abs(got[key] - want[key]), `${want.metric} ${key}`).toBeLessThan(1e-6);
    }
    expect(r.value.shrinkage).toBe(r.value.rows.find((x) => x.metric === 'calibration-slope')?.corrected);
  }, 60_000);
});

describe('bootstrap by patient', () => {
  it('draws patients, not rows, and refuses nonsense', async () => {
    const cohort = longitudinalCohort('en', 120);
    const r0 = await readTable(textSource(cohort.csv));
    if (!r0.ok) throw new Error(r0.error.code);
    const setup: TrainSetup = {
      outcome: 'diabetic_nephropathy', positiveClass: 'yes', features: ['age', 'sex', 'creatinine', 'hba1c'], missing: 'drop',
      split: { kind: 'random', testFraction: 0.2, seed: 3 }, patientKey: 'pt_id', model: DEFAULT_MODELS.logreg, seed: 3, cvFolds: 0,
    };
    const trained = await train(r0.value.table, setup);
    if (!trained.ok) throw new Error(trained.error.code);
    const r = await bootstrapValidation(r0.value.table, setup, trained.value.run.model, 30, noContext);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.unit).toBe('patients');
    const auc = r.value.rows[0];
    expect(auc.metric).toBe('auc');
    expect(auc.optimism).toBeGreaterThan(0); // the refits do better on the rows they were fitted on
    expect(auc.corrected).toBeLessThan(auc.apparent);
    for (const bad of [0, -1, 1.5, 10_000]) expect(await bootstrapValidation(r0.value.table, setup, trained.value.run.model, bad, noContext)).toMatchObject({ ok: false, error: { code: 'bad-parameter' } });
  }, 60_000);
});

describe('performance', () => {
  it('AUC, Brier, slope 1 and calibration-in-the-large 0 for risks that are their own truth', () => {
    const risk = Float64Array.from([0.1, 0.2, 0.3, 0.8, 0.9, 0.6]);
    const y = Uint8Array.from([0, 0, 1, 1, 1, 0]);
    const p = performance(y, risk, risk);
    expect(p.auc).toBeCloseTo(8 / 9, 12); // of 9 pairs only (0.3, 0.6) is ranked wrongly
    expect(p.brier).toBeCloseTo((0.01 + 0.04 + 0.49 + 0.04 + 0.01 + 0.36) / 6, 12);
    expect(Number.isFinite(p['calibration-slope'])).toBe(true);
    expect(performance(Uint8Array.from([1, 1]), Float64Array.from([0.2, 0.4]), Float64Array.from([0.2, 0.4])).auc).toBeNaN();
  });
});
