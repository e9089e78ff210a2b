import { describe, expect, it } from 'vitest';
import { minimizeLbfgs, type ValueAndGradient } from './lbfgs';

// Rosenbrock: f = Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1)
const rosenbrock: ValueAndGradient = (x, g) => {
  g.fill(0);
  let f = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * x[i] * a - 2 * b;
    g[i + 1] += 200 * a;
  }
  return f;
};

// Convex quadratic f = ½xᵀAx − cᵀx with A = tridiag(−1, d_i, −1), d_i = 2 + i² (SPD, condition 1.8·10³)
function quadratic(n: number): { fg: ValueAndGradient; solution: (x: Float64Array) => Float64Array; c: Float64Array } {
  const d = Float64Array.from({ length: n }, (_, i) => 2 + i * i);
  const c = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const mul = (x: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < n; i++) out[i] = d[i] * x[i] - (i > 0 ? x[i - 1] : 0) - (i + 1 < n ? x[i + 1] : 0);
  };
  const fg: ValueAndGradient = (x, g) => {
    mul(x, g);
    let f = 0;
    for (let i = 0; i < n; i++) {
      f += 0.5 * x[i] * g[i] - c[i] * x[i];
      g[i] -= c[i];
    }
    return f;
  };
  // residual A x − c, to check the solution without solving the system here
  const solution = (x: Float64Array): Float64Array => {
    const r = new Float64Array(n);
    mul(x, r);
    for (let i = 0; i < n; i++) r[i] -= c[i];
    return r;
  };
  return { fg, solution, c };
}

const maxAbs = (v: Float64Array): number => v.reduce((m, a) => Math.max(m, Math.abs(a)), 0);

