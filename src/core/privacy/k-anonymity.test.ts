import { describe, it, expect } from 'vitest';
import { kAnonymity, suppress } from './k-anonymity';

// rows:        0        1        2        3        4        5        6
const ageBand = ['30-39', '30-39', '40-49', '40-49', '40-49', '50-59', '30-39'];
const sex = ['F', 'F', 'M', 'M', 'F', 'M', 'F'];
const zip3 = ['021', '021', '100', '100', '100', '941', '021'];
// classes: {0,1,6} (30-39,F,021) size 3; {2,3} (40-49,M,100) size 2; {4} size 1; {5} size 1

describe('kAnonymity (hand-checked)', () => {
  it('finds the equivalence classes and the rows in classes smaller than k', () => {
    const r = kAnonymity([ageBand, sex, zip3], 2);
    expect(r.classes).toBe(4);
    expect(Array.from(r.classSizes)).toEqual([3, 2, 1, 1]);
    expect(Array.from(r.classOf)).toEqual([0, 0, 1, 1, 2, 3, 0]);
    expect(r.minClassSize).toBe(1);
    expect(r.rowsAtRisk).toBe(2);
    expect(Array.from(r.atRiskRows)).toEqual([4, 5]);
  });

  it('k = 3 puts the pair at risk too; k = 1 nobody; k = 4 everybody', () => {
    expect(Array.from(kAnonymity([ageBand, sex, zip3], 3).atRiskRows)).toEqual([2, 3, 4, 5]);
    expect(kAnonymity([ageBand, sex, zip3], 1).rowsAtRisk).toBe(0);
    expect(kAnonymity([ageBand, sex, zip3], 4).rowsAtRisk).toBe(7);
  });

  it('fewer quasi-identifiers, larger classes', () => {
    const r = kAnonymity([sex], 2);
    expect(r.classes).toBe(2);
    expect(Array.from(r.classSizes)).toEqual([4, 3]);
    expect(r.rowsAtRisk).toBe(0);
    const none = kAnonymity([], 3, 5);
    expect([none.classes, none.minClassSize, none.rowsAtRisk]).toEqual([1, 5, 0]);
    const empty = kAnonymity([[], []], 2);
    expect([empty.classes, empty.minClassSize, empty.rowsAtRisk]).toEqual([0, 0, 0]);
  });

  it('values with separators in them cannot merge two different combinations', () => {
    const r = kAnonymity([['a|b', 'a', 'a:1'], ['c', 'b|c', '1:c']], 2);
    expect(r.classes).toBe(3);
    expect(r.rowsAtRisk).toBe(3);
  });

  it('a missing value is a value of its own', () => {
    const r = kAnonymity([['', '', 'x']], 2);
    expect(Array.from(r.classSizes)).toEqual([2, 1]);
    expect(Array.from(r.atRiskRows)).toEqual([2]);
  });

  it('refuses a bad k and ragged columns', () => {
    expect(() => kAnonymity([sex], 0)).toThrow(RangeError);
    expect(() => kAnonymity([sex], 1.5)).toThrow(RangeError);
    expect(() => kAnonymity([sex, ['F']], 2)).toThrow(RangeError);
  });
});

describe('suppress', () => {
  it('marks the rows of small classes; what stays is k-anonymous', () => {
    const s = suppress([ageBand, sex, zip3], 2);
    expect(Array.from(s.remove)).toEqual([0, 0, 0, 0, 1, 1, 0]);
    expect(s.removed).toBe(2);
    expect(Array.from(s.keptRows)).toEqual([0, 1, 2, 3, 6]);
    const kept = [ageBand, sex, zip3].map((c) => Array.from(s.keptRows, (i) => c[i]));
    expect(kAnonymity(kept, 2).minClassSize).toBeGreaterThanOrEqual(2);
    const s3 = suppress([ageBand, sex, zip3], 3);
    expect(Array.from(s3.keptRows)).toEqual([0, 1, 6]);
  });
});

describe('kAnonymity in patients (hand-checked)', () => {
  // one patient (0) with 5 visits, all 70-79/F/021; patients 1 and 2 with one visit each, 60-69/M/100
  const band = ['70-79', '70-79', '70-79', '70-79', '70-79', '60-69', '60-69'];
  const sx = ['F', 'F', 'F', 'F', 'F', 'M', 'M'];
  const zip = ['021', '021', '021', '021', '021', '100', '100'];
  const patient = [0, 0, 0, 0, 0, 1, 2];

  it('one patient with 5 visits is a class of 1, not 5: it fails k = 5', () => {
    const rows = kAnonymity([band, sx, zip], 5);
    expect(rows.unit).toBe('rows');
    expect(Array.from(rows.classSizes)).toEqual([5, 2]);
    const patients = kAnonymity([band, sx, zip], 5, 7, patient);
    expect(patients.unit).toBe('patients');
    expect(Array.from(patients.classSizes)).toEqual([1, 2]);
    expect(patients.minClassSize).toBe(1);
    expect(patients.rowsAtRisk).toBe(7);
    expect(kAnonymity([band, sx, zip], 2, 7, patient).rowsAtRisk).toBe(5); // the five visits of patient 0
  });

  it('a patient whose visits fall in two classes counts in both; rows without a key are patients of their own', () => {
    const r = kAnonymity([['a', 'a', 'b', 'b', 'b']], 2, 5, [0, 0, 0, -1, -1]);
    expect(Array.from(r.classSizes)).toEqual([1, 3]);
    expect(Array.from(r.atRiskRows)).toEqual([0, 1]);
  });

  it('suppression by patients removes the rows of classes with fewer than k patients', () => {
    const s = suppress([band, sx, zip], 2, 7, patient);
    expect(s.removed).toBe(5);
    expect(Array.from(s.keptRows)).toEqual([5, 6]);
  });
});
