/**
 * Logistic regression by plain gradient descent, the teaching example's formula: (1/n)·Σ log-loss +
 * ‖w‖²/(2Cn) (the L2 model's objective divided by Cn, same optimum), full batch or seeded mini-batches,
 * with a live loss curve and the exact optimum as its reference line (../../gradient-descent.ts).
 */
import { z } from 'zod';
import type { ModelDefinition } from '../../registry/definition';
import type { LossPoint, TrainWarning } from '../../../train/report';
import { fitGradientDescent, logisticLoss } from '../../gradient-descent';
import { fitLogisticL2 } from '../../logistic';
import { logisticParts, positive } from '../logreg';
import { sklearnStep, pysparkStep } from './python';

export interface GdSpec {
  kind: 'gd';
  C: number;
  learningRate: number;
  epochs: number;
  /** null: full batch. */
  batchSize: number | null;
}
export interface GdModel {
  kind: 'gd';
  coef: Float64Array;
  intercept: number;
}
export interface GdFile {
  kind: 'gd';
  coef: number[];
  intercept: number;
}

const count = z.number().int().positive();

export const gd: ModelDefinition<GdSpec, GdModel, GdFile> = {
  kind: 'gd',
  defaults: { kind: 'gd', C: 1, learningRate: 0.5, epochs: 200, batchSize: null },
  spec: z.strictObject({ kind: z.literal('gd'), C: positive, learningRate: positive, epochs: count, batchSize: count.nullable() }),
  fields: ['C', 'learningRate', 'epochs', 'batch'],
  fromFields: (h) => ({ kind: 'gd', C: h.C, learningRate: h.learningRate, epochs: h.epochs, batchSize: h.batchSize }),
  toFields: (s) => ({ C: s.C, learningRate: s.learningRate, epochs: s.epochs, batchSize: s.batchSize }),
  traits: { linear: true, iterative: true, stopsEarly: false, hasOddsRatios: false, probability: 'native', unit: 'log-odds' },
  async fit(spec, X, y, o) {
    const lossCurve: LossPoint[] = [];
    const fit = await fitGradientDescent(X, y, {
      C: spec.C,
      learningRate: spec.learningRate,
      epochs: spec.epochs,
      batchSize: spec.batchSize ?? undefined,
      seed: o.seed,
      ctx: o.ctx,
      onEpoch: (p) => {
        lossCurve.push(p);
        o.onEpoch?.(p);
      },
    });
    // the exact optimum of the same objective, for the reference line of the loss curve
    const exact = await fitLogisticL2(X, y, { C: spec.C, ctx: o.ctx });
    const warnings: TrainWarning[] = [];
    if (fit.diverged) warnings.push({ code: 'divergence', epoch: fit.epochs + 1 });
    else if (!fit.converged) warnings.push({ code: 'not-converged', iterations: fit.epochs });
    return {
      model: { kind: 'gd', coef: fit.coef, intercept: fit.intercept },
      iterations: fit.epochs,
      converged: fit.converged,
      warnings,
      lossCurve,
      optimumLoss: logisticLoss(X, y, exact.coef, exact.intercept, spec.C),
    };
  },
  ...logisticParts('gd'),
  python: {
    describe: (s) =>
      `logistic regression by gradient descent,\n              C = ${s.C}, learning rate ${s.learningRate}, ` +
      `${s.epochs} epochs, ${s.batchSize === null ? 'full batch' : `mini-batches of ${s.batchSize}`}`,
    sklearn: (s) => sklearnStep(s.C, s.learningRate, s.epochs, s.batchSize),
    pyspark: (s) => pysparkStep(s.C, s.learningRate, s.epochs, s.batchSize),
  },
};
