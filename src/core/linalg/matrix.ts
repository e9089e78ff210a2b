/**
 * A dense matrix stored column by column (`data[j * rows + i]` is row i of column j):
 * each feature is one contiguous run of memory, as the columnar table stores it, so that
 * passes over a feature are sequential reads.
 */
export interface ColMajor {
  rows: number;
  /** All columns: the dense ones first, then the sparse ones (when `sparse` is set). */
  cols: number;
  /** The dense columns, `denseCols(m)` of them, column by column. */
  data: Float64Array;
  /**
   * The design's last `sparse.cols` columns, stored by row (CSR): the TF-IDF terms of note columns, mostly
   * zeros. Absent: every column is dense. Code that reads `data[j * rows + i]` must stop at `denseCols(m)`.
   */
  sparse?: SparseRows;
}

/**
 * Compressed sparse rows over the last `cols` columns of a matrix: row i's non-zeros are
 * `values[rowStart[i] … rowStart[i + 1])` in columns `colIndex[…]` (counted from the first sparse
 * column, ascending within a row). A 10⁶-row note column of 200 terms, ~20 terms per note, takes
 * 240 MB here instead of 1.6 GB dense.
 */
export interface SparseRows {
  cols: number;
  rowStart: Int32Array;
  colIndex: Int32Array;
  values: Float64Array;
}

/** The number of dense columns (those in `data`). */
export function denseCols(m: ColMajor): number {
  return m.sparse ? m.cols - m.sparse.cols : m.cols;
}

/** The same matrix with every column dense (for small inputs, tests and models that need it). */
export function densify(m: ColMajor): ColMajor {
  if (!m.sparse) return m;
  const n = m.rows, d = denseCols(m), s = m.sparse;
  const out = colMajor(n, m.cols);
  out.data.set(m.data.subarray(0, n * d));
  for (let i = 0; i < n; i++) for (let k = s.rowStart[i]; k < s.rowStart[i + 1]; k++) out.data[(d + s.colIndex[k]) * n + i] = s.values[k];
  return out;
}

/**
 * Rows `rows[start … start + len)` (or start … start + len when `rows` is null) of every column, dense,
 * into `out` as a len × cols column-major block (column j at out[j·len …]): how row-blocked solvers read a
 * matrix with sparse columns without densifying all of it.
 */
export function gatherBlock(m: ColMajor, rows: Int32Array | null, start: number, len: number, out: Float64Array): void {
  const n = m.rows, d = denseCols(m), data = m.data;
  for (let j = 0; j < d; j++) {
    const o = j * n, t = j * len;
    if (rows) for (let k = 0; k < len; k++) out[t + k] = data[o + rows[start + k]];
    else for (let k = 0; k < len; k++) out[t + k] = data[o + start + k];
  }
  const s = m.sparse;
  if (!s) return;
  out.fill(0, d * len, m.cols * len);
  for (let k = 0; k < len; k++) {
    const i = rows ? rows[start + k] : start + k;
    for (let e = s.rowStart[i]; e < s.rowStart[i + 1]; e++) out[(d + s.colIndex[e]) * len + k] = s.values[e];
  }
}

/** out[i] += Σⱼ X[i, d + j]·w[d + j] over the sparse columns (d = denseCols): X·w's sparse part. */
export function addSparseProduct(m: ColMajor, w: ArrayLike<number>, out: Float64Array): void {
  const s = m.sparse;
  if (!s) return;
  const d = denseCols(m);
  for (let i = 0; i < m.rows; i++) {
    let acc = 0;
    for (let e = s.rowStart[i]; e < s.rowStart[i + 1]; e++) acc += s.values[e] * w[d + s.colIndex[e]];
    out[i] += acc;
  }
}

/** g[d + j] += Σᵢ X[i, d + j]·r[i] over the sparse columns: Xᵀr's sparse part. */
export function addSparseTransposeProduct(m: ColMajor, r: ArrayLike<number>, g: Float64Array): void {
  const s = m.sparse;
  if (!s) return;
  const d = denseCols(m);
  for (let i = 0; i < m.rows; i++) {
    const ri = r[i];
    if (ri === 0) continue;
    for (let e = s.rowStart[i]; e < s.rowStart[i + 1]; e++) g[d + s.colIndex[e]] += s.values[e] * ri;
  }
}

export function colMajor(rows: number, cols: number): ColMajor {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Column j as a view (no copy). */
export function column(m: ColMajor, j: number): Float64Array {
  return m.data.subarray(j * m.rows, (j + 1) * m.rows);
}

/** Builds a column-major matrix from row arrays (for tests and small inputs). */
export function fromRows(rowsData: readonly (readonly number[])[]): ColMajor {
  const rows = rowsData.length;
  const cols = rows === 0 ? 0 : rowsData[0].length;
  const m = colMajor(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.data[j * rows + i] = rowsData[i][j];
  return m;
}
