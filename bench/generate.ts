/**
 * Seeded synthetic clinical cohorts for the benchmark: 30 numeric measurements (5% of their cells
 * empty), sex (M/F) and site (A–E), and a binary outcome drawn from a known logistic model.
 *
 * Each measurement is mean + sd·z, written with a fixed number of decimals. The z are standard
 * normal and correlated within six groups of five (z = 0.6·g + 0.8·e, so corr = 0.36 inside a group),
 * as labs of one panel are. The outcome is Bernoulli(σ(η)) with
 *   η = b₀ + Σⱼ βⱼ·zⱼ + β_sex·[sex = M] + β_site[site]
 * computed before any cell is blanked (missing completely at random) and before rounding. The same
 * seed and parameters give the same bytes (one xoshiro128** stream, rows in order).
 *
 * Files go to bench/out/cohort-<rows>-s<seed>-v<version>.csv with a .json sidecar holding the
 * parameters, the true coefficients and the byte count; an existing pair with the same parameters
 * is reused.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Bump when the generating code changes, so old files are not reused. */
const VERSION = 1;

export interface Measurement {
  name: string;
  mean: number;
  sd: number;
  decimals: number;
  /** True log-odds ratio per standard deviation of the latent z. */
  beta: number;
}

export const MEASUREMENTS: readonly Measurement[] = [
  { name: 'age', mean: 62, sd: 14, decimals: 1, beta: 0.8 },
  { name: 'bmi', mean: 27.5, sd: 5.2, decimals: 2, beta: 0.25 },
  { name: 'sbp', mean: 132, sd: 19, decimals: 1, beta: 0.3 },
  { name: 'dbp', mean: 79, sd: 11, decimals: 1, beta: -0.1 },
  { name: 'heart_rate', mean: 81, sd: 15, decimals: 1, beta: 0.45 },
  { name: 'resp_rate', mean: 18.5, sd: 4.1, decimals: 2, beta: 0.35 },
  { name: 'temp', mean: 37.1, sd: 0.7, decimals: 2, beta: 0.15 },
  { name: 'spo2', mean: 95.8, sd: 2.9, decimals: 2, beta: -0.5 },
  { name: 'glucose', mean: 7.1, sd: 2.4, decimals: 3, beta: 0.2 },
  { name: 'hba1c', mean: 6.2, sd: 1.1, decimals: 3, beta: 0 },
  { name: 'creatinine', mean: 96, sd: 31, decimals: 1, beta: 0.4 },
  { name: 'urea', mean: 7.4, sd: 3.3, decimals: 3, beta: 0.3 },
  { name: 'sodium', mean: 139, sd: 3.8, decimals: 1, beta: -0.15 },
  { name: 'potassium', mean: 4.3, sd: 0.55, decimals: 3, beta: 0.05 },
  { name: 'chloride', mean: 102, sd: 4.2, decimals: 1, beta: 0 },
  { name: 'bicarbonate', mean: 24.2, sd: 3.6, decimals: 2, beta: -0.2 },
  { name: 'hemoglobin', mean: 128, sd: 19, decimals: 1, beta: -0.3 },
  { name: 'wbc', mean: 9.1, sd: 3.9, decimals: 3, beta: 0.35 },
  { name: 'platelets', mean: 245, sd: 82, decimals: 1, beta: -0.05 },
  { name: 'albumin', mean: 36.5, sd: 5.8, decimals: 2, beta: -0.45 },
  { name: 'bilirubin', mean: 14.2, sd: 8.7, decimals: 2, beta: 0.1 },
  { name: 'alt', mean: 31, sd: 19, decimals: 2, beta: 0 },
  { name: 'ast', mean: 34, sd: 21, decimals: 2, beta: 0.05 },
  { name: 'crp', mean: 38, sd: 29, decimals: 2, beta: 0.55 },
  { name: 'lactate', mean: 1.9, sd: 1.1, decimals: 3, beta: 0.6 },
  { name: 'troponin', mean: 21, sd: 13, decimals: 2, beta: 0.3 },
  { name: 'ldl', mean: 2.9, sd: 0.95, decimals: 3, beta: 0 },
  { name: 'hdl', mean: 1.3, sd: 0.38, decimals: 3, beta: -0.1 },
  { name: 'triglycerides', mean: 1.7, sd: 0.9, decimals: 3, beta: 0.05 },
  { name: 'inr', mean: 1.15, sd: 0.32, decimals: 3, beta: 0.2 },
];

