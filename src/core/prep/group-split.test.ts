import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { foldsForFraction, groupedSplit, groupNumbers, pyRound, stratifiedGroupKFold } from './group-split';
import { SplitError } from './split';

interface Case { name: string; k: number; seed: number; y: string; groups: number[]; folds: number[][] }
// Made by ../__fixtures__/patients/make-group-split-cases.py (scikit-learn 1.2.1, numpy 1.24.2).
const fixture = JSON.parse(readFileSync(new URL('../__fixtures__/patients/group-split-cases.json', import.meta.url), 'utf8')) as { cases: Case[] };
const labels = (s: string): number[] => Array.from(s, Number);

describe('stratifiedGroupKFold against scikit-learn 1.2.1', () => {
  it('has cases with unequal groups and groups holding both outcomes', () => {
    const mixed = fixture.cases.some((c) => {
      const y = labels(c.y);
      const seen = new Map<number, Set<number>>();
      c.groups.forEach((g, i) => seen.set(g, (seen.get(g) ?? new Set()).add(y[i])));
      return [...seen.values()].some((s) => s.size === 2);
    });
    expect(mixed).toBe(true);
    expect(fixture.cases.length).toBeGreaterThan(50);
  });

  it.each(fixture.cases.map((c) => [`${c.name}, k=${c.k}, seed=${c.seed}`, c] as const))('%s', (_, c) => {
    const folds = stratifiedGroupKFold(labels(c.y), c.groups, c.k, c.seed);
    expect(folds.map((f) => Array.from(f))).toEqual(c.folds);
  });
});

describe('groupedSplit', () => {
  it('is the first fold of round(1 / f) folds, with no group on both sides', () => {
    for (const c of fixture.cases.filter((x) => x.k === 5)) {
      const s = groupedSplit(labels(c.y), c.groups, 0.2, c.seed);
      expect(Array.from(s.test)).toEqual(c.folds[0]);
      const testGroups = new Set(Array.from(s.test, (i) => c.groups[i]));
      for (const i of s.train) expect(testGroups.has(c.groups[i])).toBe(false);
      expect(s.train.length + s.test.length).toBe(c.y.length);
    }
  });

  it('keeps every patient on one side for any cohort (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 1 })), { minLength: 12, maxLength: 80 }), fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
        const y = rows.map((r) => r[1]);
        const present = [...new Set(rows.map((r) => r[0]))].sort((a, b) => a - b);
        const groups = rows.map((r) => present.indexOf(r[0]));
        if (present.length < 2 || y.every((v) => v === y[0])) return;
        try {
          const s = groupedSplit(y, groups, 0.25, seed);
          const testGroups = new Set(Array.from(s.test, (i) => groups[i]));
          for (const i of s.train) expect(testGroups.has(groups[i])).toBe(false);
        } catch (e) {
          expect(e).toBeInstanceOf(SplitError);
        }
      }),
    );
  });

  it('refuses a cohort of one patient', () => {
    expect(() => groupedSplit([0, 1, 0, 1], [0, 0, 0, 0], 0.2, 42)).toThrow(SplitError);
  });

  it('refuses a fraction outside (0, 1)', () => {
    expect(() => groupedSplit([0, 1], [0, 1], 1, 42)).toThrow(/between 0 and 1/);
  });
});

describe('groupNumbers', () => {
  it('numbers keyed rows by rank and gives each row without a key a group of its own, after them', () => {
    // codes: 0 → "b", 1 → "a"; ranks: "a" first
    expect(Array.from(groupNumbers([0, 1, -1, 0, -1], [1, 0]))).toEqual([1, 0, 2, 1, 3]);
  });
});

describe('pyRound and the number of folds', () => {
  it('rounds halves to even, as Python', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4, 2.6].map(pyRound)).toEqual([0, 2, 2, 4, 2, 3]);
  });
  it('takes round(1 / f) folds, at least 2', () => {
    expect([0.2, 0.25, 0.3, 0.4, 0.5, 0.9, 0.1].map(foldsForFraction)).toEqual([5, 4, 3, 2, 2, 2, 10]);
  });
});
