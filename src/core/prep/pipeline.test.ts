import { describe, expect, it } from 'vitest';
import type { CodedColumn, NumericColumn, Table } from '../table/column';
import { fitPipeline, float32Design, transform, transformBlocks } from './pipeline';
import type { MissingStrategy, PrepSetup } from './setup';

// A refit that only transforms (a bootstrap replicate, a cross-validation fold) skips the training range and median,
// and may write into storage reused from the last refit: neither may change a value.

const n = 400;
const numeric = (name: string, f: (i: number) => number): NumericColumn => ({ storage: 'numeric', name, type: 'numeric', values: Float64Array.from({ length: n }, (_, i) => f(i)) });
function coded(name: string, f: (i: number) => string | null): CodedColumn {
  const levels: string[] = [];
  const codes = Int32Array.from({ length: n }, (_, i) => {
    const v = f(i);
    if (v === null) return -1;
    const k = levels.indexOf(v);
    return k >= 0 ? k : levels.push(v) - 1;
  });
  return { storage: 'coded', name, type: 'categorical', codes, levels };
}

// numbers with missing cells (one column entirely missing in the rows used), a category with a rare level and missing
// cells, and a category placed between numeric columns
const table: Table = {
  rowCount: n,
  columns: [
    numeric('a', (i) => (i % 7 === 0 ? NaN : Math.sin(i) * 10 + (i % 3))),
    coded('site', (i) => (i % 11 === 0 ? null : i === 5 ? 'rare' : ['B', 'A', 'C'][i % 3])),
    numeric('b', (i) => (i % 5 === 0 ? NaN : Math.round(Math.cos(i) * 4))),
    numeric('gone', (i) => (i < 300 ? NaN : i)),
    coded('sex', (i) => (i % 2 === 0 ? 'F' : 'M')),
  ],
};
const setup = (missing: MissingStrategy): PrepSetup => ({ outcome: 'y', positiveClass: '1', features: table.columns.map((c) => c.name), missing, split: { kind: 'random', testFraction: 0.2, seed: 0 } });
// a bootstrap-like draw of rows (repeats, any order) from the first 250 ('gone' has no value there), and later rows
const drawn = Int32Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 250);
const later = Int32Array.from({ length: 100 }, (_, i) => 300 + i);

describe('fitPipeline for refits: describe: false and reused storage', () => {
  it.each(['mean', 'median', 'mode'] as const)('%s imputation: the same design matrices, fill values and scaler', (missing) => {
    const full = fitPipeline(table, setup(missing), table.columns, drawn, []);
    const notes: unknown[] = [];
    const dirty = new Float64Array(drawn.length * 20).fill(7); // larger than needed, and not zero
    const lean = fitPipeline(table, setup(missing), table.columns, drawn, notes, null, { describe: false, into: dirty });
    expect(lean.trainX.data.buffer).toBe(dirty.buffer);
    expect(Array.from(lean.trainX.data)).toEqual(Array.from(full.trainX.data));
    expect(lean.fitted.features).toEqual(full.fitted.features);
    expect(lean.fitted.scaler).toEqual(full.fitted.scaler);
    for (const [k, t] of lean.fitted.transforms.entries()) {
      const u = full.fitted.transforms[k];
      if (t.kind === 'numeric' && u.kind === 'numeric') {
        expect(t.fill).toBe(u.fill);
        expect([t.min, t.max, t.median]).toEqual([NaN, NaN, NaN]);
        expect(Number.isNaN(u.median)).toBe(t.column === 'gone'); // the describing fit has them
      } else expect(t).toEqual(u);
    }
    expect(notes).toEqual(expect.arrayContaining([{ code: 'feature-all-missing', column: 'gone' }]));
    const fresh = transform(table, full.fitted, later);
    const reused = transform(table, lean.fitted, later, [], new Float64Array(later.length * 20).fill(-3));
    expect(Array.from(reused.data)).toEqual(Array.from(fresh.data));
  });

  it('learns the fill value and median from the rows given, repeats counted, and fills the missing ones', () => {
    const rows = Int32Array.from([1, 1, 1, 2, 7]); // a[7] is missing
    const a = (table.columns[0] as NumericColumn).values;
    for (const describe of [true, false]) {
      const { fitted, trainX } = fitPipeline(table, setup('mean'), [table.columns[0]], rows, [], null, { describe });
      const t = fitted.transforms[0];
      expect(t.kind === 'numeric' && t.fill).toBe((a[1] + a[1] + a[1] + a[2]) / 4);
      expect(t.kind === 'numeric' && t.median).toBe(describe ? a[1] : NaN);
      expect(trainX.data[4]).toBe(((a[1] + a[1] + a[1] + a[2]) / 4 - fitted.scaler.mean[0]) / fitted.scaler.std[0]); // the missing cell, filled
    }
  });
});

