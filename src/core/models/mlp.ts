/**
 * A small multilayer perceptron for a binary outcome, as scikit-learn 1.2.1's
 * MLPClassifier(activation='relu', solver='adam'): ReLU hidden layers, one sigmoid output, per batch B
 *
 *   loss = (1/|B|)·Σ_B [softplus(zᵢ) − yᵢzᵢ] + α‖W‖²/(2|B|)   (weights only, not biases),
 *
 * Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, sklearn's form lrₜ = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), p −= lrₜ·m/(√v + ε)),
 * batches of min(200, n) rows of a seeded shuffle each epoch, Glorot-uniform start from MT19937(seed):
 * each layer U(±√(6/(fan_in + fan_out))) drawn in sklearn's (fan_in, fan_out) order, then its biases.
 * (1.2.1's `_init_coef` picks the factor from the hidden activation only: 6 for ReLU, also for the
 * sigmoid output layer; 2 only when the hidden activation is 'logistic'.)
 *
 * Early stopping (validationFraction > 0): a stratified part of the training rows (`stratifiedSplit`
 * with the same seed) is held out; after each epoch its mean log-loss is measured, and, as sklearn's
 * n_iter_no_change, training stops once more than `patience` consecutive epochs failed to lower the
 * best validation loss by `tol`; the best epoch's weights are returned. (sklearn monitors validation
 * accuracy instead, and draws the split from the model's random stream.) With validationFraction = 0,
 * sklearn's early_stopping=False: all rows train, the same rule watches the training loss, and the
 * last weights are returned; then the weights, shuffles and updates are sklearn's, step for step.
 *
 * Layout: a batch is gathered from column-major X by row index into unit-major buffers
 * (act[l][u·len + k] = unit u of layer l on row k), so every inner loop runs over contiguous rows. Sparse
 * columns of X (note terms) are densified there, a batch or block of rows at a time (`gatherBlock`): the
 * arithmetic is the same whichever way a column is stored.
 */
import { checkShape, gatherBlock, type ColMajor } from '../linalg/matrix';
import { stratifiedSplit } from '../prep/split';
import { MT19937 } from '../random/mt19937';
import type { RunContext } from '../util/run-context';

export interface MlpLayer {
  /** outputs × inputs, row-major: weights[o·inputs + i]. */
  weights: Float64Array;
  bias: Float64Array;
  inputs: number;
  outputs: number;
}

export interface MlpOptions {
  /** Hidden layer sizes, e.g. [16] or [32, 16]. */
  hidden: number[];
  /** L2 penalty on the weights (sklearn's alpha), default 1e-4. */
  alpha?: number;
  /** Adam's step size, default 1e-3. */
  learningRate?: number;
  /** Rows per batch, default min(200, training rows); clipped to the training rows. */
  batchSize?: number;
  maxEpochs?: number;
  /** Share held out for early stopping (default 0.1; needs ≥ 2 rows per class, else SplitError); 0 = none. */
  validationFraction?: number;
  /** Epochs without an improvement by tol tolerated before stopping (sklearn's n_iter_no_change), default 10. */
  patience?: number;
  /** Smallest decrease of the monitored loss that counts as an improvement, default 1e-4. */
  tol?: number;
  seed: number;
  ctx?: RunContext;
  /** After each epoch (validationLoss is NaN without validation rows). */
  onEpoch?: (p: { epoch: number; loss: number; validationLoss: number }) => void;
}

export interface MlpFit {
  layers: MlpLayer[];
  epochs: number;
  /** The epoch whose weights are returned (the best validation epoch; the last one without validation). */
  bestEpoch: number;
  /** Per epoch: the batch losses (penalty included) averaged over the training rows, as sklearn's loss_curve_. */
  loss: number[];
  /** Per epoch: mean log-loss on the validation rows (empty without validation). */
  validationLoss: number[];
  stoppedEarly: boolean;
}

/** Rows per block when predicting or scoring the validation rows. */
const BLOCK = 1024;
/** Longest stretch of work (ms) inside an epoch between two checkpoints. */
const CHECKPOINT_MS = 25;
const BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

/** Activations (act[0] = inputs, act[L] = output logits), deltas ∂loss/∂z and labels of one batch, unit-major. */
/**
 * The batch's sparse inputs (note terms), by row: row k's non-zeros are val[start[k] … start[k + 1]) in inputs
 * `first + col[…]`. The first layer reads them as they are (a note has ~7 of 200 terms: the dense block would
 * be 97% zeros, and the first layer's work 30 times what it needs); `first` is 0 and `start` empty without them.
 */
