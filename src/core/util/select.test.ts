import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { orderStatistics, orderStatisticsOf, quantilesAndMedian, selectInPlace } from './select';
import { quantile } from '../prep/pipeline';

const values = fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 300 });

describe('selectInPlace', () => {
  it('puts the k-th smallest at k, nothing greater before it and nothing smaller after it', () => {
    fc.assert(
      fc.property(values, fc.nat(), (xs, r) => {
        const a = Float64Array.from(xs);
        const k = r % a.length;
        selectInPlace(a, k);
        const sorted = Float64Array.from(xs).sort();
        expect(a[k] === sorted[k]).toBe(true); // === : −0 and 0 may trade places
        for (let i = 0; i < k; i++) expect(a[i] <= a[k]).toBe(true);
        for (let i = k + 1; i < a.length; i++) expect(a[i] >= a[k]).toBe(true);
        expect(Float64Array.from(a).sort()).toEqual(sorted); // a permutation
      }),
      { numRuns: 400 },
    );
  });

  it('stays correct on long runs of ties, sorted and reversed input (the cases that break naive pivots)', () => {
    const n = 100_001;
    const cases = [
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => n - i),
      Float64Array.from({ length: n }, (_, i) => i % 3),
      new Float64Array(n).fill(7),
      Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i : -i)), // organ pipe
    ];
    for (const a of cases) {
      const sorted = Float64Array.from(a).sort();
      for (const k of [0, 1, 500, n >> 1, n - 2, n - 1]) {
        const b = Float64Array.from(a);
        selectInPlace(b, k);
        expect(b[k]).toBe(sorted[k]);
      }
    }
  });

  it('refuses a position outside the range', () => {
    expect(() => selectInPlace(new Float64Array(3), 3)).toThrow(RangeError);
  });
});

describe('orderStatistics', () => {
  it('gives every asked position its sorted value', () => {
    fc.assert(
      fc.property(values, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (xs, rs) => {
        const a = Float64Array.from(xs);
        const ks = [...new Set(rs.map((r) => r % a.length))].sort((x, y) => x - y);
        orderStatistics(a, ks);
        const sorted = Float64Array.from(xs).sort();
        for (const k of ks) expect(a[k] === sorted[k]).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

// numpy.quantile over the sorted present values, and np.median
function byNumpyRule(xs: ArrayLike<number>, qs: number[]): { quantiles: number[]; median: number } {
  const sorted = Float64Array.from(xs).filter((v) => v === v).sort();
  const n = sorted.length;
  const median = n === 0 ? NaN : n % 2 ? sorted[n >> 1] : (sorted[(n >> 1) - 1] + sorted[n >> 1]) / 2;
  return { quantiles: qs.map((q) => quantile(sorted, q)), median };
}

const same = (got: { quantiles: number[]; median: number }, want: { quantiles: number[]; median: number }) => {
  expect(got.quantiles.length).toBe(want.quantiles.length);
  got.quantiles.forEach((v, i) => expect(Object.is(v + 0, want.quantiles[i] + 0)).toBe(true)); // +0: −0 and 0 alike
  expect(Object.is(got.median + 0, want.median + 0)).toBe(true);
};

describe('quantilesAndMedian and orderStatisticsOf', () => {
  const qs = [0, 0.01, 0.25, 0.5, 0.75, 0.99, 1];

  it('equal numpy.quantile (the sorted-array rule) and np.median on small columns with NaN, and leave the column as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.integer({ min: -3, max: 3 }), fc.constant(NaN)), { maxLength: 300 }), (xs) => {
        const a = Float64Array.from(xs);
        same(quantilesAndMedian(a, qs), byNumpyRule(xs, qs));
        expect(Array.from(a)).toEqual(xs);
      }),
      { numRuns: 300 },
    );
  });

  // columns long enough for the sampled brackets (≥ 16,384 present values), in the shapes that could mislead a sample
  const n = 60_001;
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const shapes: Record<string, () => Float64Array> = {
    'random with 5% NaN': () => Float64Array.from({ length: n }, () => (rand() < 0.05 ? NaN : rand() * 100 - 30)),
    'sorted ascending': () => Float64Array.from({ length: n }, (_, i) => i / 7),
    'sorted descending': () => Float64Array.from({ length: n }, (_, i) => -i),
    'three values': () => Float64Array.from({ length: n }, (_, i) => i % 3),
    'one value with a few outliers': () => Float64Array.from({ length: n }, (_, i) => (i % 997 === 0 ? i : 5)),
    'integers 18–90 (ties wider than a bracket)': () => Float64Array.from({ length: n }, () => 18 + Math.floor(rand() * 73)),
    'periodic with the sample stride (every sampled cell alike)': () => Float64Array.from({ length: n }, (_, i) => (i % Math.floor(n / 4096) === 0 ? 1 : rand())),
    'mostly NaN': () => Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? i : NaN)),
    'half NaN in one block': () => Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? NaN : rand())),
    'heavy tail': () => Float64Array.from({ length: n }, () => Math.exp(20 * rand())),
  };
  for (const [name, make] of Object.entries(shapes)) {
    it(`equal the sorted-array rule on a long column: ${name}`, () => {
      const a = make();
      const before = Float64Array.from(a);
      same(quantilesAndMedian(a, qs), byNumpyRule(a, qs));
      expect(Array.from(a)).toEqual(Array.from(before));
      const sorted = Float64Array.from(a).filter((v) => v === v).sort();
      const ks = [0, 1, 17, sorted.length >> 2, sorted.length >> 1, sorted.length - 2, sorted.length - 1];
      const got = orderStatisticsOf(a, sorted.length, ks);
      ks.forEach((k, i) => expect(got[i] === sorted[k]).toBe(true));
    });
  }

  it('hand-checked against numpy: quantile([1, 2, 3, 4], [0.01, 0.99]) = [1.03, 3.9699999999999998], median 2.5; nothing present gives NaN', () => {
    expect(quantilesAndMedian(Float64Array.of(4, NaN, 1, 3, 2), [0.01, 0.99])).toEqual({ quantiles: [1.03, 3.9699999999999998], median: 2.5 });
    expect(quantilesAndMedian(Float64Array.of(NaN, NaN), [0.5])).toEqual({ quantiles: [NaN], median: NaN });
  });
});