export const SEXES = ['F', 'M'] as const;
export const SITES = ['A', 'B', 'C', 'D', 'E'] as const;
const SITE_SHARE = [0.3, 0.25, 0.2, 0.15, 0.1];
export const TRUE_SEX_M = 0.3;
export const TRUE_SITE: Record<(typeof SITES)[number], number> = { A: 0, B: 0.2, C: -0.1, D: 0.4, E: -0.3 };
export const TRUE_INTERCEPT = -1.6;
export const MISSING_SHARE = 0.05;
const GROUP = 5;
const LOADING = 0.6;

export interface CohortParams {
  rows: number;
  seed: number;
  version: number;
}

export interface CohortFile {
  path: string;
  params: CohortParams;
  bytes: number;
  /** Share of rows with outcome = 1. */
  prevalence: number;
  truth: { intercept: number; beta: Record<string, number>; sexM: number; site: Record<string, number> };
  reused: boolean;
  seconds: number;
}

interface Sidecar {
  params: CohortParams;
  bytes: number;
  prevalence: number;
  truth: CohortFile['truth'];
}

/** xoshiro128** seeded through splitmix32: a small, fast, well-mixed 32-bit generator. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** Uniform on [0, 1) with 32 random bits. */
  uniform(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result / 4294967296;
  }

  /** Standard normal (Box–Muller, both values used). */
  normal(): number {
    if (this.spare === this.spare) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    const u = 1 - this.uniform(); // (0, 1]
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export function truth(): CohortFile['truth'] {
  return {
    intercept: TRUE_INTERCEPT,
    beta: Object.fromEntries(MEASUREMENTS.map((m) => [m.name, m.beta])),
    sexM: TRUE_SEX_M,
    site: { ...TRUE_SITE },
  };
}

export function cohortPath(outDir: string, rows: number, seed: number): string {
  return join(outDir, `cohort-${rows}-s${seed}-v${VERSION}.csv`);
}

/** Writes the cohort unless a file with the same parameters is already there; returns its description. */
export function ensureCohort(outDir: string, rows: number, seed: number): CohortFile {
  const params: CohortParams = { rows, seed, version: VERSION };
  const path = cohortPath(outDir, rows, seed);
  const sidecarPath = path.replace(/\.csv$/, '.json');
  if (existsSync(path) && existsSync(sidecarPath)) {
    const side = JSON.parse(readFileSync(sidecarPath, 'utf8')) as Sidecar;
    if (JSON.stringify(side.params) === JSON.stringify(params) && statSync(path).size === side.bytes) {
      return { path, params, bytes: side.bytes, prevalence: side.prevalence, truth: side.truth, reused: true, seconds: 0 };
    }
  }
  const t0 = performance.now();
  const tmp = `${path}.partial`;
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  let events = 0;
  try {
    const header = [...MEASUREMENTS.map((m) => m.name), 'sex', 'site', 'outcome'].join(',') + '\n';
    bytes += writeSync(fd, header);
    const rng = new Rng(seed);
    const p = MEASUREMENTS.length;
    const groups = Math.ceil(p / GROUP);
    const g = new Float64Array(groups);
    const z = new Float64Array(p);
    const siteCut = SITE_SHARE.map((_, k) => SITE_SHARE.slice(0, k + 1).reduce((s, v) => s + v, 0));
    const unique = Math.sqrt(1 - LOADING * LOADING);
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < groups; k++) g[k] = rng.normal();
      let eta = TRUE_INTERCEPT;
      for (let j = 0; j < p; j++) {
        z[j] = LOADING * g[Math.floor(j / GROUP)] + unique * rng.normal();
        eta += MEASUREMENTS[j].beta * z[j];
      }
      const sex = rng.uniform() < 0.5 ? 'F' : 'M';
      const u = rng.uniform();
      let site = 0;
      while (site < SITES.length - 1 && u >= siteCut[site]) site++;
      eta += (sex === 'M' ? TRUE_SEX_M : 0) + TRUE_SITE[SITES[site]];
      const y = rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
      events += y;
      let line = '';
      for (let j = 0; j < p; j++) {
        const m = MEASUREMENTS[j];
        const blank = rng.uniform() < MISSING_SHARE; // drawn for every cell, so the stream does not depend on it
        if (!blank) line += (m.mean + m.sd * z[j]).toFixed(m.decimals);
        line += ',';
      }
      line += `${sex},${SITES[site]},${y}\n`;
      lines.push(line);
      if (lines.length === 4096) {
        bytes += writeSync(fd, lines.join(''));
        lines.length = 0;
      }
    }
    if (lines.length > 0) bytes += writeSync(fd, lines.join(''));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const side: Sidecar = { params, bytes, prevalence: events / rows, truth: truth() };
  writeFileSync(sidecarPath, JSON.stringify(side, null, 2));
  return { path, params, bytes, prevalence: side.prevalence, truth: side.truth, reused: false, seconds: (performance.now() - t0) / 1000 };
}
