/**
 * Platt scaling: P(y = 1 | f) = 1 / (1 + exp(A·f + B)) on decision values f, fitted as libsvm's
 * `sigmoid_train` (Lin, Lin & Weng, "A note on Platt's probabilistic outputs for support vector machines",
 * Machine Learning 2007): targets smoothed to t₊ = (N₊ + 1)/(N₊ + 2), t₋ = 1/(N₋ + 2), Newton's method on
 * (A, B) with the Hessian shifted by 1e-12·I and a backtracking (Armijo) line search, every log-term written
 * so that it cannot overflow. libsvm fits it on decision values from an internal 5-fold cross-validation;
 * here it is fitted on the values it is given (the caller's training decision values: the UI says so).
 */

export interface PlattParams {
  A: number;
  B: number;
}

// F(A, B) = Σᵢ tᵢ·(A·fᵢ + B) + log(1 + exp(−(A·fᵢ + B))), i.e. the cross-entropy −Σ tᵢ log pᵢ + (1 − tᵢ) log(1 − pᵢ)
function crossEntropy(f: Float64Array, t: Float64Array, A: number, B: number): number {
  let s = 0;
  for (let i = 0; i < f.length; i++) {
    const z = f[i] * A + B;
    s += z >= 0 ? t[i] * z + Math.log(1 + Math.exp(-z)) : (t[i] - 1) * z + Math.log(1 + Math.exp(z));
  }
  return s;
}

// Newton on F (libsvm sigmoid_train): ∇F = (Σfᵢdᵢ, Σdᵢ) with dᵢ = tᵢ − pᵢ, H = Σ pᵢ(1−pᵢ)·[fᵢ², fᵢ; fᵢ, 1] + σI;
// step −H⁻¹∇F halved until F falls by 1e-4·step·∇Fᵀd; stops when |∇F|∞ < 1e-5, after 100 steps, or at a step < 1e-10.
export function fitPlatt(decision: Float64Array, y: Uint8Array): PlattParams {
  const n = decision.length;
  if (n === 0) throw new Error('fitPlatt: no decision values');
  if (y.length !== n) throw new Error(`fitPlatt: ${y.length} labels for ${n} decision values`);
  let prior1 = 0;
  for (let i = 0; i < n; i++) prior1 += y[i] === 1 ? 1 : 0;
  const prior0 = n - prior1;
  const hi = (prior1 + 1) / (prior1 + 2), lo = 1 / (prior0 + 2);
  const t = Float64Array.from(y, (v) => (v === 1 ? hi : lo));
  const maxIter = 100, minStep = 1e-10, sigma = 1e-12, eps = 1e-5;
  let A = 0, B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = crossEntropy(decision, t, A, B);
  for (let iter = 0; iter < maxIter; iter++) {
    let h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
    for (let i = 0; i < n; i++) {
      const f = decision[i], z = f * A + B;
      // p = 1/(1 + e^z), q = 1 − p, without overflow for either sign of z
      const e = Math.exp(-Math.abs(z));
      const p = z >= 0 ? e / (1 + e) : 1 / (1 + e), q = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      const d2 = p * q, d1 = t[i] - p;
      h11 += f * f * d2;
      h22 += d2;
      h21 += f * d2;
      g1 += f * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < eps && Math.abs(g2) < eps) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det, dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= minStep) {
      const nA = A + step * dA, nB = B + step * dB, nf = crossEntropy(decision, t, nA, nB);
      if (nf < fval + 0.0001 * step * gd) {
        A = nA;
        B = nB;
        fval = nf;
        break;
      }
      step /= 2;
    }
    if (step < minStep) break; // line search failed: libsvm keeps the last point
  }
  return { A, B };
}

/** P(y = 1 | fᵢ) = 1/(1 + exp(A·fᵢ + B)), as libsvm's sigmoid_predict (no overflow for either sign). */
export function applyPlatt(params: PlattParams, decision: Float64Array): Float64Array {
  return decision.map((f) => {
    const z = f * params.A + params.B;
    return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
  });
}