type SparseBatch = { first: number; start: Int32Array; col: Int32Array; val: Float64Array };

type Workspace = { act: Float64Array[]; delta: Float64Array[]; y: Uint8Array; sparse: SparseBatch | null };

function workspace(layers: MlpLayer[], cap: number, withDeltas: boolean): Workspace {
  const units = [layers[0].inputs, ...layers.map((l) => l.outputs)];
  return {
    act: units.map((u) => new Float64Array(u * cap)),
    delta: withDeltas ? units.map((u, l) => new Float64Array(l === 0 ? 0 : u * cap)) : [],
    y: new Uint8Array(cap),
    sparse: null,
  };
}

// act[0][j·len + k] = X[rows[start + k], j] (rows null: row start + k) for the dense columns, the sparse ones into
// ws.sparse; y likewise
function gather(X: ColMajor, y: Uint8Array | null, rows: Int32Array | null, start: number, len: number, ws: Workspace): void {
  const s = X.sparse;
  if (!s) {
    gatherBlock(X, rows, start, len, ws.act[0]);
    ws.sparse = null;
  } else {
    const d = X.cols - s.cols;
    gatherBlock({ rows: X.rows, cols: d, data: X.data }, rows, start, len, ws.act[0]);
    let nnz = 0;
    for (let k = 0; k < len; k++) {
      const i = rows ? rows[start + k] : start + k;
      nnz += s.rowStart[i + 1] - s.rowStart[i];
    }
    let b = ws.sparse;
    if (!b || b.start.length < len + 1 || b.val.length < nnz) {
      const cap = Math.max(nnz, b ? b.val.length * 2 : 0);
      b = ws.sparse = { first: d, start: new Int32Array(Math.max(len + 1, b ? b.start.length : 0)), col: new Int32Array(cap), val: new Float64Array(cap) };
    }
    b.first = d;
    let e = 0;
    for (let k = 0; k < len; k++) {
      const i = rows ? rows[start + k] : start + k;
      b.start[k] = e;
      for (let f = s.rowStart[i]; f < s.rowStart[i + 1]; f++, e++) {
        b.col[e] = s.colIndex[f];
        b.val[e] = s.values[f];
      }
    }
    b.start[len] = e;
  }
  if (y) for (let k = 0; k < len; k++) ws.y[k] = y[rows ? rows[start + k] : start + k];
}

// Z = W·A + b for one layer over `len` rows (unit-major: unit o's rows at o·len), then ReLU if hidden; with `sp`
// (the first layer of a batch with sparse inputs), A holds the dense inputs 0 … sp.first − 1 and sp the rest
function layerForward(layer: MlpLayer, A: Float64Array, Z: Float64Array, len: number, relu: boolean, sp: SparseBatch | null = null): void {
  const { weights: W, bias, outputs: nout } = layer;
  const nin = sp ? sp.first : layer.inputs;
  const stride = layer.inputs;
  for (let o = 0; o < nout; o++) {
    const zo = o * len, wo = o * stride;
    Z.fill(bias[o], zo, zo + len);
    let i = 0;
    for (; i + 3 < nin; i += 4) {
      const w0 = W[wo + i], w1 = W[wo + i + 1], w2 = W[wo + i + 2], w3 = W[wo + i + 3];
      const a0 = i * len, a1 = a0 + len, a2 = a1 + len, a3 = a2 + len;
      for (let k = 0; k < len; k++) Z[zo + k] += w0 * A[a0 + k] + w1 * A[a1 + k] + (w2 * A[a2 + k] + w3 * A[a3 + k]);
    }
    for (; i < nin; i++) {
      const w = W[wo + i], a = i * len;
      for (let k = 0; k < len; k++) Z[zo + k] += w * A[a + k];
    }
    if (sp) {
      const ws = wo + sp.first;
      for (let k = 0; k < len; k++) {
        let z = Z[zo + k];
        for (let e = sp.start[k]; e < sp.start[k + 1]; e++) z += W[ws + sp.col[e]] * sp.val[e];
        Z[zo + k] = z;
      }
    }
    if (relu) for (let k = zo; k < zo + len; k++) if (!(Z[k] > 0)) Z[k] = 0;
  }
}

