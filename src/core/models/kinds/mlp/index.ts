/**
 * A small neural network, scikit-learn's `MLPClassifier` (ReLU, Adam, Glorot start), with early stopping
 * on a stratified 10% of the training rows (../../mlp.ts). Not linear: a patient's contributions are
 * measured by occlusion, and it has no weights to show.
 */
import { z } from 'zod';
import type { ModelDefinition } from '../../registry/definition';
import type { LossPoint } from '../../../train/report';
import { fitMlp, mlpLogits, predictMlp, type MlpFit } from '../../mlp';
import { positive } from '../logreg';
import { sklearnStep, pysparkStep } from './python';

export interface MlpSpec {
  kind: 'mlp';
  hidden: number[];
  alpha: number;
  learningRate: number;
  maxEpochs: number;
}
export interface MlpModel {
  kind: 'mlp';
  fit: MlpFit;
}

const count = z.number().int().nonnegative();
const fileSchema = z.strictObject({
  kind: z.literal('mlp'),
  layers: z.array(z.strictObject({ inputs: count, outputs: count, weights: z.array(z.number()), bias: z.array(z.number()) })).min(1),
  epochs: count,
  bestEpoch: count,
  stoppedEarly: z.boolean(),
});
export type MlpFile = z.infer<typeof fileSchema>;

/** scikit-learn's default share of training rows held out for early stopping (validation_fraction). */
const VALIDATION = 0.1;

/**
 * VALIDATION, or 0 (no early stopping: the training loss is watched) when the training rows are too few
 * for the network's stratified hold-out, which needs ≥ 2 rows of each class and ≥ 2 rows on each side.
 */
function earlyStoppingShare(y: Uint8Array): number {
  const n = y.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const held = Math.ceil(VALIDATION * n);
  return Math.min(events, n - events) >= 2 && held >= 2 && n - held >= 2 ? VALIDATION : 0;
}

export const mlp: ModelDefinition<MlpSpec, MlpModel, MlpFile> = {
  kind: 'mlp',
  /**
   * scikit-learn's defaults (alpha 1e-4, 200 epochs) except Adam's step: 0.01 instead of 0.001, because
   * clinical tables are small (a few hundred rows make one or two batches of 200 per epoch) and 200
   * epochs at 0.001 leave such a network far from trained.
   */
  defaults: { kind: 'mlp', hidden: [16], alpha: 1e-4, learningRate: 0.01, maxEpochs: 200 },
  spec: z.strictObject({
    kind: z.literal('mlp'),
    hidden: z.array(z.number().int().min(1).max(512)).min(1).max(2),
    alpha: z.number().nonnegative(),
    learningRate: positive,
    maxEpochs: z.number().int().positive(),
  }),
  fields: ['hidden', 'learningRate', 'epochs'],
  fromFields: (h) => ({ kind: 'mlp', hidden: h.hidden, alpha: 1e-4, learningRate: h.learningRate, maxEpochs: h.epochs }),
  toFields: (s) => ({ hidden: s.hidden, learningRate: s.learningRate, epochs: s.maxEpochs }),
  traits: { linear: false, iterative: true, stopsEarly: true, hasOddsRatios: false, probability: 'native', unit: 'log-odds' },
  async fit(spec, X, y, o) {
    const lossCurve: LossPoint[] = [];
    const fit = await fitMlp(X, y, {
      hidden: spec.hidden,
      alpha: spec.alpha,
      learningRate: spec.learningRate,
      maxEpochs: spec.maxEpochs,
      validationFraction: earlyStoppingShare(y),
      seed: o.seed,
      ctx: o.ctx,
      onEpoch: (p) => {
        const point = { epoch: p.epoch, loss: p.loss, validationLoss: Number.isNaN(p.validationLoss) ? undefined : p.validationLoss };
        lossCurve.push(point);
        o.onEpoch?.(point);
      },
    });
    const converged = fit.stoppedEarly || fit.epochs < spec.maxEpochs;
    return {
      model: { kind: 'mlp', fit },
      iterations: fit.epochs,
      converged,
      warnings: converged ? [] : [{ code: 'not-converged', iterations: fit.epochs }],
      lossCurve,
    };
  },
  score(m, X) {
    const risk = predictMlp(m.fit, X);
    return { risk, rank: risk };
  },
  decision: (m, X) => mlpLogits(m.fit.layers, X),
  logit: (_, d) => d,
  weights: () => null,
  file: {
    schema: fileSchema,
    write: (m) => ({
      kind: 'mlp',
      layers: m.fit.layers.map((l) => ({ inputs: l.inputs, outputs: l.outputs, weights: Array.from(l.weights), bias: Array.from(l.bias) })),
      epochs: m.fit.epochs,
      bestEpoch: m.fit.bestEpoch,
      stoppedEarly: m.fit.stoppedEarly,
    }),
    read: (p) => ({
      kind: 'mlp',
      fit: {
        layers: p.layers.map((l) => ({ inputs: l.inputs, outputs: l.outputs, weights: Float64Array.from(l.weights), bias: Float64Array.from(l.bias) })),
        epochs: p.epochs, bestEpoch: p.bestEpoch, loss: [], validationLoss: [], stoppedEarly: p.stoppedEarly,
      },
    }),
    problems(m, p) {
      const out: string[] = [];
      let inputs = p;
      m.layers.forEach((l, k) => {
        const where = `“model.layers[${k}]”`;
        if (l.inputs !== inputs) out.push(`${where} expects ${l.inputs} inputs but ${k === 0 ? `the model has ${p} features` : `layer ${k - 1} gives ${inputs}`}`);
        if (l.inputs < 1 || l.outputs < 1) out.push(`${where} has no units`);
        if (l.weights.length !== l.inputs * l.outputs) out.push(`“model.layers[${k}].weights” has ${l.weights.length} values for ${l.inputs} × ${l.outputs}`);
        if (l.bias.length !== l.outputs) out.push(`“model.layers[${k}].bias” has ${l.bias.length} values for ${l.outputs} outputs`);
        inputs = l.outputs;
      });
      if (inputs !== 1) out.push(`the last layer has ${inputs} outputs; the risk needs exactly 1`);
      return out;
    },
  },
  python: {
    describe: (s) => `neural network, hidden layers (${s.hidden.join(', ')}),\n              alpha ${s.alpha}, ` + `Adam learning rate ${s.learningRate}, up to ${s.maxEpochs} epochs`,
    sklearn: (s) => sklearnStep(s.hidden, s.alpha, s.learningRate, s.maxEpochs),
    pyspark: (s) => pysparkStep(s.hidden, s.maxEpochs),
  },
};
