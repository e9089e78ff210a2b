/**
 * Treatment options compared, on the birth-weight data (low ~ age + lwt + race + smoke + ptl + ht + ui +
 * ftv, Hosmer & Lemeshow): the standardized risks against a hand computation from the model's own
 * coefficients in the columns' units (1e-9), one bootstrap replicate against a refit made by hand from
 * the same numpy draws, the warnings against their definitions, and one patient's options.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import { train } from '../train/train';
import { DEFAULT_MODELS, type ModelSpec, type TrainSetup } from '../prep/setup';
import { noContext } from '../util/run-context';
import { MT19937 } from '../random/mt19937';
import { scorePatient, patientFromRow } from '../score/patient';
import { cellText, type Table } from '../table/column';
import type { TrainReport } from '../train/report';
import { treatmentColumns, type TreatmentColumn } from './columns';
import { compareTreatmentOptions, MIN_OPTION_EVENTS, SMD_LIMIT, standardizedMeanDifference, withOption } from './cohort';
import { patientTreatment } from './patient';
import { longitudinalCohort } from '../__fixtures__/patients/longitudinal';
import { recalibrated } from '../validation/external';
import { scoreRows } from '../train/models';
import { transform } from '../prep/pipeline';

const CSV = readFileSync(new URL('../__fixtures__/nomogram/birthwt.csv', import.meta.url), 'utf8');
const FEATURES = ['age', 'lwt', 'race', 'smoke', 'ptl', 'ht', 'ui', 'ftv'];

async function birthwt(): Promise<Table> {
  const r = await readTable(textSource(CSV));
  if (!r.ok) throw new Error(r.error.code);
  return r.value.table;
}

const setupFor = (model: ModelSpec = DEFAULT_MODELS['logreg-mle']): TrainSetup => ({
  outcome: 'low', positiveClass: '1', features: FEATURES, missing: 'drop',
  split: { kind: 'random', testFraction: 0.3, seed: 42 }, model, seed: 42, cvFolds: 0,
});

async function trained(table: Table, setup: TrainSetup) {
  const r = await train(table, setup);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

function column(table: Table, name: string) {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(name);
  return c;
}

/** A row's risk by hand: intercept + Σ coefficient × value in the columns' units, one-hot levels as 0/1; then the logistic function. */
function handRisk(table: Table, report: TrainReport, row: number, set: Record<string, string | number>): number {
  let logit = report.interceptPerUnit as number;
  for (const [j, f] of report.features.entries()) {
    const coef = (report.coefficients as { perUnit: number }[])[j].perUnit;
    const c = column(table, f.column);
    const raw = f.column in set ? set[f.column] : c.storage === 'numeric' ? c.values[row] : cellText(c, row);
    const x = f.kind === 'numeric' ? (raw as number) : f.kind === 'indicator' && raw === f.level ? 1 : 0;
    logit += coef * x;
  }
  return 1 / (1 + Math.exp(-logit));
}

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

describe('which columns can be a treatment', () => {
  it('categorical features with 2–10 levels, and 0/1 numeric features (with the training rows)', async () => {
    const table = await birthwt();
    const { run } = await trained(table, setupFor());
    const cols = treatmentColumns(run.prepared.fitted, table, run.prepared.trainRows);
    expect(cols.map((c) => [c.column, c.kind, c.options])).toEqual([
      ['race', 'categorical', ['black', 'other', 'white']],
      ['smoke', 'binary', ['0', '1']],
      ['ht', 'binary', ['0', '1']],
      ['ui', 'binary', ['0', '1']],
    ]);
    expect(cols.find((c) => c.column === 'smoke')?.field).toBe(FEATURES.indexOf('smoke'));
    // a model opened from a file: no training rows, only its categories
    expect(treatmentColumns(run.prepared.fitted).map((c) => c.column)).toEqual(['race']);
  });

  it('"(other)" is not an option, and a column with more than 10 levels is not a treatment', async () => {
    const cohort = longitudinalCohort('en', 200);
    const r = await readTable(textSource(cohort.csv));
    if (!r.ok) throw new Error(r.error.code);
    const setup: TrainSetup = {
      outcome: 'diabetic_nephropathy', positiveClass: 'yes', features: ['age', 'sex', 'creatinine', 'ward', 'insurance_plan', 'visit_no'], missing: 'drop',
      split: { kind: 'random', testFraction: 0.25, seed: 1 }, patientKey: 'pt_id', model: DEFAULT_MODELS.logreg, seed: 1, cvFolds: 0,
    };
    const { run } = await trained(r.value.table, setup);
    const plan = run.prepared.fitted.transforms.find((t) => t.column === 'insurance_plan');
    expect(plan?.kind === 'categorical' && plan.other).toBe(true);
    const cols = treatmentColumns(run.prepared.fitted, r.value.table, run.prepared.trainRows);
    expect(cols.find((c) => c.column === 'insurance_plan')?.options).toEqual(['none', 'private', 'public']);
    expect(cols.find((c) => c.column === 'ward')?.options).toEqual(['cardiology', 'endocrinology', 'general', 'nephrology']);
    const many = { ...run.prepared.fitted, transforms: run.prepared.fitted.transforms.map((t) => (t.kind === 'categorical' && t.column === 'ward' ? { ...t, levels: Array.from({ length: 10 }, (_, k) => `w${k}`), other: true } : t)) };
    expect(treatmentColumns(many).map((c) => c.column)).not.toContain('ward');
  }, 60_000);
});