// act[l+1] = W·act[l] + b per layer, ReLU on hidden layers; the output layer's act holds logits
function forward(layers: MlpLayer[], ws: Workspace, len: number): void {
  for (let l = 0; l < layers.length; l++) layerForward(layers[l], ws.act[l], ws.act[l + 1], len, l < layers.length - 1, l === 0 ? ws.sparse : null);
}

/**
 * The network's output logits for every row, with the same arithmetic as training's forward pass (a row's
 * sums do not depend on the block it is in): σ(logit) is `predictMlp`'s risk.
 */
export function mlpLogits(layers: MlpLayer[], X: ColMajor): Float64Array {
  if (X.cols !== layers[0].inputs) throw new Error(`mlpLogits: ${X.cols} columns for a model of ${layers[0].inputs} inputs`);
  const out = new Float64Array(X.rows);
  if (X.rows > 0) scoreRows(layers, X, null, null, out, true);
  return out;
}

// Σₖ softplus(zₖ) − yₖzₖ over the logits (= −Σ log-likelihood, never log 0); with `delta`, delta[k] = σ(zₖ) − yₖ
function logLoss(z: Float64Array, y: Uint8Array, len: number, delta: Float64Array | null): number {
  let s = 0;
  for (let k = 0; k < len; k++) {
    const v = z[k], e = Math.exp(-Math.abs(v));
    s += (v > 0 ? v : 0) - y[k] * v + Math.log1p(e);
    if (delta) delta[k] = (v >= 0 ? 1 : e) / (1 + e) - y[k];
  }
  return s;
}

// ∂loss/∂W = (δₗ·aₗ₋₁ᵀ + αW)/len, ∂loss/∂b = mean δₗ, δₗ₋₁ = (Wᵀδₗ) ⊙ [aₗ₋₁ > 0]; ws.delta[L] set by logLoss
function backward(layers: MlpLayer[], ws: Workspace, len: number, alpha: number, gw: Float64Array[], gb: Float64Array[]): void {
  const inv = 1 / len;
  for (let l = layers.length - 1; l >= 0; l--) {
    const { weights: W, outputs: nout } = layers[l];
    const sp = l === 0 ? ws.sparse : null;
    const stride = layers[l].inputs;
    const nin = sp ? sp.first : stride; // the sparse inputs' gradients are summed over their non-zeros below
    const A = ws.act[l], D = ws.delta[l + 1], GW = gw[l], GB = gb[l];
    for (let o = 0; o < nout; o++) {
      const d = o * len, wo = o * stride;
      let sb = 0;
      for (let k = 0; k < len; k++) sb += D[d + k];
      GB[o] = sb * inv;
      let i = 0;
      for (; i + 3 < nin; i += 4) {
        const a0 = i * len, a1 = a0 + len, a2 = a1 + len, a3 = a2 + len;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let k = 0; k < len; k++) {
          const v = D[d + k];
          s0 += A[a0 + k] * v; s1 += A[a1 + k] * v; s2 += A[a2 + k] * v; s3 += A[a3 + k] * v;
        }
        GW[wo + i] = (s0 + alpha * W[wo + i]) * inv; GW[wo + i + 1] = (s1 + alpha * W[wo + i + 1]) * inv;
        GW[wo + i + 2] = (s2 + alpha * W[wo + i + 2]) * inv; GW[wo + i + 3] = (s3 + alpha * W[wo + i + 3]) * inv;
      }
      for (; i < nin; i++) {
        const a = i * len;
        let s = 0;
        for (let k = 0; k < len; k++) s += A[a + k] * D[d + k];
        GW[wo + i] = (s + alpha * W[wo + i]) * inv;
      }
      if (sp) {
        GW.fill(0, wo + nin, wo + stride);
        for (let k = 0; k < len; k++) {
          const v = D[d + k];
          for (let e = sp.start[k]; e < sp.start[k + 1]; e++) GW[wo + nin + sp.col[e]] += sp.val[e] * v;
        }
        for (let j = wo + nin; j < wo + stride; j++) GW[j] = (GW[j] + alpha * W[j]) * inv;
      }
    }
    if (l === 0) break;
    const P = ws.delta[l];
    for (let i = 0; i < nin; i++) {
      const pi = i * len;
      P.fill(0, pi, pi + len);
      for (let o = 0; o < nout; o++) {
        const w = W[o * nin + i], d = o * len;
        for (let k = 0; k < len; k++) P[pi + k] += w * D[d + k];
      }
      for (let k = pi; k < pi + len; k++) if (!(A[k] > 0)) P[k] = 0;
    }
  }
}

