import { describe, expect, it } from 'vitest';
import { type FixtureName, preparedFixture } from '../__fixtures__/reference/load';
import { fromRows, type ColMajor } from '../linalg/matrix';
import { Cancelled, type RunContext } from '../util/run-context';
import { DIVERGE_FACTOR, fitGradientDescent, logisticLoss } from './gradient-descent';
import { fitLogisticL2 } from './logistic';

// the fixture's standardized training matrix, rebuilt through the real pipeline (as train.test.ts)
async function trainingMatrix(name: FixtureName): Promise<{ X: ColMajor; y: Uint8Array }> {
  const { p } = await preparedFixture(name);
  return { X: p.trainX, y: p.trainY };
}

// L = ‖[X 1]‖₂²/(4n) + 1/(Cn): the Lipschitz constant of ∇J (σ' ≤ ¼), ‖·‖₂² by power iteration on [X 1]ᵀ[X 1]
function smoothness(X: ColMajor, C: number): number {
  const n = X.rows, p = X.cols;
  let v = new Float64Array(p + 1).fill(1);
  let lambda = 0;
  for (let it = 0; it < 500; it++) {
    const u = new Float64Array(n).fill(v[p]);
    for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) u[i] += X.data[j * n + i] * v[j];
    const w = new Float64Array(p + 1);
    for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) w[j] += X.data[j * n + i] * u[i];
    for (let i = 0; i < n; i++) w[p] += u[i];
    lambda = Math.hypot(...w);
    v = w.map((x) => x / lambda);
  }
  return lambda / (4 * n) + 1 / (C * n);
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('fitGradientDescent', () => {
  it('evaluates J as logreg’s objective divided by C·n: log 2 at the origin, its minimum at fitLogisticL2’s optimum', async () => {
    const { X, y } = await trainingMatrix('pima_diabetes_drop');
    expect(logisticLoss(X, y, new Float64Array(X.cols), 0, 1)).toBeCloseTo(Math.LN2, 14);
    const opt = await fitLogisticL2(X, y, { C: 1 });
    const jOpt = logisticLoss(X, y, opt.coef, opt.intercept, 1);
    expect(jOpt).toBeCloseTo(opt.loss, 14);
    const moved = opt.coef.slice();
    moved[1] += 1e-3;
    expect(logisticLoss(X, y, moved, opt.intercept, 1)).toBeGreaterThan(jOpt);
  });

  it('full batch with η = 1/L: the loss never increases and the run converges to fitLogisticL2’s optimum (pima)', async () => {
    const { X, y } = await trainingMatrix('pima_diabetes_drop');
    const L = smoothness(X, 1);
    expect(L).toBeGreaterThan(0.25); // ≥ ‖1‖²/(4n) = ¼
    const curve: number[] = [];
    const fit = await fitGradientDescent(X, y, {
      C: 1, learningRate: 1 / L, epochs: 20000, tol: 1e-8, onEpoch: ({ epoch, loss }) => curve[epoch - 1] = loss,
    });
    expect(fit.converged).toBe(true);
    expect(fit.diverged).toBe(false);
    expect(fit.epochs).toBe(fit.loss.length);
    expect(curve).toEqual(fit.loss);
    expect(fit.epochs).toBeLessThan(20000);
    for (let e = 1; e < fit.loss.length; e++) expect(fit.loss[e]).toBeLessThanOrEqual(fit.loss[e - 1] + 1e-15);
    expect(fit.loss[0]).toBeLessThan(Math.LN2);
    const opt = await fitLogisticL2(X, y, { C: 1 });
    expect(maxDiff(fit.coef, opt.coef)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(fit.intercept - opt.intercept)).toBeLessThanOrEqual(1e-4);
    expect(fit.loss[fit.loss.length - 1] - opt.loss).toBeLessThan(1e-9);
  });

  it('η = 100 on standardized wdbc is reported as diverged after the first epoch, with finite parameters', async () => {
    const { X, y } = await trainingMatrix('wdbc');
    const fit = await fitGradientDescent(X, y, { C: 1, learningRate: 100, epochs: 500 });
    // the first step jumps from J = log 2 to J ≈ 30.6 (> 10·log 2); left running, J would oscillate
    // chaotically between ~0.2 and ~60 without overflowing (the log-loss is Lipschitz)
    expect(fit.diverged).toBe(true);
    expect(fit.converged).toBe(false);
    expect(fit.epochs).toBe(1);
    expect(fit.loss[0]).toBeGreaterThan(DIVERGE_FACTOR * Math.LN2);
    expect(fit.loss[0]).toBeCloseTo(30.6, 1);
    expect(fit.coef.every(Number.isFinite) && Number.isFinite(fit.intercept)).toBe(true);
    expect(logisticLoss(X, y, fit.coef, fit.intercept, 1)).toBe(fit.loss[0]);
    // η = 10 (far above 2/L ≈ 0.6) still converges: away from the origin the log-loss is much flatter than L says
    const ten = await fitGradientDescent(X, y, { C: 1, learningRate: 10, epochs: 1000 });
    expect(ten.diverged).toBe(false);
    expect(ten.converged).toBe(true);
  });

  it('an overflowing step keeps the last finite point (here the origin) and never returns NaN', async () => {
    const { X, y } = await trainingMatrix('wdbc');
    const fit = await fitGradientDescent(X, y, { C: 1, learningRate: 1e306, epochs: 10 });
    expect(fit.diverged).toBe(true);
    expect(fit.epochs).toBe(0);
    expect(fit.loss).toEqual([]);
    expect(Array.from(fit.coef)).toEqual(new Array(X.cols).fill(0));
    expect(fit.intercept).toBe(0);
  });

  it('mini-batch SGD: same seed → identical, different seed → different; a batch of n rows equals full batch', async () => {
    const { X, y } = await trainingMatrix('pima_diabetes_drop');
    const opts = { C: 1, learningRate: 0.05, epochs: 30, batchSize: 32 };
    const a = await fitGradientDescent(X, y, { ...opts, seed: 7 });
    const b = await fitGradientDescent(X, y, { ...opts, seed: 7 });
    const c = await fitGradientDescent(X, y, { ...opts, seed: 8 });
    expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
    expect(a.loss).toEqual(b.loss);
    expect(maxDiff(a.coef, c.coef)).toBeGreaterThan(1e-6);
    expect(a.loss[29]).toBeLessThan(a.loss[0]);
    const opt = await fitLogisticL2(X, y, { C: 1 });
    // 300 steps of η = 0.05 reach J within 1% of the minimum (0.4610 vs 0.4565), coefficients still ~0.25 off along flat directions
    expect(a.loss[29] - opt.loss).toBeLessThan(0.01 * opt.loss);
    expect(a.loss[29]).toBeGreaterThan(opt.loss);

    const full = await fitGradientDescent(X, y, { C: 1, learningRate: 0.5, epochs: 200 });
    for (const batchSize of [X.rows, X.rows + 5]) {
      const mb = await fitGradientDescent(X, y, { C: 1, learningRate: 0.5, epochs: 200, batchSize, seed: 3 });
      expect(mb.epochs).toBe(full.epochs);
      expect(maxDiff(mb.coef, full.coef)).toBeLessThan(1e-12);
      expect(maxDiff(mb.loss, full.loss)).toBeLessThan(1e-12);
    }
  });

  it('gathers batches across chunk boundaries correctly (batch larger than the gather chunk)', async () => {
    // 1500 rows, batch 1100 (> 512-row chunks): one SGD step equals the hand-computed step
    const n = 1500;
    const rows = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(3 * i), ((i * 7) % 11) / 11 - 0.5]);
    const X = fromRows(rows);
    const y = Uint8Array.from(rows, (r) => (r[0] + r[1] > 0 ? 1 : 0));
    const fit = await fitGradientDescent(X, y, { C: 2, learningRate: 0.3, epochs: 1, batchSize: n, seed: 1 });
    const g = [0, 0, 0, 0];
    rows.forEach((r, i) => {
      const res = 0.5 - y[i]; // σ(0) − y
      r.forEach((v, j) => (g[j] += (v * res) / n));
      g[3] += res / n;
    });
    expect(maxDiff([...fit.coef, fit.intercept], g.map((v) => -0.3 * v))).toBeLessThan(1e-15);
    const big = await fitGradientDescent(X, y, { C: 2, learningRate: 0.3, epochs: 5, batchSize: 1100, seed: 1 });
    expect(big.loss[4]).toBeLessThan(big.loss[0]);
  });

  it('checks in with the run context every epoch and stops on Cancelled', async () => {
    const { X, y } = await trainingMatrix('pima_diabetes_drop');
    const fractions: number[] = [];
    const ctx: RunContext = {
      checkpoint: (f) => {
        fractions.push(f);
        return fractions.length === 5 ? Promise.reject(new Cancelled()) : Promise.resolve();
      },
    };
    await expect(fitGradientDescent(X, y, { C: 1, learningRate: 0.1, epochs: 100, ctx })).rejects.toBeInstanceOf(Cancelled);
    expect(fractions).toEqual([0.01, 0.02, 0.03, 0.04, 0.05]);
  });

  it('rejects bad input', async () => {
    const X = fromRows([[0], [1]]);
    const y = Uint8Array.from([0, 1]);
    await expect(fitGradientDescent(X, y, { C: 1, learningRate: 0, epochs: 1 })).rejects.toThrow(/learningRate/);
    await expect(fitGradientDescent(X, y, { C: 0, learningRate: 1, epochs: 1 })).rejects.toThrow(/C must/);
    await expect(fitGradientDescent(X, Uint8Array.from([0, 2]), { C: 1, learningRate: 1, epochs: 1 })).rejects.toThrow(/label/);
    await expect(fitGradientDescent(X, y, { C: 1, learningRate: 1, epochs: 1, batchSize: 0 })).rejects.toThrow(/batchSize/);
  });
});
