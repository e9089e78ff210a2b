/**
 * Unpenalized logistic regression by maximum likelihood, as R's `glm(family = binomial)`: Newton–Raphson
 * with Wald standard errors, odds ratios with 95% CIs and p-values; constant and collinear features left
 * out (NA), separation detected (see ../../logistic-mle.ts).
 */
import { z } from 'zod';
import type { ModelDefinition } from '../../registry/definition';
import { featureIndices, readWald, waldFileFields, waldProblems, writeWald } from './wald-file';
import { decisionMle, fitLogisticMle, predictMle, type MleFit } from '../../logistic-mle';
import { unaffectedFit } from '../../separation-limit';
import { oddsRatiosFor } from '../../../train/odds-ratios';
import type { TrainWarning } from '../../../train/report';
import { sklearnStep, pysparkStep } from '../logreg/python';

export interface MleSpec {
  kind: 'logreg-mle';
}
export interface MleModel {
  kind: 'logreg-mle';
  fit: MleFit;
  /**
   * Under quasi-complete separation, the MLE of the unaffected predictors (../../separation-limit.ts),
   * for the odds-ratio table only; not written to the model file (scoring uses \`fit\`).
   */
  unaffected?: MleFit;
}

const problem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('separation'), complete: z.boolean(), features: featureIndices }),
  z.strictObject({ kind: z.literal('collinearity'), features: featureIndices }),
  z.strictObject({ kind: z.literal('constant'), features: featureIndices }),
  z.strictObject({ kind: z.literal('not-converged') }),
]);

const fileSchema = z.strictObject({ kind: z.literal('logreg-mle'), ...waldFileFields, problems: z.array(problem) });
export type MleFile = z.infer<typeof fileSchema>;

export const logregMle: ModelDefinition<MleSpec, MleModel, MleFile> = {
  kind: 'logreg-mle',
  defaults: { kind: 'logreg-mle' },
  spec: z.strictObject({ kind: z.literal('logreg-mle') }),
  fields: [],
  fromFields: () => ({ kind: 'logreg-mle' }),
  toFields: () => ({}),
  traits: { linear: true, iterative: false, stopsEarly: false, hasOddsRatios: true, probability: 'native', unit: 'log-odds' },
  async fit(_, X, y, o) {
    const fit = await fitLogisticMle(X, y, { ctx: o.ctx });
    const names = (idx: number[]) => idx.map((j) => o.featureNames[j]);
    const warnings: TrainWarning[] = [];
    for (const p of fit.problems) {
      if (p.kind === 'separation') warnings.push({ code: 'separation', features: names(p.features) });
      else if (p.kind === 'collinearity' || p.kind === 'constant') warnings.push({ code: 'collinearity', features: names(p.features) });
      else warnings.push({ code: 'not-converged', iterations: fit.iterations });
    }
    const separated = fit.problems.flatMap((p) => (p.kind === 'separation' && !p.complete ? p.features : []));
    const unaffected = separated.length > 0 ? await unaffectedFit(X, y, separated, o.ctx) : null;
    return { model: { kind: 'logreg-mle', fit, ...(unaffected ? { unaffected } : {}) }, iterations: fit.iterations, converged: fit.converged, warnings };
  },
  score(m, X) {
    const risk = predictMle(m.fit, X);
    return { risk, rank: risk };
  },
  decision: (m, X) => decisionMle(m.fit, X),
  logit: (_, d) => d,
  weights: (m) => ({ coef: m.fit.coef, intercept: m.fit.intercept }),
  report(m, d) {
    const fit = m.fit;
    // with separation the separated predictors have no finite estimate; the others keep theirs when the
    // limit fit exists (marked rows, the warning says why); without convergence there is no table
    const separated = fit.problems.flatMap((p) => (p.kind === 'separation' ? p.features : []));
    const rows = fit.converged ? oddsRatiosFor(fit, d) : m.unaffected ? oddsRatiosFor(m.unaffected, d, undefined, separated) : undefined;
    return {
      fitSummary: { deviance: fit.deviance, nullDeviance: fit.nullDeviance, aic: fit.aic },
      ...(rows ? { oddsRatios: rows } : {}),
    };
  },
  file: {
    schema: fileSchema,
    write: (m) => ({ kind: 'logreg-mle', ...writeWald(m.fit), problems: structuredClone(m.fit.problems) }),
    read: (m) => ({ kind: 'logreg-mle', fit: { ...readWald(m), problems: m.problems } }),
    problems: waldProblems,
  },
  python: {
    describe: () => 'unpenalized logistic regression (maximum likelihood)',
    sklearn: (_, design) => sklearnStep(null, design),
    pyspark: () => pysparkStep(null),
  },
};
