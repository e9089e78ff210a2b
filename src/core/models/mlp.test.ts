import { describe, expect, it } from 'vitest';
import { preparedFixture } from '../__fixtures__/reference/load';
import { fromRows, type ColMajor } from '../linalg/matrix';
import { stratifiedSplit } from '../prep/split';
import { MT19937 } from '../random/mt19937';
import { Cancelled, type RunContext } from '../util/run-context';
import { fitMlp, mlpLossGradient, predictMlp, type MlpFit, type MlpLayer } from './mlp';

// wdbc's standardized design matrices, rebuilt through the real pipeline (as train.test.ts)
async function wdbc(): Promise<{ Xtr: ColMajor; ytr: Uint8Array; Xte: ColMajor; yte: Uint8Array }> {
  const { p } = await preparedFixture('wdbc');
  return { Xtr: p.trainX, ytr: p.trainY, Xte: p.testX, yte: p.testY };
}

const accuracy = (prob: Float64Array, y: Uint8Array): number =>
  prob.reduce((a, v, i) => a + (Number(v > 0.5) === y[i] ? 1 : 0), 0) / y.length;
const flat = (fit: MlpFit): number[] => fit.layers.flatMap((l) => [...l.weights, ...l.bias]);

// scikit-learn 1.2.1 MLPClassifier(hidden_layer_sizes=(16,), random_state=0, max_iter=200) — all other
// parameters default, early_stopping=False — fitted on the same wdbc training matrix (numpy from the
// fixture's rows and scaler): loss_curve_ at some epochs, and predict_proba[:, 1] on the test rows.
const SKLEARN_16 = {
  lossCurve: { 1: 0.5456331435700038, 2: 0.5106574564130384, 3: 0.4800915685489083, 50: 0.13076536614242923, 100: 0.07671796286685542, 150: 0.058461165358433924, 199: 0.04854688783642378, 200: 0.04837532582893421 },
  proba: [0.9983431493985077, 0.882432585346831, 0.9425099160389302, 0.9524684343523013, 0.0009310534115832093, 0.9938236301105586],
  probaSum: 39.98153775215671,
  testAccuracy: 0.9736842105263158,
};
// the same with hidden_layer_sizes=(32, 16), max_iter=30: last loss_curve_ entry and the first probabilities
const SKLEARN_32_16 = { lastLoss: 0.1453262029666371, proba: [0.9899802163328043, 0.800552963247528, 0.6927568216660751] };
// MLPClassifier(hidden_layer_sizes=(16,), random_state=0, early_stopping=True): sklearn watches validation
// *accuracy* (46 rows, a coarse signal) and stops after 24 epochs with test accuracy 0.9298.
const SKLEARN_16_EARLY = { epochs: 24, testAccuracy: 0.9298245614035088 };

