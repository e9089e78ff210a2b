/**
 * Logistic regression trained by the teaching example's plain rule wₜ₊₁ = wₜ − η·∇J(wₜ), for learners:
 *
 *   J(w, b) = (1/n)·Σᵢ log(1 + exp(−sᵢ(wᵀxᵢ + b))) + ‖w‖²/(2·C·n),   sᵢ = 2yᵢ − 1,
 *
 * which is `logreg`'s objective divided by C·n: the same minimizer, so `logisticLoss` at
 * `fitLogisticL2`'s optimum is the floor the loss curve should approach. Full batch: one fused pass
 * over X per epoch (`logisticObjective` gives J and ∇J at the new point, and that ∇J is the next step).
 * Mini-batch SGD: each epoch shuffles a row-index permutation (seeded MT19937) and takes batches of
 * it; a batch's rows are gathered CHUNK rows at a time into a small column-major buffer, so memory is
 * O(CHUNK·p) for any batch size and X is never copied. Trade-off: the gather makes p random loads
 * per row and epoch, latency-bound once X outgrows the cache (100,000 × 30 in Node: ~45 ms per
 * mini-batch epoch against ~5 ms per full-batch epoch), but the batches are truly random. Shuffling
 * contiguous blocks of rows would read sequentially, but would keep the same rows together every
 * epoch, which is biased when the file is sorted (by outcome, date or site), as clinical exports
 * often are; a row-major copy would gather ~15% faster than `gatherBlock` for twice the memory.
 * Sparse columns of X (note terms) need nothing more: the full-batch pass takes their products sparse,
 * and a mini-batch's gather densifies its chunk only.
 * After every epoch J is evaluated on all training rows (one more sequential pass) for the loss
 * curve and the stop tests.
 *
 * Divergence rule: J₀ = J(0, 0) = log 2. The run stops with `diverged: true` as soon as J is not
 * finite, a parameter is not finite, or J > DIVERGE_FACTOR·J₀ (mean log-loss above ~6.9: worse than
 * predicting ½ for everyone ten times over, which no working step size produces). Because the
 * log-loss is Lipschitz, a too-large η mostly makes J jump to a large but finite plateau and
 * oscillate there rather than overflow, hence a factor of 10 and not 10³. The kept parameters are
 * those of the last recorded loss (never NaN): the offending point if it is finite, else the point
 * before it.
 */
import { checkShape, gatherBlock, type ColMajor } from '../linalg/matrix';
import { MT19937 } from '../random/mt19937';
import type { RunContext } from '../util/run-context';
import { logisticObjective } from './logistic';

export interface GdOptions {
  /** Inverse regularization strength (as `logreg`), > 0. */
  C: number;
  /** Step size η > 0. */
  learningRate: number;
  /** Maximum number of epochs (passes over the training rows). */
  epochs: number;
  /** undefined: full batch; else mini-batch SGD over a seeded shuffle each epoch (clipped to n). */
  batchSize?: number;
  /** Seed of the shuffles (default 0). */
  seed?: number;
  /** Converged when ‖∇J‖∞ ≤ tol on all training rows after an epoch (default 1e-6). */
  tol?: number;
  ctx?: RunContext;
  onEpoch?: (point: { epoch: number; loss: number }) => void;
}

export interface GdFit {
  coef: Float64Array;
  intercept: number;
  /** Epochs whose result is kept (= loss.length). */
  epochs: number;
  /** J after each epoch, on all training rows. */
  loss: number[];
  diverged: boolean;
  converged: boolean;
}

/** J > DIVERGE_FACTOR·J(0, 0) counts as divergence (see the file comment). */
export const DIVERGE_FACTOR = 10;
/** Rows gathered at a time within a mini-batch. */
const CHUNK = 512;
/** Longest stretch of work (ms) inside an epoch between two checkpoints. */
const CHECKPOINT_MS = 25;

// J(w, b) = (1/n)·Σᵢ log(1 + exp(−sᵢ(wᵀxᵢ + b))) + ‖w‖²/(2·C·n), via logistic.ts's fused pass
export function logisticLoss(X: ColMajor, y: Uint8Array, coef: Float64Array, intercept: number, C: number): number {
  const p = X.cols;
  if (coef.length !== p) throw new Error(`logisticLoss: ${coef.length} coefficients for ${p} columns`);
  const x = new Float64Array(p + 1);
  x.set(coef);
  x[p] = intercept;
  return logisticObjective(X, y, C)(x, new Float64Array(p + 1));
}

