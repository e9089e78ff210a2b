/**
 * Every model kind on a design whose last columns are sparse (CSR, as TF-IDF note terms come) fits, scores
 * and reports as on the same design densified: coefficients, intercepts, standard errors, iterations,
 * convergence, decisions and risks. The requirement is 1e-10; the solvers meet it with the same bits, because
 * they add the sparse terms in the order the dense loops add them (linalg/matrix.ts says why that is exact),
 * and these checks hold them to that: any difference means a sparse path has left the dense order, which
 * iterative solvers then amplify (L-BFGS from a sum regrouped in one kernel: 2e-10 apart; with the sampled
 * start 5e-9).
 */
import { describe, expect, it } from 'vitest';
import { densify, sparsifyLast, type ColMajor, type SparseRows } from '../linalg/matrix';
import { MT19937 } from '../random/mt19937';
import { modelDefinition, type FittedModel, type ModelSpec } from './registry';
import type { FitOptions, ModelFitResult } from './registry/definition';
import { fitLogisticL2 } from './logistic';
import { fitLogisticMle, screenColumns, type MleFit } from './logistic-mle';
import { centeredGram, makeDesign, separates, singleSeparators } from './mle-design';
import { unaffectedFit } from './separation-limit';

/** The largest relative difference allowed (see the file comment): none. */
const TOL = 0;
/**
 * The network's first layer reads a batch's sparse inputs by their non-zeros (a note has ~7 of 200 terms: the dense
 * block did 30 times the work at 10⁶ rows), so its sums are in another order: equal to rounding, held to the 1e-10
 * the issue asks for.
 */
const MLP_TOL = 1e-10;

/** |a − b| ≤ tol·max(1, |b|) everywhere, NaN where the other is NaN. */
function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, what: string, tol = TOL): void {
  expect(a.length, what).toBe(b.length);
  let worst = 0, at = -1;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(b[i]) || Number.isNaN(a[i])) {
      expect(Number.isNaN(a[i]) && Number.isNaN(b[i]), `${what}[${i}]: ${a[i]} against ${b[i]}`).toBe(true);
      continue;
    }
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    if (!(e <= worst)) [worst, at] = [e, i];
  }
  expect(worst, `${what}[${at}]: ${a[at]} against ${b[at]}`).toBeLessThanOrEqual(tol);
}

interface Design {
  X: ColMajor;
  y: Uint8Array;
}

/**
 * n rows: `dense` standardized normal columns, then `sparse` columns with about `density` non-zeros in
 * (0, 1], plus `extra` sparse columns (e.g. an all-zero one, a duplicate) appended by `extraColumn`;
 * events drawn from a logistic model on both parts.
 */
