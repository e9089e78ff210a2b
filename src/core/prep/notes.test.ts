import { describe, expect, it } from 'vitest';
import type { CodedColumn, NumericColumn, Table } from '../table/column';
import { densify, denseCols } from '../linalg/matrix';
import { prepare } from './prepare';
import { transform } from './pipeline';
import { transformText } from '../text/tfidf';
import type { PrepSetup } from './setup';

// A cohort with a note column: the pipeline puts its terms after every dense column, as sparse columns scaled by
// their training SD without centring (StandardScaler(with_mean=False)), learns them on the training rows only,
// keeps out what fewer than 5 patients wrote, and never drops a row for an empty note.

const n = 300;
const rng = (() => {
  let s = 12345;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
})();
const patient = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 3)); // 3 visits per patient
const y = Uint8Array.from({ length: n }, (_, i) => (patient[i] % 3 === 0 ? 1 : rng() < 0.15 ? 1 : 0));
const words = ['cough', 'fever', 'headache', 'nausea', 'fatigue', 'dizziness'];
const note = (i: number): string | null => {
  if (i % 17 === 0) return null; // no note
  const parts = [words[Math.floor(rng() * words.length)], words[Math.floor(rng() * words.length)]];
  if (y[i] === 1 && rng() < 0.8) parts.push('pain');
  // a name written in the notes of two patients only (six visits): it must never become a term
  if (patient[i] === 4 || patient[i] === 9) parts.push('zhangwei');
  return parts.join(' ');
};
function coded(name: string, type: 'categorical' | 'text', f: (i: number) => string | null): CodedColumn {
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from({ length: n }, (_, i) => {
    const v = f(i);
    if (v === null) return -1;
    let k = index.get(v);
    if (k === undefined) index.set(v, (k = levels.push(v) - 1));
    return k;
  });
  return { storage: 'coded', name, type, codes, levels };
}
const numeric = (name: string, f: (i: number) => number): NumericColumn => ({ storage: 'numeric', name, type: 'numeric', values: Float64Array.from({ length: n }, (_, i) => f(i)) });
const table: Table = {
  rowCount: n,
  columns: [
    numeric('id', (i) => patient[i]),
    coded('note', 'text', note),
    numeric('age', (i) => (i % 23 === 0 ? NaN : 40 + (i % 37))),
    coded('sex', 'categorical', (i) => (patient[i] % 2 ? 'M' : 'F')),
    coded('y', 'categorical', (i) => String(y[i])),
  ],
};
const setup = (missing: PrepSetup['missing'] = 'mean'): PrepSetup => ({
  outcome: 'y', positiveClass: '1', features: ['note', 'age', 'sex'], missing, split: { kind: 'random', testFraction: 0.25, seed: 3 }, patientKey: 'id',
});

describe('note columns in the pipeline', () => {
  const prepared = prepare(table, setup());
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.error));
  const d = prepared.value;
  const terms = d.fitted.features.filter((f) => f.kind === 'term');

  it('puts the terms last, as sparse columns named <column>:<term>', () => {
    expect(d.fitted.transforms.map((t) => t.kind)).toEqual(['numeric', 'categorical', 'text']);
    expect(d.fitted.features.slice(0, 2).map((f) => f.name)).toEqual(['age', 'sex=M']);
    expect(terms.length).toBeGreaterThan(0);
    expect(terms.every((f) => f.name === `note:${f.kind === 'term' ? f.term : ''}`)).toBe(true);
    expect(terms.map((f) => f.name)).toContain('note:pain');
    expect(d.trainX.cols).toBe(2 + terms.length);
    expect(denseCols(d.trainX)).toBe(2);
    expect(d.trainX.sparse?.cols).toBe(terms.length);
    expect(d.testX.sparse?.cols).toBe(terms.length);
  });

  it('keeps out a name written for fewer than 5 patients, wherever it could be read', () => {
    expect(terms.some((f) => f.name.includes('zhangwei'))).toBe(false);
    const file = JSON.stringify(d.fitted);
    expect(file).not.toContain('zhangwei');
  });

  it('scales the terms by their training SD without centring, and leaves zeros zero', () => {
    const text = d.fitted.transforms[2];
    if (text.kind !== 'text') throw new Error('no text transform');
    const raw = transformText(table.columns[1] as CodedColumn, text, d.trainRows);
    const m = d.trainX.rows;
    const dense = densify(d.trainX);
    for (let j = 0; j < terms.length; j++) {
      const col = new Float64Array(m);
      for (let i = 0; i < m; i++) for (let e = raw.rowStart[i]; e < raw.rowStart[i + 1]; e++) if (raw.colIndex[e] === j) col[i] = raw.values[e];
      const mean = col.reduce((s, v) => s + v, 0) / m;
      const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / m);
      expect(d.fitted.scaler.mean[2 + j]).toBe(0);
      expect(d.fitted.scaler.std[2 + j]).toBeCloseTo(sd, 12);
      for (let i = 0; i < m; i++) expect(dense.data[(2 + j) * m + i]).toBeCloseTo(col[i] / sd, 12);
    }
  });

  it('reads a new file whose note column came in as numbers: text, no terms, no error', () => {
    const numbers = { ...table, columns: table.columns.map((c) => (c.name === 'note' ? numeric('note', (i) => (i % 3 === 0 ? NaN : i)) : c)) };
    const X = transform(numbers, d.fitted, Int32Array.from({ length: 50 }, (_, i) => i));
    expect(X.sparse?.cols).toBe(terms.length);
    expect(X.sparse?.rowStart[50]).toBe(0);
  });

  it('never drops a row for an empty note, but does for a missing number (drop)', () => {
    const dropped = prepare(table, setup('drop'));
    if (!dropped.ok) throw new Error('prepare failed');
    const missingAge = Array.from({ length: n }, (_, i) => i).filter((i) => i % 23 === 0).length;
    expect(dropped.value.trainRows.length + dropped.value.testRows.length).toBe(n - missingAge);
  });
});
