/**
 * R's `pretty(c(lo, hi), n)`: about n + 1 equally spaced round values (1, 2 or 5 times a power of ten
 * apart) that cover [lo, hi]. rms::nomogram draws its axes at these values, so the nomogram port needs
 * them exactly. A port of R_pretty (src/appl/pretty.c, R 4.2) with pretty.default's defaults
 * (min.n = n %/% 3, shrink.sml = 0.75, high.u.bias = 1.5, u5.bias = 0.5 + 1.5·high.u.bias, eps.correct = 0).
 */

const ROUNDING_EPS = 1e-10;
const H = 1.5; // high.u.bias
const H5 = 0.5 + 1.5 * H; // u5.bias

/** The step and the first and last multiple of it: values (ns + i)·unit for i = 0..nu − ns. */
export interface PrettySteps {
  /** unit = mantissa · 10^exponent, mantissa 1, 2, 5 or 10 */
  mantissa: number;
  exponent: number;
  ns: number;
  nu: number;
}

export function prettySteps(lo: number, hi: number, n = 10): PrettySteps {
  if (!(Number.isFinite(lo) && Number.isFinite(hi)) || lo > hi) throw new Error(`pretty: bad range [${lo}, ${hi}]`);
  const minN = Math.floor(n / 3);
  const dx = hi - lo;
  let cell: number;
  let small: boolean;
  if (dx === 0 && hi === 0) {
    cell = 1;
    small = true;
  } else {
    cell = Math.max(Math.abs(lo), Math.abs(hi));
    // U: an upper bound on cell/unit; a range this small relative to its values is "small"
    const U = (1 + (H5 >= 1.5 * H + 0.5 ? 1 / (1 + H) : 1.5 / (1 + H5))) * Math.max(1, n) * Number.EPSILON;
    small = dx < cell * U * 3;
  }
  if (small) {
    if (cell > 10) cell = 9 + cell / 10;
    cell *= 0.75;
    if (minN > 1) cell /= minN;
  } else {
    cell = dx;
    if (n > 1) cell /= n;
  }
  // base ≤ cell < 10·base; the unit is 1, 2, 5 or 10 times base, the closest to cell with a bias to larger units
  const exponent = Math.floor(Math.log10(cell));
  const base = 10 ** exponent;
  let mantissa = 1;
  let unit = base;
  if (2 * base - cell < H * (cell - unit)) {
    mantissa = 2;
    unit = 2 * base;
    if (5 * base - cell < H5 * (cell - unit)) {
      mantissa = 5;
      unit = 5 * base;
      if (10 * base - cell < H * (cell - unit)) {
        mantissa = 10;
        unit = 10 * base;
      }
    }
  }
  let ns = Math.floor(lo / unit + ROUNDING_EPS);
  let nu = Math.ceil(hi / unit - ROUNDING_EPS);
  while (ns * unit > lo + ROUNDING_EPS * unit) ns--;
  while (nu * unit < hi - ROUNDING_EPS * unit) nu++;
  let k = Math.floor(0.5 + nu - ns);
  if (k < minN) {
    // at least min.n intervals, added on both sides
    k = minN - k;
    const half = Math.floor(k / 2);
    if (ns >= 0) {
      nu += half;
      ns -= half + (k % 2);
    } else {
      ns -= half;
      nu += half + (k % 2);
    }
  }
  return { mantissa, exponent, ns, nu };
}

/**
 * The i-th value, (ns + i)·mantissa·10^exponent, computed as an integer times or divided by an exact power
 * of ten so that 0.1, 0.3, … are the doubles nearest to those decimals (R's seq() can be an ulp off them).
 */
export function prettyValue(s: PrettySteps, i: number): number {
  const m = (s.ns + i) * s.mantissa;
  return s.exponent >= 0 ? m * 10 ** s.exponent : m / 10 ** -s.exponent;
}

/** pretty(c(lo, hi), n): the values themselves. */
export function pretty(lo: number, hi: number, n = 10): number[] {
  const s = prettySteps(lo, hi, n);
  return Array.from({ length: s.nu - s.ns + 1 }, (_, i) => prettyValue(s, i));
}
