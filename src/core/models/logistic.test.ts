import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colMajor, fromRows, type ColMajor } from '../linalg/matrix';
import { Cancelled, type RunContext } from '../util/run-context';
import { MT19937 } from '../random/mt19937';
import { decisionFunction, fitLogisticL2, logisticHessian, logisticObjective, predictProba } from './logistic';

interface Fixture {
  target: string;
  positive: string;
  missing: 'drop' | 'mean';
  features: string[];
  train_rows: number[];
  test_rows: number[];
  scaler: { mean: number[]; std: number[] };
  logistic_l2_C1: { coef: number[]; intercept: number; accuracy: number; train_accuracy: number };
}

// The exact optimum of J for the fixtures' training sets, by Newton's method in numpy to ‖∇J‖∞ < 1e-11
// (scikit-learn's newton-cg agrees within 1e-9). The fixtures' own `logistic_l2_C1` was fitted with
// lbfgs, which scipy stops on its default ftol (relative decrease of f ≤ 2.2e-9) long before
// tol = 1e-12: they sit 4–7e-5 from this optimum, so they are compared with a looser bound.
const OPTIMUM: Record<string, { coef: number[]; intercept: number }> = {
  wdbc: { coef: [0.3589818522995561, 0.4856174298741297, 0.3518408162700774, 0.4416640947779361, 0.34794050331318443, -0.44125435818414444, 0.7790487992439766, 0.9486673808502526, -0.16420127732129297, -0.08030370227271512, 1.2370758461762998, -0.4087331892651581, 0.7505690337603074, 0.9134798710353798, 0.2467230658789054, -0.9076241383565096, -0.09535822149051122, 0.4866726300713702, -0.3323707801349886, -0.5914193117096047, 0.8953789883132859, 1.429017473359528, 0.7226231643301513, 0.9047095687320243, 0.4238235625019214, -0.16395552024992108, 0.9119333964606555, 0.6993721314027354, 1.062657379190129, 0.051550863109927104], intercept: -0.24121577197721594 },
  pima_diabetes_drop: { coef: [0.1970516742227123, 1.1070929500353532, -0.019135925687910556, 0.14976515019199801, -0.13658152641936047, 0.39214642440364655, 0.326934309127954, 0.3622420389251433], intercept: -0.9498953071404401 },
  pima_diabetes_mean: { coef: [0.37663489099273983, 1.1726188287241794, -0.04192266561167237, 0.02610456698307121, -0.040054781402560795, 0.6845958665730458, 0.23047519938112418, 0.1499865649801742], intercept: -0.8726700068418256 },
};

// CSV → rows of cells: split on commas, strip double quotes, '' = missing
function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const cells = lines.map((l) => l.split(',').map((c) => c.replace(/"/g, '')));
  return { header: cells[0], rows: cells.slice(1) };
}

// z-scored design matrices of the fixture's split, imputing with training means as reference.py does
function design(fx: Fixture, csv: string): { Xtr: ColMajor; ytr: Uint8Array; Xte: ColMajor; yte: Uint8Array } {
  const { header, rows } = readCsv(`public/samples/${csv}`);
  const cols = fx.features.map((f) => header.indexOf(f));
  const target = header.indexOf(fx.target);
  expect(Math.min(...cols, target)).toBeGreaterThanOrEqual(0);
  const value = (r: number, j: number): number => (rows[r][cols[j]] === '' ? NaN : Number(rows[r][cols[j]]));
  const fill = fx.features.map((_, j) => {
    const seen = fx.train_rows.map((r) => value(r, j)).filter((v) => !Number.isNaN(v));
    return seen.reduce((a, b) => a + b, 0) / seen.length;
  });
  const build = (idx: number[]): { X: ColMajor; y: Uint8Array } => {
    const X = colMajor(idx.length, cols.length);
    idx.forEach((r, i) =>
      cols.forEach((_, j) => {
        let v = value(r, j);
        if (Number.isNaN(v)) {
          expect(fx.missing).toBe('mean');
          v = fill[j];
        }
        X.data[j * idx.length + i] = (v - fx.scaler.mean[j]) / fx.scaler.std[j];
      }),
    );
    return { X, y: Uint8Array.from(idx, (r) => (rows[r][target] === fx.positive ? 1 : 0)) };
  };
  const tr = build(fx.train_rows);
  const te = build(fx.test_rows);
  return { Xtr: tr.X, ytr: tr.y, Xte: te.X, yte: te.y };
}

const accuracy = (X: ColMajor, y: Uint8Array, coef: Float64Array, b: number): number =>
  decisionFunction(X, coef, b).reduce((a, m, i) => a + (Number(m > 0) === y[i] ? 1 : 0), 0) / y.length;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

// J(w,b) = ½‖w‖² + C·Σ log(1 + exp(−sᵢ(wᵀxᵢ + b))), row by row: independent of the solver's kernel
function naiveJ(rows: number[][], y: ArrayLike<number>, C: number, theta: number[]): number {
  const p = theta.length - 1;
  let f = 0;
  for (let j = 0; j < p; j++) f += 0.5 * theta[j] * theta[j];
  rows.forEach((r, i) => {
    const m = r.reduce((a, v, j) => a + v * theta[j], theta[p]);
    const u = (y[i] === 1 ? -1 : 1) * m;
    f += C * (Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u))));
  });
  return f;
}

