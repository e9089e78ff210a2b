import { describe, expect, it } from 'vitest';
import { MODEL_KINDS, type ModelKind } from '../prep/setup';
import { linearWeights } from '../train/models';
import { loadSampleTable } from '../__fixtures__/reference/load';
import { alignTable } from './align';
import { scoreTable } from './score-table';
import { patientFromRow, referencePatient, scorePatient, whatIfCurve, type PatientPrediction, type PatientValue } from './patient';
import { clinicCsv, clinicSetup, tableOf, trained } from './__fixtures__/clinic';

async function setupFor(kind: ModelKind) {
  const table = await tableOf(clinicCsv());
  const { run } = await trained(table, clinicSetup(kind));
  return { table, fitted: run.prepared.fitted, model: run.model };
}

function predict(...args: Parameters<typeof scorePatient>): PatientPrediction {
  const r = scorePatient(...args);
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.column ?? ''}`);
  return r.value;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe.each(MODEL_KINDS)('one patient with %s', (kind) => {
  it('gets exactly the risk of the same row in a batch', async () => {
    const { table, fitted, model } = await setupFor(kind);
    const batch = await scoreTable(table, fitted, model, 0.5);
    const aligned = alignTable(table, fitted);
    if (!batch.ok || !aligned.ok) throw new Error('scoring failed');
    for (const row of [0, 1, 17, 250, 399]) {
      expect(predict(fitted, model, patientFromRow(aligned.value.table, row)).risk).toBe(batch.value.risk[row]);
    }
  });

  it('has zero contributions and the reference risk for the reference patient', async () => {
    const { fitted, model } = await setupFor(kind);
    const p = predict(fitted, model, referencePatient(fitted));
    expect(p.risk).toBe(p.reference.risk);
    for (const c of p.contributions) expect(c.contribution).toBe(0);
    expect(p.extrapolation).toEqual([]);
    expect(p.unit).toBe(kind === 'svm' ? 'svm-margin' : 'log-odds');
    expect(sigmoid(p.logit)).toBeCloseTo(p.risk, 12);
  });

  it('flags values outside the training range and reads text with a decimal comma', async () => {
    const { fitted, model } = await setupFor(kind);
    const values: PatientValue[] = [120, 'M', 'IV', '2,5', 'yes', 1];
    const p = predict(fitted, model, values);
    const age = fitted.transforms[0];
    if (age.kind !== 'numeric') throw new Error('age should be numeric');
    expect(p.extrapolation).toEqual([{ column: 'age', value: 120, min: age.min, max: age.max }]);
    expect(predict(fitted, model, [120, 'M', 'IV', 2.5, 'yes', 1]).risk).toBe(p.risk);
    expect(predict(fitted, model, [60, 'M', 'IV', 2.5, 'yes', 1]).extrapolation).toEqual([]);
  });
});

describe.each(['logreg', 'logreg-mle', 'logreg-firth', 'gd', 'svm'] as const)('contributions of the linear model %s', (kind) => {
  it('add up to score(patient) − score(reference)', async () => {
    const { fitted, model } = await setupFor(kind);
    for (const values of [[75, 'M', 'IV', 4.1, 'yes', 3], [35, 'F', 'II', 0.7, 'no', 0], [50, 'F', 'I', null, null, 2]] as PatientValue[][]) {
      const p = predict(fitted, model, values);
      const sum = p.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(p.method).toBe('exact');
      expect(Math.abs(sum - (p.score - p.reference.score))).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(p.score)));
      if (kind !== 'svm') expect(p.logit).toBe(p.score);
    }
  });

  it('give a column its weight times the change of its standardized value', async () => {
    const { fitted, model } = await setupFor(kind);
    const ref = referencePatient(fitted);
    const values = ref.slice();
    values[0] = (ref[0] as number) + 10; // age + 10 years
    const p = predict(fitted, model, values);
    const w = linearWeights(model) as { coef: Float64Array };
    expect(p.contributions[0].contribution).toBeCloseTo((w.coef[0] * 10) / fitted.scaler.std[0], 12);
    for (const c of p.contributions.slice(1)) expect(c.contribution).toBe(0);
    expect(p.imputed).toEqual([]);
  });
});

describe('MLP contributions by occlusion', () => {
  it('are logit(patient) − logit(patient with the column at its reference value)', async () => {
    const { fitted, model } = await setupFor('mlp');
    const ref = referencePatient(fitted);
    const values: PatientValue[] = [82, 'M', 'IV', 4.4, 'yes', 3];
    const p = predict(fitted, model, values);
    expect(p.method).toBe('occlusion');
    p.contributions.forEach((c, k) => {
      const occluded = values.slice();
      occluded[k] = ref[k];
      expect(c.contribution).toBeCloseTo(p.logit - predict(fitted, model, occluded).logit, 12);
    });
    expect(p.contributions.some((c) => c.contribution !== 0)).toBe(true);
  });
});

describe('patient input', () => {
  it('refuses text that is no number, a missing value under drop, and a wrong number of values', async () => {
    const { fitted, model } = await setupFor('logreg');
    const bad = scorePatient(fitted, model, [60, 'M', 'I', 'high', 'no', 1]);
    expect(bad.ok ? null : bad.error).toEqual({ code: 'patient-value-invalid', column: 'lactate', value: 'high' });
    const short = scorePatient(fitted, model, [60, 'M']);
    expect(short.ok ? null : short.error.code).toBe('bad-parameter');
    const imputed = predict(fitted, model, [60, 'M', 'I', 'NA', '', 1]);
    expect(imputed.imputed).toEqual(['lactate', 'smoker']);
    const unseen = predict(fitted, model, [60, 'M', 'V', 2, 'no', 1]);
    expect(unseen.unseen).toEqual([{ column: 'stage', value: 'V' }]);
    expect(unseen.risk).toBe(predict(fitted, model, [60, 'M', 'I', 2, 'no', 1]).risk);

    const table = await tableOf(clinicCsv());
    const { run } = await trained(table, clinicSetup('logreg', 'drop'));
    const missing = scorePatient(run.prepared.fitted, run.model, [60, 'M', 'I', 2, null, 1]);
    expect(missing.ok ? null : missing.error).toEqual({ code: 'patient-value-missing', column: 'smoker' });
  });
});

describe('whatIfCurve', () => {
  it('rises with glucose on pima (positive logistic weight), over the training range', async () => {
    const table = await loadSampleTable('pima_diabetes.csv');
    const features = ['pregnant', 'glucose', 'pressure', 'triceps', 'insulin', 'mass', 'pedigree', 'age'];
    const { run } = await trained(table, { ...clinicSetup('logreg', 'drop', features), outcome: 'diabetes', positiveClass: 'pos' });
    const fitted = run.prepared.fitted;
    expect((linearWeights(run.model) as { coef: Float64Array }).coef[1]).toBeGreaterThan(0);
    const r = whatIfCurve(fitted, run.model, referencePatient(fitted), 1);
    if (!r.ok) throw new Error(r.error.code);
    const t = fitted.transforms[1];
    if (t.kind !== 'numeric') throw new Error('glucose should be numeric');
    expect(r.value.length).toBe(41);
    expect(r.value[0].x).toBe(t.min);
    expect(r.value[40].x).toBe(t.max);
    for (let i = 1; i < 41; i++) expect(r.value[i].risk).toBeGreaterThan(r.value[i - 1].risk);
    // a point of the curve is the patient with that value
    const values = referencePatient(fitted);
    values[1] = r.value[20].x;
    expect(predict(fitted, run.model, values).risk).toBe(r.value[20].risk);
  });

  it('gives one point per training level for a categorical column, and works for every model', async () => {
    for (const kind of MODEL_KINDS) {
      const { fitted, model } = await setupFor(kind);
      const r = whatIfCurve(fitted, model, [60, 'M', null, 2, 'no', 1], 2);
      if (!r.ok) throw new Error(r.error.code);
      expect(r.value.map((p) => p.x)).toEqual(['I', 'II', 'III', 'IV']);
      for (const p of r.value) expect(p.risk).toBe(predict(fitted, model, [60, 'M', p.x, 2, 'no', 1]).risk);
    }
  });

  it('refuses a bad column index or number of points', async () => {
    const { fitted, model } = await setupFor('logreg');
    const ref = referencePatient(fitted);
    for (const [k, n] of [[6, 41], [-1, 41], [0, 1], [0, 2.5]]) {
      const r = whatIfCurve(fitted, model, ref, k, n);
      expect(r.ok ? null : r.error.code).toBe('bad-parameter');
    }
  });
});