describe('transformBlocks: the test rows a block at a time', () => {
  // a ward seen as N and S in training; the later rows bring E, W and Q, which training never saw
  const wards: Table = {
    rowCount: n,
    columns: [...table.columns, coded('ward', (i) => (i < 300 ? ['N', 'S'][i % 2] : ['N', 'E', 'W', 'Q'][i % 4]))],
  };
  const fitRows = Int32Array.from({ length: 300 }, (_, i) => i);
  const rows = Int32Array.from({ length: 100 }, (_, i) => 399 - i); // any order
  const { fitted } = fitPipeline(wards, setup('mean'), wards.columns, fitRows, []);

  it.each([1, 7, 64, 100, 1000])('in blocks of %i rows gives the rows, values and notes of one transform', (blockRows) => {
    const wholeNotes: unknown[] = [];
    const whole = transform(wards, fitted, rows, wholeNotes);
    const notes: unknown[] = [];
    const seen = new Float64Array(whole.data.length).fill(NaN);
    let visited = 0;
    transformBlocks(wards, fitted, rows, notes, blockRows, (X, start) => {
      expect(X.cols).toBe(whole.cols);
      expect(X.rows).toBeLessThanOrEqual(blockRows);
      for (let j = 0; j < X.cols; j++) for (let k = 0; k < X.rows; k++) seen[j * rows.length + start + k] = X.data[j * X.rows + k];
      visited += X.rows;
    });
    expect(visited).toBe(rows.length);
    expect(Array.from(seen)).toEqual(Array.from(whole.data));
    expect(notes).toEqual(wholeNotes);
    expect(notes).toContainEqual({ code: 'unseen-levels', column: 'ward', count: 75, examples: ['Q', 'W', 'E'] });
  });
});

describe('a Float32 training design (large designs): z-scores computed in double, rounded once when stored', () => {
  const notes = (i: number): string | null => (i % 9 === 0 ? null : ['chest pain and fever', 'fever with cough', 'chest pain at rest', 'cough'][i % 4]);
  const wide: Table = {
    rowCount: n,
    columns: [
      ...table.columns,
      numeric('sodium', (i) => 140 + Math.sin(i * 1.3) * 3.1), // a large mean against its SD: the case double rounding would hurt
      numeric('flag', (i) => (i % 4 === 0 ? 1 : 0)),
      { ...coded('note', notes), type: 'text' },
    ],
  };
  const rows = Int32Array.from({ length: 320 }, (_, i) => (i * 13) % n);

  it.each(['mean', 'median', 'mode'] as const)('%s imputation: every cell is fround of the Float64 cell; the fitted pipeline is the same', (missing) => {
    const names = wide.columns.map((c) => c.name);
    const s = { ...setup(missing), features: names };
    const f64 = fitPipeline(wide, s, wide.columns, rows, [], null, { float32: false });
    const f32 = fitPipeline(wide, s, wide.columns, rows, [], null, { float32: true });
    expect(f64.trainX.data).toBeInstanceOf(Float64Array);
    expect(f32.trainX.data).toBeInstanceOf(Float32Array);
    expect(f32.trainX.sparse?.cols).toBeGreaterThan(0); // the note's terms, Float64 in either
    expect(f32.trainX.sparse).toEqual(f64.trainX.sparse);
    expect(f32.fitted).toEqual(f64.fitted); // fill values, percentiles, medians, means and SDs from the Float64 values
    const rounded = Array.from(f64.trainX.data, (v) => Math.fround(v));
    expect(Array.from(f32.trainX.data)).toEqual(rounded);
    // and not the same numbers: a sodium z-score stored in Float32 differs from its double
    const j = f64.fitted.features.findIndex((f) => f.name === 'sodium');
    expect(Array.from(f64.trainX.data.subarray(j * rows.length, (j + 1) * rows.length)).some((v) => Math.fround(v) !== v)).toBe(true);
  });

  it('reuses Float32 storage only for a Float32 design', () => {
    const s = setup('mean');
    const store = new Float32Array(rows.length * 20).fill(5);
    const into32 = fitPipeline(table, s, table.columns, rows, [], null, { float32: true, into: store });
    expect(into32.trainX.data.buffer).toBe(store.buffer);
    expect(Array.from(into32.trainX.data)).toEqual(Array.from(fitPipeline(table, s, table.columns, rows, [], null, { float32: true }).trainX.data));
    const into64 = fitPipeline(table, s, table.columns, rows, [], null, { float32: false, into: store });
    expect(into64.trainX.data).toBeInstanceOf(Float64Array);
  });

  it('is chosen from 65,536 rows and 2²³ dense cells (64 MB as Float64) on', () => {
    expect(float32Design(65536, 128)).toBe(true);
    expect(float32Design(800_000, 35)).toBe(true);
    expect(float32Design(65535, 1000)).toBe(false); // fewer rows: the sampling error no longer dwarfs the rounding
    expect(float32Design(65536, 127)).toBe(false); // under 64 MB
    expect(float32Design(200_000, 35)).toBe(false);
  });
});