// ‖v‖∞
function normInf(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

// true when every entry is finite
function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/** Work arrays of the mini-batch path, allocated once per fit. */
interface Gather {
  buf: Float64Array; // CHUNK × p, column-major
  z: Float64Array;
  g: Float64Array; // batch gradient [w…, b]
}

// g[0..p) += Σₖ xₖ·rₖ and g[p] += Σₖ rₖ over idx[start, start+len), rₖ = σ(wᵀxₖ + b) − yₖ, CHUNK rows at a time
function addBatchGradient(X: ColMajor, y: Uint8Array, idx: Int32Array, start: number, len: number, x: Float64Array, w: Gather): void {
  const p = X.cols;
  const { buf, z, g } = w;
  for (let c0 = 0; c0 < len; c0 += CHUNK) {
    const m = Math.min(CHUNK, len - c0);
    const rows = idx.subarray(start + c0, start + c0 + m);
    gatherBlock(X, idx, start + c0, m, buf);
    z.fill(x[p], 0, m);
    for (let j = 0; j < p; j++) {
      const bo = j * m, wj = x[j];
      for (let k = 0; k < m; k++) z[k] += wj * buf[bo + k];
    }
    let gb = 0;
    for (let k = 0; k < m; k++) {
      const e = Math.exp(-Math.abs(z[k])); // σ(z) without overflow for either sign
      const r = (z[k] >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[rows[k]];
      z[k] = r;
      gb += r;
    }
    g[p] += gb;
    for (let j = 0; j < p; j++) {
      const bo = j * m;
      let s = 0;
      for (let k = 0; k < m; k++) s += buf[bo + k] * z[k];
      g[j] += s;
    }
  }
}

function validate(X: ColMajor, y: Uint8Array, opts: GdOptions): void {
  const n = X.rows;
  if (n === 0) throw new Error('fitGradientDescent: no rows');
  if (y.length !== n) throw new Error(`fitGradientDescent: ${y.length} labels for ${n} rows`);
  checkShape(X, 'fitGradientDescent');
  for (let i = 0; i < n; i++) if (y[i] > 1) throw new Error(`fitGradientDescent: label ${y[i]} at row ${i} is not 0/1`);
  if (!(opts.C > 0) || !Number.isFinite(opts.C)) throw new Error(`fitGradientDescent: C must be finite and > 0, got ${opts.C}`);
  if (!(opts.learningRate > 0) || !Number.isFinite(opts.learningRate)) {
    throw new Error(`fitGradientDescent: learningRate must be finite and > 0, got ${opts.learningRate}`);
  }
  if (!Number.isInteger(opts.epochs) || opts.epochs < 0) throw new Error(`fitGradientDescent: epochs must be an integer ≥ 0, got ${opts.epochs}`);
  if (opts.batchSize !== undefined && !(Number.isInteger(opts.batchSize) && opts.batchSize >= 1)) {
    throw new Error(`fitGradientDescent: batchSize must be an integer ≥ 1, got ${opts.batchSize}`);
  }
}

/** Runs gradient descent from w = 0, b = 0 (see the file comment for the rules). */
export async function fitGradientDescent(X: ColMajor, y: Uint8Array, opts: GdOptions): Promise<GdFit> {
  validate(X, y, opts);
  const n = X.rows, p = X.cols, C = opts.C, eta = opts.learningRate, epochs = opts.epochs;
  const tol = opts.tol ?? 1e-6;
  const ctx = opts.ctx;
  const fg = logisticObjective(X, y, C);
  const x = new Float64Array(p + 1); // [w…, b]
  const g = new Float64Array(p + 1); // ∇J on all rows at x
  const prev = new Float64Array(p + 1);
  const limit = DIVERGE_FACTOR * fg(x, g); // J(0, 0) = log 2
  const batch = opts.batchSize === undefined ? 0 : Math.min(opts.batchSize, n);
  const rng = batch ? new MT19937(opts.seed ?? 0) : null;
  const perm = batch ? Int32Array.from({ length: n }, (_, i) => i) : new Int32Array(0);
  const work: Gather | null = batch
    ? { buf: new Float64Array(Math.min(CHUNK, batch) * p), z: new Float64Array(CHUNK), g: new Float64Array(p + 1) }
    : null;
  const invCN = 1 / (C * n);
  const loss: number[] = [];
  let converged = normInf(g) <= tol;
  let diverged = false;
  let lastCheck = performance.now();
  for (let epoch = 1; epoch <= epochs && !converged; epoch++) {
    prev.set(x);
    if (!rng || !work) {
      for (let i = 0; i <= p; i++) x[i] -= eta * g[i];
    } else {
      rng.shuffle(perm);
      for (let start = 0; start < n; start += batch) {
        const len = Math.min(batch, n - start);
        const bg = work.g;
        bg.fill(0);
        addBatchGradient(X, y, perm, start, len, x, work);
        // ∇J on the batch: (1/|B|)·Σ_B xᵢrᵢ + w/(Cn), (1/|B|)·Σ_B rᵢ
        const inv = 1 / len;
        for (let j = 0; j < p; j++) x[j] -= eta * (bg[j] * inv + x[j] * invCN);
        x[p] -= eta * bg[p] * inv;
        if (ctx && performance.now() - lastCheck > CHECKPOINT_MS) {
          await ctx.checkpoint((epoch - 1 + (start + len) / n) / epochs);
          lastCheck = performance.now();
        }
      }
    }
    const f = fg(x, g);
    if (!(f <= limit) || !allFinite(x)) {
      diverged = true;
      if (!Number.isFinite(f) || !allFinite(x)) {
        x.set(prev); // keep the last point with a finite loss
        break;
      }
    }
    loss.push(f);
    opts.onEpoch?.({ epoch, loss: f });
    if (diverged) break;
    converged = normInf(g) <= tol;
    if (ctx) {
      await ctx.checkpoint(epoch / epochs);
      lastCheck = performance.now();
    }
  }
  return { coef: x.slice(0, p), intercept: x[p], epochs: loss.length, loss, diverged, converged };
}
