import { denseCols, type ColMajor, type Floats } from '../linalg/matrix';

/** Fitted z-score parameters per design column: training mean and population standard deviation (ddof = 0). */
export interface ScalerParams {
  mean: Float64Array;
  std: Float64Array;
}

/**
 * Fits the scaler of one dense training column, data[off … off + n), into mean[j] and std[j]: scikit-learn's
 * StandardScaler, μ = mean, σ = sqrt(mean((x − μ)²)), σ = 0 replaced by 1. Values near the double range are scaled
 * first so (x − μ)² cannot overflow. (prep/pipeline.ts fits the columns one at a time, as it writes them.)
 */
export function fitColumn(data: Floats, off: number, n: number, mean: Float64Array, std: Float64Array, j: number): void {
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(data[off + i]);
    if (a > maxAbs) maxAbs = a;
  }
  const s = maxAbs > 1e100 ? maxAbs : 1;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += data[off + i] / s;
  const mu = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = data[off + i] / s - mu;
    ss += d * d;
  }
  const sd = Math.sqrt(ss / n);
  mean[j] = mu * s;
  std[j] = sd === 0 || !Number.isFinite(sd) ? 1 : sd * s;
}

/**
 * The sparse (term) columns are scaled without centring, as StandardScaler(with_mean=False) does, so that
 * they stay sparse: mean 0, σ the population SD of the column with its zeros (σ = 0 replaced by 1).
 */
export function sparseStd(m: ColMajor, d: number, std: Float64Array): void {
  const s = m.sparse;
  if (!s) return;
  const n = m.rows;
  const sum = new Float64Array(s.cols);
  for (let e = 0; e < s.rowStart[n]; e++) sum[s.colIndex[e]] += s.values[e];
  // Σ (x − μ)² = Σ over non-zeros (x − μ)² + (zeros) · μ², as scikit-learn's mean_variance_axis
  const ss = new Float64Array(s.cols);
  const nnz = new Float64Array(s.cols);
  for (let e = 0; e < s.rowStart[n]; e++) {
    const j = s.colIndex[e], dev = s.values[e] - sum[j] / n;
    ss[j] += dev * dev;
    nnz[j]++;
  }
  for (let j = 0; j < s.cols; j++) {
    const mu = sum[j] / n;
    const sd = Math.sqrt((ss[j] + (n - nnz[j]) * mu * mu) / n);
    std[d + j] = sd === 0 || !Number.isFinite(sd) ? 1 : sd;
  }
}

/**
 * |z| is capped here. Training rows never come near it (|z| ≤ √n); a row scored later can: 1e308 where the
 * training rows held values around 1e-160 has z = ∞, and ∞·0 or ∞ − ∞ inside a model makes a NaN risk. A
 * million standard deviations from the training mean saturates every model anyway.
 */
const Z_LIMIT = 1e6;

const capped = (z: number): number => (z > Z_LIMIT ? Z_LIMIT : z < -Z_LIMIT ? -Z_LIMIT : z);

/** z = (x − μ) / σ, in place, capped at ±Z_LIMIT (NaN stays NaN). */
export function applyScaler(params: ScalerParams, m: ColMajor): void {
  const { rows: n, data } = m;
  const p = denseCols(m);
  scaleSparse(params, m);
  for (let j = 0; j < p; j++) scaleColumn(data, j * n, data, j * n, n, params.mean[j], params.std[j]);
}

/** The sparse (term) columns divided by their σ, in place, capped. */
export function scaleSparse(params: ScalerParams, m: ColMajor): void {
  const s = m.sparse, p = denseCols(m);
  if (s) for (let e = 0; e < s.rowStart[m.rows]; e++) s.values[e] = capped(s.values[e] / params.std[p + s.colIndex[e]]);
}

/**
 * to[at + i] = capped((from[off + i] − μ) / σ) for i < n: in place when from and to are the same, or from a
 * Float64 column into a Float32 design (z is computed in double and rounded once, when it is stored).
 */
export function scaleColumn(from: Floats, off: number, to: Floats, at: number, n: number, mu: number, sd: number): void {
  if (Math.abs(mu) > 1e100 || sd > 1e100) {
    const s = Math.max(Math.abs(mu), sd);
    for (let i = 0; i < n; i++) to[at + i] = capped((from[off + i] / s - mu / s) / (sd / s));
  } else for (let i = 0; i < n; i++) to[at + i] = capped((from[off + i] - mu) / sd);
}
