/**
 * The Wald table of a logistic fit as the model file holds it, shared by the unpenalized MLE and Firth's
 * model (both fit by waldFit, ../../logistic-mle.ts): coefficients (null where a feature was dropped as
 * constant or collinear), standard errors, z, p, the covariance, the fit statistics and the iterations.
 * Each kind adds its own `kind`, `problems` and (Firth) profile intervals.
 */
import { z } from 'zod';
import { lengthProblem } from '../../registry/definition';
import type { MleFit } from '../../logistic-mle';

const count = z.number().int().nonnegative();
const stat = z.number().nullable();
export const featureIndices = z.array(count);
export const statistic = stat;

/** The fields, for a kind's strict object schema. */
export const waldFileFields = {
  /** null: a feature dropped as constant or collinear (R's NA; it contributes nothing to a prediction). */
  coef: z.array(z.number().nullable()),
  intercept: z.number(),
  /** Wald's, from (AᵀWA)⁻¹ at the estimate. */
  se: z.array(stat),
  z: z.array(stat),
  p: z.array(stat),
  interceptSe: stat,
  interceptZ: stat,
  interceptP: stat,
  /** (features + 1)², row-major, intercept last. */
  covariance: z.array(stat),
  /** The log-likelihood (Firth: the penalized ℓ*) at the estimate. */
  logLik: stat,
  /** −2ℓ at the estimate, that of the intercept-only fit, and deviance + 2·parameters. */
  deviance: stat,
  nullDeviance: stat,
  aic: stat,
  iterations: count,
  converged: z.boolean(),
};

type WaldFile = { [K in keyof typeof waldFileFields]: z.infer<(typeof waldFileFields)[K]> };
type WaldFit = Omit<MleFit, 'problems'>;

/** A statistic: NaN or ±Infinity (undefined) as null. */
export const statOut = (v: number): number | null => (Number.isFinite(v) ? v : null);
export const statsOut = (a: Float64Array): (number | null)[] => Array.from(a, statOut);
export const back = (a: readonly (number | null)[]): Float64Array => Float64Array.from(a, (v) => v ?? NaN);

export function writeWald(f: WaldFit): WaldFile {
  return {
    coef: statsOut(f.coef), intercept: f.intercept, se: statsOut(f.se), z: statsOut(f.z), p: statsOut(f.p),
    interceptSe: statOut(f.interceptSe), interceptZ: statOut(f.interceptZ), interceptP: statOut(f.interceptP), covariance: statsOut(f.covariance),
    logLik: statOut(f.logLik), deviance: statOut(f.deviance), nullDeviance: statOut(f.nullDeviance), aic: statOut(f.aic),
    iterations: f.iterations, converged: f.converged,
  };
}

export function readWald(m: WaldFile): WaldFit {
  return {
    coef: back(m.coef), intercept: m.intercept, se: back(m.se), interceptSe: m.interceptSe ?? NaN, z: back(m.z), p: back(m.p),
    interceptZ: m.interceptZ ?? NaN, interceptP: m.interceptP ?? NaN, covariance: back(m.covariance), logLik: m.logLik ?? NaN,
    deviance: m.deviance ?? NaN, nullDeviance: m.nullDeviance ?? NaN, aic: m.aic ?? NaN, iterations: m.iterations,
    converged: m.converged,
  };
}

/**
 * What the schema cannot say: lengths against the p features, problems naming features beyond them, and a
 * coefficient that is null exactly where its feature is listed as dropped (constant or collinear; a separated
 * feature keeps its estimate).
 */
export function waldProblems(m: WaldFile & { problems: readonly { kind: string; features?: readonly number[] }[] }, p: number): string[] {
  const out = [
    ...lengthProblem('coef', m.coef.length, p),
    ...lengthProblem('se', m.se.length, p),
    ...lengthProblem('z', m.z.length, p),
    ...lengthProblem('p', m.p.length, p),
    ...lengthProblem('covariance', m.covariance.length, (p + 1) * (p + 1), `entries ((features + 1)² with ${p} features)`),
  ];
  const dropped = new Set<number>();
  for (const problem of m.problems) {
    const features = problem.features ?? [];
    if (features.some((j) => j >= p)) out.push(`“model.problems” names a feature beyond the ${p} features`);
    if (problem.kind === 'constant' || problem.kind === 'collinearity') for (const j of features) dropped.add(j);
  }
  m.coef.forEach((c, j) => {
    if (c === null && !dropped.has(j)) out.push(`“model.coef[${j}]” is empty (null), but that feature is not listed as dropped (constant or collinear)`);
    if (c !== null && dropped.has(j)) out.push(`“model.coef[${j}]” has a value, but that feature is listed as dropped`);
  });
  return out;
}
