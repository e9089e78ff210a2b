/**
 * Unpenalized logistic regression by maximum likelihood, as R's `glm(family = binomial)`: Newton–Raphson
 * with Wald standard errors, odds ratios with 95% CIs and p-values; constant and collinear features left
 * out (NA), separation detected (see ../../logistic-mle.ts).
 */
import { z } from 'zod';
import type { ModelDefinition } from '../../registry/definition';
import { lengthProblem } from '../../registry/definition';
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

const count = z.number().int().nonnegative();
const stat = z.number().nullable();
const indices = z.array(count);
const problem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('separation'), complete: z.boolean(), features: indices }),
  z.strictObject({ kind: z.literal('collinearity'), features: indices }),
  z.strictObject({ kind: z.literal('constant'), features: indices }),
  z.strictObject({ kind: z.literal('not-converged') }),
]);

const fileSchema = z.strictObject({
  kind: z.literal('logreg-mle'),
  /** null: a feature dropped as constant or collinear (R's NA; it contributes nothing to a prediction). */
  coef: z.array(z.number().nullable()),
  intercept: z.number(),
  se: z.array(stat),
  z: z.array(stat),
  p: z.array(stat),
  interceptSe: stat,
  interceptZ: stat,
  interceptP: stat,
  /** (features + 1)², row-major, intercept last. */
  covariance: z.array(stat),
  logLik: stat,
  deviance: stat,
  nullDeviance: stat,
  aic: stat,
  iterations: count,
  converged: z.boolean(),
  problems: z.array(problem),
});
export type MleFile = z.infer<typeof fileSchema>;

/** A statistic: NaN or ±Infinity (undefined) as null. */
const statOut = (v: number): number | null => (Number.isFinite(v) ? v : null);
const statsOut = (a: Float64Array): (number | null)[] => Array.from(a, statOut);
const back = (a: readonly (number | null)[]): Float64Array => Float64Array.from(a, (v) => v ?? NaN);

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
    write(m) {
      const f = m.fit;
      return {
        kind: 'logreg-mle', coef: statsOut(f.coef), intercept: f.intercept, se: statsOut(f.se), z: statsOut(f.z), p: statsOut(f.p),
        interceptSe: statOut(f.interceptSe), interceptZ: statOut(f.interceptZ), interceptP: statOut(f.interceptP), covariance: statsOut(f.covariance),
        logLik: statOut(f.logLik), deviance: statOut(f.deviance), nullDeviance: statOut(f.nullDeviance), aic: statOut(f.aic),
        iterations: f.iterations, converged: f.converged, problems: structuredClone(f.problems),
      };
    },
    read(m) {
      return {
        kind: 'logreg-mle',
        fit: {
          coef: back(m.coef), intercept: m.intercept, se: back(m.se), interceptSe: m.interceptSe ?? NaN, z: back(m.z), p: back(m.p),
          interceptZ: m.interceptZ ?? NaN, interceptP: m.interceptP ?? NaN, covariance: back(m.covariance), logLik: m.logLik ?? NaN,
          deviance: m.deviance ?? NaN, nullDeviance: m.nullDeviance ?? NaN, aic: m.aic ?? NaN, iterations: m.iterations,
          converged: m.converged, problems: m.problems,
        },
      };
    },
    problems(m, p) {
      const out = [
        ...lengthProblem('coef', m.coef.length, p),
        ...lengthProblem('se', m.se.length, p),
        ...lengthProblem('z', m.z.length, p),
        ...lengthProblem('p', m.p.length, p),
        ...lengthProblem('covariance', m.covariance.length, (p + 1) * (p + 1), `entries ((features + 1)² with ${p} features)`),
      ];
      const dropped = new Set<number>();
      for (const problem of m.problems) {
        if (problem.kind === 'not-converged') continue;
        if (problem.features.some((j) => j >= p)) out.push(`“model.problems” names a feature beyond the ${p} features`);
        if (problem.kind !== 'separation') for (const j of problem.features) dropped.add(j);
      }
      m.coef.forEach((c, j) => {
        if (c === null && !dropped.has(j)) out.push(`“model.coef[${j}]” is empty (null), but that feature is not listed as dropped (constant or collinear)`);
        if (c !== null && dropped.has(j)) out.push(`“model.coef[${j}]” has a value, but that feature is listed as dropped`);
      });
      return out;
    },
  },
  python: {
    describe: () => 'unpenalized logistic regression (maximum likelihood)',
    sklearn: (_, design) => sklearnStep(null, design),
    pyspark: () => pysparkStep(null),
  },
};
