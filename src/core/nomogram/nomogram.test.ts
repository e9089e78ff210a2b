import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import { fitPipeline } from '../prep/pipeline';
import { encodeOutcome } from '../prep/outcome';
import type { PrepSetup } from '../prep/setup';
import { MODEL_DEFINITIONS, modelDefinition, type ModelSpec } from '../models/registry';
import type { TrainSetup } from '../prep/setup';
import { train } from '../train/train';
import type { Column, Table } from '../table/column';
import { pretty } from './pretty';
import { axisPoints, MAX_BAND_POINTS, nomogram, RISK_FLOOR, riskAtPoints, totalPoints, type Nomogram, type NomogramInput, type PointsRow } from './nomogram';
import { modelNomogram } from './from-model';

// Made by ../__fixtures__/nomogram/make-nomogram-cases.R (R 4.2.2, rms 6.5.0): see its header.
interface RmsPredictor {
  name: string;
  kind: 'numeric' | 'factor';
  coef?: number;
  low?: number;
  high?: number;
  values?: number[] | null;
  integer?: boolean;
  levels?: string[];
  coefs?: number[];
}
interface RmsCase {
  name: string;
  intercept: number;
  predictors: RmsPredictor[];
  lp_range: [number, number];
  nomogram: {
    sc: number;
    intercept: number;
    maxscale: number;
    R: { name: string; low: number; high: number }[];
    axes: { name: string; at: (number | string)[]; xbeta: number[]; points: number[] }[];
    total_points: number[];
    lp: { at: number[]; points: number[] };
    risk: { at: number[]; points: number[]; points_approx: number[] };
  };
  fitted?: number[];
}
const fixtureUrl = (file: string) => new URL(`../__fixtures__/nomogram/${file}`, import.meta.url);
const fixture = JSON.parse(readFileSync(fixtureUrl('nomogram-cases.json'), 'utf8')) as {
  rms: string;
  risks: number[];
  cases: RmsCase[];
  pretty: { lo: number; hi: number; n: number; out: number[] }[];
};
const birthwtCsv = readFileSync(fixtureUrl('birthwt.csv'), 'utf8');

const TOL = 1e-6;

/** The nomogram's input from what rms was given: its per-unit coefficients and datadist's limits. */
function inputOf(c: RmsCase): NomogramInput {
  return {
    intercept: c.intercept,
    lpRange: c.lp_range,
    risks: fixture.risks,
    predictors: c.predictors.map((p) =>
      p.kind === 'factor'
        ? { kind: 'categorical', name: p.name, levels: (p.levels ?? []).map((label, k) => ({ label, coef: (p.coefs ?? [])[k] })) }
        : { kind: 'numeric', name: p.name, coef: p.coef ?? NaN, low: p.low ?? NaN, high: p.high ?? NaN, values: p.values, integer: p.integer },
    ),
  };
}

/** The largest |ours − rms| over every number rms draws (axes, total points, lp axis, risk axis, sc, η₀). */
function maxDiffFromRms(nom: Nomogram, c: RmsCase, byLabel = false): number {
  const r = c.nomogram;
  let d = Math.max(Math.abs(nom.scale - r.sc), Math.abs(nom.lpAtZero - r.intercept));
  expect(nom.axes.map((a) => a.name)).toEqual(r.axes.map((a) => a.name));
  nom.axes.forEach((axis, j) => {
    const ra = r.axes[j];
    expect(axis.ticks).toHaveLength(ra.at.length);
    ra.at.forEach((v, k) => {
      const tick = byLabel ? axis.ticks.find((t) => t.value === v) : axis.ticks[k];
      expect(tick, `${axis.name} = ${v}`).toBeDefined();
      if (!tick) return;
      if (typeof v === 'number') d = Math.max(d, Math.abs((tick.value as number) - v));
      else expect(tick.value).toBe(v);
      d = Math.max(d, Math.abs(tick.points - ra.points[k]));
    });
    d = Math.max(d, Math.abs(axis.maxPoints - (r.R[j].high - r.R[j].low) * r.sc));
  });
  expect(nom.totalPoints).toHaveLength(r.total_points.length);
  nom.totalPoints.forEach((v, k) => (d = Math.max(d, Math.abs(v - r.total_points[k]))));
  expect(nom.linearPredictor.map((x) => x.lp)).toEqual(r.lp.at);
  nom.linearPredictor.forEach((x, k) => (d = Math.max(d, Math.abs(x.points - r.lp.points[k]))));
  expect(nom.risk.map((x) => x.risk)).toEqual(r.risk.at);
  nom.risk.forEach((x, k) => (d = Math.max(d, Math.abs(x.points - r.risk.points[k]))));
  return d;
}