// Small synthetic data sets for the scikit-learn cases below (numpy default_rng(7), rounded to 0.01)
const DATA: Record<string, { rows: number[][]; y: string }> = {
  overlap: {
    rows: [[1.0, -0.2], [-0.27, -0.89], [-0.45, -0.99], [1.06, 0.84], [-0.49, -0.62], [0.49, 0.36], [1.11, -1.43], [-0.03, 0.7], [-1.34, -0.46], [-0.9, -1.79], [-1.84, -0.24], [-1.27, 0.27], [1.16, -0.69], [-2.52, -0.54], [-0.05, 0.11], [-0.53, -0.98], [-0.98, -0.81], [1.06, -0.81], [0.97, 0.38], [-0.58, -0.11], [0.11, 0.06], [-0.23, -0.42], [1.36, -1.55], [0.86, 0.12], [0.36, 1.5], [0.76, -1.2], [0.07, 0.58], [0.81, 0.18], [-0.07, 0.67], [1.44, -0.68]],
    y: '100100100100100100100100100100',
  },
  separable: { // x₀ > 0.3 for every event, x₀ < −0.3 for every non-event
    rows: [[-0.5, -0.46], [0.43, -1.19], [-0.88, -0.2], [1.2, 1.15], [-1.62, -0.79], [0.95, -1.99], [-0.76, -0.1], [1.56, 0.69], [-0.63, -0.37], [0.55, 1.52], [-0.73, -0.3], [0.65, -0.12], [-0.5, -1.11], [0.31, -0.44], [-1.47, 0.65], [0.32, 0.67], [-0.64, 1.05], [0.31, 0.58], [-1.59, 0.35], [1.99, -2.04]],
    y: '01010101010101010101',
  },
  scaled: { // not standardized (column 1 around 100), columns 0 and 2 correlated, 10 events in 40
    rows: [[0.97, 95.0, 1.1, 1], [-0.7, 70.85, -0.54, 0], [0.14, 50.7, -0.05, 1], [-0.88, 115.17, -0.79, 0], [-0.67, 98.16, -0.63, 1], [-1.27, 112.2, -1.28, 1], [1.61, 70.32, 1.26, 1], [0.05, 80.26, -0.15, 0], [1.08, 70.03, 0.97, 1], [-0.16, 73.4, 0.01, 0], [-1.11, 105.86, -0.69, 1], [0.96, 96.51, -0.33, 1], [-0.27, 110.68, -0.56, 0], [0.97, 130.19, 0.01, 1], [-0.21, 160.75, -0.38, 1], [-0.07, 58.22, -0.3, 0], [-0.13, 146.64, -1.38, 0], [-0.53, 97.32, -0.81, 0], [1.52, 99.58, 1.65, 0], [0.78, 76.5, -0.67, 1], [-1.43, 86.19, -1.05, 1], [0.6, 122.3, 0.34, 0], [1.56, 97.53, 1.41, 0], [-1.19, 102.43, -1.45, 1], [1.36, 111.28, -0.21, 0], [0.81, 154.64, -0.63, 0], [-2.1, 99.36, -1.76, 1], [1.23, 53.99, 0.73, 1], [0.22, 79.24, -0.02, 0], [-0.23, 40.94, 0.07, 1], [-0.76, 2.46, -0.75, 1], [0.71, 84.1, 0.45, 1], [-1.03, 140.01, -0.54, 1], [-0.78, 101.41, -0.14, 1], [-1.03, 64.82, -1.11, 0], [-1.2, 71.78, -1.22, 0], [1.26, 133.92, 1.34, 1], [-0.5, 104.73, -0.51, 0], [0.03, 101.44, 0.29, 0], [-0.49, 98.4, -0.03, 1]],
    y: '0000000000010100100100001101000000000000',
  },
};
// scikit-learn 1.2.1 LogisticRegression(C, tol=1e-12, max_iter=100000) problems, optimum by Newton in numpy
// (‖∇J‖∞ < 3e-12; newton-cg agrees within 3e-7, lbfgs within 1.4e-5: its ftol stop again)
const SKLEARN: [string, number, number[], number][] = [
  ['overlap', 0.01, [0.04183243415548644, 0.0024947405212231563], -0.6942082590518236],
  ['overlap', 1, [0.6722229333159105, 0.04007164330887926], -0.7832763946801904],
  ['overlap', 100, [0.8266696401336422, 0.053818595732987105], -0.8239353496366881],
  ['separable', 0.01, [0.08369550443542209, 0.0010313054106609635], 0.004530627882471931],
  ['separable', 1, [2.102811925084692, 0.16878287460271474], 0.19381109180163553],
  ['separable', 100, [8.464457837142655, 0.5718590427663113], 0.9905712783245915],
  ['scaled', 0.01, [0.05729390378678882, 0.021033195988075824, -0.008373947160622517, 0.002686659173434023], -3.666130532067794],
  ['scaled', 1, [1.9263995383062902, 0.015538233218223077, -1.4383367365480204, 0.30645170532024035], -3.900697020807761],
  ['scaled', 100, [9.528751008651431, -0.021572743637132814, -9.051956754235977, 1.4850708961046504], -5.021666665170497],
];
const labels = (s: string): Uint8Array => Uint8Array.from(s, (c) => Number(c));

