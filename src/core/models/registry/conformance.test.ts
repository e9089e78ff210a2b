/**
 * Every registered model through the same checks, as scikit-learn's `check_estimator` runs every
 * estimator (a model added to the registry is checked here without a line of this file changing):
 * its hyperparameters, determinism, statelessness, scores in range, decision and log-odds consistent
 * with the risk, weights where it is linear, a model-file round trip, exported scripts that compile,
 * a patient's contributions that add up, and the same fit and report on the design with its last
 * columns stored sparse (as note terms come).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTable } from '../../ingest/read-table';
import { textSource } from '../../ingest/byte-source';
import type { Table } from '../../table/column';
import { train } from '../../train/train';
import type { TrainSetup } from '../../prep/setup';
import { prepare } from '../../prep/prepare';
import { toModelFile, parseModelFileText } from '../../export/model-file';
import { sklearnScript } from '../../export/codegen-sklearn';
import { pysparkScript } from '../../export/codegen-pyspark';
import { referencePatient, scorePatient } from '../../score/patient';
import { longitudinalCohort } from '../../__fixtures__/patients/longitudinal';
import { DEFAULT_MODELS, MODEL_DEFINITIONS, isModelKind, modelDefinition, modelSpecProblem, type AnyModelDefinition, type ModelSpec } from './index';
import type { Hyperparameters } from './definition';
import { sparsifyLast } from '../../linalg/matrix';

const PYTHON = process.env.CODEGEN_PYTHON ?? '/usr/bin/python3';
const hasPython = spawnSync(PYTHON, ['-c', 'pass'], { stdio: 'ignore' }).status === 0;

let table: Table;
async function cohort(): Promise<Table> {
  if (table) return table;
  const r = await readTable(textSource(longitudinalCohort('en', 200).csv));
  if (!r.ok) throw new Error(r.error.code);
  table = r.value.table;
  return table;
}

/** A quick spec: the defaults, with a short epoch budget for the iterative models. */
function quick(d: AnyModelDefinition): ModelSpec {
  return d.fields.includes('epochs') ? d.fromFields({ ...d.toFields(d.defaults), epochs: 30 } as Hyperparameters) : d.defaults;
}

function setupFor(d: AnyModelDefinition, seed = 7): TrainSetup {
  return {
    outcome: 'diabetic_nephropathy', positiveClass: 'yes', features: ['age', 'sex', 'sbp', 'creatinine', 'hba1c', 'ward', 'insurance_plan'],
    missing: 'mean', split: { kind: 'random', testFraction: 0.25, seed }, patientKey: 'pt_id', model: quick(d), seed, cvFolds: 0,
  };
}