describe("R's pretty()", () => {
  it.each(fixture.pretty.map((p) => [`[${p.lo}, ${p.hi}]`, p] as const))('pretty(%s, 10)', (_, p) => {
    const ours = pretty(p.lo, p.hi, p.n);
    expect(ours).toHaveLength(p.out.length);
    ours.forEach((v, k) => expect(Math.abs(v - p.out[k])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(p.out[k]))));
  });
});

describe(`the nomogram equals rms::nomogram (rms ${fixture.rms})`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const nom = nomogram(inputOf(c));
    expect(maxDiffFromRms(nom, c)).toBeLessThan(TOL);
    // the predictor rms gives 100 points is ours too, and no axis goes beyond it
    const widest = c.nomogram.R.reduce((a, b) => (b.high - b.low > a.high - a.low ? b : a));
    expect(nom.axes.find((a) => a.name === widest.name)?.maxPoints).toBeCloseTo(100, 10);
    for (const a of nom.axes) expect(a.maxPoints).toBeLessThanOrEqual(100 + 1e-9);
    // rms's default risk axis inverts the risk on a 1000-point grid: within 1e-3 points of the exact logit
    nom.risk.forEach((x, k) => expect(Math.abs(x.points - c.nomogram.risk.points_approx[k])).toBeLessThan(1e-3));
  });

  it('a wrong coefficient is caught (the comparison can fail)', () => {
    const c = fixture.cases[0];
    const input = inputOf(c);
    const age = input.predictors[0];
    if (age.kind !== 'numeric') throw new Error('age first');
    const nom = nomogram({ ...input, predictors: [{ ...age, coef: age.coef * 1.001 }, ...input.predictors.slice(1)] });
    expect(maxDiffFromRms(nom, c)).toBeGreaterThan(TOL);
  });
});

/** birthwt's rows as the nomogram's values, one per axis (race as its label). */
async function birthwt(): Promise<Table> {
  const r = await readTable(textSource(birthwtCsv));
  if (!r.ok) throw new Error(r.error.code);
  return r.value.table;
}
function cell(c: Column, i: number): number | string {
  return c.storage === 'numeric' ? c.values[i] : c.levels[c.codes[i]];
}

