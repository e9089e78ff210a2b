import { describe, expect, it } from 'vitest';
import { normalCdf, normalSf, twoSidedP } from './normal';

// 2·Φ(−z) = erfc(z/√2) by mpmath at 40 digits (mp.dps = 40), rounded to double
const TWO_SIDED: [number, number][] = [
  [0.3, 0.7641771556220948],
  [0.7, 0.48392730444614607],
  [1.0, 0.3173105078629141],
  [1.959963984540054, 0.050000000000000024],
  [2.5, 0.01241933065155227],
  [3, 0.002699796063260189],
  [5, 5.733031437583878e-7],
  [5.7, 1.1980742802127056e-8],
  [8, 1.2441921148543568e-15],
  [10, 1.523970604832105e-23],
  [20, 5.5072482372124675e-89],
  [30, 9.813427854296374e-198],
  [37, 1.1451142445049154e-299],
  [37.5, 9.21070601916391e-308],
];

describe('standard normal tail', () => {
  it.each(TWO_SIDED)('2Φ(−%s) to a relative 2e-15', (z, want) => {
    expect(Math.abs(twoSidedP(z) / want - 1)).toBeLessThanOrEqual(2e-15);
    expect(Math.abs(twoSidedP(-z) / want - 1)).toBeLessThanOrEqual(2e-15);
  });

  it('keeps what a subnormal can hold at |z| = 38, and is 0 beyond the double range', () => {
    expect(Math.abs(twoSidedP(38) / 5.7708567e-316 - 1)).toBeLessThan(1e-8);
    expect(twoSidedP(40)).toBe(0);
    expect(twoSidedP(Infinity)).toBe(0);
  });

  it('is 1 at 0, symmetric, and NaN for NaN', () => {
    expect(twoSidedP(0)).toBe(1);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalSf(-1.5) + normalSf(1.5)).toBeCloseTo(1, 15);
    expect(normalCdf(-3)).toBe(normalSf(3));
    expect(twoSidedP(NaN)).toBeNaN();
  });
});
