import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { MT19937 } from '../random/mt19937';
import { approximateMode, columnSplit, SplitError, stratifiedSplit, type Split } from './split';

const read = (rel: string): string => readFileSync(new URL(rel, import.meta.url), 'utf8');

interface SplitCase { name: string; seed: number; testFraction: number; y: string; test: number[] }
interface ErrorCase { name: string; seed: number; testFraction: number; y: string; code: string }
interface Reference { train_rows: number[]; test_rows: number[]; n_rows_used: number }

// Made by make-split-cases.py (scikit-learn 1.2.1, numpy 1.24.2).
const fixture = JSON.parse(read('../__fixtures__/split-cases.json')) as { cases: SplitCase[]; errors: ErrorCase[] };
const labels = (s: string): number[] => Array.from(s, Number);
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

function expectPartition(s: Split, n: number): void {
  const all = [...s.train, ...s.test].sort((a, b) => a - b);
  expect(all).toEqual(range(0, n)); // disjoint, and the union is every row
  for (const side of [s.train, s.test]) for (let i = 1; i < side.length; i++) expect(side[i]).toBeGreaterThan(side[i - 1]);
}

/** The CSV's data rows (header excluded) as cells; these sample files have no quoted commas. */
function readCsv(rel: string): { header: string[]; rows: string[][] } {
  const lines = read(rel).split(/\r?\n/).filter((l) => l.length > 0);
  const cells = (l: string): string[] => l.split(',').map((c) => c.replace(/"/g, '').trim());
  return { header: cells(lines[0]), rows: lines.slice(1).map(cells) };
}

describe('stratifiedSplit against reference.py (train_test_split, seed 42, test 0.2)', () => {
  const refs: [string, string, string, string, 'drop' | 'mean'][] = [
    ['wdbc.json', 'wdbc.csv', 'diagnosis', 'malignant', 'drop'],
    ['pima_diabetes_drop.json', 'pima_diabetes.csv', 'diabetes', 'pos', 'drop'],
    ['pima_diabetes_mean.json', 'pima_diabetes.csv', 'diabetes', 'pos', 'mean'],
  ];
  for (const [json, csv, target, positive, missing] of refs) {
    it(`${json}: same train and test rows`, () => {
      // Python's json.dump writes bare NaN / Infinity (e.g. unpenalized fits on separable wdbc): not JSON.
      const text = read(`../__fixtures__/reference/${json}`).replace(/-?\bNaN\b|-?\bInfinity\b/g, 'null');
      const ref = JSON.parse(text) as Reference;
      const { header, rows } = readCsv(`../../../public/samples/${csv}`);
      const t = header.indexOf(target);
      // reference.py: drop rows with an empty cell (any column for 'drop', the target for 'mean'), keep order.
      const kept = range(0, rows.length).filter((r) => (missing === 'drop' ? rows[r].every((c) => c !== '') : rows[r][t] !== ''));
      expect(kept.length).toBe(ref.n_rows_used);
      const y = kept.map((r) => (rows[r][t] === positive ? 1 : 0));
      const s = stratifiedSplit(y, 0.2, 42);
      expectPartition(s, kept.length);
      expect(Array.from(s.train, (i) => kept[i])).toEqual(ref.train_rows);
      expect(Array.from(s.test, (i) => kept[i])).toEqual(ref.test_rows);
    });
  }
});

describe('stratifiedSplit against split-cases.json', () => {
  it.each(fixture.cases.map((c) => [`${c.name}, f=${c.testFraction}, seed=${c.seed}`, c] as const))('%s', (_, c) => {
    const y = labels(c.y);
    const s = stratifiedSplit(y, c.testFraction, c.seed);
    expect(Array.from(s.test)).toEqual(c.test);
    expectPartition(s, y.length);
  });

  it.each(fixture.errors.map((e) => [e.name, e] as const))('error: %s', (_, e) => {
    let caught: unknown;
    try {
      stratifiedSplit(labels(e.y), e.testFraction, e.seed);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SplitError);
    expect((caught as SplitError).code).toBe(e.code);
  });

  it('covers the grid of seeds, fractions and sizes asked for', () => {
    const seen = (f: (c: SplitCase) => number): Set<number> => new Set(fixture.cases.map(f));
    for (const s of [0, 1, 7, 42, 123456]) expect(seen((c) => c.seed).has(s)).toBe(true);
    for (const f of [0.2, 0.25, 0.3, 0.5]) expect(seen((c) => c.testFraction).has(f)).toBe(true);
    for (const n of [10, 11, 37, 100, 1001]) expect(seen((c) => c.y.length).has(n)).toBe(true);
  });
});

describe('approximateMode (sklearn.utils._approximate_mode docstring examples)', () => {
  it('matches sklearn', () => {
    expect(approximateMode([4, 2], 3, new MT19937(0))).toEqual([2, 1]);
    expect(approximateMode([5, 2], 4, new MT19937(0))).toEqual([3, 1]);
    expect(approximateMode([2, 2, 2, 1], 2, new MT19937(0))).toEqual([0, 1, 1, 0]);
    expect(approximateMode([2, 2, 2, 1], 2, new MT19937(42))).toEqual([1, 1, 0, 0]);
    expect(approximateMode([3, 3, 3], 5, new MT19937(7))).toEqual([1, 2, 2]);
  });
});

describe('stratifiedSplit invariants', () => {
  // Labels 0..k-1 over n rows, each class with at least 2 rows.
  const labelsArb = fc
    .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 40, max: 300 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }))
    .map(([k, n, s]) => {
      const rng = new MT19937(s);
      return Array.from({ length: n }, (_, i) => (i < 2 * k ? i % k : rng.randomInterval(k - 1)));
    });

  it('partitions the rows, is reproducible and keeps class proportions within one row', () => {
    fc.assert(
      fc.property(labelsArb, fc.double({ min: 0.1, max: 0.5, noNaN: true }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (y, f, seed) => {
        const s = stratifiedSplit(y, f, seed);
        expectPartition(s, y.length);
        expect(s.test.length).toBe(Math.ceil(f * y.length));
        expect(stratifiedSplit(y, f, seed)).toEqual(s);
        for (const c of new Set(y)) {
          const count = y.filter((v) => v === c).length;
          const inTest = Array.from(s.test).filter((i) => y[i] === c).length;
          expect(Math.abs(inTest - (count * s.test.length) / y.length)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('different seeds give different splits', () => {
    const y = range(0, 200).map((i) => (i % 3 === 0 ? 1 : 0));
    const tests = range(0, 20).map((seed) => Array.from(stratifiedSplit(y, 0.2, seed).test).join(','));
    expect(new Set(tests).size).toBe(20);
  });

  it('does not mutate the labels and accepts typed arrays', () => {
    const y = Float64Array.from(labels('0011010110'));
    const copy = Array.from(y);
    expect(stratifiedSplit(y, 0.3, 5)).toEqual(stratifiedSplit(copy, 0.3, 5));
    expect(Array.from(y)).toEqual(copy);
  });

  it('rejects bad fractions, tiny classes and tiny sides with SplitError codes', () => {
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return e instanceof SplitError ? e.code : 'other';
      }
      return undefined;
    };
    for (const f of [0, 1, -0.5, 1.5, Number.NaN]) expect(code(() => stratifiedSplit([0, 0, 1, 1], f, 1))).toBe('bad-fraction');
    expect(code(() => stratifiedSplit([], 0.2, 1))).toBe('split-too-small');
    expect(code(() => stratifiedSplit([0, 0, 0, 1], 0.5, 1))).toBe('class-too-small');
    expect(code(() => stratifiedSplit([0, 0, 1, 1], 0.2, 1))).toBe('split-too-small');
  });
});

describe('columnSplit', () => {
  it('puts truthy rows in train and the others in test', () => {
    expect(columnSplit([true, false, 1, 0, true])).toEqual({ train: Int32Array.from([0, 2, 4]), test: Int32Array.from([1, 3]) });
  });
  it('throws split-too-small when a side is empty', () => {
    expect(() => columnSplit([1, 1, 1])).toThrow(SplitError);
    expect(() => columnSplit([false, 0])).toThrow(SplitError);
  });
});
