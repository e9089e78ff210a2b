import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logTicks, niceDomain, niceStep, symmetricTicks, ticksWithin } from './ticks';

describe('niceStep', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(13.6)).toBe(20);
    expect(niceStep(0.00042)).toBeCloseTo(0.0005, 15);
  });
});

describe('ticksWithin', () => {
  it('gives round values inside the range (body mass 18.2–67.1)', () => {
    expect(ticksWithin(18.2, 67.1)).toEqual([20, 30, 40, 50, 60]);
  });

  it('keeps clear of the left end when asked', () => {
    expect(ticksWithin(20, 60, 4)).toEqual([20, 30, 40, 50, 60]);
    expect(ticksWithin(20, 60, 4, 0.08)).toEqual([30, 40, 50, 60]);
  });

  it('has no float noise in its labels', () => {
    expect(ticksWithin(0.1, 0.7, 6)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('gives one tick for a single value and none for nonsense', () => {
    expect(ticksWithin(3, 3)).toEqual([3]);
    expect(ticksWithin(Number.NaN, 3)).toEqual([]);
    expect(ticksWithin(5, 3)).toEqual([]);
  });

  it('for any range: sorted, inside, evenly spaced, between 2 and count + 1 of them', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (lo, width) => {
        const hi = lo + width;
        const ticks = ticksWithin(lo, hi, 5);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(6);
        for (const v of ticks) {
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(hi);
        }
        const step = ticks[1] - ticks[0];
        for (let i = 2; i < ticks.length; i++) expect(ticks[i] - ticks[i - 1]).toBeCloseTo(step, 6);
      }),
    );
  });
});

describe('symmetricTicks', () => {
  it('covers ±extent with round ticks symmetric about 0', () => {
    expect(symmetricTicks(2.43)).toEqual({ limit: 4, ticks: [-4, -2, 0, 2, 4] });
    expect(symmetricTicks(0.9)).toEqual({ limit: 1, ticks: [-1, -0.5, 0, 0.5, 1] });
    for (const extent of [1e-6, 0.013, 0.37, 1, 7.9, 123, 4.5e5]) {
      const { limit, ticks } = symmetricTicks(extent);
      expect(limit).toBeGreaterThanOrEqual(extent);
      expect(ticks[0]).toBe(-ticks[ticks.length - 1]);
      expect(ticks).toContain(0);
    }
  });
});

describe('niceDomain', () => {
  it('widens a loss range to round values with round ticks', () => {
    expect(niceDomain(0.4589, 0.6132)).toEqual({ domain: [0.45, 0.65], ticks: [0.45, 0.5, 0.55, 0.6, 0.65] });
    expect(niceDomain(0.41, 0.91)).toEqual({ domain: [0.4, 1], ticks: [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] });
  });

  it('keeps a range that is already round', () => {
    expect(niceDomain(0, 1)).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
  });

  it('gives a flat series some room, and nonsense a unit range', () => {
    const flat = niceDomain(0.5, 0.5);
    expect(flat.domain[0]).toBeLessThan(0.5);
    expect(flat.domain[1]).toBeGreaterThan(0.5);
    expect(niceDomain(Number.NaN, 1).domain).toEqual([0, 1]);
  });

  it('for any range: covers it, ticks evenly spaced from end to end', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (lo, width) => {
        const hi = lo + width;
        const { domain, ticks } = niceDomain(lo, hi);
        // within a billionth of the range: a value a rounding error past a round tick does not add a step
        expect(domain[0]).toBeLessThanOrEqual(lo + 1e-9 * width);
        expect(domain[1]).toBeGreaterThanOrEqual(hi - 1e-9 * width);
        expect(ticks[0]).toBe(domain[0]);
        expect(ticks[ticks.length - 1]).toBe(domain[1]);
        expect(ticks.length).toBeLessThanOrEqual(8);
        const step = ticks[1] - ticks[0];
        for (let i = 2; i < ticks.length; i++) expect(ticks[i] - ticks[i - 1]).toBeCloseTo(step, 6);
      }),
    );
  });
});

describe('logTicks', () => {
  it('covers the odds ratios with 1-2-5 ticks, 1 included', () => {
    expect(logTicks(0.6, 3.1)).toEqual({ domain: [0.5, 5], ticks: [0.5, 1, 2, 5] });
    expect(logTicks(0.9978, 1.0022).ticks).toEqual([0.5, 1, 2]);
  });

  it('keeps few ticks on a wide range, covering it, always with 1 inside', () => {
    fc.assert(fc.property(fc.double({ min: -4, max: 0, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), (a, b) => {
      const lo = 10 ** a;
      const hi = 10 ** b;
      const { domain, ticks } = logTicks(lo, hi);
      expect(domain[0]).toBeLessThanOrEqual(lo * (1 + 1e-9));
      expect(domain[1]).toBeGreaterThanOrEqual(hi * (1 - 1e-9));
      expect(ticks.length).toBeLessThanOrEqual(12);
      expect(ticks).toContain(1);
      for (let k = 1; k < ticks.length; k++) expect(ticks[k]).toBeGreaterThan(ticks[k - 1]);
    }));
  });

  it('thins an enormous range to a few powers of ten', () => {
    fc.assert(fc.property(fc.integer({ min: -300, max: -1 }), fc.integer({ min: 1, max: 300 }), (a, b) => {
      const { domain, ticks } = logTicks(10 ** a, 10 ** b);
      expect(ticks.length).toBeLessThanOrEqual(9);
      expect(ticks).toContain(1);
      expect(domain[0]).toBeLessThanOrEqual(10 ** a * (1 + 1e-9));
      expect(domain[1]).toBeGreaterThanOrEqual(10 ** b * (1 - 1e-9));
    }));
  });
});
