/**
 * Firth's bias-reduced logistic regression (R's logistf; brglm2's type = "AS_mean"): the likelihood
 * penalized by Jeffreys' prior, finite estimates even with separation, small-sample bias removed; odds
 * ratios with logistf's profile penalized-likelihood 95% intervals and likelihood-ratio p-values (Wald's
 * where a bound was not found or the data are too large to profile; each row says which). See
 * ../../logistic-firth.ts.
 */
import { z } from 'zod';
import type { ModelDefinition } from '../../registry/definition';
import { lengthProblem } from '../../registry/definition';
import { back, featureIndices, readWald, statistic, statsOut, waldFileFields, waldProblems, writeWald } from '../logreg-mle/wald-file';
import { decisionMle, predictMle } from '../../logistic-mle';
import { fitLogisticFirth, type FirthFit } from '../../logistic-firth';
import { oddsRatiosFor } from '../../../train/odds-ratios';
import type { TrainWarning } from '../../../train/report';
import { sklearnStep, pysparkStep } from './python';

export interface FirthSpec {
  kind: 'logreg-firth';
}
export interface FirthModel {
  kind: 'logreg-firth';
  fit: FirthFit;
}

const problem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('collinearity'), features: featureIndices }),
  z.strictObject({ kind: z.literal('constant'), features: featureIndices }),
  z.strictObject({ kind: z.literal('not-converged') }),
]);

const fileSchema = z.strictObject({
  kind: z.literal('logreg-firth'),
  /** The Wald table (wald-file.ts); logLik is the penalized ℓ*, deviance −2ℓ, nullDeviance that of Firth's intercept-only fit (brglm2's). */
  ...waldFileFields,
  problems: z.array(problem),
  /**
   * logistf's profile penalized-likelihood 95% bounds (z-score scale, as coef) and likelihood-ratio
   * p-values per feature, null where not found (Wald's then); the whole field null when not computed,
   * `profileSkipped` saying why.
   */
  profile: z.strictObject({ low: z.array(statistic), high: z.array(statistic), p: z.array(statistic) }).nullable(),
  profileSkipped: z.enum(['not-requested', 'too-large', 'not-converged']).nullable(),
});
export type FirthFile = z.infer<typeof fileSchema>;

export const logregFirth: ModelDefinition<FirthSpec, FirthModel, FirthFile> = {
  kind: 'logreg-firth',
  // no hyperparameter: the penalty is Jeffreys' prior, fixed (logistf's and brglm2's default)
  defaults: { kind: 'logreg-firth' },
  spec: z.strictObject({ kind: z.literal('logreg-firth') }),
  fields: [],
  fromFields: () => ({ kind: 'logreg-firth' }),
  toFields: () => ({}),
  traits: { linear: true, iterative: false, stopsEarly: false, hasOddsRatios: true, probability: 'native', unit: 'log-odds' },
  async fit(_, X, y, o) {
    const fit = await fitLogisticFirth(X, y, { ctx: o.ctx, profile: o.inference ?? false });
    const names = (idx: number[]) => idx.map((j) => o.featureNames[j]);
    const warnings: TrainWarning[] = [];
    for (const p of fit.problems) {
      if (p.kind === 'collinearity' || p.kind === 'constant') warnings.push({ code: 'collinearity', features: names(p.features) });
      else if (p.kind === 'not-converged') warnings.push({ code: 'not-converged', iterations: fit.iterations });
    }
    return { model: { kind: 'logreg-firth', fit }, iterations: fit.iterations, converged: fit.converged, warnings };
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
    // the rows take the profile bounds and p-values where they were found, Wald's elsewhere, and say which
    return {
      fitSummary: { deviance: fit.deviance, nullDeviance: fit.nullDeviance, aic: fit.aic },
      ...(fit.converged ? { oddsRatios: oddsRatiosFor(fit, d, fit.profile ?? undefined) } : {}),
    };
  },
  file: {
    schema: fileSchema,
    write(m) {
      const f = m.fit;
      return {
        kind: 'logreg-firth', ...writeWald(f), problems: structuredClone(f.problems),
        profile: f.profile ? { low: statsOut(f.profile.low), high: statsOut(f.profile.high), p: statsOut(f.profile.p) } : null,
        profileSkipped: f.profileSkipped,
      };
    },
    read(m) {
      return {
        kind: 'logreg-firth',
        fit: {
          ...readWald(m), problems: m.problems,
          profile: m.profile ? { low: back(m.profile.low), high: back(m.profile.high), p: back(m.profile.p) } : null,
          profileSkipped: m.profileSkipped,
        },
      };
    },
    problems(m, p) {
      const out = waldProblems(m, p);
      if (m.profile) {
        out.push(...lengthProblem('profile.low', m.profile.low.length, p), ...lengthProblem('profile.high', m.profile.high.length, p), ...lengthProblem('profile.p', m.profile.p.length, p));
        m.profile.low.forEach((low, j) => {
          const high = m.profile?.high[j];
          if (low !== null && high !== null && high !== undefined && !(low <= high)) out.push(`“model.profile” has a lower bound above the upper one for feature ${j}`);
        });
      }
      if ((m.profile === null) === (m.profileSkipped === null)) out.push('“model.profileSkipped” must say why exactly when “model.profile” is empty (null)');
      return out;
    },
  },
  python: {
    describe: () => "Firth's bias-reduced logistic regression (penalized likelihood, Jeffreys' prior)",
    sklearn: (_, design) => sklearnStep(design),
    pyspark: () => pysparkStep(),
  },
};