describe('fitLogisticL2: parity with scikit-learn on the reference fixtures', () => {
  for (const [name, csv] of [['wdbc', 'wdbc.csv'], ['pima_diabetes_drop', 'pima_diabetes.csv'], ['pima_diabetes_mean', 'pima_diabetes.csv']]) {
    it(name, async () => {
      const text = readFileSync(`src/core/__fixtures__/reference/${name}.json`, 'utf8');
      const fx = JSON.parse(text.replace(/(?<=[:[,]\s*)(-?Infinity|NaN)\b/g, 'null')) as Fixture; // Python's json.dump
      const { Xtr, ytr, Xte, yte } = design(fx, csv);
      const fit = await fitLogisticL2(Xtr, ytr, { C: 1 });
      expect(fit.converged).toBe(true);
      expect(maxDiff(fit.coef, OPTIMUM[name].coef)).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(fit.intercept - OPTIMUM[name].intercept)).toBeLessThanOrEqual(1e-5);
      // a tighter tolerance reaches the optimum to near rounding (the default leaves ~1e-6 on wdbc)
      const tight = await fitLogisticL2(Xtr, ytr, { C: 1, gradTol: 1e-11 });
      expect(maxDiff([...tight.coef, tight.intercept], [...OPTIMUM[name].coef, OPTIMUM[name].intercept])).toBeLessThanOrEqual(1e-8);
      const ref = fx.logistic_l2_C1;
      expect(maxDiff(fit.coef, ref.coef)).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(fit.intercept - ref.intercept)).toBeLessThanOrEqual(1e-4);
      expect(accuracy(Xtr, ytr, fit.coef, fit.intercept)).toBe(ref.train_accuracy);
      expect(accuracy(Xte, yte, fit.coef, fit.intercept)).toBe(ref.accuracy);
    });
  }
});

