import { describe, expect, it } from 'vitest';
import { MODEL_KINDS, type MissingStrategy } from '../prep/setup';
import { scoreRows } from '../train/models';
import { Cancelled, type RunContext } from '../util/run-context';
import { loadSampleTable } from '../__fixtures__/reference/load';
import { scoreTable, SCORE_BLOCK } from './score-table';
import { clinicCsv, clinicSetup, tableOf, tile, trained } from './__fixtures__/clinic';

const cases = MODEL_KINDS.flatMap((kind) => (['mean', 'drop'] as MissingStrategy[]).map((missing) => [kind, missing] as const));

describe.each(cases)('scoreTable with %s (missing: %s)', (kind, missing) => {
  it('gives each training and test row exactly the risk scoreRows gave it', async () => {
    const table = await tableOf(clinicCsv());
    const { run } = await trained(table, clinicSetup(kind, missing));
    const r = await scoreTable(table, run.prepared.fitted, run.model, 0.3);
    if (!r.ok) throw new Error(r.error.code);
    const { risk, predictedClass } = r.value;
    const p = run.prepared;
    for (const [rows, X] of [[p.trainRows, p.trainX], [p.testRows, p.testX]] as const) {
      const expected = scoreRows(run.model, X).risk;
      const got = Float64Array.from(rows, (i) => risk[i]);
      expect(Array.from(got)).toEqual(Array.from(expected));
      for (const i of rows) expect(predictedClass[i]).toBe(risk[i] >= 0.3 ? 1 : 0);
    }
    const used = p.trainRows.length + p.testRows.length;
    if (missing === 'drop') expect(r.value.scored).toBe(used); // rows dropped in training are not scored now either
    else expect(r.value.scored).toBe(table.rowCount);
  });
});

describe('scoreTable on a sample file', () => {
  it('matches scoreRows on pima (drop) with an outcome column present as an extra', async () => {
    const table = await loadSampleTable('pima_diabetes.csv');
    const features = ['pregnant', 'glucose', 'pressure', 'triceps', 'insulin', 'mass', 'pedigree', 'age'];
    const setup = { ...clinicSetup('logreg', 'drop', features), outcome: 'diabetes', positiveClass: 'pos' };
    const { run } = await trained(table, setup);
    const r = await scoreTable(table, run.prepared.fitted, run.model, 0.5);
    if (!r.ok) throw new Error(r.error.code);
    const expected = scoreRows(run.model, run.prepared.testX).risk;
    expect(Array.from(run.prepared.testRows, (i) => r.value.risk[i])).toEqual(Array.from(expected));
  });
});

describe('scoreTable on 100,000 rows', () => {
  it('reports progress block by block and can be cancelled', async () => {
    const { run } = await trained(await tableOf(clinicCsv()), clinicSetup('mlp'));
    const big = tile(await tableOf(clinicCsv(1000, 5)), 100);
    const fractions: number[] = [];
    const ctx: RunContext = { checkpoint: (f) => (fractions.push(f), Promise.resolve()) };
    const r = await scoreTable(big, run.prepared.fitted, run.model, 0.5, ctx);
    if (!r.ok) throw new Error(r.error.code);
    expect(fractions.length).toBe(1 + Math.ceil(100_000 / SCORE_BLOCK));
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    for (let k = 1; k < fractions.length; k++) expect(fractions[k]).toBeGreaterThan(fractions[k - 1]);
    // the 100 copies of a row get the same risk
    expect(r.value.risk[123]).toBe(r.value.risk[123 + 57 * 1000]);
    expect(r.value.scored).toBe(100_000);

    let calls = 0;
    const cancelling: RunContext = { checkpoint: () => (++calls === 3 ? Promise.reject(new Cancelled()) : Promise.resolve()) };
    await expect(scoreTable(big, run.prepared.fitted, run.model, 0.5, cancelling)).rejects.toBeInstanceOf(Cancelled);
    expect(calls).toBe(3);
  });

  it('refuses a threshold outside [0, 1]', async () => {
    const table = await tableOf(clinicCsv(100));
    const { run } = await trained(table, clinicSetup('logreg'));
    const r = await scoreTable(table, run.prepared.fitted, run.model, 1.5);
    expect(r.ok ? null : r.error.code).toBe('bad-parameter');
  });
});
