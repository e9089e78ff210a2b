/**
 * The odds-ratio table of a logistic fit on z-scores, turned back into the columns' units: per unit of a
 * continuous column, 1 against 0 for a 0/1 column, a level against its reference for a one-hot level.
 * An increment k (per 10 years, per 10 mg/dL) scales the log-odds and its interval: OR = e^(k·β),
 * CI = (e^(k·low), e^(k·high)), which holds for Wald and profile intervals alike.
 */
import { Z_95, type MleFit } from '../models/logistic-mle';
import { OTHER_LABEL, OTHER_LEVEL, type ColumnTransform } from '../prep/pipeline';
import type { PreparedData } from '../prep/prepare';
import type { Floats } from '../linalg/matrix';
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

/**
 * A 0/1 numeric column: every training value is 0 or 1 (after imputation), both present. The z-scores are turned
 * back into values: within 1e-9 of 0 or 1 in a Float64 design; in a Float32 one z was rounded to 24 bits, which
 * moves the value by at most 2⁻²⁴·|x − μ| ≤ 6e-8 for x, μ in [0, 1], so the tolerance there is 1e-6.
 */
function isBinary(x: Floats, start: number, n: number, mean: number, sd: number): boolean {
  const tol = x instanceof Float32Array ? 1e-6 : 1e-9;
  let zeros = 0;
  let ones = 0;
  for (let i = 0; i < n; i++) {
    const v = x[start + i] * sd + mean;
    if (Math.abs(v) < tol) zeros++;
    else if (Math.abs(v - 1) < tol) ones++;
    else return false;
  }
  return zeros > 0 && ones > 0;
}

/** e^(k·v), NaN where it overflows (an OR beyond 1.8e308 is not a number anyone can read, and JSON has no Infinity). */
const expOr = (v: number, k: number): number => {
  const e = Math.exp(k * v);
  return Number.isFinite(e) ? e : NaN;
};
const ci = (b: number, lo: number, hi: number, k = 1): OddsRatioCi => ({ or: expOr(b, k), low: expOr(lo, k), high: expOr(hi, k) });

/** What each feature compares: its kind, level and reference, and its training SD in the column's units. */
function comparisons(d: PreparedData): Pick<OddsRatioRow, 'feature' | 'column' | 'kind' | 'level' | 'reference' | 'sd' | 'note'>[] {
  const { mean, std } = d.fitted.scaler;
  const n = d.trainX.rows;
  const transforms = new Map<string, ColumnTransform>(d.fitted.transforms.map((t) => [t.column, t]));
  return d.fitted.features.map((f, j) => {
    if (f.kind === 'indicator') {
      const t = transforms.get(f.column);
      return {
        feature: f.name, column: f.column, kind: 'level', sd: std[j],
        level: f.level === OTHER_LEVEL ? OTHER_LABEL : f.level, reference: t?.kind === 'categorical' ? t.levels[0] : undefined,
      };
    }
    // a note's term: per unit (a TF-IDF weight of 1) and per SD; the table and the forest plot leave terms out (see `note`)
    if (f.kind === 'term') return { feature: f.name, column: f.column, kind: 'continuous', sd: std[j], note: true };
    if (isBinary(d.trainX.data, j * n, n, mean[j], std[j])) return { feature: f.name, column: f.column, kind: 'binary', sd: std[j], level: '1', reference: '0' };
    return { feature: f.name, column: f.column, kind: 'continuous', sd: std[j] };
  });
}

/**
 * The table of an unpenalized (or Firth) fit; `profile` replaces Wald's intervals and p-values where
 * finite. `separatedToo` marks more predictors without a finite estimate than those `fit` names (the
 * limit fit of a separated MLE, ../models/separation-limit.ts, names none).
 */
export function oddsRatiosFor(fit: MleFit, d: PreparedData, profile?: ProfileIntervals, separatedToo: number[] = []): OddsRatioRow[] {
  const separated = separatedFeatures(fit);
  for (const j of separatedToo) separated.add(j);
  return comparisons(d).map((c, j): OddsRatioRow => {
    const s = c.sd;
    const coef = fit.coef[j] / s;
    const se = fit.se[j] / s;
    const useProfile = profile !== undefined && Number.isFinite(profile.low[j]) && Number.isFinite(profile.high[j]);
    const lrTest = profile !== undefined && Number.isFinite(profile.p[j]);
    // a separated predictor has no finite estimate: nothing to show but the fact
    const bad = separated.has(j);
    const low = bad ? NaN : useProfile ? profile.low[j] / s : coef - Z_95 * se;
    const high = bad ? NaN : useProfile ? profile.high[j] / s : coef + Z_95 * se;
    return {
      ...c, coef: bad ? NaN : coef, se: bad ? NaN : se, low, high, interval: useProfile ? 'profile' : 'wald',
      z: bad ? NaN : fit.z[j], p: bad ? NaN : lrTest ? profile.p[j] : fit.p[j], pTest: lrTest ? 'likelihood-ratio' : 'wald',
      separated: bad,
      perUnit: ci(bad ? NaN : coef, low, high),
      perSd: ci(bad ? NaN : coef, low, high, s),
    };
  });
}

/**
 * The odds ratios of a penalized (L2) logistic model: e^β per unit, without intervals (a penalized
 * estimate is shrunk towards 1 and has no valid Wald interval). Shown in the forest plot, labelled.
 */
export function penalizedOddsRatios(coefOnZ: Float64Array, d: PreparedData): OddsRatioRow[] {
  return comparisons(d).map((c, j): OddsRatioRow => {
    const coef = coefOnZ[j] / c.sd;
    return {
      ...c, coef, se: NaN, low: NaN, high: NaN, interval: 'none', z: NaN, p: NaN, pTest: 'none', separated: false,
      perUnit: ci(coef, NaN, NaN), perSd: ci(coef, NaN, NaN, c.sd),
    };
  });
}

/** The odds ratio of a row for an increment of `k` units (continuous rows; the others compare two levels, k = 1). */
export function oddsRatioAt(row: OddsRatioRow, k: number): OddsRatioCi {
  const step = row.kind === 'continuous' && Number.isFinite(k) && k > 0 ? k : 1;
  return ci(row.coef, row.low, row.high, step);
}
