import { describe, expect, it } from 'vitest';
import type { CodedColumn } from '../table/column';
import type { SparseRows } from '../linalg/matrix';
import { patientIndex, type PatientIndex } from '../patients/patient-key';
import { fitTextColumn, transformText, type TextNote, type TextTransform } from './tfidf';
import { TEXT_CASES, loadTextCase } from '../__fixtures__/text/load';

/** A coded column as the table stores text: codes into distinct trimmed cells, −1 where missing. */
function coded(name: string, values: (string | null)[]): CodedColumn {
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let c = index.get(v);
    if (c === undefined) {
      c = levels.push(v) - 1;
      index.set(v, c);
    }
    return c;
  });
  return { storage: 'coded', name, type: 'text', codes, levels };
}

const rowsOf = (a: number[]): Int32Array => Int32Array.from(a);
const all = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);
const keyOf = (keys: (string | null)[]): PatientIndex => patientIndex(coded('patient', keys));

function dense(m: SparseRows): number[][] {
  const rows = m.rowStart.length - 1;
  return Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(m.cols).fill(0);
    for (let e = m.rowStart[i]; e < m.rowStart[i + 1]; e++) row[m.colIndex[e]] = m.values[e];
    return row;
  });
}

/** Column indices strictly ascending within each row, row starts consistent. */
function expectWellFormed(m: SparseRows, rows: number): void {
  expect(m.rowStart.length).toBe(rows + 1);
  expect(m.rowStart[0]).toBe(0);
  expect(m.rowStart[rows]).toBe(m.colIndex.length);
  expect(m.values.length).toBe(m.colIndex.length);
  for (let i = 0; i < rows; i++) {
    expect(m.rowStart[i + 1]).toBeGreaterThanOrEqual(m.rowStart[i]);
    for (let e = m.rowStart[i]; e < m.rowStart[i + 1]; e++) {
      expect(m.colIndex[e]).toBeGreaterThanOrEqual(0);
      expect(m.colIndex[e]).toBeLessThan(m.cols);
      if (e > m.rowStart[i]) expect(m.colIndex[e]).toBeGreaterThan(m.colIndex[e - 1]);
    }
  }
}

function expectClose(actual: number[][], expected: number[][], tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  actual.forEach((row, i) => {
    expect(row.length).toBe(expected[i].length);
    row.forEach((v, j) => {
      // an exact zero must stay an exact zero (the term is absent)
      expect(v === 0, `(${i}, ${j})`).toBe(expected[i][j] === 0);
      worst = Math.max(worst, Math.abs(v - expected[i][j]));
    });
  });
  expect(worst).toBeLessThanOrEqual(tol);
}

const noteOf = <C extends TextNote['code']>(notes: TextNote[], code: C) => notes.find((n) => n.code === code) as Extract<TextNote, { code: C }> | undefined;

describe("fitTextColumn and transformText equal scikit-learn's TfidfVectorizer (make_tfidf.py)", () => {
  it.each(TEXT_CASES)('%s', (name) => {
    const c = loadTextCase(name);
    const column = coded('note', c.notes);
    const patients = c.patients ? keyOf(c.patients) : null;
    const { transform, notes } = fitTextColumn(column, rowsOf(c.train), patients, c.options);
    expect(transform.terms).toEqual(c.vocabulary);
    expect(transform.sublinearTf).toBe(c.options.sublinearTf);
    expect(transform.idf.length).toBe(c.idf.length);
    transform.idf.forEach((v, j) => expect(Math.abs(v - c.idf[j]), transform.terms[j]).toBeLessThanOrEqual(1e-12));
    expect(noteOf(notes, 'text-terms')).toEqual({ code: 'text-terms', column: 'note', terms: c.vocabulary.length, eligible: c.eligible, unit: patients ? 'patients' : 'rows' });
    const ignored = noteOf(notes, 'text-cells-ignored');
    expect(ignored ? { tooLong: ignored.tooLong, binary: ignored.binary } : { tooLong: 0, binary: 0 }).toEqual(c.ignored);

    const trainX = transformText(column, transform, rowsOf(c.train));
    const testX = transformText(column, transform, rowsOf(c.test));
    expectWellFormed(trainX, c.train.length);
    expectWellFormed(testX, c.test.length);
    expect(trainX.cols).toBe(c.vocabulary.length);
    expectClose(dense(trainX), c.trainX, 1e-12);
    expectClose(dense(testX), c.testX, 1e-12);
    // the fixture is not trivial: most rows have terms, and the vocabulary was cut to maxTerms where it could be
    expect(c.trainX.filter((r) => r.some((v) => v !== 0)).length).toBeGreaterThan(0.8 * c.train.length);
  });

  it('the fixtures cut the vocabulary at a tie', () => {
    // in chinese.json, the last kept terms share their total count with terms left out: the code-point order decides
    const c = loadTextCase('chinese');
    const total = new Map<string, number>();
    for (const i of c.train) for (const t of c.terms[i] ?? []) total.set(t, (total.get(t) ?? 0) + 1);
    const cut = Math.min(...c.vocabulary.map((t) => total.get(t)!));
    const tiedOut = [...total.keys()].filter((t) => total.get(t) === cut && !c.vocabulary.includes(t));
    expect(c.eligible).toBeGreaterThan(c.vocabulary.length);
    expect(tiedOut.length).toBeGreaterThan(0);
  });
});

