/**
 * L2-penalized logistic regression, scikit-learn's `LogisticRegression(C=1)`: ½‖w‖² + C·Σ log-loss,
 * the intercept not penalized, solved to ‖∇‖∞ ≤ 1e-8 (see ../../logistic.ts).
 */
import { z } from 'zod';
import type { ColMajor } from '../../../linalg/matrix';
import type { ModelDefinition } from '../../registry/definition';
import { lengthProblem } from '../../registry/definition';
import { decisionFunction, fitLogisticL2, predictProba } from '../../logistic';
import { sklearnStep, pysparkStep } from './python';

export interface LogregSpec {
  kind: 'logreg';
  C: number;
}
export interface LogregModel {
  kind: 'logreg';
  coef: Float64Array;
  intercept: number;
}
export interface LogregFile {
  kind: 'logreg';
  coef: number[];
  intercept: number;
}

export const positive = z.number().positive();

/**
 * What every logistic model with plain weights shares (this one, and gradient descent's): risk =
 * σ(wᵀz + b), the decision is the log-odds, the model file holds w and b.
 */
export function logisticParts<K extends string>(kind: K) {
  type Model = { kind: K; coef: Float64Array; intercept: number };
  type File = { kind: K; coef: number[]; intercept: number };
  return {
    score(m: Model, X: ColMajor) {
      const risk = predictProba(X, m.coef, m.intercept);
      return { risk, rank: risk };
    },
    decision: (m: Model, X: ColMajor) => decisionFunction(X, m.coef, m.intercept),
    logit: (_: Model, d: Float64Array) => d,
    weights: (m: Model) => ({ coef: m.coef, intercept: m.intercept }),
    file: {
      /** Finite numbers, one per feature. */
      schema: z.strictObject({ kind: z.literal(kind), coef: z.array(z.number()), intercept: z.number() }) as unknown as z.ZodType<File>,
      write: (m: Model): File => ({ kind: m.kind, coef: Array.from(m.coef), intercept: m.intercept }),
      read: (p: File): Model => ({ kind: p.kind, coef: Float64Array.from(p.coef), intercept: p.intercept }),
      problems: (p: File, features: number) => lengthProblem('coef', p.coef.length, features),
    },
  };
}

export const logreg: ModelDefinition<LogregSpec, LogregModel, LogregFile> = {
  kind: 'logreg',
  defaults: { kind: 'logreg', C: 1 },
  spec: z.strictObject({ kind: z.literal('logreg'), C: positive }),
  fields: ['C'],
  fromFields: (h) => ({ kind: 'logreg', C: h.C }),
  toFields: (s) => ({ C: s.C }),
  traits: { linear: true, iterative: false, stopsEarly: false, hasOddsRatios: false, probability: 'native', unit: 'log-odds' },
  async fit(spec, X, y, o) {
    const fit = await fitLogisticL2(X, y, { C: spec.C, ctx: o.ctx });
    return {
      model: { kind: 'logreg', coef: fit.coef, intercept: fit.intercept },
      iterations: fit.iterations,
      converged: fit.converged,
      warnings: fit.converged ? [] : [{ code: 'not-converged', iterations: fit.iterations }],
    };
  },
  ...logisticParts('logreg'),
  python: {
    describe: (s) => `L2-penalized logistic regression, C = ${s.C}`,
    sklearn: (s, design) => sklearnStep(s.C, design),
    pyspark: (s) => pysparkStep(s.C),
  },
};