// ‖W‖² over all layers' weights
function weightNorm2(layers: MlpLayer[]): number {
  let s = 0;
  for (const { weights: W } of layers) for (let i = 0; i < W.length; i++) s += W[i] * W[i];
  return s;
}

/** Loss (as in the file comment) and its gradient with all rows of X as one batch: the backward pass, exposed for checking. */
export function mlpLossGradient(layers: MlpLayer[], X: ColMajor, y: Uint8Array, alpha: number): { loss: number; weights: Float64Array[]; bias: Float64Array[] } {
  const n = X.rows, L = layers.length;
  const ws = workspace(layers, n, true);
  gather(X, y, null, 0, n, ws);
  forward(layers, ws, n);
  const loss = (logLoss(ws.act[L], ws.y, n, ws.delta[L]) + 0.5 * alpha * weightNorm2(layers)) / n;
  const weights = layers.map((l) => new Float64Array(l.weights.length));
  const bias = layers.map((l) => new Float64Array(l.outputs));
  backward(layers, ws, n, alpha, weights, bias);
  return { loss, weights, bias };
}

// mean log-loss over rows (all of X when null), BLOCK rows at a time; probabilities (or the logits) into `out` when given
function scoreRows(layers: MlpLayer[], X: ColMajor, y: Uint8Array | null, rows: Int32Array | null, out: Float64Array | null, logits = false): number {
  const n = rows ? rows.length : X.rows, L = layers.length;
  const ws = workspace(layers, Math.max(1, Math.min(BLOCK, n)), false);
  let s = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const len = Math.min(BLOCK, n - start);
    gather(X, y, rows, start, len, ws);
    forward(layers, ws, len);
    const z = ws.act[L];
    if (y) s += logLoss(z, ws.y, len, null);
    // σ(z) = 1/(1 + e^−z) for z ≥ 0, e^z/(1 + e^z) below: no overflow for either sign
    if (out && logits) out.set(z.subarray(0, len), start);
    else if (out) for (let k = 0; k < len; k++) out[start + k] = (z[k] >= 0 ? 1 : Math.exp(z[k])) / (1 + Math.exp(-Math.abs(z[k])));
  }
  return s / n;
}

/** P(event | xᵢ) for every row of column-major X, in blocks of rows. */
export function predictMlp(fit: Pick<MlpFit, 'layers'>, X: ColMajor): Float64Array {
  if (X.cols !== fit.layers[0].inputs) throw new Error(`predictMlp: ${X.cols} columns for a model of ${fit.layers[0].inputs} inputs`);
  const out = new Float64Array(X.rows);
  if (X.rows > 0) scoreRows(fit.layers, X, null, null, out);
  return out;
}

// sklearn _init_coef per layer: W (drawn fan_in × fan_out) then b, all U(±√(6/(fan_in + fan_out)))
function initLayers(units: number[], rng: MT19937): MlpLayer[] {
  const layers: MlpLayer[] = [];
  for (let l = 0; l + 1 < units.length; l++) {
    const nin = units[l], nout = units[l + 1];
    const bound = Math.sqrt(6 / (nin + nout)), low = -bound, range = bound - low;
    const weights = new Float64Array(nin * nout);
    for (let i = 0; i < nin; i++) for (let o = 0; o < nout; o++) weights[o * nin + i] = low + range * rng.random();
    const bias = Float64Array.from({ length: nout }, () => low + range * rng.random());
    layers.push({ weights, bias, inputs: nin, outputs: nout });
  }
  return layers;
}

const copyLayers = (layers: MlpLayer[]): MlpLayer[] => layers.map((l) => ({ ...l, weights: l.weights.slice(), bias: l.bias.slice() }));

function validate(X: ColMajor, y: Uint8Array, o: MlpOptions): void {
  const n = X.rows, count = (v: number | undefined, min: number): boolean => v === undefined || (Number.isInteger(v) && v >= min);
  if (n === 0 || y.length !== n) throw new Error(`fitMlp: ${n} rows, ${y.length} labels`);
  checkShape(X, 'fitMlp');
  for (let i = 0; i < n; i++) if (y[i] > 1) throw new Error(`fitMlp: label ${y[i]} at row ${i} is not 0/1`);
  if (o.hidden.length === 0 || !o.hidden.every((h) => count(h, 1))) throw new Error(`fitMlp: hidden must be positive integers, got [${o.hidden}]`);
  const vf = o.validationFraction ?? 0.1;
  if (!(vf >= 0 && vf < 1)) throw new Error(`fitMlp: validationFraction must be in [0, 1), got ${vf}`);
  if (!((o.learningRate ?? 1) > 0) || !((o.alpha ?? 0) >= 0) || !((o.tol ?? 0) >= 0)) throw new Error('fitMlp: need learningRate > 0, alpha ≥ 0, tol ≥ 0');
  if (!count(o.batchSize, 1) || !count(o.maxEpochs, 0) || !count(o.patience, 0)) throw new Error('fitMlp: batchSize ≥ 1, maxEpochs ≥ 0, patience ≥ 0 must be integers');
}

