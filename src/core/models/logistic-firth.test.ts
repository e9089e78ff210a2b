/**
 * Firth's logistic regression against brglm2 (make-firth-cases.R) and an independent profile-likelihood
 * reference (make-firth-profile.py), on the app's own design; and properties that can be checked by hand.
 *
 * Tolerances: coefficients 1e-6 in raw units (brglm2 is converged to 1e-13; measured ≤ 3e-12). Profile
 * bounds 1e-6 on the z-score scale and p-values 1e-6 relative: both sides solve their equations to
 * ~1e-10 in ℓ* (the reference by BFGS + Newton and Brent's root finder, the app by scoring and
 * Venzon–Moolgavkar), and a bound's error is that over the profile's slope there (≈ 1.96/se), so
 * ~1e-10·se; measured ≤ 2e-11. The margin covers another machine's rounding and the reference's
 * different conditioning (raw covariates over their largest value), not a different algorithm's answer:
 * a bound on the wrong branch of the profile (see logistic-firth.ts) is off by 0.5.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { preparedFixture } from '../__fixtures__/reference/load';
import { readTable } from '../ingest/read-table';
import { bytesSource } from '../ingest/byte-source';
import { prepare, type PreparedData } from '../prep/prepare';
import { fromRows, type ColMajor } from '../linalg/matrix';
import { MT19937 } from '../random/mt19937';
import { fitLogisticFirth, type FirthFit } from './logistic-firth';
import { fitLogisticMle } from './logistic-mle';
import { DEFAULT_MODELS, modelDefinition } from './registry';
import { train } from '../train/train';
import type { TrainSetup } from '../prep/setup';

const here = (file: string) => new URL(`../__fixtures__/firth/${file}`, import.meta.url);

/** One case of firth-cases.json (brglm2 0.9 on the raw covariates; see make-firth-cases.R). */
interface BrglmCase {
  csv: string;
  features: string[];
  features_in_setup?: string[];
  coef: number[];
  intercept: number;
  se: number[];
  intercept_se: number;
  /** brglm2's vcov, row-major, intercept FIRST. */
  covariance: number[];
  deviance: number;
  null_deviance: number;
  aic: number;
  n: number;
  events: number;
}
/** One case of firth-profile.json (raw units, the app's feature order). */
interface ProfileCase {
  features: string[];
  estimate: number[];
  low: number[];
  high: number[];
  p: number[];
  penalized_loglik_raw: number;
}
const brglm2 = JSON.parse(readFileSync(here('firth-cases.json'), 'utf8')) as Record<string, BrglmCase>;
const reference = JSON.parse(readFileSync(here('firth-profile.json'), 'utf8')) as Record<string, ProfileCase>;

const CASES = ['pima_drop', 'pima_mean', 'quasi_separated', 'separated', 'categorical'] as const;
type CaseName = (typeof CASES)[number];

/** The case's training design as the app builds it (pima: the reference split; cohorts: the `set` column). */
async function design(name: CaseName): Promise<PreparedData> {
  if (name === 'pima_drop' || name === 'pima_mean') return (await preparedFixture(name === 'pima_drop' ? 'pima_diabetes_drop' : 'pima_diabetes_mean')).p;
  const c = brglm2[name];
  const table = await readTable(bytesSource(readFileSync(here(c.csv))));
  if (!table.ok) throw new Error(table.error.code);
  const prepared = prepare(table.value.table, {
    outcome: 'outcome', positiveClass: 'yes', features: c.features_in_setup ?? [], missing: 'drop',
    split: { kind: 'column', column: 'set', trainValue: 'train' },
  });
  if (!prepared.ok) throw new Error(prepared.error.code);
  return prepared.value;
}

const fits = new Map<CaseName, Promise<{ d: PreparedData; fit: FirthFit }>>();
function fitted(name: CaseName) {
  if (!fits.has(name)) fits.set(name, design(name).then(async (d) => ({ d, fit: await fitLogisticFirth(d.trainX, d.trainY) })));
  return fits.get(name) as Promise<{ d: PreparedData; fit: FirthFit }>;
}

/**
 * z-score coefficients back in raw units: x = μ + σz, so β·z = (β/σ)·x − βμ/σ; the intercept's variance
 * is cᵀVc with c = (−μ/σ, 1) over (β, b).
 */
function toRaw(fit: FirthFit, d: PreparedData) {
  const { mean, std } = d.fitted.scaler;
  const p = std.length;
  const c = new Float64Array(p + 1);
  let intercept = fit.intercept;
  for (let j = 0; j < p; j++) {
    intercept -= (fit.coef[j] * mean[j]) / std[j];
    c[j] = -mean[j] / std[j];
  }
  c[p] = 1;
  let v = 0;
  for (let i = 0; i <= p; i++) for (let j = 0; j <= p; j++) v += c[i] * fit.covariance[i * (p + 1) + j] * c[j];
  return {
    coef: Array.from(fit.coef, (b, j) => b / std[j]),
    se: Array.from(fit.se, (s, j) => s / std[j]),
    intercept,
    interceptSe: Math.sqrt(v),
  };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};