describe('minimizeLbfgs', () => {
  it('solves the 2-D Rosenbrock problem from (−1.2, 1)', async () => {
    const res = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { gradTol: 1e-10 });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 8);
    expect(res.x[1]).toBeCloseTo(1, 8);
    expect(res.f).toBeLessThan(1e-18);
    expect(res.gradNorm).toBeLessThanOrEqual(1e-10);
    expect(res.iterations).toBeLessThan(60);
    expect(res.evaluations).toBeLessThan(100);
  });

  it('solves a 20-D chained Rosenbrock problem', async () => {
    const x0 = new Float64Array(20).fill(-1);
    x0[0] = -1.2;
    const res = await minimizeLbfgs(rosenbrock, x0, { gradTol: 1e-9 });
    expect(res.converged).toBe(true);
    for (const v of res.x) expect(v).toBeCloseTo(1, 6);
  });

  it('minimizes an ill-conditioned convex quadratic', async () => {
    const n = 50;
    const { fg, solution } = quadratic(n);
    const res = await minimizeLbfgs(fg, new Float64Array(n), { gradTol: 1e-12 });
    expect(res.converged).toBe(true);
    expect(maxAbs(solution(res.x))).toBeLessThanOrEqual(1e-12);
    // scipy's L-BFGS-B (maxcor 10) needs 306 iterations to reach ‖g‖∞ ≈ 1.5e-7 here; this one 305
    expect(res.iterations).toBeLessThan(600);
    // the gradient it reports is the gradient at the returned point
    const g = new Float64Array(n);
    expect(fg(res.x, g)).toBe(res.f);
    expect(maxAbs(g)).toBe(res.gradNorm);
  });

  it('takes one unit Newton step with the exact inverse Hessian as preconditioner, and far fewer with its diagonal', async () => {
    const n = 50;
    const { fg, solution } = quadratic(n);
    const d = Float64Array.from({ length: n }, (_, i) => 2 + i * i);
    // A⁻¹v for the tridiagonal A by the Thomas algorithm (forward sweep, back substitution)
    const exact = (v: Float64Array): void => {
      const cp = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const den = d[i] + (i > 0 ? cp[i - 1] : 0); // a_i = c_i = −1
        cp[i] = -1 / den;
        v[i] = (v[i] + (i > 0 ? v[i - 1] : 0)) / den;
      }
      for (let i = n - 2; i >= 0; i--) v[i] -= cp[i] * v[i + 1];
    };
    const newton = await minimizeLbfgs(fg, new Float64Array(n), { gradTol: 1e-10, precondition: exact });
    expect(newton.converged).toBe(true);
    expect(newton.iterations).toBe(1);
    expect(newton.evaluations).toBe(2);
    expect(maxAbs(solution(newton.x))).toBeLessThanOrEqual(1e-10);
    const jacobi = await minimizeLbfgs(fg, new Float64Array(n), { gradTol: 1e-12, precondition: (v) => v.forEach((x, i) => (v[i] = x / d[i])) });
    expect(jacobi.converged).toBe(true);
    expect(maxAbs(solution(jacobi.x))).toBeLessThanOrEqual(1e-12);
    expect(jacobi.iterations).toBeLessThan(40); // 305 without
  });

  it('rescales a preconditioner of the wrong scale by sᵀy / yᵀPy', async () => {
    const n = 50;
    const { fg, solution } = quadratic(n);
    const d = Float64Array.from({ length: n }, (_, i) => 2 + i * i);
    const iterations: number[] = [];
    for (const scale of [1, 1e-3, 1e3]) {
      const res = await minimizeLbfgs(fg, new Float64Array(n), { gradTol: 1e-12, precondition: (v) => v.forEach((x, i) => (v[i] = (scale * x) / d[i])) });
      expect(res.converged, `scale ${scale}`).toBe(true);
      expect(maxAbs(solution(res.x))).toBeLessThanOrEqual(1e-12);
      iterations.push(res.iterations);
    }
    expect(Math.max(...iterations)).toBeLessThanOrEqual(iterations[0] + 5);
  });

  it('stops at once when x0 is already optimal', async () => {
    const { fg, c } = quadratic(1); // A = [2]: optimum c/2
    const res = await minimizeLbfgs(fg, Float64Array.of(c[0] / 2), { gradTol: 1e-12 });
    expect(res).toMatchObject({ iterations: 0, evaluations: 1, converged: true });
  });

  it('does not mutate x0 and honours the memory option', async () => {
    const x0 = Float64Array.of(-1.2, 1);
    const res = await minimizeLbfgs(rosenbrock, x0, { memory: 3, gradTol: 1e-8 });
    expect(Array.from(x0)).toEqual([-1.2, 1]);
    expect(res.converged).toBe(true);
  });

  it('backs off from a trial step where f is not finite', async () => {
    // (x − 0.5)², undefined beyond 0.8: the first step (length 1/‖g‖ · ‖g‖ = 1) lands at x = 1
    const fg: ValueAndGradient = (x, g) => {
      if (x[0] > 0.8) {
        g[0] = NaN;
        return NaN;
      }
      g[0] = 2 * (x[0] - 0.5);
      return (x[0] - 0.5) ** 2;
    };
    const res = await minimizeLbfgs(fg, Float64Array.of(0), { gradTol: 1e-10 });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(0.5, 10);
  });

  it('reports converged=false, without looping, when f is never finite away from x0', async () => {
    let calls = 0;
    const fg: ValueAndGradient = (x, g) => {
      calls++;
      g[0] = 1;
      return x[0] === 0 ? 0 : Infinity;
    };
    const res = await minimizeLbfgs(fg, Float64Array.of(0), { gradTol: 1e-6 });
    expect(res.converged).toBe(false);
    expect(res.x[0]).toBe(0);
    expect(calls).toBe(res.evaluations);
    expect(calls).toBeLessThan(100);
  });

  it('reports converged=false when f(x0) is NaN', async () => {
    const res = await minimizeLbfgs((_x, g) => (g.fill(NaN), NaN), new Float64Array(3));
    expect(res).toMatchObject({ converged: false, iterations: 0, evaluations: 1 });
  });

  it('reports converged=false at maxIter', async () => {
    const res = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { gradTol: 1e-12, maxIter: 5 });
    expect(res.converged).toBe(false);
    expect(res.iterations).toBe(5);
  });

  it('calls onIteration once per iteration and propagates its rejection', async () => {
    const seen: number[] = [];
    const res = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      onIteration: ({ iter, f, gradNorm }) => {
        expect(Number.isFinite(f) && Number.isFinite(gradNorm)).toBe(true);
        seen.push(iter);
      },
    });
    expect(seen).toEqual(Array.from({ length: res.iterations }, (_, i) => i + 1));
    const stop = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      onIteration: ({ iter }) => (iter === 3 ? Promise.reject(new Error('stop')) : undefined),
    });
    await expect(stop).rejects.toThrow('stop');
  });
});
