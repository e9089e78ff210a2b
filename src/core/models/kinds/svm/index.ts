/**
 * The linear SVM, libsvm's `SVC(kernel='linear', C=1)`: ½‖w‖² + C·Σ hinge, solved exactly (../../svm.ts);
 * its risks are Platt-scaled decision values fitted on the training rows (../../platt.ts).
 */
import { z } from 'zod';
import type { ModelDefinition } from '../../registry/definition';
import { lengthProblem } from '../../registry/definition';
import { decisionSvm, fitLinearSvm } from '../../svm';
import { applyPlatt, fitPlatt, type PlattParams } from '../../platt';
import { positive } from '../logreg';
import { sklearnStep, pysparkStep } from './python';

export interface SvmSpec {
  kind: 'svm';
  C: number;
}
export interface SvmModel {
  kind: 'svm';
  coef: Float64Array;
  intercept: number;
  platt: PlattParams;
}
export interface SvmFile {
  kind: 'svm';
  coef: number[];
  intercept: number;
  platt: { A: number; B: number };
}

export const svm: ModelDefinition<SvmSpec, SvmModel, SvmFile> = {
  kind: 'svm',
  defaults: { kind: 'svm', C: 1 },
  spec: z.strictObject({ kind: z.literal('svm'), C: positive }),
  fields: ['C'],
  fromFields: (h) => ({ kind: 'svm', C: h.C }),
  toFields: (s) => ({ C: s.C }),
  traits: { linear: true, iterative: false, stopsEarly: false, hasOddsRatios: false, probability: 'platt', unit: 'svm-margin' },
  async fit(spec, X, y, o) {
    const fit = await fitLinearSvm(X, y, { C: spec.C, ctx: o.ctx });
    const platt = fitPlatt(decisionSvm(fit, X), y);
    return {
      model: { kind: 'svm', coef: fit.coef, intercept: fit.intercept, platt },
      iterations: fit.iterations,
      converged: fit.converged,
      warnings: fit.converged ? [] : [{ code: 'not-converged', iterations: fit.iterations }],
    };
  },
  score(m, X) {
    const rank = decisionSvm(m, X);
    return { risk: applyPlatt(m.platt, rank), rank };
  },
  decision: (m, X) => decisionSvm(m, X),
  // Platt: P = 1 / (1 + e^(A f + B)), so the log-odds are −(A f + B)
  logit: (m, d) => d.map((f) => -(m.platt.A * f + m.platt.B)),
  weights: (m) => ({ coef: m.coef, intercept: m.intercept }),
  report: () => ({ probabilityNote: 'platt' }),
  file: {
    schema: z.strictObject({ kind: z.literal('svm'), coef: z.array(z.number()), intercept: z.number(), platt: z.strictObject({ A: z.number(), B: z.number() }) }),
    write: (m) => ({ kind: 'svm', coef: Array.from(m.coef), intercept: m.intercept, platt: { A: m.platt.A, B: m.platt.B } }),
    read: (p) => ({ kind: 'svm', coef: Float64Array.from(p.coef), intercept: p.intercept, platt: { A: p.platt.A, B: p.platt.B } }),
    problems: (p, features) => lengthProblem('coef', p.coef.length, features),
  },
  python: {
    describe: (s) => `linear SVM, C = ${s.C}, risks by Platt scaling`,
    sklearn: (s, design) => sklearnStep(s.C, design),
    pyspark: (s) => pysparkStep(s.C),
  },
};