const measured: string[] = [];

describe.each(CASES)('Firth on %s', (name) => {
  it('equals brglm2 (AS_mean): coefficients and intercept in raw units to 1e-6, standard errors to 1e-6 relative', async () => {
    const { d, fit } = await fitted(name);
    const ref = brglm2[name];
    expect(d.fitted.features.map((f) => f.name)).toEqual(ref.features);
    expect(fit.converged).toBe(true);
    expect(fit.problems).toEqual([]);
    const raw = toRaw(fit, d);
    const dCoef = Math.max(maxAbsDiff(raw.coef, ref.coef), Math.abs(raw.intercept - ref.intercept));
    const dSe = Math.max(...raw.se.map((s, j) => Math.abs(s / ref.se[j] - 1)), Math.abs(raw.interceptSe / ref.intercept_se - 1));
    measured.push(`${name}: |Δcoef| ${dCoef.toExponential(1)}, se rel ${dSe.toExponential(1)}`);
    expect(dCoef).toBeLessThanOrEqual(1e-6);
    expect(dSe).toBeLessThanOrEqual(1e-6);
    // brglm2's deviance is −2ℓ at its estimate, its null deviance that of its own intercept-only fit
    expect(Math.abs(fit.deviance - ref.deviance)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(fit.nullDeviance - ref.null_deviance)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(fit.aic - ref.aic)).toBeLessThanOrEqual(1e-8);
  });

  it('has the profile intervals and likelihood-ratio p-values of the independent reference (z-scale bounds to 1e-6, p to 1e-6 relative)', async () => {
    const { d, fit } = await fitted(name);
    const ref = reference[name];
    const std = d.fitted.scaler.std;
    expect(fit.profileSkipped).toBeNull();
    const profile = fit.profile;
    if (!profile) throw new Error('no profile');
    // on the z-score scale (raw × σ), where a bound's accuracy is comparable across columns
    const dLow = maxAbsDiff(profile.low, ref.low.map((v, j) => v * std[j]));
    const dHigh = maxAbsDiff(profile.high, ref.high.map((v, j) => v * std[j]));
    const dP = Math.max(...ref.p.map((p, j) => Math.abs(profile.p[j] - p) / p));
    measured.push(`${name}: profile |Δlow| ${dLow.toExponential(1)}, |Δhigh| ${dHigh.toExponential(1)}, p rel ${dP.toExponential(1)}`);
    expect(dLow).toBeLessThanOrEqual(1e-6);
    expect(dHigh).toBeLessThanOrEqual(1e-6);
    expect(dP).toBeLessThanOrEqual(1e-6);
    // ℓ* is the penalized log-likelihood: on z-scores it is the raw design's minus Σ log σ (log det I changes by 2 log|det T|)
    const shift = std.reduce((s, v) => s + Math.log(v), 0);
    expect(Math.abs(fit.logLik + shift - ref.penalized_loglik_raw)).toBeLessThanOrEqual(1e-8);
  });

  it('has p < 0.05 exactly where 0 is outside the profile interval, which holds the estimate', async () => {
    const { fit } = await fitted(name);
    const profile = fit.profile;
    if (!profile) throw new Error('no profile');
    for (let j = 0; j < fit.coef.length; j++) {
      expect(profile.low[j]).toBeLessThan(fit.coef[j]);
      expect(profile.high[j]).toBeGreaterThan(fit.coef[j]);
      expect(profile.p[j] < 0.05).toBe(profile.low[j] > 0 || profile.high[j] < 0);
    }
  });
});

describe('Firth on wdbc (30 collinear features separating the classes completely: no MLE)', () => {
  it('equals brglm2 in raw units to 1e-6; its profile bounds, where found, hold the estimate (Wald elsewhere)', async () => {
    const { p: d } = await preparedFixture('wdbc');
    const ref = brglm2.wdbc;
    const fit = await fitLogisticFirth(d.trainX, d.trainY);
    expect(fit.converged).toBe(true);
    const raw = toRaw(fit, d);
    // brglm2 stops at epsilon 1e-10 on these ill-conditioned raw covariates: compared relative to the size
    const dCoef = Math.max(...raw.coef.map((b, j) => Math.abs(b - ref.coef[j]) / (1 + Math.abs(ref.coef[j]))), Math.abs(raw.intercept - ref.intercept) / (1 + Math.abs(ref.intercept)));
    measured.push(`wdbc: |Δcoef|/(1 + |coef|) ${dCoef.toExponential(1)}`);
    expect(dCoef).toBeLessThanOrEqual(1e-6);
    const profile = fit.profile;
    if (!profile) throw new Error('no profile');
    let found = 0;
    for (let j = 0; j < fit.coef.length; j++) {
      if (Number.isFinite(profile.low[j])) expect(profile.low[j]).toBeLessThan(fit.coef[j]);
      if (Number.isFinite(profile.high[j])) expect(profile.high[j]).toBeGreaterThan(fit.coef[j]);
      found += Number(Number.isFinite(profile.low[j])) + Number(Number.isFinite(profile.high[j]));
      expect(profile.p[j]).toBeGreaterThanOrEqual(0);
      expect(profile.p[j]).toBeLessThanOrEqual(1);
    }
    measured.push(`wdbc: ${found} of ${2 * fit.coef.length} profile bounds found`);
    expect(found).toBeGreaterThan(fit.coef.length);
  }, 120_000);
});