async function trained(d: AnyModelDefinition, seed = 7) {
  const r = await train(await cohort(), setupFor(d, seed));
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe.each(MODEL_DEFINITIONS.map((d) => [d.kind, d] as const))('%s conforms', (kind, d) => {
  it('its defaults pass its own schema, and the form fields give them back', () => {
    expect(d.spec.safeParse(d.defaults).success).toBe(true);
    expect(modelSpecProblem(d.defaults)).toBeNull();
    expect(d.fromFields({ C: 1, learningRate: 0.1, epochs: 10, batchSize: null, hidden: [8], ...d.toFields(d.defaults) })).toEqual(d.defaults);
    expect(DEFAULT_MODELS[kind]).toBe(d.defaults);
    expect(isModelKind(kind)).toBe(true);
    expect(modelDefinition(kind)).toBe(d);
  });

  it('refuses hyperparameters out of range, saying which', () => {
    const wrong: { [F in (typeof d.fields)[number]]: Partial<Hyperparameters> } = { C: { C: -1 }, learningRate: { learningRate: 0 }, epochs: { epochs: 0 }, batch: { batchSize: 0 }, hidden: { hidden: [0] } };
    const fine = { C: 1, learningRate: 0.1, epochs: 10, batchSize: null, hidden: [8], ...d.toFields(d.defaults) };
    for (const field of d.fields) expect(modelSpecProblem(d.fromFields({ ...fine, ...wrong[field] })), field).not.toBeNull();
    expect(modelSpecProblem({ ...d.defaults, extra: 1 })).not.toBeNull();
  });

  it('is deterministic for a seed, and a refit keeps nothing of an earlier fit', async () => {
    const first = await trained(d, 7);
    await trained(d, 11); // another fit in between
    const again = await trained(d, 7);
    const X = first.run.prepared.testX;
    expect(Array.from(d.score(again.run.model, X).risk)).toEqual(Array.from(d.score(first.run.model, X).risk));
  });

  it('scores every row with a risk in [0, 1]; its decision and log-odds agree with the risk', async () => {
    const { run } = await trained(d);
    const X = run.prepared.testX;
    const { risk, rank } = d.score(run.model, X);
    expect(risk.length).toBe(X.rows);
    expect(rank.length).toBe(X.rows);
    for (let i = 0; i < X.rows; i++) {
      expect(risk[i]).toBeGreaterThanOrEqual(0);
      expect(risk[i]).toBeLessThanOrEqual(1);
      expect(Number.isFinite(rank[i])).toBe(true);
    }
    const logit = d.logit(run.model, d.decision(run.model, X));
    for (let i = 0; i < X.rows; i++) expect(1 / (1 + Math.exp(-logit[i]))).toBeCloseTo(risk[i], 12);
  });

  it('has weights exactly when it is linear, and then its decision is the weighted sum', async () => {
    const { run } = await trained(d);
    const w = d.weights(run.model);
    expect(w !== null).toBe(d.traits.linear);
    if (!w) return;
    const X = run.prepared.testX;
    const decision = d.decision(run.model, X);
    for (let i = 0; i < X.rows; i++) {
      let z = w.intercept;
      for (let j = 0; j < X.cols; j++) if (Number.isFinite(w.coef[j])) z += w.coef[j] * X.data[j * X.rows + i];
      expect(decision[i]).toBeCloseTo(z, 10);
    }
  });

  it('goes through a model file and back, scoring every row the same (1e-12)', async () => {
    const { run, report } = await trained(d);
    const file = toModelFile({ fitted: run.prepared.fitted, model: run.model, report, threshold: 0.5, appVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
    expect(file.model.kind).toBe(kind);
    expect(d.file.problems(d.file.write(run.model), run.prepared.fitted.features.length)).toEqual([]);
    const back = parseModelFileText(JSON.stringify(file));
    if (!back.ok) throw new Error(back.error.detail);
    const X = run.prepared.testX;
    const a = d.score(run.model, X).risk;
    const b = d.score(back.value.model, X).risk;
    for (let i = 0; i < X.rows; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-12);
    // its own consistency check notices a parameter too few
    const written = d.file.write(run.model) as unknown as Record<string, unknown>;
    const shortened = Object.fromEntries(Object.entries(written).map(([k, v]) => [k, Array.isArray(v) && k !== 'problems' ? v.slice(1) : v]));
    expect(d.file.problems(shortened as never, run.prepared.fitted.features.length).length).toBeGreaterThan(0);
  });

  it.skipIf(!hasPython)('its exported scripts compile', async () => {
    const { run, report } = await trained(d);
    const setup = setupFor(d);
    const input = {
      fileName: 'visits.csv', encoding: 'utf-8', delimiter: ',', decimalComma: false, setup, fitted: run.prepared.fitted, patientKeyNumeric: true, appVersion: 'test',
      results: { testAccuracy: report.test.atThreshold.accuracy, auc: report.test.auc },
    };
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    try {
      for (const [name, script] of [['sklearn.py', sklearnScript(input)], ['pyspark.py', pysparkScript(input)]]) {
        const path = join(dir, name);
        writeFileSync(path, script);
        const r = spawnSync(PYTHON, ['-m', 'py_compile', path], { encoding: 'utf8' });
        expect(r.stderr, name).toBe('');
        expect(r.status, name).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(d.python.describe(setup.model).length).toBeGreaterThan(0);
  });

  it("explains a patient: for a linear model the contributions add up to the decision's change", async () => {
    const { run } = await trained(d);
    const fitted = run.prepared.fitted;
    // a patient away from the reference in every column, a pooled "(other)" plan included
    const values = referencePatient(fitted).map((v, k) => {
      const t = fitted.transforms[k];
      if (t.kind === 'numeric') return (v as number) + (t.max - t.min) / 3;
      if (t.kind === 'text') return null;
      return t.other ? '\u0000other' : t.levels[t.levels.length - 1];
    });
    const p = scorePatient(fitted, run.model, values);
    if (!p.ok) throw new Error(p.error.code);
    expect(p.value.unit).toBe(d.traits.unit);
    expect(p.value.method).toBe(d.traits.linear ? 'exact' : 'occlusion');
    if (d.traits.linear) {
      const total = p.value.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(total).toBeCloseTo(p.value.score - p.value.reference.score, 9);
    }
  });

  it('fits, scores and reports the same with the last design columns stored sparse (CSR)', async () => {
    const { run } = await trained(d);
    const prepared = run.prepared;
    // the last four columns: levels of the ward and the insurance plan (z-scored, so every value is stored)
    const k = 4;
    const testX = sparsifyLast(prepared.testX, k);
    const hybrid = { ...prepared, trainX: sparsifyLast(prepared.trainX, k), testX, forTestBlocks: (visit: (X: typeof testX, start: number) => void) => visit(testX, 0) };
    const o = { seed: 7, featureNames: prepared.fitted.features.map((f) => f.name), inference: true };
    const dense = await d.fit(quick(d), prepared.trainX, prepared.trainY, o);
    const sparse = await d.fit(quick(d), hybrid.trainX, prepared.trainY, o);
    // the solvers give the dense design's bits (models/sparse.test.ts says why); 1e-10 is what is required
    const close = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      expect(a.length).toBe(b.length);
      for (let i = 0; i < a.length; i++) {
        if (Number.isNaN(b[i])) expect(a[i], `${i}`).toBeNaN();
        else expect(Math.abs(a[i] - b[i]), `${i}`).toBeLessThanOrEqual(1e-10);
      }
    };
    expect([sparse.iterations, sparse.converged]).toEqual([dense.iterations, dense.converged]);
    expect(sparse.warnings).toEqual(dense.warnings);
    close(d.decision(sparse.model, hybrid.testX), d.decision(dense.model, prepared.testX));
    close(d.score(sparse.model, hybrid.testX).risk, d.score(dense.model, prepared.testX).risk);
    const [ws, wd] = [d.weights(sparse.model), d.weights(dense.model)];
    if (ws && wd) close([...ws.coef, ws.intercept], [...wd.coef, wd.intercept]);
    expect(d.report?.(sparse.model, hybrid)).toEqual(d.report?.(dense.model, prepared));
  });

  it('fits, scores and reports the same, to the rounding, on a Float32 training design (as large designs are stored)', async () => {
    const { run } = await trained(d);
    const prepared = run.prepared;
    // the pipeline's Float32 design is each Float64 z-score rounded once (prep/pipeline.test.ts): the same here
    const f32 = { ...prepared, trainX: { ...prepared.trainX, data: Float32Array.from(prepared.trainX.data) } };
    const o = { seed: 7, featureNames: prepared.fitted.features.map((f) => f.name), inference: true };
    const wide = await d.fit(quick(d), prepared.trainX, prepared.trainY, o);
    const narrow = await d.fit(quick(d), f32.trainX, prepared.trainY, o);
    // a cell moves by ≤ 2⁻²⁴ of itself; decisions, risks, weights and report numbers by < 1e-7 relative (measured, every
    // kind on this cohort; the first decision by 8e-9 to 4e-8); required: 1e-6
    const close = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      expect(a.length).toBe(b.length);
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `${i}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b[i])));
    };
    expect(narrow.converged).toBe(wide.converged);
    expect(narrow.warnings).toEqual(wide.warnings);
    close(d.decision(narrow.model, prepared.testX), d.decision(wide.model, prepared.testX));
    close(d.score(narrow.model, prepared.testX).risk, d.score(wide.model, prepared.testX).risk);
    const [wn, ww] = [d.weights(narrow.model), d.weights(wide.model)];
    if (wn && ww) close([...wn.coef, wn.intercept], [...ww.coef, ww.intercept]);
    expectClose(d.report?.(narrow.model, f32), d.report?.(wide.model, prepared), 1e-6);
  });
});

/** Equal structure and text; numbers equal to a relative `tol` (NaN to NaN). */
function expectClose(a: unknown, b: unknown, tol: number, path = 'report'): void {
  if (typeof b === 'number' && typeof a === 'number') {
    if (Number.isNaN(b)) expect(a, path).toBeNaN();
    else expect(Math.abs(a - b), path).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
  } else if (b !== null && typeof b === 'object' && a !== null && typeof a === 'object') {
    expect(Object.keys(a), path).toEqual(Object.keys(b));
    for (const k of Object.keys(b)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`);
  } else expect(a, path).toEqual(b);
}

describe('the registry', () => {
  it('knows each kind once, and nothing else', () => {
    const kinds = MODEL_DEFINITIONS.map((d) => d.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(isModelKind('naive-bayes')).toBe(false);
    expect(() => modelDefinition('naive-bayes' as never)).toThrow(/unknown model kind/);
    expect(modelSpecProblem({ kind: 'naive-bayes' })).toMatch(/naive-bayes/);
  });

  it('prepares the conformance cohort with a pooled level and a patient key', async () => {
    const d = prepare(await cohort(), setupFor(MODEL_DEFINITIONS[0]));
    if (!d.ok) throw new Error(d.error.code);
    expect(d.value.fitted.transforms.some((t) => t.kind === 'categorical' && t.other)).toBe(true);
    expect(d.value.patientCounts.shared).toBe(0);
  });
});