describe('fitLogisticL2', () => {
  it.each(SKLEARN)('matches scikit-learn on %s with C = %s', async (name, C, coef, intercept) => {
    const fit = await fitLogisticL2(fromRows(DATA[name].rows), labels(DATA[name].y), { C });
    expect(fit.converged).toBe(true);
    expect(maxDiff(fit.coef, coef)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(fit.intercept - intercept)).toBeLessThanOrEqual(1e-6);
  });

  it('solves a symmetric 1-D problem: intercept 0, w the root of J′(w)', async () => {
    // x = −2, −1 (no event), 1, 2 (event): J(w, b) = J(w, −b), so b = 0, and
    // J′(w) = w − 4σ(−2w) − 2σ(−w) = 0 (C = 1), a monotone equation solved here by bisection
    const h = (w: number): number => w - 4 / (1 + Math.exp(2 * w)) - 2 / (1 + Math.exp(w));
    let lo = 0, hi = 10;
    for (let k = 0; k < 200; k++) [lo, hi] = h((lo + hi) / 2) > 0 ? [lo, (lo + hi) / 2] : [(lo + hi) / 2, hi];
    const fit = await fitLogisticL2(fromRows([[-2], [-1], [1], [2]]), Uint8Array.of(0, 0, 1, 1), { C: 1 });
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.intercept)).toBeLessThanOrEqual(1e-9);
    expect(fit.coef[0]).toBeCloseTo(lo, 8);
    expect(fit.loss).toBeCloseTo(naiveJ([[-2], [-1], [1], [2]], [0, 0, 1, 1], 1, [lo, 0]) / 4, 12);
  });

  it('returns a point where a finite-difference gradient of J vanishes', async () => {
    const { rows, y } = DATA.scaled;
    const t = labels(y);
    const fit = await fitLogisticL2(fromRows(rows), t, { C: 1 });
    const theta = [...fit.coef, fit.intercept];
    for (let j = 0; j < theta.length; j++) {
      const scale = j < rows[0].length ? Math.max(1, ...rows.map((r) => Math.abs(r[j]))) : 1;
      const step = 1e-5 / scale; // column 1 is ~100: a smaller step keeps the h²·J‴ error below 1e-8
      const up = theta.map((v, k) => (k === j ? v + step : v));
      const down = theta.map((v, k) => (k === j ? v - step : v));
      const dJ = (naiveJ(rows, t, 1, up) - naiveJ(rows, t, 1, down)) / (2 * step);
      expect(Math.abs(dJ)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('computes f and ∇f as a row-by-row implementation does, across blocks and column groups', () => {
    const n = 5000, p = 13, C = 0.7;
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => Math.sin(i * (j + 1) * 0.37) * (j + 1)));
    const t = Uint8Array.from(rows, (r) => (r[0] + r[1] > 0.3 ? 1 : 0));
    const theta = Array.from({ length: p + 1 }, (_, j) => Math.cos(j) * 0.8);
    const grad = new Float64Array(p + 1);
    const f = logisticObjective(fromRows(rows), t, C)(Float64Array.from(theta), grad);
    expect(f).toBeCloseTo(naiveJ(rows, t, C, theta) / (C * n), 13);
    // margins up to ~±900: the exponential underflows and the loss is nearly all max(u, 0)
    const wide = theta.map((v) => v * 60);
    const fWide = logisticObjective(fromRows(rows), t, C)(Float64Array.from(wide), new Float64Array(p + 1));
    expect(fWide / (naiveJ(rows, t, C, wide) / (C * n))).toBeCloseTo(1, 13);
    for (let j = 0; j <= p; j++) {
      const step = 1e-6;
      const up = theta.map((v, k) => (k === j ? v + step : v));
      const down = theta.map((v, k) => (k === j ? v - step : v));
      const fd = (naiveJ(rows, t, C, up) - naiveJ(rows, t, C, down)) / (2 * step * C * n);
      expect(grad[j]).toBeCloseTo(fd, 7);
    }
  });

  it('fits the intercept alone when there are no features (p = 0)', async () => {
    const fit = await fitLogisticL2(colMajor(10, 0), Uint8Array.of(1, 0, 0, 1, 0, 0, 1, 0, 0, 0), { C: 1 });
    expect(fit.converged).toBe(true);
    expect(fit.coef.length).toBe(0);
    expect(fit.intercept).toBeCloseTo(Math.log(3 / 7), 12);
  });

  it('throws on no rows, a single class, labels other than 0/1 and a bad C', async () => {
    await expect(fitLogisticL2(colMajor(0, 2), new Uint8Array(0), { C: 1 })).rejects.toThrow(/no rows/);
    await expect(fitLogisticL2(fromRows([[1], [2]]), Uint8Array.of(1, 1), { C: 1 })).rejects.toThrow(/both classes/);
    await expect(fitLogisticL2(fromRows([[1], [2]]), Uint8Array.of(0, 2), { C: 1 })).rejects.toThrow(/0\/1/);
    await expect(fitLogisticL2(fromRows([[1], [2]]), Uint8Array.of(0, 1), { C: 0 })).rejects.toThrow(/C must/);
    await expect(fitLogisticL2(fromRows([[1], [2]]), Uint8Array.of(0, 1, 1), { C: 1 })).rejects.toThrow(/labels/);
  });

  it('reports converged=false instead of NaN or a loop on absurd or missing values', async () => {
    const y = Uint8Array.of(0, 1, 0, 1, 1, 0);
    for (const bad of [1e300, -1e300, NaN, Infinity]) {
      const rows = [[0.1, 1], [0.5, -1], [bad, 2], [0.7, 0], [bad, 1], [-0.2, 0.5]];
      const fit = await fitLogisticL2(fromRows(rows), y, { C: 1, maxIter: 200 });
      const finite = [...fit.coef, fit.intercept, fit.loss].every(Number.isFinite);
      if (fit.converged) expect(finite).toBe(true);
      else expect(fit.iterations).toBeLessThan(200);
      if (Number.isNaN(bad)) expect(fit.converged).toBe(false);
    }
  });

  it('checkpoints once per iteration and stops when cancelled', async () => {
    const fractions: number[] = [];
    const ctx: RunContext = { checkpoint: (f) => (fractions.push(f), Promise.resolve()) };
    const X = fromRows(DATA.overlap.rows);
    const fit = await fitLogisticL2(X, labels(DATA.overlap.y), { C: 1, ctx });
    expect(fractions.length).toBe(fit.iterations);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
    const cancel: RunContext = { checkpoint: () => Promise.reject(new Cancelled()) };
    await expect(fitLogisticL2(X, labels(DATA.overlap.y), { C: 1, ctx: cancel })).rejects.toBeInstanceOf(Cancelled);
  });
});