describe('Firth, checked by hand', () => {
  it('with no feature: π̂ = (events + ½)/(n + 1), the root of (events − nπ) + (½ − π) = 0', async () => {
    const y = Uint8Array.from([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    const fit = await fitLogisticFirth({ rows: y.length, cols: 0, data: new Float64Array(0) }, y);
    const pi = 2.5 / 12;
    expect(fit.intercept).toBeCloseTo(Math.log(pi / (1 - pi)), 11);
    expect(fit.profile?.low.length).toBe(0);
    expect(fit.nullDeviance).toBeCloseTo(fit.deviance, 12);
  });

  it('on a 2×2 table with an empty cell (separation): the log odds ratio with ½ added to each cell', async () => {
    // exposed: 6 events, 0 non-events; unexposed: 3 events, 9 non-events
    const rows: number[][] = [];
    const y: number[] = [];
    const add = (x: number, event: number, count: number) => {
      for (let i = 0; i < count; i++) {
        rows.push([x]);
        y.push(event);
      }
    };
    add(1, 1, 6);
    add(0, 1, 3);
    add(0, 0, 9);
    const fit = await fitLogisticFirth(fromRows(rows), Uint8Array.from(y));
    expect(fit.converged).toBe(true);
    expect(fit.coef[0]).toBeCloseTo(Math.log((6.5 * 9.5) / (0.5 * 3.5)), 10);
    expect(fit.intercept).toBeCloseTo(Math.log(3.5 / 9.5), 10);
    const mle = await fitLogisticMle(fromRows(rows), Uint8Array.from(y));
    expect(mle.problems.some((p) => p.kind === 'separation')).toBe(true);
    // the profile interval is finite and lopsided: the data say little against very large effects
    const { low, high } = fit.profile ?? { low: [NaN], high: [NaN] };
    expect(Number.isFinite(low[0]) && Number.isFinite(high[0])).toBe(true);
    expect(high[0] - fit.coef[0]).toBeGreaterThan(1.5 * (fit.coef[0] - low[0]));
  });

  it('is equivariant: on the raw covariates the coefficients are the z-score ones over σ, and the profile bounds too', async () => {
    const { d, fit } = await fitted('categorical');
    const { mean, std } = d.fitted.scaler;
    const X = d.trainX;
    const raw: ColMajor = { rows: X.rows, cols: X.cols, data: X.data.map((v, k) => v * std[Math.floor(k / X.rows)] + mean[Math.floor(k / X.rows)]) };
    const rawFit = await fitLogisticFirth(raw, d.trainY);
    const back = toRaw(fit, d);
    expect(maxAbsDiff(rawFit.coef, back.coef)).toBeLessThan(1e-9);
    expect(Math.abs(rawFit.intercept - back.intercept)).toBeLessThan(1e-9);
    const low = Array.from(fit.profile?.low ?? [], (v, j) => v / std[j]);
    expect(maxAbsDiff(rawFit.profile?.low ?? [], low)).toBeLessThan(1e-7);
  });

  it('on a large cohort without separation is close to the MLE (the bias it removes is O(1/n)), a little toward 0', async () => {
    const rng = new MT19937(5);
    const n = 20000;
    const rows: number[][] = [];
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const x = [rng.random() * 2 - 1, rng.random() < 0.3 ? 1 : 0, rng.random() * 3];
      rows.push(x);
      y[i] = rng.random() < 1 / (1 + Math.exp(-(-1 + 0.8 * x[0] + 0.5 * x[1] - 0.3 * x[2]))) ? 1 : 0;
    }
    const X = fromRows(rows);
    const firth = await fitLogisticFirth(X, y, { profile: false });
    const mle = await fitLogisticMle(X, y);
    expect(firth.profileSkipped).toBe('not-requested');
    for (let j = 0; j < 3; j++) {
      const gap = Math.abs(firth.coef[j] - mle.coef[j]);
      expect(gap).toBeLessThan(0.02 * mle.se[j]);
      expect(gap).toBeGreaterThan(0);
      expect(Math.abs(firth.coef[j])).toBeLessThan(Math.abs(mle.coef[j]));
      expect(firth.se[j] / mle.se[j]).toBeCloseTo(1, 2);
    }
  });

  it('leaves out a collinear column (NaN everywhere for it) and fits the others as without it', async () => {
    const { d } = await fitted('quasi_separated');
    const X = d.trainX;
    const withCopy: ColMajor = { rows: X.rows, cols: X.cols + 1, data: new Float64Array(X.rows * (X.cols + 1)) };
    withCopy.data.set(X.data);
    withCopy.data.set(X.data.subarray(0, X.rows).map((v) => 2 * v + 1), X.rows * X.cols);
    const a = await fitLogisticFirth(X, d.trainY);
    const b = await fitLogisticFirth(withCopy, d.trainY);
    expect(b.problems).toEqual([{ kind: 'collinearity', features: [2] }]);
    expect(b.coef[2]).toBeNaN();
    expect(b.profile?.low[2]).toBeNaN();
    expect(b.profile?.p[2]).toBeNaN();
    expect(maxAbsDiff(b.coef.subarray(0, 2), a.coef)).toBeLessThan(1e-12);
    expect(maxAbsDiff(b.profile?.high.subarray(0, 2) ?? [], a.profile?.high ?? [])).toBeLessThan(1e-10);
  });

  it('skips the profile beyond its budget (labelled), and reports progress', async () => {
    const { d } = await fitted('pima_drop');
    const fractions: number[] = [];
    const fit = await fitLogisticFirth(d.trainX, d.trainY, { profileBudget: 1000, ctx: { checkpoint: (f) => (fractions.push(f), Promise.resolve()) } });
    expect(fit.profileSkipped).toBe('too-large');
    expect(fit.profile).toBeNull();
    expect(fractions.length).toBeGreaterThan(2);
    const full: number[] = [];
    await fitLogisticFirth(d.trainX, d.trainY, { ctx: { checkpoint: (f) => (full.push(f), Promise.resolve()) } });
    expect(full.length).toBeGreaterThan(d.trainX.cols);
    expect(full.every((f, k) => f >= 0 && f < 1 && (k === 0 || f >= full[k - 1]))).toBe(true);
  });
});

describe('the logreg-firth model kind', () => {
  it("reports odds ratios with the profile intervals and likelihood-ratio p-values, per unit; refits that only predict skip the profile", async () => {
    const c = brglm2.categorical;
    const table = await readTable(bytesSource(readFileSync(here(c.csv))));
    if (!table.ok) throw new Error(table.error.code);
    const setup: TrainSetup = {
      outcome: 'outcome', positiveClass: 'yes', features: c.features_in_setup ?? [], missing: 'drop',
      split: { kind: 'column', column: 'set', trainValue: 'train' }, model: DEFAULT_MODELS['logreg-firth'], seed: 1, cvFolds: 0,
    };
    const r = await train(table.value.table, setup);
    if (!r.ok) throw new Error(r.error.code);
    const { report, run } = r.value;
    const ref = reference.categorical;
    const rows = report.oddsRatios ?? [];
    expect(rows.map((row) => row.feature)).toEqual(ref.features);
    rows.forEach((row, j) => {
      expect(row.interval).toBe('profile');
      expect(row.pTest).toBe('likelihood-ratio');
      expect(row.separated).toBe(false);
      expect(Math.abs(row.coef - c.coef[j])).toBeLessThan(1e-9);
      expect(Math.abs(row.low - ref.low[j])).toBeLessThan(1e-8);
      expect(Math.abs(row.high - ref.high[j])).toBeLessThan(1e-8);
      expect(Math.abs(row.p / ref.p[j] - 1)).toBeLessThan(1e-8);
    });
    // stage IV: every patient had the event (no finite MLE); Firth's odds ratio and interval are finite
    const iv = rows.find((row) => row.feature === 'stage=IV');
    expect(iv?.kind).toBe('level');
    expect(Number.isFinite(iv?.perUnit.high)).toBe(true);
    expect(report.fitSummary?.deviance).toBeCloseTo(c.deviance, 9);
    // the bootstrap and cross-validation refit through fit() without `inference`
    const refit = await modelDefinition('logreg-firth').fit(setup.model, run.prepared.trainX, run.prepared.trainY, { seed: 1, featureNames: [] });
    if (refit.model.kind !== 'logreg-firth') throw new Error('kind');
    expect(refit.model.fit.profileSkipped).toBe('not-requested');
    expect(Array.from(refit.model.fit.coef)).toEqual(run.model.kind === 'logreg-firth' ? Array.from(run.model.fit.coef) : []);
  });
});

describe('Firth measured', () => {
  it('prints the differences', () => {
    console.log(measured.join('\n'));
  });
});
