import { describe, expect, it } from 'vitest';
import {
  addProduct, addSparseProduct, addSparseTransposeProduct, checkShape, colMajor, denseCols, densify, fromRows, gatherBlock, readColumn,
  selectRows, sparsifyLast, type ColMajor,
} from './matrix';

// 5 rows: 2 dense columns, then 3 sparse ones (the middle one all zero)
const rows = [
  [1, -2, 0, 0, 0.5],
  [3, 0.25, 0.1, 0, 0],
  [-1, 4, 0, 0, 0],
  [0, 1, 0.7, 0, 0.2],
  [2, -0.5, 0, 0, 0.9],
];
const dense = fromRows(rows);
const hybrid = sparsifyLast(dense, 3);
const at = (m: ColMajor, i: number, j: number) => densify(m).data[j * m.rows + i];

describe('a matrix with sparse last columns', () => {
  it('keeps the non-zeros only, by row, and densifies back to the same matrix', () => {
    expect(denseCols(hybrid)).toBe(2);
    expect(hybrid.data.length).toBe(10);
    expect(Array.from(hybrid.sparse?.rowStart ?? [])).toEqual([0, 1, 2, 2, 4, 5]);
    expect(Array.from(hybrid.sparse?.colIndex ?? [])).toEqual([2, 0, 0, 2, 2]);
    expect(Array.from(densify(hybrid).data)).toEqual(Array.from(dense.data));
    expect(densify(dense)).toBe(dense);
    expect(() => checkShape(hybrid, 'test')).not.toThrow();
    expect(() => checkShape({ ...hybrid, data: hybrid.data.subarray(1) }, 'test')).toThrow(/test: matrix data shorter/);
    expect(() => checkShape({ ...hybrid, rows: 4 }, 'test')).toThrow(/sparse part/);
  });

  it('gathers any rows as a dense block, contiguous or scattered', () => {
    for (const idx of [null, Int32Array.of(4, 0, 3, 3, 1, 2)]) {
      const start = idx ? 1 : 2, len = idx ? 5 : 3;
      const out = new Float64Array(len * 5).fill(NaN);
      gatherBlock(hybrid, idx, start, len, out);
      const want = new Float64Array(len * 5);
      gatherBlock(dense, idx, start, len, want);
      expect(Array.from(out)).toEqual(Array.from(want));
      for (let k = 0; k < len; k++) for (let j = 0; j < 5; j++) expect(out[j * len + k]).toBe(rows[idx ? idx[start + k] : start + k][j]);
    }
  });

  it('selects rows, keeping the sparse part sparse, and reads any column', () => {
    const sub = selectRows(hybrid, [3, 0, 3]);
    expect(sub.sparse?.cols).toBe(3);
    expect(Array.from(densify(sub).data)).toEqual(Array.from(densify(selectRows(dense, [3, 0, 3])).data));
    for (let j = 0; j < 5; j++) expect(Array.from(readColumn(hybrid, j))).toEqual(rows.map((r) => r[j]));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 5; j++) expect(at(sub, i, j)).toBe(rows[[3, 0, 3][i]][j]);
  });

  it('multiplies: X·w and Xᵀr over all rows or a block of them', () => {
    const w = [0.5, -1, 2, 7, -3];
    const out = new Float64Array(5).fill(1);
    addProduct(hybrid, w, out);
    rows.forEach((r, i) => expect(out[i]).toBeCloseTo(1 + r.reduce((s, v, j) => s + v * w[j], 0), 14));
    const block = new Float64Array(2);
    addSparseProduct(hybrid, w, block, 3, 5);
    expect(block[0]).toBeCloseTo(0.7 * 2 + 0.2 * -3, 14);
    expect(block[1]).toBeCloseTo(0.9 * -3, 14);
    const g = new Float64Array(5);
    addSparseTransposeProduct(hybrid, [10, 100], g, 3, 5); // rows 3 and 4
    expect(Array.from(g)).toEqual([0, 0, 0.7 * 10, 0, 0.2 * 10 + 0.9 * 100]);
    // a matrix without a sparse part is left alone
    const none = new Float64Array(5);
    addSparseProduct(dense, w, none);
    addSparseTransposeProduct(dense, w, none);
    expect(Array.from(none)).toEqual([0, 0, 0, 0, 0]);
  });

  it('handles no sparse columns, and no dense ones', () => {
    expect(sparsifyLast(dense, 0).sparse?.cols).toBe(0);
    const all = sparsifyLast(dense, 5);
    expect(denseCols(all)).toBe(0);
    expect(Array.from(densify(all).data)).toEqual(Array.from(dense.data));
    expect(Array.from(densify(sparsifyLast(colMajor(0, 3), 2)).data)).toEqual([]);
    expect(() => sparsifyLast(dense, 6)).toThrow();
  });
});
