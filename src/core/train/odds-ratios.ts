/**
 * The odds-ratio table of a logistic fit on z-scores, turned back into the columns' units: per unit of a
 * continuous column, 1 against 0 for a 0/1 column, a level against its reference for a one-hot level.
 */
import { Z_95, type MleFit } from '../models/logistic-mle';
import { OTHER_LABEL, OTHER_LEVEL, type ColumnTransform } from '../prep/pipeline';
import type { PreparedData } from '../prep/prepare';
import type { OddsRatioCi, OddsRatioRow } from './report';

/**
 * Intervals other than Wald's for some coefficients (Firth's profile penalized likelihood): bounds of β
 * on the fitted (z-score) scale, and the p-value of the likelihood-ratio test. NaN bounds fall back to
 * Wald for that coefficient (the row says which it got).
 */
export interface ProfileIntervals {
  low: Float64Array;
  high: Float64Array;
  p: Float64Array;
}

/** The features the MLE found separated (their estimates run to infinity). */
function separatedFeatures(fit: MleFit): Set<number> {
  const out = new Set<number>();
  for (const p of fit.problems) if (p.kind === 'separation') for (const j of p.features) out.add(j);
  return out;
}

/** A 0/1 numeric column: every training value is 0 or 1 (after imputation), both present. */
function isBinary(x: Float64Array, start: number, n: number, mean: number, sd: number): boolean {
  let zeros = 0;
  let ones = 0;
  for (let i = 0; i < n; i++) {
    const v = x[start + i] * sd + mean;
    if (Math.abs(v) < 1e-9) zeros++;
    else if (Math.abs(v - 1) < 1e-9) ones++;
    else return false;
  }
  return zeros > 0 && ones > 0;
}

const ci = (b: number, lo: number, hi: number, k = 1): OddsRatioCi => ({ or: Math.exp(k * b), low: Math.exp(k * lo), high: Math.exp(k * hi) });

/** The table of `fit` (see the file comment); `profile` replaces Wald's intervals and p-values where finite. */
export function oddsRatiosFor(fit: MleFit, d: PreparedData, profile?: ProfileIntervals): OddsRatioRow[] {
  const { mean, std } = d.fitted.scaler;
  const separated = separatedFeatures(fit);
  const n = d.trainX.rows;
  const transforms = new Map<string, ColumnTransform>(d.fitted.transforms.map((t) => [t.column, t]));
  return d.fitted.features.map((f, j): OddsRatioRow => {
    const s = std[j];
    const coef = fit.coef[j] / s;
    const se = fit.se[j] / s;
    const useProfile = profile !== undefined && Number.isFinite(profile.low[j]) && Number.isFinite(profile.high[j]);
    const low = useProfile ? profile.low[j] / s : coef - Z_95 * se;
    const high = useProfile ? profile.high[j] / s : coef + Z_95 * se;
    const p = profile !== undefined && Number.isFinite(profile.p[j]) ? profile.p[j] : fit.p[j];
    let kind: OddsRatioRow['kind'] = 'continuous';
    let level: string | undefined;
    let reference: string | undefined;
    if (f.kind === 'indicator') {
      kind = 'level';
      level = f.level === OTHER_LEVEL ? OTHER_LABEL : f.level;
      const t = transforms.get(f.column);
      reference = t?.kind === 'categorical' ? t.levels[0] : undefined;
    } else if (isBinary(d.trainX.data, j * n, n, mean[j], s)) {
      kind = 'binary';
      level = '1';
      reference = '0';
    }
    return {
      feature: f.name, column: f.column, kind, level, reference, sd: s,
      coef, se, low, high, interval: useProfile ? 'profile' : 'wald', z: fit.z[j], p,
      pTest: profile !== undefined && Number.isFinite(profile.p[j]) ? 'likelihood-ratio' : 'wald',
      separated: separated.has(j),
      perUnit: ci(coef, low, high),
      perSd: ci(coef, low, high, s),
    };
  });
}