describe('standardized risks on birthwt (g-computation over the test rows)', () => {
  it.each([['smoke'], ['race']])('%s: each option equals a hand computation to 1e-9, and the differences are theirs', async (name) => {
    const table = await birthwt();
    const setup = setupFor();
    const { report, run } = await trained(table, setup);
    const tc = treatmentColumns(run.prepared.fitted, table, run.prepared.trainRows).find((c) => c.column === name) as TreatmentColumn;
    const r = await compareTreatmentOptions({ table, setup, fitted: run.prepared.fitted, model: run.model, recalibration: null, treatment: tc }, 0, noContext);
    if (!r.ok) throw new Error(r.error.code);
    const c = r.value;
    expect(c.testRows).toBe(run.prepared.testRows.length);
    expect(c.options.map((o) => o.level)).toEqual(tc.options);
    const rows = Array.from(run.prepared.testRows);
    let worst = 0;
    tc.options.forEach((level, k) => {
      const set = { [name]: tc.kind === 'binary' ? k : level };
      const byHand = mean(rows.map((row) => handRisk(table, report, row, set)));
      // and through the model's own scoring of each test row as a patient, the treatment changed
      const byPatient = mean(rows.map((row) => {
        const values = patientFromRow(table, row);
        const p = scorePatient(run.prepared.fitted, run.model, FEATURES.map((f, j) => (f === name ? set[name] : values[table.columns.findIndex((x) => x.name === FEATURES[j])])));
        if (!p.ok) throw new Error(p.error.code);
        return p.value.risk;
      }));
      worst = Math.max(worst, Math.abs(c.options[k].value - byHand));
      expect(Math.abs(c.options[k].value - byHand)).toBeLessThan(1e-9);
      expect(Math.abs(c.options[k].value - byPatient)).toBeLessThan(1e-12);
      expect(Number.isNaN(c.options[k].low)).toBe(true); // no replicates, no interval
    });
    console.log(`birthwt ${name}: standardized risks ${c.options.map((o) => `${o.level} ${o.value.toFixed(6)}`).join(', ')}; |Δ| vs hand ${worst.toExponential(1)}`);
    for (let i = 0; i < tc.options.length; i++) for (let j = 0; j < tc.options.length; j++) expect(c.differences[i][j].value).toBe(c.options[i].value - c.options[j].value);
    // the reference: the most common option among the training rows
    const counts = tc.options.map((_, k) => c.options[k].trainRows);
    expect(c.reference).toBe(counts.indexOf(Math.max(...counts)));
    expect(counts.reduce((s, v) => s + v, 0)).toBe(run.prepared.trainRows.length);
    // a smoker's risk is higher in these data (the classic result)
    if (name === 'smoke') expect(c.options[1].value).toBeGreaterThan(c.options[0].value);
  });

  it('applies the recalibration of the model in use to every row before averaging', async () => {
    const table = await birthwt();
    const setup = setupFor();
    const { run } = await trained(table, setup);
    const tc = treatmentColumns(run.prepared.fitted, table, run.prepared.trainRows)[1];
    const recal = { intercept: -0.4, slope: 0.7 };
    const r = await compareTreatmentOptions({ table, setup, fitted: run.prepared.fitted, model: run.model, recalibration: recal, treatment: tc }, 0, noContext);
    if (!r.ok) throw new Error(r.error.code);
    const risks = recalibrated(scoreRows(run.model, transform(withOption(table, tc, 1), run.prepared.fitted, run.prepared.testRows)).risk, recal);
    expect(r.value.options[1].value).toBeCloseTo(mean(Array.from(risks)), 14);
    expect(r.value.recalibrated).toBe(true);
  });

  it('one bootstrap replicate equals a refit by hand on the same numpy draws (training rows, then test rows)', async () => {
    const table = await birthwt();
    const setup = setupFor();
    const { run } = await trained(table, setup);
    const tc = treatmentColumns(run.prepared.fitted, table, run.prepared.trainRows).find((c) => c.column === 'smoke') as TreatmentColumn;
    const r = await compareTreatmentOptions({ table, setup, fitted: run.prepared.fitted, model: run.model, recalibration: null, treatment: tc }, 1, noContext);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.bootstrap).toEqual({ requested: 1, failed: 0, unit: 'rows', seed: 42 });
    // the draws: RandomState(42).randint(0, n_train, n_train), then randint(0, n_test, n_test)
    const train0 = run.prepared.trainRows;
    const test0 = run.prepared.testRows;
    const rng = new MT19937(42);
    const trainDraw = rng.randint(train0.length, train0.length);
    const testDraw = rng.randint(test0.length, test0.length);
    // the refit by hand: a table of the drawn training rows (in draw order) then the test rows, split by a column
    const header = CSV.slice(0, CSV.indexOf('\n')).trim();
    const lines = CSV.trim().split('\n').slice(1);
    const rows = [...Array.from(trainDraw, (k) => `${lines[train0[k]].trim()},A`), ...Array.from(test0, (row) => `${lines[row].trim()},B`)];
    const built = await readTable(textSource(`${header},part\n${rows.join('\n')}\n`));
    if (!built.ok) throw new Error(built.error.code);
    const t2 = built.value.table;
    const { report } = await trained(t2, { ...setup, split: { kind: 'column', column: 'part', trainValue: 'A' } });
    const testInT2 = Array.from(test0, (_, k) => trainDraw.length + k);
    const standardized = [0, 1].map((k) => mean(Array.from(testDraw, (i) => handRisk(t2, report, testInT2[i], { smoke: k }))));
    const [o0, o1] = r.value.options;
    expect(o0.low).toBe(o0.high); // one replicate: both percentiles are it
    expect(Math.abs(o0.low - standardized[0])).toBeLessThan(1e-8);
    expect(Math.abs(o1.low - standardized[1])).toBeLessThan(1e-8);
    expect(Math.abs(r.value.differences[1][0].low - (standardized[1] - standardized[0]))).toBeLessThan(1e-8);
  });

  it('200 replicates: percentile intervals around the estimates; the same seed gives the same intervals', async () => {
    const table = await birthwt();
    const setup = setupFor(DEFAULT_MODELS.logreg);
    const { run } = await trained(table, setup);
    const tc = treatmentColumns(run.prepared.fitted, table, run.prepared.trainRows).find((c) => c.column === 'smoke') as TreatmentColumn;
    const input = { table, setup, fitted: run.prepared.fitted, model: run.model, recalibration: null, treatment: tc };
    const a = await compareTreatmentOptions(input, 200, noContext);
    const b = await compareTreatmentOptions(input, 200, noContext);
    if (!a.ok || !b.ok) throw new Error('compare');
    expect(a.value).toEqual(b.value);
    const d = a.value.differences[1][0];
    expect(d.low).toBeLessThan(d.value);
    expect(d.high).toBeGreaterThan(d.value);
    // the refits carry the model's uncertainty: far wider than the test rows' sampling alone would be
    expect(d.high - d.low).toBeGreaterThan(0.05);
    expect(a.value.differences[0][1].low).toBeCloseTo(-d.high, 12);
    console.log(`birthwt smoke, logreg, 200 replicates: risk difference ${d.value.toFixed(4)} (95% CI ${d.low.toFixed(4)} to ${d.high.toFixed(4)})`);
    expect(await compareTreatmentOptions(input, -1, noContext)).toMatchObject({ ok: false, error: { code: 'bad-parameter' } });
    expect(await compareTreatmentOptions(input, 2.5, noContext)).toMatchObject({ ok: false, error: { code: 'bad-parameter' } });
  }, 60_000);

  it('warns of options with fewer than 10 events and of imbalanced features, with the SMD as defined', async () => {
    const table = await birthwt();
    const setup = setupFor();
    const { run } = await trained(table, setup);
    const cols = treatmentColumns(run.prepared.fitted, table, run.prepared.trainRows);
    const race = cols.find((c) => c.column === 'race') as TreatmentColumn;
    const r = await compareTreatmentOptions({ table, setup, fitted: run.prepared.fitted, model: run.model, recalibration: null, treatment: race }, 0, noContext);
    if (!r.ok) throw new Error(r.error.code);
    const c = r.value;
    // events and SMDs on the training rows, by hand
    const y = run.prepared.trainY;
    const rows = Array.from(run.prepared.trainRows);
    const raceCol = column(table, 'race');
    race.options.forEach((level, o) => {
      const mine = rows.filter((row) => cellText(raceCol, row) === level);
      const others = rows.filter((row) => cellText(raceCol, row) !== level);
      expect(c.options[o].trainRows).toBe(mine.length);
      expect(c.options[o].trainEvents).toBe(rows.reduce((s, row, k) => s + (cellText(raceCol, row) === level ? y[k] : 0), 0));
      for (const name of ['age', 'lwt', 'ptl', 'ftv', 'smoke']) {
        const col = column(table, name);
        const v = (rs: number[]) => rs.map((row) => (col.storage === 'numeric' ? col.values[row] : NaN));
        const m = (xs: number[]) => mean(xs);
        const s2 = (xs: number[]) => xs.reduce((s, x) => s + (x - m(xs)) ** 2, 0) / (xs.length - 1);
        const want = (m(v(mine)) - m(v(others))) / Math.sqrt((s2(v(mine)) + s2(v(others))) / 2);
        const got = c.options[o].smd.find((s) => s.column === name)?.smd as number;
        expect(Math.abs(got - want)).toBeLessThan(1e-12);
      }
      const few = c.warnings.find((w) => w.code === 'few-events' && w.option === o);
      expect(!!few).toBe(c.options[o].trainEvents < MIN_OPTION_EVENTS);
      const imbalance = c.warnings.find((w) => w.code === 'imbalance' && w.option === o);
      const strong = c.options[o].smd.filter((s) => Math.abs(s.smd) > SMD_LIMIT).map((s) => s.column).sort();
      expect(imbalance?.code === 'imbalance' ? imbalance.features.map((f) => f.column).sort() : []).toEqual(strong);
    });
    // black mothers: few low-weight births among the training rows
    expect(c.warnings.some((w) => w.code === 'few-events' && race.options[w.option] === 'black')).toBe(true);
    expect(c.warnings.some((w) => w.code === 'imbalance')).toBe(true);
    // two options: one imbalance warning, the non-reference option's (the reference's SMDs are the same, negated)
    const smoke = cols.find((x) => x.column === 'smoke') as TreatmentColumn;
    const s = await compareTreatmentOptions({ table, setup, fitted: run.prepared.fitted, model: run.model, recalibration: null, treatment: smoke }, 0, noContext);
    if (!s.ok) throw new Error(s.error.code);
    s.value.options[0].smd.forEach((x, j) => expect(x.smd).toBeCloseTo(-s.value.options[1].smd[j].smd, 12));
    const imbalanced = s.value.warnings.filter((w) => w.code === 'imbalance');
    expect(imbalanced.map((w) => w.option)).toEqual(s.value.options[1 - s.value.reference].smd.some((x) => Math.abs(x.smd) > SMD_LIMIT) ? [1 - s.value.reference] : []);
  });

  it('the SMD of constant groups, and of too few values', () => {
    const v = Float64Array.from([1, 1, 2, 2, NaN, 5]);
    expect(standardizedMeanDifference(v, [0, 1], [2, 3])).toBe(-Infinity);
    expect(standardizedMeanDifference(v, [0, 1], [0, 1])).toBe(0);
    expect(standardizedMeanDifference(v, [0, 4], [2, 3])).toBeNaN();
  });

  it('draws patients with a patient key', async () => {
    const cohort = longitudinalCohort('en', 150);
    const r0 = await readTable(textSource(cohort.csv));
    if (!r0.ok) throw new Error(r0.error.code);
    const setup: TrainSetup = {
      outcome: 'diabetic_nephropathy', positiveClass: 'yes', features: ['age', 'sex', 'creatinine', 'hba1c', 'insurance_plan'], missing: 'drop',
      split: { kind: 'random', testFraction: 0.2, seed: 3 }, patientKey: 'pt_id', model: DEFAULT_MODELS.logreg, seed: 3, cvFolds: 0,
    };
    const { run } = await trained(r0.value.table, setup);
    const tc = treatmentColumns(run.prepared.fitted, r0.value.table, run.prepared.trainRows).find((c) => c.column === 'insurance_plan') as TreatmentColumn;
    const r = await compareTreatmentOptions({ table: r0.value.table, setup, fitted: run.prepared.fitted, model: run.model, recalibration: null, treatment: tc }, 20, noContext);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.bootstrap.unit).toBe('patients');
    expect(r.value.options.map((o) => o.level)).toEqual(['none', 'private', 'public']);
    // rows with a pooled plan belong to no option
    expect(r.value.options.reduce((s, o) => s + o.trainRows, 0)).toBeLessThan(run.prepared.trainRows.length);
    for (const o of r.value.options) expect(o.low).toBeLessThanOrEqual(o.high);
  }, 60_000);
});

