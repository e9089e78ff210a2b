/**
 * A dense matrix stored column by column (`data[j * rows + i]` is row i of column j):
 * each feature is one contiguous run of memory, as the columnar table stores it, so that
 * passes over a feature are sequential reads.
 */
export interface ColMajor {
  rows: number;
  cols: number;
  data: Float64Array;
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
