/**
 * The loaded data, column by column. Never an array of row objects: a numeric column is one
 * Float64Array (NaN = missing), a coded column is Int32Array codes into a dictionary
 * (−1 = missing), so a million rows × 32 columns take ~256 MB, not gigabytes of objects.
 */
export type ColumnType = 'numeric' | 'binary' | 'categorical' | 'identifier' | 'text' | 'date';

export interface NumericColumn {
  storage: 'numeric';
  name: string;
  type: ColumnType;
  values: Float64Array;
  /** For numeric columns with few distinct values (e.g. 0/1): the values as written in the file. */
  levels?: NumericLevels;
}

/** The distinct values of a low-cardinality numeric column, in ascending numeric order, with their text. */
export interface NumericLevels {
  values: Float64Array;
  labels: string[];
}

export interface CodedColumn {
  storage: 'coded';
  name: string;
  type: ColumnType;
  codes: Int32Array;
  /** Dictionary: code → text as written in the file (trimmed). */
  levels: string[];
}

export type Column = NumericColumn | CodedColumn;

export interface Table {
  rowCount: number;
  columns: Column[];
}

export function isMissing(col: Column, row: number): boolean {
  return col.storage === 'numeric' ? Number.isNaN(col.values[row]) : col.codes[row] < 0;
}

/** The cell as text (for outcome values, split values and categories); '' when missing. */
export function cellText(col: Column, row: number): string {
  if (col.storage === 'coded') {
    const c = col.codes[row];
    return c < 0 ? '' : col.levels[c];
  }
  const v = col.values[row];
  if (Number.isNaN(v)) return '';
  if (col.levels) {
    const k = findLevel(col.levels.values, v);
    if (k >= 0) return col.levels.labels[k];
  }
  return String(v);
}

/** The distinct non-missing values as written in the file, in the column's natural order. */
export function columnLevels(col: Column): string[] | undefined {
  if (col.storage === 'coded') return col.levels;
  return col.levels?.labels;
}

/** Per row, the index of the cell's level in `columnLevels(col)`, or −1 when missing. */
export function levelCodes(col: Column): Int32Array {
  if (col.storage === 'coded') return col.codes;
  const n = col.values.length;
  const out = new Int32Array(n).fill(-1);
  const lv = col.levels;
  if (!lv) throw new Error(`column ${col.name} has no levels`);
  for (let i = 0; i < n; i++) {
    const v = col.values[i];
    if (!Number.isNaN(v)) out[i] = findLevel(lv.values, v);
  }
  return out;
}

function findLevel(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = sorted[mid];
    if (m === v) return mid;
    if (m < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Code-point order, as Python's sorted() orders strings (scikit-learn's OneHotEncoder categories, np.unique). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A numeric column as a coded one whose levels are the cells' text (`cellText`: as written, for columns with few
 * distinct values): a category or a note column that a new file happens to hold as numbers.
 */
export function numbersAsText(src: NumericColumn, name: string, type: ColumnType): CodedColumn {
  if (src.levels) return { storage: 'coded', name, type, codes: levelCodes(src), levels: src.levels.labels.slice() };
  const n = src.values.length;
  const codes = new Int32Array(n);
  const levels: string[] = [];
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = src.values[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = levels.length;
      index.set(v, c);
      levels.push(cellText(src, i));
    }
    codes[i] = c;
  }
  return { storage: 'coded', name, type, codes, levels };
}
