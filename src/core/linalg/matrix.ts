/**
 * A dense matrix stored column by column (`data[j * rows + i]` is row i of column j):
 * each feature is one contiguous run of memory, as the columnar table stores it, so that
 * passes over a feature are sequential reads.
 */
export interface ColMajor {
  rows: number;
  /** All columns: the dense ones first, then the sparse ones (when `sparse` is set). */
  cols: number;
  /**
   * The dense columns, `denseCols(m)` of them, column by column. Float32 for a large training design (see
   * prep/pipeline's FLOAT32_CELLS): half the memory, each z-score rounded once to 24 bits; every reader does its
   * arithmetic in double.
   */
  data: Floats;
  /**
   * The design's last `sparse.cols` columns, stored by row (CSR): the TF-IDF terms of note columns, mostly
   * zeros. Absent: every column is dense. Code that reads `data[j * rows + i]` must stop at `denseCols(m)`.
   */
  sparse?: SparseRows;
}

/** Storage of a design's dense cells: Float64, or Float32 for large training designs. */
export type Floats = Float64Array | Float32Array;

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

/**
 * Throws (naming `who`) when `data` or the sparse part cannot hold rows × cols: a caller's bug. O(1): the
 * CSR's indices are trusted (they come from prep/).
 */
export function checkShape(m: ColMajor, who: string): void {
  const d = denseCols(m), s = m.sparse;
  if (d < 0 || m.data.length < m.rows * d) throw new Error(`${who}: matrix data shorter than rows × dense columns`);
  if (s && (s.rowStart.length !== m.rows + 1 || s.colIndex.length < s.rowStart[m.rows] || s.values.length < s.rowStart[m.rows])) {
    throw new Error(`${who}: sparse part does not match ${m.rows} rows`);
  }
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
 * The same matrix with its last `k` columns moved to CSR (zeros dropped): densify's inverse, for tests
 * and small inputs.
 */
export function sparsifyLast(m: ColMajor, k: number): ColMajor {
  const dense = densify(m), n = m.rows, d = m.cols - k;
  if (!(k >= 0 && d >= 0)) throw new Error(`sparsifyLast: ${k} sparse columns of ${m.cols}`);
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = d; j < m.cols; j++) if (dense.data[j * n + i] !== 0) c++;
    rowStart[i + 1] = rowStart[i] + c;
  }
  const colIndex = new Int32Array(rowStart[n]), values = new Float64Array(rowStart[n]);
  for (let i = 0, e = 0; i < n; i++) {
    for (let j = d; j < m.cols; j++) {
      const v = dense.data[j * n + i];
      if (v !== 0) [colIndex[e], values[e++]] = [j - d, v];
    }
  }
  return { rows: n, cols: m.cols, data: dense.data.slice(0, n * d), sparse: { cols: k, rowStart, colIndex, values } };
}

/**
 * Rows `rows[start … start + len)` (or start … start + len when `rows` is null) of every column, dense,
 * into `out` as a len × cols column-major block (column j at out[j·len …]): how row-blocked solvers read a
 * matrix with sparse columns without densifying all of it. Scattered rows are read row by row, four at a
 * time: a row's cells are independent loads that overlap in flight, ~3× faster than column by column with
 * random rows (26 against 100 ms for 100,000 × 30); contiguous rows are copied column by column.
 */
export function gatherBlock(m: ColMajor, rows: Int32Array | null, start: number, len: number, out: Float64Array): void {
  const n = m.rows, d = denseCols(m), data = m.data;
  if (rows) {
    let k = 0;
    for (; k + 3 < len; k += 4) {
      const r0 = rows[start + k], r1 = rows[start + k + 1], r2 = rows[start + k + 2], r3 = rows[start + k + 3];
      for (let j = 0, o = 0, b = k; j < d; j++, o += n, b += len) {
        out[b] = data[o + r0]; out[b + 1] = data[o + r1]; out[b + 2] = data[o + r2]; out[b + 3] = data[o + r3];
      }
    }
    for (; k < len; k++) for (let j = 0, o = rows[start + k], b = k; j < d; j++, o += n, b += len) out[b] = data[o];
  } else {
    for (let j = 0; j < d; j++) out.set(data.subarray(j * n + start, j * n + start + len), j * len);
  }
  const s = m.sparse;
  if (!s) return;
  out.fill(0, d * len, m.cols * len);
  for (let k = 0; k < len; k++) {
    const i = rows ? rows[start + k] : start + k;
    for (let e = s.rowStart[i]; e < s.rowStart[i + 1]; e++) out[(d + s.colIndex[e]) * len + k] = s.values[e];
  }
}

/**
 * The rows `rows` (in that order) as a matrix of the same layout and storage: dense columns copied, the sparse
 * part kept sparse.
 */