describe('mlpLossGradient (the backward pass)', () => {
  it('matches central finite differences on a tiny network with two hidden layers', () => {
    const rng = new MT19937(5);
    const u = (): number => 2 * rng.random() - 1;
    const rows = Array.from({ length: 9 }, () => [u(), u(), u()]);
    const X = fromRows(rows);
    const y = Uint8Array.from(rows, (r, i) => (r[0] * r[1] + 0.3 * r[2] > 0 || i === 4 ? 1 : 0));
    const sizes = [3, 4, 3, 1];
    const layers: MlpLayer[] = sizes.slice(1).map((out, l) => ({
      inputs: sizes[l], outputs: out,
      weights: Float64Array.from({ length: out * sizes[l] }, u), bias: Float64Array.from({ length: out }, () => 0.5 * u()),
    }));
    const alpha = 0.3;
    const { loss, weights, bias } = mlpLossGradient(layers, X, y, alpha);
    expect(loss).toBeGreaterThan(0);
    const h = 1e-6;
    let worst = 0;
    layers.forEach((layer, l) => {
      for (const [param, grad] of [[layer.weights, weights[l]], [layer.bias, bias[l]]] as const) {
        for (let i = 0; i < param.length; i++) {
          const keep = param[i];
          param[i] = keep + h;
          const up = mlpLossGradient(layers, X, y, alpha).loss;
          param[i] = keep - h;
          const down = mlpLossGradient(layers, X, y, alpha).loss;
          param[i] = keep;
          const numeric = (up - down) / (2 * h);
          worst = Math.max(worst, Math.abs(numeric - grad[i]) / Math.max(1e-3, Math.abs(numeric)));
        }
      }
    });
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('fitMlp', () => {
  it('learns XOR with 8 hidden units to 100% training accuracy', async () => {
    const X = fromRows([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = Uint8Array.from([0, 1, 1, 0]);
    const fit = await fitMlp(X, y, { hidden: [8], learningRate: 0.05, maxEpochs: 1000, validationFraction: 0, seed: 0 });
    const p = predictMlp(fit, X);
    expect(accuracy(p, y)).toBe(1);
    expect(fit.loss[fit.loss.length - 1]).toBeLessThan(0.1);
  });

  it('with validationFraction 0 reproduces scikit-learn’s MLPClassifier step for step (weights, shuffles, Adam)', async () => {
    const { Xtr, ytr, Xte, yte } = await wdbc();
    const fit = await fitMlp(Xtr, ytr, { hidden: [16], seed: 0, validationFraction: 0 });
    expect(fit.epochs).toBe(200);
    expect(fit.stoppedEarly).toBe(false);
    expect(fit.validationLoss).toEqual([]);
    for (const [epoch, value] of Object.entries(SKLEARN_16.lossCurve)) expect(Math.abs(fit.loss[Number(epoch) - 1] - value)).toBeLessThan(1e-12);
    const p = predictMlp(fit, Xte);
    SKLEARN_16.proba.forEach((v, i) => expect(Math.abs(p[i] - v)).toBeLessThan(1e-12));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(SKLEARN_16.probaSum, 10);
    expect(accuracy(p, yte)).toBe(SKLEARN_16.testAccuracy);

    const deep = await fitMlp(Xtr, ytr, { hidden: [32, 16], seed: 0, validationFraction: 0, maxEpochs: 30 });
    expect(Math.abs(deep.loss[29] - SKLEARN_32_16.lastLoss)).toBeLessThan(1e-12);
    const q = predictMlp(deep, Xte);
    SKLEARN_32_16.proba.forEach((v, i) => expect(Math.abs(q[i] - v)).toBeLessThan(1e-12));
  });

  it('reaches test accuracy ≥ 0.95 on wdbc with the defaults (seed 0), as scikit-learn does within a few points', async () => {
    const { Xtr, ytr, Xte, yte } = await wdbc();
    const fit = await fitMlp(Xtr, ytr, { hidden: [16], seed: 0 });
    const acc = accuracy(predictMlp(fit, Xte), yte);
    expect(acc).toBeGreaterThanOrEqual(0.95);
    expect(acc).toBeCloseTo(0.9736842105263158, 15); // 111 / 114
    expect(Math.abs(acc - SKLEARN_16.testAccuracy)).toBeLessThanOrEqual(0.03);
    // sklearn's own early stopping (on validation accuracy) quits far sooner and lower
    expect(fit.epochs).toBeGreaterThan(SKLEARN_16_EARLY.epochs);
    expect(acc).toBeGreaterThan(SKLEARN_16_EARLY.testAccuracy);
    expect({ epochs: fit.epochs, bestEpoch: fit.bestEpoch, stoppedEarly: fit.stoppedEarly }).toEqual({ epochs: 118, bestEpoch: 108, stoppedEarly: true });
  });

  it('early stopping returns the best validation epoch’s weights', async () => {
    const { Xtr, ytr } = await wdbc();
    const curve: { epoch: number; loss: number; validationLoss: number }[] = [];
    const fit = await fitMlp(Xtr, ytr, { hidden: [16], seed: 3, learningRate: 0.01, onEpoch: (e) => curve.push(e) });
    expect(fit.stoppedEarly).toBe(true);
    expect(fit.epochs).toBe(fit.loss.length);
    expect(fit.validationLoss.length).toBe(fit.epochs);
    expect(curve.map((c) => c.validationLoss)).toEqual(fit.validationLoss);
    expect(curve.map((c) => c.loss)).toEqual(fit.loss);
    const best = Math.min(...fit.validationLoss);
    expect(fit.validationLoss[fit.bestEpoch - 1]).toBe(best);
    expect(fit.bestEpoch).toBeLessThan(fit.epochs);
    expect(fit.epochs - fit.bestEpoch).toBeLessThanOrEqual(11); // patience 10, counted as sklearn's n_iter_no_change
    // the returned weights score the validation rows (stratified 10%, same seed) at the best loss, not the last
    const val = stratifiedSplit(ytr, 0.1, 3).test;
    const Xv = fromRows(Array.from(val, (r) => Array.from({ length: Xtr.cols }, (_, j) => Xtr.data[j * Xtr.rows + r])));
    const pv = predictMlp(fit, Xv);
    const logLoss = pv.reduce((a, v, k) => a - Math.log(ytr[val[k]] ? v : 1 - v), 0) / val.length;
    expect(Math.abs(logLoss - best)).toBeLessThan(1e-12);
    expect(Math.abs(logLoss - fit.validationLoss[fit.epochs - 1])).toBeGreaterThan(1e-6);
  });

  it('is bit-identical for the same seed and differs for another; the fit survives structuredClone', async () => {
    const { Xtr, ytr, Xte } = await wdbc();
    const opts = { hidden: [8, 4], maxEpochs: 15 };
    const a = await fitMlp(Xtr, ytr, { ...opts, seed: 11 });
    const b = await fitMlp(Xtr, ytr, { ...opts, seed: 11 });
    const c = await fitMlp(Xtr, ytr, { ...opts, seed: 12 });
    expect(flat(a)).toEqual(flat(b));
    expect(a.loss).toEqual(b.loss);
    expect(a.validationLoss).toEqual(b.validationLoss);
    expect(flat(a)).not.toEqual(flat(c));
    expect(a.layers.map((l) => [l.inputs, l.outputs])).toEqual([[30, 8], [8, 4], [4, 1]]);
    expect(Array.from(predictMlp(structuredClone(a), Xte))).toEqual(Array.from(predictMlp(a, Xte)));
  });

  it('predicts one probability in [0, 1] per row, in blocks, without NaN for extreme inputs', async () => {
    const { Xtr, ytr } = await wdbc();
    const fit = await fitMlp(Xtr, ytr, { hidden: [16], seed: 1, maxEpochs: 20 });
    const n = 2500; // more than one block of rows
    const rng = new MT19937(9);
    const X: ColMajor = { rows: n, cols: 30, data: Float64Array.from({ length: n * 30 }, (_, i) => (i % 7 === 0 ? 1e6 : 1) * (rng.random() * 8 - 4)) };
    const p = predictMlp(fit, X);
    expect(p.length).toBe(n);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(p.some((v) => v === 0 || v === 1)).toBe(true);
    // block boundaries change nothing: a single row predicts the same
    const row = 1500;
    const one = predictMlp(fit, { rows: 1, cols: 30, data: Float64Array.from({ length: 30 }, (_, j) => X.data[j * n + row]) });
    expect(one[0]).toBe(p[row]);
    expect(predictMlp(fit, { rows: 0, cols: 30, data: new Float64Array(0) }).length).toBe(0);
  });

  it('checks in with the run context and stops on Cancelled', async () => {
    const { Xtr, ytr } = await wdbc();
    const fractions: number[] = [];
    const ctx: RunContext = {
      checkpoint: (f) => {
        fractions.push(f);
        return fractions.length === 3 ? Promise.reject(new Cancelled()) : Promise.resolve();
      },
    };
    await expect(fitMlp(Xtr, ytr, { hidden: [4], seed: 0, maxEpochs: 50, ctx })).rejects.toBeInstanceOf(Cancelled);
    // one per epoch (k/50), and mid-epoch ones when an epoch runs long (a busy machine): increasing, never ahead of the epochs
    expect(fractions).toHaveLength(3);
    fractions.forEach((f, i) => {
      expect(f).toBeGreaterThan(i === 0 ? 0 : fractions[i - 1]);
      expect(f).toBeLessThanOrEqual((i + 1) / 50 + 1e-12);
    });
  });

  it('rejects bad options', async () => {
    const X = fromRows([[0], [1], [2], [3]]);
    const y = Uint8Array.from([0, 1, 0, 1]);
    await expect(fitMlp(X, y, { hidden: [], seed: 0 })).rejects.toThrow(/hidden/);
    await expect(fitMlp(X, y, { hidden: [2.5], seed: 0 })).rejects.toThrow(/hidden/);
    await expect(fitMlp(X, y, { hidden: [2], seed: 0, validationFraction: 1 })).rejects.toThrow(/validationFraction/);
    await expect(fitMlp(X, Uint8Array.from([0, 1, 2, 1]), { hidden: [2], seed: 0 })).rejects.toThrow(/label/);
    expect(() => predictMlp({ layers: [{ inputs: 2, outputs: 1, weights: new Float64Array(2), bias: new Float64Array(1) }] }, X)).toThrow(/columns/);
  });
});