describe("a patient's points give back the model's risk", () => {
  const c = fixture.cases[0];
  const nom = nomogram(inputOf(c));

  it("exactly, from the nomogram's points (every birthwt row, against rms's fitted risks)", async () => {
    const table = await birthwt();
    const cols = nom.axes.map((a) => table.columns.find((col) => col.name === a.name) as Column);
    const fitted = c.fitted ?? [];
    expect(fitted).toHaveLength(table.rowCount);
    let worst = 0;
    for (let i = 0; i < table.rowCount; i++) {
      const total = totalPoints(nom, cols.map((col) => cell(col, i)));
      worst = Math.max(worst, Math.abs(riskAtPoints(nom, total) - fitted[i]));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('within the documented rounding, from the points table', async () => {
    const table = await birthwt();
    const cols = nom.axes.map((a) => table.columns.find((col) => col.name === a.name) as Column);
    const bound = nom.table.predictors.reduce((s, p) => s + p.maxError, 0);
    for (let i = 0; i < table.rowCount; i++) {
      const values = cols.map((col) => cell(col, i));
      const exact = totalPoints(nom, values);
      let fromTable = 0;
      nom.table.predictors.forEach((p, j) => {
        const row = p.rows.find((r) => rowHolds(r, values[j]));
        expect(row, `${p.name} = ${values[j]}`).toBeDefined();
        const points = row?.points ?? NaN;
        expect(Number.isInteger(points)).toBe(true);
        // each predictor within its own bound
        expect(Math.abs(points - axisPoints(nom, nom.axes[j], values[j]))).toBeLessThanOrEqual(p.maxError + 1e-9);
        fromTable += points;
      });
      expect(Math.abs(fromTable - exact)).toBeLessThanOrEqual(bound + 1e-9);
    }
    // bands are worth at most MAX_BAND_POINTS: each row within half of that, plus 0.5 from rounding
    for (const p of nom.table.predictors) expect(p.maxError).toBeLessThanOrEqual(MAX_BAND_POINTS / 2 + 0.5 + 1e-9);
    // the risk per total is the nomogram's
    for (const row of nom.table.totals) expect(row.risk).toBeCloseTo(1 / (1 + Math.exp(-(nom.lpAtZero + row.points / nom.scale))), 12);
    // from 0 (or the last total under 0.1%) to the axis's end (or the first over 99.9%), in equal steps
    const totals = nom.table.totals;
    expect(totals[0].points === 0 || (totals[0].risk < RISK_FLOOR && totals[1].risk >= RISK_FLOOR)).toBe(true);
    const last = totals[totals.length - 1];
    expect(last.points === nom.totalPoints[nom.totalPoints.length - 1] || (last.risk > 1 - RISK_FLOOR && totals[totals.length - 2].risk <= 1 - RISK_FLOOR)).toBe(true);
    totals.forEach((r, k) => k === 0 || expect(r.points - totals[k - 1].points).toBeCloseTo(totals[1].points - totals[0].points, 9));
  });

  it('bands of a continuous predictor cover every value once, in round steps', () => {
    const lwt = nom.table.predictors.find((p) => p.name === 'lwt');
    expect(lwt?.rows.map((r) => (r.kind === 'band' ? [r.from, r.to] : null))).toEqual([
      [null, 90], [90, 100], [100, 110], [110, 120], [120, 130], [130, 140], [140, 150], [150, 160], [160, 170],
      [170, 180], [180, 190], [190, 200], [200, 210], [210, 220], [220, 230], [230, 240], [240, null],
    ]);
    // points of the middle whole number within the training range (80–250): 80–89 → 84.5, 240–250 → 245;
    // lwt's 100 points span 80 to 260 on the axis, decreasing
    const slope = 100 / 180;
    expect(lwt?.rows[0].points).toBe(Math.round(slope * (260 - 84.5)));
    expect(lwt?.rows[16].points).toBe(Math.round(slope * (260 - 245)));
  });
});

describe('the points table of each rms case', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: one row per value, within its bound', (_, c) => {
    const input = inputOf(c);
    const nom = nomogram(input);
    input.predictors.forEach((p, j) => {
      const table = nom.table.predictors[j];
      expect(table.name).toBe(p.name);
      const values: (number | string)[] =
        p.kind === 'categorical' ? p.levels.map((l) => l.label) : p.values ? [...p.values] : Array.from({ length: 501 }, (_, k) => p.low + ((p.high - p.low) * k) / 500).map((v) => (p.integer ? Math.round(v) : v));
      for (const v of values) {
        const rows = table.rows.filter((r) => rowHolds(r, v));
        expect(rows, `${p.name} = ${v}`).toHaveLength(1);
        expect(Math.abs(rows[0].points - axisPoints(nom, nom.axes[j], v))).toBeLessThanOrEqual(table.maxError + 1e-9);
      }
      // a continuous predictor worth 15 points or more has at least 4 rows; neighbouring rows differ
      if (p.kind === 'numeric' && !p.values) {
        if (nom.axes[j].maxPoints >= 15) expect(table.rows.length).toBeGreaterThanOrEqual(4);
        table.rows.forEach((r, k) => k === 0 || expect(r.points).not.toBe(table.rows[k - 1].points));
      }
    });
  });
});

