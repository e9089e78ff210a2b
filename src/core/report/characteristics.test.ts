import { describe, expect, it } from 'vitest';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import { train } from '../train/train';
import { DEFAULT_MODELS } from '../models/registry';
import type { TrainSetup } from '../prep/setup';
import { longitudinalCohort } from '../__fixtures__/patients/longitudinal';

async function run(csv: string, setup: TrainSetup) {
  const r = await readTable(textSource(csv));
  if (!r.ok) throw new Error(r.error.code);
  const t = await train(r.value.table, setup);
  if (!t.ok) throw new Error(t.error.code);
  return { table: r.value.table, report: t.value.report };
}

describe('participant flow, characteristics and sample size', () => {
  it('counts a small file by hand', async () => {
    // 42 rows: one without outcome, one with a missing age (dropped); 40 used
    const used = Array.from({ length: 40 }, (_, i) => 40 + ((i * 7) % 31));
    const csv = ['age,sex,y', ',F,1', '70,M,', ...used.map((a, i) => `${a},${i % 2 ? 'M' : 'F'},${(i * 5) % 3 === 0 ? 1 : 0}`)].join('\n');
    const events = used.filter((_, i) => (i * 5) % 3 === 0).length;
    const setup: TrainSetup = { outcome: 'y', positiveClass: '1', features: ['age', 'sex'], missing: 'drop', split: { kind: 'random', testFraction: 0.3, seed: 1 }, model: DEFAULT_MODELS['logreg'], seed: 1, cvFolds: 0 };
    const { report } = await run(csv, setup);
    const c = report.characteristics;
    expect(c.flow).toMatchObject({ rowsRead: 42, missingOutcome: 1, droppedMissing: 1, imputedRows: 0 });
    expect(c.flow.train.rows + c.flow.test.rows).toBe(40);
    expect(c.flow.train.events + c.flow.test.events).toBe(events);
    const age = c.rows.find((r) => r.column === 'age');
    if (age?.kind !== 'numeric') throw new Error('age');
    expect(age.train.n + age.test.n).toBe(40);
    // the mean of all used ages is the weighted mean of the two sides
    const mean = used.reduce((s, v) => s + v, 0) / used.length;
    expect((age.train.mean * age.train.n + age.test.mean * age.test.n) / 40).toBeCloseTo(mean, 12);
    const sex = c.rows.find((r) => r.column === 'sex');
    if (sex?.kind !== 'categorical') throw new Error('sex');
    expect(sex.levels.map((l) => l.level)).toEqual(['F', 'M']);
    expect(sex.levels.reduce((s, l) => s + l.train + l.test, 0)).toBe(40);
    expect(c.sampleSize).toMatchObject({ parameters: 2, events: c.flow.train.events });
    expect(c.sampleSize.perParameter).toBe(Math.min(c.flow.train.events, c.flow.train.rows - c.flow.train.events) / 2);
  });

  it("gives each side's mean and SD (n − 1) of the present values as the textbook two-pass formulas, also far from zero", async () => {
    // a creatinine-like column shifted by 10⁹: Σv² − (Σv)²/n would lose every digit of the SD here
    const values = Array.from({ length: 300 }, (_, i) => 1e9 + ((i * 37) % 101) / 10 + (i % 7 === 0 ? 0.05 : 0));
    const csv = ['x,y', ...values.map((v, i) => `${i % 11 === 5 ? '' : v},${(i * 13) % 5 < 2 ? 1 : 0}`)].join('\n');
    const setup: TrainSetup = { outcome: 'y', positiveClass: '1', features: ['x'], missing: 'mean', split: { kind: 'random', testFraction: 0.25, seed: 3 }, model: DEFAULT_MODELS['logreg'], seed: 1, cvFolds: 0 };
    const { table, report } = await run(csv, setup);
    const x = report.characteristics.rows.find((r) => r.column === 'x');
    if (x?.kind !== 'numeric') throw new Error('x');
    const col = table.columns.find((c) => c.name === 'x');
    if (col?.storage !== 'numeric') throw new Error('x storage');
    const t = await train(table, setup);
    if (!t.ok) throw new Error(t.error.code);
    const { trainRows, testRows } = t.value.run.prepared;
    for (const [side, rows] of [[x.train, trainRows], [x.test, testRows]] as const) {
      const present = Array.from(rows, (i) => col.values[i]).filter((v) => !Number.isNaN(v));
      const mean = present.reduce((a, v) => a + v, 0) / present.length;
      const sd = Math.sqrt(present.reduce((a, v) => a + (v - mean) ** 2, 0) / (present.length - 1));
      expect(side.missing).toBe(rows.length - present.length);
      expect(Math.abs(side.mean - mean)).toBeLessThan(1e-15 * mean);
      expect(side.sd).toBeGreaterThan(2.5);
      expect(Math.abs(side.sd - sd)).toBeLessThan(1e-6 * sd);
    }
  });

  it('on visits: imputed rows counted, rare levels pooled and never named, patients on each side', async () => {
    const cohort = longitudinalCohort('en', 200);
    const names = cohort.csv.slice(0, cohort.csv.indexOf('\n')).split(',');
    const [age, sex, sbp, creatinine, hba1c, ward, plan, out] = names.slice(6);
    const setup: TrainSetup = {
      outcome: out, positiveClass: 'yes', features: [age, sex, sbp, creatinine, hba1c, ward, plan], missing: 'median',
      split: { kind: 'random', testFraction: 0.2, seed: 1 }, patientKey: cohort.key, model: DEFAULT_MODELS.logreg, seed: 1, cvFolds: 0,
    };
    const { table, report } = await run(cohort.csv, setup);
    const c = report.characteristics;
    expect(c.flow.rowsRead).toBe(table.rowCount);
    expect(c.flow.rowsRead - c.flow.missingOutcome).toBe(c.flow.train.rows + c.flow.test.rows);
    expect(c.flow.train.patients).toBe(report.counts.trainPatients);
    // rows used with a missing feature value, counted directly
    const features = setup.features.map((f) => table.columns.find((col) => col.name === f));
    const outcome = table.columns.find((col) => col.name === out);
    let direct = 0;
    for (let i = 0; i < table.rowCount; i++) {
      if (!outcome || (outcome.storage === 'coded' ? outcome.codes[i] < 0 : Number.isNaN(outcome.values[i]))) continue;
      if (features.some((col) => col && (col.storage === 'numeric' ? Number.isNaN(col.values[i]) : col.codes[i] < 0))) direct++;
    }
    expect(c.flow.imputedRows).toBe(direct);
    const planRow = c.rows.find((r) => r.column === plan);
    if (planRow?.kind !== 'categorical') throw new Error('plan');
    expect(planRow.levels.map((l) => l.level)).toContain('(other)');
    for (const rare of cohort.rareLevels) expect(JSON.stringify(c)).not.toContain(rare);
    for (const r of c.rows) {
      if (r.kind === 'categorical') expect(r.levels.reduce((s, l) => s + l.train, 0) + r.train.missing).toBe(r.train.n);
    }
  });
});