describe('the minimum-patient rule', () => {
  const c = loadTextCase('patients');
  const column = coded('note', c.notes);

  it('keeps the planted name and record number out: 8 rows, but 3 patients', () => {
    const { transform } = fitTextColumn(column, rowsOf(c.train), keyOf(c.patients!), c.options);
    const json = JSON.stringify(transform);
    for (const t of c.planted!) expect(transform.terms.some((term) => term.includes(t)), t).toBe(false);
    for (const s of ['张', '伟', 'smith', 'zy20230417', 'Smith', 'ZY2023']) expect(json).not.toContain(s);
    // the plants are in the training rows, each in 8 of them
    for (const i of c.plantedRows!) expect(c.train).toContain(i);
    expect(c.plantedRows!.length).toBe(8);
  });

  it('counting rows instead (no patient index) would keep them, as scikit-learn-style min_df would', () => {
    const { transform, notes } = fitTextColumn(column, rowsOf(c.train), null, c.options);
    expect(transform.terms).toEqual(c.byRows!.vocabulary);
    expect(noteOf(notes, 'text-terms')).toMatchObject({ eligible: c.byRows!.eligible, unit: 'rows' });
    for (const t of c.planted!) expect(transform.terms).toContain(t);
  });

  it('counts a row without a key as a patient of its own, and a patient once however many rows', () => {
    // "fever" in 6 rows: 4 of patient A, and 2 rows without a key → 3 patients
    const col = coded('n', ['fever', 'fever', 'fever', 'fever', 'fever', 'fever', 'cough', 'cough', 'cough']);
    const key = keyOf(['A', 'A', 'A', 'A', null, null, 'B', 'C', null]);
    expect(fitTextColumn(col, all(9), key, { minPatients: 3 }).transform.terms).toEqual(['cough', 'fever']);
    expect(fitTextColumn(col, all(9), key, { minPatients: 4 }).transform.terms).toEqual([]);
    expect(fitTextColumn(col, all(9), null, { minPatients: 4 }).transform.terms).toEqual(['fever']);
    // only the training rows count
    expect(fitTextColumn(col, rowsOf([0, 1, 2, 3, 4, 6, 7, 8]), key, { minPatients: 3 }).transform.terms).toEqual(['cough']);
  });

  it('says so when no term reaches the minimum', () => {
    const col = coded('n', ['Smith', 'Jones', 'Brown', 'Smith', null]);
    const { transform, notes } = fitTextColumn(col, all(5), null);
    expect(transform).toEqual({ kind: 'text', column: 'n', terms: [], idf: [], sublinearTf: false });
    expect(notes).toEqual([{ code: 'text-no-terms', column: 'n', minPatients: 5, unit: 'rows' }]);
    const X = transformText(col, transform, all(5));
    expect(X.cols).toBe(0);
    expect(Array.from(X.rowStart)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('maxTerms and ties', () => {
  it('keeps the most frequent terms, ties in code-point order, then sorts them', () => {
    // counts over 6 rows: alpha 6, beta 6, "alpha beta" 6, gamma 4, "beta gamma" 4, 咳 3
    const cells = ['alpha beta gamma', 'alpha beta gamma', 'alpha beta gamma', 'alpha beta gamma 咳', 'alpha beta 咳', 'alpha beta 咳'];
    const fit = (maxTerms: number, order: number[]) =>
      fitTextColumn(coded('n', order.map((i) => cells[i])), all(6), null, { maxTerms, minPatients: 1 }).transform.terms;
    expect(fit(1, [0, 1, 2, 3, 4, 5])).toEqual(['alpha']);
    expect(fit(2, [0, 1, 2, 3, 4, 5])).toEqual(['alpha', 'alpha beta']);
    expect(fit(3, [5, 4, 3, 2, 1, 0])).toEqual(['alpha', 'alpha beta', 'beta']);
    expect(fit(4, [3, 5, 0, 4, 1, 2])).toEqual(['alpha', 'alpha beta', 'beta', 'beta gamma']);
    expect(fit(6, [0, 1, 2, 3, 4, 5])).toEqual(['alpha', 'alpha beta', 'beta', 'beta gamma', 'gamma', '咳']);
    expect(fit(0, [0, 1, 2, 3, 4, 5])).toEqual([]);
    // 200 by default
    const many = Array.from({ length: 300 }, (_, i) => `term${String(i).padStart(3, '0')}`);
    const col = coded('n', Array.from({ length: 5 }, () => many.join(', ')));
    const { transform, notes } = fitTextColumn(col, all(5), null);
    expect(transform.terms.length).toBe(200);
    expect(noteOf(notes, 'text-terms')).toEqual({ code: 'text-terms', column: 'n', terms: 200, eligible: 599, unit: 'rows' });
  });
});

describe('TF-IDF by hand', () => {
  /*
   * Three documents, minPatients 1:  d1 "chest pain", d2 "Chest pain; fever", d3 "fever".
   * Terms: d1 chest, pain, "chest pain"; d2 chest, pain, "chest pain", fever, "pain fever"; d3 fever.
   * Vocabulary (code-point order): chest, chest pain, fever, pain, pain fever.
   * n = 3; df = 2, 2, 2, 2, 1, so idf = ln(4/3) + 1 = 1.28768207245178 (df 2) and ln(4/2) + 1 = 1.69314718055995 (df 1).
   * d1 = (a, a, 0, a, 0) with a = 1.28768…: unit length makes each 1/√3 = 0.577350269189626.
   * d2 = (a, a, a, a, b), b = 1.69314…: |d2| = √(4a² + b²) = √(6.63250 + 2.86675) = 3.08208…,
   *   so a/|d2| = 0.417793…, b/|d2| = 0.549350….
   * d3 = (0, 0, 1, 0, 0).
   */
  const col = coded('n', ['chest pain', 'Chest pain; fever', 'fever', null, '胸痛']);
  const { transform } = fitTextColumn(col, all(3), null, { minPatients: 1 });

  it('learns the vocabulary and idf', () => {
    expect(transform.terms).toEqual(['chest', 'chest pain', 'fever', 'pain', 'pain fever']);
    const a = Math.log(4 / 3) + 1, b = Math.log(2) + 1;
    expect(transform.idf).toEqual([a, a, a, a, b]);
    expect(a).toBeCloseTo(1.28768207245178, 13);
    expect(b).toBeCloseTo(1.69314718055995, 13);
  });

  it('weights and normalizes each row', () => {
    const X = dense(transformText(col, transform, all(5)));
    const r3 = 1 / Math.sqrt(3);
    expect(X[0]).toEqual([r3, r3, 0, r3, 0].map((v) => expect.closeTo(v, 15)));
    expect(X[1]).toEqual([0.417793, 0.417793, 0.417793, 0.417793, 0.54935].map((v) => expect.closeTo(v, 5)));
    expect(X[1].reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 14);
    expect(X[2]).toEqual([0, 0, 1, 0, 0]);
    expect(X[3]).toEqual([0, 0, 0, 0, 0]); // missing cell
    expect(X[4]).toEqual([0, 0, 0, 0, 0]); // a note with no vocabulary term (unseen in training)
  });

  it('uses 1 + ln(tf) with sublinearTf', () => {
    // "pain pain pain fever": tf 3 and 1 → (1 + ln 3)·idf(pain), 1·idf(fever), other terms 0 or bigrams
    const c2 = coded('n', ['pain pain pain fever', 'pain', 'fever']);
    const lin = fitTextColumn(c2, all(3), null, { minPatients: 2 }).transform;
    const sub = fitTextColumn(c2, all(3), null, { minPatients: 2, sublinearTf: true }).transform;
    expect(sub.terms).toEqual(['fever', 'pain']);
    expect(sub.idf).toEqual(lin.idf);
    const idf = Math.log(4 / 3) + 1; // both in 2 of 3 documents
    const [x, y] = [1 * idf, (1 + Math.log(3)) * idf];
    const norm = Math.hypot(x, y);
    expect(dense(transformText(c2, sub, all(1)))[0]).toEqual([expect.closeTo(x / norm, 15), expect.closeTo(y / norm, 15)]);
    const lx = idf, ly = 3 * idf, ln = Math.hypot(lx, ly);
    expect(dense(transformText(c2, lin, all(1)))[0]).toEqual([expect.closeTo(lx / ln, 15), expect.closeTo(ly / ln, 15)]);
  });

  it('copies one vector to all rows that share a note, in the order asked', () => {
    const rows = rowsOf([2, 0, 2, 1, 0]);
    const X = transformText(col, transform, rows);
    const once = dense(transformText(col, transform, all(3)));
    expect(dense(X)).toEqual([once[2], once[0], once[2], once[1], once[0]]);
    expectWellFormed(X, 5);
  });
});

describe('bad input', () => {
  it('empty cells, a 200 kB cell and a binary-looking cell: no throw, the right counts', () => {
    const long = '胸痛'.repeat(100_000); // 200,000 code units
    const binary = '\u0000\u0000\u0000\u0000\u0001JFIF\u0000\u0000 chest pain';
    const values: (string | null)[] = [];
    for (let i = 0; i < 10; i++) values.push('chest pain, no fever');
    values.push(null, null, '', long, long, binary, '   ');
    const col = coded('n', values);
    const { transform, notes } = fitTextColumn(col, all(values.length), null);
    expect(notes).toContainEqual({ code: 'text-cells-ignored', column: 'n', tooLong: 2, binary: 1 });
    expect(transform.terms).toEqual(['chest', 'chest pain', 'fever', 'no', 'no fever', 'pain', 'pain no']);
    // n counts every training row (17), df 10
    expect(transform.idf[0]).toBeCloseTo(Math.log(18 / 11) + 1, 15);
    const X = transformText(col, transform, all(values.length));
    for (let i = 10; i < values.length; i++) expect(X.rowStart[i + 1] - X.rowStart[i], `row ${i}`).toBe(0);
    expect(JSON.stringify(notes)).not.toContain('胸');
  });

  it('a column of mostly numbers gets its own note and no terms', () => {
    const values = ['12.5', '130/80', '7', '12.5', '<0.01', '99', '130/80', 'n/a', 'hemolysed', null];
    const col = coded('n', values);
    const { transform, notes } = fitTextColumn(col, all(values.length), null);
    expect(notes).toEqual([
      { code: 'text-mostly-numbers', column: 'n', share: 7 / 9 },
      { code: 'text-no-terms', column: 'n', minPatients: 5, unit: 'rows' },
    ]);
    expect(transform.terms).toEqual([]);
    expect(transformText(col, transform, all(values.length)).values.length).toBe(0);
    // half numbers is not "mostly"
    const half = fitTextColumn(coded('m', ['12', 'fever', '13', 'cough']), all(4), null).notes;
    expect(half.some((n) => n.code === 'text-mostly-numbers')).toBe(false);
  });

  it('odd options, no training rows, unseen notes and a model file term that is not a term', () => {
    const col = coded('n', ['fever', 'fever cough', 'cough']);
    expect(fitTextColumn(col, new Int32Array(0), null).notes).toEqual([{ code: 'text-no-terms', column: 'n', minPatients: 5, unit: 'rows' }]);
    expect(fitTextColumn(col, all(3), null, { minPatients: 0, maxTerms: 2.7 }).transform.terms).toEqual(['cough', 'fever']);
    expect(fitTextColumn(col, all(3), null, { minPatients: NaN, maxTerms: NaN }).notes).toEqual([{ code: 'text-no-terms', column: 'n', minPatients: 5, unit: 'rows' }]);
    expect(fitTextColumn(col, all(3), null, { minPatients: 2, maxTerms: Infinity }).transform.terms).toEqual(['cough', 'fever']);
    const odd: TextTransform = { kind: 'text', column: 'n', terms: ['', 'a b c', 'cough', 'fever cough', '胸痛痛', 'x胸'], idf: [1, 1, 2, 1, 1, 1], sublinearTf: false };
    const X = dense(transformText(col, odd, all(3)));
    expect(X[0]).toEqual([0, 0, 0, 0, 0, 0]);
    const c = 2 / Math.hypot(2, 1);
    expect(X[1]).toEqual([0, 0, expect.closeTo(c, 15), expect.closeTo(1 / Math.hypot(2, 1), 15), 0, 0]);
    expect(X[2]).toEqual([0, 0, 1, 0, 0, 0]);
  });
});