function rowHolds(r: PointsRow, v: number | string): boolean {
  if (r.kind === 'level') return r.label === v;
  if (r.kind === 'value') return r.value === v;
  const x = v as number;
  return (r.from === null || x >= r.from) && (r.to === null || x < r.to);
}

describe("the app's nomogram from its own fit and training rows", () => {
  it('equals rms on birthwt: the MLE on all 189 rows, the ranges and few values from the rows', async () => {
    const table = await birthwt();
    const names = ['age', 'lwt', 'race', 'smoke', 'ptl', 'ht', 'ui', 'ftv'];
    const setup: PrepSetup = { outcome: 'low', positiveClass: '1', features: names, missing: 'drop', split: { kind: 'random', testFraction: 0.2, seed: 0 } };
    const featureColumns = names.map((n) => table.columns.find((col) => col.name === n) as Column);
    const rows = Int32Array.from({ length: table.rowCount }, (_, i) => i);
    const { fitted, trainX } = fitPipeline(table, setup, featureColumns, rows, []);
    const yAll = encodeOutcome(table.columns.find((col) => col.name === 'low') as Column, '1');
    if (!yAll.ok) throw new Error('outcome');
    const mle = modelDefinition('logreg-mle');
    const fit = await mle.fit({ kind: 'logreg-mle' }, trainX, Uint8Array.from(yAll.value), { seed: 0, featureNames: fitted.features.map((f) => f.name) });
    const w = mle.weights(fit.model);
    if (!w) throw new Error('weights');
    const nom = modelNomogram({ fitted, trainX, trainRows: rows, featureColumns }, w);
    if (!nom) throw new Error('no nomogram');
    expect(nom.omitted).toEqual([]);
    // the app's race levels are sorted (black first, the reference); rms's are white, black, other: compared by label
    expect(maxDiffFromRms(nom, fixture.cases[0], true)).toBeLessThan(TOL);
  });
});

describe('the training report carries a nomogram for the logistic models', () => {
  const names = ['age', 'lwt', 'race', 'smoke', 'ptl', 'ht', 'ui', 'ftv'];
  it.each(MODEL_DEFINITIONS.map((d) => [d.kind, d] as const))('%s', async (_, definition) => {
    const table = await birthwt();
    const setup: TrainSetup = {
      outcome: 'low', positiveClass: '1', features: names, missing: 'drop', split: { kind: 'random', testFraction: 0.2, seed: 1 },
      model: { ...definition.defaults, ...('epochs' in definition.defaults ? { epochs: 20 } : {}) } as ModelSpec, seed: 1, cvFolds: 0,
    };
    const result = await train(table, setup);
    if (!result.ok) throw new Error(result.error.code);
    const { report, run } = result.value;
    const logistic = definition.traits.linear && definition.traits.unit === 'log-odds';
    expect(report.nomogram !== undefined).toBe(logistic);
    if (!report.nomogram) return;
    const nom = report.nomogram;
    // the points of each test row give the risk the model gives it
    const cols = nom.axes.map((a) => table.columns.find((col) => col.name === a.name) as Column);
    let worst = 0;
    run.prepared.testRows.forEach((row, i) => {
      const total = totalPoints(nom, cols.map((col) => cell(col, row)));
      worst = Math.max(worst, Math.abs(riskAtPoints(nom, total) - run.test.risk[i]));
    });
    expect(worst).toBeLessThan(1e-9);
    expect(Math.max(...nom.axes.map((a) => a.maxPoints))).toBeCloseTo(100, 10);
  });
});
