import type { ColMajor } from '../linalg/matrix';

/** Fitted z-score parameters per design column: training mean and population standard deviation (ddof = 0). */
export interface ScalerParams {
  mean: Float64Array;
  std: Float64Array;
}

/**
 * Fits on the training matrix (scikit-learn's StandardScaler: μ = mean, σ = sqrt(mean((x − μ)²)),
 * σ = 0 replaced by 1). Values near the double range are scaled first so (x − μ)² cannot overflow.
 */
export function fitScaler(train: ColMajor): ScalerParams {
  const { rows: n, cols: p, data } = train;
  const mean = new Float64Array(p);
  const std = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const off = j * n;
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
  return { mean, std };
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
  const { rows: n, cols: p, data } = m;
  for (let j = 0; j < p; j++) {
    const mu = params.mean[j];
    const sd = params.std[j];
    const off = j * n;
    if (Math.abs(mu) > 1e100 || sd > 1e100) {
      const s = Math.max(Math.abs(mu), sd);
      for (let i = 0; i < n; i++) data[off + i] = capped((data[off + i] / s - mu / s) / (sd / s));
    } else for (let i = 0; i < n; i++) data[off + i] = capped((data[off + i] - mu) / sd);
  }
}