export function selectRows(m: ColMajor, rows: ArrayLike<number>): ColMajor {
  const n = m.rows, d = denseCols(m), len = rows.length;
  const data = m.data instanceof Float32Array ? new Float32Array(len * d) : new Float64Array(len * d);
  for (let j = 0; j < d; j++) for (let k = 0, o = j * n, t = j * len; k < len; k++) data[t + k] = m.data[o + rows[k]];
  const s = m.sparse;
  if (!s) return { rows: len, cols: m.cols, data };
  const rowStart = new Int32Array(len + 1);
  for (let k = 0; k < len; k++) rowStart[k + 1] = rowStart[k] + s.rowStart[rows[k] + 1] - s.rowStart[rows[k]];
  const colIndex = new Int32Array(rowStart[len]), values = new Float64Array(rowStart[len]);
  for (let k = 0; k < len; k++) {
    const a = s.rowStart[rows[k]], b = s.rowStart[rows[k] + 1];
    colIndex.set(s.colIndex.subarray(a, b), rowStart[k]);
    values.set(s.values.subarray(a, b), rowStart[k]);
  }
  return { rows: len, cols: m.cols, data, sparse: { cols: s.cols, rowStart, colIndex, values } };
}

/** Column j as n dense values (a copy): O(n) for a dense column, O(n + nnz) for a sparse one (one scan of the CSR). */
export function readColumn(m: ColMajor, j: number, out = new Float64Array(m.rows)): Float64Array {
  const n = m.rows, d = denseCols(m), s = m.sparse;
  if (j < d) {
    out.set(m.data.subarray(j * n, (j + 1) * n));
    return out;
  }
  out.fill(0, 0, n);
  if (!s) return out;
  const c = j - d;
  for (let i = 0; i < n; i++) {
    for (let e = s.rowStart[i]; e < s.rowStart[i + 1]; e++) {
      if (s.colIndex[e] < c) continue;
      if (s.colIndex[e] === c) out[i] = s.values[e];
      break; // ascending within a row
    }
  }
  return out;
}

/*
 * The sparse products below add a row's (or a column's) non-zeros one at a time, in ascending column (row)
 * order, onto what is already there. Adding x·w with x = 0 (w finite) changes no sum, so a solver that sums
 * its dense columns one after the other, in column order, and then calls these gets the same bits as on the
 * matrix densified: the solvers keep that order so that a sparse design fits exactly as its dense twin.
 */

/**
 * out[k] += Σⱼ X[start + k, d + j]·w[d + j] over the sparse columns (d = denseCols) for the rows
 * start … end − 1 (all rows by default), term by term in column order: X·w's sparse part, or a row block's.
 */
export function addSparseProduct(m: ColMajor, w: ArrayLike<number>, out: Float64Array, start = 0, end = m.rows): void {
  const s = m.sparse;
  if (!s) return;
  const d = denseCols(m);
  for (let i = start; i < end; i++) {
    let acc = out[i - start];
    for (let e = s.rowStart[i]; e < s.rowStart[i + 1]; e++) acc += s.values[e] * w[d + s.colIndex[e]];
    out[i - start] = acc;
  }
}

/**
 * g[d + j] += Σᵢ X[i, d + j]·r[i − start] over the sparse columns, rows start … end − 1, term by term in row
 * order: Xᵀr's sparse part (of a row block: a solver that sums a dense column per block passes a zeroed g).
 */
export function addSparseTransposeProduct(m: ColMajor, r: ArrayLike<number>, g: Float64Array, start = 0, end = m.rows): void {
  const s = m.sparse;
  if (!s) return;
  const d = denseCols(m);
  for (let i = start; i < end; i++) {
    const ri = r[i - start];
    if (ri === 0) continue;
    for (let e = s.rowStart[i]; e < s.rowStart[i + 1]; e++) g[d + s.colIndex[e]] += s.values[e] * ri;
  }
}

/**
 * out[i] += Σⱼ wⱼ·X[i, j] (X·w added to out): column by column over the dense part, skipping wⱼ = 0, row
 * by row over the sparse one.
 */
export function addProduct(m: ColMajor, w: ArrayLike<number>, out: Float64Array): void {
  const n = m.rows, d = denseCols(m), data = m.data;
  for (let j = 0; j < d; j++) {
    const wj = w[j], o = j * n;
    if (wj === 0) continue;
    for (let i = 0; i < n; i++) out[i] += wj * data[o + i];
  }
  addSparseProduct(m, w, out);
}

/** A rows × cols matrix of zeros, in Float64 (or Float32 when `float32`). */
export function colMajor(rows: number, cols: number, float32 = false): ColMajor {
  return { rows, cols, data: float32 ? new Float32Array(rows * cols) : new Float64Array(rows * cols) };
}

/** Column j as a view (no copy). */
export function column(m: ColMajor, j: number): Floats {
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