/** Trains the network (see the file comment); same seed → bit-identical result. */
export async function fitMlp(X: ColMajor, y: Uint8Array, opts: MlpOptions): Promise<MlpFit> {
  validate(X, y, opts);
  const alpha = opts.alpha ?? 1e-4, lr = opts.learningRate ?? 1e-3, maxEpochs = opts.maxEpochs ?? 200;
  const patience = opts.patience ?? 10, tol = opts.tol ?? 1e-4, vf = opts.validationFraction ?? 0.1;
  const ctx = opts.ctx, rng = new MT19937(opts.seed);
  const layers = initLayers([X.cols, ...opts.hidden, 1], rng), L = layers.length;
  const split = vf > 0 ? stratifiedSplit(y, vf, opts.seed) : null;
  const sample = split ? split.train.slice() : Int32Array.from({ length: X.rows }, (_, i) => i);
  const nTrain = sample.length;
  const batch = Math.max(1, Math.min(opts.batchSize ?? 200, nTrain));
  const ws = workspace(layers, batch, true);
  const gw = layers.map((l) => new Float64Array(l.weights.length));
  const gb = layers.map((l) => new Float64Array(l.outputs));
  const params = [...layers.map((l) => l.weights), ...layers.map((l) => l.bias)];
  const grads = [...gw, ...gb];
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const loss: number[] = [], validationLoss: number[] = [];
  let best = Infinity, bestEpoch = 0, bestLayers = copyLayers(layers), noImprovement = 0, stoppedEarly = false, t = 0;
  let lastCheck = performance.now(), epoch = 0;
  while (epoch < maxEpochs) {
    epoch++;
    rng.shuffle(sample);
    let acc = 0;
    for (let start = 0; start < nTrain; start += batch) {
      const len = Math.min(batch, nTrain - start);
      gather(X, y, sample, start, len, ws);
      forward(layers, ws, len);
      acc += logLoss(ws.act[L], ws.y, len, ws.delta[L]) + 0.5 * alpha * weightNorm2(layers);
      backward(layers, ws, len, alpha, gw, gb);
      t++;
      const step = (lr * Math.sqrt(1 - Math.pow(BETA2, t))) / (1 - Math.pow(BETA1, t));
      for (let q = 0; q < params.length; q++) {
        const P = params[q], G = grads[q], M = m[q], V = v[q];
        for (let i = 0; i < P.length; i++) {
          const g = G[i];
          M[i] = BETA1 * M[i] + (1 - BETA1) * g;
          V[i] = BETA2 * V[i] + (1 - BETA2) * (g * g);
          P[i] += (-step * M[i]) / (Math.sqrt(V[i]) + EPS);
        }
      }
      if (ctx && performance.now() - lastCheck > CHECKPOINT_MS) {
        await ctx.checkpoint((epoch - 1 + (start + len) / nTrain) / maxEpochs);
        lastCheck = performance.now();
      }
    }
    loss.push(acc / nTrain);
    const vl = split ? scoreRows(layers, X, y, split.test, null) : NaN;
    if (split) validationLoss.push(vl);
    const monitored = split ? vl : acc / nTrain;
    // sklearn _update_no_improvement_count, on a loss
    noImprovement = monitored <= best - tol ? 0 : noImprovement + 1; // NaN counts as no improvement
    if (monitored < best) {
      best = monitored;
      if (split) [bestEpoch, bestLayers] = [epoch, copyLayers(layers)];
    }
    opts.onEpoch?.({ epoch, loss: acc / nTrain, validationLoss: vl });
    stoppedEarly = noImprovement > patience;
    if (stoppedEarly) break;
    if (ctx) await ctx.checkpoint(epoch / maxEpochs);
    lastCheck = performance.now();
  }
  return { layers: split ? bestLayers : layers, epochs: epoch, bestEpoch: split ? bestEpoch : epoch, loss, validationLoss, stoppedEarly };
}