describe('one patient under each option', () => {
  it('the risk with only the treatment changed, ranked, and the difference from the actual option', async () => {
    const table = await birthwt();
    const { run } = await trained(table, setupFor());
    const fitted = run.prepared.fitted;
    const race = treatmentColumns(fitted, table, run.prepared.trainRows)[0];
    const values = ['24', 120, 'white', 1, 0, 0, 1, 2];
    const p = patientTreatment(fitted, run.model, null, values, race);
    if (!p.ok) throw new Error(p.error.code);
    expect(p.value.actual).toBe(2);
    race.options.forEach((level, k) => {
      const one = scorePatient(fitted, run.model, values.map((v, j) => (j === race.field ? level : v)));
      if (!one.ok) throw new Error(one.error.code);
      expect(p.value.risks[k]).toBe(one.value.risk);
      expect(p.value.differences[k]).toBe(one.value.risk - p.value.risks[2]);
    });
    expect(p.value.differences[2]).toBe(0);
    expect(p.value.ranking.map((k) => p.value.risks[k])).toEqual([...p.value.risks].sort((a, b) => a - b));
    // recalibrated as the model in use
    const recal = patientTreatment(fitted, run.model, { intercept: 0.3, slope: 1.2 }, values, race);
    if (!recal.ok) throw new Error(recal.error.code);
    expect(recal.value.risks).toEqual(Array.from(recalibrated(Float64Array.from(p.value.risks), { intercept: 0.3, slope: 1.2 })));
    // a 0/1 treatment typed as text; no actual option when the value is none of them
    const smoke = treatmentColumns(fitted, table, run.prepared.trainRows)[1];
    const s = patientTreatment(fitted, run.model, null, values.map((v, j) => (j === smoke.field ? ' 0 ' : v)), smoke);
    if (!s.ok) throw new Error(s.error.code);
    expect(s.value.actual).toBe(0);
    const none = patientTreatment(fitted, run.model, null, values.map((v, j) => (j === smoke.field ? '0.5' : v)), smoke);
    if (!none.ok) throw new Error(none.error.code);
    expect(none.value.actual).toBeNull();
    expect(none.value.differences).toEqual([null, null]);
    expect(patientTreatment(fitted, run.model, null, values.slice(1), smoke)).toMatchObject({ ok: false, error: { code: 'bad-parameter' } });
    expect(patientTreatment(fitted, run.model, null, values.map((v, j) => (j === 1 ? 'abc' : v)), smoke)).toMatchObject({ ok: false, error: { code: 'patient-value-invalid' } });
  });
});