function design(n: number, dense: number, sparse: number, density: number, seed: number, extra: ((i: number, row: Map<number, number>) => number)[] = []): Design {
  const rng = new MT19937(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
  const data = new Float64Array(n * dense);
  for (let j = 0; j < dense; j++) {
    let mean = 0, ss = 0;
    for (let i = 0; i < n; i++) mean += data[j * n + i] = normal();
    mean /= n;
    for (let i = 0; i < n; i++) ss += (data[j * n + i] - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    for (let i = 0; i < n; i++) data[j * n + i] = (data[j * n + i] - mean) / sd;
  }
  const wd = Array.from({ length: dense }, (_, j) => (j % 3 === 0 ? 0.8 : j % 3 === 1 ? -0.5 : 0.1));
  const ws = Array.from({ length: sparse }, (_, c) => (c % 4 === 0 ? 2 : c % 4 === 1 ? -1.5 : 0.3));
  const rowStart = new Int32Array(n + 1);
  const colIndex: number[] = [], values: number[] = [];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = -0.3;
    for (let j = 0; j < dense; j++) z += wd[j] * data[j * n + i];
    const row = new Map<number, number>();
    for (let c = 0; c < sparse; c++) {
      if (rng.random() >= density) continue;
      const v = 1 - rng.random(); // (0, 1]
      row.set(c, v);
      z += ws[c] * v;
    }
    extra.forEach((f, k) => {
      const v = f(i, row);
      if (v !== 0) row.set(sparse + k, v);
    });
    for (const c of [...row.keys()].sort((a, b) => a - b)) {
      colIndex.push(c);
      values.push(row.get(c) as number);
    }
    rowStart[i + 1] = colIndex.length;
    y[i] = rng.random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  const s: SparseRows = { cols: sparse + extra.length, rowStart, colIndex: Int32Array.from(colIndex), values: Float64Array.from(values) };
  return { X: { rows: n, cols: dense + s.cols, data, sparse: s }, y };
}

const train = design(2000, 8, 40, 0.08, 1);
const test = design(500, 8, 40, 0.08, 2);
const names = (X: ColMajor) => Array.from({ length: X.cols }, (_, j) => `x${j}`);

/** The kind's fit on the hybrid design and on it densified, and both models' outputs on the test rows. */
async function both(spec: ModelSpec, d: Design = train, t: Design = test, o: Partial<FitOptions> = {}) {
  const def = modelDefinition(spec.kind);
  const opts: FitOptions = { seed: 3, featureNames: names(d.X), ...o };
  const sparse = await def.fit(spec, d.X, d.y, opts);
  const dense = await def.fit(spec, densify(d.X), d.y, opts);
  return { def, sparse, dense, tX: t.X, tD: densify(t.X) };
}

/** What every kind must give alike: iterations, convergence, warnings, weights, decisions and risks (both ways round). */
function expectSameFit(r: Awaited<ReturnType<typeof both>>, tol = TOL): void {
  const { def, sparse, dense, tX, tD } = r;
  expect(sparse.iterations).toBe(dense.iterations);
  expect(sparse.converged).toBe(dense.converged);
  expect(sparse.warnings).toEqual(dense.warnings);
  const ws = def.weights(sparse.model), wd = def.weights(dense.model);
  expect(ws === null).toBe(wd === null);
  if (ws && wd) {
    expectClose(ws.coef, wd.coef, 'coef', tol);
    expectClose([ws.intercept], [wd.intercept], 'intercept', tol);
  }
  // the sparse fit scoring the hybrid test rows, against the dense fit scoring them dense
  expectClose(def.decision(sparse.model, tX), def.decision(dense.model, tD), 'decision', tol);
  expectClose(def.score(sparse.model, tX).risk, def.score(dense.model, tD).risk, 'risk', tol);
  expectClose(def.score(sparse.model, tX).rank, def.score(dense.model, tD).rank, 'rank', tol);
  // and one model both ways: the scoring itself
  expectClose(def.decision(dense.model, tX), def.decision(dense.model, tD), 'decision of one model', tol);
}

function expectSameMle(a: MleFit, b: MleFit): void {
  expectClose(a.coef, b.coef, 'coef');
  expectClose(a.se, b.se, 'se');
  expectClose(a.z, b.z, 'z');
  expectClose(a.p, b.p, 'p');
  expectClose(a.covariance, b.covariance, 'covariance');
  expectClose([a.intercept, a.interceptSe, a.logLik, a.deviance, a.nullDeviance, a.aic], [b.intercept, b.interceptSe, b.logLik, b.deviance, b.nullDeviance, b.aic], 'fit');
  expect(a.iterations).toBe(b.iterations);
  expect(a.converged).toBe(b.converged);
  expect(a.problems).toEqual(b.problems);
}

describe('a design with sparse note-term columns fits as the same design densified', () => {
  it('has what the checks need: 8 dense and 40 sparse columns, ~8% of them non-zero, both classes', () => {
    const s = train.X.sparse as SparseRows;
    expect(train.X.cols).toBe(48);
    expect(s.values.length / (2000 * 40)).toBeGreaterThan(0.07);
    expect(s.values.length / (2000 * 40)).toBeLessThan(0.09);
    const events = train.y.reduce((a, v) => a + v, 0);
    expect(events).toBeGreaterThan(500);
    expect(events).toBeLessThan(1500);
  });

  it('logreg (L2): same coefficients, iterations, decisions and risks', async () => {
    const r = await both({ kind: 'logreg', C: 1 });
    expect(r.sparse.converged).toBe(true);
    expectSameFit(r);
  });

  it('logreg (L2) from the sampled warm start, preconditioned by the sample Hessian', async () => {
    const a = await fitLogisticL2(train.X, train.y, { C: 0.5, sampleRows: 256 });
    const b = await fitLogisticL2(densify(train.X), train.y, { C: 0.5, sampleRows: 256 });
    expect(a.sampleRows).toBe(286);
    expect(b.sampleRows).toBe(a.sampleRows);
    expect([a.iterations, a.evaluations, a.converged]).toEqual([b.iterations, b.evaluations, b.converged]);
    expectClose(a.coef, b.coef, 'coef');
    expectClose([a.intercept, a.loss], [b.intercept, b.loss], 'intercept, loss');
  });

  it('logreg-mle: same estimates, standard errors, covariance, deviance, iterations', async () => {
    const r = await both({ kind: 'logreg-mle' });
    expect(r.sparse.converged).toBe(true);
    expectSameFit(r);
    const fit = (m: FittedModel) => (m as Extract<FittedModel, { kind: 'logreg-mle' }>).fit;
    expectSameMle(fit(r.sparse.model), fit(r.dense.model));
  });

  it('logreg-mle drops an all-zero sparse column (constant) and a duplicated one (collinear) alike', async () => {
    const d = design(2000, 8, 40, 0.08, 4, [() => 0, (_, row) => row.get(3) ?? 0]);
    const t = design(300, 8, 40, 0.08, 5, [() => 0, (_, row) => row.get(3) ?? 0]);
    const r = await both({ kind: 'logreg-mle' }, d, t);
    const fit = (m: FittedModel) => (m as Extract<FittedModel, { kind: 'logreg-mle' }>).fit;
    const a = fit(r.sparse.model);
    expect(a.problems).toEqual([{ kind: 'constant', features: [48] }, { kind: 'collinearity', features: [49] }]);
    expect(Number.isNaN(a.coef[48]) && Number.isNaN(a.coef[49]) && Number.isFinite(a.coef[11])).toBe(true);
    expectSameFit(r);
    expectSameMle(a, fit(r.dense.model));
    // L2 and the SVM keep both columns (0 weight for the empty one, the duplicate's weight shared)
    for (const spec of [{ kind: 'logreg', C: 1 }, { kind: 'svm', C: 1 }] as const) {
      const q = await both(spec, d, t);
      expectSameFit(q);
      const w = q.def.weights(q.sparse.model);
      expect(w?.coef[48]).toBe(0);
      expect(w?.coef[49]).toBeCloseTo(w?.coef[11] ?? NaN, 8);
    }
  });

  it('logreg-mle under quasi-complete separation by a sparse column: the same certificate and limit fit', async () => {
    // a 13th sparse column (16), non-zero with some events only: its coefficient runs to +∞, the others have a limit
    const d = design(1500, 4, 12, 0.1, 6);
    const s = d.X.sparse as SparseRows;
    const flag = (i: number) => (d.y[i] === 1 && i % 5 === 0 ? 0.5 + (i % 7) / 14 : 0);
    const rowStart = new Int32Array(d.X.rows + 1), colIndex: number[] = [], values: number[] = [];
    for (let i = 0; i < d.X.rows; i++) {
      colIndex.push(...s.colIndex.subarray(s.rowStart[i], s.rowStart[i + 1]));
      values.push(...s.values.subarray(s.rowStart[i], s.rowStart[i + 1]));
      if (flag(i)) {
        colIndex.push(12);
        values.push(flag(i));
      }
      rowStart[i + 1] = colIndex.length;
    }
    const X: ColMajor = { ...d.X, cols: 17, sparse: { cols: 13, rowStart, colIndex: Int32Array.from(colIndex), values: Float64Array.from(values) } };
    const sep = { X, y: d.y };
    const r = await both({ kind: 'logreg-mle' }, sep, design(200, 4, 13, 0.1, 7));
    const model = (m: FittedModel) => m as Extract<FittedModel, { kind: 'logreg-mle' }>;
    const a = model(r.sparse.model), b = model(r.dense.model);
    expect(a.fit.problems).toContainEqual({ kind: 'separation', complete: false, features: [16] });
    expectSameFit(r);
    expectSameMle(a.fit, b.fit);
    if (!a.unaffected || !b.unaffected) throw new Error('no limit fit');
    expectSameMle(a.unaffected, b.unaffected);
    expect(a.unaffected.converged).toBe(true);
    expect(Number.isNaN(a.unaffected.coef[16])).toBe(true);
  });

  it("the MLE's column checks see a sparse column's zeros: constant, single separators, means, blocks", () => {
    // 40 rows, events every third; one dense column, then sparse ones that test each rule
    const n = 40, y = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const cols: ((i: number) => number)[] = [
      (i) => Math.sin(i) + (y[i] ? 0.4 : 0), // dense
      (i) => (y[i] && i % 2 === 0 ? 0.5 + i / 100 : 0), // non-zero with events only: separates with ties (the zeros in both classes)
      (i) => (y[i] ? 0.3 + i / 1000 : i % 4 === 0 ? 0.5 : 0), // events all in [0.3, 0.4]; non-events 0 or 0.5: not a separator
      () => 2, // stored in every row, one value: constant
      (i) => 1 + i / 7, // stored in every row, varying
      () => 0, // no non-zero: constant
      (i) => (i === 0 ? 1 : 0), // row 0 only: not constant
      (i) => (y[i] ? 1 + i / 50 : -1 - i / 50), // stored in every row, separates without ties
    ];
    const D: ColMajor = { rows: n, cols: cols.length, data: Float64Array.from(cols.flatMap((f) => Array.from({ length: n }, (_, i) => f(i)))) };
    const H = sparsifyLast(D, cols.length - 1);
    // the same with a 0 stored explicitly (CSR may hold one) in the all-zero column, row 5 (stored: 2, 3, 6)
    const s = H.sparse as SparseRows, at = s.rowStart[5] + 2;
    expect(Array.from(s.colIndex.subarray(s.rowStart[5], s.rowStart[6]))).toEqual([2, 3, 6]);
    const withZero: ColMajor = {
      ...H, sparse: {
        cols: s.cols, rowStart: s.rowStart.map((v, i) => (i > 5 ? v + 1 : v)),
        colIndex: Int32Array.from([...s.colIndex.subarray(0, at), 4, ...s.colIndex.subarray(at)]),
        values: Float64Array.from([...s.values.subarray(0, at), 0, ...s.values.subarray(at)]),
      },
    };
    const all = [...cols.keys()];
    for (const X of [H, withZero]) {
      expect(screenColumns(X, y, 't')).toEqual(screenColumns(D, y, 't'));
      expect(screenColumns(X, y, 't').problems[0]).toEqual({ kind: 'constant', features: [3, 5] });
      for (const ties of [false, true]) expect(singleSeparators(makeDesign(X, y, all), ties)).toEqual(singleSeparators(makeDesign(D, y, all), ties));
      // with ties also the constant columns and the one non-zero in a single event row
      expect(singleSeparators(makeDesign(X, y, all), true)).toEqual([1, 3, 5, 6, 7]);
      expect(singleSeparators(makeDesign(X, y, all), false)).toEqual([7]);
      const [a, b] = [centeredGram(makeDesign(X, y, [0, 2, 4, 6, 7])), centeredGram(makeDesign(D, y, [0, 2, 4, 6, 7]))];
      expectClose(a.mean, b.mean, 'means');
      expectClose(a.gram, b.gram, 'centred Gram');
      const dir = Float64Array.from([0, 0, 0, 0, 0, 0, 0, 1, 0]); // column 7 alone: a certificate
      expect(separates(makeDesign(X, y, all), dir)).toEqual({ separated: true, complete: true });
    }
  });

  it('separation-limit on the glm fixture with its 0/1 column sparse', async () => {
    const x = [40.4, 47.1, 52.6, 38.5, 52, 50.3, 50.9, 61.2, 37.8, 62.7, 42.6, 38.7, 42.8, 52.5, 51.5, 46.9, 40.5, 43.5, 62.2, 52];
    const g = [1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    const y = Uint8Array.from([1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1]);
    const D: ColMajor = { rows: x.length, cols: 2, data: Float64Array.from([...x, ...g]) };
    const H = sparsifyLast(D, 1);
    const [a, b] = [await fitLogisticMle(H, y), await fitLogisticMle(D, y)];
    expect(a.problems).toContainEqual({ kind: 'separation', complete: false, features: [1] });
    expectSameMle(a, b);
    const [la, lb] = [await unaffectedFit(H, y, [1]), await unaffectedFit(D, y, [1])];
    if (!la || !lb) throw new Error('no limit fit');
    expectSameMle(la, lb);
  });

  it('logreg-firth: same estimates, standard errors and fit statistics', async () => {
    const r = await both({ kind: 'logreg-firth' });
    expect(r.sparse.converged).toBe(true);
    expectSameFit(r);
    const fit = (m: FittedModel) => (m as Extract<FittedModel, { kind: 'logreg-firth' }>).fit;
    expectSameMle(fit(r.sparse.model), fit(r.dense.model));
  });

  it("logreg-firth's profile intervals and likelihood-ratio p-values", async () => {
    const d = design(300, 3, 6, 0.15, 8);
    const r = await both({ kind: 'logreg-firth' }, d, design(100, 3, 6, 0.15, 9), { inference: true });
    const fit = (m: FittedModel) => (m as Extract<FittedModel, { kind: 'logreg-firth' }>).fit;
    const [a, b] = [fit(r.sparse.model), fit(r.dense.model)];
    expectSameFit(r);
    expectSameMle(a, b);
    if (!a.profile || !b.profile) throw new Error('no profile');
    expect(a.profile.low.filter(Number.isFinite).length).toBe(9);
    expectClose(a.profile.low, b.profile.low, 'profile low');
    expectClose(a.profile.high, b.profile.high, 'profile high');
    expectClose(a.profile.p, b.profile.p, 'profile p');
  });

  it('svm: the same exact optimum, iterations, Platt scaling and decisions', async () => {
    const r = await both({ kind: 'svm', C: 1 });
    expect(r.sparse.converged).toBe(true);
    expectSameFit(r);
    const platt = (m: FittedModel) => (m as Extract<FittedModel, { kind: 'svm' }>).platt;
    expectClose([platt(r.sparse.model).A, platt(r.sparse.model).B], [platt(r.dense.model).A, platt(r.dense.model).B], 'platt');
  });

  it('svm with a larger C (more free support vectors, more SMO)', async () => {
    expectSameFit(await both({ kind: 'svm', C: 50 }));
  });

  it('gd, full batch and mini-batches: the same steps, loss curve and optimum line', async () => {
    for (const batchSize of [null, 64]) {
      const r = await both({ kind: 'gd', C: 1, learningRate: 0.5, epochs: batchSize ? 5 : 100, batchSize });
      expectSameFit(r);
      expectClose(r.sparse.lossCurve?.map((p) => p.loss) ?? [], r.dense.lossCurve?.map((p) => p.loss) ?? [], 'loss curve');
      expectClose([r.sparse.optimumLoss ?? NaN], [r.dense.optimumLoss ?? NaN], 'optimum loss');
    }
  });

  it('mlp: the same seed gives the same weights, epochs and early stop', async () => {
    const r = await both({ kind: 'mlp', hidden: [8, 4], alpha: 1e-4, learningRate: 0.01, maxEpochs: 25 });
    expectSameFit(r, MLP_TOL);
    const fit = (m: FittedModel) => (m as Extract<FittedModel, { kind: 'mlp' }>).fit;
    const [a, b] = [fit(r.sparse.model), fit(r.dense.model)];
    expect([a.epochs, a.bestEpoch, a.stoppedEarly]).toEqual([b.epochs, b.bestEpoch, b.stoppedEarly]);
    a.layers.forEach((l, k) => {
      expectClose(l.weights, b.layers[k].weights, `layer ${k} weights`, MLP_TOL);
      expectClose(l.bias, b.layers[k].bias, `layer ${k} bias`, MLP_TOL);
    });
    expectClose(a.loss, b.loss, 'loss curve', MLP_TOL);
    expectClose(a.validationLoss, b.validationLoss, 'validation loss', MLP_TOL);
  });

  it('the fits are not trivially equal: the sparse columns carry weight', async () => {
    // guards the checks above against a design whose sparse part the models could ignore
    const r: { sparse: ModelFitResult<FittedModel> } = await both({ kind: 'logreg', C: 1 });
    const w = modelDefinition('logreg').weights(r.sparse.model);
    expect(Math.abs(w?.coef[8] ?? 0)).toBeGreaterThan(0.5); // sparse column 0: weight 2 in the model that drew y
    expect(Math.abs(w?.coef[9] ?? 0)).toBeGreaterThan(0.3);
  });
});