// n rows of p correlated normal features (MT19937, Box–Muller; xⱼ = zⱼ + 0.9·xⱼ₋₁, as lab values go together)
// and outcomes drawn from logit = 0.8·x₀ − 0.5·x₁ + 0.3·x₂ − 1
function synthetic(n: number, p: number, seed: number): { X: ColMajor; y: Uint8Array } {
  const rng = new MT19937(seed);
  const X = colMajor(n, p);
  for (let k = 0; k < n * p; k++) X.data[k] = Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
  for (let j = 1; j < p; j++) for (let i = 0; i < n; i++) X.data[j * n + i] += 0.9 * X.data[(j - 1) * n + i];
  const beta = [0.8, -0.5, 0.3];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let m = -1;
    for (let j = 0; j < Math.min(p, 3); j++) m += beta[j] * X.data[j * n + i];
    y[i] = rng.random() < 1 / (1 + Math.exp(-m)) ? 1 : 0;
  }
  return { X, y };
}

// ‖∇f‖∞ at the fit, on all rows (f = J / (Cn), the quantity the stopping rule bounds)
function gradientNorm(X: ColMajor, y: Uint8Array, C: number, coef: Float64Array, intercept: number): number {
  const g = new Float64Array(X.cols + 1);
  logisticObjective(X, y, C)(Float64Array.from([...coef, intercept]), g);
  return g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

describe('fitLogisticL2 on large tables: sample warm start and preconditioned L-BFGS', () => {
  // the plain path (no sample) run to near rounding is the reference optimum
  const optimum = async (X: ColMajor, y: Uint8Array, C = 1) => {
    const fit = await fitLogisticL2(X, y, { C, gradTol: 1e-12, sampleRows: Infinity });
    expect(fit.sampleRows).toBeUndefined();
    return [...fit.coef, fit.intercept];
  };

  it('reaches the same optimum as the plain fit, in fewer passes over all rows', async () => {
    const { X, y } = synthetic(20000, 6, 5);
    const plain = await fitLogisticL2(X, y, { C: 1, sampleRows: Infinity });
    const fit = await fitLogisticL2(X, y, { C: 1, sampleRows: 1000 });
    expect(fit.sampleRows).toBe(1000);
    expect(fit.converged).toBe(true);
    expect(gradientNorm(X, y, 1, fit.coef, fit.intercept)).toBeLessThanOrEqual(1e-8);
    expect(maxDiff([...fit.coef, fit.intercept], await optimum(X, y))).toBeLessThanOrEqual(1e-6);
    expect(fit.iterations).toBeLessThan(plain.iterations / 2);
  });

  it('uses a sample of ~16k rows by default on a large table, and not on a small one', async () => {
    const { X, y } = synthetic(70000, 4, 6);
    const fit = await fitLogisticL2(X, y, { C: 0.5 });
    expect(fit.sampleRows).toBe(17500);
    expect(fit.converged).toBe(true);
    expect(maxDiff([...fit.coef, fit.intercept], await optimum(X, y, 0.5))).toBeLessThanOrEqual(1e-6);
    const small = synthetic(5000, 4, 6);
    expect((await fitLogisticL2(small.X, small.y, { C: 1 })).sampleRows).toBeUndefined();
  });

  it('matches the reference optimum on the wdbc and Pima fixtures when forced to start from a sample', async () => {
    for (const [name, csv] of [['wdbc', 'wdbc.csv'], ['pima_diabetes_mean', 'pima_diabetes.csv']]) {
      const text = readFileSync(`src/core/__fixtures__/reference/${name}.json`, 'utf8');
      const fx = JSON.parse(text.replace(/(?<=[:[,]\s*)(-?Infinity|NaN)\b/g, 'null')) as Fixture;
      const { Xtr, ytr } = design(fx, csv);
      const fit = await fitLogisticL2(Xtr, ytr, { C: 1, sampleRows: 60 });
      expect(fit.sampleRows).toBeGreaterThanOrEqual(60);
      expect(fit.converged).toBe(true);
      expect(maxDiff([...fit.coef, fit.intercept], [...OPTIMUM[name].coef, OPTIMUM[name].intercept])).toBeLessThanOrEqual(1e-5);
    }
  });

  it('is not misled by rows sorted by outcome, a sample with one class, a separable sample or a column constant in the sample', async () => {
    const base = synthetic(8000, 3, 7);
    const n = base.X.rows;
    // sorted by outcome: the evenly spaced sample still holds both classes in proportion
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => base.y[a] - base.y[b]);
    const sorted = colMajor(n, 3);
    for (let j = 0; j < 3; j++) order.forEach((r, i) => (sorted.data[j * n + i] = base.X.data[j * n + r]));
    const ySorted = Uint8Array.from(order, (r) => base.y[r]);
    // one class in the sample (stride 20): three events, none on a sampled row
    const yRare = new Uint8Array(n);
    yRare[1] = yRare[503] = yRare[7777] = 1;
    // separable sample: on the sampled rows the outcome is exactly x₀ > 0
    const ySep = base.y.slice();
    for (let i = 0; i < n; i += 20) ySep[i] = base.X.data[i] > 0 ? 1 : 0;
    // a binary column that is 1 on 2% of rows, never on a sampled one: constant in the sample
    const withRare = colMajor(n, 4);
    withRare.data.set(base.X.data);
    for (let i = 3; i < n; i += 50) withRare.data[3 * n + i] = 1;
    const cases: [string, ColMajor, Uint8Array][] = [
      ['sorted', sorted, ySorted],
      ['one class in the sample', base.X, yRare],
      ['separable sample', base.X, ySep],
      ['constant in the sample', withRare, base.y],
    ];
    for (const [what, X, y] of cases) {
      const fit = await fitLogisticL2(X, y, { C: 1, sampleRows: 400 });
      expect(fit.converged, what).toBe(true);
      expect(gradientNorm(X, y, 1, fit.coef, fit.intercept), what).toBeLessThanOrEqual(1e-8);
      // three events in 8,000: an intercept near −8 and a flat optimum, where ‖∇f‖∞ ≤ 1e-8 means |Δ| ~ 1e-5
      const rare = what === 'one class in the sample';
      expect(maxDiff([...fit.coef, fit.intercept], await optimum(X, y)), what).toBeLessThanOrEqual(rare ? 1e-5 : 1e-6);
      if (rare) expect(fit.sampleRows, what).toBeUndefined();
    }
  });

  it('reports monotone progress across both stages and can be cancelled in either', async () => {
    const { X, y } = synthetic(20000, 5, 8);
    const fractions: number[] = [];
    const ctx: RunContext = { checkpoint: (f) => (fractions.push(f), Promise.resolve()) };
    const fit = await fitLogisticL2(X, y, { C: 1, sampleRows: 1000, ctx });
    expect(fit.sampleRows).toBe(1000);
    expect(fractions.length).toBeGreaterThan(fit.iterations); // the sample's iterations report too
    expect(fractions.every((f, i) => f >= 0 && f < 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
    expect(fractions.some((f) => f <= 0.2)).toBe(true);
    expect(fractions[fractions.length - 1]).toBeGreaterThan(0.5);
    for (const at of [1, fractions.length - 1]) {
      let calls = 0;
      const cancel: RunContext = { checkpoint: () => (++calls >= at ? Promise.reject(new Cancelled()) : Promise.resolve()) };
      await expect(fitLogisticL2(X, y, { C: 1, sampleRows: 1000, ctx: cancel })).rejects.toBeInstanceOf(Cancelled);
    }
  });
});

describe('logisticHessian', () => {
  it('equals the derivative of the gradient, by central differences', () => {
    const { X, y } = synthetic(300, 3, 9);
    const C = 0.7;
    const x = Float64Array.of(0.4, -0.3, 0.2, -0.8);
    const H = logisticHessian(X, x, 1 / (C * X.rows));
    const fg = logisticObjective(X, y, C);
    const h = 1e-5;
    const gp = new Float64Array(4);
    const gm = new Float64Array(4);
    for (let b = 0; b < 4; b++) {
      const xp = x.slice(), xm = x.slice();
      xp[b] += h;
      xm[b] -= h;
      fg(xp, gp);
      fg(xm, gm);
      for (let a = b; a < 4; a++) expect(H[a * 4 + b]).toBeCloseTo((gp[a] - gm[a]) / (2 * h), 8);
    }
    // the diagonal of the intercept: mean of σ(1 − σ), no penalty
    let s = 0;
    const m = decisionFunction(X, x.subarray(0, 3), x[3]);
    for (const v of m) s += 1 / (1 + Math.exp(-v)) / (1 + Math.exp(v));
    expect(H[15]).toBeCloseTo(s / X.rows, 14);
  });
});

describe('predictProba and decisionFunction', () => {
  it('give wᵀx + b and a sigmoid that neither overflows nor loses small probabilities', () => {
    const X = fromRows([[0, 0], [1, 2], [-1000, 0], [1000, 0], [-40, 0]]);
    const coef = Float64Array.of(1, -0.5);
    expect(Array.from(decisionFunction(X, coef, 0.25))).toEqual([0.25, 0.25, -999.75, 1000.25, -39.75]);
    const p = predictProba(X, coef, 0.25);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-0.25)), 15);
    expect(p[2]).toBe(0);
    expect(p[3]).toBe(1);
    expect(p[4] / Math.exp(-39.75)).toBeCloseTo(1, 12);
    expect(() => decisionFunction(X, Float64Array.of(1), 0)).toThrow();
  });
});
