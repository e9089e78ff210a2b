import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { complement, meanSd, stratifiedKFold } from './cross-validation';
import { SplitError } from '../prep/split';
import { foldCases } from '../__fixtures__/metrics/load';

const digits = (s: string): number[] => Array.from(s, Number);
const fixture = foldCases();

describe('stratifiedKFold against scikit-learn 1.2.1 StratifiedKFold(shuffle=True) (fold-cases.json)', () => {
  for (const c of fixture.cases) {
    it(`${c.name}, seed ${c.seed}`, () => {
      const folds = stratifiedKFold(digits(c.y), c.k, c.seed);
      expect(folds.map((f) => Array.from(f))).toEqual(c.folds);
    });
  }
  for (const e of fixture.errors) {
    it(`error: ${e.name} (sklearn: ${e.sklearn})`, () => {
      const code = e.sklearn.includes('number of samples') ? 'split-too-small' : 'class-too-small';
      expect(() => stratifiedKFold(digits(e.y), e.k, 0)).toThrow(SplitError);
      try { stratifiedKFold(digits(e.y), e.k, 0); } catch (err) { expect((err as SplitError).code).toBe(code); }
    });
  }
  it('k must be an integer ≥ 2; labels finite', () => {
    expect(() => stratifiedKFold([0, 1, 0, 1], 1, 0)).toThrow(RangeError);
    expect(() => stratifiedKFold([0, 1, 0, 1], 2.5, 0)).toThrow(RangeError);
    expect(() => stratifiedKFold([0, NaN, 0, 1], 2, 0)).toThrow(RangeError);
  });
});

describe('stratifiedKFold properties', () => {
  const input = fc.record({
    y: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 2, maxLength: 200 }),
    k: fc.integer({ min: 2, max: 10 }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
  }).filter(({ y, k }) => k <= y.length && y.some((v, _, a) => a.filter((w) => w === v).length >= k));

  it('the folds partition the rows, each ascending; fold sizes and class counts differ by at most one', () => {
    fc.assert(fc.property(input, ({ y, k, seed }) => {
      const folds = stratifiedKFold(y, k, seed);
      expect(folds).toHaveLength(k);
      const all = folds.flatMap((f) => Array.from(f)).sort((a, b) => a - b);
      expect(all).toEqual([...Array(y.length).keys()]);
      for (const f of folds) for (let i = 1; i < f.length; i++) expect(f[i]).toBeGreaterThan(f[i - 1]);
      const events = y.reduce((a, b) => a + b, 0);
      for (const f of folds) {
        expect(Math.abs(f.length - y.length / k)).toBeLessThan(1);
        const e = Array.from(f).reduce((a, r) => a + y[r], 0);
        expect(Math.abs(e - events / k)).toBeLessThan(1);
      }
    }), { numRuns: 300 });
  });

  it('same seed → same folds', () => {
    fc.assert(fc.property(input, ({ y, k, seed }) => {
      expect(stratifiedKFold(y, k, seed)).toEqual(stratifiedKFold(y, k, seed));
    }), { numRuns: 100 });
  });

  it('complement gives the training rows', () => {
    expect(Array.from(complement(Int32Array.from([1, 4, 5]), 7))).toEqual([0, 2, 3, 6]);
  });

  it('200,000 rows, 10 folds: fast', () => {
    const y = Uint8Array.from({ length: 200_000 }, (_, i) => ((i * 40503) % 10 < 1 ? 1 : 0));
    const t0 = performance.now();
    const folds = stratifiedKFold(y, 10, 42);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(folds.reduce((a, f) => a + f.length, 0)).toBe(200_000);
  });
});

describe('meanSd (numpy mean, std(ddof=1))', () => {
  it('values', () => {
    expect(meanSd([1, 2, 3, 4])).toEqual({ mean: 2.5, sd: 1.2909944487358056, n: 4 });
    const r = meanSd(Float64Array.from([0.81, 0.79, 0.84, 0.77, 0.8]));
    expect(r.mean).toBeCloseTo(0.8019999999999999, 15); // np.mean
    expect(r.sd).toBeCloseTo(0.025884358211089552, 15); // np.std(ddof=1)
  });
  it('one value: SD NaN; none: both NaN; a NaN value propagates', () => {
    expect(meanSd([0.7])).toEqual({ mean: 0.7, sd: NaN, n: 1 });
    expect(meanSd([])).toEqual({ mean: NaN, sd: NaN, n: 0 });
    expect(meanSd([0.7, NaN]).mean).toBeNaN();
  });
});
